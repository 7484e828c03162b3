from decimal import Decimal

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def rates_as_best_known(apps, schema_editor):
    """Documents issued before the rate was kept: their agreement's rate today, the best known
    (a credit note, its notice's)."""
    Agreement = apps.get_model("estate", "Agreement")
    Notice = apps.get_model("estate", "Notice")
    CreditNote = apps.get_model("estate", "CreditNote")
    Notice.objects.update(vat_rate=Subquery(Agreement.objects.filter(pk=OuterRef("agreement_id")).values("vat_rate")))
    CreditNote.objects.update(vat_rate=Subquery(Notice.objects.filter(pk=OuterRef("credits_id")).values("vat_rate")))


class Migration(migrations.Migration):
    dependencies = [
        ("estate", "0011_credit_notes"),
    ]

    operations = [
        migrations.AddField(
            model_name="creditnote",
            name="vat_rate",
            field=models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=5, verbose_name="VAT rate (%)"),
        ),
        migrations.AddField(
            model_name="notice",
            name="vat_rate",
            field=models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=5, verbose_name="VAT rate (%)"),
        ),
        migrations.RunPython(rates_as_best_known, migrations.RunPython.noop),
    ]

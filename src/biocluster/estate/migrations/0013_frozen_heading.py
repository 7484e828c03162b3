from django.db import migrations, models
from django.db.models import Prefetch


def heading_as_at_this_migration(agreement, lines) -> dict:
    """`estate.notices.heading` as it stood when this migration was written, kept here so that a
    later change to the app's code cannot change what this migration stores."""
    organisation = agreement.organisation
    return {
        "tenant": organisation.name,
        "tenant_address": " ".join(filter(None, [organisation.address, organisation.city])),
        "reference": f"A{agreement.pk:05d}",  # Agreement.reference, a property the historical model lacks
        "kind": agreement.kind,
        "units": [
            {"label": f"{line.unit.building.name} {line.unit.code}", "area": str(line.unit.area)} for line in lines
        ],
    }


def headings_as_best_known(apps, schema_editor):
    """Documents issued before the heading was kept: their agreement's parties and units today,
    the best known (the active lines; an agreement voided since, its lines all the same: the units
    it let). A credit note heads as its notice does."""
    Agreement = apps.get_model("estate", "Agreement")
    AgreementUnit = apps.get_model("estate", "AgreementUnit")
    Notice = apps.get_model("estate", "Notice")
    CreditNote = apps.get_model("estate", "CreditNote")
    agreements = (
        Agreement.objects.filter(pk__in=Notice.objects.values("agreement_id"))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("lines", queryset=AgreementUnit.objects.select_related("unit__building").order_by("unit", "start"))
        )
    )
    for agreement in agreements.iterator(chunk_size=500):
        lines = list(agreement.lines.all())
        stored = heading_as_at_this_migration(agreement, [line for line in lines if line.active] or lines)
        Notice.objects.filter(agreement_id=agreement.pk).update(heading=stored)
        CreditNote.objects.filter(agreement_id=agreement.pk).update(heading=stored)


class Migration(migrations.Migration):
    dependencies = [
        ("estate", "0012_frozen_vat_rate"),
    ]

    operations = [
        migrations.AddField(
            model_name="creditnote",
            name="heading",
            field=models.JSONField(default=dict, editable=False, verbose_name="heading"),
        ),
        migrations.AddField(
            model_name="notice",
            name="heading",
            field=models.JSONField(default=dict, editable=False, verbose_name="heading"),
        ),
        migrations.RunPython(headings_as_best_known, migrations.RunPython.noop),
        # Filled above: from now on a document without its heading is refused where it is saved.
        migrations.AddConstraint(
            model_name="creditnote",
            constraint=models.CheckConstraint(condition=~models.Q(heading={}), name="estate_credit_note_heading"),
        ),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.CheckConstraint(condition=~models.Q(heading={}), name="estate_notice_heading"),
        ),
    ]

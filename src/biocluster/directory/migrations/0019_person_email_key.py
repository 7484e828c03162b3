"""People's addresses as logins are matched against them, case folded in every script and
indexed, filled in for everyone already stored; it replaces the index on lower(email), which
SQLite folds for ASCII letters only. The key is computed by this migration's own copy of
`normalise.email_key` as it stood (see 0017)."""

from django.db import migrations, models

BATCH = 2000


def key_as_at_this_migration(address):
    return (address or "").strip().casefold()[:320]


def fill_keys(apps, schema_editor):
    Person = apps.get_model("directory", "Person")
    connection = schema_editor.connection
    table = connection.ops.quote_name(Person._meta.db_table)
    rows = Person.objects.exclude(email="").order_by("pk").values_list("pk", "email")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        with connection.cursor() as cursor:  # one UPDATE a row, as in 0017
            cursor.executemany(
                f"UPDATE {table} SET email_key = %s WHERE id = %s",  # noqa: S608 - the model's own table
                [(key_as_at_this_migration(address), pk) for pk, address in batch],
            )
        last = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0018_person_email_lower"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="email_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=320),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="person", name="directory_person_email_lower"),
    ]

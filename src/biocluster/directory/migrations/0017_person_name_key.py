"""People's names as the conflict-of-interest check compares them, indexed, and filled in for
everyone already stored. The key is computed by this migration's own copy of
`normalise.person_key` as it stood: a later change to that function must not change what
this migration wrote (a later migration recomputes the keys then)."""

import re
import unicodedata

from django.db import migrations, models

BATCH = 2000


def _part(text):
    text = (text or "").replace("\u2019", "'")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if not plain.strip():
        plain = unicodedata.normalize("NFKC", text)
    return re.sub(r"[-' \s]+", " ", plain.casefold()).strip()


def key_as_at_this_migration(first_name, last_name):
    return f"{_part(first_name)}\t{_part(last_name)}"[:210]


def fill_keys(apps, schema_editor):
    Person = apps.get_model("directory", "Person")
    connection = schema_editor.connection
    table = connection.ops.quote_name(Person._meta.db_table)
    rows = Person.objects.order_by("pk").values_list("pk", "first_name", "last_name")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        with connection.cursor() as cursor:  # one UPDATE a row: bulk_update's CASE grows with the batch squared
            cursor.executemany(
                f"UPDATE {table} SET name_key = %s WHERE id = %s",  # noqa: S608 - the model's own table
                [(key_as_at_this_migration(first, last), pk) for pk, first, last in batch],
            )
        last = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0016_organisation_on_site"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=210),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]

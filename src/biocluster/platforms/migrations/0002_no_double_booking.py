"""No two active bookings of an instrument overlap, buffer included: enforced by the database.

PostgreSQL: the btree_gist extension and an exclusion constraint over
(instrument_id, tstzrange(start, blocked_until, '[)')) for active statuses.
SQLite: BEFORE INSERT / UPDATE triggers doing the same check, inside the
write-locked transaction. The SQL lives in `platforms.constraints`; the app
also re-installs it after every migrate (SQLite drops triggers when a later
migration rebuilds the table).

Not a model-level ExclusionConstraint: that would break SQLite.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


def forwards(apps, schema_editor):
    from biocluster.platforms import constraints

    constraints.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from biocluster.platforms import constraints

    constraints.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("platforms", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # a no-op on other databases
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

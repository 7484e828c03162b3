"""A unit is never let twice for overlapping periods: enforced by the database.

The SQL lives in `estate.constraints` (an exclusion constraint on PostgreSQL, triggers
on SQLite); the app also installs it again after every migrate. Not a model-level
ExclusionConstraint: that would break SQLite.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


def forwards(apps, schema_editor):
    from biocluster.estate import constraints

    constraints.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from biocluster.estate import constraints

    constraints.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("estate", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # a no-op on other databases, and where platforms made it already
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

from django.db import migrations

from biocluster.directory import search_sql


class Migration(migrations.Migration):
    """SQLite: the FTS5 index also indexes four-letter prefixes (search_sql.PREFIXES)."""

    dependencies = [("directory", "0012_importjob_kind")]

    operations = [
        migrations.RunPython(search_sql.rebuild_sqlite_index, search_sql.rebuild_sqlite_index),
    ]

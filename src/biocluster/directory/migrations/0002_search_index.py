from django.db import migrations

from biocluster.directory import search_sql


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(search_sql.forward, search_sql.backward)]

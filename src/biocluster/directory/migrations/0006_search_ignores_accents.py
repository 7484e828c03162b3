from django.db import migrations

from biocluster.directory import search_sql


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_founded_year_range")]

    operations = [migrations.RunPython(search_sql.unaccent_forward, search_sql.unaccent_backward)]

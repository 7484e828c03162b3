from django.db import migrations

from biocluster.directory import reference


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]

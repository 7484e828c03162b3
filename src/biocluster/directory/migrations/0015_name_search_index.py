from django.db import migrations

from biocluster.directory import search_sql


class Migration(migrations.Migration):
    """PostgreSQL: the name and acronym as a tsvector of their own, with its index
    (search_sql.POSTGRESQL_NAME_FORWARD)."""

    dependencies = [("directory", "0014_person_contact_consent")]

    operations = [
        migrations.RunPython(search_sql.name_document_forward, search_sql.name_document_backward),
    ]

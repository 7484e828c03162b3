"""A call's application form, defined by staff as data: sections of typed fields.

`schema` validates a definition (pure), `answers` validates what an applicant entered
against it (pure), `uploads` checks files, and `forms` builds the Django form a page shows.
"""

"""A call's application form, defined by staff as data: sections of typed fields.

`schema` validates a definition (pure), `answers` validates what an applicant entered
against it (pure), and `forms` builds the Django form a page shows (files are
checked by `core.uploads`).
"""

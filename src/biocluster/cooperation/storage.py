"""Where the signed agreements live: outside MEDIA_ROOT, which the demo serves to anyone.

A document is only ever sent by `views.agreement_document`, to the staff.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read on every use rather than cached, so that tests can point it at a temporary folder.
    @property
    def base_location(self):
        root = getattr(settings, "COOPERATION_PRIVATE_ROOT", None)
        return str(root or Path(settings.DATA_DIR) / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def deconstruct(self):
        return ("biocluster.cooperation.storage.PrivateStorage", (), {})


def private_storage():
    return PrivateStorage()

"""Files that only a view checking permission may send (proposal attachments, milestone evidence,
signed agreements): kept outside MEDIA_ROOT, which the demo serves to anyone."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Under the folder the setting named `setting` gives, else DATA_DIR/private."""

    def __init__(self, setting: str = "PRIVATE_ROOT"):
        self.setting = setting
        super().__init__()

    # Read on every use rather than cached, so that tests can point it at a temporary folder.
    @property
    def base_location(self):
        root = getattr(settings, self.setting, None)
        return str(root or Path(settings.DATA_DIR) / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def deconstruct(self):
        return ("biocluster.core.storage.PrivateStorage", (), {"setting": self.setting})


def private_storage():
    """The storage of a field (a callable: the folder is read when a file is used, not at import)."""
    return PrivateStorage()

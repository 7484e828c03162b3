"""The upload checks live in core (`core.uploads`), shared with the other apps that take files."""

from biocluster.core.uploads import CONTENT_TYPES, SIGNATURES, TEXT, check_upload, extension_of

__all__ = ["CONTENT_TYPES", "SIGNATURES", "TEXT", "check_upload", "extension_of"]

"""Checks of an uploaded file: extension, size, and what the bytes are (the calls' forms, the
milestones' evidence, the estate's tenant requests).

The extension alone is whatever the sender typed; the first bytes say what the file
really is, so a renamed executable is refused as the wrong type.
"""

from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
}
TEXT = {"csv", "txt"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "txt": "text/plain",
}
MAX_NAME = 200


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(field: dict, *, name: str, size: int, head: bytes) -> list[str]:
    """Problems with a file for `field` (empty when it is fine). `head` is its first bytes."""
    problems = []
    extension = extension_of(name)
    allowed = field.get("extensions", [])
    if not name or len(name) > MAX_NAME or "\x00" in name:
        problems.append(_("The file needs a name of at most %(limit)s characters.") % {"limit": MAX_NAME})
    if extension not in allowed:
        problems.append(
            _("%(name)s is not an accepted type; accepted: %(types)s.")
            % {"name": name[:MAX_NAME], "types": ", ".join(allowed)}
        )
    elif not _looks_like(extension, head):
        problems.append(
            _("%(name)s does not contain what its extension says (.%(extension)s).")
            % {"name": name[:MAX_NAME], "extension": extension}
        )
    limit = int(field.get("max_size_mb", 10) * 1024 * 1024)
    if size > limit:
        problems.append(
            _("%(name)s is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name[:MAX_NAME],
                "size": round(size / 1024 / 1024, 1),
                "limit": field.get("max_size_mb"),
            }
        )
    if size == 0:
        problems.append(_("The file is empty."))
    return problems


def _looks_like(extension: str, head: bytes) -> bool:
    if extension in TEXT:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # The head may cut a multi-byte character in two: only an error before the end counts.
            return error.start >= len(head) - 3 and b"\x00" not in head
        return b"\x00" not in head
    return any(head.startswith(signature) for signature in SIGNATURES.get(extension, ()))

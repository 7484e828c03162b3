"""The e-mails the demo sent, readable by staff in the browser.

The demo has no mail server: its mailer writes every message to files under
data/mail/ (Django's file backend, one file per connection, messages separated
by a line of dashes), whether the server or the background worker sent it.
"""

import email
import email.policy
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

SEPARATOR = "-" * 79
SHOWN = 200


@dataclass(frozen=True)
class SentMail:
    subject: str
    to: str
    sent_at: object
    body: str


def _messages_of(path: Path):
    # Bytes, not text: an 8-bit body is decoded by the charset its own headers name.
    for chunk in path.read_bytes().split(b"\n" + SEPARATOR.encode() + b"\n"):
        if chunk.strip():
            yield email.message_from_bytes(chunk.strip(b"\n"), policy=email.policy.default)


def _body(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def sent_mail(folder: Path, limit: int = SHOWN) -> list[SentMail]:
    """The latest messages first."""
    if not folder.is_dir():
        return []
    mails = []
    for path in folder.glob("*.log"):
        for message in _messages_of(path):
            try:
                sent_at = parsedate_to_datetime(message["Date"]) if message["Date"] else None
            except (TypeError, ValueError):
                sent_at = None
            mails.append(
                SentMail(str(message["Subject"] or ""), str(message["To"] or ""), sent_at, _body(message))
            )
    mails.sort(key=lambda mail: (mail.sent_at is not None, mail.sent_at), reverse=True)
    return mails[:limit]

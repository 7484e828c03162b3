"""Django's database sessions, read by a statement compiled once per process.

Every signed-in page reads its session, then its user (accounts.backends). Through the ORM each
read compiled its query again: 0.3 ms of CPU for the session and 0.25 ms for the user, on every
signed-in page, for statements that run in a few hundredths of that (docs/platforms-speed.md,
session 11). The session is read by its key only and its expiry compared here: the database
would otherwise compare with a moment, which core.prepared.CompiledOnce cannot stand in for on
SQLite (a moment is written there as text of its own format).
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from biocluster.core import prepared

_KEY = "zz0session0key0placeholder0zz"

_BY_KEY = prepared.CompiledOnce(
    lambda key: Session.objects.filter(session_key=key).values_list("session_data", "expire_date"), _KEY
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        for data, expires in _BY_KEY.rows(self.session_key):
            if expires > timezone.now():
                return Session(session_key=self.session_key, session_data=data, expire_date=expires)
        self._session_key = None
        return None

"""Sign-in sessions kept in the database, whose rows pages read from the cache.

Every signed-in page needs its session. The row is cached under the sessions revision
token (careerfit.revisions), which the database replaces on every login, logout, save and
expiry clean-up, so a session that changed or ended is read afresh in every process at
once. Writes go straight to the database, as with Django's own database sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.sessions.backends import db
from django.utils import timezone

from careerfit import fragments, revisions


@dataclass(frozen=True)
class StoredSession:
    session_data: str
    expire_date: datetime


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        stored = fragments.cached(
            "session", [revisions.current().sessions, self.session_key], self._stored
        )
        if stored is None or stored.expire_date <= timezone.now():
            # As Django's own store does: an unknown or expired key is never reused.
            self._session_key = None
            return {}
        return self.decode(stored.session_data)

    def _stored(self) -> StoredSession | None:
        row = (
            self.model.objects.filter(session_key=self.session_key, expire_date__gt=timezone.now())
            .values_list("session_data", "expire_date")
            .first()
        )
        return None if row is None else StoredSession(*row)

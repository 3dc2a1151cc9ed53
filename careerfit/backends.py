"""Signing in with a username and password, and who the signed-in person is on each page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

from careerfit import fragments, revisions


class AccountBackend(ModelBackend):
    """Django's ModelBackend, with each page's account read from the cache.

    The account is cached with its permissions under the accounts revision token
    (careerfit.revisions), which the database replaces whenever a user, group, membership
    or permission changes. Deactivating an account, changing its password or taking it out
    of a group therefore takes effect on the very next request, in every process.
    """

    def get_user(self, user_id: Any) -> User | None:
        return fragments.cached(
            "account",
            [revisions.current().accounts, user_id],
            lambda: self._user_with_permissions(user_id),
        )

    def _user_with_permissions(self, user_id: Any) -> User | None:
        user = super().get_user(user_id)
        if user is not None:
            # Fills the permission sets ModelBackend keeps on the user, so they are cached too.
            self.get_all_permissions(user)
        return user

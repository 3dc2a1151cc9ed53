"""careerfit's own system checks, run by `manage.py check` and before every server start."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

CONSOLE_MAIL = "django.core.mail.backends.console.EmailBackend"


@register
def mail_is_not_printed(**kwargs: Any) -> list[Error]:
    """A production site must never print mail: a password reset link in a log is a key to
    that person's account for anyone who can read the log."""
    if settings.DEBUG or settings.EMAIL_BACKEND != CONSOLE_MAIL:
        return []
    return [
        Error(
            "Mail would be printed to the log, password reset links included.",
            hint="Set EMAIL_HOST to send mail, or leave it unset: then careerfit sends "
            "none and the password reset page says to ask the site's admins.",
            id="careerfit.E001",
        )
    ]

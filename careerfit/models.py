from django.db import models


class Revision(models.Model):
    """A token the database replaces whenever the data of one kind changes.

    Triggers (careerfit/revisions.py) write a new random token in the same transaction as
    every insert, update and delete on the tables a kind covers, however the change is
    made: admin, import, a management command or a bulk update. A cache key that holds
    the token therefore stops matching the moment the data changes, in every process.
    """

    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", "Role catalogue"
        RESULTS = "results", "Results and their reviews"
        ACCOUNTS = "accounts", "Accounts, groups and permissions"
        SESSIONS = "sessions", "Sign-in sessions"

    kind = models.CharField(max_length=40, primary_key=True, choices=Kind.choices)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.kind} {self.token}"

"""Forms of the public catalogue's pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roles import selectors

ROLE_NOT_FOUND = _("careerfit has no role called “%(value)s”. Choose one from the list.")


class CompareForm(forms.Form):
    """Two roles to set side by side; the field names are the page's query string."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a role…")), *selectors.role_choices()]
        errors = {"invalid_choice": ROLE_NOT_FOUND, "required": _("Choose a role.")}
        self.fields["from"] = forms.ChoiceField(
            label=_("Your role now, or one you know"), choices=choices, error_messages=errors
        )
        self.fields["to"] = forms.ChoiceField(
            label=_("The role to compare it with"), choices=choices, error_messages=errors
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("from") and cleaned.get("from") == cleaned.get("to"):
            raise forms.ValidationError(_("Choose two different roles to compare."))
        return cleaned

    @property
    def names_an_unknown_role(self) -> bool:
        return any(self.has_error(field, code="invalid_choice") for field in ("from", "to"))

"""Every input of the counselor workspace goes through one of these forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms

from assessments.models import ActionStep, Note, ReviewStatus


def _fields_only_helper() -> FormHelper:
    """crispy renders the fields; the template owns the <form> tag and its button."""
    helper = FormHelper()
    helper.form_tag = False
    return helper


class ReviewStatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=ReviewStatus.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _fields_only_helper()


class NoteForm(forms.Form):
    text = forms.CharField(
        label="New note",
        max_length=Note._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the note before saving it."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _fields_only_helper()

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write the note before saving it.")
        return text


class DatePicker(forms.DateInput):
    """The browser's date picker. It can only show a real date, so text that is not one
    is dropped from the redisplayed form (the error message says what to do)."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class ActionStepForm(forms.Form):
    title = forms.CharField(
        label="Step",
        max_length=ActionStep._meta.get_field("title").max_length,
        help_text="For example: start CPIM part 1.",
        error_messages={"required": "Say what the step is."},
    )
    due_on = forms.DateField(
        label="Due (optional)",
        required=False,
        widget=DatePicker(),
        error_messages={"invalid": "Enter the due date as a date, like 2027-03-31."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _fields_only_helper()


class ActionStepDoneForm(forms.Form):
    """Ticks a step off (done=true) or reopens it (done empty)."""

    done = forms.BooleanField(required=False)

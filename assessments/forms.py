"""Every input of the questionnaire, the report and the accounts goes through one of these forms."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.models import MAX_YEARS_EXPERIENCE, Length, Mode
from assessments.selectors import CheckItem, Question
from roles.forms import ROLE_NOT_FOUND
from roles.proficiency import Education, Proficiency


class Action:
    """The buttons of a questionnaire page."""

    NEXT = "next"
    BACK = "back"
    SAVE = "save"
    SUBMIT = "submit"
    CHOICES = [
        (NEXT, _("Next")),
        (BACK, _("Back")),
        (SAVE, _("Save and finish later")),
        (SUBMIT, _("Submit")),
    ]
    # Actions that need every answer on the page; the others keep what was given.
    COMPLETING = {NEXT, SUBMIT}


class StartForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("What do you want to find out?"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        initial=Mode.TARGET,
    )
    role = forms.ChoiceField(
        label=_("Role you have in mind"),
        required=False,
        help_text=_("Only needed for “one role I have in mind”."),
    )
    length = forms.ChoiceField(
        label=_("How long?"),
        choices=[
            (Length.QUICK, _("Quick check: the skills that matter most, 15 to 25 questions")),
            (Length.FULL, _("Full check: every skill")),
        ],
        widget=forms.RadioSelect,
        initial=Length.QUICK,
    )

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Choose a role…")), *roles]  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("mode") == Mode.TARGET and not cleaned.get("role"):
            self.add_error(
                "role", _("Choose the role you have in mind, or pick “Which role fits me?”.")
            )
        return cleaned


def rating_field_name(skill: str) -> str:
    return f"rating-{skill}"


# The answer beside the five levels for a skill a person cannot judge yet: not rated.
NOT_SURE = "unsure"


@dataclass(frozen=True)
class RatingOption:
    """One answer to a skill question: a level, or “Not sure”."""

    id: str
    value: str
    checked: bool
    title: str
    behaviour: str
    example: str


@dataclass(frozen=True)
class RatingItem:
    """One skill question on a page of the questionnaire."""

    skill: str
    name: str
    description: str
    html_name: str
    id: str
    errors: tuple[str, ...]
    options: tuple[RatingOption, ...]
    unsure: RatingOption


class RatingsForm(forms.Form):
    """One page of skill questions. Unknown or extra fields in the POST are ignored."""

    action = forms.ChoiceField(choices=Action.CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args: Any, questions: tuple[Question, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            field = forms.ChoiceField(
                label=question.name,
                choices=[
                    *((str(level.value), level.label) for level in Proficiency),
                    (NOT_SURE, _("Not sure")),
                ],
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _(
                        "Choose one of the five levels, from None to Expert, or “Not sure”."
                    ),
                },
            )
            field.question = question  # type: ignore[attr-defined]
            self.fields[rating_field_name(question.skill)] = field

    def items(self) -> list[RatingItem]:
        """Each question as the page shows it, every text and state worked out once.

        The page has a question's name, id and answer in a dozen places; reading each from
        the bound field every time made the page take half as long again to draw.
        """
        items = []
        for question in self.questions:
            field = self[rating_field_name(question.skill)]
            value = field.value()
            picked = "" if value is None else str(value)
            options = tuple(
                RatingOption(
                    id=f"{field.auto_id}_{level.level}",
                    value=str(level.level),
                    checked=picked == str(level.level),
                    title=f"{level.level} · {level.name}",
                    behaviour=level.behaviour,
                    example=(
                        gettext("For example: %(example)s") % {"example": level.example}
                        if level.example
                        else ""
                    ),
                )
                for level in question.levels
            )
            items.append(
                RatingItem(
                    skill=question.skill,
                    name=question.name,
                    description=question.description,
                    html_name=field.html_name,
                    id=field.auto_id,
                    errors=tuple(str(error) for error in field.errors),
                    options=options,
                    unsure=RatingOption(
                        id=f"{field.auto_id}_{NOT_SURE}",
                        value=NOT_SURE,
                        checked=picked == NOT_SURE,
                        title=gettext("Not sure"),
                        behaviour=gettext("Not counted for or against you; your report lists it."),
                        example="",
                    ),
                )
            )
        return items

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") in Action.COMPLETING:
            for question in self.questions:
                name = rating_field_name(question.skill)
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "Choose a level for {skill}. “None” is fine if it is new to you, "
                            "and “Not sure” if you cannot tell yet."
                        ).format(skill=question.name),
                    )
        return cleaned

    def ratings(self) -> dict[str, int]:
        """The levels given on this page, by skill slug."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(rating_field_name(question.skill))
            if value not in (None, "", NOT_SURE):
                answers[question.skill] = int(value)
        return answers

    def unsure(self) -> list[str]:
        """The skills on this page answered “Not sure”."""
        return [
            question.skill
            for question in self.questions
            if self.cleaned_data.get(rating_field_name(question.skill)) == NOT_SURE
        ]


class CheckAction:
    """The buttons of the checks page."""

    CHECK = "check"
    NEXT = "next"
    BACK = "back"
    SKIP = "skip"
    CHOICES = [
        (CHECK, _("Check my answers")),
        (NEXT, _("Next")),
        (BACK, _("Back")),
        (SKIP, _("Skip the checks")),
    ]


def statements_field_name(skill: str) -> str:
    return f"done-{skill}"


def question_field_name(slug: str) -> str:
    return f"question-{slug}"


class ChecksForm(forms.Form):
    """The checks of a person's Proficient and Expert ratings not yet done: statements to
    tick and knowledge questions, each to answer (or skip the page)."""

    action = forms.ChoiceField(choices=CheckAction.CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args: Any, items: list[CheckItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = [item for item in items if item.done is None]
        for item in self.items:
            if item.statements:
                self.fields[statements_field_name(item.skill)] = forms.MultipleChoiceField(
                    label=f"{item.name}: tick what you have done",
                    choices=[(s.key, s.text) for s in item.statements],
                    required=False,
                    widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                    error_messages={"invalid_choice": _("Tick only statements from the list.")},
                )
            for question in item.questions:
                self.fields[question_field_name(question.slug)] = forms.ChoiceField(
                    label=question.question,
                    choices=list(question.choices),
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    error_messages={"invalid_choice": _("Pick one of the four answers.")},
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == CheckAction.CHECK:
            for item in self.items:
                for question in item.questions:
                    name = question_field_name(question.slug)
                    if not cleaned.get(name) and name not in self.errors:
                        self.add_error(
                            name,
                            _("Pick an answer. If you would rather not, use “Skip the checks”."),
                        )
        return cleaned

    def groups(self) -> list[tuple[CheckItem, forms.BoundField | None, list[forms.BoundField]]]:
        """Each check still to do with its fields: the statements, then the questions."""
        return [
            (
                item,
                self[statements_field_name(item.skill)] if item.statements else None,
                [self[question_field_name(q.slug)] for q in item.questions],
            )
            for item in self.items
        ]

    def records(self) -> dict[str, dict[str, Any]]:
        """What was sent, by skill, in the form Draft.checks keeps."""
        records = {}
        for item in self.items:
            ticked = set(self.cleaned_data.get(statements_field_name(item.skill)) or [])
            records[item.skill] = {
                "level": item.level,
                "shown": [[s.level, s.order] for s in item.statements],
                "ticked": [[s.level, s.order] for s in item.statements if s.key in ticked],
                "answers": {
                    q.slug: self.cleaned_data[question_field_name(q.slug)] for q in item.questions
                },
            }
        return records


class BackgroundForm(forms.Form):
    """The questions about the person: experience, education, certifications and contact."""

    action = forms.ChoiceField(choices=Action.CHOICES, widget=forms.HiddenInput)
    years_experience = forms.DecimalField(
        label=_("Years of work experience in production or a related field"),
        help_text=_("Count full-time years. Use .5 for half a year, for example 2.5."),
        min_value=Decimal(0),
        max_value=Decimal(MAX_YEARS_EXPERIENCE),
        max_digits=3,
        decimal_places=1,
        required=False,
        # A text box with a decimal keypad: number inputs drop what people mistype, so
        # they could not be shown their own answer with the error.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter a number of years, like 3 or 2.5."),
            "max_value": format_lazy(
                _("Enter {years} years or fewer."), years=MAX_YEARS_EXPERIENCE
            ),
            "min_value": _("Years can’t be below 0."),
            "max_decimal_places": _("Use at most one decimal place, like 2.5."),
            "max_digits": format_lazy(
                _("Enter {years} years or fewer."), years=MAX_YEARS_EXPERIENCE
            ),
        },
    )
    education = forms.TypedChoiceField(
        label=_("Highest education you have finished"),
        choices=[("", _("Choose one…")), *Education.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the listed options.")},
    )
    current_role = forms.ChoiceField(
        label=_("Your job now (optional)"),
        help_text=_("If it is one of these, your report can set it beside the role you chose."),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the listed roles, or leave it empty.")},
    )
    certifications_held = forms.MultipleChoiceField(
        label=_("Certifications and training cards you already hold"),
        help_text=_("Leave all unticked if you have none."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only certifications from the list.")},
    )
    conditions_met = forms.MultipleChoiceField(
        label=_("Which of these are true for you?"),
        help_text=_(
            "Some certifications ask for these before you can sit the exam. "
            "Leave unticked what is not true yet."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only statements from the list.")},
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=120,
        required=False,
        help_text=_("Shown on your report so a printed copy is clearly yours."),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Enter an email address like name@example.com, or leave it empty.")
        },
    )

    shared_computer = forms.BooleanField(
        label=_("This is a shared computer"),
        required=False,
        help_text=_(
            "For example at a career center or a library. This browser will then not "
            "remember your result: keep its link, or print or download the report."
        ),
    )

    def __init__(
        self,
        *args: Any,
        certifications: list[tuple[str, str]],
        conditions: list[tuple[str, str]],
        roles: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["current_role"].choices = [  # type: ignore[attr-defined]
            ("", _("None of these, or I’d rather not say")),
            *roles,
        ]
        self.fields["certifications_held"].choices = certifications  # type: ignore[attr-defined]
        self.fields["conditions_met"].choices = conditions  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The buttons carry the action; the hidden field is never rendered.
        self.helper.layout = Layout(
            "years_experience",
            "education",
            "current_role",
            "certifications_held",
            "conditions_met",
            "name",
            "email",
            "shared_computer",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") in Action.COMPLETING:
            if cleaned.get("years_experience") is None and "years_experience" not in self.errors:
                self.add_error("years_experience", _("Enter your years of experience; 0 is fine."))
            if cleaned.get("education") is None and "education" not in self.errors:
                self.add_error("education", _("Choose your highest finished education."))
        return cleaned


class StepMarkForm(forms.Form):
    """Tick a step of the plan off (done on) or reopen it (done absent)."""

    done = forms.BooleanField(required=False)


class CompareWithForm(forms.Form):
    """The role to set beside a result's role; the field name is the page's query string."""

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.ChoiceField(
            label=_("Your job now, or another role"),
            choices=[("", _("Choose a role…")), *roles],
            error_messages={
                "invalid_choice": ROLE_NOT_FOUND,
                "required": _("Choose a role to compare with."),
            },
        )


class ShareForm(forms.Form):
    """The owner's opt-in to show a result to careerfit's career counselors."""

    name = forms.CharField(
        label=_("Your name, as the counselor will see it"),
        max_length=120,
        error_messages={"required": _("Enter the name the counselor should see.")},
    )
    email = forms.EmailField(
        label=_("Email the counselor can reach you at (optional)"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Enter an email address like name@example.com, or leave it empty.")
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that careerfit’s career counselors can see this result, my answers, and "
            "the name and email above. I can stop sharing at any time."
        ),
        error_messages={"required": _("Tick the box to agree, or leave this result private.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=150, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters. Not only numbers, and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, confirm_by_mail: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # With mail, a taken email gets the same answer as a new one (and a mail saying
        # so), so the form never tells who has an account.
        self.confirm_by_mail = confirm_by_mail
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if not self.confirm_by_mail and User.objects.filter(username=email).exists():
            raise forms.ValidationError(
                _("There is already an account with this email. Log in, or reset your password.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", _("The two passwords are different. Type the same one twice.")
            )
        elif first and cleaned.get("email"):
            try:
                password_validation.validate_password(
                    first, User(username=cleaned["email"], email=cleaned["email"])
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That email and password don’t match an account. Check them, or reset your password."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        # Django sets the field's max_length after building it, so nothing checks it: a
        # longer name reached authenticate() and the lockout log's 255-character column.
        self.fields["username"].validators.append(
            MaxLengthValidator(User._meta.get_field("username").max_length)
        )
        self.fields["stay_signed_in"] = forms.BooleanField(
            label=_("Stay logged in on this computer for two weeks"),
            required=False,
            help_text=_(
                "Leave this off on a shared computer: you are logged out when the browser closes."
            ),
        )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip().lower()
        return username

"""Job seeker accounts: sign up and sign in with an email address and a password.

Signing up or in claims the anonymous results made earlier in the same browser.
Password change, reset and sign-out are Django's own views with careerfit's templates.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.views import RESULTS_SESSION_KEY

MODEL_BACKEND = "careerfit.backends.AccountBackend"


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Email", max_length=150, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters. Not only numbers, and not a common password.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(username=email).exists():
            raise forms.ValidationError(
                "There is already an account with this email. Log in, or reset your password."
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are different. Type the same one twice.")
        elif first and cleaned.get("email"):
            try:
                password_validation.validate_password(
                    first, User(username=cleaned["email"], email=cleaned["email"])
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def account_create(*, email: str, password: str) -> User:
    """A job seeker account; the email address is also the name it signs in with."""
    with transaction.atomic():
        user = User(username=email, email=email)
        user.set_password(password)
        user.full_clean()
        user.save()
    return user


def _claim(request: HttpRequest, user: User) -> None:
    tokens = request.session.get(RESULTS_SESSION_KEY, [])
    claimed = services.assessments_claim(owner=user, tokens=tokens) if tokens else 0
    request.session.pop(RESULTS_SESSION_KEY, None)
    if claimed:
        messages.success(
            request,
            f"{claimed} result{'s' if claimed != 1 else ''} from this browser "
            f"{'are' if claimed != 1 else 'is'} now saved in your account.",
        )


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            user = account_create(
                email=form.cleaned_data["email"], password=form.cleaned_data["password1"]
            )
            # login() keeps an anonymous session's data, so this browser's results stay listed.
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, "Your account is ready.")
            _claim(request, user)
            return redirect("assessments:my-results")
    else:
        form = SignupForm()
    return render(request, "registration/signup.html", {"form": form})


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password don’t match an account. Check them, or reset your password.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email"
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip().lower()
        return username


class ClaimingLoginView(LoginView):
    """Sign in, then take over the anonymous results made in this browser."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        _claim(self.request, form.get_user())
        return response

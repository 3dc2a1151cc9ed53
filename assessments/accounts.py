"""Job seeker accounts: sign up and sign in with an email address and a password, the
account's results, its data as a file, and deleting it.

Results made anonymously in this browser move into an account only when the person
confirms it on a page that lists them: on a shared computer, they may be someone else's.
A login lasts until the browser closes, unless the person asks to stay logged in.
Password change, reset and sign-out are Django's own views with careerfit's templates;
the reset mail is sent once the request's transaction commits, and where careerfit sends
no mail the reset page says to ask the site's admins instead.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import LoginView
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from assessments import exports, selectors, services
from assessments.forms import EmailAuthenticationForm, SignupForm
from assessments.views import RESULTS_SESSION_KEY, signed_in

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"
RESULTS_PER_PAGE = 20


def _claimable(request: HttpRequest) -> bool:
    tokens = request.session.get(RESULTS_SESSION_KEY, [])
    return bool(tokens) and selectors.claimable_results(tokens=tokens).exists()


def _sends_mail() -> bool:
    return settings.EMAIL_BACKEND != NO_MAIL


def _mail_after_commit(request: HttpRequest, to: str, template: str, **context: Any) -> None:
    """Send one of careerfit's plain-text mails once the request's writes are saved."""
    context = {"site": request.get_host(), "protocol": request.scheme, **context}
    subject, _newline, body = render_to_string(template, context).partition("\n")
    transaction.on_commit(lambda: send_mail(subject.strip(), body.strip(), None, [to]))


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """With mail, every sign-up answers "check your email": a new address gets a link that
    confirms it, one with an account a mail saying so; nobody learns who has an account.
    Without mail the account is ready at once, and a taken email is a form error."""
    confirm_by_mail = _sends_mail()
    if request.method == "POST":
        form = SignupForm(request.POST, confirm_by_mail=confirm_by_mail)
        if form.is_valid():
            email, password = form.cleaned_data["email"], form.cleaned_data["password1"]
            if confirm_by_mail:
                waiting = services.account_sign_up(email=email, password=password)
                if waiting is None:
                    _mail_after_commit(request, email, "registration/signup_taken_email.txt")
                else:
                    _mail_after_commit(
                        request,
                        email,
                        "registration/signup_confirm_email.txt",
                        uid=urlsafe_base64_encode(force_bytes(waiting.pk)),
                        token=default_token_generator.make_token(waiting),
                    )
                return render(request, "registration/signup_check_email.html", {"email": email})
            user = services.account_create(email=email, password=password)
            # login() keeps an anonymous session's data, so this browser's results stay listed.
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, _("Your account is ready."))
            if _claimable(request):
                return redirect("assessments:account-claim")
            return redirect("assessments:my-results")
    else:
        form = SignupForm(confirm_by_mail=confirm_by_mail)
    return render(request, "registration/signup.html", {"form": form})


@never_cache
@require_safe
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in the confirmation mail: the account starts, logged in in this browser."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or user.is_active or not default_token_generator.check_token(user, token):
        return render(request, "registration/signup_link_invalid.html", status=400)
    services.account_activate(user=user)
    login(request, user, backend=MODEL_BACKEND)
    messages.success(request, _("Your email is confirmed and your account is ready."))
    if _claimable(request):
        return redirect("assessments:account-claim")
    return redirect("assessments:my-results")


class ClaimingLoginView(LoginView):
    """Sign in; then offer the anonymous results this browser remembers, if any."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # 0: the login ends when the browser closes.
        stay = form.cleaned_data.get("stay_signed_in")
        self.request.session.set_expiry(settings.SESSION_COOKIE_AGE if stay else 0)
        if _claimable(self.request):
            return redirect("assessments:account-claim")
        return response

    def get_default_redirect_url(self) -> str:
        """Counselors start in their workspace; everyone else at their results."""
        if self.request.user.has_perm("assessments.review_shared"):
            return reverse("assessments:counselor-dashboard")
        return super().get_default_redirect_url()


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def claim(request: HttpRequest) -> HttpResponse:
    """ "Add these results to your account?": the results this browser made anonymously."""
    tokens = request.session.get(RESULTS_SESSION_KEY, [])
    results = list(selectors.claimable_results(tokens=tokens)) if tokens else []
    if request.method == "POST":
        if request.POST.get("action") == "add" and results:
            claimed = services.assessments_claim(
                owner=signed_in(request), tokens=[r.token for r in results]
            )
            messages.success(
                request,
                ngettext(
                    "{count} result is now saved in your account.",
                    "{count} results are now saved in your account.",
                    claimed,
                ).format(count=claimed),
            )
        else:
            messages.info(
                request,
                _(
                    "Those results were not added. This browser no longer offers them; "
                    "they still open from their own links."
                ),
            )
        request.session.pop(RESULTS_SESSION_KEY, None)
        return redirect("assessments:my-results")
    if not results:
        return redirect("assessments:my-results")
    return render(request, "assessments/claim.html", {"results": results})


@login_required
@never_cache
@require_safe
def my_results(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.owned_results(owner=signed_in(request)), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "assessments/my_results.html", {"page": page})


@login_required
@never_cache
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything careerfit holds about the account, as one JSON file."""
    data = exports.account_data(signed_in(request))
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="careerfit-my-data.json"'
    return response


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    count = selectors.owned_results(owner=user).count()
    if request.method == "POST":
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and all its results were deleted."))
        return redirect("roles:home")
    return render(request, "assessments/account_delete.html", {"result_count": count})


class CommittedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending its mail only once the request's work is saved."""

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        send = super().send_mail
        transaction.on_commit(lambda: send(*args, **kwargs))


class PasswordResetView(auth_views.PasswordResetView):
    form_class = CommittedPasswordResetForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _sends_mail():
            # Nothing to send a link with: say who can help, and take no address.
            return render(request, "registration/password_reset_unavailable.html")
        return super().dispatch(request, *args, **kwargs)

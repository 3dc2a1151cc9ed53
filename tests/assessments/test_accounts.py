"""Job seeker accounts: sign-up, sign-in with lockout, claiming results, owning them,
downloading and deleting everything."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from assessments import services
from assessments.counselor import services as counselor_services
from assessments.models import Draft, Result
from tests.assessments.conftest import BACKGROUND_ANSWERS, background_step_url, fill, result_for
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _anonymous_result(client: Client) -> Result:
    """Take the planner quick check in this client's browser, anonymously."""
    client.post("/assess/", {"mode": "target", "length": "quick", "role": "production-planner"})
    draft = Draft.objects.latest("created_at")
    services.draft_save_answers(draft=draft, answers=dict.fromkeys(draft.skills, 2))
    response = client.post(background_step_url(draft), {"action": "submit", **BACKGROUND_ANSWERS})
    result = Result.objects.get(draft=draft)
    assert response["Location"] == f"/results/{result.token}/"
    return result


def _signup(client: Client, email="Sam@Example.com", password="plant-floor-2026"):
    return client.post(
        "/account/signup/",
        {"email": email, "password1": password, "password2": password},
        follow=True,
    )


NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


def test_without_mail_signing_up_asks_before_adding_this_browsers_results(settings):
    settings.EMAIL_BACKEND = NO_MAIL
    client = Client()
    result = _anonymous_result(client)

    response = _signup(client)

    user = User.objects.get()
    assert (user.username, user.email) == ("sam@example.com", "sam@example.com")
    assert response.redirect_chain == [("/account/claim/", 302)]
    text = _text(response)
    assert "Your account is ready." in text
    assert "Add this result to your account?" in text
    assert '<th scope="row">Production Planner</th>' in text
    result.refresh_from_db()
    assert result.owner is None  # nothing moves before the person says so

    added = client.post("/account/claim/", {"action": "add"}, follow=True)

    assert added.redirect_chain == [("/account/results/", 302)]
    assert "1 result is now saved in your account." in _text(added)
    result.refresh_from_db()
    assert result.owner == user
    assert Draft.objects.get(result=result).owner == user
    assert f'href="/results/{result.token}/">Production Planner</a>' in _text(added)
    # Asked once: the browser no longer offers them.
    assert client.get("/account/claim/")["Location"] == "/account/results/"


def test_on_a_shared_computer_the_next_person_can_refuse_the_results_left_there():
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    computer = Client()
    first_persons = _anonymous_result(computer)
    second_persons = _anonymous_result(computer)

    login = computer.post(
        "/account/login/",
        {"username": "sam@example.com", "password": "plant-floor-2026"},
        follow=True,
    )
    assert login.redirect_chain == [("/account/claim/", 302)]
    assert "Add these 2 results to your account?" in _text(login)
    refused = computer.post("/account/claim/", {"action": "forget"}, follow=True)

    assert "Those results were not added." in _text(refused)
    assert Result.objects.filter(owner__isnull=False).count() == 0
    # The person who made them still opens them from their own link.
    for result in (first_persons, second_persons):
        assert Client().get(f"/results/{result.token}/").status_code == 200
    assert computer.get("/account/claim/")["Location"] == "/account/results/"


def test_logging_in_offers_results_and_ignores_case_in_the_email():
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    client = Client()
    result = _anonymous_result(client)

    response = client.post(
        "/account/login/",
        {"username": "SAM@example.com", "password": "plant-floor-2026"},
        follow=True,
    )

    assert response.redirect_chain == [("/account/claim/", 302)]
    client.post("/account/claim/", {"action": "add"})
    result.refresh_from_db()
    assert result.owner == User.objects.get(username="sam@example.com")


def test_logging_in_without_remembered_results_goes_to_my_results():
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    response = Client().post(
        "/account/login/",
        {"username": "sam@example.com", "password": "plant-floor-2026"},
        follow=True,
    )
    assert response.redirect_chain == [("/account/results/", 302)]


def test_a_login_ends_with_the_browser_unless_the_person_stays_logged_in():
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    short = Client()
    short.post("/account/login/", {"username": "sam@example.com", "password": "plant-floor-2026"})
    kept = Client()
    kept.post(
        "/account/login/",
        {"username": "sam@example.com", "password": "plant-floor-2026", "stay_signed_in": "on"},
    )

    # A cookie with no expiry lives until the browser closes.
    assert short.cookies["sessionid"]["expires"] == ""
    assert short.cookies["sessionid"]["max-age"] == ""
    assert kept.cookies["sessionid"]["max-age"] == 14 * 24 * 3600
    assert short.session.get_expire_at_browser_close() is True
    assert kept.session.get_expire_at_browser_close() is False


def test_an_anonymous_result_is_remembered_only_until_the_browser_closes():
    client = Client()
    _anonymous_result(client)
    assert client.cookies["sessionid"]["max-age"] == ""
    assert client.session.get_expire_at_browser_close() is True


def test_the_shared_computer_box_keeps_the_result_out_of_the_browser_memory():
    client = Client()
    earlier = _anonymous_result(client)
    client.post("/assess/", {"mode": "target", "length": "quick", "role": "production-planner"})
    draft = Draft.objects.latest("created_at")
    services.draft_save_answers(draft=draft, answers=dict.fromkeys(draft.skills, 2))
    response = client.post(
        background_step_url(draft),
        {"action": "submit", **BACKGROUND_ANSWERS, "shared_computer": "on"},
        follow=True,
    )

    result = Result.objects.get(draft=draft)
    assert response.redirect_chain == [(f"/results/{result.token}/", 302)]
    assert "This browser will not remember this result." in _text(response)
    # Nothing this browser made is offered to the next account that logs in here.
    assert "careerfit-results" not in client.session
    assert earlier.owner is None
    User.objects.create_user("next@example.com", "next@example.com", "plant-floor-2026")
    login = client.post(
        "/account/login/", {"username": "next@example.com", "password": "plant-floor-2026"}
    )
    assert login["Location"] == "/account/results/"


def test_forget_this_browser_ends_the_session_and_keeps_the_results():
    client = Client()
    result = _anonymous_result(client)
    page = client.get(f"/results/{result.token}/")
    assert "Forget this browser" in _text(page)
    assert "not opened for 18 months is deleted" in _text(page)

    response = client.post("/browser/forget/", follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "This browser no longer remembers any results" in _text(response)
    assert "careerfit-results" not in client.session
    assert Client().get(f"/results/{result.token}/").status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {
                "email": "taken@example.com",
                "password1": "plant-floor-2026",
                "password2": "plant-floor-2026",
            },
            "There is already an account with this email. Log in, or reset your password.",
        ),
        (
            {
                "email": "new@example.com",
                "password1": "plant-floor-2026",
                "password2": "plant-floor-2027",
            },
            "The two passwords are different. Type the same one twice.",
        ),
        (
            {"email": "new@example.com", "password1": "12345678", "password2": "12345678"},
            "This password is too common.",
        ),
        (
            {
                "email": "not-an-email",
                "password1": "plant-floor-2026",
                "password2": "plant-floor-2026",
            },
            "Enter a valid email address.",
        ),
    ],
)
def test_sign_up_problems_are_explained_and_create_nothing(settings, data, message):
    # Without mail a taken email can only be said; with mail it gets a mail instead.
    settings.EMAIL_BACKEND = NO_MAIL
    User.objects.create_user("taken@example.com", "taken@example.com", "whatever-123")

    response = Client().post("/account/signup/", data)

    assert response.status_code == 200
    assert message in _text(response)
    assert User.objects.count() == 1


def test_repeated_wrong_passwords_lock_the_login_with_a_clear_message():
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    client = Client()
    for _ in range(4):
        wrong = client.post("/account/login/", {"username": "sam@example.com", "password": "nope"})
        assert wrong.status_code == 200
        assert (
            "That email and password don’t match an account. Check them, or reset your password."
            in _text(wrong)
        )

    fifth = client.post("/account/login/", {"username": "sam@example.com", "password": "nope"})
    locked = client.post(
        "/account/login/", {"username": "sam@example.com", "password": "plant-floor-2026"}
    )

    assert fifth.status_code == 429
    assert locked.status_code == 429
    assert "logging in to it from here is paused for 15 minutes" in _text(locked)
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_an_owned_result_is_hidden_from_everyone_else(job_seeker):
    owner = User.objects.create_user("owner@example.com", "owner@example.com", "pw-owner-123")
    draft = services.draft_start(
        mode="target", length="quick", role_slug="production-planner", owner=owner
    )
    fill(draft)
    result = services.result_submit(draft=draft)
    open_draft = services.draft_start(
        mode="target", length="quick", role_slug="production-planner", owner=owner
    )
    paths = [
        f"/results/{result.token}/",
        f"/results/{result.token}/report.json",
        f"/results/{result.token}/report.csv",
        f"/results/{result.token}/delete/",
        f"/assess/{open_draft.token}/step/1/",
        f"/assess/{open_draft.token}/",
    ]

    for path in paths:
        assert client_for(owner).get(path).status_code in {200, 302}
        assert Client().get(path).status_code == 404
        assert client_for(job_seeker).get(path).status_code == 404
    for action in ("delete", "rescore", "retake"):
        assert client_for(job_seeker).post(f"/results/{result.token}/{action}/").status_code == 404
    assert Result.objects.count() == 1
    assert result.owner == owner


def test_my_results_lists_only_mine_in_a_constant_number_of_queries(
    django_assert_num_queries, job_seeker
):
    other = User.objects.create_user("other@example.com", "other@example.com", "pw-other-123")
    client = client_for(job_seeker)

    def add_result(user):
        draft = services.draft_start(mode="explore", length="quick", owner=user)
        fill(draft)
        return services.result_submit(draft=draft)

    mine = add_result(job_seeker)
    add_result(other)
    # session, user, its permissions (2: the menu shows the workspace to counselors),
    # count, page; the same for one result and for three
    with django_assert_num_queries(6):
        one = client.get("/account/results/")
    add_result(job_seeker)
    add_result(job_seeker)
    with django_assert_num_queries(6):
        three = client.get("/account/results/")

    assert _text(one).count('<th scope="row"><a href="/results/') == 1
    assert f'href="/results/{mine.token}/"' in _text(one)
    assert _text(three).count('<th scope="row"><a href="/results/') == 3


def test_pages_for_accounts_send_visitors_to_log_in():
    for path in ["/account/results/", "/account/data.json", "/account/delete/"]:
        response = Client().get(path)
        assert response["Location"] == f"/account/login/?next={path}"


def test_my_data_holds_every_result_and_unfinished_questionnaire(job_seeker, counselor):
    draft = services.draft_start(
        mode="target", length="quick", role_slug="production-planner", owner=job_seeker
    )
    fill(draft)
    result = services.result_submit(draft=draft)
    services.result_share(result=result, name="Sam P.", email="sam@example.com")
    review = result.review
    counselor_services.review_status_set(review=review, status="follow-up", by=counselor)
    counselor_services.action_step_add(
        result=result, title="Sign up for CPIM part 1", due_on=date(2027, 1, 15), by=counselor
    )
    counselor_services.note_add(result=result, author=counselor, text="Private: seems keen.")
    unfinished = services.draft_start(mode="explore", length="quick", owner=job_seeker)
    services.draft_save_answers(draft=unfinished, answers={unfinished.skills[0]: 3})
    services.draft_save_background(
        draft=unfinished,
        years_experience=Decimal("1.5"),
        education=2,
        certifications_held=["osha-10-general-industry"],
        conditions_met=[],
        current_role_slug="production-line-worker",
        name="Sam",
        email="sam@example.com",
    )
    stranger = services.draft_start(mode="explore", length="quick")
    fill(stranger)
    services.result_submit(draft=stranger)

    data = json.loads(client_for(job_seeker).get("/account/data.json").content)

    assert data["account"]["email"] == "seeker@example.com"
    [mine] = data["results"]
    assert mine["answers"]["role"] == "production-planner"
    assert mine["report"]["readiness"] == float(result.readiness)
    result.refresh_from_db()
    assert result.shared_at is not None
    assert mine["sharing"] == {
        "shared_since": result.shared_at.isoformat(),
        "name_shown": "Sam P.",
        "email_shown": "sam@example.com",
    }
    assert mine["counselors"]["status"] == "follow-up"
    assert [c["status"] for c in mine["counselors"]["status_changes"]] == ["new", "follow-up"]
    assert [(s["step"], s["due_on"], s["done_at"]) for s in mine["counselors"]["plan"]] == [
        ("Sign up for CPIM part 1", "2027-01-15", None)
    ]
    assert "seems keen" not in json.dumps(data)
    [draft_data] = data["unfinished_questionnaires"]
    assert {k: v for k, v in draft_data.items() if k not in {"started", "last_saved"}} == {
        "mode": "explore",
        "length": "quick",
        "role": "",
        "answers": {unfinished.skills[0]: 3},
        "answers_kept_from_an_earlier_result": {},
        "years_experience": 1.5,
        "education": "trade",
        "certifications_held": ["osha-10-general-industry"],
        "conditions_met": [],
        "current_role": "production-line-worker",
        "not_sure": [],
        "name": "Sam",
        "email": "sam@example.com",
    }


def test_my_data_reads_a_constant_number_of_queries(
    job_seeker, counselor, django_assert_num_queries
):
    for n in range(3):
        result = result_for("production-planner", owner=job_seeker, share_as=f"Sam {n}")
        counselor_services.action_step_add(
            result=result, title=f"Step {n}", due_on=None, by=counselor
        )
    client = client_for(job_seeker)
    # Session, user, results with their reviews, plan steps, status history, drafts.
    with django_assert_num_queries(6):
        assert client.get("/account/data.json").status_code == 200


def test_deleting_the_account_removes_everything_it_owns_and_nothing_else(job_seeker):
    draft = services.draft_start(
        mode="target", length="quick", role_slug="production-planner", owner=job_seeker
    )
    fill(draft)
    services.result_submit(draft=draft)
    services.draft_start(mode="explore", length="quick", owner=job_seeker)
    stranger = services.draft_start(mode="explore", length="quick")
    fill(stranger)
    kept = services.result_submit(draft=stranger)
    client = client_for(job_seeker)

    assert "your 1 result and any unfinished" in _text(client.get("/account/delete/"))
    response = client.post("/account/delete/", follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Your account and all its results were deleted." in _text(response)
    assert not User.objects.filter(pk=job_seeker.pk).exists()
    assert list(Result.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Draft.objects.values_list("pk", flat=True)) == [stranger.pk]
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email_sets_a_new_password(django_capture_on_commit_callbacks):
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/account/password_reset/", {"email": "sam@example.com"}, follow=True)

    assert "Check your email" in _text(sent)
    assert len(mail.outbox) == 1
    found = re.search(r"http://testserver(/account/reset/\S+/)", str(mail.outbox[0].body))
    assert found is not None
    link = found.group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in _text(form_page)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "new-line-2026!", "new_password2": "new-line-2026!"},
        follow=True,
    )
    assert "Your new password is saved" in _text(done)
    login = Client().post(
        "/account/login/", {"username": "sam@example.com", "password": "new-line-2026!"}
    )
    assert login["Location"] == "/account/results/"


def test_account_forms_need_the_csrf_token(job_seeker):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/account/signup/", {"email": "a@example.com"}).status_code == 403
    assert client.post("/account/login/", {"username": "a@example.com"}).status_code == 403
    client.force_login(job_seeker)
    assert client.post("/account/delete/").status_code == 403
    assert User.objects.filter(pk=job_seeker.pk).exists()


def test_an_email_longer_than_its_column_is_a_form_error_not_a_500():
    long_email = "a" * 300 + "@example.com"
    client = Client(raise_request_exception=False)

    signup = client.post(
        "/account/signup/",
        {"email": long_email, "password1": "plant-floor-2026x", "password2": "plant-floor-2026x"},
    )
    login = client.post("/account/login/", {"username": long_email, "password": "x"})

    assert signup.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 312)." in _text(signup)
    assert not User.objects.filter(email=long_email).exists()
    assert login.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 312)." in _text(login)


def test_a_counselor_who_logs_in_lands_in_the_workspace(counselor):
    response = Client().post(
        "/account/login/", {"username": "casey@center.example", "password": "pw-Casey-123"}
    )
    assert response["Location"] == "/counselor/"
    # A link that asked for a page first still leads there.
    asked = Client().post(
        "/account/login/?next=/account/results/",
        {"username": "casey@center.example", "password": "pw-Casey-123"},
    )
    assert asked["Location"] == "/account/results/"


def test_dates_are_shown_in_the_configured_time_zone(settings):
    import time_machine

    settings.TIME_ZONE = "America/Chicago"
    # 03:30 UTC on 5 January is 21:30 on 4 January in Chicago.
    with time_machine.travel("2026-01-05 03:30:00+00:00", tick=False):
        client = Client()
        result = _anonymous_result(client)
    page = _text(client.get(f"/results/{result.token}/"))
    assert "4 January 2026, 21:30" in page

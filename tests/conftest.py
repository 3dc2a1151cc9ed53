import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import Client
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the real catalogue, loaded once per run."""
    with django_db_blocker.unblock():
        call_command("load_catalogue", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_caches(_test_settings):
    """No test sees what another one cached (in this process's own folder). The database
    cache of rate-limit counts goes back with each test's transaction instead."""
    for cache in caches.all():
        if not isinstance(cache, DatabaseCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English, as a new request thread would: a page asked for in
    Spanish leaves its language active in the thread once the test client has it."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def _catalogue_cache_dir(tmp_path_factory) -> str:
    """A folder for the catalogue cache of this test process alone (pytest-xdist runs
    several, and each empties its caches before every test)."""
    return str(tmp_path_factory.mktemp("catalogue-cache"))


@pytest.fixture
def _test_settings(settings, _catalogue_cache_dir):
    if settings.CACHES["catalogue"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES = {
            **settings.CACHES,
            "catalogue": {**settings.CACHES["catalogue"], "LOCATION": _catalogue_cache_dir},
        }
    # Templates resolve {% static %} without a collected manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def job_seeker(db) -> User:
    return User.objects.create_user("seeker", "seeker@example.com", "pw-seeker-123")


@pytest.fixture
def staff_without_permissions(db) -> User:
    return User.objects.create_user("clerk", "clerk@example.com", "pw-clerk-123", is_staff=True)


@pytest.fixture
def catalogue_editor(db) -> User:
    """Staff with every permission on the catalogue, as an admin would grant."""
    user = User.objects.create_user("editor", "editor@example.com", "pw-editor-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="roles"))
    return user


ROOT = Path(__file__).resolve().parents[1]


def careerfit_process(
    script: str, *, drop: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess:
    """Run `script` in a fresh Python in the checkout, with this environment minus the
    variables whose names start with any of `drop`, plus `env`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return subprocess.run(  # noqa: S603 - a fixed script, run by this interpreter
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**kept, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as pdfminer.six reads it, with runs of white space as one space."""
    from io import BytesIO

    from pdfminer.high_level import extract_text

    return re.sub(r"\s+", " ", extract_text(BytesIO(data)))


def without_csrf(response) -> str:
    """A page's HTML with its CSRF tokens, which differ on every response, blanked."""
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]*"',
        'name="csrfmiddlewaretoken" value=""',
        response.content.decode(),
    )


def counselor_account(email: str) -> User:
    """A counselor as an admin makes one: an account (email as user name) in Counselors."""
    name = email.split("@")[0].capitalize()
    user = User.objects.create_user(email, email, f"pw-{name}-123", first_name=name)
    user.groups.add(Group.objects.get(name="Counselors"))
    return user


@pytest.fixture
def counselor(db) -> User:
    return counselor_account("casey@center.example")


@pytest.fixture
def other_counselor(db) -> User:
    return counselor_account("robin@center.example")


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("admin", "admin@example.com", "pw-admin-123")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def pytest_collection_modifyitems(items):
    """Browser tests run last: their live server flushes the database the others share."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)

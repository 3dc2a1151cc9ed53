"""careerfit's whole stack with two more pages: the least a personal page can cost.

    .venv/bin/gunicorn --chdir bench floor:application   (with careerfit's environment)

`/bench/signed-in/` reads the visitor's session and user, as every signed-in page must,
and answers a constant. `/bench/one-query/` answers a constant after one small query by
primary key, as a page reached by its own link (a questionnaire, a result) must make at
least one. The throughput benchmark measures both beside the real pages: whatever a page
adds to its floor is its own work, and a goal below a page's floor cannot be met by any
page of that kind.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from assessments.models import Draft  # noqa: E402
from careerfit.urls import handler500  # noqa: E402
from careerfit.urls import urlpatterns as careerfit_urls  # noqa: E402


def signed_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        b"signed in" if request.user.is_authenticated else b"anonymous", content_type="text/plain"
    )


def one_query(request: HttpRequest) -> HttpResponse:
    found = Draft.objects.order_by("pk").values_list("pk", flat=True).first()
    return HttpResponse(b"found" if found else b"none", content_type="text/plain")


settings.ROOT_URLCONF = __name__
urlpatterns = [
    path("bench/signed-in/", signed_in),
    path("bench/one-query/", one_query),
    *careerfit_urls,
]
__all__ = ["application", "handler500", "urlpatterns"]

application = get_wsgi_application()

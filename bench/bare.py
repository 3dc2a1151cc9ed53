"""A bare Django view, no middleware, no database: the ceiling the throughput benchmark
measures careerfit's pages against, served by the same gunicorn as `bin/production`.

    .venv/bin/gunicorn --chdir bench bare:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-bare-view",  # noqa: S106 - loopback benchmark only
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", bare)]

application = get_wsgi_application()

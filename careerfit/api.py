"""The careerfit JSON API; its OpenAPI schema is served at /api/openapi.json."""

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from assessments.api import router as assessment_router
from careerfit.throttle import AddressThrottle
from roles.api import router as catalogue_router

api = NinjaAPI(
    title="careerfit API",
    version="1",
    description=(
        "Read access to careerfit's catalogue of production roles, skills and certifications, "
        "and stateless scoring of a questionnaire's answers."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/", catalogue_router)
# Scoring is the one costly operation; the catalogue reads are cached pages of data.
api.add_router("/", assessment_router, throttle=[AddressThrottle("api_scoring")])


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": [{"loc": ["body"], "msg": "The request body is too large."}]},
        status=413,
    )

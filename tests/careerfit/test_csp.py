"""The Content-Security-Policy header careerfit builds once agrees with django-csp's own."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from careerfit.security import ConstantCSPMiddleware

POLICY = {
    "DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'"], "object-src": ["'none'"]}
}


def directives(header):
    """django-csp writes the directives in no fixed order."""
    return sorted(header.split("; "))


def respond(middleware_class, response=None, use_nonce=False):
    request = RequestFactory().get("/")
    middleware = middleware_class(lambda request: response or HttpResponse("ok"))
    middleware.process_request(request)
    if use_nonce:
        str(request.csp_nonce)  # type: ignore[attr-defined]
    return request, middleware.process_response(request, response or HttpResponse("ok"))


def test_the_constant_header_is_the_one_django_csp_builds(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}

    _, ours = respond(ConstantCSPMiddleware)
    _, theirs = respond(CSPMiddleware)

    assert directives(ours[HEADER]) == directives(theirs[HEADER])
    assert directives(ours[HEADER]) == [
        "default-src 'self'",
        "object-src 'none'",
        "script-src 'self'",
    ]
    assert directives(ours[HEADER_REPORT_ONLY]) == directives(theirs[HEADER_REPORT_ONLY])
    assert directives(ours[HEADER_REPORT_ONLY]) == ["default-src 'self'", "img-src 'self'"]


def test_no_report_only_header_without_a_report_only_policy(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None

    _, response = respond(ConstantCSPMiddleware)

    assert HEADER_REPORT_ONLY not in response
    assert directives(response[HEADER]) == [
        "default-src 'self'",
        "object-src 'none'",
        "script-src 'self'",
    ]


def test_a_per_view_change_and_a_nonce_go_through_django_csp(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    changed = HttpResponse("ok")
    changed._csp_update = {"img-src": ["data:"]}  # type: ignore[attr-defined]

    _, updated = respond(ConstantCSPMiddleware, changed)
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**POLICY["DIRECTIVES"], "script-src": ["'self'", NONCE]}
    }
    request, with_nonce = respond(ConstantCSPMiddleware, use_nonce=True)

    assert directives(updated[HEADER]) == [
        "default-src 'self'",
        "img-src data:",
        "object-src 'none'",
        "script-src 'self'",
    ]
    assert directives(with_nonce[HEADER]) == [
        "default-src 'self'",
        "object-src 'none'",
        f"script-src 'self' 'nonce-{request.csp_nonce}'",
    ]


def test_asking_for_a_nonce_after_the_header_is_written_is_an_error(settings):
    from csp.exceptions import CSPNonceError

    settings.CONTENT_SECURITY_POLICY = POLICY
    request, _ = respond(ConstantCSPMiddleware)

    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)

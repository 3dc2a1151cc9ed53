"""The Content-Security-Policy header, built once per process instead of once per response.

django-csp rebuilds the policy string from settings for every response (twice: the policy
and the report-only one), which was the costliest single middleware in
`bench/middleware.py`. careerfit uses no nonces and no per-view policy decorators, so every
response gets the same header. This subclass builds it once and still hands any response
that carries a per-view change, or a request that used a nonce, to django-csp itself.
"""

from __future__ import annotations

from functools import cached_property

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# What django-csp's decorators set on a response to change its policy.
PER_VIEW = tuple(
    f"_csp_{kind}{suffix}"
    for kind in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)


class ConstantCSPMiddleware(CSPMiddleware):
    @cached_property
    def headers(self) -> dict[str, str]:
        built = {HEADER: build_policy(), HEADER_REPORT_ONLY: build_policy(report_only=True)}
        return {name: value for name, value in built.items() if value}

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            any(hasattr(response, name) for name in PER_VIEW)
            or getattr(request, "_csp_nonce", None) is not None
            or settings.DEBUG
            or "EXCLUDE_URL_PREFIXES" in settings.CONTENT_SECURITY_POLICY
        ):
            return super().process_response(request, response)
        for name, value in self.headers.items():
            if name not in response:
                response[name] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response

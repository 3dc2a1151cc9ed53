"""A result's report as a PDF (WeasyPrint), drawn from the same context and partials as
the page, with a title block saying whose report it is, page numbers and a footer.

WeasyPrint fetches nothing: the stylesheets are read from careerfit's static files and
the chart is inline SVG, so a report can never make the server load a URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

# Not Bootstrap: parsing it takes WeasyPrint seconds; report-pdf.css has what is used.
STYLESHEETS = (
    "careerfit/site.css",
    "assessments/report-pdf.css",
)


def _no_fetching() -> Any:
    """WeasyPrint's fetcher, refusing every URL: the report is HTML and CSS of our own."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"careerfit's PDF reports load nothing ({url})")

    return NoFetching()


def _stylesheets() -> list[Any]:
    from weasyprint import CSS

    paths = [finders.find(name) for name in STYLESHEETS]
    return [CSS(filename=path, url_fetcher=_no_fetching()) for path in paths if path]


def report_pdf(context: dict[str, Any]) -> bytes:
    """The PDF of report_pdf.html for a result's report context."""
    # Imported here: WeasyPrint loads Pango at import, which only this download needs.
    from weasyprint import HTML

    html = render_to_string("assessments/report_pdf.html", context)
    document = HTML(string=html, url_fetcher=_no_fetching(), base_url="/")
    pdf: bytes = document.write_pdf(stylesheets=_stylesheets())
    return pdf


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

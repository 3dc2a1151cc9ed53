"""Static file URLs in production: read from the manifest, once per file."""

from __future__ import annotations

import json

import pytest

from careerfit.staticfiles import ManifestStaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "hash": "h", "paths": {"site.css": "site.0123abcd.css"}})
    )
    return ManifestStaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_a_file_gets_its_hashed_url_from_the_manifest_and_keeps_it(storage):
    assert storage.url("site.css") == "/static/site.0123abcd.css"

    # The manifest only changes with a release, which starts new processes.
    storage.hashed_files["site.css"] = "site.9999ffff.css"
    assert storage.url("site.css") == "/static/site.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_an_error_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match=r"Missing staticfiles manifest entry for 'gone\.css'"):
            storage.url("gone.css")

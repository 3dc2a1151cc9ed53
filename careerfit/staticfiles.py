"""Static files as production serves them: whitenoise's compressed, hashed copies."""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Remembers each file's URL once worked out from the manifest.

    The manifest is read when the process starts and stays the same until the next
    release, but working one URL out of it costs about as much as a page's database read,
    and every page asks for several.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if name is None:
            return super().url(name, force)
        key = (name, force)
        if key not in self._urls:
            self._urls[key] = super().url(name, force)
        return self._urls[key]

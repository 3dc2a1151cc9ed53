"""The house rules that no linter checks: selectors read by keyword, one module an audience."""

from __future__ import annotations

import inspect
from types import ModuleType

import pytest

from assessments import selectors as seeker_selectors
from assessments.counselor import selectors as counselor_selectors
from roles import selectors as catalogue_selectors

SELECTOR_MODULES = [catalogue_selectors, seeker_selectors, counselor_selectors]


def public_functions(module: ModuleType) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(function)
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


@pytest.mark.parametrize("module", SELECTOR_MODULES, ids=lambda m: m.__name__)
def test_every_selector_takes_its_arguments_by_keyword(module: ModuleType) -> None:
    positional = {
        f"{name}({parameter})"
        for name, signature in public_functions(module).items()
        for parameter, detail in signature.parameters.items()
        if detail.kind is not inspect.Parameter.KEYWORD_ONLY
    }
    assert positional == set()


def test_each_audience_has_its_own_selectors() -> None:
    names = [set(public_functions(module)) for module in SELECTOR_MODULES]
    catalogue, seeker, counselor = names
    # The public catalogue, the job seeker's own records and the counselor's shared ones.
    assert {"role_list", "role_detail"} <= catalogue
    assert {"result_by_token", "draft_by_token", "owned_results"} <= seeker
    assert {"shared_results", "shared_result", "cohort"} <= counselor
    assert catalogue & seeker == set()
    assert catalogue & counselor == set()
    assert seeker & counselor == set()

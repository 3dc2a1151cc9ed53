"""The questionnaire's page of skill questions, as the form hands it to its template."""

from django.utils import translation

from assessments.forms import NOT_SURE, RatingsForm
from assessments.selectors import LevelChoice, Question

LEVELS = tuple(
    LevelChoice(level=n, name=name, behaviour=f"does {name.lower()}", example=example)
    for n, name, example in (
        (0, "None", ""),
        (1, "Awareness", "Knows the parts list."),
        (2, "Working", "Picks parts from the list."),
        (3, "Proficient", "Fixes the list."),
        (4, "Expert", "Owns the standard."),
    )
)
QUESTIONS = (
    Question(
        skill="bill-of-materials",
        name="Bills of materials",
        description="The lists of parts.",
        category="production",
        levels=LEVELS,
    ),
    Question(
        skill="safety",
        name="Safety",
        description="Working safely.",
        category="quality",
        levels=LEVELS,
    ),
)


def test_an_empty_page_offers_every_level_and_not_sure_with_nothing_picked():
    bom, safety = RatingsForm(questions=QUESTIONS).items()

    assert (bom.skill, bom.name, bom.description) == (
        "bill-of-materials",
        "Bills of materials",
        "The lists of parts.",
    )
    assert (bom.html_name, bom.id, bom.errors) == (
        "rating-bill-of-materials",
        "id_rating-bill-of-materials",
        (),
    )
    assert [(o.id, o.value, o.title, o.checked) for o in bom.options] == [
        ("id_rating-bill-of-materials_0", "0", "0 · None", False),
        ("id_rating-bill-of-materials_1", "1", "1 · Awareness", False),
        ("id_rating-bill-of-materials_2", "2", "2 · Working", False),
        ("id_rating-bill-of-materials_3", "3", "3 · Proficient", False),
        ("id_rating-bill-of-materials_4", "4", "4 · Expert", False),
    ]
    assert [o.example for o in bom.options] == [
        "",
        "For example: Knows the parts list.",
        "For example: Picks parts from the list.",
        "For example: Fixes the list.",
        "For example: Owns the standard.",
    ]
    assert (bom.unsure.id, bom.unsure.value, bom.unsure.title, bom.unsure.checked) == (
        "id_rating-bill-of-materials_unsure",
        NOT_SURE,
        "Not sure",
        False,
    )
    assert bom.unsure.behaviour == "Not counted for or against you; your report lists it."
    assert safety.id == "id_rating-safety"


def test_a_sent_page_keeps_each_pick_and_explains_what_is_missing():
    form = RatingsForm(
        {"action": "next", "rating-bill-of-materials": "3", "rating-safety": ""},
        questions=QUESTIONS,
    )
    assert not form.is_valid()

    bom, safety = form.items()

    assert [o.value for o in bom.options if o.checked] == ["3"]
    assert not bom.unsure.checked
    assert bom.errors == ()
    assert [o.value for o in safety.options if o.checked] == []
    assert not safety.unsure.checked
    assert safety.errors == (
        (
            "Choose a level for Safety. “None” is fine if it is new to you, "
            "and “Not sure” if you cannot tell yet."
        ),
    )


def test_not_sure_stays_picked_and_an_invalid_level_picks_nothing():
    form = RatingsForm(
        {"action": "save", "rating-bill-of-materials": NOT_SURE, "rating-safety": "9"},
        questions=QUESTIONS,
    )
    assert not form.is_valid()

    bom, safety = form.items()

    assert bom.unsure.checked
    assert [o.value for o in bom.options if o.checked] == []
    assert [o.value for o in safety.options if o.checked] == []
    assert not safety.unsure.checked
    assert safety.errors == ("Choose one of the five levels, from None to Expert, or “Not sure”.",)


def test_the_fixed_words_follow_the_language():
    with translation.override("es"):
        bom, _safety = RatingsForm(questions=QUESTIONS).items()

    assert bom.unsure.title == "No estoy seguro"
    assert bom.options[1].example == "Por ejemplo: Knows the parts list."

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.translation import gettext, gettext_lazy, ngettext

from assessments.scoring import Band, FitGroup, Report, RoleFit
from roles.models import CareerLevel
from roles.proficiency import Proficiency

register = template.Library()


@register.filter
def level_name(level: int | None) -> str:
    """'Proficient (3)' for a level; 'Not rated' when there is none."""
    if level is None:
        return gettext("Not rated")
    return f"{Proficiency(level).label} ({level})"


@register.filter
def signed(number: float) -> str:
    """A change with its sign: +12.5, −3.0, 0."""
    if number > 0:
        return f"+{number:g}"
    if number < 0:
        return f"−{abs(number):g}"
    return "0"


@register.filter
def band_label(band: str) -> str:
    """'Nearly ready' for a stored band value."""
    return Band(band).label


@dataclass(frozen=True)
class FitSection:
    group: FitGroup | None
    label: str
    intro: str
    fits: tuple[RoleFit, ...]


FIT_INTROS = {
    FitGroup.NOW: gettext_lazy("Roles at your level that you are ready or nearly ready for."),
    FitGroup.STRETCH: gettext_lazy("A career level above your best fit, and within reach."),
    FitGroup.BELOW: gettext_lazy(
        "You could do these, but they sit below the level your answers show."
    ),
    FitGroup.FURTHER: gettext_lazy(
        "Roles with bigger gaps today. They show where more training could lead."
    ),
    FitGroup.UNJUDGED: gettext_lazy(
        "You did not answer enough about these roles for us to judge them."
    ),
    FitGroup.UNSORTED: gettext_lazy("Readiness for each role, without a ranking by fit."),
}


@register.simple_tag
def fit_sections(report: Report, education: object = None) -> list[FitSection]:
    """The report's role fits in their groups, keeping roles whose usual education is at
    most `education` when it is given. Reports saved before groups come as one section."""
    if not isinstance(education, int):
        education = None
    fits = [
        fit
        for fit in report.role_fit
        if education is None or fit.facts.education is None or fit.facts.education <= education
    ]
    if all(fit.group is None for fit in fits):
        return [FitSection(None, "", "", tuple(fits))] if fits else []
    sections = []
    for group in FitGroup:
        members = tuple(fit for fit in fits if fit.group is group)
        if members:
            sections.append(FitSection(group, group.label, str(FIT_INTROS[group]), members))
    return sections


@register.filter
def career_level_name(level: int) -> str:
    return str(CareerLevel(level).label) if level in CareerLevel.values else ""


@register.filter
def lower_first(text: str) -> str:
    """'reads the schedule…' for 'Reads the schedule…', to follow words like 'a person'."""
    return text[:1].lower() + text[1:]


@register.filter
def usd(amount: int | None) -> str:
    """$68,800 for an amount in dollars; empty for none."""
    return "" if amount is None else f"${amount:,}"


CERTIFICATION_LEVELS = {
    "entry": gettext_lazy("Entry level"),
    "mid": gettext_lazy("Mid-career"),
    "senior": gettext_lazy("Senior"),
}


@register.filter
def certification_level(level: str) -> str:
    return str(CERTIFICATION_LEVELS.get(level, ""))


@register.filter
def steps_for(level_ups: Mapping[str, list[Any]] | None, skill: str) -> list[Any]:
    """A gap's steps up (selectors.level_ups), from the report's context."""
    return list((level_ups or {}).get(skill, []))


@register.filter
def usd_range(amounts: tuple[int, int] | list[int] | None) -> str:
    """'Free', 'about $400' or '$400 to $1,200' for a typical cost range."""
    if not amounts:
        return ""
    low, high = amounts
    if high == 0:
        return gettext("Free")
    if low == high:
        return gettext("about ${amount}").format(amount=f"{low:,}")
    return gettext("${low} to ${high}").format(low=f"{low:,}", high=f"{high:,}")


@register.filter
def hours_range(hours: tuple[int, int] | list[int] | None) -> str:
    """'10 hours' or '8 to 40 hours'."""
    if not hours:
        return ""
    low, high = hours
    if low == high:
        return ngettext("{count} hour", "{count} hours", low).format(count=f"{low:,}")
    return gettext("{low} to {high} hours").format(low=f"{low:,}", high=f"{high:,}")


@register.filter
def translate_label(text: str) -> str:
    """A label kept in English in a saved report (an area, an education, a kind of
    course), in the page's language when careerfit's translations have it."""
    return gettext(text) if text else ""

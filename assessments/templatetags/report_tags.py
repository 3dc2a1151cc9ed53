from django import template

from assessments.scoring import Band
from roles.proficiency import Proficiency

register = template.Library()


@register.filter
def level_name(level: int | None) -> str:
    """'Proficient (3)' for a level; 'Not rated' when there is none."""
    if level is None:
        return "Not rated"
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

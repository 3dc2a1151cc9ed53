"""ORM rows turned into what the questionnaire, scoring and the counselor workspace need,
in fixed numbers of queries."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils import translation

from assessments import scoring
from assessments.models import (
    ActionStep,
    Draft,
    Length,
    PrivateRecord,
    Result,
    Review,
    ReviewStatus,
)
from roles import cache
from roles.models import (
    CareerStep,
    Certification,
    CertificationCondition,
    CertificationSkill,
    CheckStatement,
    Condition,
    KnowledgeQuestion,
    LearningOption,
    LearningOptionSkill,
    LevelUpTip,
    Role,
    RoleRequirement,
    Skill,
    SkillCategory,
    lines_of,
)
from roles.proficiency import BEHAVIOUR, Proficiency

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

QUICK_QUESTION_COUNT = 15

CATEGORY_LABELS = dict(SkillCategory.choices)
CATEGORY_ORDER = {value: index for index, (value, _) in enumerate(SkillCategory.choices)}


@dataclass(frozen=True)
class LevelChoice:
    level: int
    name: str
    behaviour: str
    example: str


@dataclass(frozen=True)
class Question:
    skill: str
    name: str
    description: str
    category: str
    levels: tuple[LevelChoice, ...]


@dataclass(frozen=True)
class QuestionPage:
    category: str
    label: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class QuestionCounts:
    quick: int
    full: int

    @classmethod
    def for_total(cls, total: int) -> QuestionCounts:
        """The quick check asks the first QUICK_QUESTION_COUNT of `total` questions."""
        return cls(quick=min(total, QUICK_QUESTION_COUNT), full=total)


def _requirement_order(requirements: QuerySet[RoleRequirement]) -> QuerySet[RoleRequirement]:
    return requirements.order_by("-is_core", "-importance", "-level", "skill__name_en")


def _explore_skills(length: str) -> tuple[str, ...]:
    """The skills explore mode asks about (scoring.explore_skills), kept in the cache."""
    quick = length == Length.QUICK
    return cache.cached(
        "explore-skills",
        quick,
        compute=lambda: scoring.explore_skills(scoring_catalogue(), quick=quick),
        per_language=False,  # skill slugs
    )


def question_skills(*, role_slug: str | None, length: str) -> list[str]:
    """The skill slugs a questionnaire asks about, most telling first.

    Target mode asks about the role's requirements (must-haves first), the quick check the
    first QUICK_QUESTION_COUNT of them; explore mode about the skills that tell roles
    apart (scoring.explore_skills). A role not in the catalogue has no questions.
    """
    if not role_slug:
        return list(_explore_skills(length))
    slugs = list(
        _requirement_order(RoleRequirement.objects.filter(role__slug=role_slug)).values_list(
            "skill__slug", flat=True
        )
    )
    return slugs[:QUICK_QUESTION_COUNT] if length == Length.QUICK else slugs


def explore_question_counts() -> QuestionCounts:
    return QuestionCounts(
        quick=len(_explore_skills(Length.QUICK)), full=len(_explore_skills(Length.FULL))
    )


@dataclass(frozen=True)
class Questionnaire:
    """The catalogue's side of a draft: the role it is for and its pages of questions."""

    role_title: str  # "" when the draft asks which role fits
    pages: list[QuestionPage]


def questionnaire(*, role_slug: str, skill_slugs: list[str]) -> Questionnaire:
    """The questions of a questionnaire, all from the catalogue: kept in its cache."""
    return cache.cached(
        "questionnaire",
        role_slug,
        *skill_slugs,
        compute=lambda: _questionnaire(role_slug=role_slug, skill_slugs=skill_slugs),
    )


def _questionnaire(*, role_slug: str, skill_slugs: list[str]) -> Questionnaire:
    role_title = (
        Role.objects.filter(slug=role_slug).values_list("title", flat=True).first() or ""
        if role_slug
        else ""
    )
    return Questionnaire(role_title=role_title, pages=question_pages(skill_slugs=skill_slugs))


def _skill_name_map() -> dict[str, str]:
    return cache.cached(
        "skill-names", compute=lambda: dict(Skill.objects.values_list("slug", "name"))
    )


def skill_names(*, slugs: list[str]) -> list[str]:
    """The names of these skills, in the order given; kept in the catalogue cache."""
    names = _skill_name_map()
    return [names[slug] for slug in slugs if slug in names]


def question_pages(*, skill_slugs: list[str]) -> list[QuestionPage]:
    """The questions for these skills, one page per category in the scale's declared order."""
    skills = sorted(
        Skill.objects.filter(slug__in=skill_slugs),
        key=lambda skill: (CATEGORY_ORDER.get(skill.category, 99), skill.name),
    )
    pages: dict[str, list[Question]] = {}
    for skill in skills:
        examples = {level: text for level, _, text in skill.level_examples()}
        pages.setdefault(skill.category, []).append(
            Question(
                skill=skill.slug,
                name=skill.name,
                description=skill.description,
                category=skill.category,
                levels=tuple(
                    LevelChoice(
                        level=level.value,
                        name=str(level.label),
                        behaviour=str(BEHAVIOUR[level]),
                        example=examples.get(level.value, ""),
                    )
                    for level in Proficiency
                ),
            )
        )
    return [
        QuestionPage(
            category=category, label=str(CATEGORY_LABELS[category]), questions=tuple(items)
        )
        for category, items in pages.items()
    ]


def scoring_catalogue() -> scoring.Catalogue:
    """The whole catalogue as scoring's plain dataclasses, kept in the catalogue cache.

    Always in English: saved reports keep its words and its fingerprint names the
    catalogue's content, not the language of the page that first needed it."""

    def english() -> scoring.Catalogue:
        with translation.override("en"):
            return _scoring_catalogue()

    return cache.cached("scoring-catalogue", compute=english, per_language=False)


def _scoring_catalogue() -> scoring.Catalogue:
    """The whole catalogue as scoring's plain dataclasses, in a fixed number of queries."""
    roles = Role.objects.order_by("slug").prefetch_related(
        Prefetch(
            "requirements",
            queryset=_requirement_order(RoleRequirement.objects.select_related("skill")),
        ),
        Prefetch("next_steps", queryset=CareerStep.objects.select_related("to_role")),
    )
    certifications = Certification.objects.order_by("slug").prefetch_related(
        Prefetch("skill_levels", queryset=CertificationSkill.objects.select_related("skill")),
        "waivers",
        Prefetch("prerequisites", queryset=Certification.objects.only("slug", "name")),
        Prefetch("qualifying", queryset=Certification.objects.only("slug", "name")),
        Prefetch(
            "condition_rules",
            queryset=CertificationCondition.objects.select_related("condition").prefetch_related(
                Prefetch("condition__satisfied_by", queryset=Certification.objects.only("slug"))
            ),
        ),
    )
    role_rows = list(roles)
    skills = {req.skill.slug: req.skill for role in role_rows for req in role.requirements.all()}
    tips: dict[str, list[tuple[str, ...]]] = {}
    for skill_slug, level, ways in LevelUpTip.objects.order_by("skill__slug", "level").values_list(
        "skill__slug", "level", "ways"
    ):
        tips.setdefault(skill_slug, [(), (), (), ()])[level - 1] = tuple(lines_of(ways))
    statements: dict[str, list[tuple[int, int]]] = {}
    for skill_slug, level, order in CheckStatement.objects.order_by(
        "skill__slug", "level", "order"
    ).values_list("skill__slug", "level", "order"):
        statements.setdefault(skill_slug, []).append((level, order))
    questions: dict[str, list[tuple[str, str]]] = {}
    for skill_slug, slug, answer in KnowledgeQuestion.objects.order_by(
        "skill__slug", "slug"
    ).values_list("skill__slug", "slug", "answer"):
        questions.setdefault(skill_slug, []).append((slug, answer))
    learning = LearningOption.objects.order_by("slug").prefetch_related(
        Prefetch(
            "skill_levels",
            queryset=LearningOptionSkill.objects.select_related("skill").order_by("skill__slug"),
        )
    )
    return scoring.Catalogue(
        level_tips=tuple((slug, tuple(ways)) for slug, ways in sorted(tips.items())),
        learning=tuple(
            scoring.LearningOffer(
                slug=option.slug,
                name=option.name,
                kind=str(option.get_kind_display()),
                provider_type=option.provider_type,
                hours_low=option.hours_low,
                hours_high=option.hours_high,
                cost_low_usd=option.cost_low_usd,
                cost_high_usd=option.cost_high_usd,
                builds=tuple(
                    (row.skill.slug, row.from_level, row.to_level)
                    for row in option.skill_levels.all()
                ),
            )
            for option in learning
        ),
        checks=tuple(
            scoring.SkillCheck(
                skill=slug,
                statements=tuple(statements.get(slug, ())),
                questions=tuple(questions.get(slug, ())),
            )
            for slug in sorted(set(statements) | set(questions))
        ),
        level_examples=tuple(
            (
                slug,
                (
                    skill.level_1_example,
                    skill.level_2_example,
                    skill.level_3_example,
                    skill.level_4_example,
                ),
            )
            for slug, skill in sorted(skills.items())
        ),
        roles=tuple(
            scoring.RoleProfile(
                slug=role.slug,
                title=role.title,
                requirements=tuple(
                    scoring.Requirement(
                        skill=req.skill.slug,
                        skill_name=req.skill.name,
                        category=req.skill.category,
                        category_label=str(CATEGORY_LABELS[req.skill.category]),
                        level=req.level,
                        importance=req.importance,
                        is_core=req.is_core,
                    )
                    for req in role.requirements.all()
                ),
                next_steps=tuple(
                    scoring.CareerMove(role=step.to_role.slug, typical_years=step.typical_years)
                    for step in role.next_steps.all()
                ),
                facts=scoring.RoleFacts(
                    family=role.family,
                    career_level=role.career_level,
                    min_years=role.experience_min_years,
                    education=role.education,
                    education_label=str(role.get_education_display()) if role.education else "",
                    salary_median_usd=role.salary_median_usd,
                    outlook_growth_percent=(
                        None
                        if role.outlook_growth_percent is None
                        else float(role.outlook_growth_percent)
                    ),
                    outlook_note=role.outlook_note,
                ),
            )
            for role in role_rows
        ),
        certifications=tuple(
            scoring.CertificationOffer(
                slug=cert.slug,
                name=cert.name,
                abbreviation=cert.abbreviation,
                issuing_body=cert.issuing_body,
                is_training_card=cert.kind == Certification.Kind.TRAINING_CARD,
                level=cert.level,
                min_years_experience=cert.min_years_experience,
                skills=tuple(
                    scoring.SkillGain(skill=gain.skill.slug, brings_to_level=gain.brings_to_level)
                    for gain in cert.skill_levels.all()
                ),
                waivers=tuple(
                    scoring.Waiver(
                        education=w.education,
                        years_waived=w.years_waived,
                        education_label=str(w.get_education_display()),
                    )
                    for w in cert.waivers.all()
                ),
                prerequisites=tuple(
                    scoring.Prerequisite(slug=p.slug, name=p.name)
                    for p in sorted(cert.prerequisites.all(), key=lambda p: p.slug)
                ),
                other_conditions=cert.other_conditions,
                min_education=cert.min_education,
                min_education_label=(
                    "" if cert.min_education is None else str(cert.get_min_education_display())
                ),
                qualifying=tuple(
                    scoring.Prerequisite(slug=q.slug, name=q.name)
                    for q in sorted(cert.qualifying.all(), key=lambda q: q.slug)
                ),
                conditions=tuple(
                    scoring.ConditionRule(
                        slug=rule.condition.slug,
                        to_do=rule.condition.to_do,
                        years_waived=rule.years_waived,
                        satisfied_by=tuple(
                            sorted(c.slug for c in rule.condition.satisfied_by.all())
                        ),
                    )
                    for rule in sorted(cert.condition_rules.all(), key=lambda r: r.condition.slug)
                ),
                facts=scoring.CertificationFacts(
                    is_vendor_specific=cert.is_vendor_specific,
                    exam=cert.exam,
                    cost=cert.cost,
                    preparation=cert.preparation,
                    renewal=cert.renewal,
                    uncertainty_note=cert.uncertainty_note,
                    cost_usd=cert.cost_usd,
                    study_hours=cert.study_hours,
                ),
                named_for=tuple(sorted(m.role.slug for m in cert.role_mentions.all())),
            )
            for cert in certifications
        ),
    )


@dataclass(frozen=True)
class LevelUp:
    """One step up a skill's scale: the level reached, what it looks like, the ways there."""

    level: int
    level_name: str
    looks_like: str
    ways: tuple[str, ...]


LevelExamples = dict[str, tuple[str, ...]]
LevelTips = dict[str, tuple[tuple[str, ...], ...]]


def level_up_texts() -> tuple[LevelExamples, LevelTips]:
    """What each level of each skill looks like and the ways up to it, by skill: the
    scoring catalogue's part a report page needs, kept on its own in the catalogue cache
    (reading the whole scoring catalogue for them cost a results page about a tenth of
    its time)."""

    def texts() -> tuple[LevelExamples, LevelTips]:
        catalogue = scoring_catalogue()
        return dict(catalogue.level_examples), dict(catalogue.level_tips)

    return cache.cached("level-up-texts", compute=texts, per_language=False)


def level_ups(*, report: scoring.Report) -> dict[str, list[LevelUp]]:
    """For each gap of a report, the steps from the person's level up to the one needed,
    each with what it looks like and the ways there."""
    examples, tips = level_up_texts()
    steps: dict[str, list[LevelUp]] = {}
    for gap in report.gaps:
        steps[gap.skill] = []
        for step in range((gap.rating or 0) + 1, gap.level + 1):
            looks_like, ways = scoring.level_up(
                examples.get(gap.skill, ()), tips.get(gap.skill, ()), step
            )
            if ways:
                name = str(Proficiency(step).label)
                steps[gap.skill].append(LevelUp(step, name, looks_like, ways))
    return steps


@dataclass(frozen=True)
class Statement:
    key: str  # "level-order", as the form and Draft.checks name it
    level: int
    order: int
    text: str


@dataclass(frozen=True)
class KnowledgeItem:
    slug: str
    question: str
    choices: tuple[tuple[str, str], ...]
    answer: str
    explanation: str

    @property
    def answer_text(self) -> str:
        return dict(self.choices)[self.answer]


@dataclass(frozen=True)
class CheckItem:
    """One rating to check: the skill, the level claimed, the statements and questions to
    show, and what the person already sent for it at this level (None when not yet)."""

    skill: str
    name: str
    level: int
    level_name: str
    statements: tuple[Statement, ...]
    questions: tuple[KnowledgeItem, ...]
    done: dict[str, Any] | None
    status: scoring.CheckStatus | None = None  # once done

    @property
    def ticked_count(self) -> int:
        return len((self.done or {}).get("ticked", []))

    @property
    def reviews(self) -> list[tuple[KnowledgeItem, str]]:
        """Each question with the text of the answer sent ("" when none)."""
        answers = (self.done or {}).get("answers", {})
        return [(q, dict(q.choices).get(answers.get(q.slug, ""), "")) for q in self.questions]


def _check_texts() -> tuple[dict[tuple[str, int, int], str], dict[str, KnowledgeItem]]:
    statements = {
        (skill, level, order): text
        for skill, level, order, text in CheckStatement.objects.values_list(
            "skill__slug", "level", "order", "text"
        )
    }
    questions = {
        q.slug: KnowledgeItem(
            slug=q.slug,
            question=q.question,
            choices=tuple(q.choices()),
            answer=q.answer,
            explanation=q.explanation,
        )
        for q in KnowledgeQuestion.objects.all()
    }
    return statements, questions


def check_texts() -> tuple[dict[tuple[str, int, int], str], dict[str, KnowledgeItem]]:
    """Every check statement's text and knowledge question, kept in the catalogue cache."""
    return cache.cached("check-texts", compute=_check_texts)


def _must_haves(catalogue: scoring.Catalogue, role_slug: str) -> frozenset[str]:
    roles = [catalogue.role(role_slug)] if role_slug else list(catalogue.roles)
    return frozenset(req.skill for role in roles for req in role.requirements if req.is_core)


def checks_due(*, draft: Draft) -> list[CheckItem]:
    """The ratings of this draft the questionnaire checks (scoring.skills_to_check), with
    the words to show: must-haves of the role (of any role when exploring) rated Proficient
    or Expert, and technical skills so rated that have knowledge questions."""
    if all(level < scoring.CHECKED_FROM for level in draft.answers.values()):
        return []  # nothing to check, so no need for the catalogue on every page of questions
    catalogue = scoring_catalogue()
    try:
        must_haves = _must_haves(catalogue, draft.role_slug)
    except KeyError:
        return []
    chosen = scoring.skills_to_check(
        draft.answers, draft.skills, must_haves, catalogue, quick=draft.length == Length.QUICK
    )
    if not chosen:
        return []
    statements, questions = check_texts()
    names = _skill_name_map()
    written = {check.skill: check for check in catalogue.checks}
    items = []
    for check in chosen:
        level = draft.answers[check.skill]
        done = draft.checks.get(check.skill)
        if done is not None and done.get("level") != level:
            done = None
        status = (
            None
            if done is None
            else scoring.check_status(
                level, scoring.check_answers_from(done), written.get(check.skill)
            )
        )
        items.append(
            CheckItem(
                skill=check.skill,
                name=names.get(check.skill, check.skill),
                level=level,
                level_name=str(Proficiency(level).label),
                statements=tuple(
                    Statement(
                        key=f"{lvl}-{order}",
                        level=lvl,
                        order=order,
                        text=statements[(check.skill, lvl, order)],
                    )
                    for lvl, order in check.statements
                    if (check.skill, lvl, order) in statements
                ),
                questions=tuple(
                    questions[slug] for slug, _ in check.questions if slug in questions
                ),
                done=done,
                status=status,
            )
        )
    return items


@functools.lru_cache(maxsize=8)
def catalogue_version(*, catalogue: scoring.Catalogue) -> str:
    """A short fingerprint of the catalogue's content: it changes whenever scoring inputs do."""
    canonical = json.dumps(asdict(catalogue), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def _certifications() -> list[tuple[str, str, str]]:
    """Every certification's slug, name and abbreviation by name, kept in the catalogue cache."""
    return cache.cached(
        "certifications",
        compute=lambda: list(
            Certification.objects.order_by("name").values_list("slug", "name", "abbreviation")
        ),
    )


def condition_choices() -> list[tuple[str, str]]:
    """Every certification condition as the background page asks it, kept in the cache."""
    return cache.cached(
        "conditions",
        compute=lambda: list(
            Condition.objects.order_by("question_en").values_list("slug", "question")
        ),
    )


def certification_choices() -> list[tuple[str, str]]:
    return [(slug, f"{name} ({abbreviation})") for slug, name, abbreviation in _certifications()]


def certification_names(*, slugs: list[str]) -> list[str]:
    wanted = set(slugs)
    return [name for slug, name, _ in _certifications() if slug in wanted]


def _visible_to(owner_id: int | None, viewer: User | AnonymousUser) -> bool:
    """Anonymous drafts and results open for whoever has the link; owned ones for the owner."""
    return owner_id is None or owner_id == viewer.pk


_Record = TypeVar("_Record", bound=PrivateRecord)


def _behind_link(record: _Record | None, viewer: User | AnonymousUser, missing: str) -> _Record:
    """The record a link opens; Http404 with `missing` when there is none, and also when it
    belongs to another account (so a stranger learns nothing)."""
    if record is None or not _visible_to(record.owner_id, viewer):
        raise Http404(missing)
    return record


class _DraftResult(TypedDict):
    result_token: str | None


# The heavy columns: the report, the answers and the requirements scored against.
REPORT_FIELDS = ("report", "requirements_snapshot", "ratings")


def draft_by_token(
    *, token: str, viewer: User | AnonymousUser
) -> WithAnnotations[Draft, _DraftResult]:
    """The draft behind a link, with `result_token` set once it was submitted."""
    return _behind_link(
        Draft.objects.annotate(result_token=F("result__token")).filter(token=token).first(),
        viewer,
        "No such questionnaire.",
    )


def result_by_token(*, token: str, viewer: User | AnonymousUser) -> Result:
    """The result behind a link, with the attempt before it."""
    return _behind_link(
        Result.objects.select_related("previous").filter(token=token).first(),
        viewer,
        "No such result.",
    )


@dataclass(frozen=True)
class SharedPlan:
    """What the counselors agreed with the person, as the person sees it: the review's
    status and the action plan's steps, never a counselor's private notes."""

    status: str
    steps: list[ActionStep]


def shared_plan(*, result: Result) -> SharedPlan | None:
    """The plan of a shared result, in two queries; None while the result is not shared."""
    if not result.is_shared:
        return None
    review = Review.objects.filter(result=result).first()
    status = review.get_status_display() if review else ReviewStatus.NEW.label
    return SharedPlan(status=str(status), steps=list(ActionStep.objects.filter(result=result)))


def shared_step(*, result: Result, pk: int) -> ActionStep:
    """A step of a shared result's plan; Http404 for another result's step or an unshared one."""
    step = ActionStep.objects.filter(result=result, pk=pk, result__shared_at__isnull=False).first()
    if step is None:
        raise Http404("No such step.")
    return step


@dataclass(frozen=True)
class LaterAttempt:
    token: str
    created_at: datetime


def newest_later_attempt(*, result: Result) -> LaterAttempt | None:
    """The newest result taken after this one, if any."""
    row = (
        Result.objects.filter(previous=result)
        .order_by("-created_at")
        .values_list("token", "created_at")
        .first()
    )
    return LaterAttempt(*row) if row else None


def owned_results(*, owner: User) -> QuerySet[Result]:
    """An account's results, newest first, without the heavy report and answer columns."""
    return Result.objects.filter(owner=owner).defer(*REPORT_FIELDS).order_by("-created_at")


def claimable_results(*, tokens: list[str]) -> QuerySet[Result]:
    """The anonymous results this browser remembers, newest first, for the owner to claim."""
    return (
        Result.objects.filter(token__in=tokens, owner__isnull=True)
        .defer(*REPORT_FIELDS)
        .order_by("-created_at")
    )

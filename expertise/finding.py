"""Expert finding: "who can I call about this?", answered from the platform's own evidence.

A question ("wie weet iets van schuldhulpverlening", "expert eenzaamheid Deventer") is
reduced to its topic; places it names become a municipality filter. The search engine
ranks the evidence for the topic: expert profiles, the practices experts are a contact
for, the report sections they wrote and the communities they coordinate. Each piece of
evidence adds to the score of the experts it belongs to, weighted by how strongly it
speaks for them, and becomes a linked reason. An engine's scores are only compared with
the best score of the same list, so the ranking works the same on every engine.

Only what the user may see counts: the engine returns visible evidence only, and the
experts themselves are filtered by visibility and consent.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.models import ReportAuthor, ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from search import dutch
from search.engines import get_engine
from search.query import MAX_QUERY_LENGTH
from search.results import Hit
from wijkwijs import vocabulary
from wijkwijs.models import CommunityPage, MunicipalityPage, ThemePage
from wijkwijs.normalise import normalise
from wijkwijs.visibility import visible
from wijkwijs.vocabulary import named

# The words of asking ("wie weet iets van …", "expert … in …"): not the topic.
QUESTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        """wie weet weten iets van over expert experts expertise deskundige deskundigen
        specialist specialisten kennis heeft hebben ervaring ervaren met kan kunnen kent kennen
        ik mij me we ons helpen vragen vraag contact iemand die bij in de het een en op voor om
        te is zijn er welke wat waar zoek zoeken graag mee denken meedenken""",
    )
)
EVIDENCE_DEPTH = 100  # hits read per evidence search
# How strongly one piece of evidence speaks for a person (their own profile most).
TIE_WEIGHTS = {"profile": 1.0, "contact": 0.6, "author": 0.6, "coordinator": 0.5}
DECLARED_THEME_WEIGHT = 0.5
CLASSIFIED_WEIGHT = 0.3  # work filed under a named theme, though it did not match the words
PROFILE_KINDS = [page.search_kind.value for page in (ExpertPage, PracticePage, CommunityPage)]
REASON_HEADINGS = {
    "place": _("Werkgebied"),
    "theme": _("Thema in het profiel"),
    "tag": _("Expertise"),
    "profile": _("Profiel past bij de vraag"),
    "contact": _("Contactpersoon bij"),
    "author": _("Auteur van"),
    "coordinator": _("Coördinator van"),
}


@dataclass
class Reason:
    kind: str  # theme, tag, profile, contact, author, coordinator, place
    label: str
    url: str
    detail: str = ""  # e.g. the section of a report

    @property
    def heading(self):
        return REASON_HEADINGS[self.kind]


@dataclass
class ExpertMatch:
    expert: ExpertPage
    score: float
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Question:
    """What was asked, as the finder understood it."""

    text: str
    topic: str
    places: list[MunicipalityPage] = field(default_factory=list)
    themes: list[ThemePage] = field(default_factory=list)


@dataclass
class ExpertFinding:
    question: Question
    matches: list[ExpertMatch]
    place_dropped: bool = False  # nobody in the named place: experts elsewhere are shown


def pages_of(model, entries) -> list:
    """The pages of vocabulary entries, in the entries' order."""
    pages = model.objects.in_bulk([entry.page_id for entry in entries])
    return [pages[entry.page_id] for entry in entries if entry.page_id in pages]


def themes_named_in(topic: str) -> list:
    """The themes a topic is about, by their Dutch stems, in Dutch or English: "eenzame
    ouderen" and "loneliness" are about the theme Eenzaamheid."""
    entries = vocabulary.themes().entries
    stemmed = {}
    for entry in entries:
        for name in (*entry.spellings, entry.label_en, entry.slug):
            stems = " ".join(dutch.stems(normalise(name)))
            if stems:
                stemmed.setdefault(stems, entry)
    found = []
    text = " ".join(dutch.stems(topic))
    for stems in sorted(stemmed, key=len, reverse=True):
        pattern = vocabulary.phrase_pattern(stems)
        if pattern.search(text):
            text = pattern.sub(" ", text)
            if stemmed[stems] not in found:
                found.append(stemmed[stems])
    return pages_of(ThemePage, found)


def understand(text: str) -> Question:
    """The topic of a question, the places it names and the themes it is about."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    places, rest = vocabulary.municipalities().named_in(normalise(text))
    topic = " ".join(word for word in rest.split() if word not in QUESTION_WORDS)
    return Question(
        text=text.strip(),
        topic=topic,
        places=pages_of(MunicipalityPage, places),
        themes=themes_named_in(topic),
    )


class Evidence:
    """Scores and reasons per expert, gathered from ranked hits."""

    def __init__(self):
        self.scores = defaultdict(float)
        self.reasons = defaultdict(list)
        self._counted = set()  # (expert, page): the best hit of a page counts once

    def add(self, expert_id, tie, weight, reason, page_id):
        if (expert_id, page_id) in self._counted:
            return
        self._counted.add((expert_id, page_id))
        self.scores[expert_id] += TIE_WEIGHTS[tie] * weight
        self.reasons[expert_id].append(reason)

    def add_hits(self, hits, scale=1.0):
        """Hits of one ranked list (``EvidenceHit``s, or ``Hit``s): each weighs its score
        relative to the best one."""
        best = (max((hit.score for hit in hits), default=0) or 1.0) / scale
        best_of_page = {}  # page id → (rank, its best hit)
        for rank, hit in enumerate(hits):
            best_of_page.setdefault(hit.page_id, (rank, hit))
        ties = evidence_ties({page_id: hit for page_id, (_rank, hit) in best_of_page.items()})
        for page_id, (rank, hit) in best_of_page.items():
            # An engine without scores (the baseline): by rank instead.
            weight = hit.score / best if hit.score else scale / (1 + rank)
            for expert_id, tie, reason in ties.get(page_id, []):
                self.add(expert_id, tie, weight, reason, page_id)


def evidence_ties(hit_of_page) -> dict:
    """page id → [(expert id, tie, reason)] for the pages hit: whose evidence each page is."""
    page_ids = list(hit_of_page)
    ties = defaultdict(list)

    for expert_id in ExpertPage.objects.filter(pk__in=page_ids).values_list("pk", flat=True):
        hit = hit_of_page[expert_id]
        ties[expert_id].append((expert_id, "profile", Reason("profile", hit.title, hit.url)))
    contacts = PracticePage.contacts.through.objects.filter(practicepage_id__in=page_ids)
    for page_id, expert_id in contacts.values_list("practicepage_id", "expertpage_id"):
        hit = hit_of_page[page_id]
        ties[page_id].append((expert_id, "contact", Reason("contact", hit.title, hit.url)))
    authors = ReportAuthor.objects.filter(page_id__in=page_ids, expert__isnull=False)
    for page_id, expert_id in authors.values_list("page_id", "expert_id").distinct():
        hit = hit_of_page[page_id]
        title = hit.parent_title or hit.title
        detail = hit.title if hit.parent_title else ""
        ties[page_id].append((expert_id, "author", Reason("author", title, hit.url, detail)))
    coordinators = CommunityPage.coordinators.through.objects.filter(communitypage_id__in=page_ids)
    for page_id, expert_id in coordinators.values_list("communitypage_id", "expertpage_id"):
        hit = hit_of_page[page_id]
        ties[page_id].append((expert_id, "coordinator", Reason("coordinator", hit.title, hit.url)))
    return ties


# What ties a page to the people it is evidence for (``evidence_ties``).
PEOPLE_OF = {PracticePage: "contacts", ReportPage: "authors__expert", CommunityPage: "coordinators"}


def classified_under(themes, user) -> list[Hit]:
    """The practices, reports and communities filed under ``themes`` that name a person,
    as equal hits: the evidence of people whose work is classified under a theme the
    question names. (Work that names nobody speaks for nobody; among 100,000 sections it
    is most of what a theme files.)"""
    hits = []
    for model, people in PEOPLE_OF.items():
        named_someone = model.objects.filter(themes__in=themes, **{f"{people}__isnull": False})
        pages = visible(named_someone, user).distinct()
        hits += [
            Hit(type="", title=page.title, url=page.url, text="", score=1.0, page_id=page.pk)
            for page in pages
        ]
    return hits


def experts_matching(user, municipalities=(), organisation="", themes=None):
    """The experts ``user`` may see (consent included), narrowed by the filters; ``themes``
    are the pages of a theme filter (None: no filter)."""
    experts = visible(ExpertPage.objects.all(), user)
    for place in municipalities:
        experts = experts.filter(municipalities=place)
    if organisation:
        under = Q(pk__in=[])  # an unknown organisation matches nobody
        for parent in named(OrganisationPage.objects.live(), organisation):
            under |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        experts = experts.filter(under)
    if themes is not None:
        experts = experts.filter(themes__in=themes)
    return experts.distinct()


def declared_reasons(expert, question: Question, wanted_themes: set[int]):
    """Reasons from what the profile itself declares: themes and expertise tags."""
    reasons = []
    for theme in expert.themes.all():
        if theme.pk in wanted_themes:
            reasons.append(Reason("theme", theme.display_title, theme.url))
    topic_words = set(question.topic.split())
    for tag in expert.tags.all():
        if topic_words & set(normalise(tag.name).split()):
            search_url = f"{reverse('search')}?{urlencode({'q': tag.name})}"
            reasons.append(Reason("tag", tag.name, search_url))
    return reasons


def find_experts(text, user, municipality="", organisation="", theme="", engine=None, limit=10):
    """Ranked experts for a question, each with the reasons it was found."""
    question = understand(text)
    places = MunicipalityPage.objects.live()
    chosen_places = list(named(places, municipality)) if municipality else []
    if municipality and not chosen_places:
        return ExpertFinding(question, [])  # an unknown municipality matches nobody
    chosen_themes = list(named(ThemePage.objects.live(), theme)) if theme else None
    topic = question.topic or " ".join(page.title for page in chosen_themes or [])
    evidence = Evidence()
    if topic:
        engine = engine or get_engine()
        theme_filter = {"theme": theme} if theme else {}
        filter_sets = [
            {"type": kinds, **theme_filter}
            for kinds in (PROFILE_KINDS, [ReportPage.search_kind.value])
        ]
        for hits in engine.rank_evidence(topic, filter_sets, user=user, limit=EVIDENCE_DEPTH):
            evidence.add_hits(hits)
    themes = question.themes + (chosen_themes or [])
    if themes:
        evidence.add_hits(classified_under(themes, user), scale=CLASSIFIED_WEIGHT)
    wanted_themes = {page.pk for page in themes}

    def ranked(places):
        experts = experts_matching(user, places, organisation, chosen_themes)
        if topic:
            experts = experts.filter(pk__in=list(evidence.scores)) | experts.filter(
                themes__in=question.themes
            )
        matches = []
        for expert in experts.distinct().prefetch_related("themes", "tags", "municipalities"):
            declared = declared_reasons(expert, question, wanted_themes)
            score = evidence.scores.get(expert.pk, 0.0)
            score += DECLARED_THEME_WEIGHT * sum(r.kind == "theme" for r in declared)
            # A profile hit is shown as its declared themes and tags when there are any.
            found = [
                r for r in evidence.reasons[expert.pk] if not (declared and r.kind == "profile")
            ]
            local = [
                Reason("place", m.title, m.url) for m in expert.municipalities.all() if m in places
            ]
            matches.append(ExpertMatch(expert, score, local + declared + found))
        matches.sort(key=lambda match: (-match.score, match.expert.title))
        return matches[:limit]

    named_places = question.places
    matches = ranked(chosen_places + named_places)
    place_dropped = bool(named_places) and not matches
    if place_dropped:
        matches = ranked(chosen_places)
    return ExpertFinding(question, matches, place_dropped=place_dropped)


def expert_answers(topic, user, engine) -> list[Hit]:
    """The experts the finder names for a topic, as search hits whose snippet gives the
    reasons (the main box's answer to "wie weet iets van …")."""
    answers = []
    for match in find_experts(topic, user, engine=engine).matches:
        reasons = " · ".join(f"{reason.heading}: {reason.label}" for reason in match.reasons)
        answers.append(
            Hit(
                type=str(ExpertPage.search_kind.label),
                kind=ExpertPage.search_kind.value,
                title=match.expert.title,
                url=match.expert.url,
                text=reasons,
                snippet=html.escape(reasons),
                score=round(match.score, 4),
                page_id=match.expert.pk,
            )
        )
    return answers

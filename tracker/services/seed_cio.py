"""Illustrative CIO projects behind the published aggregates of section 7.1.

Deterministic: the same seed file gives the same events, so seeding stays idempotent. Every
published number is a constraint the generated events satisfy; the report then counts the
events, it never reads these numbers back.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.domain.events import NewEvent
from tracker.domain.workflow import CREATED

CIO = "CIO-office"
OWNER = "Portfoliomanagement IT"
LAST_DAY = date(2025, 12, 31)
OPINION_EVENTS = {
    "positief": "oordeel_positief",
    "negatief": "oordeel_negatief",
    "positief_met_adviezen": "oordeel_positief_met_adviezen",
    "positief_onder_voorwaarden": "oordeel_positief_onder_voorwaarden",
    "geen_oordeel": "oordeel_uitgesteld",
}
SUBJECTS = [
    "Vernieuwing werkplekomgeving", "Logistiek informatiesysteem", "Personeelsplanning", "Sensordatavoorziening",
    "Cloudplatform", "Identiteits- en toegangsbeheer", "Onderhoudsmanagement", "Oefenplanning",
    "Gevechtsmanagementsysteem", "Documentmanagement", "Vastgoedregistratie", "Financiële administratie",
    "Netwerkmodernisering", "Datacenterconsolidatie", "Crypto-infrastructuur", "Missie-informatievoorziening",
    "Medische registratie", "Munitieregistratie", "Beveiligingsmonitoring", "Inkoopportaal",
]
UNITS = ["CZSK", "CLAS", "CLSK", "KMar", "DOSCO", "COMMIT", "BS", "DMO", "JIVC"]
CONDITIONS = [
    "Stel een actuele architectuurplaat op", "Borg de personele capaciteit voor de realisatie",
    "Maak concrete afspraken met afhankelijke projecten", "Actualiseer de business case",
    "Voer een risicoanalyse informatiebeveiliging uit", "Herijk de planning met mijlpalen",
]
NEGATIVE = [
    "Onvoldoende zicht op personele capaciteit en risico's.", "Afhankelijkheden van andere projecten niet belegd.",
    "Planning niet realistisch en governance onvoldoende ingericht.", "Scope en architectuur onvoldoende uitgewerkt.",
]


@dataclass
class Project:
    key: str
    title: str
    created: date
    events: list[tuple[date, NewEvent]] = field(default_factory=list)
    prioritised: bool = False
    started: date | None = None
    delivery: tuple[date, bool] | None = None  # (date, on time)
    resubmittable_after: date | None = None


def generate(spec: dict) -> list[tuple[date, NewEvent]]:
    # Reviewed (B311): illustrative seed data, deterministic on purpose; nothing secret.
    rng = random.Random(spec.get("seed", 0))  # nosec B311
    topic = spec["topic"]
    out: list[tuple[date, NewEvent]] = [(date(2021, 6, 1), NewEvent(topic, CREATED, {
        "kind": "thema", "title": spec["title"], "paragraaf": spec.get("paragraaf", ""),
        "voortgangslabel": "{done} van {total} IT-projecten opgeleverd", "voortgang_soort": "it_project"},
        "seed", date(2021, 6, 1)))]
    names = _names(rng)
    projects: list[Project] = []
    projects += _running_projects(spec, topic, names, rng)
    opinion_projects = _opinion_projects(spec, topic, names, rng)
    projects += opinion_projects
    _deliveries(spec, opinion_projects, rng)
    for project in projects:
        out += _project_events(project, topic)
    return out


def _names(rng: random.Random):
    combos = [f"{s} {u}" for s in SUBJECTS for u in UNITS]
    rng.shuffle(combos)
    return iter(combos)


def _spread(year: int, count: int, index: int, start_day: int = 10, span: int = 340) -> date:
    return date(year, 1, 1) + timedelta(days=start_day + (index * span) // max(count, 1))


def _running_projects(spec, topic, names, rng) -> list[Project]:
    """Prioritised projects already running when the tracker took over (delivered 2022-2023)."""
    projects = []
    n = 0
    for year, counts in sorted(spec["illustratief"]["leveringen"].items()):
        year = int(year)
        if year > 2023:
            continue
        on_time = set(rng.sample(range(counts["geleverd"]), counts["binnen_de_tijd"]))
        for i in range(counts["geleverd"]):
            n += 1
            delivered = _spread(year, counts["geleverd"], i)
            project = Project(f"{topic}-lopend-{n:03d}", next(names), date(2022, 1, 10), prioritised=True)
            planned = delivered + timedelta(days=20) if i in on_time else delivered - timedelta(days=90 + 7 * (i % 20))
            project.events.append((date(2022, 1, 10), NewEvent(project.key, "overgenomen_als_lopend", {
                "toelichting": "Lopend project overgenomen uit de portefeuille (CIO-oordeel vóór 2022).",
                "gepland_opleveren": planned.isoformat()}, OWNER, date(2022, 1, 10))))
            project.delivery = (delivered, i in on_time)
            projects.append(project)
    return projects


def _opinion_projects(spec, topic, names, rng) -> list[Project]:
    projects: list[Project] = []
    pool: list[Project] = []  # negative or postponed: may be resubmitted
    findings = spec["published"].get("bevindingen", {})
    for year, counts in sorted(spec["published"]["oordelen"].items()):
        year = int(year)
        outcomes = [o for o, c in counts.items() for _ in range(c)]
        rng.shuffle(outcomes)
        year_projects = []
        for i, outcome in enumerate(outcomes):
            when = _spread(year, len(outcomes), i)
            reuse = [p for p in pool if p.resubmittable_after and p.resubmittable_after < when - timedelta(days=60)]
            if reuse and rng.random() < 0.6:
                project = reuse[0]
                pool.remove(project)
                project.events.append((when - timedelta(days=30), NewEvent(project.key, "opnieuw_ingediend", {
                    "toelichting": "Aangepast plan opnieuw ingediend voor een CIO-oordeel."}, OWNER,
                    when - timedelta(days=30))))
            else:
                project = Project(f"{topic}-{year}-{len(projects) + 1:03d}", next(names), when - timedelta(days=45))
                projects.append(project)
            _opinion(project, outcome, when, rng)
            if outcome in ("negatief", "geen_oordeel"):
                project.resubmittable_after = when
                pool.append(project)
            year_projects.append(project)
        if str(year) in findings or year in findings:
            _findings(findings.get(str(year), findings.get(year)), year_projects, year, rng)
    return projects


def _opinion(project: Project, outcome: str, when: date, rng) -> None:
    data: dict = {}
    if outcome == "negatief":
        data["toelichting"] = rng.choice(NEGATIVE)
    elif outcome == "geen_oordeel":
        data["toelichting"] = "Oordeel uitgesteld: aanvullende informatie gevraagd."
    elif outcome == "positief_met_adviezen":
        data["adviezen"] = "Versterk de sturing op afhankelijkheden en capaciteit."
    project.events.append((when, NewEvent(project.key, OPINION_EVENTS[outcome], data, CIO, when)))
    if outcome in ("positief", "positief_met_adviezen"):
        project.started = when + timedelta(days=30)
    elif outcome == "positief_onder_voorwaarden":
        met_all = True
        last_met = when
        for c in range(1 + rng.randrange(3)):
            key = f"{project.key}-v{c + 1}"
            project.events.append((when, NewEvent(key, CREATED, {
                "kind": "voorwaarde", "title": CONDITIONS[(c + len(project.key)) % len(CONDITIONS)],
                "parent": project.key, "illustratief": True}, CIO, when)))
            project.events.append((when, NewEvent(project.key, "afhankelijkheid_toegevoegd", {
                "op": key, "toelichting": "Voorwaarde uit het CIO-oordeel: vervullen vóór de start."}, CIO, when)))
            met_on = when + timedelta(days=30 + rng.randrange(120))
            accepted_on = met_on + timedelta(days=7 + rng.randrange(21))  # the CIO accepts what the owner declared
            if accepted_on <= LAST_DAY and rng.random() < 0.85:
                project.events.append((met_on, NewEvent(key, "vervuld", {
                    "toelichting": "Aangetoond met bijgewerkte projectdocumentatie."}, OWNER, met_on)))
                project.events.append((accepted_on, NewEvent(key, "aanvaard", {}, CIO, accepted_on)))
                last_met = max(last_met, accepted_on)
            else:
                met_all = False
        if met_all:
            project.started = last_met + timedelta(days=14)
    if project.started and project.started > LAST_DAY:
        project.started = None


def _findings(percentages: dict, projects: list[Project], year: int, rng) -> None:
    categories = [c for c, n in percentages.items() for _ in range(n)]  # percentages of 100 findings
    rng.shuffle(categories)
    for i, category in enumerate(categories):
        project = projects[i % len(projects)]
        when = next(d for d, e in reversed(project.events) if e.type.startswith("oordeel_"))
        key = f"{project.key}-b{sum(1 for _, e in project.events if e.data.get('kind') == 'bevinding') + 1}"
        project.events.append((when, NewEvent(key, CREATED, {
            "kind": "bevinding", "title": f"Bevinding {category.replace('_', ' ')}", "parent": project.key,
            "categorie": category, "illustratief": True}, CIO, when)))


def _deliveries(spec, projects: list[Project], rng) -> None:
    """Pick started projects to be the prioritised deliveries of 2024 and 2025."""
    for year, counts in sorted(spec["illustratief"]["leveringen"].items()):
        year = int(year)
        if year <= 2023:
            continue
        candidates = [p for p in projects if p.started and p.started < date(year, 1, 1) and p.delivery is None]
        chosen = rng.sample(candidates, counts["geleverd"])
        on_time = set(range(counts["binnen_de_tijd"]))
        for i, project in enumerate(chosen):
            project.prioritised = True
            project.delivery = (_spread(year, len(chosen), i), i in on_time)


def _project_events(project: Project, topic: str) -> list[tuple[date, NewEvent]]:
    events = [(project.created, NewEvent(project.key, CREATED, {
        "kind": "it_project", "title": project.title, "parent": topic, "illustratief": True,
        "geprioriteerd": project.prioritised}, OWNER, project.created))]
    events += project.events
    if project.started:
        data = {}
        if project.delivery:
            delivered, on_time = project.delivery
            planned = delivered + timedelta(days=15) if on_time else delivered - timedelta(days=120)
            data["gepland_opleveren"] = max(planned, project.started + timedelta(days=1)).isoformat()
        events.append((project.started, NewEvent(project.key, "gestart", data, OWNER, project.started)))
    if project.delivery:
        delivered, _ = project.delivery
        events.append((delivered, NewEvent(project.key, "opgeleverd", {"opgeleverd_op": delivered.isoformat()},
                                           OWNER, delivered)))
    events.sort(key=lambda pair: pair[0])  # stable: creation order kept within a date
    return events

"""Every report declared once: its name, title, section, builder, what it reads, its row schema, and for the
four published ones the topic it belongs to, its headline and its chart. The CLI, the API (routes and
schemas), the pages, the dashboard and the exports all derive from this list."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import charts, headlines
from .reports import cio, nigs, onvolkomenheden, open_op_orde
from .reports.table import Snapshot, Table


@dataclass(frozen=True)
class Needs:
    """What a report reads of the log as of a peildatum."""

    kinds: frozenset = field(default_factory=frozenset)  # items folded from their own events
    states: frozenset = field(default_factory=frozenset)  # items known by their state as of the date only
    types: frozenset = field(default_factory=frozenset)  # events of these types, of any item
    history: frozenset = field(default_factory=frozenset)  # kinds whose states over time are needed

    def __or__(self, other: Needs) -> Needs:
        return Needs(self.kinds | other.kinds, self.states | other.states, self.types | other.types,
                     self.history | other.history)


TOPICS = Needs(kinds=frozenset({"thema"}))
TREND = Needs(history=frozenset({"aanbeveling"}))
ONVOLKOMENHEDEN = Needs(frozenset({"onvolkomenheid"}), frozenset({"aanbeveling"}))
OPINIONS = Needs(states=frozenset({"it_project"}), types=frozenset(cio.OUTCOMES) | frozenset(cio.STARTS))
MATURITY = Needs(states=frozenset({"defensieonderdeel"}),
                 types=frozenset({"volwassenheid_gemeten", open_op_orde.TARGET_EVENT}))
NIGS = Needs(frozenset({"nigs_route"}), frozenset({"nigs_traject", "werkgever"}))

# Row fields and their JSON types; "?" marks a value that may be null.
STR, INT, BOOL, NUMBER = "string", "integer", "boolean", "number"


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    build: Callable[..., Table]  # (snapshot[, vo_jaar]) -> the table
    needs: Needs
    rows: dict[str, str]  # field -> JSON type (a trailing "?" when it may be null)
    section: str | None = None  # where the Stand van Defensie publishes it
    topic: str | None = None  # the topic whose page shows it
    short: str | None = None  # the topic's name in the navigation
    headline: Callable[[Snapshot], headlines.Headline] | None = None
    chart: Callable[[Snapshot], charts.Chart] | None = None
    page_needs: Needs = field(default_factory=Needs)  # what the topic's page reads besides the report
    vo_year: bool = False  # asked for one verantwoordingsonderzoek (--vo-jaar), by default the latest

    @property
    def reads(self) -> Needs:
        return self.needs | self.page_needs | TOPICS


REPORTS: tuple[Report, ...] = (
    Report("onvolkomenheden", "Onvolkomenheden Algemene Rekenkamer", onvolkomenheden.build, ONVOLKOMENHEDEN,
           {"onvolkomenheid": STR, "plan_van_aanpak": STR, "uitvoering_maatregelen": STR, "status": STR,
            "gereed": STR, "opgevolgd": INT, "totaal": INT, "ernstig": BOOL, "niet_overgenomen": INT,
            "achterstallig": BOOL, "opgelost": BOOL},
           section="6.1", topic="onvolkomenheden", short="Onvolkomenheden",
           headline=headlines.onvolkomenheden_headline, chart=charts.followed, page_needs=TREND),
    Report("cio-oordelen", "CIO-oordelen per jaar", cio.build_opinions, OPINIONS,
           {"jaar": INT, "positief": INT, "negatief": INT, "positief_met_adviezen": INT,
            "positief_onder_voorwaarden": INT, "geen_oordeel": INT, "totaal": INT},
           section="7.1", topic="cio-oordelen", short="CIO-oordelen", headline=headlines.cio_headline,
           chart=charts.opinions),
    Report("nigs", "Nadere Inventarisatie Gevaarlijke Stoffen", nigs.build, NIGS,
           {"route": STR, "werkgevers": INT, "niet_gestart": INT, "inventariseren": INT, "beoordelen": INT,
            "maatregelen_treffen": INT, "borgen": INT, "doorlopen": INT, "illustratief": BOOL},
           section="6.2", topic="nigs", short="NIGS", headline=headlines.nigs_headline, chart=charts.nigs_steps),
    Report("open-op-orde", "Defensie Open op Orde", open_op_orde.build, MATURITY,
           {"jaar": INT, "realisatie": NUMBER + "?", "streefwaarde": NUMBER + "?", "norm": NUMBER + "?",
            "gemeten": INT, "onderdelen": INT, "voorlopig": BOOL},
           section="7.2", topic="open-op-orde", short="Open op Orde", headline=headlines.open_op_orde_headline,
           chart=charts.maturity),
    Report("onvolkomenheden-oordelen", "Oordeel Defensie naast oordeel Rekenkamer", onvolkomenheden.build_verdicts,
           ONVOLKOMENHEDEN,
           {"onvolkomenheid": STR, "ernstig": BOOL, "aanbevelingen_opgevolgd": INT, "aanbevelingen_totaal": INT,
            "claim_defensie": STR + "?", "gereed_volgens_defensie": INT + "?", "oordeel_rekenkamer": STR + "?",
            "oordeel_vo": INT + "?", "voortgang_volgens_rekenkamer": STR + "?", "opgelost": BOOL}),
    Report("rekenkamer", "Oordelen Algemene Rekenkamer per verantwoordingsonderzoek", onvolkomenheden.build_year,
           ONVOLKOMENHEDEN,
           {"onvolkomenheid": STR, "vo_jaar": INT, "oordeel": STR + "?", "voortgang": STR + "?",
            "gepubliceerd": STR + "?", "claim_defensie": STR + "?", "opgevolgd": INT, "totaal": INT},
           vo_year=True),
    Report("cio-bevindingen", "Bevindingen in CIO-oordelen", cio.build_findings,
           Needs(frozenset({"bevinding"}), frozenset({"it_project"})),
           {"jaar": INT, "categorie": STR, "aantal": INT, "percentage": INT + "?"}),
    Report("cio-levering", "Geprioriteerde projecten binnen de tijd", cio.build_deliveries,
           Needs(frozenset({"it_project"}), types=frozenset({"opgeleverd"})),
           {"jaar": INT, "geleverd": INT, "binnen_de_tijd": INT, "percentage": INT + "?"}),
    Report("open-op-orde-onderdelen", "Volwassenheid per defensieonderdeel", open_op_orde.build_units, MATURITY,
           {"onderdeel": STR, "jaar": INT, "score": NUMBER, "illustratief": BOOL}),
)
BY_NAME = {report.name: report for report in REPORTS}
BY_TOPIC = {report.topic: report for report in REPORTS if report.topic is not None}
HEADLINE_FIGURES = TOPICS
for _report in BY_TOPIC.values():
    HEADLINE_FIGURES = HEADLINE_FIGURES | _report.needs
DASHBOARD = HEADLINE_FIGURES | TREND


def full_title(report: Report) -> str:
    """The title with the section of the Stand van Defensie it reproduces, e.g. "CIO-oordelen per jaar (7.1)"."""
    return f"{report.title} ({report.section})" if report.section else report.title

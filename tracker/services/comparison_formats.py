"""A comparison of two peildata as text, CSV or JSON (the CLI and the API), and the grouping of its state changes
that the text and the page show."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date

from tracker.domain.errors import InvalidValue
from tracker.domain.workflow import Registry

from . import csv_forms, dutch
from .comparison import Comparison, Figure, StateChange, TopicComparison, compare, default_dates
from .context import Tracker

FORMATS = ("text", "csv", "json")
TEXT_LIST = 25  # items listed per part in text; JSON and CSV list them all
NAME = "vergelijking"  # as `tracker report` and /api/v1/reports name it
CSV_HEADER = ["thema", "onderdeel", "sleutel", "titel", "soort", "van", "tot", "verschil"]


@dataclass(frozen=True)
class Move:
    """How many items of a kind went from one state to another."""

    kind: str
    kind_label: str
    state_tot: str
    label_van: str
    label_tot: str
    count: int


def moves(topic: TopicComparison, registry: Registry) -> list[Move]:
    """The state changes of a topic by kind and by (from, to), most frequent first."""
    counted = Counter((c.kind, c.label_van or "nog niet aangemaakt", c.state_tot, c.label_tot) for c in topic.changed)
    found = [Move(kind, registry(kind).plural if kind in registry else kind, state, before, after, n)
             for (kind, before, state, after), n in counted.items()]
    return sorted(found, key=lambda m: (m.kind_label, -m.count, m.label_van, m.label_tot))


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InvalidValue(f"De vergelijking kent de formaten {dutch.enumeration(list(FORMATS))}, niet '{fmt[:10]}'.",
                           errors={"format": [f"Kies uit {', '.join(FORMATS)}."]})


def render(comparison: Comparison, fmt: str, registry: Registry, form: csv_forms.Form = csv_forms.NL) -> str:
    check_format(fmt)
    if fmt == "json":
        return json.dumps(comparison.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return as_csv(comparison, form)
    return as_text(comparison, registry)


def command(tracker: Tracker, name: str, van: date | None, tot: date | None, fmt: str,
            form: csv_forms.Form = csv_forms.NL, **others) -> str:
    """The comparison as `tracker report vergelijking --van --tot` prints it (dates left out: see default_dates);
    `others` are the options of the other reports, which it refuses by name."""
    if name != NAME:
        raise InvalidValue(f"--van en --tot horen bij het rapport {NAME}; rapport {name[:40]} neemt --peildatum.",
                           errors={"van": [f"Alleen bij {NAME}."]})
    given = [f"--{option.replace('_', '-')}" for option, value in others.items() if value is not None]
    if given:
        raise InvalidValue(f"De vergelijking neemt --van en --tot, niet {dutch.enumeration(given)}.",
                           errors={"van": ["Gebruik --van en --tot."]})
    check_format(fmt)  # before the work of comparing
    return render(compare(tracker, *default_dates(tracker, van, tot)), fmt, tracker.registry, form)


def figure_line(figure: Figure) -> str:
    """"14 van 38 aanbevelingen opgevolgd → 34 van 38 aanbevelingen opgevolgd (+20)", with what was fixed."""
    before = figure.label_van or "nog niet gevolgd"
    before += " (vastgesteld)" if figure.fixed_van else ""
    after = figure.label_tot + (" (vastgesteld)" if figure.fixed_tot else "")
    return f"{before} → {after} ({figure.change})"


def as_text(comparison: Comparison, registry: Registry) -> str:
    lines = [f"Vergelijking {dutch.long_date(comparison.van)} → {dutch.long_date(comparison.tot)}", ""]
    for topic in comparison.topics:
        parts = _figure_lines(comparison, topic)
        for heading, changes in (("Gereed geworden", topic.done), ("Nieuw", topic.new), ("Afgerond", topic.resolved)):
            parts += _part(heading, [_change(c) for c in changes])
        parts += _part("Wijzigingen van staat", [f"{m.kind_label}: {m.label_van} → {m.label_tot}: {m.count}"
                                                 for m in moves(topic, registry)], len(topic.changed))
        parts += _part("Prognose verschoven", [
            f"{s.title} ({s.key}): {dutch.long_date(s.forecast_van)} → {dutch.long_date(s.forecast_tot)} "
            f"({s.days} dagen later)" for s in topic.slipped])
        for heading, flagged in (("Achterstallig geworden", topic.overdue), ("Met risico geworden", topic.at_risk)):
            parts += _part(heading, [f"{f.title} ({f.key}): {f.state_label}, uiterlijk {dutch.long_date(f.deadline)}"
                                     + (f", prognose {dutch.long_date(f.forecast)}" if f.forecast else "")
                                     for f in flagged])
        parts += _part("Correcties na vaststelling", [
            f"{c.title}: {c.label.lower()} per {dutch.long_date(c.occurred_on)}, vastgelegd op "
            f"{dutch.moment(c.recorded_at)} door {c.actor} (peildatum {dutch.long_date(c.fixed_peildatum)} "
            "vastgesteld)" + (f": {c.reason}" if c.reason else "") for c in topic.corrections])
        lines += [topic.title, *(parts or ["  Geen wijzigingen."]), ""]
    return "\n".join(lines)


def _figure_lines(comparison: Comparison, topic: TopicComparison) -> list[str]:
    if topic.figure is None:
        return []
    lines = [f"  Kerncijfer: {figure_line(topic.figure)}"]
    for day, corrected in ((comparison.van, topic.figure.corrected_van), (comparison.tot, topic.figure.corrected_tot)):
        if corrected:
            lines.append(f"  Met correcties na vaststelling ({dutch.long_date(day)}): {corrected}")
    return lines


def _part(heading: str, entries: list[str], count: int | None = None) -> list[str]:
    """A heading with its count and the first TEXT_LIST entries; nothing when there are none."""
    if not entries:
        return []
    lines = [f"  {heading} ({len(entries) if count is None else count}):"]
    lines += [f"    - {entry}" for entry in entries[:TEXT_LIST]]
    if len(entries) > TEXT_LIST:
        lines.append(f"    … en {len(entries) - TEXT_LIST} meer (alle in --format json of csv)")
    return lines


def _change(change: StateChange) -> str:
    before = change.label_van or "nog niet aangemaakt"
    mark = " (gecorrigeerd na vaststelling)" if change.corrected else ""
    return f"{change.title} ({change.key}): {before} → {change.label_tot}{mark}"


def as_csv(comparison: Comparison, form: csv_forms.Form = csv_forms.NL) -> str:
    """One row per figure and per listed item: what part of the comparison it belongs to, its value at van and at
    tot, and the difference (a number of days for a slipped forecast). In the form asked for (`nl`: `;` and
    decimal commas, for Dutch Excel)."""
    rows: list[list] = []
    for topic in comparison.topics:
        part_rows: list[list] = []
        if topic.figure is not None:
            f = topic.figure
            part_rows.append(["kerncijfer", "", topic.title, "", f.label_van or "", f.label_tot,
                              _number(f.difference)])
        for part, changes in (("gereed", topic.done), ("nieuw", topic.new), ("afgerond", topic.resolved),
                              ("staat gewijzigd", topic.changed)):
            part_rows += [[part, c.key, c.title, c.kind, c.label_van or "", c.label_tot, ""] for c in changes]
        part_rows += [["prognose verschoven", s.key, s.title, s.kind, s.forecast_van, s.forecast_tot, s.days]
                      for s in topic.slipped]
        for part, flagged in (("achterstallig", topic.overdue), ("met risico", topic.at_risk)):
            part_rows += [[part, f.key, f.title, f.kind, "", f.state_label, ""] for f in flagged]
        part_rows += [["correctie na vaststelling", c.key, c.title, "", c.fixed_peildatum, c.occurred_on, c.label]
                      for c in topic.corrections]
        rows += [[topic.key, *row] for row in part_rows]
    return csv_forms.write(CSV_HEADER, rows, form)


def _number(value: float | None):
    """A machine number, as the other CSV exports write them: 20, not 20.0."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value

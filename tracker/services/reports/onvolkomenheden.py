"""Section 6.1: the onvolkomenheden table; the ministry's claim beside the Rekenkamer's verdict; and the
Rekenkamer's verdicts of one VO year.

The verdict is a series, one per VO year. How serious an onvolkomenheid is, and whether it is resolved, follow
from its latest verdict as of the peildatum, never from a field someone set.
"""
from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from tracker.domain.projection import Projected
from tracker.services import dutch

from .table import Snapshot, Table

KIND = "onvolkomenheid"
CLAIMS = {"in_uitvoering": "in uitvoering", "op_orde": "op orde"}
VERDICTS: dict[str | None, str] = {  # looked up with the verdict, which may be missing
    "nieuw": "nieuw", "onvolkomenheid": "onvolkomenheid", "ernstige_onvolkomenheid": "ernstige onvolkomenheid",
    "bezwaar": "bezwaar", "afgeschaald": "afgeschaald", "opgelost": "opgelost"}
PROGRESS = {"vooruitgang": "vooruitgang", "weinig_tot_geen_vooruitgang": "weinig tot geen vooruitgang"}
# Events that state a verdict (a correction does when it names both the VO year and the verdict).
VERDICT_EVENTS = {"jaaroordeel": None, "opgelost_verklaard": "opgelost", "heropend": None, "gegevens_gewijzigd": None}
NOT_TAKEN = "niet_overgenomen"


class Verdict(NamedTuple):
    vo_jaar: int
    oordeel: str
    voortgang: str | None  # of this VO year only
    on: date
    seq: int


def verdicts(snapshot: Snapshot) -> dict[str, list[Verdict]]:
    """Every onvolkomenheid's verdicts up to the peildatum, oldest first."""
    found: dict[str, list[Verdict]] = {}
    for fact in snapshot.facts:
        if fact.type in VERDICT_EVENTS and fact.data.get("vo_jaar") is not None and (
                fact.type != "gegevens_gewijzigd" or "oordeel" in fact.data):
            oordeel = VERDICT_EVENTS[fact.type] or fact.data.get("oordeel", "onvolkomenheid")
            found.setdefault(fact.item, []).append(
                Verdict(fact.data["vo_jaar"], oordeel, fact.data.get("voortgang"), fact.occurred_on, fact.seq))
    return found


def severe(projected: Projected, series: list[Verdict]) -> bool:
    """Serious as of the peildatum: the latest verdict says so ("afgeschaald" ends it). Without any verdict, what
    was recorded when it was created."""
    if series:
        return series[-1].oordeel == "ernstige_onvolkomenheid"
    return bool(projected.item.attributes.get("ernstig", False))


def _period(attributes) -> str:
    start, end = attributes.get("uitvoering_van"), attributes.get("uitvoering_tot")
    return f"{start}-{end}" if start and end else str(start or end or "")


def _not_taken(snapshot: Snapshot, key: str) -> int:
    return sum(1 for c in snapshot.children(key) if c.item.kind == "aanbeveling" and c.item.state == NOT_TAKEN)


def overdue(projected: Projected, peildatum: date) -> bool:
    """Open past the year Defensie expects it solved ("gereed")."""
    ready = projected.item.attributes.get("gereed")
    return not projected.done and isinstance(ready, int) and date(ready, 12, 31) < peildatum


def build(snapshot: Snapshot) -> Table:
    rows, cells = [], []
    presented: dict[date, list] = {}
    earlier_vo = []
    series = verdicts(snapshot)
    resolved: list[str] = []
    for projected in snapshot.of_kind(KIND):
        item, attributes = projected.item, projected.item.attributes
        done, total = projected.progress or (0, 0)
        plural = snapshot.registry("aanbeveling").plural
        not_taken = _not_taken(snapshot, item.key)
        late = overdue(projected, snapshot.peildatum)
        status = f"{done} (van {total}) {plural} opgevolgd"
        if not_taken:
            status += f", {not_taken} niet overgenomen"
        if late:
            status += ", achterstallig"
        mine = series.get(item.key, [])
        row: dict[str, Any] = {
            "onvolkomenheid": item.title,
            "plan_van_aanpak": str(attributes.get("plan_van_aanpak", "")),
            "uitvoering_maatregelen": _period(attributes),
            "status": status,
            "gereed": str(attributes.get("gereed", "")),
            "opgevolgd": done,
            "totaal": total,
            "ernstig": severe(projected, mine),
            "niet_overgenomen": not_taken,
            "achterstallig": late,
            "opgelost": item.state == "opgelost",
        }
        rows.append(row)
        mark_plan = "*" if attributes.get("pva_bestuursraad") else ""
        mark_status = "**" if attributes.get("eerdere_vo_aanbevelingen") else ""
        if mark_plan:
            presented.setdefault(date.fromisoformat(attributes["pva_bestuursraad"]), []).append(item)
        if mark_status:
            earlier_vo.append(item.title)
        title = item.title
        if row["opgelost"]:
            title += " †"
            when = next((v for v in reversed(mine) if v.oordeel == "opgelost"), None)
            resolved.append(f"{item.title}" + (f" (VO {when.vo_jaar}, {dutch.long_date(when.on)})" if when else ""))
        cells.append([title, row["plan_van_aanpak"] + mark_plan, row["uitvoering_maatregelen"],
                      row["status"] + mark_status, row["gereed"]])
    footnotes = []
    for day, items in sorted(presented.items()):
        since = [f"{i.title} vanaf VO {i.attributes['sinds_vo']}" if i.attributes.get("sinds_vo") else i.title
                 for i in items]
        since[0] = since[0].replace(" vanaf VO ", " is vanaf het verantwoordingsonderzoek (VO) ", 1)
        footnotes.append(f"* {dutch.enumeration(since)} een onvolkomenheid. De (herziene) plannen van aanpak zijn op "
                         f"{dutch.long_date(day)} aan de Bestuursraad gepresenteerd.")
    if earlier_vo:
        footnotes.append(f"** Voor {dutch.enumeration(earlier_vo)} zijn ook de aanbevelingen uit eerdere VO's "
                         "(vóór 2023) toegevoegd.")
    if resolved:
        footnotes.append(f"† Opgelost volgens de Algemene Rekenkamer: {dutch.enumeration(resolved)}.")
    notes = [f"{r['onvolkomenheid']} is een ernstige onvolkomenheid." for r in rows if r["ernstig"]]
    behind = [r["onvolkomenheid"] for r in rows if r["achterstallig"]]
    if behind:
        notes.append(f"Achterstallig (na het jaar van 'gereed' nog niet opgelost): {dutch.enumeration(behind)}.")
    return Table("onvolkomenheden", "Realisatiedata onvolkomenheden Algemene Rekenkamer", snapshot.peildatum, rows,
                 ["Onvolkomenheid", "Plan van Aanpak", "Uitvoering Maatregelen", "Status", "Gereed"], cells,
                 footnotes, notes)


def build_verdicts(snapshot: Snapshot) -> Table:
    """Two streams side by side: what Defensie claims and what the Algemene Rekenkamer judged last."""
    rows, cells = [], []
    series = verdicts(snapshot)
    for projected in snapshot.of_kind(KIND):
        item, a = projected.item, projected.item.attributes
        done, total = projected.progress or (0, 0)
        mine = series.get(item.key, [])
        last = mine[-1] if mine else None
        row: dict[str, Any] = {
            "onvolkomenheid": item.title,
            "ernstig": severe(projected, mine),
            "aanbevelingen_opgevolgd": done,
            "aanbevelingen_totaal": total,
            "claim_defensie": a.get("claim"),
            "gereed_volgens_defensie": a.get("gereed"),
            "oordeel_rekenkamer": last.oordeel if last else None,
            "oordeel_vo": last.vo_jaar if last else None,
            "voortgang_volgens_rekenkamer": last.voortgang if last else None,
            "opgelost": item.state == "opgelost",
        }
        rows.append(row)
        cells.append([
            item.title + (" (ernstig)" if row["ernstig"] else ""), f"{done} van {total}",
            ", ".join(filter(None, [CLAIMS.get(row["claim_defensie"]),
                                    f"gereed {row['gereed_volgens_defensie']}" if row["gereed_volgens_defensie"]
                                    else None])) or "—",
            (VERDICTS.get(row["oordeel_rekenkamer"], "—") + (f" (VO {last.vo_jaar})" if last else "")),
            PROGRESS.get(row["voortgang_volgens_rekenkamer"], "niet vermeld" if last else "—"),
        ])
    notes = ["Alle aanbevelingen opgevolgd betekent niet dat de onvolkomenheid is opgelost: alleen het oordeel "
             "van de Algemene Rekenkamer heft haar op."]
    return Table("onvolkomenheden-oordelen", "Oordeel Defensie naast oordeel Algemene Rekenkamer",
                 snapshot.peildatum, rows,
                 ["Onvolkomenheid", "Aanbevelingen opgevolgd", "Oordeel Defensie", "Oordeel Rekenkamer",
                  "Voortgang volgens Rekenkamer"], cells, [], notes)


def latest_vo_year(snapshot: Snapshot) -> int:
    """The latest VO year with a verdict as of the peildatum (else the year before the peildatum's)."""
    years = [v.vo_jaar for found in verdicts(snapshot).values() for v in found]
    return max(years, default=snapshot.peildatum.year - 1)


def build_year(snapshot: Snapshot, vo_jaar: int | None = None) -> Table:
    """Every onvolkomenheid with the Rekenkamer's verdict and progress judgement of one VO year, beside
    Defensie's own claim."""
    year = vo_jaar or latest_vo_year(snapshot)
    series = verdicts(snapshot)
    rows, cells = [], []
    for projected in snapshot.of_kind(KIND):
        item, a = projected.item, projected.item.attributes
        done, total = projected.progress or (0, 0)
        of_year = [v for v in series.get(item.key, []) if v.vo_jaar == year]
        verdict = of_year[-1] if of_year else None
        row: dict[str, Any] = {
            "onvolkomenheid": item.title, "vo_jaar": year,
            "oordeel": verdict.oordeel if verdict else None,
            "voortgang": verdict.voortgang if verdict else None,
            "gepubliceerd": verdict.on.isoformat() if verdict else None,
            "claim_defensie": a.get("claim"), "opgevolgd": done, "totaal": total,
        }
        rows.append(row)
        cells.append([item.title,
                      VERDICTS.get(row["oordeel"], "geen oordeel vastgelegd"),
                      PROGRESS.get(row["voortgang"], "niet vermeld" if verdict else "—"),
                      CLAIMS.get(row["claim_defensie"], "—"), f"{done} van {total}"])
    notes = [f"Oordelen van de Algemene Rekenkamer over het verantwoordingsonderzoek {year}, gepubliceerd op "
             "Verantwoordingsdag; de voortgang hoort bij dat jaar alleen."]
    return Table("rekenkamer", f"Oordelen Algemene Rekenkamer, VO {year}", snapshot.peildatum, rows,
                 ["Onvolkomenheid", f"Oordeel VO {year}", "Voortgang", "Oordeel Defensie", "Aanbevelingen opgevolgd"],
                 cells, [], notes)

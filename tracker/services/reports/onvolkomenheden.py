"""Section 6.1: the onvolkomenheden table, and the ministry's claim beside the auditor's verdict."""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.services import dutch

from .table import Snapshot, Table

KIND = "onvolkomenheid"
CLAIMS = {"in_uitvoering": "in uitvoering", "op_orde": "op orde"}
VERDICTS: dict[str | None, str] = {  # looked up with the verdict, which may be missing
    "nieuw": "nieuw", "onvolkomenheid": "onvolkomenheid", "ernstige_onvolkomenheid": "ernstige onvolkomenheid",
    "afgeschaald": "afgeschaald", "opgelost": "opgelost"}
PROGRESS = {"vooruitgang": "vooruitgang", "weinig_tot_geen_vooruitgang": "weinig tot geen vooruitgang"}


def _period(attributes) -> str:
    start, end = attributes.get("uitvoering_van"), attributes.get("uitvoering_tot")
    return f"{start}-{end}" if start and end else str(start or end or "")


def build(snapshot: Snapshot) -> Table:
    rows, cells = [], []
    presented: dict[date, list] = {}
    earlier_vo = []
    for projected in snapshot.of_kind(KIND):
        item, attributes = projected.item, projected.item.attributes
        done, total = projected.progress or (0, 0)
        plural = snapshot.registry("aanbeveling").plural
        row: dict[str, Any] = {
            "onvolkomenheid": item.title,
            "plan_van_aanpak": str(attributes.get("plan_van_aanpak", "")),
            "uitvoering_maatregelen": _period(attributes),
            "status": f"{done} (van {total}) {plural} opgevolgd",
            "gereed": str(attributes.get("gereed", "")),
            "opgevolgd": done,
            "totaal": total,
            "ernstig": bool(attributes.get("ernstig", False)),
        }
        rows.append(row)
        mark_plan = "*" if attributes.get("pva_bestuursraad") else ""
        mark_status = "**" if attributes.get("eerdere_vo_aanbevelingen") else ""
        if mark_plan:
            presented.setdefault(date.fromisoformat(attributes["pva_bestuursraad"]), []).append(item)
        if mark_status:
            earlier_vo.append(item.title)
        cells.append([row["onvolkomenheid"], row["plan_van_aanpak"] + mark_plan, row["uitvoering_maatregelen"],
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
    severe = [r["onvolkomenheid"] for r in rows if r["ernstig"]]
    notes = [f"{name} is een ernstige onvolkomenheid." for name in severe]
    return Table("onvolkomenheden", "Realisatiedata onvolkomenheden Algemene Rekenkamer", snapshot.peildatum, rows,
                 ["Onvolkomenheid", "Plan van Aanpak", "Uitvoering Maatregelen", "Status", "Gereed"], cells,
                 footnotes, notes)


def build_verdicts(snapshot: Snapshot) -> Table:
    """Two streams side by side: what Defensie claims and what the Algemene Rekenkamer judged."""
    rows, cells = [], []
    for projected in snapshot.of_kind(KIND):
        item, a = projected.item, projected.item.attributes
        done, total = projected.progress or (0, 0)
        verdict = "opgelost" if item.state == "opgelost" else a.get("oordeel")
        row: dict[str, Any] = {
            "onvolkomenheid": item.title,
            "ernstig": bool(a.get("ernstig", False)),
            "aanbevelingen_opgevolgd": done,
            "aanbevelingen_totaal": total,
            "claim_defensie": a.get("claim"),
            "gereed_volgens_defensie": a.get("gereed"),
            "oordeel_rekenkamer": verdict,
            "oordeel_vo": a.get("vo_jaar"),
            "voortgang_volgens_rekenkamer": a.get("voortgang"),
            "opgelost": item.state == "opgelost",
        }
        rows.append(row)
        cells.append([
            item.title + (" (ernstig)" if row["ernstig"] else ""), f"{done} van {total}",
            ", ".join(filter(None, [CLAIMS.get(row["claim_defensie"]),
                                    f"gereed {row['gereed_volgens_defensie']}" if row["gereed_volgens_defensie"]
                                    else None])) or "—",
            (VERDICTS.get(verdict, "—") + (f" (VO {row['oordeel_vo']})" if row["oordeel_vo"] else "")),
            PROGRESS.get(row["voortgang_volgens_rekenkamer"], "—"),
        ])
    notes = ["Alle aanbevelingen opgevolgd betekent niet dat de onvolkomenheid is opgelost: alleen het oordeel "
             "van de Algemene Rekenkamer heft haar op."]
    return Table("onvolkomenheden-oordelen", "Oordeel Defensie naast oordeel Algemene Rekenkamer",
                 snapshot.peildatum, rows,
                 ["Onvolkomenheid", "Aanbevelingen opgevolgd", "Oordeel Defensie", "Oordeel Rekenkamer",
                  "Voortgang volgens Rekenkamer"], cells, [], notes)

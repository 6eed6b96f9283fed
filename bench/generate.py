"""A deterministic, realistic data set: N events (default 1,000,000) over about N/10 items of all four
topics' kinds, with about 1.5 `requires` edges per item.

Every event goes through the service layer, so the data set obeys every rule the product enforces
(transitions, dates, prerequisites, the hash chain). It is written once as an export file
(`bench/data/events-N.jsonl`) and imported into fresh SQLite and PostgreSQL databases by the benchmarks.
"""
from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from bench.common import scratch_dir, scratch_tracker
from tracker.domain.dates import verantwoordingsdag
from tracker.domain.events import NewEvent
from tracker.services import transfer
from tracker.services.recording import record_many

DATA = Path(__file__).parent / "data"
START, END = date(2019, 1, 7), date(2026, 10, 30)
SPAN = (END - START).days
ACTOR = "generator"
NIGS_STEPS = ["geinventariseerd", "beoordeeld", "maatregelen_getroffen", "geborgd", "nieuwe_cyclus_gestart"]
NIGS_DONE = "geborgd"  # the step after which a traject counts as doorlopen


class Generator:
    def __init__(self, events: int, seed: int = 20261128):
        self.rng = random.Random(seed)
        self.target = events
        self.scale = events / 1_000_000
        self.emitted = 0
        self.leaves: list[str] = []  # items that never get children: safe ends of `requires` edges
        self.created: dict[str, date] = {}  # each item's day of creation
        # A leaf whose last state is done, with the day it became so. A completion waits for every prerequisite
        # (the rules refuse it otherwise), so an item whose prerequisites never finish stays open: blocked.
        self.done_on: dict[str, date] = {}
        self.prerequisites: dict[str, list[str]] = {}

    def n(self, full: int) -> int:
        return max(1, round(full * self.scale))

    def day(self, after: date = START, within: int = SPAN) -> date:
        latest = min(END, after + timedelta(days=within))
        return after + timedelta(days=self.rng.randrange(max(1, (latest - after).days + 1)))

    def ev(self, item, type_, data, on) -> NewEvent:
        self.emitted += 1
        return NewEvent(item, type_, data, ACTOR, on)

    def create(self, key, kind, title, on, parent=None, **fields) -> NewEvent:
        self.created[key] = on
        data = {"kind": kind, "title": title, "illustratief": True, **fields}
        if parent:
            data["parent"] = parent
        return self.ev(key, "aangemaakt", data, on)

    def requires(self, key: str, on: date) -> Iterator[NewEvent]:
        """One to three edges from this leaf to earlier leaves (acyclic by construction). Mostly on leaves that
        are done, so most work can finish; some on open ones, which keeps their dependants blocked."""
        recent = len(self.leaves)
        # Only leaves that already exist on that day: a dependency cannot start before the item it names.
        existing = [self.leaves[i] for i in range(max(0, recent - 5000), recent)
                    if self.created[self.leaves[i]] <= on]
        finished = [k for k in existing if k in self.done_on]
        chosen: list[str] = []
        for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
            pool = finished if finished and self.rng.random() < 0.9 else existing
            if pool:
                candidate = self.rng.choice(pool)
                if candidate not in chosen:
                    chosen.append(candidate)
        self.prerequisites[key] = chosen
        for other in chosen:
            yield self.ev(key, "afhankelijkheid_toegevoegd", {"op": other}, on)

    def ready(self, key: str, on: date) -> date | None:
        """The first day from `on` on which every prerequisite of `key` is done; None when one never is."""
        days = [on]
        for other in self.prerequisites.get(key, ()):
            if other not in self.done_on:
                return None
            days.append(self.done_on[other])
        return max(days)

    # --- the four topics -----------------------------------------------------

    def topics(self) -> Iterator[NewEvent]:
        for key, title in (("g-onv", "Onvolkomenheden"), ("g-cio", "CIO-oordelen"), ("g-nigs", "NIGS"),
                           ("g-ooo", "Open op Orde")):
            yield self.create(key, "thema", title, START)

    def onvolkomenheden(self) -> Iterator[NewEvent]:
        for o in range(self.n(400)):
            key, on = f"g-onv-{o}", self.day(START, 900)
            yield self.create(key, "onvolkomenheid", f"Onvolkomenheid {o}", on, "g-onv", ernstig=o % 9 == 0)
            yield self.ev(key, "plan_van_aanpak_vastgesteld",
                          {"plan_van_aanpak": str(on.year), "gereed": on.year + 3,
                           "uitvoering_van": on.year, "uitvoering_tot": on.year + 3},
                          on)
            for year in range(on.year + 1, 2026):
                yield self.ev(key, "jaaroordeel", {"vo_jaar": year - 1, "oordeel": "onvolkomenheid"},
                              verantwoordingsdag(year - 1))  # a verdict exists from its publication on
            for a in range(20):
                yield from self.recommendation(f"{key}-a{a}", key, on)

    def recommendation(self, key: str, parent: str, after: date) -> Iterator[NewEvent]:
        on = self.day(after, 60)
        yield self.create(key, "aanbeveling", f"Aanbeveling {key}", on, parent)
        yield from self.requires(key, on)
        self.leaves.append(key)
        on = self.day(on, 200)
        yield self.ev(key, "gestart", {}, on)
        for _ in range(self.rng.randrange(12)):
            on = self.day(on, 60)
            yield self.ev(key, "opmerking", {"toelichting": "Voortgangsoverleg"}, on)
        followed = self.ready(key, self.day(on, 300))
        if self.rng.random() < 0.75 and followed is not None:
            on = followed
            yield self.ev(key, "opgevolgd", {"toelichting": "Opvolging onderbouwd"}, on)
            if self.rng.random() < 0.3:
                on = self.day(on, 100)
                yield self.ev(key, "teruggestuurd", {"toelichting": "Onderbouwing onvoldoende"}, on)
                on = self.day(on, 200)
                yield self.ev(key, "opgevolgd", {"toelichting": "Aangevuld"}, on)
            if self.rng.random() < 0.4:
                on = self.day(on, 200)
                yield self.ev(key, "geverifieerd", {}, on)
            self.done_on[key] = on

    def cio(self) -> Iterator[NewEvent]:
        outcomes = ["oordeel_positief", "oordeel_positief_met_adviezen", "oordeel_positief_onder_voorwaarden",
                    "oordeel_negatief", "oordeel_uitgesteld"]
        for p in range(self.n(16000)):
            key, on = f"g-cio-{p}", self.day(START, SPAN - 200)
            yield self.create(key, "it_project", f"IT-project {p}", on, "g-cio", geprioriteerd=p % 3 == 0)
            outcome = self.rng.choices(outcomes, [25, 8, 40, 12, 15])[0]
            while outcome in ("oordeel_negatief", "oordeel_uitgesteld"):
                on = self.day(on, 90)
                yield self.ev(key, outcome, {"toelichting": "Onvoldoende onderbouwd"}, on)
                if self.rng.random() < 0.4:
                    break
                on = self.day(on, 90)
                yield self.ev(key, "opnieuw_ingediend", {"toelichting": "Plan herzien"}, on)
                outcome = self.rng.choices(outcomes, [30, 10, 40, 12, 8])[0]
            else:
                on = self.day(on, 90)
                yield self.ev(key, outcome, {}, on)
                conditions_met = True
                if outcome == "oordeel_positief_onder_voorwaarden":
                    for v in range(1 + self.rng.randrange(2)):
                        condition = f"{key}-v{v}"
                        yield self.create(condition, "voorwaarde", f"Voorwaarde {v}", on, key)
                        yield from self.requires(condition, on)
                        self.leaves.append(condition)
                        yield self.ev(key, "afhankelijkheid_toegevoegd", {"op": condition}, on)
                        met = self.ready(condition, self.day(on, 120))
                        if met is None:  # a condition waiting for work that never finishes: no start
                            conditions_met = False
                            continue
                        yield self.ev(condition, "vervuld", {"toelichting": "Aangetoond"}, met)
                        met = self.day(met, 30)
                        yield self.ev(condition, "aanvaard", {}, met)  # only the CIO's acceptance counts
                        self.done_on[condition] = met
                        on = max(on, met)
                for b in range(self.rng.randrange(3)):
                    finding = f"{key}-b{b}"
                    yield self.create(finding, "bevinding", f"Bevinding {b}", on, key,
                                      categorie=self.rng.choice(["capaciteit_en_risico", "afhankelijkheden",
                                                                 "governance_en_planning",
                                                                 "budget_scope_architectuur"]))
                    yield from self.requires(finding, on)
                    self.leaves.append(finding)
                if not conditions_met:
                    continue
                on = self.day(on, 60)
                planned = on + timedelta(days=self.rng.randrange(100, 700))
                yield self.ev(key, "gestart", {"gepland_opleveren": planned.isoformat()}, on)
                if self.rng.random() < 0.5 and on < END - timedelta(days=30):
                    delivered = self.day(on + timedelta(days=30), 800)
                    yield self.ev(key, "opgeleverd", {"opgeleverd_op": delivered.isoformat()}, delivered)

    def nigs(self) -> Iterator[NewEvent]:
        routes = self.n(40)
        per_route = max(1, round(self.n(30000) / routes))
        for w in range(per_route):  # the register: each route's trajecten name one of its employers
            yield self.create(f"g-nigs-wg{w}", "werkgever", f"Werkgever {w}", START, "g-nigs")
        for r in range(routes):
            route, started = f"g-nigs-{r}", self.day(START, 700)
            yield self.create(route, "nigs_route", f"Route {r}", started, "g-nigs")
            for w in range(per_route):
                key, on = f"{route}-wg{w}", self.day(started, 200)
                yield self.create(key, "nigs_traject", f"Werkgever {w} op route {r}", on, route,
                                  werkgever=f"g-nigs-wg{w}")
                yield from self.requires(key, on)
                self.leaves.append(key)
                steps = self.rng.randrange(30)
                if steps:
                    on = self.day(on, 150)
                    yield self.ev(key, "gestart", {}, on)
                for step in range(steps - 1):
                    on = self.day(on, 150)
                    if NIGS_STEPS[step % 5] == NIGS_DONE:
                        borgd = self.ready(key, on)
                        if borgd is None:  # waits for a prerequisite that never finishes
                            break
                        on = borgd
                    yield self.ev(key, NIGS_STEPS[step % 5], {}, on)
                    if NIGS_STEPS[step % 5] == NIGS_DONE:
                        self.done_on[key] = on
                    elif NIGS_STEPS[step % 5] == "nieuwe_cyclus_gestart":
                        self.done_on.pop(key, None)

    def open_op_orde(self) -> Iterator[NewEvent]:
        yield self.create("g-ooo-doel", "doelstelling", "Streefwaarden", START, "g-ooo")
        for year in range(2019, 2028):
            yield self.ev("g-ooo-doel", "streefwaarde_vastgesteld",
                          {"jaar": year, "streefwaarde": round(2.0 + 0.15 * (year - 2019), 1), "norm": 4.0},
                          date(2019, 1, 7) + timedelta(days=30 * (year - 2019)))
        yield self.create("g-ooo-defdoc", "actielijn", "Actielijn DefDoc", START, "g-ooo")
        for u in range(self.n(2000)):
            unit, rollout = f"g-ooo-{u}", f"g-ooo-defdoc-{u}"
            yield self.create(rollout, "uitrol", f"DefDoc bij onderdeel {u}", START, "g-ooo-defdoc")
            yield self.create(unit, "defensieonderdeel", f"Onderdeel {u}", START, "g-ooo")
            yield self.ev(unit, "afhankelijkheid_toegevoegd", {"op": rollout}, START)
            yield from self.requires(unit, START)
            self.leaves.append(unit)
            score = 1.5 + self.rng.random()
            for quarter in range(30):
                on = START + timedelta(days=91 * quarter + self.rng.randrange(60))
                score = min(4.0, score + self.rng.random() * 0.08)
                yield self.ev(unit, "volwassenheid_gemeten", {"score": round(score, 1), "jaar": on.year}, on)
            if self.rng.random() < 0.6:
                on = self.day(START, 1500)
                yield self.ev(rollout, "gestart", {}, on)
                if self.rng.random() < 0.7:
                    yield self.ev(rollout, "in_gebruik_genomen", {}, self.day(on, 600))

    def remarks(self, keys: list[str]) -> Iterator[NewEvent]:
        """Pad with remarks up to the target (each on its own new item so dates never go backwards)."""
        i = 0
        while self.emitted < self.target:
            key = f"g-opm-{i // 50}"
            if i % 50 == 0:
                yield self.create(key, "aanbeveling", f"Aanbeveling met overleg {i // 50}", END, "g-onv-0")
            else:
                yield self.ev(key, "opmerking", {"toelichting": f"Overleg {i}"}, END)
            i += 1

    def all(self) -> Iterator[NewEvent]:
        for part in (self.topics(), self.onvolkomenheden(), self.cio(), self.nigs(), self.open_op_orde()):
            for event in part:
                if self.emitted > self.target:
                    return
                yield event
        yield from self.remarks([])


def generate(events: int, path: Path | None = None) -> Path:
    """Build the data set through the service layer and write it as an export file."""
    path = path or DATA / f"events-{events}.jsonl"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tracker = scratch_tracker(scratch_dir("tracker-gen-"))
    batch: list[NewEvent] = []
    for event in Generator(events).all():
        batch.append(event)
        if len(batch) >= 10_000:
            record_many(tracker, batch)
            batch = []
    if batch:
        record_many(tracker, batch)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        transfer.export(tracker, out)
    partial.rename(path)
    tracker.engine.dispose()
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    started = time.perf_counter()
    print(generate(args.events), f"{time.perf_counter() - started:.0f} s")

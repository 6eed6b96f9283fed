"""Illustrative NIGS trajectories: a register of the decentral employers, and each registered employer on every
active route, in its step.

The per-step counts at the end of 2025 come from the seed file; the dates of the steps are
spread between the route's start and the end of 2025, so earlier peildata show earlier steps.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from tracker.domain.events import NewEvent
from tracker.domain.workflow import CREATED

STEPS = ["niet_gestart", "inventariseren", "beoordelen", "maatregelen_treffen", "borgen", "doorlopen"]
STEP_EVENTS = ["gestart", "geinventariseerd", "beoordeeld", "maatregelen_getroffen", "geborgd"]
END = date(2025, 12, 15)
OWNER = "Decentrale werkgever"


def generate(spec: dict) -> list[tuple[date, NewEvent]]:
    # Reviewed (B311): illustrative seed data, deterministic on purpose; nothing secret.
    rng = random.Random(spec.get("seed", 0))  # nosec B311
    topic = spec["topic"]
    employers = spec["werkgevers"]
    first = min(r["gestart"] for r in spec["routes"])
    out = [(first, NewEvent(topic, CREATED, {
        "kind": "thema", "title": spec["title"], "paragraaf": spec.get("paragraaf", ""),
        "voortgangslabel": "{total} NIGS-routes", "voortgang_soort": "nigs_route"}, "seed", first))]
    out += [(first, NewEvent(employer_key(number), CREATED, {
        "kind": "werkgever", "title": f"Decentrale werkgever {number:03d}", "parent": topic, "illustratief": True},
        "seed", first)) for number in range(1, employers + 1)]
    for route in spec["routes"]:
        out += _route(route, topic, employers, rng)
    return out


def _route(route: dict, topic: str, employers: int, rng: random.Random) -> list[tuple[date, NewEvent]]:
    start = route["gestart"]
    events = [(start, NewEvent(route["key"], CREATED, {
        "kind": "nigs_route", "title": route["title"], "parent": topic, "omschrijving": route["omschrijving"]},
        "seed", start))]
    if route.get("in_overweging"):
        events.append((start, NewEvent(route["key"], "in_overweging_genomen", {
            "toelichting": route["omschrijving"]}, "seed", start)))
        return events
    split = route["verdeling"]
    if sum(split.values()) != employers:
        raise ValueError(f"{route['key']}: verdeling telt op tot {sum(split.values())}, niet {employers}")
    targets = [step for step in STEPS for _ in range(split.get(step, 0))]
    rng.shuffle(targets)
    second_cycle = route.get("tweede_cyclus", 0)
    for number, target in enumerate(targets, start=1):
        key = f"{route['key']}-wg{number:03d}"
        restart = target == "inventariseren" and second_cycle > 0
        second_cycle -= restart
        steps_done = 5 if restart else STEPS.index(target)
        events += _trajectory(key, route, number, steps_done, restart, rng)
    return events


def _trajectory(key, route, number, steps_done, restart, rng) -> list[tuple[date, NewEvent]]:
    start = route["gestart"] + timedelta(days=rng.randrange(90))
    events = [(start, NewEvent(key, CREATED, {
        "kind": "nigs_traject", "title": f"{route['title']} — werkgever {number:03d}", "parent": route["key"],
        "werkgever": employer_key(number), "illustratief": True}, OWNER, start))]
    moves = STEP_EVENTS[:steps_done] + (["nieuwe_cyclus_gestart"] if restart else [])
    if not moves:
        return events
    span = (END - start).days
    offsets = sorted(rng.randrange(30, span) for _ in moves)
    for move, offset in zip(moves, offsets, strict=True):
        when = start + timedelta(days=offset)
        events.append((when, NewEvent(key, move, {}, OWNER, when)))
    return events


def employer_key(number: int) -> str:
    return f"nigs-werkgever-{number:03d}"

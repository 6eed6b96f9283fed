"""The hash covers every stored column and the previous hash."""
from datetime import date, datetime

from tracker.domain.events import GENESIS_HASH, canonical_json, chain_hash

BASE = dict(prev_hash=GENESIS_HASH, seq=1, item="inkoop", version=1, type_="aangemaakt",
            data_json=canonical_json({"kind": "onvolkomenheid", "title": "Inkoop"}), actor="seed",
            occurred_on=date(2018, 5, 16), recorded_at=datetime(2026, 1, 1, 12, 0, 0), idempotency_key=None)


def test_hash_is_deterministic_sha256():
    digest = chain_hash(**BASE)
    assert digest == chain_hash(**BASE)
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_every_field_changes_the_hash():
    original = chain_hash(**BASE)
    changes = dict(prev_hash="1" * 64, seq=2, item="inkoop2", version=2, type_="opmerking",
                   data_json=canonical_json({"kind": "onvolkomenheid", "title": "Inkoop!"}), actor="x",
                   occurred_on=date(2018, 5, 17), recorded_at=datetime(2026, 1, 1, 12, 0, 0, 1),
                   idempotency_key="k")
    for name, value in changes.items():
        assert chain_hash(**{**BASE, name: value}) != original, name


def test_canonical_json_ignores_key_order_but_keeps_unicode():
    assert canonical_json({"b": 1, "a": "geïnventariseerd"}) == '{"a":"geïnventariseerd","b":1}'

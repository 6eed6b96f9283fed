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


# Fixed vectors. These digests must never change: every stored chain (and every exported log, and every chain
# head noted elsewhere to anchor one) depends on them. If this test fails, the hashing changed; change it back.
FIRST_RECORD = dict(prev_hash="0000000000000000000000000000000000000000000000000000000000000000", seq=1,
                    item="inkoop", version=1, type_="aangemaakt",
                    data_json='{"kind":"onvolkomenheid","title":"Inkoop"}', actor="seed",
                    occurred_on=date(2018, 5, 16), recorded_at=datetime(2026, 1, 1, 12, 0, 0), idempotency_key=None)
FIRST_DIGEST = "b193b4fbb977627436a942aa82823a41e84f96de6010ee6a6a61e88ff527567f"


def test_a_known_record_gives_a_known_digest():
    assert FIRST_RECORD == BASE  # the record the other tests vary, written out
    assert chain_hash(**FIRST_RECORD) == FIRST_DIGEST


def test_a_known_record_with_unicode_microseconds_and_a_key_gives_a_known_digest():
    record = dict(prev_hash=FIRST_DIGEST, seq=2, item="inkoop-a1", version=1, type_="opmerking",
                  data_json='{"toelichting":"geïnventariseerd — €5"}', actor="mun-eigenaar",
                  occurred_on=date(2025, 10, 7), recorded_at=datetime(2025, 10, 7, 9, 30, 15, 123456),
                  idempotency_key="retry-1")
    assert chain_hash(**record) == "f14b1b4e6da01adad4ed53d1d52e163d8d67d65c79b495b1892509aad83ec966"

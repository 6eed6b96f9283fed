"""A malformed workflow definition stops start-up with a message naming the file and the field."""
import shutil

import pytest

from tracker import PROJECT_ROOT
from tracker.domain.errors import DefinitionError
from tracker.services.definitions import load_registry

GOOD = """
kind = "proef"
label = "Proef"
plural = "proeven"
initial_state = "open"
done_states = ["klaar"]
[states]
open = "open"
klaar = "klaar"
[[transitions]]
event = "afgerond"
label = "Afronden"
from = ["open"]
to = "klaar"
roles = ["eigenaar"]
"""


def write(tmp_path, text, name="proef.toml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_shipped_definitions_load():
    registry = load_registry(PROJECT_ROOT / "workflows")
    assert {"thema", "onvolkomenheid", "aanbeveling", "maatregel"} <= set(registry.kinds())


def test_a_good_definition_gets_the_builtin_events(tmp_path):
    workflow = load_registry(write(tmp_path, GOOD))("proef")
    assert workflow.knows_event("opmerking") and workflow.knows_event("gegevens_gewijzigd")
    assert workflow.transition("afgerond", "open").target == "klaar"


@pytest.mark.parametrize("broken, field", [
    (GOOD.replace('to = "klaar"', 'to = "gereed"'), "transitions.0.to"),
    (GOOD.replace('initial_state = "open"\n', ""), "initial_state"),
    (GOOD.replace('done_states = ["klaar"]', 'done_states = ["weg"]'), "done_states"),
    (GOOD.replace('roles = ["eigenaar"]', 'roles = ["koning"]'), "transitions.0.roles"),
    (GOOD.replace('kind = "proef"', 'kind = "proef"\nkleur = "rood"'), "kleur"),
    (GOOD.replace('event = "afgerond"', 'event = "opmerking"'), "transitions.0.event"),
    (GOOD + '[fields.x]\ntype = "kleur"\nlabel = "X"\n', "fields.x.type"),
])
def test_malformed_definition_names_file_and_field(tmp_path, broken, field):
    with pytest.raises(DefinitionError) as caught:
        load_registry(write(tmp_path, broken))
    assert caught.value.message.startswith(f"{tmp_path.name}/proef.toml: ")
    assert field in caught.value.message


def test_invalid_toml_names_the_file(tmp_path):
    with pytest.raises(DefinitionError, match="proef.toml: geen geldige TOML"):
        load_registry(write(tmp_path, "kind = "))


def test_unknown_parent_kind_is_refused(tmp_path):
    with pytest.raises(DefinitionError, match="parents: onbekende soort 'nergens'"):
        load_registry(write(tmp_path, GOOD.replace('kind = "proef"', 'kind = "proef"\nparents = ["nergens"]')))


def test_a_duplicate_kind_names_both_files(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(DefinitionError, match="al gedefinieerd in"):
        load_registry(tmp_path)


def test_start_up_stops_on_a_broken_definition(tmp_path):
    from tracker import create_app

    workflows = tmp_path / "workflows"
    shutil.copytree(PROJECT_ROOT / "workflows", workflows)
    (workflows / "aanbeveling.toml").write_text(
        (workflows / "aanbeveling.toml").read_text().replace('initial_state = "open"', 'initial_state = "nergens"'))
    with pytest.raises(DefinitionError, match="aanbeveling.toml: initial_state"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "WORKFLOWS_DIR": str(workflows)})

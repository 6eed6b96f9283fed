"""Do the workflow definitions still cover every name the log uses?

The log is never rewritten, so a definition may rename a state, an event type or a field only by saying so
(`[renamed.states] oud = "nieuw"`); a name that disappears without that stops start-up, `verify` and
`import` with a message naming the file, the name and an event that uses it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from .errors import DefinitionError
from .evidence import EVIDENCE
from .projection import Word, words_of  # noqa: F401  (words_of: what the log uses)
from .workflow import CREATED, PLAN_FIELD, REASON, Registry

BUILTIN_FIELDS = frozenset({REASON, "title", "kind", "parent", "illustratief", "op", "door", PLAN_FIELD, EVIDENCE})
CATEGORY_LABELS = {"state": "staat", "event": "gebeurtenistype", "field": "veld"}
RENAME_SECTIONS = {"state": "states", "event": "events", "field": "fields"}


def is_covered(registry: Registry, word: Word) -> bool:
    if word.kind not in registry:
        return False
    workflow = registry(word.kind)
    if word.category == "kind":
        return True
    name = workflow.renamed.get(RENAME_SECTIONS[word.category], {}).get(word.name, word.name)
    if word.category == "state":
        return name in workflow.states
    if word.category == "event":
        return name == CREATED or workflow.knows_event(name)
    return name in workflow.fields or name in BUILTIN_FIELDS


def problem(registry: Registry, word: Word, seq: int | None, directory: str = "workflows") -> str:
    where = f"gebeurtenis {seq}" if seq is not None else "de gebeurtenissen"
    if word.kind not in registry:
        return (f"{directory}: soort '{word.kind}' heeft geen definitie meer, maar {where} gebruikt haar; "
                f"zet {directory}/{word.kind}.toml terug.")
    workflow = registry(word.kind)
    label = CATEGORY_LABELS[word.category]
    section = RENAME_SECTIONS[word.category]
    return (f"{workflow.source}: {label} '{word.name}' ontbreekt, maar {where} gebruikt die naam; voeg haar weer "
            f"toe, of leg de nieuwe naam vast met [renamed.{section}] {word.name} = \"<nieuwe naam>\".")


def check_covered(registry: Registry, words: Mapping[Word, int] | Iterable[tuple[Word, int]],
                  directory: str = "workflows") -> None:
    """Raise DefinitionError for the first name (by seq) the definitions no longer cover."""
    pairs = words.items() if isinstance(words, Mapping) else words
    for word, seq in sorted(pairs, key=lambda pair: pair[1]):
        if not is_covered(registry, word):
            source = registry(word.kind).source if word.kind in registry else directory
            raise DefinitionError(problem(registry, word, seq, directory), file=source, name=word.name, seq=seq)

"""One exception tree for everything the domain refuses.

Messages are Dutch because they reach users verbatim (CLI stderr, API `message`,
form errors). `code` is a stable machine name; the HTTP status for each class is
assigned in one place at the edge (`tracker.edge`), never here.
"""
from __future__ import annotations


class TrackerError(Exception):
    """Base of every refusal the tracker makes on purpose."""

    code = "fout"

    def __init__(self, message: str, *, errors: dict | None = None, **details):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.details = details

    def __str__(self) -> str:  # CLI prints str(error)
        return self.message


# --- not found -------------------------------------------------------------

class NotFound(TrackerError):
    code = "niet_gevonden"


class UnknownItem(NotFound):
    code = "onbekend_item"


class UnknownReport(NotFound):
    code = "onbekend_rapport"


class UnknownDocument(NotFound):
    code = "onbekend_document"


class Gone(TrackerError):
    """What existed but works no more: a one-time link that was used, replaced or has expired."""

    code = "verlopen"


# --- validation: the request is understood but not allowed -----------------

class ValidationFailed(TrackerError):
    code = "ongeldig"


class UnknownKind(ValidationFailed):
    code = "onbekende_soort"


class UnknownEventType(ValidationFailed):
    code = "onbekend_gebeurtenistype"


class IllegalTransition(ValidationFailed):
    code = "ongeldige_overgang"


class MissingField(ValidationFailed):
    code = "veld_ontbreekt"


class InvalidValue(ValidationFailed):
    code = "ongeldige_waarde"


class ValueOutOfRange(InvalidValue):
    code = "waarde_buiten_bereik"


class UnknownField(ValidationFailed):
    code = "onbekend_veld"


class InvalidDate(ValidationFailed):
    code = "ongeldige_datum"


class PrerequisitesNotDone(ValidationFailed):
    code = "voorwaarden_niet_gereed"


# --- conflicts with what is already stored --------------------------------

class Conflict(TrackerError):
    code = "conflict"


class VersionConflict(Conflict):
    code = "versieconflict"


class DuplicateItem(Conflict):
    code = "item_bestaat_al"


class IdempotencyKeyReused(Conflict):
    code = "idempotentiesleutel_hergebruikt"


class DependencyCycle(Conflict):
    code = "afhankelijkheidscyclus"


# --- who may do what -------------------------------------------------------

class NotAllowed(TrackerError):
    code = "niet_toegestaan"


class NotAuthenticated(TrackerError):
    code = "niet_aangemeld"


class TooManyAttempts(TrackerError):
    code = "te_veel_pogingen"


# --- documents a request brings -------------------------------------------------

class UnsupportedType(TrackerError):
    """A document whose content is not of a type the definitions allow (judged from the bytes, not the name)."""

    code = "bestandstype_niet_toegestaan"


class TooLarge(TrackerError):
    code = "bestand_te_groot"


# --- malformed requests (at the edge) -----------------------------------------

class BadRequest(TrackerError):
    code = "onjuist_verzoek"


class PreconditionRequired(TrackerError):
    code = "versie_vereist"


# --- configuration (stops start-up, never reaches a user request) ----------

class DefinitionError(TrackerError):
    code = "ongeldige_definitie"


class ConfigurationError(TrackerError):
    code = "ongeldige_configuratie"

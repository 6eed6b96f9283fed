"""The comparison of two peildata as the API answers it (GET /api/v1/reports/vergelijking)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from tracker.services.csv_forms import DESCRIPTION as CSV_FORMS
from tracker.services.csv_forms import FORMS as CSV_FORM_NAMES

from .schemas import StrictSchema


class ComparisonQuerySchema(StrictSchema):
    van = fields.Date(metadata={"description": "De eerste peildatum (standaard: de vorige rapportdatum vóór tot)"})
    tot = fields.Date(metadata={"description": "De tweede peildatum, na van (standaard: vandaag)"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "text"]))
    vorm = fields.String(load_default="nl", validate=validate.OneOf(list(CSV_FORM_NAMES)),
                         metadata={"description": f"Bij format=csv: {CSV_FORMS}"})


class FigureSchema(Schema):
    label_van = fields.String(allow_none=True, metadata={"description": "Het kerncijfer op van, bv. '9 van 12 "
                                                                        "aanbevelingen opgevolgd'"})
    label_tot = fields.String(required=True)
    van = fields.Float(allow_none=True)
    tot = fields.Float(required=True)
    difference = fields.Float(allow_none=True)
    change = fields.String(required=True, metadata={"description": "'+3', '−0,2', 'geen wijziging' of 'nieuw'"})
    fixed_van = fields.Boolean(metadata={"description": "Van is een vastgestelde peildatum: het cijfer zoals "
                                                        "vastgesteld"})
    fixed_tot = fields.Boolean()
    corrected_van = fields.String(allow_none=True, metadata={"description": "Het cijfer met de correcties na "
                                                                            "vaststelling"})
    corrected_tot = fields.String(allow_none=True)


class NamedItemSchema(Schema):
    """An item as the comparison names it."""

    key = fields.String(required=True)
    title = fields.String()
    topic = fields.String()
    kind = fields.String()


class StateChangeSchema(NamedItemSchema):
    title = fields.String(required=True)
    parent = fields.String(allow_none=True)
    state_van = fields.String(allow_none=True, metadata={"description": "Leeg: bestond op van nog niet"})
    state_tot = fields.String()
    label_van = fields.String(allow_none=True)
    label_tot = fields.String()
    corrected = fields.Boolean(metadata={"description": "Geraakt door een correctie na vaststelling"})


class SlipSchema(NamedItemSchema):
    forecast_van = fields.String()
    forecast_tot = fields.String()
    days = fields.Integer(metadata={"description": "Zoveel dagen later"})


class FlaggedSchema(NamedItemSchema):
    state_label = fields.String()
    deadline = fields.String(allow_none=True)
    forecast = fields.String(allow_none=True)


class CorrectionSchema(Schema):
    report = fields.String()
    topic = fields.String()
    fixed_peildatum = fields.String()
    seq = fields.Integer()
    key = fields.String()
    title = fields.String()
    label = fields.String()
    occurred_on = fields.String()
    recorded_at = fields.String(metadata={"description": "Tijdstip (UTC)"})
    actor = fields.String()
    reason = fields.String(allow_none=True)


class TopicComparisonSchema(Schema):
    key = fields.String(required=True)
    title = fields.String()
    figure = fields.Nested(FigureSchema, allow_none=True)
    figure_kind = fields.String(allow_none=True, metadata={"description": "De soort items die het kerncijfer telt"})
    changed = fields.List(fields.Nested(StateChangeSchema), metadata={"description": "Andere staat op tot"})
    done = fields.List(fields.Nested(StateChangeSchema), metadata={"description": "Gereed geworden, bv. opgevolgd"})
    new = fields.List(fields.Nested(StateChangeSchema), metadata={"description": "Nieuw, bv. onvolkomenheden"})
    resolved = fields.List(fields.Nested(StateChangeSchema), metadata={"description": "Afgerond, bv. opgelost"})
    slipped = fields.List(fields.Nested(SlipSchema), metadata={"description": "Prognose later geworden"})
    overdue = fields.List(fields.Nested(FlaggedSchema), metadata={"description": "Achterstallig geworden"})
    at_risk = fields.List(fields.Nested(FlaggedSchema), metadata={"description": "Met risico geworden"})
    corrections = fields.List(fields.Nested(CorrectionSchema))


class ComparisonSchema(Schema):
    van = fields.String(required=True)
    tot = fields.String(required=True)
    topics = fields.List(fields.Nested(TopicComparisonSchema), required=True)

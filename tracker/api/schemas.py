"""Every request and response shape of the HTTP API, in one place."""
from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import RAISE, Schema, fields, pre_load, validate

from tracker.services.csv_forms import DESCRIPTION as CSV_FORMS
from tracker.services.csv_forms import FORMS as CSV_FORM_NAMES

# `\Z`, not `$` (which also matches before a final newline): the same pattern as tracker.domain.items.KEY_PATTERN.
KEY = validate.Regexp(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z",
                      error="Ongeldige sleutel: letters, cijfers, '.', '_' of '-', hoogstens 100 tekens.")


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


class ProgressSchema(Schema):
    done = fields.Integer(required=True)
    total = fields.Integer(required=True)
    label = fields.String(allow_none=True)


class TransitionSchema(Schema):
    event = fields.String(required=True)
    to = fields.String(required=True)
    label = fields.String()


class ItemSchema(Schema):
    key = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    state = fields.String(required=True)
    state_label = fields.String()
    version = fields.Integer(required=True)
    parent = fields.String(allow_none=True)
    topic = fields.String()
    illustratief = fields.Boolean()
    done = fields.Boolean()
    cycle = fields.Integer()
    attributes = fields.Dict()
    progress = fields.Nested(ProgressSchema, allow_none=True)
    blocked = fields.Boolean()
    forecast = fields.String(allow_none=True, metadata={"description": "Prognose (JJJJ-MM-DD)"})
    deadline = fields.String(allow_none=True, metadata={"description": "Uiterlijk (JJJJ-MM-DD)"})
    at_risk = fields.Boolean(metadata={"description": "Met risico: prognose na de deadline, of verlopen"})
    forecast_expired = fields.Boolean(metadata={"description": "Open, en de prognose ligt vóór de peildatum"})
    overdue = fields.Boolean(metadata={"description": "Achterstallig: open na de deadline (per peildatum)"})
    conditions_not_accepted = fields.Integer(metadata={"description": "Gestart project: voorwaarden niet aanvaard"})
    created_on = fields.String()
    updated_on = fields.String()
    transitions = fields.Nested(TransitionSchema, many=True)


class HeadlineSchema(Schema):
    label = fields.String(required=True, metadata={"description": "Bijv. '34 van 38 aanbevelingen opgevolgd'"})
    value = fields.Float(required=True, metadata={"description": "Voortgang 0–100 (de balk op het dashboard)"})
    figure = fields.Float(required=True, metadata={"description": "Het kerngetal dat tussen peildata wordt vergeleken"})
    lines = fields.List(fields.String(), required=True)


class TopicSchema(ItemSchema):
    report = fields.String(allow_none=True, metadata={"description": "Naam van het rapport van dit thema"})
    headline = fields.Nested(HeadlineSchema, allow_none=True, metadata={"description": "Kerncijfer van vandaag"})
    items = fields.Integer(metadata={"description": "Items onder dit thema"})
    blocked_items = fields.Integer()
    at_risk_items = fields.Integer()
    overdue_items = fields.Integer()


class PageSchema(StrictSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=1000))


class ChainSchema(Schema):
    events = fields.Integer(required=True, metadata={"description": "Aantal gebeurtenissen"})
    head = fields.String(required=True, metadata={"description": "SHA-256 van de laatste gebeurtenis"})


class ItemQuerySchema(StrictSchema):
    """Search, filters and sorting of the item list (pages: `page`, `page_size`)."""

    q = fields.String(validate=validate.Length(max=200),
                      metadata={"description": "Woorden in titel, toelichting, plan"})
    topic = fields.String(validate=KEY)
    parent = fields.String(validate=KEY)
    state = fields.String(validate=validate.Regexp(r"^[a-z_]{1,60}$", error="Ongeldige staat."))
    kind = fields.String(validate=validate.Regexp(r"^[a-z_]{1,60}$", error="Ongeldige soort."))
    unit = fields.String(validate=KEY, metadata={"description": "Defensieonderdeel (sleutel)"})
    owner = fields.String(validate=validate.Length(min=1, max=200), metadata={"description": "Eigenaar"})
    blocked = fields.Boolean()
    at_risk = fields.Boolean(metadata={"description": "Met risico (per peildatum)"})
    overdue = fields.Boolean(metadata={"description": "Achterstallig (per peildatum)"})
    illustratief = fields.Boolean()
    deadline_from = fields.Date(data_key="deadline_van")
    deadline_to = fields.Date(data_key="deadline_tot")
    peildatum = fields.Date()
    sort = fields.String(load_default="uiterlijk", metadata={"description": "titel, soort, staat, uiterlijk, "
                                                              "prognose, eigenaar, onderdeel, bijgewerkt, aangemaakt"})
    desc = fields.Boolean(load_default=False, metadata={"description": "Aflopend sorteren"})

    @pre_load
    def _without_pages(self, data, **_):
        """`page` and `page_size` are read by flask-smorest's pagination, beside these arguments."""
        return {key: data[key] for key in data if key not in ("page", "page_size")}


class PeildatumSchema(StrictSchema):
    peildatum = fields.Date()


class EventSchema(Schema):
    seq = fields.Integer(required=True)
    item = fields.String(required=True)
    version = fields.Integer(required=True)
    type = fields.String(required=True)
    data = fields.Dict(required=True)
    actor = fields.String(required=True)
    occurred_on = fields.String(required=True)
    recorded_at = fields.String(required=True)
    idempotency_key = fields.String(allow_none=True)
    idempotency_account = fields.String(allow_none=True, metadata={"description": "Het account van de sleutel"})
    prev_hash = fields.String(required=True)
    hash = fields.String(required=True)


class NewEventSchema(StrictSchema):
    type = fields.String(required=True, validate=validate.Length(min=1, max=60))
    data = fields.Dict(keys=fields.String(validate=validate.Length(max=60)), load_default=dict)
    occurred_on = fields.Date(load_default=None, metadata={"description": "Standaard: vandaag"})


class BriefSchema(Schema):
    key = fields.String(required=True)
    title = fields.String()
    state = fields.String(allow_none=True)
    done = fields.Boolean()
    forecast = fields.String(allow_none=True)
    deadline = fields.String(allow_none=True)
    at_risk = fields.Boolean()
    blocked = fields.Boolean()


class DependenciesSchema(Schema):
    key = fields.String(required=True)
    prerequisites = fields.List(fields.Nested(BriefSchema))
    dependents = fields.List(fields.Nested(BriefSchema))
    blocking = fields.List(fields.String())


class NewDependencySchema(StrictSchema):
    op = fields.String(required=True, validate=KEY, metadata={"description": "Het vereiste item"})
    toelichting = fields.String(validate=validate.Length(max=10_000))


class PathStepSchema(BriefSchema):
    via = fields.String(allow_none=True)


class EdgeSchema(Schema):
    dependent = fields.String()
    prerequisite = fields.String()


class GraphSchema(BriefSchema):
    plan = fields.String(allow_none=True)
    blocking = fields.List(fields.String())
    prerequisites = fields.List(fields.Nested(BriefSchema))
    dependents = fields.List(fields.Nested(BriefSchema))
    critical_path = fields.List(fields.Nested(PathStepSchema))
    chain = fields.List(fields.Nested(EdgeSchema))
    nodes = fields.List(fields.Nested(BriefSchema))


class ReportQuerySchema(PeildatumSchema):
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "md", "text"]))
    bekend_op = fields.Date(metadata={"description": "Tel alleen wat uiterlijk op deze dag is vastgelegd"})
    vo_jaar = fields.Integer(validate=validate.Range(min=2000, max=2100),
                             metadata={"description": "Rapport rekenkamer: het verantwoordingsonderzoek"})
    vorm = fields.String(load_default="nl", validate=validate.OneOf(list(CSV_FORM_NAMES)),
                         metadata={"description": f"Bij format=csv: {CSV_FORMS}"})


class UploadSchema(Schema):
    bestand = Upload(required=True, metadata={"description": "Het document (PDF, Office, OpenDocument, afbeelding, "
                                                              "platte tekst of e-mail); hoogstens 25 MB"})


class DocumentSchema(Schema):
    sha256 = fields.String(metadata={"description": "Noem deze som in 'bewijs' van de gebeurtenis"})
    size = fields.Integer(metadata={"description": "Grootte in bytes"})
    media_type = fields.String(metadata={"description": "Het type, herkend aan de inhoud"})
    name = fields.String()
    uploaded_by = fields.String()
    uploaded_at = fields.DateTime(metadata={"description": "Tijdstip (UTC)"})


class FoutSchema(Schema):
    code = fields.Integer(required=True, metadata={"description": "HTTP-statuscode"})
    status = fields.String(required=True)
    message = fields.String()
    errors = fields.Dict()
    reason = fields.String(metadata={"description": "Machinenaam van de fout, bv. versieconflict"})
    current_version = fields.Integer(allow_none=True)
    allowed = fields.List(fields.Dict())
    blocking = fields.List(fields.String())
    cycle = fields.List(fields.String())


class WebhookSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(), required=True, metadata={"description": "Gebeurtenistypen; ['*']: alle"})
    status = fields.String(required=True, metadata={"description": "'actief', of 'faalt' na te veel mislukte "
                                                                   "pogingen op rij (wordt opnieuw geprobeerd)"})
    failures = fields.Integer(metadata={"description": "Mislukte pogingen op rij"})
    failing_since = fields.DateTime(allow_none=True, metadata={"description": "Faalt sinds (UTC)"})
    pending = fields.Integer(metadata={"description": "Gebeurtenissen die nog op bezorging wachten"})
    delivered_through = fields.Integer(metadata={"description": "Bezorgd tot en met dit volgnummer"})
    last_delivered_at = fields.DateTime(allow_none=True, metadata={"description": "Laatste bezorging (UTC)"})
    next_attempt_at = fields.DateTime(allow_none=True, metadata={"description": "Volgende poging (UTC)"})
    last_error = fields.String(allow_none=True)
    created_at = fields.DateTime(metadata={"description": "Toegevoegd (UTC)"})
    created_by = fields.String()


class NewWebhookSchema(StrictSchema):
    url = fields.String(required=True, metadata={"description": "http(s)-adres van de ontvanger"})
    events = fields.List(fields.String(), load_default=None,
                         metadata={"description": "Gebeurtenistypen (bijv. ['opgevolgd']); weglaten of ['*']: alle"})
    secret = fields.String(load_default=None, metadata={"description": "whsec_ + base64 (24 tot 64 bytes); "
                                                                       "weglaten: het volgsysteem maakt er een"})


class RegisteredWebhookSchema(WebhookSchema):
    secret = fields.String(required=True, metadata={"description": "Het geheim dat elk bericht ondertekent; wordt "
                                                                   "alleen nu getoond"})

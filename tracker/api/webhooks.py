"""Webhook subscribers, for a beheerder: register a receiver (its secret is shown once, in the answer), list them
with their status, remove one."""
from __future__ import annotations

from flask.views import MethodView

from tracker.services import webhooks

from .auth import current_actor
from .common import blueprint, document_errors
from .schemas import NewWebhookSchema, RegisteredWebhookSchema, WebhookSchema

blp = blueprint("webhooks", __name__, "/api/v1/webhooks",
                "Webhooks: ondertekende berichten over nieuwe gebeurtenissen (Standard Webhooks), voor een beheerder")


def _tracker():
    from tracker.services.context import current_tracker

    return current_tracker()


def _shown(subscriber) -> dict:
    return {"id": subscriber.id, "url": subscriber.url, "events": list(subscriber.types),
            "status": webhooks.status(subscriber), "failures": subscriber.failures,
            "failing_since": subscriber.failing_since, "pending": subscriber.pending,
            "delivered_through": subscriber.delivered_through, "last_delivered_at": subscriber.last_delivered_at,
            "next_attempt_at": subscriber.next_attempt_at, "last_error": subscriber.last_error,
            "created_at": subscriber.created_at, "created_by": subscriber.created_by}


@blp.route("")
class Subscribers(MethodView):
    @blp.response(200, WebhookSchema(many=True))
    @document_errors(blp, (401, 403))
    def get(self):
        """De ontvangers, met hun status en wat op hen wacht (zonder geheim)"""
        return [_shown(s) for s in webhooks.overview(_tracker(), current_actor())]

    @blp.arguments(NewWebhookSchema)
    @blp.response(201, RegisteredWebhookSchema())
    @document_errors(blp, (400, 401, 403, 422))
    def post(self, body):
        """Een ontvanger toevoegen; die krijgt de gebeurtenissen die vanaf nu worden vastgelegd. Het antwoord toont
        het geheim, alleen deze keer"""
        registered = webhooks.register(_tracker(), body["url"], body.get("events"), body.get("secret"),
                                       current_actor())
        return {**_shown(registered.subscriber), "secret": registered.secret}


@blp.route("/<int:subscriber>")
class Subscriber(MethodView):
    @blp.response(200, WebhookSchema())
    @document_errors(blp, (401, 403, 404))
    def get(self, subscriber):
        """Eén ontvanger"""
        return _shown(webhooks.get(_tracker(), subscriber, current_actor()))

    @blp.response(204)
    @document_errors(blp, (401, 403, 404))
    def delete(self, subscriber):
        """Een ontvanger verwijderen: er wordt niets meer aan bezorgd; wat bezorgd is, blijft vastgelegd"""
        webhooks.remove(_tracker(), subscriber, current_actor())

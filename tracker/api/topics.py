"""GET /api/v1/topics: the four topics with their progress and how many items are blocked or at risk."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView

from tracker.services import dashboard, queries

from .common import READ_ERRORS, blueprint, document_errors
from .schemas import ChainSchema, TopicSchema

blp = blueprint("api_topics", __name__, "/api/v1/topics", "Thema's met hun voortgang")


@blp.route("")
class Topics(MethodView):
    @blp.response(200, TopicSchema(many=True))
    @document_errors(blp, READ_ERRORS[:1])
    def get(self):
        """Thema's met voortgang, aantal items, geblokkeerde items en items met risico"""
        from tracker.services.context import current_tracker

        return Response(dashboard.topics_json(current_tracker()), mimetype="application/json")


chain_blp = blueprint("api_chain", __name__, "/api/v1/chain", "De kop van de hashketen")


@chain_blp.route("")
class Chain(MethodView):
    @chain_blp.response(200, ChainSchema())
    @document_errors(chain_blp, READ_ERRORS[:1])
    def get(self):
        """Aantal gebeurtenissen en de hash van de laatste: leg deze elders vast om manipulatie te kunnen zien"""
        from tracker.services.context import current_tracker

        return queries.chain_head(current_tracker())

"""The limit for the HTTP benchmarks: a Flask hello-world under the same gunicorn settings.

`/bytes/N` answers N bytes of HTML: the same hello-world carrying a page as large as the one measured, to
separate what sending the body costs from what the tracker does per request."""
from flask import Flask, Response, jsonify


def create_app() -> Flask:
    app = Flask(__name__)

    @app.route("/bytes/<int:size>")
    def sized(size):
        return Response("x" * min(size, 10_000_000), mimetype="text/html")

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
    @app.route("/<path:path>", methods=["GET", "POST"])
    def hello(path):
        return jsonify(hello="wereld"), 201 if path.endswith("events") else 200

    return app

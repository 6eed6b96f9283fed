"""The limit for the HTTP benchmarks: a Flask hello-world under the same gunicorn settings."""
from flask import Flask, jsonify


def create_app() -> Flask:
    app = Flask(__name__)

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
    @app.route("/<path:path>", methods=["GET", "POST"])
    def hello(path):
        return jsonify(hello="wereld"), 201 if path.endswith("events") else 200

    return app

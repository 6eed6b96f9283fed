"""Entry point for WSGI servers: `flask --app wsgi run` or `gunicorn wsgi:app`."""
import gc

from tracker import create_app

app = create_app()
# What a worker holds for its whole life (modules, definitions, schemas, templates) is set apart from the
# collector once loaded: otherwise every full collection walks all of it again, a pause of 50-100 ms that
# lands on one request in twenty.
gc.collect()
gc.freeze()

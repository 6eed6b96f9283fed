"""Entry point for WSGI servers: `flask --app wsgi run` or `gunicorn wsgi:app`."""
from tracker import create_app

app = create_app()

"""Fixtures of the integration tests beyond the shared ones: a real SMTP server on localhost."""
from tests.smtp_server import smtp_server  # noqa: F401  (fixture)

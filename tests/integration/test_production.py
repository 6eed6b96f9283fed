"""Production mode: no start without a real secret key; hardened cookies."""
import os
import subprocess
import sys

import pytest

from tracker import create_app
from tracker.domain.errors import ConfigurationError


@pytest.mark.parametrize("secret", [None, "dev-only-not-for-production", "te-kort"])
def test_production_without_a_real_secret_key_does_not_start(tmp_path, secret):
    config = {"ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"}
    config["SECRET_KEY"] = secret or ""
    with pytest.raises(ConfigurationError, match="TRACKER_SECRET_KEY"):
        create_app(config)


def test_production_with_a_real_key_hardens_the_session_cookie(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": "x" * 48, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_the_command_line_says_what_to_do(tmp_path):
    env = {**os.environ, "TRACKER_ENV": "production", "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path}/p.db"}
    env.pop("TRACKER_SECRET_KEY", None)
    tracker = os.path.join(os.path.dirname(sys.executable), "tracker")
    result = subprocess.run([tracker, "items"], env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "TRACKER_SECRET_KEY" in result.stderr and "Traceback" not in result.stderr

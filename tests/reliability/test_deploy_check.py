"""Production settings (DEBUG off, SECRET_KEY from the environment) pass Django's deploy checks."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


def production_env(**extra: str) -> dict[str, str]:
    # Nothing the test run itself sets: the browser tests allow async-unsafe ORM calls.
    test_only = {"DEBUG", "SCI_PORTAL_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="portal.example.org", **extra)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MANAGE, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_with_nothing_silenced():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_code_only_commands_run_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_production_defaults_are_strict():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) "
        "for k in ['DEBUG', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'X_FRAME_OPTIONS', 'ADMIN_URL']}))"
    )
    result = manage("shell", "-c", code, env=production_env(ADMIN_URL="/back-office/"))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "X_FRAME_OPTIONS": "DENY",
        "ADMIN_URL": "back-office/",
    }


def test_a_malformed_throttle_rate_stops_the_start_with_its_name():
    # DRF would only parse it at the first API request: a 500 on every one.
    for name, value in [("API_THROTTLE_ANON", "60"), ("API_THROTTLE_PARTNER", "1000/fortnight")]:
        result = manage("check", env=production_env(**{name: value}))
        assert result.returncode != 0
        assert f"ImproperlyConfigured: {name}={value!r} is not a rate" in result.stderr


def test_well_formed_throttle_rates_start():
    env = production_env(API_THROTTLE_ANON="120/hour", API_THROTTLE_PARTNER="5/s")
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr

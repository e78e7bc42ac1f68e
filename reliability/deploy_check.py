"""`manage.py check --deploy --fail-level WARNING` with production settings, nothing silenced.

python -m reliability.deploy_check
"""

import secrets

from .server import manage, production_env


def main() -> int:
    env = production_env("sqlite:///:memory:")
    # Production as deployed: HTTPS redirect and Secure cookies on (the local-run overrides off).
    for name in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES"):
        env.pop(name, None)
    env.update(SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="portal.example.org")
    try:
        output = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    except RuntimeError as error:
        print(f"check --deploy: FAILED\n{error}")
        return 1
    print(f"check --deploy --fail-level WARNING: {output.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

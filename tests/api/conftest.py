import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.authtoken.models import Token


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache: each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rates(settings):
    """Set the throttle rates for one test: rates(anon="2/min", partner="4/min")."""

    def set_rates(**scopes: str) -> None:
        current = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**current, **scopes},
        }

    return set_rates


@pytest.fixture
def partner_token(db) -> Token:
    """An API token, as staff create one in the admin for a partner's account."""
    user = User.objects.create_user("partner", email="data@partner.example")
    return Token.objects.create(user=user)

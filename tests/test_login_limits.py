"""Repeated failed logins lock the account for that address, even against the right
password; other addresses and a later window are not affected."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db
LOGIN = "/beheer/login/"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "inlogger", password="juist-wachtwoord-1", is_staff=True
    )


def log_in(client, password, address="10.0.0.1"):
    response = client.post(LOGIN, {"username": "inlogger", "password": password},
                           REMOTE_ADDR=address)  # fmt: skip
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_five_failures_lock_the_account_from_that_address(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _attempt in range(5):
        assert not log_in(client, "fout")
    assert not log_in(client, "juist-wachtwoord-1")  # locked, despite the right password
    assert log_in(client, "juist-wachtwoord-1", address="10.0.0.2")  # another address


def test_a_successful_login_clears_the_count(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    assert not log_in(client, "fout") and not log_in(client, "fout")
    assert log_in(client, "juist-wachtwoord-1")
    client.logout()
    assert not log_in(client, "fout") and not log_in(client, "fout")
    assert log_in(client, "juist-wachtwoord-1")  # two failures since the success: not locked

"""Failed logins are counted per account and per address, separately (14.9): the account
is locked whatever address the guesses come from, one address is throttled when it guesses
many accounts, and an office behind one address is not locked out by a colleague's typos.
An empty ?next= lands on the home page, not on a 404."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db
LOGIN = "/beheer/login/"
PASSWORD = "juist-wachtwoord-1"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("inlogger", password=PASSWORD, is_staff=True)


def log_in(client, password, address="10.0.0.1", username="inlogger"):
    client.logout()
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_failures_lock_the_account_from_every_address(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for attempt in range(5):  # an attacker rotating addresses
        assert not log_in(client, "fout", address=f"10.0.1.{attempt}")
    assert not log_in(client, PASSWORD)  # locked, despite the right password
    assert not log_in(client, PASSWORD, address="10.0.0.99")  # from anywhere


def test_one_address_guessing_many_accounts_is_throttled(client, django_user_model, settings):
    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5, 12
    for number in range(7):
        django_user_model.objects.create_user(f"collega{number}", password=PASSWORD)
    for number in range(6):  # two guesses per account: no account reaches its limit
        for _guess in range(2):
            assert not log_in(client, "fout", username=f"collega{number}")
    assert not log_in(client, PASSWORD, username="collega6")  # the address is throttled
    assert log_in(client, PASSWORD, username="collega6", address="10.9.9.9")  # elsewhere: fine


def test_an_office_behind_one_address_is_not_locked_out_by_one_colleague(
    client, editor, django_user_model, settings
):
    settings.LOGIN_FAILURE_LIMIT = 5
    django_user_model.objects.create_user("collega", password=PASSWORD)
    for _attempt in range(5):
        assert not log_in(client, "fout")  # one colleague locks their own account
    assert log_in(client, PASSWORD, username="collega")  # the others log in as usual


def test_a_successful_login_clears_the_account_count(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    assert not log_in(client, "fout") and not log_in(client, "fout")
    assert log_in(client, PASSWORD)
    assert not log_in(client, "fout") and not log_in(client, "fout")
    assert log_in(client, PASSWORD)  # two failures since the success: not locked


@pytest.mark.parametrize("login", ["/_util/login/", LOGIN])
def test_an_empty_next_lands_on_a_page_that_exists(client, editor, login):
    response = client.post(
        f"{login}?next=", {"username": "inlogger", "password": PASSWORD, "next": ""}
    )
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200

"""Sign-in limits on SQLite and PostgreSQL: concurrent guesses are all counted before any is checked, the
waits grow, and a stranger's guesses do not keep the real organiser out."""

import datetime as dt
import threading
from collections.abc import Callable
from typing import ClassVar

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import LoginThrottle
from missionmatch.services import accounts
from missionmatch.services.login_throttle import ACCOUNT, ACCOUNT_FROM_ADDRESS, ADDRESS, Throttled
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission

EMAIL, PASSWORD = "orga@example.lu", "the right password"


class CountingHasher(PasswordHasher):
    """Records every password check (list.append is atomic across threads)."""

    checks: ClassVar[list[str]] = []

    def verify(self, hash: str, password: str | bytes) -> bool:  # type: ignore[override]
        self.checks.append(str(password))
        return super().verify(hash, password)


@pytest.fixture
def factory(session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> sessionmaker[Session]:
    # a cheap argon2 setting: these tests make hundreds of checks; the limits do not depend on the cost
    cheap = CountingHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(accounts, "_HASHER", cheap)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", cheap.hash("not a password"))
    with transaction(session_factory) as session:
        accounts.create_organiser(session, EMAIL, PASSWORD, [])
    return session_factory


def _sign_in(factory: sessionmaker[Session], password: str, client: str, email: str = EMAIL) -> str:
    with factory() as session:
        try:
            account = accounts.authenticate_organiser(session, email, password, client)
        except Throttled as throttled:
            return f"wait {throttled.retry_after}"
        session.commit()
        return "signed in" if account else "wrong"


def _at_once(count: int, work: Callable[[], str]) -> list[str]:
    barrier = threading.Barrier(count)
    results: list[str] = []

    def run() -> None:
        barrier.wait()
        results.append(work())

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


class Frozen:
    """The application's clock, stopped, moved on by hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = clock.now()
        monkeypatch.setattr(clock, "now", lambda: self.moment)

    def later(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


def _attempts(factory: sessionmaker[Session], key: str) -> int:
    with factory() as session:
        return session.scalar(select(LoginThrottle.attempts).where(LoginThrottle.key == key))


def test_25_concurrent_guesses_are_all_counted_and_only_5_checked(factory) -> None:
    CountingHasher.checks.clear()
    results = _at_once(25, lambda: _sign_in(factory, "guess", "6.6.6.6"))
    assert CountingHasher.checks == ["guess"] * 5
    # the others were told to wait the 30 s that the fifth failure started (31 if they waited for the lock)
    refused = [result for result in results if result != "wrong"]
    assert (len(results) - len(refused), len(refused)) == (ACCOUNT_FROM_ADDRESS.free, 20) == (5, 20)
    assert {result.rsplit(" ", 1)[0] for result in refused} == {"wait"}
    assert _attempts(factory, ACCOUNT_FROM_ADDRESS.key(EMAIL, "6.6.6.6")) == 5


def test_the_wait_doubles_and_is_never_a_lockout(factory, monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = Frozen(monkeypatch)
    for _ in range(5):
        assert _sign_in(factory, "guess", "6.6.6.6") == "wrong"
    waits = []
    for _ in range(8):
        waits.append(_sign_in(factory, "guess", "6.6.6.6"))
        frozen.later(int(waits[-1].split()[1]))
        assert _sign_in(factory, "guess", "6.6.6.6") == "wrong"
    assert waits == [f"wait {s}" for s in (30, 60, 120, 240, 480, 900, 900, 900)]
    assert _sign_in(factory, PASSWORD, "6.6.6.6").startswith("wait")
    frozen.later(900)
    assert _sign_in(factory, PASSWORD, "6.6.6.6") == "signed in"


def test_a_strangers_guesses_do_not_stop_the_organiser_signing_in_elsewhere(factory) -> None:
    for _ in range(30):
        _sign_in(factory, "guess", "6.6.6.6")
    assert _sign_in(factory, "guess", "6.6.6.6").startswith("wait")
    assert _sign_in(factory, PASSWORD, "6.6.6.6").startswith("wait")
    assert _sign_in(factory, PASSWORD, "192.0.2.10") == "signed in"


def test_guesses_from_many_addresses_only_slow_the_account_down(
    factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = Frozen(monkeypatch)
    for address in range(ACCOUNT.free // ACCOUNT_FROM_ADDRESS.free + 1):
        for _ in range(ACCOUNT_FROM_ADDRESS.free):
            _sign_in(factory, "guess", f"10.0.0.{address}")
    refused = _sign_in(factory, PASSWORD, "192.0.2.10")
    assert refused.startswith("wait") and int(refused.split()[1]) <= ACCOUNT.longest_wait.total_seconds()
    frozen.later(ACCOUNT.longest_wait.total_seconds())
    assert _sign_in(factory, PASSWORD, "192.0.2.10") == "signed in"


def test_one_address_trying_many_accounts_is_slowed_down(factory) -> None:
    results = [_sign_in(factory, "guess", "6.6.6.6", f"user{n}@example.lu") for n in range(ADDRESS.free + 1)]
    assert results == ["wrong"] * ADDRESS.free + ["wait 60"]


def test_signing_in_often_from_one_office_costs_nothing(factory) -> None:
    assert [_sign_in(factory, PASSWORD, "192.0.2.10") for _ in range(ADDRESS.free + 5)] == ["signed in"] * (
        ADDRESS.free + 5
    )
    assert _attempts(factory, ADDRESS.key("192.0.2.10")) == 0


def test_the_real_users_typos_are_forgotten_once_signed_in(factory) -> None:
    for _ in range(4):
        _sign_in(factory, "typo", "192.0.2.10")
    assert _sign_in(factory, PASSWORD, "192.0.2.10") == "signed in"
    assert [_sign_in(factory, "typo", "192.0.2.10") for _ in range(5)] == ["wrong"] * 5


def test_concurrent_link_requests_for_one_mailbox_mail_it_once(session_factory) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())

    def ask(client: str) -> str:
        with session_factory() as session:
            found = accounts.participants_to_send_a_link(session, "Anne.Muller@luxsat.example.lu", client)
            return ",".join(p.key for p in found)

    clients = iter(range(10))
    results = _at_once(10, lambda: ask(f"10.0.0.{next(clients)}"))
    assert sorted(results) == [""] * 9 + ["p-1"]


def test_a_mailbox_gets_a_link_again_after_ten_minutes_however_often_others_asked(
    session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    frozen = Frozen(monkeypatch)

    def ask(client: str) -> int:
        with session_factory() as session:
            return len(accounts.participants_to_send_a_link(session, "sato@orbital.example.jp", client))

    sent = [ask("10.0.0.1")]
    for minute in range(1, 11):
        frozen.later(60)
        sent.append(ask(f"10.0.1.{minute}"))  # a stranger asks every minute from new addresses
    assert sent == [1] + [0] * 9 + [1]  # a mail at 0 and at 10 minutes, none between

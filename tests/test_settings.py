"""The MISSIONMATCH_* variables: each one's parsing and default, the error naming a bad one, and the table of
docs/deployment.md kept to exactly the variables that settings.py reads."""

import ast
import datetime as dt
import ipaddress
import os
import re
import stat
from pathlib import Path

import pytest

from missionmatch import settings
from missionmatch.settings import (
    MailSettings,
    PoolSettings,
    SettingError,
    SmtpSettings,
    WebSettings,
    load_settings,
    load_web_settings,
    parse_networks,
)

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_SOURCE = ROOT / "src" / "missionmatch" / "settings.py"
DEPLOYMENT = ROOT / "docs" / "deployment.md"
VARIABLE = re.compile(r"MISSIONMATCH_[A-Z_]*[A-Z]")


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """No MISSIONMATCH_* variable set (the test session sets a few), and var/ in a temporary directory."""
    for name in [name for name in os.environ if name.startswith("MISSIONMATCH_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_defaults_when_nothing_is_set(environment):
    assert load_settings() == settings.Settings(
        database_url="sqlite:///var/missionmatch.db",
        cache_dir=Path("var/cache"),
        pool=PoolSettings(size=10, max_overflow=5, timeout=10.0),
        web_workers=1,
        gate_wait=15.0,
        page_cache_entries=2000,
        queue_url=None,
    )
    web = load_web_settings()
    assert (web.base_url, web.smtp, web.https_only, web.trusted_proxies) == (
        "http://127.0.0.1:8000",
        None,
        False,
        (),
    )
    assert web.login_link_validity == dt.timedelta(hours=24)
    assert web.request_validity == dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("variable", "value", "read", "expected"),
    [
        (
            "MISSIONMATCH_DATABASE_URL",
            " postgresql+psycopg://u@h/db ",
            lambda s: s.database_url,
            "postgresql+psycopg://u@h/db",
        ),
        ("MISSIONMATCH_CACHE_DIR", "/srv/cache", lambda s: s.cache_dir, Path("/srv/cache")),
        ("MISSIONMATCH_DB_POOL_SIZE", "3", lambda s: s.pool.size, 3),
        ("MISSIONMATCH_DB_MAX_OVERFLOW", "0", lambda s: s.pool.max_overflow, 0),
        ("MISSIONMATCH_DB_POOL_TIMEOUT", "2.5", lambda s: s.pool.timeout, 2.5),
        ("MISSIONMATCH_WEB_WORKERS", " 4 ", lambda s: s.web_workers, 4),
        ("MISSIONMATCH_DB_GATE_WAIT", "0", lambda s: s.gate_wait, 0.0),
        ("MISSIONMATCH_PAGE_CACHE", "0", lambda s: s.page_cache_entries, 0),
        ("MISSIONMATCH_PAGE_CACHE_DIR", "/run/pages", lambda s: s.page_cache_dir, Path("/run/pages")),
        (
            "MISSIONMATCH_QUEUE_URL",
            "redis://127.0.0.1:6379/0",
            lambda s: s.queue_url,
            "redis://127.0.0.1:6379/0",
        ),
        # empty is unset: the default
        ("MISSIONMATCH_DATABASE_URL", "", lambda s: s.database_url, "sqlite:///var/missionmatch.db"),
        ("MISSIONMATCH_WEB_WORKERS", "  ", lambda s: s.web_workers, 1),
        ("MISSIONMATCH_QUEUE_URL", "", lambda s: s.queue_url, None),
    ],
)
def test_each_process_setting_is_read(environment, variable, value, read, expected):
    environment.setenv(variable, value)
    assert read(load_settings()) == expected


@pytest.mark.parametrize(
    ("variable", "value", "read", "expected"),
    [
        ("MISSIONMATCH_SECRET_KEY", "s3cret ", lambda w: w.secret_key, "s3cret "),
        (
            "MISSIONMATCH_BASE_URL",
            "https://b2b.example.org/",
            lambda w: w.base_url,
            "https://b2b.example.org",
        ),
        ("MISSIONMATCH_HTTPS", "1", lambda w: w.https_only, True),
        ("MISSIONMATCH_HTTPS", "0", lambda w: w.https_only, False),
        (
            "MISSIONMATCH_TRUSTED_PROXIES",
            "127.0.0.1, 10.0.0.0/8,",
            lambda w: w.trusted_proxies,
            (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")),
        ),
        ("MISSIONMATCH_SMTP_HOST", "smtp.example.org", lambda w: w.smtp, SmtpSettings("smtp.example.org")),
        ("MISSIONMATCH_REQUEST_VALIDITY", "30", lambda w: w.request_validity, dt.timedelta(seconds=30)),
    ],
)
def test_each_web_setting_is_read(environment, variable, value, read, expected):
    environment.setenv(variable, value)
    assert read(load_web_settings()) == expected


def test_smtp_settings_are_read_with_the_host(environment):
    for variable, value in {
        "HOST": " smtp.example.org ",
        "PORT": "587",
        "SENDER": "b2b@example.org",
        "USER": "mailer",
        "PASSWORD": " pass word",
        "STARTTLS": "1",
    }.items():
        environment.setenv(f"MISSIONMATCH_SMTP_{variable}", value)
    web = load_web_settings()
    assert web.smtp == SmtpSettings("smtp.example.org", 587, "b2b@example.org", "mailer", " pass word", True)
    assert web.mail == MailSettings("http://127.0.0.1:8000", web.smtp, dt.timedelta(hours=24))


def test_smtp_settings_without_a_host_are_not_read(environment):
    # mails stay in the outbox: a port set for later does not stop the server
    environment.setenv("MISSIONMATCH_SMTP_PORT", "abc")
    assert load_web_settings().smtp is None


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MISSIONMATCH_WEB_WORKERS", "abc", "MISSIONMATCH_WEB_WORKERS: 'abc' is not a whole number"),
        ("MISSIONMATCH_WEB_WORKERS", "0", "MISSIONMATCH_WEB_WORKERS: '0' is less than 1"),
        ("MISSIONMATCH_DB_POOL_SIZE", "2.5", "MISSIONMATCH_DB_POOL_SIZE: '2.5' is not a whole number"),
        ("MISSIONMATCH_DB_POOL_SIZE", "0", "MISSIONMATCH_DB_POOL_SIZE: '0' is less than 1"),
        ("MISSIONMATCH_DB_MAX_OVERFLOW", "-1", "MISSIONMATCH_DB_MAX_OVERFLOW: '-1' is less than 0"),
        (
            "MISSIONMATCH_DB_POOL_TIMEOUT",
            "soon",
            "MISSIONMATCH_DB_POOL_TIMEOUT: 'soon' is not a number of seconds",
        ),
        (
            "MISSIONMATCH_DB_POOL_TIMEOUT",
            "0.05",
            "MISSIONMATCH_DB_POOL_TIMEOUT: '0.05' is less than 0.1 seconds",
        ),
        ("MISSIONMATCH_DB_GATE_WAIT", "-1", "MISSIONMATCH_DB_GATE_WAIT: '-1' is less than 0 seconds"),
        ("MISSIONMATCH_DB_GATE_WAIT", "nan", "MISSIONMATCH_DB_GATE_WAIT: 'nan' is less than 0 seconds"),
        ("MISSIONMATCH_PAGE_CACHE", "many", "MISSIONMATCH_PAGE_CACHE: 'many' is not a whole number"),
        ("MISSIONMATCH_PAGE_CACHE", "-5", "MISSIONMATCH_PAGE_CACHE: '-5' is less than 0"),
    ],
)
def test_a_bad_process_setting_is_named(environment, variable, value, message):
    environment.setenv(variable, value)
    with pytest.raises(SettingError) as raised:
        load_settings()
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MISSIONMATCH_HTTPS", "yes", "MISSIONMATCH_HTTPS: 'yes' is neither 1 (on) nor 0 (off)"),
        (
            "MISSIONMATCH_SMTP_STARTTLS",
            "true",
            "MISSIONMATCH_SMTP_STARTTLS: 'true' is neither 1 (on) nor 0 (off)",
        ),
        ("MISSIONMATCH_SMTP_PORT", "smtp", "MISSIONMATCH_SMTP_PORT: 'smtp' is not a whole number"),
        ("MISSIONMATCH_SMTP_PORT", "0", "MISSIONMATCH_SMTP_PORT: '0' is less than 1"),
        ("MISSIONMATCH_SMTP_PORT", "65536", "MISSIONMATCH_SMTP_PORT: '65536' is more than 65535"),
        (
            "MISSIONMATCH_TRUSTED_PROXIES",
            "10.0.0.1, proxy.local",
            "MISSIONMATCH_TRUSTED_PROXIES: 'proxy.local' is not an address",
        ),
        (
            "MISSIONMATCH_REQUEST_VALIDITY",
            "0",
            "MISSIONMATCH_REQUEST_VALIDITY: '0' is less than 1 seconds",
        ),
    ],
)
def test_a_bad_web_setting_is_named(environment, variable, value, message):
    environment.setenv("MISSIONMATCH_SMTP_HOST", "smtp.example.org")
    environment.setenv(variable, value)
    with pytest.raises(SettingError) as raised:
        load_web_settings()
    assert str(raised.value) == message


def test_the_secret_key_is_generated_once_into_var(environment, tmp_path):
    first = load_web_settings().secret_key
    key_file = tmp_path / "var" / "secret.key"
    assert key_file.read_text() == first
    assert len(first) == 64  # token_urlsafe(48)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_web_settings().secret_key == first  # kept across restarts
    environment.setenv("MISSIONMATCH_SECRET_KEY", "from-the-environment")
    assert load_web_settings().secret_key == "from-the-environment"


def test_the_secret_key_from_the_environment_writes_no_file(environment, tmp_path):
    environment.setenv("MISSIONMATCH_SECRET_KEY", "k")
    assert load_web_settings().secret_key == "k"
    assert not (tmp_path / "var").exists()


def test_the_settings_of_mails_follow_the_web_settings():
    web = WebSettings("k", base_url="https://b2b.example.org", login_link_validity=dt.timedelta(hours=2))
    assert web.mail == MailSettings("https://b2b.example.org", None, dt.timedelta(hours=2))


def test_networks_are_parsed_without_strictness():
    assert parse_networks("192.168.0.7/24, ::1") == (
        ipaddress.ip_network("192.168.0.0/24"),
        ipaddress.ip_network("::1/128"),
    )
    assert parse_networks(" , ") == ()


def _variables_read_by_settings() -> set[str]:
    tree = ast.parse(SETTINGS_SOURCE.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and VARIABLE.fullmatch(node.value)
    }


def _variables_in_the_deployment_table() -> list[list[str]]:
    """The variables named in the first cell of each row of the settings table."""
    rows = [line for line in DEPLOYMENT.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    return [VARIABLE.findall(row.split("|")[1]) for row in rows]


def test_the_deployment_table_has_one_row_per_variable_the_settings_read():
    rows = _variables_in_the_deployment_table()
    assert [names for names in rows if len(names) != 1] == []
    documented = [names[0] for names in rows]
    assert sorted(documented) == sorted(_variables_read_by_settings())
    assert len(set(documented)) == len(documented) > 0  # one row each, and the reading found some


def _environment_reads(source: str) -> list[int]:
    """Lines of os.environ.get("MISSIONMATCH_…"), os.getenv(…), os.environ["MISSIONMATCH_…"] in `source`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            reads = node.func.attr in {"get", "getenv", "pop"}
            key = node.args[0] if node.args else None
        elif isinstance(node, ast.Subscript):
            reads, key = True, node.slice
        else:
            continue
        if reads and isinstance(key, ast.Constant) and VARIABLE.fullmatch(str(key.value)):
            lines.append(node.lineno)
    return lines


def test_no_other_module_reads_a_missionmatch_variable():
    readers = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "src" / "missionmatch").rglob("*.py"))
        if path != SETTINGS_SOURCE and (lines := _environment_reads(path.read_text(encoding="utf-8")))
    }
    assert readers == {}


def test_the_reader_check_sees_a_read():
    source = (
        "import os\n"
        'a = os.environ.get("MISSIONMATCH_X")\n'
        'b = os.getenv("MISSIONMATCH_Y", "1")\n'
        'c = os.environ["MISSIONMATCH_Z"]\n'
        'os.environ.setdefault("MISSIONMATCH_BASE_URL", "u")  # handed to child processes: no read\n'
        'd = os.environ.get("PGPASSWORD")\n'
    )
    assert _environment_reads(source) == [2, 3, 4]

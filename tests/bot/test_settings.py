"""Settings for running the bot: defaults, environment variables, and one-line errors naming the setting."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.settings import Settings, SettingsError, load_settings

# --- defaults ---------------------------------------------------------------------------------------------


def test_defaults_when_nothing_is_set() -> None:
    settings = load_settings()

    assert isinstance(settings, Settings)
    assert settings.slack_bot_token is None
    assert settings.slack_signing_secret is None
    assert settings.slack_app_token is None
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.database_url.startswith("sqlite:")
    assert settings.alinea_channel is None
    assert settings.alinea_timezone == "UTC"
    assert settings.timezone == ZoneInfo("UTC")
    assert settings.alinea_language == "en"
    assert settings.alinea_admins == frozenset()
    assert settings.alinea_reminder_time == time(9, 0)
    assert settings.alinea_misfire_grace == timedelta(hours=1)
    assert settings.port == 3000
    assert settings.alinea_http_connections_per_client == 32
    assert settings.socket_mode is False


def test_default_database_url_is_usable_by_sqlalchemy() -> None:
    from sqlalchemy.engine import make_url

    url = make_url(load_settings().database_url)
    assert url.get_backend_name() == "sqlite"
    assert url.database  # a file, not an in-memory store that would lose everything on restart


# --- values from the environment --------------------------------------------------------------------------


def test_every_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-bot")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-abc")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-app")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:8999/api/")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://alinea@db.internal/alinea")
    monkeypatch.setenv("ALINEA_CHANNEL", "C0123ABCD")
    monkeypatch.setenv("ALINEA_TIMEZONE", "America/Mexico_City")
    monkeypatch.setenv("ALINEA_LANGUAGE", "es")
    monkeypatch.setenv("ALINEA_ADMINS", "U0123ABCD")
    monkeypatch.setenv("ALINEA_REMINDER_TIME", "08:30")
    monkeypatch.setenv("ALINEA_MISFIRE_GRACE", "15m")
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("ALINEA_HTTP_CONNECTIONS_PER_CLIENT", "200")

    settings = load_settings()

    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-1-bot"
    assert settings.slack_signing_secret is not None
    assert settings.slack_signing_secret.get_secret_value() == "signing-abc"
    assert settings.slack_app_token is not None
    assert settings.slack_app_token.get_secret_value() == "xapp-1-app"
    assert settings.socket_mode is True
    assert settings.slack_api_url == "http://127.0.0.1:8999/api/"
    assert settings.database_url == "postgresql+psycopg://alinea@db.internal/alinea"
    assert settings.alinea_channel == "C0123ABCD"
    assert settings.timezone == ZoneInfo("America/Mexico_City")
    assert settings.alinea_language == "es"
    assert settings.alinea_admins == frozenset({"U0123ABCD"})
    assert settings.alinea_reminder_time == time(8, 30)
    assert settings.alinea_misfire_grace == timedelta(minutes=15)
    assert settings.port == 8080
    assert settings.alinea_http_connections_per_client == 200


@pytest.mark.parametrize("value", ["ES", "Es", " es "])
def test_language_value_is_case_insensitive(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ALINEA_LANGUAGE", value)
    assert load_settings().alinea_language == "es"


def test_admins_are_comma_separated_with_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALINEA_ADMINS", " U0123ABCD ,W0456EFGH,  U789XYZ , ")
    assert load_settings().alinea_admins == frozenset({"U0123ABCD", "W0456EFGH", "U789XYZ"})


def test_empty_admins_means_nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALINEA_ADMINS", "")
    assert load_settings().alinea_admins == frozenset()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("90s", timedelta(seconds=90)),
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("2H", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("3600", timedelta(hours=1)),
    ],
)
def test_misfire_grace_forms(monkeypatch: pytest.MonkeyPatch, value: str, expected: timedelta) -> None:
    monkeypatch.setenv("ALINEA_MISFIRE_GRACE", value)
    assert load_settings().alinea_misfire_grace == expected


@pytest.mark.parametrize(("value", "expected"), [("7:05", time(7, 5)), ("00:00", time(0, 0)), ("23:59", time(23, 59))])
def test_reminder_time_forms(monkeypatch: pytest.MonkeyPatch, value: str, expected: time) -> None:
    monkeypatch.setenv("ALINEA_REMINDER_TIME", value)
    assert load_settings().alinea_reminder_time == expected


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("1", 1), (" 64 ", 64)])
def test_connections_per_client_forms(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    """0 means no cap (behind a reverse proxy, every connection comes from the proxy)."""
    monkeypatch.setenv("ALINEA_HTTP_CONNECTIONS_PER_CLIENT", value)
    assert load_settings().alinea_http_connections_per_client == expected


def test_api_url_without_trailing_slash_gets_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_API_URL", "http://localhost:4000/api")
    url = load_settings().slack_api_url
    assert url == "http://localhost:4000/api/"
    # so that joining a method name gives the method's URL, not a sibling of "api"
    from urllib.parse import urljoin

    assert urljoin(url, "chat.postMessage") == "http://localhost:4000/api/chat.postMessage"


def test_overrides_take_precedence_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "8080")
    assert load_settings(port=9090).port == 9090


def test_dotenv_file_is_not_read_by_settings_itself(tmp_path: Path) -> None:
    # conftest chdirs into tmp_path, so this is the .env a developer would have in the working directory
    assert Path.cwd().resolve() == tmp_path.resolve()
    (tmp_path / ".env").write_text(
        "ALINEA_LANGUAGE=es\nPORT=4567\nSLACK_BOT_TOKEN=xoxb-from-dotenv\nALINEA_TIMEZONE=Europe/Madrid\n",
        encoding="utf-8",
    )

    settings = load_settings()

    assert settings.alinea_language == "en"
    assert settings.port == 3000
    assert settings.slack_bot_token is None
    assert settings.alinea_timezone == "UTC"


# --- blanks and secrets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_blank_tokens_count_as_unset(monkeypatch: pytest.MonkeyPatch, blank: str) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "ALINEA_CHANNEL"):
        monkeypatch.setenv(name, blank)

    settings = load_settings()  # a blank bot token must not be rejected for lacking "xoxb-"

    assert settings.slack_bot_token is None
    assert settings.slack_signing_secret is None
    assert settings.slack_app_token is None
    assert settings.alinea_channel is None
    assert settings.socket_mode is False  # a blank app token must not switch on Socket Mode
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        settings.require("slack_signing_secret")


def test_require_names_the_missing_setting() -> None:
    settings = load_settings()
    with pytest.raises(SettingsError) as caught:
        settings.require("slack_signing_secret")
    message = str(caught.value)
    assert "SLACK_SIGNING_SECRET" in message
    assert "\n" not in message


def test_require_names_the_first_missing_of_several(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    settings = load_settings()
    with pytest.raises(SettingsError) as caught:
        settings.require("slack_bot_token", "slack_signing_secret")
    assert "SLACK_SIGNING_SECRET" in str(caught.value)
    assert "SLACK_BOT_TOKEN" not in str(caught.value)


def test_require_passes_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cr3t")
    load_settings().require("slack_bot_token", "slack_signing_secret")  # does not raise


def test_secrets_never_appear_in_repr_or_str(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = {
        "SLACK_BOT_TOKEN": "xoxb-bot-TOPSECRET-111",
        "SLACK_SIGNING_SECRET": "signing-TOPSECRET-222",
        "SLACK_APP_TOKEN": "xapp-app-TOPSECRET-333",
    }
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)

    settings = load_settings()

    assert settings.slack_bot_token is not None and settings.slack_bot_token.get_secret_value() == secrets[
        "SLACK_BOT_TOKEN"
    ]
    for shown in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        for value in secrets.values():
            assert value not in shown
        assert "TOPSECRET" not in shown


def test_database_password_never_appears_in_repr_or_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://alinea:hunter2-TOPSECRET@db.internal:5432/alinea")
    settings = load_settings()
    assert "hunter2-TOPSECRET" not in repr(settings)
    assert "hunter2-TOPSECRET" not in str(settings)


# --- malformed settings: one line naming the setting ------------------------------------------------------

MALFORMED = [
    ("ALINEA_TIMEZONE", "Mars/Olympus"),
    ("ALINEA_LANGUAGE", "fr"),
    ("ALINEA_ADMINS", "bob"),
    ("ALINEA_ADMINS", "U0123ABCD, bob"),
    ("ALINEA_REMINDER_TIME", "25:00"),
    ("ALINEA_REMINDER_TIME", "9am"),
    ("ALINEA_MISFIRE_GRACE", "soon"),
    ("ALINEA_MISFIRE_GRACE", "-5m"),
    ("PORT", "0"),
    ("PORT", "abc"),
    ("PORT", "70000"),
    ("ALINEA_HTTP_CONNECTIONS_PER_CLIENT", "-1"),
    ("ALINEA_HTTP_CONNECTIONS_PER_CLIENT", "many"),
    ("ALINEA_HTTP_CONNECTIONS_PER_CLIENT", "2.5"),
    ("ALINEA_CHANNEL", "general"),
    ("ALINEA_CHANNEL", "#general"),
    ("SLACK_BOT_TOKEN", "xoxp-user-token"),
    ("SLACK_APP_TOKEN", "xoxb-not-an-app-token"),
    ("DATABASE_URL", "mysql://x"),
    ("SLACK_API_URL", "slack.com/api"),
    # values with line breaks must not break the one line
    ("ALINEA_TIMEZONE", "Mars/\nOlympus"),
    ("ALINEA_ADMINS", "bo\nb"),
    ("ALINEA_LANGUAGE", "f\nr"),
]


@pytest.mark.parametrize(("name", "value"), MALFORMED, ids=[f"{n}={v!r}" for n, v in MALFORMED])
def test_malformed_setting_raises_one_line_naming_it(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)

    with pytest.raises(SettingsError) as caught:
        load_settings()

    message = str(caught.value)
    assert name in message
    assert "\n" not in message and "\r" not in message
    assert message.strip() == message and message
    # pydantic's multi-part report (error counts, documentation links) must not leak into start-up output
    assert "errors.pydantic.dev" not in message
    assert "validation error" not in message.lower()


def test_malformed_token_value_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxp-user-SECRET-999")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "SECRET-999" not in str(caught.value)


def test_only_the_first_bad_setting_is_reported_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "abc")
    monkeypatch.setenv("ALINEA_LANGUAGE", "fr")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message
    assert ("PORT" in message) or ("ALINEA_LANGUAGE" in message)

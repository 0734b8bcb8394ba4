"""Installing Alinea: in one workspace with `SLACK_BOT_TOKEN`, or in any number of workspaces and whole orgs through
OAuth (`SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SLACK_STATE_SECRET`).

With OAuth, Bolt serves `/slack/install` and `/slack/oauth_redirect` and keeps each installation in slack_sdk's
SQLAlchemy stores, on Alinea's own database (their tables are migrated with the others). `Installs.token` gives the
bot token of the workspace a Web API call is about (`bot.workspaces.current()`), rotating it before it expires when
the app has token rotation on. A workspace the app was uninstalled from (or whose bot token was revoked) gets no send
and runs no job; its records stay until `alinea workspaces forget`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.clock import Clock
from bot.ids import BOT_SCOPES
from bot.settings import Settings
from bot.workspaces import store_key
from storage import teams as repo
from storage.db import Database

log = logging.getLogger(__name__)

TOKENS_TTL = 60.0  # seconds a workspace's token, or its being uninstalled, is kept in memory
ROTATE_BEFORE_MINUTES = 120  # a rotating token is renewed this long before it expires (Bolt's default)
STATE_LIFETIME = 600  # seconds an install link stays valid


class NotInstalled(Exception):
    """A Web API call about a workspace Alinea has no token for (never installed there, or uninstalled)."""


@dataclass(frozen=True)
class Installed:
    """A workspace or org Alinea serves or served."""

    team_id: str  # the store's key: the team, or the org for an org-wide install
    enterprise_id: str | None
    org_wide: bool
    created_at: datetime
    installed_at: datetime | None
    uninstalled_at: datetime | None


class Installs:
    """Where each workspace's token is, and which workspaces Alinea may send to."""

    def __init__(self, settings: Settings, db: Database, clock: Clock) -> None:
        self._settings = settings
        self._db = db
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[float, str | None]] = {}
        self._gone: tuple[float, set[str]] | None = None
        self.store: SQLAlchemyInstallationStore | None = None
        if settings.oauth:
            assert settings.slack_client_id is not None
            self.store = SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=db.engine)

    @property
    def oauth(self) -> bool:
        return self.store is not None

    def oauth_settings(self) -> OAuthSettings | None:
        """Bolt's OAuth flow on Alinea's stores; None with a single bot token."""
        if self.store is None:
            return None
        settings = self._settings
        assert settings.slack_client_secret is not None and settings.slack_state_secret is not None
        states = SignedStates(SQLAlchemyOAuthStateStore(expiration_seconds=STATE_LIFETIME, engine=self._db.engine),
                              settings.slack_state_secret.get_secret_value().encode())
        oauth = OAuthSettings(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            scopes=list(BOT_SCOPES),
            installation_store=self.store,
            installation_store_bot_only=True,
            state_store=states,
            state_expiration_seconds=STATE_LIFETIME,
            token_rotation_expiration_minutes=ROTATE_BEFORE_MINUTES,
            callback_options=CallbackOptions(success=self._installed, failure=_failed),
        )
        # Bolt finds (and rotates) the token of each request's workspace; its rotation calls `SLACK_API_URL` too.
        oauth.authorize = InstallationStoreAuthorize(
            logger=logging.getLogger("alinea.bolt"), client_id=oauth.client_id, client_secret=oauth.client_secret,
            token_rotation_expiration_minutes=ROTATE_BEFORE_MINUTES, installation_store=self.store, bot_only=True,
            client=self._rotation_client())
        return oauth

    def _rotation_client(self) -> WebClient:
        return WebClient(base_url=self._settings.slack_api_url, timeout=10)

    # -- tokens ---------------------------------------------------------------------------------

    def token(self, team_id: str) -> str:
        """With OAuth, the bot token for Web API calls about `team_id` (a team, or an org for an org-wide install);
        raises `NotInstalled` when there is none. (With `SLACK_BOT_TOKEN`, the client carries that one.)"""
        assert self.store is not None, "one bot token: the client carries it"
        now = time.monotonic()
        with self._lock:
            cached = self._tokens.get(team_id)
        if cached is not None and now - cached[0] < TOKENS_TTL:
            token = cached[1]
        else:
            token = self._read_token(team_id)
            with self._lock:
                self._tokens[team_id] = (now, token)
        if token is None:
            raise NotInstalled(team_id)
        return token

    def _read_token(self, team_id: str) -> str | None:
        bot = self._find_bot(team_id)
        if bot is None:
            return None
        if bot.bot_refresh_token and bot.bot_token_expires_at is not None:
            bot = self._rotated(bot)
        return bot.bot_token

    def _find_bot(self, team_id: str) -> Bot | None:
        assert self.store is not None
        with self._db.transaction() as session:
            found = repo.find_workspace(session, team_id)
            if found is None or found.uninstalled_at is not None:
                return None
            enterprise_id, org_wide = found.enterprise_id, found.org_wide
        return self.store.find_bot(enterprise_id=enterprise_id, team_id=None if org_wide else team_id,
                                   is_enterprise_install=org_wide)

    def _rotated(self, bot: Bot) -> Bot:
        """The bot with a fresh token when its token expires within `ROTATE_BEFORE_MINUTES` (saved for every
        process; Slack keeps the old token valid a while, so two processes rotating at once both work)."""
        assert self.store is not None and self._settings.slack_client_secret is not None
        rotator = TokenRotator(client_id=self._settings.slack_client_id or "",
                               client_secret=self._settings.slack_client_secret.get_secret_value(),
                               client=self._rotation_client())
        renewed = rotator.perform_bot_token_rotation(bot=bot, minutes_before_expiration=ROTATE_BEFORE_MINUTES)
        if renewed is None:
            return bot
        self.store.save_bot(renewed)
        log.info("rotated the bot token of %s", renewed.enterprise_id if renewed.is_enterprise_install
                 else renewed.team_id)
        return renewed

    # -- which workspaces are served ----------------------------------------------------------------

    def active(self, team_id: str) -> bool:
        """Whether Alinea may send to and run jobs for `team_id` (it was not uninstalled from it)."""
        now = time.monotonic()
        with self._lock:
            gone = self._gone
        if gone is None or now - gone[0] >= TOKENS_TTL:
            with self._db.transaction() as session:
                gone = (now, repo.uninstalled_ids(session))
            with self._lock:
                self._gone = gone
        return team_id not in gone[1]

    def org_wide(self, team_id: str) -> bool:
        """Whether `team_id` is an org Alinea was installed in org-wide (its members come from several workspaces)."""
        if self.store is None:
            return False
        with self._db.transaction() as session:
            found = repo.find_workspace(session, team_id)
        return bool(found and found.org_wide)

    def serving_the_token(self, auth: dict[str, Any]) -> None:
        """With `SLACK_BOT_TOKEN`, at start: the workspace (or org) the token belongs to (`auth.test`'s answer) is
        served, also after an `app_uninstalled` (installed again, with the new token configured)."""
        org_wide = bool(auth.get("is_enterprise_install"))
        if team_id := store_key(auth.get("enterprise_id"), auth.get("team_id"), org_wide):
            self.installed(team_id, auth.get("enterprise_id"), org_wide)

    def installed(self, team_id: str, enterprise_id: str | None, org_wide: bool) -> None:
        """Record that Alinea was installed (again) in `team_id`."""
        with self._db.transaction() as session:
            repo.mark_installed(session, team_id, enterprise_id, org_wide, self._clock.now())
        self._forget_cached(team_id)

    def uninstalled(self, team_id: str) -> bool:
        """The app was uninstalled from `team_id`, or its bot token revoked: its tokens are deleted, its sends and
        jobs stop, its records stay. False when it was already known to be gone."""
        with self._db.transaction() as session:
            changed = repo.mark_uninstalled(session, team_id, self._clock.now())
            repo.delete_tokens(session, team_id)
        self._forget_cached(team_id)
        return changed

    def _forget_cached(self, team_id: str) -> None:
        with self._lock:
            self._tokens.pop(team_id, None)
            self._gone = None

    def _installed(self, args: SuccessArgs) -> BoltResponse:
        """Bolt's OAuth flow completed an install (its tokens are saved): the workspace is served from now on."""
        installation = args.installation
        org_wide = bool(installation.is_enterprise_install)
        if team_id := store_key(installation.enterprise_id, installation.team_id, org_wide):
            self.installed(team_id, installation.enterprise_id, org_wide)
            log.info("installed in %s%s", team_id, " (org-wide)" if org_wide else "")
        return args.default.success(args)  # type: ignore[no-any-return]


def listing(db: Database) -> list[Installed]:
    """Every workspace and org Alinea knows (`alinea workspaces`)."""
    with db.transaction() as session:
        return [Installed(w.team_id, w.enterprise_id, w.org_wide, w.created_at, w.installed_at, w.uninstalled_at)
                for w in repo.all_workspaces(session)]


def forget(db: Database, team_id: str) -> bool:
    """Delete everything kept of one workspace or org (`alinea workspaces forget TEAM`). False when nothing was."""
    with db.transaction() as session:
        found = repo.forget_workspace(session, team_id)
    return bool(db.intake.forget_team(team_id)) or found


def _failed(args: FailureArgs) -> BoltResponse:
    log.warning("an install failed: %s", args.reason)
    return args.default.failure(args)  # type: ignore[no-any-return]


class SignedStates(OAuthStateStore):
    """The OAuth `state` of an install link: issued and consumed once by slack_sdk's store, and signed with
    `SLACK_STATE_SECRET`, so a forged one is refused before the store is asked."""

    def __init__(self, store: OAuthStateStore, secret: bytes) -> None:
        self._store = store
        self._secret = secret

    @property
    def logger(self) -> logging.Logger:
        return log

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = self._store.issue(*args, **kwargs)
        return f"{state}.{self._mac(state)}"

    def consume(self, state: str) -> bool:
        raw, _, mac = state.rpartition(".")
        if not raw or not hmac.compare_digest(mac, self._mac(raw)):
            log.info("refused an install with a forged state")
            return False
        return self._store.consume(raw)

    def _mac(self, state: str) -> str:
        return hmac.new(self._secret, state.encode(), hashlib.sha256).hexdigest()[:32]


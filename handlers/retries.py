"""Slack retries an event it thinks went unanswered (`X-Slack-Retry-Num`). Every event Alinea handles was
acknowledged at once and its work started, so a retry is answered 200 and dropped: work never runs twice."""

from __future__ import annotations

from slack_bolt import App, BoltRequest, BoltResponse


def register(app: App) -> None:
    @app.middleware
    def drop_event_retries(req: BoltRequest, resp: BoltResponse, next) -> BoltResponse | None:  # type: ignore[no-untyped-def]
        retried = req.headers.get("x-slack-retry-num")
        if retried and req.body.get("type") == "event_callback":
            return BoltResponse(status=200, body="")
        return next()

"""Errors from parsing /sync text."""

CATALOG: dict[str, str] = {
    # IDs
    "error.needs_sync_id": "`{word}` needs a sync ID, like `/sync {word} S-3`. `/sync list` shows every sync "
    "with its ID.",
    "error.bad_sync_id": "`{word}` is not a sync ID. Sync IDs look like `S-3`; `/sync list` shows them.",
    # schedule
    "error.sync_needs_name": 'Give the sync a name before the day, in quotes, like '
    '`/sync schedule "CIO–CMO sync" mon 09:30 with @ana @luis`.',
    "error.sync_name_too_long": "The name has {length} characters; keep it to {limit}.",
    "error.sync_needs_weekday": "Say which day of the week the sync meets, followed by the time, like "
    "`mon 09:30` or `thursday 4:30pm`.",
    "error.sync_needs_time": "Give the meeting time right after `{word}`, like `{word} 09:30` (24-hour) or "
    "`{word} 9:30am`.",
    "error.sync_bad_time": "`{word}` is not a time I can read. Use 24-hour HH:MM, like `09:30` or `16:00`, or "
    "`9:30am` and `4pm`.",
    "error.sync_bad_every": "`{word}` is not a number of weeks from 1 to 52. Use `every:2w` for every other week, "
    "or leave `every:` out for every week.",
    "error.sync_bad_timezone": "`{word}` is not a time zone I know. Use an IANA name, like "
    "`tz:America/Mexico_City`, `tz:Europe/Madrid` or `tz:UTC`, or leave `tz:` out to use yours.",
    "error.sync_channel_not_linked": "`{word}` is not a channel Slack linked. Type `in:#`, then pick the channel "
    "from the list so Slack turns it into a link.",
    "error.sync_bad_remind": "`{word}` is not a number of hours from 0 to 168. Use `remind:24h` to invite topics "
    "a day before (the default) or `remind:2h` for two hours before.",
    "error.sync_needs_with": "Say who meets: add `with` and mention each participant after the time, "
    "like `with @ana @luis`.",
    "error.sync_mention_before_with": "<@{user}> is mentioned too early. Mention the participants after the day "
    "and time, following `with`, like `mon 09:30 with @ana @luis`.",
    "error.sync_too_many_participants": "That is {count} participants; a sync takes at most {limit}. "
    "For a larger audience, post the agenda to a channel with `in:#channel`.",
    # topics
    "error.sync_topic_needs_text": "Write the topic after `{word}`, like `/sync {word} S-3 Budget for the spring "
    "launch`. You can leave out the ID when you take part in only one sync.",
    "error.sync_topic_too_long": "The topic has {length} characters; keep it to {limit}.",
}

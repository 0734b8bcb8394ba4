"""The /digest command."""

CATALOG: dict[str, str] = {
    "digest_cmd.subscribed": "You’ll get the weekly digest by DM. `/digest preview` shows it now.",
    "digest_cmd.unsubscribed": "You won’t get the weekly digest any more.",
    "digest_cmd.configured": "The digest goes out weekly; next {next}, by DM to subscribers and {where}.",
    "digest_cmd.dm_only": "to no channel",
    "error.digest_leaders_only": "Only leaders and admins can subscribe to the digest.",
}

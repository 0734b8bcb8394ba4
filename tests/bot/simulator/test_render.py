"""The simulator's terminal rendering of Block Kit, views and recorded Web API calls."""

import json

from bot.simulator.render import render_blocks, render_call, render_view


def plain(text):
    return {"type": "plain_text", "text": text, "emoji": True}


def mrkdwn(text):
    return {"type": "mrkdwn", "text": text}


def button(label, action_id="act", **extra):
    return {"type": "button", "text": plain(label), "action_id": action_id, **extra}


def option(label, value):
    return {"text": plain(label), "value": value}


SUMMARY = [
    {"type": "header", "text": plain("Weekly digest")},
    {"type": "section", "text": mrkdwn("*3 asks* opened by <@U123|maria>")},
]


# ── text and escaping ──────────────────────────────────────────


def test_mrkdwn_tokens_become_readable_and_formatting_is_kept():
    text = (
        "*Hi* <@U123>, <@U456|maria> in <#C789|general>: see <https://x.io/a|the doc> "
        "or <https://x.io/b> <!here> <!channel> <!subteam^S1|@it-team> "
        "<!date^1392734382^{date}|Feb 18> &lt;tag&gt; &amp; :tada:"
    )

    assert render_blocks([{"type": "section", "text": mrkdwn(text)}]) == (
        "*Hi* @U123, @maria in #general: see the doc (https://x.io/a) "
        "or https://x.io/b @here @channel @it-team Feb 18 <tag> & :tada:"
    )


def test_bare_channel_and_labelled_broadcast_are_resolved():
    text = "<#C789> <!here|here> <!everyone>"

    assert render_blocks([{"type": "section", "text": mrkdwn(text)}]) == "#C789 @here @everyone"


def test_plain_text_is_shown_literally():
    block = {"type": "section", "text": plain("<@U123> & :wave:")}

    assert render_blocks([block]) == "<@U123> & :wave:"


def test_empty_blocks_render_the_fallback_text_with_the_same_escaping():
    assert render_blocks([], "Ask from <@U1|ana> in <#C2|mkt>") == "Ask from @ana in #mkt"


def test_no_blocks_and_no_text_render_nothing():
    assert render_blocks([]) == ""


def test_text_is_ignored_when_there_are_blocks():
    assert render_blocks([{"type": "divider"}], "fallback") == "─" * 40


# ── blocks ─────────────────────────────────────────────────────


def test_header_is_upper_case_underlined_and_keeps_emoji_shortcodes():
    block = {"type": "header", "text": plain(":rocket: Launch plan")}

    assert render_blocks([block]) == ":rocket: LAUNCH PLAN\n" + "=" * 20


def test_section_with_text_fields_two_per_line_and_button_accessory():
    block = {
        "type": "section",
        "text": mrkdwn("*Ask #12*: new landing page"),
        "fields": [
            mrkdwn("*Owner*\n<@U1|ana>"),
            mrkdwn("*Due*\n2024-06-01"),
            plain("Status: open"),
        ],
        "accessory": button("Claim", "claim_ask", value="12"),
    }

    assert render_blocks([block]) == (
        "*Ask #12*: new landing page\n"
        "*Owner*\n@ana    *Due*\n2024-06-01\n"
        "Status: open\n"
        "[Claim]"
    )


def test_section_image_accessory():
    block = {
        "type": "section",
        "text": mrkdwn("KPI chart"),
        "accessory": {"type": "image", "image_url": "https://x.io/c.png", "alt_text": "chart"},
    }

    assert render_blocks([block]) == "KPI chart\n[image: chart]"


def test_section_select_accessory_shows_placeholder_or_initial_option():
    pick = {
        "type": "static_select",
        "action_id": "side",
        "placeholder": plain("Pick a side"),
        "options": [option("Marketing", "mkt"), option("IT", "it")],
    }
    chosen = {**pick, "initial_option": option("IT", "it")}

    assert render_blocks([{"type": "section", "text": mrkdwn("Side"), "accessory": pick}]) == (
        "Side\n[Pick a side ▾]"
    )
    assert render_blocks([{"type": "section", "text": mrkdwn("Side"), "accessory": chosen}]) == (
        "Side\n[IT ▾]"
    )


def test_section_with_only_fields():
    block = {"type": "section", "fields": [mrkdwn("*A*"), mrkdwn("*B*")]}

    assert render_blocks([block]) == "*A*    *B*"


def test_context_joins_text_and_image_elements():
    block = {
        "type": "context",
        "elements": [
            {"type": "image", "image_url": "https://x.io/a.png", "alt_text": "ana"},
            mrkdwn("Logged by <@U1|ana>"),
            plain("2 min ago"),
        ],
    }

    assert render_blocks([block]) == "  [ana] · Logged by @ana · 2 min ago"


def test_divider():
    assert render_blocks([{"type": "divider"}]) == "────────────────────────────────────────"


def test_actions_render_buttons_by_style_selects_pickers_and_overflow():
    block = {
        "type": "actions",
        "elements": [
            button("Approve", "approve", style="primary"),
            button("Reject", "reject", style="danger"),
            button("Later", "later"),
            {"type": "users_select", "action_id": "who", "placeholder": plain("Assign to")},
            {"type": "datepicker", "action_id": "due", "initial_date": "2024-06-01"},
            {"type": "datepicker", "action_id": "start", "placeholder": plain("Start")},
            {"type": "overflow", "action_id": "more", "options": [option("Delete", "del")]},
        ],
    }

    assert render_blocks([block]) == (
        "[*Approve*] [!Reject] [Later] [Assign to ▾] [📅 2024-06-01] [📅 Start] [⋯]"
    )


def test_input_with_empty_and_prefilled_text_inputs_and_optional_flag():
    blocks = [
        {
            "type": "input",
            "block_id": "title",
            "label": plain("Title"),
            "element": {"type": "plain_text_input", "action_id": "title"},
        },
        {
            "type": "input",
            "block_id": "notes",
            "optional": True,
            "label": plain("Notes"),
            "element": {"type": "plain_text_input", "multiline": True, "initial_value": "ASAP"},
        },
    ]

    assert render_blocks(blocks) == "Title: [____]\nNotes: [ASAP] (optional)"


def test_input_selects_show_placeholder_or_initial_choice():
    blocks = [
        {
            "type": "input",
            "label": plain("Side"),
            "element": {"type": "static_select", "placeholder": plain("Choose")},
        },
        {
            "type": "input",
            "label": plain("Priority"),
            "element": {
                "type": "static_select",
                "options": [option("High", "h"), option("Low", "l")],
                "initial_option": option("High", "h"),
            },
        },
        {
            "type": "input",
            "label": plain("Tags"),
            "element": {
                "type": "multi_static_select",
                "initial_options": [option("SEO", "seo"), option("Ads", "ads")],
            },
        },
        {
            "type": "input",
            "label": plain("Owner"),
            "element": {"type": "users_select", "initial_user": "U1"},
        },
        {
            "type": "input",
            "label": plain("Pair"),
            "element": {"type": "multi_users_select", "initial_users": ["U1", "U2"]},
        },
        {
            "type": "input",
            "label": plain("Channel"),
            "element": {"type": "conversations_select", "initial_conversation": "C9"},
        },
        {"type": "input", "label": plain("Any"), "element": {"type": "external_select"}},
    ]

    assert render_blocks(blocks) == (
        "Side: [Choose ▾]\n"
        "Priority: [High ▾]\n"
        "Tags: [SEO, Ads ▾]\n"
        "Owner: [@U1 ▾]\n"
        "Pair: [@U1, @U2 ▾]\n"
        "Channel: [#C9 ▾]\n"
        "Any: [▾]"
    )


def test_input_pickers_choices_and_unknown_elements():
    blocks = [
        {
            "type": "input",
            "label": plain("Due"),
            "element": {"type": "datepicker", "placeholder": plain("Pick a date")},
        },
        {
            "type": "input",
            "label": plain("At"),
            "optional": True,
            "element": {"type": "timepicker", "initial_time": "09:30"},
        },
        {
            "type": "input",
            "label": plain("Cadence"),
            "element": {
                "type": "radio_buttons",
                "options": [option("Weekly", "w"), option("Monthly", "m")],
                "initial_option": option("Monthly", "m"),
            },
        },
        {
            "type": "input",
            "label": plain("Notify"),
            "element": {
                "type": "checkboxes",
                "options": [option("Email", "e"), option("DM", "d")],
                "initial_options": [option("DM", "d")],
            },
        },
        {"type": "input", "label": plain("Link"), "element": {"type": "url_text_input"}},
        {"type": "input", "label": plain("Files"), "element": {"type": "file_input"}},
    ]

    assert render_blocks(blocks) == (
        "Due: [📅 Pick a date]\n"
        "At: [🕒 09:30] (optional)\n"
        "Cadence: ○ Weekly  ◉ Monthly\n"
        "Notify: ☐ Email  ☑ DM\n"
        "Link: [____]\n"
        "Files: [file_input]"
    )


def test_image_block():
    block = {"type": "image", "image_url": "https://x.io/kpi.png", "alt_text": "KPI trend"}

    assert render_blocks([block]) == "[image: KPI trend]"


def test_rich_text_renders_its_plain_text():
    block = {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_section",
                "elements": [
                    {"type": "text", "text": "Hi "},
                    {"type": "user", "user_id": "U1"},
                    {"type": "text", "text": " see "},
                    {"type": "link", "url": "https://x.io", "text": "this"},
                    {"type": "text", "text": " and "},
                    {"type": "link", "url": "https://y.io"},
                    {"type": "text", "text": " in "},
                    {"type": "channel", "channel_id": "C1"},
                    {"type": "text", "text": " "},
                    {"type": "emoji", "name": "tada"},
                    {"type": "text", "text": " "},
                    {"type": "broadcast", "range": "here"},
                    {"type": "text", "text": " "},
                    {"type": "usergroup", "usergroup_id": "S1"},
                    {"type": "text", "text": " by "},
                    {"type": "date", "timestamp": 1720000000, "format": "{date}", "fallback": "Jul 3"},
                    {"type": "color", "value": "#fff"},
                    {"type": "text", "text": "\n"},
                ],
            },
            {
                "type": "rich_text_list",
                "style": "bullet",
                "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]},
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": "two"}]},
                ],
            },
            {
                "type": "rich_text_list",
                "style": "ordered",
                "indent": 1,
                "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": "first"}]},
                ],
            },
            {"type": "rich_text_quote", "elements": [{"type": "text", "text": "quoted"}]},
            {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "code"}]},
        ],
    }

    assert render_blocks([block]) == (
        "Hi @U1 see this (https://x.io) and https://y.io in #C1 :tada: @here @S1 by Jul 3\n"
        "• one\n"
        "• two\n"
        "  1. first\n"
        "quoted\n"
        "code"
    )


def test_unknown_block_type_is_named():
    assert render_blocks([{"type": "video", "title": plain("Demo")}]) == "[video block]"


def test_blocks_are_joined_without_trailing_newline():
    assert render_blocks(SUMMARY) == (
        "WEEKLY DIGEST\n=============\n*3 asks* opened by @maria"
    )


# ── views ──────────────────────────────────────────────────────

ASK_MODAL = {
    "type": "modal",
    "callback_id": "log_ask",
    "title": plain("Log an ask"),
    "submit": plain("Save"),
    "close": plain("Cancel"),
    "blocks": [
        {"type": "section", "text": mrkdwn("From <@U1|ana>\nto *IT*")},
        {
            "type": "input",
            "label": plain("What"),
            "element": {"type": "plain_text_input", "action_id": "what"},
        },
    ],
}

ASK_MODAL_TEXT = (
    "┌─ Log an ask ─\n"
    "│ From @ana\n"
    "│ to *IT*\n"
    "│ What: [____]\n"
    "└─ [Cancel] [Save]"
)

HOME = {"type": "home", "blocks": [{"type": "header", "text": plain("Your week")}]}

HOME_TEXT = "┌─ Home ─\n│ YOUR WEEK\n│ =========\n└─"


def test_modal_view_is_boxed_with_close_and_submit_footer():
    assert render_view(ASK_MODAL) == ASK_MODAL_TEXT


def test_modal_footer_omits_missing_buttons():
    info = {"type": "modal", "title": plain("Done"), "close": plain("OK"), "blocks": []}
    bare = {"type": "modal", "title": plain("Note"), "blocks": [{"type": "divider"}]}

    assert render_view(info) == "┌─ Done ─\n└─ [OK]"
    assert render_view(bare) == f"┌─ Note ─\n│ {'─' * 40}\n└─"


def test_home_view_is_titled_home_with_a_bare_footer():
    assert render_view(HOME) == HOME_TEXT


# ── calls ──────────────────────────────────────────────────────


def test_post_message_to_a_channel():
    args = {"channel": "C123", "text": "fallback", "blocks": SUMMARY}

    assert render_call("chat.postMessage", args) == (
        "→ #C123\n  WEEKLY DIGEST\n  =============\n  *3 asks* opened by @maria"
    )


def test_post_message_in_a_thread_with_json_string_blocks():
    args = {
        "channel": "C123",
        "thread_ts": "1718000000.000100",
        "blocks": json.dumps([{"type": "section", "text": mrkdwn("Done :white_check_mark:")}]),
    }

    assert render_call("chat.postMessage", args) == (
        "→ #C123 (thread 1718000000.000100)\n  Done :white_check_mark:"
    )


def test_post_message_to_dm_channel_or_user_id_is_a_dm():
    assert render_call("chat.postMessage", {"channel": "D42", "text": "Hi <@U1>"}) == (
        "→ DM D42\n  Hi @U1"
    )
    assert render_call("chat.postMessage", {"channel": "U1", "text": "Hi"}) == "→ DM U1\n  Hi"
    assert render_call("chat.postMessage", {"channel": "W7", "text": "Hi"}) == "→ DM W7\n  Hi"


def test_post_message_with_multiline_text_indents_every_line():
    args = {"channel": "C1", "text": "line one\nline two"}

    assert render_call("chat.postMessage", args) == "→ #C1\n  line one\n  line two"


def test_post_ephemeral():
    args = {"channel": "C123", "user": "U1", "text": "Usage: `/ask @someone what`"}

    assert render_call("chat.postEphemeral", args) == (
        "→ only you (U1) in #C123\n  Usage: `/ask @someone what`"
    )


def test_chat_update():
    args = {
        "channel": "C123",
        "ts": "1718000000.000100",
        "text": "Claimed",
        "blocks": [{"type": "context", "elements": [mrkdwn("Claimed by <@U2|leo>")]}],
    }

    assert render_call("chat.update", args) == (
        "→ updated message 1718000000.000100 in #C123\n    Claimed by @leo"
    )


def test_response_url_defaults_to_ephemeral():
    assert render_call("response_url", {"text": "Saved <@U1|ana>'s ask"}) == (
        "→ only you\n  Saved @ana's ask"
    )


def test_response_url_in_channel():
    args = {"response_type": "in_channel", "blocks": json.dumps(SUMMARY)}

    assert render_call("response_url", args) == (
        "→ in channel\n  WEEKLY DIGEST\n  =============\n  *3 asks* opened by @maria"
    )


def test_response_url_replace_original():
    args = {"replace_original": True, "text": "Approved :white_check_mark:"}

    assert render_call("response_url", args) == "→ replaced message\n  Approved :white_check_mark:"


def test_response_url_delete_original():
    args = {"delete_original": True, "response_type": "ephemeral"}

    assert render_call("response_url", args) == "→ message deleted"


def test_views_open_push_and_update_render_the_modal_indented():
    indented = "\n".join("  " + line for line in ASK_MODAL_TEXT.split("\n"))

    assert render_call("views.open", {"trigger_id": "t1", "view": ASK_MODAL}) == (
        "→ modal opened\n" + indented
    )
    assert render_call("views.push", {"trigger_id": "t2", "view": json.dumps(ASK_MODAL)}) == (
        "→ modal pushed\n" + indented
    )
    assert render_call("views.update", {"view_id": "V1", "view": ASK_MODAL}) == (
        "→ modal updated\n" + indented
    )


def test_views_publish_renders_the_home_tab():
    args = {"user_id": "U1", "view": json.dumps(HOME)}

    assert render_call("views.publish", args) == (
        "→ Home tab of U1\n  ┌─ Home ─\n  │ YOUR WEEK\n  │ =========\n  └─"
    )


def test_file_upload_names_the_first_file():
    args = {
        "channel_id": "C123",
        "files": json.dumps([{"id": "F1", "title": "KPI week 23"}, {"id": "F2", "title": "x"}]),
    }
    untitled = {"channel_id": "C123", "files": [{"id": "F9"}]}

    assert render_call("files.completeUploadExternal", args) == (
        "→ file uploaded to #C123: KPI week 23"
    )
    assert render_call("files.completeUploadExternal", untitled) == "→ file uploaded to #C123: F9"


def test_calls_people_do_not_see_render_nothing():
    hidden = {
        "auth.test": {},
        "users.info": {"user": "U1"},
        "conversations.open": {"users": "U1,U2"},
        "files.getUploadURLExternal": {"filename": "kpi.png", "length": 1024},
        "reactions.add": {"channel": "C1", "name": "eyes", "timestamp": "1.2"},
    }

    assert [render_call(method, args) for method, args in hidden.items()] == [None] * 5

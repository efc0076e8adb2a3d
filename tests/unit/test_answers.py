"""Markdown answers and their plain/terminal rendering."""

from __future__ import annotations

import re

import pytest

from assistant.answers.entries import build_entry_answer
from assistant.answers.listing import message_list_markdown, message_list_text, messages_to_list
from assistant.answers.pieces import INFERRED_NOTE
from assistant.answers.questions import build_answer
from assistant.answers.render import render_plain, render_terminal
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.layers import merge_layer
from assistant.kb.load import load_kb
from assistant.kb.model import GlossaryEntry, Message, Source
from tests.support.kb import SRC, sample_kb

KB = sample_kb()
ESC = re.compile(r"\x1b")


def answer(text: str) -> str:
    return build_answer(route(text, KB), KB)


def test_explain_answer_has_every_part() -> None:
    md = answer("HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)")
    assert md.startswith("## SCLNT_HTTP407 — SSL error (ICM_HTTP_SSL_ERROR)")
    verdict = md.split("\n### ", 1)[0]
    assert "**Most likely cause:** Server certificate chain not trusted" in verdict
    assert "**Next step:**" in verdict and "**Live check:**" in verdict
    assert "### What it means" in md
    causes = md.index("### Likely causes")
    assert md.index("Server certificate chain not trusted", causes) < md.index("TLS version or cipher", causes)
    assert "### How to fix it — if: Server certificate chain not trusted" in md
    assert "`SSSLERR_PEER_CERT_UNTRUSTED` (-102)" in md
    assert "### Pitfalls" in md
    assert "`sapassist check https://github.com`" in md
    assert "https://example.org/facts" in md


def test_inferred_title_is_marked() -> None:
    assert INFERRED_NOTE in answer("SCLNT_HTTP417")
    assert INFERRED_NOTE not in answer("SCLNT_HTTP421").split("**Likely causes**")[0]


def test_ambiguity_gives_both_readings() -> None:
    md = answer("HTTP 426")
    assert "Upgrade Required" in md
    assert "SCLNT_HTTP426" in md and "Unexpected HTTP status code from HTTP proxy" in md


def test_http_reading_leads_when_wording_says_so() -> None:
    md = answer("the server returned status code 403 Forbidden")
    verdict = md.split("\n### ", 1)[0]
    assert md.startswith("## Not an SAP HTTP-client error: the server answered with an HTTP status")
    assert "**What it is:**" in verdict and "SCLNT_HTTP403" not in verdict.split("\n")[0]
    assert md.index("real HTTP status: 403 Forbidden") < md.index("*Not SCLNT_HTTP403")
    assert "can be read two ways" not in md  # the wording decided


def test_http_status_answer_names_the_sap_message_for_it() -> None:
    md = answer("proxy asks for authentication 407")
    assert md.startswith("## SCLNT_HTTP416 — ")
    assert "**HTTP 407** is the proxy's answer; in SAP terms it is **SCLNT_HTTP416**" in md.split("\n### ", 1)[0]
    assert "This looks like a real HTTP status: 407 Proxy Authentication Required" in md
    assert "In SAP terms this is **SCLNT_HTTP416**" in md
    assert "*Not SCLNT_HTTP407 — " in md


def test_http_404_mentions_the_icm_made_pages() -> None:
    md = answer("HTTP 404")
    assert "404 Not Found" in md and "Connection Refused" in md and "Partner not reached" in md


def test_icm_wording_gives_a_one_line_note_not_the_two_readings_block() -> None:
    md = answer("HTTP error 421 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)")
    assert md.startswith("## SCLNT_HTTP421")
    assert "can be read two ways" not in md
    assert md.index("*Not HTTP 421 Misdirected Request: the wording is an ICM error.*") < md.index("### What it means")


def test_undecided_number_keeps_both_readings_first() -> None:
    md = answer("407")
    assert "**407 can be read two ways**" in md.split("\n### ", 1)[0]
    assert "**407 can be read two ways:**" in md  # and both readings in the details
    assert "SAP then reports **SCLNT_HTTP416**" in md


def test_partial_code_name_is_completed_and_said() -> None:
    md = answer("SSSLERR_PEER")
    assert "taking it as `SSSLERR_PEER_CERT_UNTRUSTED`" in md
    assert "not in the knowledge base" not in md


def test_check_hint_only_when_it_helps() -> None:
    # An unknown number: no causes a live check could see, so no command.
    assert "sapassist check" not in answer("SCLNT_HTTP419")
    # A TLS topic without a host: offered, with the placeholder said to be one.
    md = answer("SCLNT_HTTP421")
    assert "`sapassist check URL`, with URL replaced by" in md
    assert "<host>" not in md
    # With a host: the real command.
    assert "`sapassist check https://api.partner.corp`" in answer("SCLNT_HTTP421 calling api.partner.corp")


def test_chat_answers_leave_the_command_line_to_the_ui() -> None:
    for text in ("SCLNT_HTTP421 calling api.example.org", "SCLNT_HTTP411", "check it", "check example.org"):
        md = build_answer(route(text, KB), KB, for_chat=True)
        assert "sapassist check" not in md, text
        assert md.strip()


def test_unknown_number_answer_is_honest() -> None:
    md = answer("SCLNT_HTTP419")
    assert "is not in the knowledge base" in md
    assert "SCLNT_HTTP418" in md and "SCLNT_HTTP421" in md
    assert "SE91" in md and "T100" in md and "sapassist kb import-t100" in md


def test_not_understood_lists_closest_topics() -> None:
    md = answer("qwxz plmokn")
    assert md.startswith("## I did not understand")
    assert "### Closest topics" in md and "SCLNT_HTTP407" in md


@pytest.mark.parametrize("text", ["ORA-12541: TNS:no listener", "how do I bake bread", "my laptop fan is loud"])
def test_a_text_about_no_call_is_not_asked_for_its_sm59_text(text: str) -> None:
    # Asking first for "the exact error text from the SM59 connection test" presumes an SAP
    # HTTP-client failure such a text never spoke of: say it does not read like one first
    # (a how-to such as "how do I bake bread": that it is about nothing the base covers).
    md = answer(text)
    first = md.split("\n\n")[1]
    assert first.startswith(("**This does not read like an SAP HTTP-client error.",
                             "**What it is:** A how-to about something the knowledge base does not cover"))


def test_every_intent_has_a_non_empty_answer() -> None:
    for text in ("hello", "thanks", "help", "list all messages", "difference between 407 and 421",
                 "check example.org", "check it", "why SCLNT_HTTP402", "how to fix SCLNT_HTTP410", ""):
        assert answer(text).strip(), text


def test_compare_shows_both_messages() -> None:
    md = answer("difference between SCLNT_HTTP407 and SCLNT_HTTP421")
    assert "SCLNT_HTTP407 vs SCLNT_HTTP421" in md
    assert "**Shared causes:** Server certificate chain not trusted" in md


def test_untrusted_host_text_is_escaped() -> None:
    md = answer("check https://evil.example.com/`rm -rf`\x1b[2J")
    assert "\x1b" not in md
    rendered = render_terminal(md)
    assert "\x1b[2J" not in rendered


def test_render_plain_has_no_escape_sequences() -> None:
    md = answer("HTTP error 407 occured: SSSLERR_SSL_READ") + "\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    plain = render_plain(md)
    assert not ESC.search(plain)
    assert "SCLNT_HTTP407 — SSL error (ICM_HTTP_SSL_ERROR)\n=====" in plain
    assert "1. " in plain and "- " in plain
    assert "a | b" in plain


def test_render_terminal_styles_but_escapes_text() -> None:
    out = render_terminal("# Title\n\nsome `code` and **bold** \x1b]0;pwned\x07 text\n")
    assert "\x1b[1mTitle" in out
    assert "\x1b]0;" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out


def test_links_show_their_url() -> None:
    assert "docs (https://example.org/d)" in render_plain("[docs](https://example.org/d)")
    assert render_plain("<https://example.org/d>").strip() == "https://example.org/d"


def test_entry_answers() -> None:
    message = build_entry_answer(KB, KB.messages["SCLNT_HTTP421"])
    assert "## SCLNT_HTTP421" in message and "**Causes**" in message
    cause = build_entry_answer(KB, KB.causes["server_cert_untrusted"])
    assert "**Signs**" in cause and "SCLNT_HTTP421" in cause
    code = build_entry_answer(KB, KB.codes["NIECONN_REFUSED"])
    assert "## NIECONN_REFUSED (-10)" in code and "SCLNT_HTTP411" in code
    term = build_entry_answer(KB, KB.glossary["STRUST"])
    assert "## STRUST — Trust Manager" in term


def _with_imports(*messages: Message) -> KnowledgeBase:
    """The sample base with T100 imports layered over it, as the loader merges them."""
    layer = KnowledgeBase(messages={m.id: m for m in messages})
    return merge_layer(KB, layer)


def _imported(cls: str, number: int, text: str) -> Message:
    return Message(
        f"{cls}{number:03d}", cls, number, text, "imported", text, sap_wording="imported",
        sources=(Source("file:t100.txt", "imported"),), origin="t100.yaml:4",
    )


def test_imported_texts_are_shown_literally_not_as_markdown() -> None:
    text = "Value <b>&1</b> *not* allowed for _field_ `x` [a](http://e) &amp; #"
    kb = _with_imports(_imported("ZSYN", 42, text))
    for md in (build_answer(route("ZSYN042", kb), kb), build_entry_answer(kb, kb.messages["ZSYN042"])):
        plain = render_plain(md)
        assert f"ZSYN042 — {text}\n" in plain
        assert "- SAP's short text: " + text in plain or "no explanation or causes" in plain
        assert "no explanation or causes of its own" in plain  # a bare import says what it lacks
    listing = render_plain(build_answer(route("list all messages", kb), kb)).splitlines()
    start = next(i for i, line in enumerate(listing) if line.startswith("ZSYN042"))
    cell = [listing[start].split("|")[1].strip()]  # the text column, and where it wraps to:
    cell += [line.split("|")[1].strip() for line in listing[start + 1 :] if line.startswith(" ")]
    assert " ".join(cell) == text


def test_imported_text_is_shown_beside_a_confirmed_one() -> None:
    kb = _with_imports(_imported("SCLNT_HTTP", 407, "SSL-Fehler (ICM_HTTP_SSL_ERROR)"))
    md = build_answer(route("SCLNT_HTTP407", kb), kb)
    assert "## SCLNT_HTTP407 — SSL error (ICM_HTTP_SSL_ERROR)" in md
    assert "Text in your system (T100): SSL-Fehler (ICM_HTTP_SSL_ERROR)" in md
    assert "### What it means" in md  # the bundled explanation stays


def test_list_labels_an_imported_text_of_an_inferred_message_as_imported() -> None:
    kb = _with_imports(_imported("SCLNT_HTTP", 411, "Connection refused by &1"))
    assert kb.messages["SCLNT_HTTP411"].text_origin == "imported"
    assert kb.messages["SCLNT_HTTP417"].text_origin == "derived"
    assert kb.messages["SCLNT_HTTP421"].text_origin == "confirmed"
    plain = render_plain(build_answer(route("list all messages", kb), kb))
    assert "SCLNT_HTTP411 | Connection refused by &1" in plain
    row = next(line for line in plain.splitlines() if line.startswith("SCLNT_HTTP411"))
    assert "imported" in row and "derived" not in row


def test_check_command_is_shell_quoted() -> None:
    md = answer("SCLNT_HTTP421 calling https://api.partner.corp/x?a=1&b=2 through proxy proxy.partner.corp:8080")
    assert "`sapassist check 'https://api.partner.corp/x?a=1&b=2' --proxy http://proxy.partner.corp:8080`" in md
    plain = answer("SCLNT_HTTP421 calling github.com")
    assert "`sapassist check https://github.com`" in plain  # nothing to quote: left as it is


def test_glossary_heading_does_not_repeat_the_id() -> None:
    entry = GlossaryEntry("SM59", "transaction", "SM59 — RFC/HTTP destinations", "Destinations.", sources=SRC)
    assert build_entry_answer(KB, entry).startswith("## SM59 — RFC/HTTP destinations\n")
    assert build_entry_answer(KB, KB.glossary["SM59"]).startswith("## SM59 — RFC/HTTP destinations\n")


def test_wide_tables_wrap_inside_their_columns() -> None:
    long = "word " * 60
    plain = render_plain(f"| a | b |\n|---|---|\n| {long} | short |\n")
    lines = plain.strip().splitlines()
    assert all(len(line) <= 100 for line in lines)
    bars = {line.index("|") for line in lines if "|" in line}
    assert len(bars) == 1  # every row, including wrapped ones, keeps the column edge
    assert plain.count("word") == 60 and "short" in plain


DEV_ICM_TRACE = """\
[Thr 140035786749696] *** ERROR during SecudeSSL_SessionStart() from SSL_connect()==SSL_ERROR_SSL
[Thr 140035786749696]   SSL_get_state() returned 0x00002111 "SSLv3 read server hello A"
[Thr 140035786749696] <<- ERROR: SapSSLSessionStart(sssl_hdl=0x7f5c3c0ba6d0)==SSSLERR_SSL_CONNECT
[Thr 140035786749696] *** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-57): SSSLERR_SSL_CONNECT
"""


def test_a_pasted_trace_leads_with_its_error_code_and_keeps_side_notes_for_the_end() -> None:
    """Functions and variables in a trace are not codes; a real error code beats a trace
    line's state text; names the base does not know are a note after the answer."""
    kb = load_kb(use_cache=False).kb
    routed = route(DEV_ICM_TRACE, kb)
    assert routed.entities.pasted
    assert "SSL_CONNECT" not in routed.entities.unknown_codes  # SSL_connect() is a function
    assert "SSSL_HDL" not in routed.entities.unknown_codes  # sssl_hdl= is a variable
    assert "SSL_ERROR_SSL" in routed.entities.unknown_codes  # written like a code
    answer = build_answer(routed, kb)
    assert answer.index("## SSSLERR_SSL_CONNECT") < answer.index("`SSL_ERROR_SSL`")
    assert "SERVER_HELLO_A" not in answer.split("\n")[0]


def test_the_plain_list_is_what_its_markdown_renders_to() -> None:
    """`sapassist list` prints the chat's /list table without markdown-it: the same text."""
    nasty = [
        _imported("ZSYN", 1, "Pipe | in *T100* [x](y) <b> &amp; &#x41; #"),
        _imported("ZSYN", 2, "tab\tand  spaces, a back\\slash and `ticks`"),
        _imported("ZSYN", 3, "control \x1b[31m red \x07 and a line\nbreak"),
        _imported("ZSYN", 4, "a long text " * 12 + "that wraps inside its column"),
    ]
    kb = _with_imports(*nasty)
    for listing in (messages_to_list(kb), messages_to_list(kb, limit=3), messages_to_list(kb, "ZSYN")):
        assert render_plain(message_list_markdown(listing, for_chat=False)) == message_list_text(listing)
    assert messages_to_list(kb, limit=3).more == len(kb.messages) - 3


def test_the_list_says_where_each_text_comes_from() -> None:
    kb = _with_imports(_imported("ZSYN", 1, "Imported text"))
    chat = message_list_markdown(messages_to_list(kb), for_chat=True)
    assert "| `ZSYN001` | Imported text | imported (T100) |" in chat
    assert "| `SCLNT_HTTP421` |" in chat and "`/lookup ID`" in chat
    assert "`sapassist lookup ID`" in message_list_markdown(messages_to_list(kb), for_chat=False)
    assert chat.index("SCLNT_HTTP") < chat.index("ZSYN001")  # SCLNT_HTTP first


def test_the_answer_is_a_document_with_the_verdict_first_and_keyed_sections() -> None:
    from assistant.answers.questions import build_answer_doc

    routed = route("HTTP error 421 occured: SSSLERR_PEER_CERT_UNTRUSTED calling api.partner.corp", KB)
    doc = build_answer_doc(routed, KB)
    assert doc.headline.startswith("SCLNT_HTTP421")
    assert 2 <= len([line for line in doc.verdict.split("\n\n") if line.strip()]) <= 4
    assert "**Live check:**" in doc.verdict
    assert {"meaning:SCLNT_HTTP421", "sources:SCLNT_HTTP421"} <= doc.keys
    assert any(k.startswith("fix:") for k in doc.keys) and any(k.startswith("causes:") for k in doc.keys)
    assert build_answer(routed, KB) == doc.markdown()


def test_no_paragraph_twice_in_one_answer() -> None:
    kb = load_kb(use_cache=False).kb
    for text in ("the server returned status code 403 Forbidden", "HTTP 404", "proxy asks for authentication 407"):
        md = build_answer(route(text, kb), kb)
        paragraphs = [" ".join(p.split()) for p in md.split("\n\n") if len(p.strip()) > 40]
        assert len(paragraphs) == len(set(paragraphs)), text
        explanation = kb.causes["http_status_from_server"].explanation.strip().split("\n\n")[0]
        assert md.count(" ".join(explanation.split()[:12])) <= 1, text


def test_a_follow_up_shows_only_what_is_new() -> None:
    from assistant.services.answering import answer_question

    first = answer_question("SCLNT_HTTP421", KB)
    again = answer_question("how do I fix it?", KB, first.routed.state, shown=first.doc.keys)
    assert again.doc.keys - first.doc.keys  # something new to show …
    assert "### Sources" not in again.markdown  # … and the sources were shown already
    assert again.markdown.startswith("## SCLNT_HTTP421")
    # "how do I fix it?" gets the lead cause's fix even though the first answer showed it
    # (as in the chat: services.answering.follow_up_doc); every other section shown is left out.
    lead_fix = next(s for s in again.doc.sections if s.key.startswith("fix:"))
    assert lead_fix.markdown in again.markdown
    for key in (first.doc.keys & again.doc.keys) - {lead_fix.key}:
        section = next(s for s in again.doc.sections if s.key == key)
        assert section.markdown not in again.markdown

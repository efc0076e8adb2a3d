"""The chat's plain-Python parts: history, suggestions, slash and /check parsing, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.intent.lookup import find_entry
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Code, GlossaryEntry, Message
from assistant.tui.bridge import is_affirmative, list_markdown
from assistant.tui.checkargs import CheckArgsError, parse_check_args
from assistant.tui.history import InputHistory, mask_said
from assistant.tui.slash import BY_NAME, parse_slash
from assistant.tui.suggest import PrefixIndex, SuggestionIndex, suggest
from assistant.tui.transcript import Transcript, default_export_path, write_export
from assistant.tui.widgets.prompt import join_lines, split_lines


def small_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    for number, constant in ((407, "ICM_HTTP_SSL_ERROR"), (411, "ICM_HTTP_CONNECTION_REFUSED")):
        mid = f"SCLNT_HTTP{number}"
        kb.messages[mid] = Message(
            id=mid, message_class="SCLNT_HTTP", number=number, title=constant.title(),
            status="inferred", icm_constant=constant,
        )
    kb.codes["SSSLERR_PEER_CERT_UNTRUSTED"] = Code(id="SSSLERR_PEER_CERT_UNTRUSTED", aliases=("PEER_CERT_UNTRUSTED",))
    kb.glossary["STRUST"] = GlossaryEntry(id="STRUST", kind="transaction", title="Trust Manager")
    return kb


# -- history ------------------------------------------------------------------------------


def test_history_round_trip_and_recall(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "history.jsonl"
    history = InputHistory.load(path)
    for text in ("first", "second", "second", "third"):
        assert history.add(text)
    again = InputHistory.load(path)
    assert again.entries == ["first", "second", "third"]  # consecutive duplicate dropped
    assert again.previous("draft") == "third"
    assert again.previous("") == "second"
    assert again.previous("") == "first"
    assert again.previous("") == "first"  # stays at the oldest
    assert again.next() == "second"
    assert again.next() == "third"
    assert again.next() == "draft"  # back to what was being typed
    assert again.next() is None


def test_history_is_jsonl_and_skips_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_text('{"text": "ok"}\nnot json\n{"nope": 1}\n[1]\n{"text": "also ok"}\n', encoding="utf-8")
    history = InputHistory.load(path)
    assert history.entries == ["ok", "also ok"]
    history.add("new")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["ok", "also ok", "new"]
    assert not list(tmp_path.glob(".history-*"))  # no temp file left behind


def test_history_limit_and_unwritable_dir(tmp_path: Path) -> None:
    history = InputHistory.load(tmp_path / "h.jsonl", limit=3)
    for n in range(6):
        history.add(f"q{n}")
    assert InputHistory.load(tmp_path / "h.jsonl").entries == ["q3", "q4", "q5"]
    history.add("x" * 20_000)  # a pasted log is not kept for recall
    assert InputHistory.load(tmp_path / "h.jsonl").entries == ["q3", "q4", "q5"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    broken = InputHistory.load(blocker / "history.jsonl")
    assert broken.add("question") is False
    assert broken.last_error and "cannot write" in broken.last_error


@pytest.mark.parametrize(
    ("typed", "secret"),
    [
        ("/check https://x --proxy-user admin:s3cret", "s3cret"),
        ("/check https://x --proxy http://bob:hunter2@proxy:8080", "hunter2"),
        ("my password=topsecret fails", "topsecret"),
        ("/check https://x --proxy-user 'bob:two words' --no-sni", "two words"),
        ('/check https://x --proxy-user="bob:two words"', "words"),
    ],
)
def test_history_masks_passwords(tmp_path: Path, typed: str, secret: str) -> None:
    assert secret not in mask_said(typed)
    history = InputHistory.load(tmp_path / "h.jsonl")
    history.add(typed)
    assert secret not in (tmp_path / "h.jsonl").read_text(encoding="utf-8")


# -- suggestions ---------------------------------------------------------------------------


def test_prefix_index_is_case_insensitive_and_keeps_spelling() -> None:
    index = PrefixIndex.build(["SCLNT_HTTP407", "SCLNT_HTTP411", "STRUST", "has space"])
    assert index.complete("sclnt_http41") == "SCLNT_HTTP411"
    assert index.complete("SCLNT_HTTP4") == "SCLNT_HTTP407"
    assert index.complete("str") == "STRUST"
    assert index.complete("zzz") is None
    assert index.complete("has") is None  # terms with spaces cannot be completed as a word


def test_suggest_completes_the_last_word_only() -> None:
    index = SuggestionIndex.from_kb(small_kb())
    assert suggest("I get sclnt_http41", index) == "I get sclnt_http411"
    assert suggest("error ICM_HTTP_SSL", index) == "error ICM_HTTP_SSL_ERROR"
    assert suggest("(SSSLERR_PEER", index) == "(SSSLERR_PEER_CERT_UNTRUSTED"
    assert suggest("open STR", index) == "open STRUST"
    assert suggest("open ST", index) is None  # too short to be sure
    assert suggest("SCLNT_HTTP407 ", index) is None  # after a space: nothing to complete
    assert suggest("", index) is None


def test_suggest_keeps_the_users_case() -> None:
    index = SuggestionIndex.from_kb(small_kb())
    assert suggest("what is sclnt_ht", index) == "what is sclnt_http407"  # not "sclnt_htTP407"
    assert suggest("what is SCLNT_HTTP4", index) == "what is SCLNT_HTTP407"
    assert suggest("open Str", index) == "open StrUST"  # mixed case: the term's own spelling


def test_suggest_slash_commands_and_lookup_ids() -> None:
    kb = small_kb()
    from assistant.kb.model import Cause

    kb.causes["server_cert_untrusted"] = Cause(id="server_cert_untrusted", title="t")
    index = SuggestionIndex.from_kb(kb)
    assert suggest("/lo", index) == "/lookup "
    assert suggest("/ex", index) == "/export"
    assert suggest("/zz", index) is None
    assert suggest("/lookup server_c", index) == "/lookup server_cert_untrusted"
    assert suggest("server_c", index) is None  # cause ids only as /lookup arguments


def test_suggest_scales_to_a_big_pack() -> None:
    terms = [f"ZSYN_{c:03d}{n:03d}" for c in range(200) for n in range(500)]
    index = PrefixIndex.build(terms)
    assert len(index) == 100_000
    assert index.complete("zsyn_123") == "ZSYN_123000"
    assert index.complete("ZSYN_199499") == "ZSYN_199499"


# -- slash commands and /check arguments -----------------------------------------------------


def test_parse_slash() -> None:
    parsed = parse_slash('/CERT "/tmp/my cert.pem"')
    assert parsed.command is BY_NAME["cert"]
    assert parsed.args == ["/tmp/my cert.pem"]
    assert parse_slash("/nope x").command is None
    assert parse_slash('/cert "unbalanced').error


def test_parse_check_args() -> None:
    req = parse_check_args(["https://h:8443", "--ca-file", "ca.pem", "--proxy=http://p:3128", "--no-sni", "--timeout", "2.5"])
    assert (req.url, req.ca_file, req.proxy, req.sni, req.timeout) == (
        "https://h:8443", "ca.pem", "http://p:3128", False, 2.5,
    )
    assert parse_check_args(["h"]).timeout == 5.0
    for bad in ([], ["--timeout"], ["a", "b"], ["a", "--bogus"], ["a", "--timeout", "x"], ["a", "--timeout", "-1"], ["a", "--timeout", "nan"]):
        with pytest.raises(CheckArgsError):
            parse_check_args(bad)


def test_check_request_options_round_trip_without_the_password() -> None:
    args = ["https://h", "--proxy", "http://p:3128", "--proxy-user", "bob:s3 cret", "--timeout", "20", "--no-sni"]
    req = parse_check_args(args)
    assert req.proxy_user == "bob:s3 cret"
    assert "s3 cret" not in repr(req)
    command = req.as_command()
    assert "s3" not in command and "bob:***" in command
    again = parse_check_args(parse_slash(command).args)
    assert (again.url, again.proxy, again.sni, again.timeout) == ("https://h", "http://p:3128", False, 20.0)
    assert parse_check_args(["https://h"]).as_command() == "/check https://h"
    assert again.proxy_user == "bob:***" and again.needs_proxy_password  # replayed: ask again
    assert not req.needs_proxy_password
    asks = parse_check_args(["https://h", "--proxy", "http://p:1", "--proxy-user", "bob"])
    assert asks.needs_proxy_password and asks.with_proxy_password("x y").proxy_user == "bob:x y"
    with pytest.raises(CheckArgsError, match="needs --proxy"):
        parse_check_args(["https://h", "--proxy-user", "bob:pw"])
    with pytest.raises(CheckArgsError) as bad:
        parse_check_args(["https://h", "--proxy=http://p:1", "--proxy-user=bob:secret", "--bogus=secret2"])
    assert "secret2" in str(bad.value)  # not a password option: said as typed
    with pytest.raises(CheckArgsError) as two:
        parse_check_args(["https://a:pw1@h", "https://b:pw2@h"])
    assert "pw1" not in str(two.value) and "pw2" not in str(two.value)


def test_multi_line_paste_round_trips_through_the_one_line_prompt() -> None:
    pasted = "\r\n[Thr 1] first\r\n[Thr 1] *** ERROR => SSSLERR_PEER_CERT_UNTRUSTED\tx\n\n"
    line = join_lines(pasted)
    assert "\n" not in line and "\r" not in line
    assert split_lines(line) == "[Thr 1] first\n[Thr 1] *** ERROR => SSSLERR_PEER_CERT_UNTRUSTED    x"
    assert join_lines("one line") == "one line" and split_lines("one line") == "one line"


def test_affirmatives() -> None:
    for text in ("yes", "Yes please", "check it", "OK!", "go ahead", "y"):
        assert is_affirmative(text), text
    for text in ("yes the proxy is involved", "no", "how do I fix it?", ""):
        assert not is_affirmative(text), text


# -- knowledge-base helpers and export ---------------------------------------------------


def test_lookup_accepts_what_sapassist_lookup_accepts() -> None:
    from assistant.intent.lookup import nearest_ids
    from assistant.kb.load import load_kb

    kb = load_kb().kb
    assert find_entry(kb, "sclnt_http 407").id == "SCLNT_HTTP407"
    assert find_entry(kb, "-102").id == "SSSLERR_PEER_CERT_UNTRUSTED"
    assert find_entry(kb, "SCLNT_HTTP499") is None
    assert "SCLNT_HTTP418" in nearest_ids(kb, "SCLNT_HTTP419")


def test_find_entry_by_any_name() -> None:
    kb = small_kb()
    assert find_entry(kb, "407").id == "SCLNT_HTTP407"
    assert find_entry(kb, "sclnt_http411").id == "SCLNT_HTTP411"
    assert find_entry(kb, "icm_http_ssl_error").id == "SCLNT_HTTP407"
    assert find_entry(kb, "peer_cert_untrusted").id == "SSSLERR_PEER_CERT_UNTRUSTED"
    assert find_entry(kb, "strust").id == "STRUST"
    assert find_entry(kb, "999") is None
    table = list_markdown(kb)
    assert "`SCLNT_HTTP407`" in table and "`SCLNT_HTTP411`" in table


def test_list_shows_imported_texts_literally_in_their_cell() -> None:
    from markdown_it import MarkdownIt

    kb = small_kb()
    text = "Pipe | in *T100* text [x](y) <b>"
    kb.messages["ZTEST001"] = Message(
        id="ZTEST001", message_class="ZTEST", number=1, title=text, short_text=text, status="imported"
    )
    tokens = MarkdownIt("commonmark").enable("table").parse(list_markdown(kb))
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and tokens[i - 1].type in ("td_open", "th_open"):
            rows[-1].append(token.content)
    assert all(len(row) == 3 for row in rows), rows  # the "|" did not split the cell
    ztest = next(row for row in rows if "ZTEST001" in row[0])
    rendered = MarkdownIt("commonmark").enable("table").renderInline(ztest[1])
    assert rendered == "Pipe | in *T100* text [x](y) &lt;b&gt;"  # no emphasis, link or HTML


def test_transcript_export(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    transcript = Transcript()
    hostile = "why [red]x\x1b[31m?\n# not a heading\n[link](javascript:alert(1)) <b>html</b>\n```\nstill inside"
    transcript.add("user", hostile)
    transcript.add("assistant", "## Answer\n\nBecause.")
    transcript.add("notice", "Could not write /tmp/a_b_c*.md")
    text = transcript.to_markdown()
    tokens = MarkdownIt("commonmark").parse(text)
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1  # the whole user turn is one literal block, backticks and all
    assert fences[0].content.rstrip("\n") == hostile.replace("\x1b", "\\x1b")  # ESC made visible
    assert "\x1b" not in text
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2"]  # title + the answer's
    inline = "".join(t.content for t in tokens if t.type == "inline")
    assert "Could not write /tmp/a_b_c*.md" in MarkdownIt("commonmark").render(text)  # no emphasis
    assert "Because." in inline
    assert transcript.last_answer() == "## Answer\n\nBecause."
    written = write_export(text, tmp_path / "out" / "chat.md")
    assert written.read_text(encoding="utf-8") == text
    assert not list((tmp_path / "out").glob(".*.tmp"))
    with pytest.raises(IsADirectoryError):
        write_export(text, tmp_path)
    default = default_export_path()
    assert default.suffix == ".md" and "transcripts" in default.parts


# -- /cert files ------------------------------------------------------------------------


def test_cert_file_markdown_refuses_endless_files_and_explains_passwords(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from assistant.diagnostics.certfiles import CertFileError
    from assistant.diagnostics.model import PKCS12_PASSWORD_ENV
    from assistant.tui.bridge import cert_file_markdown
    from tests.support import certs

    fifo = tmp_path / "pipe.pem"
    os.mkfifo(fifo)  # reading it would block for ever
    with pytest.raises(CertFileError, match="not a regular file"):
        cert_file_markdown(str(fifo))
    leaf = certs.good_chain().leaf
    p12 = tmp_path / "client.p12"
    p12.write_bytes(leaf.pkcs12(b"pw-123"))
    monkeypatch.delenv(PKCS12_PASSWORD_ENV, raising=False)
    with pytest.raises(CertFileError) as no_password:
        cert_file_markdown(str(p12))
    assert PKCS12_PASSWORD_ENV in str(no_password.value)
    monkeypatch.setenv(PKCS12_PASSWORD_ENV, "pw-123")
    from assistant.answers.render import render_plain

    markdown = cert_file_markdown(str(p12))
    shown = render_plain(markdown)
    assert "PKCS#12, 1 certificate" in shown and "CN=localhost" in shown
    assert "the private key belongs to certificate 1" in shown
    assert "pw-123" not in markdown

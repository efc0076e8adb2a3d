"""newuser6's pass: what a new admin called wrong in five conversations at 80x24, driven as
real processes (`sapassist chat --json`, the piped chat that keeps the dialogue state) and
the real chat (Pilot).

- "ok imported the root ca in strust ssl client standard, didnt help" after a "why?" was read
  as a new question about STRUST (topic SCLNT_HTTP414, the term's entry): a report of what
  was done on the topic's call, longer than a short follow-up, lost the topic.
"""

from __future__ import annotations

from tests.support.dialogues import piped_chat

chat = piped_chat

REPORT = "sm59 test fails with SSL handshake faild, peer cert untrusted. host is api.partner-bank.de:443"


def test_a_long_report_of_an_import_done_keeps_the_topic() -> None:
    for between in ("why?", "how do I fix it?"):
        first, _, done = chat(REPORT, between, "ok imported the root ca in strust ssl client standard, didnt help")
        assert first["messages"][0]["id"] == "SCLNT_HTTP421"
        # the same call, the import done: the topic stays, and the causes left after an import lead
        assert done["follow_up"] is True, between
        assert done["messages"][0]["id"] == "SCLNT_HTTP421", between
        assert done["causes"][0]["id"] != "server_cert_untrusted", done["causes"]

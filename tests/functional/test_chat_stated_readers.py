"""What a user states, read in the piped chat (`chat --json`, a real process): a setting in
parentheses ("SSL (Active) is set"), a denied belief ("I don't think SSL is active"), a modal
yes/no question ("could it be the host name?") and a blocker's statement ("the security team
blocks outbound calls", "die Firewall lässt Port 443 nicht durch") each reach the answer."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

TOPIC = "SM59 connection test to https://api.partner.de fails with ICM_HTTP_CONNECTION_FAILED"


def _chat(*turns: str) -> list[dict[str, Any]]:
    proc = subprocess.run([sys.executable, "-m", "assistant", "chat", "--json"], input="\n".join(turns) + "\n",
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def _causes(answer: dict[str, Any]) -> list[str]:
    return [c["id"] for c in answer["causes"]]


def test_settings_and_blockers_stated_in_the_chat_reach_the_answer() -> None:
    _, ssl_set, not_active, blocked, german = _chat(
        TOPIC, "SSL (Active) is set", "I don't think SSL is active", "the security team blocks outbound calls",
        "die Firewall lässt Port 443 nicht durch")
    # SSL said on: the cause that is SSL off is contradicted and drops out of the first causes
    assert "destination_ssl_inactive" not in _causes(ssl_set)[:3]
    # a denied belief is SSL off (hedged): SSL off is no longer contradicted
    assert "destination_ssl_inactive" in _causes(not_active)[:3]
    for said, words in ((blocked, "the security team blocks outbound calls"),
                        (german, "die Firewall lässt Port 443 nicht durch")):
        assert {"subject": "firewall", "affirmed": True} in said["stated"]
        assert _causes(said)[0] == "firewall_blocking"
        assert f"you said “{words}”" in said["answer"]


def test_every_modal_yes_no_question_is_answered_yes_or_no_first() -> None:
    _, *asked = _chat(TOPIC, "could it be the host name?", "might it be the certificate?",
                      "do you think it's the proxy?")
    for answer in asked:
        verdict = answer["answer"].split("\n\n")[1]
        assert verdict.startswith(("**Yes", "**No", "**Nothing you said", "**Possibly", "**Probably")), verdict

"""A statement said as a belief ("I think the firewall blocks port 443", "maybe the proxy is not
involved", "ich glaube, dass die Firewall … blockiert") is no evidence (negationwords), but it
was read: where a stated fact is said back ("you said …"), a believed one is said back as
"you think …", in the user's words as typed (masked) without the words of the belief. A denied
belief, doubt or a plan is not said back so: its words do not say what the user thinks. Dev
sources where admins write "I think …" beside a failure: abapGit/abapGit, SAP-archive/node-rfc,
sap-tutorials/Tutorials (none of them about a subject of intent.statedwords); sentences invented
for the class."""

from __future__ import annotations

import pytest

from assistant.answers.statednote import stated_aside, stated_note
from assistant.intent import route
from assistant.intent.statedfacts import thought_as_typed
from assistant.intent.typednegations import retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase

TOPIC = "SM59 connection test to https://api.partner.de fails with ICM_HTTP_CONNECTION_FAILED. "


def _thought(text: str) -> list[tuple[str, bool, str]]:
    read = retyped_negations(text).text
    return [(f.subject, f.affirmed, f.said) for f in thought_as_typed(read, lambda a, b: read[a:b])]


@pytest.mark.parametrize(
    ("text", "subject", "affirmed", "said"),
    [
        ("I think the firewall blocks port 443.", "firewall", True, "the firewall blocks port 443"),
        ("the firewall probably blocks port 443", "firewall", True, "the firewall probably blocks port 443"),
        ("Maybe the proxy is not involved.", "proxy_path", False, "the proxy is not involved"),
        ("We suspect that the certificate expired.", "certificate", True, "the certificate expired"),
        ("Ich glaube, dass die Firewall den Port 443 blockiert.", "firewall", True, "die Firewall den Port 443 blockiert"),
        ("Vielleicht ist der Port 443 gesperrt.", "port", True, "ist der Port 443 gesperrt"),
    ],
)
def test_a_belief_is_read_as_what_the_user_thinks(text: str, subject: str, affirmed: bool, said: str) -> None:
    assert (subject, affirmed, said) in _thought(text)


@pytest.mark.parametrize("text", ["I don't think the firewall blocks port 443.", "not sure whether the port is open",
                                  "we will open the port tomorrow", "The firewall blocks port 443."])
def test_no_belief_no_thought(text: str) -> None:
    assert _thought(text) == []


@pytest.mark.parametrize(
    ("said", "quoted"),
    [
        ("I think the firewall blocks port 443.", "“the firewall blocks port 443”"),
        ("I think the firewall blocks port 443 for the proxy with password Secret123.", "“the firewall blocks port 443 for the proxy with password \\*\\*\\*”"),
    ],
)
def test_a_belief_is_said_back_as_you_think(bundled_kb: KnowledgeBase, said: str, quoted: str) -> None:
    routed = route(TOPIC + said, bundled_kb)
    assert routed.stated == ()  # no evidence …
    note = stated_note("firewall_blocking", routed)
    assert note.startswith(f" — you think {quoted}"), note  # … but said back
    assert "Secret123" not in note
    assert routed.to_json()["thought"][0] == {"subject": "firewall", "affirmed": True}
    if routed.causes[0].id == "firewall_blocking":
        assert stated_aside("firewall_blocking", routed).startswith(" (you think")

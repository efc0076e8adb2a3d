"""A statement that something in the way blocks the call is read as a class: a subject that can
stand in the way (the firewall; the network or its security team, as the firewall; a proxy),
a verb of blocking, refusing or not letting through (typed with or without apostrophes, German
"blockiert", "lässt … nicht durch"), and its object (a port, a host, outbound calls). Dev
sources: vscode-abapfs-280-socket-hang-up ("the connection (network) is not blocked"),
hanatrial-auth-proxy-1-astaro-target-not-allowed (a security gateway's "Target service not
allowed"); the rest invented for the class."""

from __future__ import annotations

import pytest

from assistant.intent.statedcauses import STATED_CAUSES
from assistant.intent.statedfacts import stated_facts
from assistant.intent.typednegations import retyped_negations


def _read(text: str) -> dict[str, bool]:
    return {f.subject: f.affirmed for f in stated_facts(retyped_negations(text).text)}


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("the firewall doesnt allow port 443", "firewall"),
        ("the firewall doesn't allow outbound calls", "firewall"),
        ("port 443 is blocked by the firewall", "firewall"),
        ("the security team blocks outbound calls to the internet", "firewall"),
        ("our network security team does not allow outbound traffic", "firewall"),
        ("the network blocks port 443", "firewall"),
        ("das Netzwerk blockiert ausgehende Verbindungen", "firewall"),
        ("die Firewall lässt Port 443 nicht durch", "firewall"),
        ("die Firewall blockiert den Host", "firewall"),
        ("the proxy blocks the host", "proxy_block"),
        ("the proxy refuses outbound calls to that host", "proxy_block"),
        ("the proxy doesnt allow the host", "proxy_block"),
    ],
)
def test_a_blocker_said_to_block_is_stated(text: str, subject: str) -> None:
    assert _read(text).get(subject) is True, _read(text)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("the connection (network) is not blocked", "firewall"),
        ("the firewall allows port 443", "firewall"),
        ("the security team does not block outbound calls", "firewall"),
    ],
)
def test_a_blocker_said_not_to_block_is_denied(text: str, subject: str) -> None:
    assert _read(text).get(subject) is False, _read(text)


@pytest.mark.parametrize(
    "text",
    [
        "Remote Peer has closed the network connection",  # the connection's state, not the network's
        "a network error occurred",
        "the proxy authentication is refused",  # the proxy's logon: another cause
        "maybe the security team blocks it",  # a guess
    ],
)
def test_no_blocking_statement(text: str) -> None:
    read = _read(text)
    assert "proxy_block" not in read and "firewall" not in read, read


def test_a_proxy_said_to_block_names_the_proxys_own_causes() -> None:
    row = next(r for r in STATED_CAUSES if r.subject == "proxy_block" and r.affirmed)
    assert set(row.causes) == {"proxy_refused", "proxy_http_error"}

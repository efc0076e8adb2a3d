"""A client the text names by its command line, and the place of its fix.

`xs login -u SYSTEM --skip-ssl-validation` refused, `xs api … --cacert`: the caller is the
`xs` command-line client of XS advanced, and `--cacert` is its own option, not libcurl's —
yet the answer sent the admin to "curl, git, PHP: their CA bundle". A client named by its
command has its own connection, TLS and trust store: the base's entry for it when it has one
(the xs client: XS_ADVANCED; hdbsql: the HANA clients' trust store), else the reason says
which client it is and that its trust store is its own — never another client's place.

The commands are the vocabulary's own cues for them (docs/research/scope_vocabulary.md:
`cf login`/`cf api`/… from the Cloud Foundry CLI tutorial, `xs login`/`xs api`/… from the
XS advanced administration overview, `hdbsql` from the HANA service connection blog).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intent.scopecues import windowed
from assistant.intent.scopetally import (
    TRUST_POINTERS,
    network_failure,
    protocol_not_trust,
    speaks_of_trust,
)
from assistant.intent.scopevocab_types import OTHER
from assistant.lazyre import LazyPattern


@dataclass(frozen=True, slots=True)
class CliClient:
    """`who`: the client as the reason names it; `home`: the base's entry for its own setup
    (a glossary id), None when the base has none."""

    who: str
    home: str | None


# A command as typed: right after it (before a pipe or a bracket) an option ("-u", "--skip-ssl-validation"), a URL or a
# host:port follows it, or the line starts with it (after a shell prompt or a backtick).
# "(xs apps | grep webide)" in a sentence names a check that worked, not the client that failed.
_ARGUMENTS = r"(?=[^\n|();]{0,80}?(?:\s--?[A-Za-z]|\bhttps?://|\b[\w.-]+:\d{2,5}\b))"
_LINE_START = r"(?:^[ \t`]*(?:\S*[>$#][ \t]*)?)"


def _command(words: str) -> str:
    return rf"(?m)(?:\b{words}\b{_ARGUMENTS}|{_LINE_START}{words}\b)"


_CLIS: tuple[tuple[LazyPattern, CliClient], ...] = (
    (LazyPattern(_command(r"xs\s+(?:login|api|push|deploy|apps)"), re.IGNORECASE, literals=("xs",)),
     CliClient("the `xs` command-line client of XS advanced", "XS_ADVANCED")),
    (LazyPattern(_command(r"cf\s+(?:login|api|push|deploy|target)"), re.IGNORECASE, literals=("cf",)),
     CliClient("the Cloud Foundry command-line client (`cf`)", None)),
    (LazyPattern(_command(r"hdbsql"), re.IGNORECASE, literals=("hdbsql",)),
     CliClient("SAP HANA's command-line client `hdbsql`", "HANA_CLIENT_TRUST")),
)


def cli_client(text: str) -> CliClient | None:
    """The command-line client the text runs (its command line, as typed), or None."""
    seen = windowed(text)
    return next((client for pattern, client in _CLIS if pattern.search(seen)), None)


def cli_home(kind: str, raw: str) -> tuple[str, str | None] | None:
    """For another client's failure run from a command-line client: the reason naming that
    client and the place of its fix (its own entry; a trust store only when the text is about
    trust at all) — or None for any other text."""
    client = cli_client(raw) if kind == OTHER else None
    if client is None:
        return None
    home = client.home
    if home in TRUST_POINTERS and (not speaks_of_trust(raw) or protocol_not_trust(raw)):
        home = None  # a refused connection or a TLS version is no trust store's fix
    if network_failure(raw) and not speaks_of_trust(raw):
        return (f"{client.who}: its own network connection (refused, reset, timed out, name not found) — the path "
                "from that client: host, port, firewall, proxy, DNS; not STRUST"), home
    return f"{client.who}: its connection, TLS and trust store are its own, not the SAP system's (STRUST, SM59)", home

"""The scope's tally of evidence per kind, and where the fix of the winning kind lives.

A kind's families each count once (scope.py says how); the pointer (a glossary id) is the
strongest piece's, with the corrections below: a product's own trust store over the
runtime's inside it, a mechanism (SNC, a refused logon, a server's request for the client's
certificate) over the envelope that carried it, no trust store for a text that is not
about trust, and no TLS setup for a status that came back over a handshake that worked.
"""

from __future__ import annotations

import re
from collections import defaultdict

from assistant.intent.evidence import MessageEvidence
from assistant.intent.scopecues import windowed
from assistant.intent.scopevocab import (
    DECISIVE,
    INDICATIVE,
    KEY_STORES,
    RUNTIME_OF_PRODUCT,
    TLS_SETTINGS,
    TRUST_WORDED,
    WEAK,
)

CLASS_VALUE = {DECISIVE: 1.0, INDICATIVE: 0.5, WEAK: 0.0}  # Scope.strength of each class
_WORD = re.compile(r"[a-z0-9_]+")

# Families that name the envelope a failure travelled in, not the mechanism that failed,
# and the mechanisms each carries: the RFC envelope (RFC_COMMUNICATION_FAILURE, CPI-C,
# "partner not reached"), the RFC libraries and SAP GUI's connection carry SNC, a refused
# RFC logon, the gateway and the start service; a runtime's TLS error carries the server's
# request for the client's own certificate and its refusal of the name sent in SNI.
_RFC_MECHANISMS = frozenset({"snc", "rfc_logon", "gateway", "gateway_acl", "ucon", "sap_host_control"})
_CLIENT_MECHANISMS = frozenset({"client_identity", "client_sni"})
CARRIED: dict[str, frozenset[str]] = {
    "rfc": _RFC_MECHANISMS, "rfc_lib": _RFC_MECHANISMS, "sap_gui": _RFC_MECHANISMS,
    # the gateway's own error (its LOCATION line, a timeout during allocate) carries the
    # registration its access lists refused: the program the allocate waited for never came
    "gateway": frozenset({"gateway_acl"}),
    "java": _CLIENT_MECHANISMS, "node": _CLIENT_MECHANISMS, "dotnet": _CLIENT_MECHANISMS,
    "python": _CLIENT_MECHANISMS, "openssl_client": _CLIENT_MECHANISMS, "go": _CLIENT_MECHANISMS,
}

# The families of a non-ABAP runtime's own error text (not product names or tools).
RUNTIME_FAMILIES = frozenset({
    "java", "node", "openssl_client", "go", "dotnet", "python", "hana_client", "db_client", "client_network",
})


class Piece:
    __slots__ = ("pointer", "reason", "strength", "weight")

    def __init__(self, weight: float, reason: str, pointer: str | None, strength: str) -> None:
        self.weight, self.reason, self.pointer, self.strength = weight, reason, pointer, strength


class Tally:
    """Per kind and family: the strongest piece. A kind's score sums its families, each
    further one (by weight) counted `decay` times less than the one before."""

    def __init__(self, decay: float) -> None:
        self.decay = decay
        self.families: defaultdict[str, dict[str, Piece]] = defaultdict(dict)

    def only_decisive(self) -> None:
        """Every piece below decisive counts nothing; the families stay (so the report is still
        not the SAP client's by situation). For a text whose failure, if any, is no failed call:
        a question without one (nofailure), a tool's own error (scopenames)."""
        for pieces in self.families.values():
            for piece in pieces.values():
                if piece.strength != DECISIVE:
                    piece.weight = 0.0

    def add(self, kind: str, family: str, weight: float, reason: str, pointer: str | None, strength: str) -> None:
        known = self.families[kind].get(family)
        if known is None or weight > known.weight:
            self.families[kind][family] = Piece(weight, reason, pointer, strength)

    def _ordered(self, kind: str) -> list[Piece]:
        return sorted(self.families[kind].values(), key=lambda p: -p.weight)

    def score(self, kind: str) -> float:
        return sum(p.weight * self.decay**rank for rank, p in enumerate(self._ordered(kind)))

    def strength(self, kind: str) -> float:
        return max((CLASS_VALUE[p.strength] for p in self.families[kind].values()), default=0.0)

    def why(self, kind: str) -> tuple[str, str | None]:
        """The strongest piece's reason, and the strongest pointer (where the fix lives).
        A piece whose pointer is "" has none on purpose (a proxy's logon request to another
        client is not about that client's trust store): no weaker piece's pointer is lent."""
        pieces = self._ordered(kind)
        reason = pieces[0].reason if pieces else ""
        pointer = next((p.pointer for p in pieces if p.pointer is not None), None)
        # A product's own trust store (Cloud Integration's keystore, PI's TrustedCAs, the
        # Cloud Connector's) is where a Java error inside it is fixed, not the JVM's cacerts:
        # its reason and pointer lead.
        runtime = {p.pointer for f, p in self.families[kind].items() if f in RUNTIME_FAMILIES}
        product = [p for f, p in self.families[kind].items()
                   if f not in RUNTIME_FAMILIES and p.pointer and (p.strength != WEAK or self._runs_in(kind, f))]
        chosen = None
        if pointer in runtime and product:
            chosen = max(product, key=lambda p: p.weight)
        else:
            chosen = self._specific_over_carrier(kind, pieces)
        if chosen is not None:
            reason, pointer = chosen.reason, chosen.pointer
        return reason, pointer or None

    def _runs_in(self, kind: str, family: str) -> bool:
        """The product is a program of a runtime whose own error the text shows (the Cloud
        Connector and a Java error): named even in passing, it is where that error happened."""
        runtime = RUNTIME_OF_PRODUCT.get(family)
        return runtime is not None and runtime in self.families[kind]

    def family_of(self, kind: str, reason: str) -> str | None:
        """The family whose piece gave `reason`."""
        return next((f for f, p in self.families[kind].items() if p.reason == reason), None)

    def _specific_over_carrier(self, kind: str, pieces: list[Piece]) -> Piece | None:
        """A failure carried in the envelope of its connection or runtime (SNC's GSS-API
        error or a refused RFC logon inside RFC_COMMUNICATION_FAILURE; a server's request for
        the client's certificate inside a Java SSLHandshakeException) is fixed where that
        mechanism lives, not where the envelope's pointer is: the strongest such piece leads,
        when a carrier piece would and the mechanism's evidence is of the carrier's class at
        least (a mere "we use SNC" next to "partner not reached" leaves the network in front)."""
        leading = next((p for p in pieces if p.pointer is not None), None)
        carrier = next((f for f, p in self.families[kind].items() if p is leading and f in CARRIED), None)
        if leading is None or carrier is None:
            return None
        return self._carried(kind, carrier, CLASS_VALUE[leading.strength])

    def _carried(self, kind: str, carrier: str, floor: float) -> Piece | None:
        """The strongest mechanism `carrier` carries with evidence of class `floor` at least
        — and, when that mechanism is an envelope itself (the gateway inside an RFC error),
        the one it carries in turn."""
        chosen: Piece | None = None
        seen = {carrier}
        while carrier in CARRIED:
            carried = [(f, p) for f, p in self.families[kind].items()
                       if f in CARRIED[carrier] and f not in seen and p.strength != WEAK
                       and CLASS_VALUE[p.strength] >= floor]
            if not carried:
                break
            carrier, chosen = max(carried, key=lambda fp: (CLASS_VALUE[fp[1].strength], fp[1].weight))
            seen.add(carrier)
        return chosen

    def mechanism(self, kind: str) -> Piece | None:
        """The strongest mechanism (SNC, a refused logon, the gateway's access lists) an RFC
        envelope of `kind` carries, whatever the envelope's own strength."""
        carriers = [f for f in self.families[kind] if f in ("rfc", "rfc_lib", "sap_gui")]
        found = [p for p in (self._carried(kind, c, CLASS_VALUE[INDICATIVE]) for c in carriers) if p and p.pointer]
        return max(found, key=lambda p: (CLASS_VALUE[p.strength], p.weight), default=None)


# Where another client keeps its trust (glossary ids): the place of the fix only when the
# text is about certificates or TLS at all.
TRUST_POINTERS = frozenset({
    "JAVA_PKIX", "NODE_EXTRA_CA_CERTS", "DOTNET_TRUST", "PYTHON_TRUST", "HANA_CLIENT_TRUST",
    "BTP_DESTINATION_TRUST", "CLOUD_CONNECTOR_TRUST", "SAP_INTEGRATION_KEYSTORE", "OPENSSL_CLIENT_TRUST",
})
# Where the SAP system's own TLS setup is fixed (its server PSE, verify_client, ports).
TLS_SERVER_POINTERS = frozenset({"SAP_AS_TLS_SERVER"})
ICF_FAMILY = "icf_service"


def answered(messages: MessageEvidence) -> bool:
    """A status came back over the connection (not a proxy's): the handshake worked."""
    return any(r.lean == "http" and r.via != "proxy" for r in messages.readings)


def service_pointer(tally: Tally, kind: str) -> str | None:
    """A status the SAP side sent (a launchpad's 403, a Web Dispatcher's 502) after a
    handshake that worked is fixed at its service (SICF, the Gateway's logs) when the text
    names one, else nowhere we can name — never in its TLS setup."""
    piece = tally.families[kind].get(ICF_FAMILY)
    return piece.pointer if piece is not None and piece.pointer else None


# Words of certificates and their trust; with the words of TLS itself, of trust at all.
_CERTIFICATE_PREFIXES = ("certif", "cert", "trust", "pkix", "x509", "issuer", "keystore", "cacert", "selfsigned",
                         "self_signed", "unable_to_", "depth_zero", "sec_error")
_TRUST_PREFIXES = (*_CERTIFICATE_PREFIXES, "ssl", "tls", "handshake", "verif", "sec_e_", "encrypt")
_TRUST_PHRASES = ("self signed", "secure connection", "secure channel")


def speaks_of_trust(text: str) -> bool:
    """The text is about certificates, TLS or trust at all."""
    lowered = windowed(text).lower()
    words = set(_WORD.findall(lowered))
    return any(w.startswith(_TRUST_PREFIXES) for w in words) or any(p in lowered for p in _TRUST_PHRASES)


# A handshake that failed on the protocol version or the ciphers, in the words of the
# runtimes (Java, OpenSSL, Python, Node, .NET): no trust store fixes it.
_PROTOCOL_MISMATCH = re.compile(
    r"no appropriate protocol|protocol is disabled|protocol_version|unsupported protocol|wrong version number"
    r"|no (?:shared |common )?cipher|disabledAlgorithms|inappropriate fallback|client and server cannot communicate"
    r"|do not possess a common algorithm|version_or_cipher_mismatch",
    re.IGNORECASE,
)


def shows_a_protocol_mismatch(text: str) -> bool:
    """The text holds a runtime's words for a handshake failed on the protocol version or the
    ciphers ("wrong version number", "no shared cipher"): a failed call by themselves."""
    return _PROTOCOL_MISMATCH.search(windowed(text)) is not None


def protocol_not_trust(text: str) -> bool:
    """The text shows a protocol or cipher mismatch and says nothing of certificates."""
    lowered = windowed(text).lower()
    if _PROTOCOL_MISMATCH.search(lowered) is None:
        return False
    return not any(w.startswith(_CERTIFICATE_PREFIXES) for w in set(_WORD.findall(lowered)))


def protocol_home(pointer: str | None, tally: Tally, kind: str, raw: str) -> tuple[str, str] | None:
    """A runtime's protocol or cipher mismatch (Java's "No appropriate protocol", .NET's "do
    not possess a common algorithm"), where its trust store would be the pointer: the
    reason and the entry of that runtime's own TLS settings (`TLS_SETTINGS`) — or None."""
    if pointer not in TRUST_POINTERS or not protocol_not_trust(raw):
        return None
    family = next((f for f, p in tally.families[kind].items() if p.pointer == pointer and f in TLS_SETTINGS), None)
    return TLS_SETTINGS[family] if family is not None else None


def key_store_home(tally: Tally, kind: str) -> tuple[str, str] | None:
    """The server asked for the client's own certificate (`client_identity`) and the text
    names, not only in passing, a product whose key store the base knows (a BTP
    destination's `ClientCertificateAuthentication`): that request's reason and that key
    store — not the product's trust store, which is the other direction."""
    identity = tally.families[kind].get("client_identity")
    if identity is None or identity.strength == WEAK:
        return None
    store = next((KEY_STORES[f] for f, p in tally.families[kind].items() if f in KEY_STORES and p.strength != WEAK),
                 None)
    return (identity.reason, store) if store is not None else None


# Where an RFC connection that did not reach its partner is fixed (the glossary's NI block:
# refused, timed out, host or service unknown, reset). The RFC envelope (an RFC library's
# exception, RFC_*_FAILURE, CPI-C) carries any failure — a call refused by UCON, a codepage
# error, a stale handle — and lends it only when the text shows its partner not reached.
UNREACHED_POINTER = "RFC_PARTNER_NOT_REACHED"
_UNREACHED = re.compile(
    r"not reached|\bNIE[A-Z_]+|\bWSAE[A-Z]+|\b(?:host ?name|service) '[^'\n]*' unknown|\bNi\w*Connect"
    r"|connection (?:closed|broken|terminated|lost)"
    r"|\b(?:fail(?:ed|s|ing)?|unable|could ?n[o'’]?t|can ?n?[o'’]?t) (?:to )?connect"
    r"|\bconnect\S*\s+(?:does ?n[o'’]?t|never) (?:complete|return)|\bhang(?:s|ing)?\b",
    re.IGNORECASE,
)


def unreached(raw: str) -> bool:
    """The text shows a connection that did not reach its partner, or broke on the way."""
    text = windowed(raw)
    return _UNREACHED.search(text) is not None or _NETWORK_FAILURE.search(text) is not None


def mechanism_home(pointer: str | None, tally: Tally, kind: str, raw: str) -> tuple[str, str] | None:
    """An RFC error whose partner was reached, where "partner not reached" would be the
    pointer: the reason and pointer of the mechanism its envelope carries (SNC's error block,
    the gateway's access lists) — or None."""
    if pointer != UNREACHED_POINTER or unreached(raw):
        return None
    piece = tally.mechanism(kind)
    return (piece.reason, piece.pointer) if piece is not None and piece.pointer else None


# A BTP destination's trust (its trust store, "Use default JDK truststore") is where a call
# made through a destination is fixed. The bare name BTP (a weak cue) also comes with a
# Terraform provider, a Kubernetes operator or a generator that manages BTP: they call from
# their own machine with their own trust store, and no destination is involved.
BTP_TRUST = "BTP_DESTINATION_TRUST"
_DESTINATION = re.compile(r"destination", re.IGNORECASE)


def _through_a_destination(tally: Tally, kind: str, raw: str) -> bool:
    """The text shows a call through a BTP destination or the Cloud SDK (a cue stronger than
    the bare product name, or the word destination)."""
    btp = tally.families[kind].get("btp")
    return (btp is not None and btp.strength != WEAK) or _DESTINATION.search(windowed(raw)) is not None


def settled_pointer(pointer: str | None, tally: Tally, kind: str, raw: str, messages: MessageEvidence) -> str | None:
    """The pointer `Tally.why` chose, less what the text shows is not the place of the fix;
    for libcurl's clients with no pointer of their own, their CA bundle."""
    if pointer is None and OPENSSL_FAMILY in tally.families[kind] and _LIBCURL_CLIENT.search(raw):
        pointer = CA_BUNDLE_POINTER
    if pointer in TRUST_POINTERS and (not speaks_of_trust(raw) or protocol_not_trust(raw)):
        return None  # a trust store is no fix for a token, a proxy setting, a binding or a TLS version
    if pointer in TLS_SERVER_POINTERS and answered(messages) and not speaks_of_trust(raw):
        return service_pointer(tally, kind)
    if pointer == BTP_TRUST and not _through_a_destination(tally, kind, raw):
        return None  # a CLI, operator or generator that manages BTP calls with its own trust store
    if pointer == UNREACHED_POINTER and not unreached(raw):
        return None  # the partner answered: a refusal, a codepage or a handle is not the network's
    return pointer


# The CA bundle of libcurl's clients (curl, git, PHP) is the place of the fix only for them:
# OpenSSL's verify texts (family OPENSSL_FAMILY, no pointer of its own) are printed by
# Node.js, Python and a VS Code plug-in as well, whose own families lend theirs.
OPENSSL_FAMILY = "openssl_client"
CA_BUNDLE_POINTER = "OPENSSL_CLIENT_TRUST"
_LIBCURL_CLIENT = re.compile(r"\bcurl\b|\bCURL(?:OPT)?_|--cacert|\bgit\b|\bphp\b", re.IGNORECASE)


def trust_store_beside_an_answer(glossary_id: str, raw: str, messages: MessageEvidence) -> bool:
    """A trust store the text names only by its product ("BTP destination", "Cloud
    Connector") is beside the point when a status came back and nothing speaks of trust:
    the handshake and the trust worked, the server answered."""
    return glossary_id in TRUST_POINTERS and answered(messages) and not speaks_of_trust(raw)


# A network failure in any client's words, beside the vocabulary's own cues for it.
_NETWORK_FAILURE = re.compile(
    r"refused|timed? ?out|timeout|\breset\b|unreachable|no route to host|(?:could not|cannot|can't|unable to) resolve"
    r"|unknown ?host|name (?:or service )?not (?:found|known)|getaddrinfo|closed by (?:the )?(?:peer|remote)",
    re.IGNORECASE,
)


def network_failure(raw: str) -> bool:
    """The text reports a network failure in any client's words."""
    return _NETWORK_FAILURE.search(windowed(raw)) is not None


def reason_by_failure(reason: str, tally: Tally, kind: str, raw: str) -> str:
    """A reason that names the client's own trust store (TRUST_WORDED), for a text whose
    failure is no certificate or TLS one — a refused connection, a timeout — or a protocol
    mismatch: the reason says what failed for that client instead. Its trust store is not
    where such a failure is fixed, and saying so sends the reader to the wrong place."""
    family = tally.family_of(kind, reason)
    who = TRUST_WORDED.get(family or "")
    if who is None:
        return reason
    if protocol_not_trust(raw):
        return f"{who}: the TLS versions and cipher suites it offers, not its trust store or STRUST"
    if speaks_of_trust(raw):
        return reason
    network = tally.families[kind].get("client_network")
    if network is not None:
        return network.reason
    if network_failure(raw):
        return (f"{who}: its own network connection (refused, reset, timed out, name not found) — the path from "
                "that client: host, port, firewall, proxy, DNS; not STRUST")
    return f"{who}: its own call, not the SAP system's HTTP client (no certificate failure in the text: not its trust store)"

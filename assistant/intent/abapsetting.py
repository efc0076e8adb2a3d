"""Where a report sets its call: the words of a connection at all, and those that place the
call in an ABAP system (rule 7 of scope.py and its mirror in failedcall.py).

A product named with its release ("We are on S/4HANA 2021 FPS02", "System: ECC 6.0 EHP8 on
Oracle, kernel 7.89", "CommonCryptoLib 8.5.50") says what the poster runs, not which system made the failed call:
posts carry such a line whatever failed — a Cloud Integration deploy, a mobile app's
logon, a monitoring template. In a sentence that speaks of no call or connection, the
release is no placement; in the sentence of the call ("our ECC 6.0 system calls the
service") it names the caller and counts.
"""

from __future__ import annotations

import re

from assistant.intent.hosts import without_urls
from assistant.intent.logtimes import without_timestamps
from assistant.intent.scopecues import windowed
from assistant.intent.systemrole import ABAP_SYSTEM_NOUNS, places_the_call, system_mentions
from assistant.lazyre import LazyPattern

# Rule 7 needs a text about a connection at all: words an ordinary SAP question (a dump, a
# transport, an IDoc status, a locked user) shares with the base's causes by chance are no
# situation of the HTTP client. The words of calls, TLS, certificates, proxies, hosts and
# ports, the transactions and codes of the HTTP client, and statuses — looked up per word
# of the text (one regex alternation tried at every word costs ~100 times more on a paste).
_CONNECTION_WORDS = frozenset({
    "cert", "certs", "proxy", "proxies", "handshake", "timeout", "timeouts", "timed", "host", "hosts", "hostname",
    "dns", "port", "ports", "url", "urls", "uri", "uris", "sm59", "strust", "smicm", "destination", "destinations",
    "api", "apis", "rest", "soap", "odata", "webservice", "webservices", "endpoint", "endpoints", "server",
    "servers", "network", "firewall", "pse", "sni", "cipher", "ciphers", "logon", "login", "password", "internet",
    "socket", "sockets", "tcp", "vpn", "browser", "get_last_error",
})
_CONNECTION_PREFIXES = (
    "http", "ssl", "tls", "certificat", "connect", "icm", "receiv", "send", "call", "trust", "sclnt", "ssf",
    "sapssl", "ssslerr", "ssslrc", "download", "upload", "oauth", "oa2c",
)
_CONNECTION_PHRASES = (" time out", " web service", " log on")
_WORD = re.compile(r"[a-z0-9_]+")


def speaks_of_a_connection(text: str) -> bool:
    lowered = without_timestamps(windowed(text).lower())
    for word in set(_WORD.findall(lowered)):
        if (word in _CONNECTION_WORDS or word.startswith(_CONNECTION_PREFIXES) or word.endswith(("token", "tokens"))
                or (len(word) == 3 and word.isdigit() and "1" <= word[0] <= "5")
                or (word.startswith("nie") and "_" in word)):
            return True
    return any(phrase in lowered for phrase in _CONNECTION_PHRASES)


# Words that place a call in an ABAP system whatever the sentence says of it: the ABAP
# stack's transactions, reports and dumps, its PSEs and crypto library, its HTTP client's
# classes, OAuth client transactions. Looked up per word, plus a few phrases (see
# _CONNECTION_WORDS). The names of its systems (S/4HANA, ECC, "our SAP system") place the
# call only when their sentence does not make them the called one (systemrole.py).
_ABAP_WORDS = frozenset({
    "se38", "se80", "se37", "se24", "st22", "strust", "sm59", "smicm", "sicf", "soamanager",
    "tcode", "subrc", "pse", "sapcryptolib", "commoncryptolib", "sapcrypto", "basis", "icm",
    "rswf_test_http", "dump", "sxmb_moni", "sxi_monitor", "slg1", "sm21", "st11", "rz10", "rz11", "we21", "sproxy",
    "srt_util", "bapi",
})
_ABAP_PREFIXES = ("abap", "zabap", "oa2c", "cl_http", "if_http", "cl_rest", "cl_web_http", "sapssl", "ssslerr")
_ABAP_SYSTEM = LazyPattern(r"\b" + ABAP_SYSTEM_NOUNS, literals=("abap ",))
_ABAP_PHRASES = LazyPattern(
    r"\b(?:t-code|sy-subrc|sap[- ](?:basis|kernel)"
    r"|(?:abap|integration engine|sap pi|consumer) prox(?:y|ies)|logical ports?|work process|instance profile)",
    re.IGNORECASE,
    literals=("t-code", "sy-subrc", "sap", "prox", "logical port", "work process", "instance profile"),
)


# A product of the ABAP stack (or its crypto library) and its release: the version ("2021",
# "6.0", "7.52", "750", "ECC6", "8.5.50") and what may follow it (EHP8, FPS02, SP 24, "(SP24)",
# SPS12, patch level 300).
_RELEASE = LazyPattern(
    r"\b(?:s/?4 ?hana|s/4|s4|bw/?4 ?hana|ecc|erp|r/3|netweaver|nw|sap_basis|sap_aba|abap platform|kernel"
    r"|solution manager|solman|crm|srm|ewm|bw|(?:sap|common) ?crypto ?lib(?:rary)?)"
    r"[ \t]*(?:release|version|rel\.?)?[ \t:]*v?\d[\w.]*"
    r"(?:[ \t]*[,(]?[ \t]*(?:ehp|enhp|fps|sps?|pl|patch(?:[ \t]+level)?|stack)[ \t]*\d+\)?)*"
)
_SENTENCE_END = re.compile(r"([!?\n]|\.(?=\s|$))")


def without_release_statements(lowered: str) -> str:
    """`lowered` with the releases named in sentences that speak of no call or connection
    blanked (see the module docstring)."""
    if _RELEASE.search(lowered) is None:
        return lowered
    pieces = _SENTENCE_END.split(lowered)  # sentence, end, sentence, end, …
    for i in range(0, len(pieces), 2):
        blanked = _RELEASE.sub(" ", pieces[i])
        if not speaks_of_a_connection(blanked):  # a version's digits ("PL 100") are no status
            pieces[i] = blanked
    return "".join(pieces)


def names_an_abap_system(lowered: str) -> bool:
    """An ABAP word or phrase in the lower-cased text, or an ABAP system it names as the
    caller or as its setting (systemrole.py); releases stated on their own aside."""
    lowered = without_release_statements(lowered)
    words = _WORD.findall(_ABAP_SYSTEM.sub(" ", without_urls(lowered)))  # an ABAP system's name is read for its role
    if any(word in _ABAP_WORDS or word.startswith(_ABAP_PREFIXES) for word in set(words)):
        return True
    return _ABAP_PHRASES.search(lowered) is not None or places_the_call(system_mentions(lowered))

"""A how-to's domain terms: whether a question that reports no failure is about what the
knowledge base covers at all, which entry answers it, and how sure that answer is.

A how-to shares generic words with the base's entries as any IT question does: "create"
(a sign of `destination_misconfigured`), "install", "change", "read" (SSSLERR_SSL_READ),
"password", "request", "order" ("PSEs not in order"). Such words carry no subject, so they
picked the steps of an SSL PSE for "how do I create a transport request?". An entry answers
a how-to only when the question names a term of the domain — TLS, a certificate, a proxy, a
PSE, the ICM, a cipher, a destination … (`DOMAIN_WORDS`) — that the entry's own names (a
cause's title, id and signs; a glossary entry's id, title and aliases) hold too.

A question that names none is outside: scope `unknown` with `OUTSIDE_REASON`, no cause, no
message, confidence 0, and the answer says what sapassist covers (answers.howto) — unless a
decisive or indicative cue of the scope vocabulary shows a kind of failure the base covers
("The gateway says Service not available. How do we activate the OData …?"): that stays.
howtoroute.py applies these readings, with the set-up question (setupquestion.py) and the
subjects that make a question outside (howtosubject.py).

The domain words are a closed list because the base's names are a closed vocabulary: every
word of it was read once and kept only when it names a thing of SAP HTTP-client connections
(tests/unit/test_howto_scope.py checks each is in some entry's names, and that every cause
holds one). Everyday words that do name a cause ("password", "timeout", "chain", "trust",
"hostname", "wildcard", "user") are left out: a how-to about them with no term beside them
("how do I change my SAP password") is about the SAP system at large, not its HTTP client.
"proxy" counts only where it is a forward proxy (proxies.py): an ABAP proxy of SPROXY is none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from assistant.intent.confidence import NAMED_CAP
from assistant.intent.fuzzy import content_words, normalize, stem
from assistant.intent.kbindex import FAMILY_SHARE
from assistant.intent.parsing import ParsedText
from assistant.intent.ranking import Ranking
from assistant.intent.result import Scope
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.permemo import per_base
from assistant.lazyre import LazyPattern

DOMAIN_WORDS = frozenset("""
    ssl tls https http http2 sni pse pses icm icf ssf cert certs certificate certificates ca cas cacert cacerts
    cipher ciphers ciphersuite ciphersuites handshake handshakes firewall firewalls dns tcp
    san subjectaltname csrf keystore crypto cryptographic commoncryptolib sapcryptolib sapcrypto
    libsapcrypto saphttp sapgenpse secudir mtls proxy proxies destination destinations redirect redirects
""".split())
DOMAIN_STEMS = frozenset(stem(w) for w in DOMAIN_WORDS)
PROXY_STEM = stem("proxy")
# One term, two names: TLS is SSL's successor and SAP names both "SSL" (SSL client PSE,
# SapSSL, ICM_HTTP_SSL_ERROR); HTTPS is HTTP over it, so it names both.
SAME_TERM = {stem("tls"): stem("ssl"), stem("cas"): stem("ca")}  # and "CAs" is CA
# A REST API or service is called over HTTP by definition: "how do I call a REST API from
# ABAP?" is the ABAP HTTP client's how-to ("rest" alone is an everyday word).
_OVER_HTTP = LazyPattern(r"\brest(?:ful)?[ -](?:apis?|services?|calls?|endpoints?|interfaces?|clients?)\b",
                         re.IGNORECASE, literals=("rest",))
# An API an ABAP program calls ("call an API from ABAP", "consume an external API in an ABAP
# report") is a web API, reached over HTTP: the ABAP HTTP client's how-to, as a REST API's. An
# API with no ABAP caller named stays a word of any IT question ("how do I call an API?").
_API_FROM_ABAP = LazyPattern(
    r"\bapis?\b[^.?!\n]{0,40}?\b(?:from|in|within|aus|in)\s+(?:(?:an?|the|my|our|einem|unserem)\s+)?abap\b",
    re.IGNORECASE, literals=("abap",),
)
_OVER_SSL = LazyPattern(r"\bhttps\b", re.IGNORECASE, literals=("https",))

COMMON_TERM_SHARE = 0.5  # what a common term (common_terms) counts of the share an entry explains
OUTSIDE_REASON = "a how-to about something the knowledge base does not cover: it names none of its terms"
# A question asked mid-conversation about something else entirely (outsidetalk.py).
TALK_OUTSIDE_REASON = ("a question about something the knowledge base does not cover: it names none of its terms;"
                       " the current topic stays for your next question")


def domain_terms(parsed: ParsedText) -> frozenset[str]:
    """The stems of the domain's terms the question names (a proxy only as a forward proxy)."""
    found = _as_terms(parsed.stems & DOMAIN_STEMS, parsed.raw)
    return found - {PROXY_STEM} if not parsed.entities.proxy else found


def _as_terms(stems: Iterable[str], text: str) -> frozenset[str]:
    """The stems with each term under one name (SAME_TERM), SSL for an "https", HTTP for a REST
    API or an API called from ABAP."""
    terms = {SAME_TERM.get(s, s) for s in stems}
    if _OVER_SSL.search(text):
        terms.add(stem("ssl"))
    if _OVER_HTTP.search(text) or _API_FROM_ABAP.search(text):
        terms.add(stem("http"))
    return frozenset(terms)


@per_base
def entry_names(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Per entry key ('c:ID', 'g:ID'), the stems of its names: what a how-to must name of it."""
    def stems(*texts: str) -> frozenset[str]:
        text = " ".join(texts)
        return _as_terms((stem(w) for w in content_words(normalize(text))), text)

    names = {f"c:{c.id}": stems(c.title, c.id.replace("_", " "), *c.signs) for c in kb.causes.values()}
    names.update({f"g:{g.id}": stems(g.id, g.title, *g.aliases) for g in kb.glossary.values()})
    return names


class HowToReading(NamedTuple):
    """A how-to as the domain's terms read it: the causes and glossary entries that name
    one of its terms (best first), and how much of the question the first one explains."""

    terms: frozenset[str]
    causes: list[tuple[str, float]]
    entries: list[str]
    share: float

    @property
    def outside(self) -> bool:
        return not (self.causes or self.entries)


def read_how_to(parsed: ParsedText, ranking: Ranking, met: list[str], kb: KnowledgeBase) -> HowToReading:
    """The ranked causes and the met glossary entries (`met`, 'g:ID' keys) that hold one of
    the question's domain terms. When its words met none that does, the entries whose names
    hold the most of its terms (a term is the subject, whatever else the words met). A base
    none of whose entries names a term (a T100 pack alone, no causes or glossary) leaves the
    question outside it, like one that names no term."""
    terms = domain_terms(parsed)
    if not terms:
        return HowToReading(terms, [], [], 0.0)
    names = entry_names(kb)
    causes = [(c, s) for c, s in ranking.causes if names.get(f"c:{c}", frozenset()) & terms]
    entries = [key for key in met if names.get(key, frozenset()) & terms]
    if not causes and not entries:
        holding = sorted(((len(n & terms), key) for key, n in names.items() if n & terms), key=lambda t: -t[0])
        causes = [(key[2:], 0.0) for _, key in holding if key.startswith("c:")][:3]
        entries = [key for _, key in holding if key.startswith("g:")][:3]
    if not causes and not entries:  # no entry of this base names any of its terms: outside it
        return HowToReading(terms, [], [], 0.0)
    first = f"c:{causes[0][0]}" if causes else entries[0]
    return HowToReading(terms, causes, entries, explained_share(first, terms, kb))


def explained_share(key: str, terms: frozenset[str], kb: KnowledgeBase) -> float:
    """How much of a how-to's terms the entry `key` ('c:ID', 'g:ID') names (a common term half)."""
    common = common_terms(kb)
    explained = sum(COMMON_TERM_SHARE if t in common else 1.0 for t in entry_names(kb).get(key, frozenset()) & terms)
    return explained / len(terms) if terms else 0.0


@per_base
def common_terms(kb: KnowledgeBase) -> frozenset[str]:
    """Terms in the names of more than FAMILY_SHARE of the causes (HTTP, the ICM: their codes
    are in most signs): they place a question in the domain, but show no entry of it."""
    causes = [n for key, n in entry_names(kb).items() if key.startswith("c:")]
    terms = {SAME_TERM.get(s, s) for s in DOMAIN_STEMS}
    return frozenset(t for t in terms if sum(t in n for n in causes) > FAMILY_SHARE * max(1, len(causes)))


def how_to_confidence(share: float) -> float:
    """How sure a how-to's answer is: the share of the question's domain terms the entry it
    answers with names (a common term counts half: it shows no entry), at most NAMED_CAP. The question names no entry — the entry is
    inferred from its terms — and confidence.py keeps 0.8 or more for answers that lead with
    what the text names; the router's fit (benchmarks/fit_router.py) sees no how-to (their
    confidence has no features), so nothing calibrates a higher value. Outside the domain: 0."""
    return round(NAMED_CAP * share, 3)


def is_outside(scope: Scope) -> bool:
    """The scope of a how-to outside the domain (howtoroute.in_the_domain)."""
    return scope.kind == "unknown" and scope.reason.startswith((OUTSIDE_REASON, TALK_OUTSIDE_REASON))

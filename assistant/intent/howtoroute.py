"""A how-to's answer decided by what it is about (the router's step after the intent stage).

In order:
0. A where-question about a thing an entry it names holds in its text ("where is the Cloud
   Connector log?") is answered from that entry (placequestion.py), at CUE_SHARE: the
   entry is named, the thing only found in its text.
1. A list question whose subject names nothing of the domain, or a bare how-to about a
   product whose entry covers only its trust or TLS (howtosubject.py), is outside.
2. A how-to about making the call itself — only the call's scheme (or a service over it:
   OData, SOAP, JSON), and a verb of calling — is answered from the set-up path
   (setupquestion.py); a SOAP web service's with its logical port's entry first.
   Such a question of another client (Java, Node.js …) is answered as that client's own
   set-up, with the base's entries for it (otherclientsetup.py).
3. Any other how-to is answered from the entries holding its domain terms; one naming none
   is outside (howtoterms.py) — unless a decisive or indicative cue of the scope vocabulary
   shows a kind of failure the base covers ("The gateway says Service not available. How do
   we activate the OData …?"): that stays, at half the share.

Outside: scope `unknown` with `OUTSIDE_REASON` (the adjacent kind the scope stage saw said
beside it), nothing ranked, confidence 0; answers.howto says what sapassist covers.
"""

from __future__ import annotations

from assistant.intent.howtosubject import list_subject_outside, product_how_to
from assistant.intent.howtoterms import (
    OUTSIDE_REASON,
    TALK_OUTSIDE_REASON,
    explained_share,
    read_how_to,
)
from assistant.intent.intents import IntentDecision
from assistant.intent.kbindex import says_it_fails
from assistant.intent.otherclientsetup import OTHER_CLIENT, client_entries, other_client_scope
from assistant.intent.parsing import ParsedText
from assistant.intent.placequestion import place_in_entry
from assistant.intent.ranking import Ranking
from assistant.intent.result import Scope
from assistant.intent.scope import CLASS_VALUE
from assistant.intent.scopevocab import INDICATIVE
from assistant.intent.setupquestion import (
    SETUP_ENTRY,
    SOAP_ENTRY,
    asks_for_the_set_up,
    names_soap,
    set_up_terms,
)
from assistant.kb.knowledge_base import KnowledgeBase

CUE_SHARE = 0.5  # a how-to whose kind a scope cue shows, but no domain term its entry
# The scope stage's kinds that name where an adjacent question lives (the RFC layer, another
# client): said in one line beside OUTSIDE_REASON, from the scope's own reason.
_ADJACENT = ("rfc_or_network", "other_client", "sap_server_inbound")

# The set-up path is the SAP system's own: not for a call another client or a caller of SAP makes.
_SAP_CALLS = ("sap_http_client", "unknown")

Routing = tuple[IntentDecision, Scope, Ranking]


def in_the_domain(
    decision: IntentDecision, scope: Scope, ranking: Ranking, parsed: ParsedText, kb: KnowledgeBase,
    talks_outside: bool = False, quoted: frozenset[str] = frozenset(),
) -> Routing:
    """The decision, scope and ranking of a how-to or list question, by what it is about;
    `talks_outside`: a question mid-topic about something else entirely (outsidetalk.py);
    `quoted`: the messages whose short text the text quotes. When the text reports a failure
    by its message (an id, an ICM constant or the short text), a where-question after it
    ("SM59 test fails with ICM_HTTP_SSL_PEER_CERT_UNTRUSTED. Where do I add the cert?") asks
    where to fix that failure: the message is diagnosed, not a place in the entry the question
    names (SM59) answered instead."""
    if talks_outside:
        return talked_outside(decision, ranking)
    placed = None if _shows_its_failure(parsed, quoted) else place_in_entry(decision, parsed, kb)
    if placed is not None:
        return (decision._replace(how_to=True, suggestions=[f"g:{placed.entry}"], how_to_share=CUE_SHARE,
                                  place_word=placed.word), scope, ranking._replace(messages=[], causes=[]))
    subject = list_subject_outside(decision, parsed)
    if subject is not None:
        return _outside(decision, scope, ranking, f"; what it asks about ({subject}) names none")
    if product_how_to(decision, parsed, kb):
        return _outside(decision, scope, ranking)
    if not decision.how_to:
        return decision, scope, ranking
    if SETUP_ENTRY in kb.glossary and scope.kind in _SAP_CALLS and asks_for_the_set_up(parsed):
        key = f"g:{SETUP_ENTRY}"
        share = explained_share(key, set_up_terms(parsed), kb)
        keys = [f"g:{SOAP_ENTRY}", key] if SOAP_ENTRY in kb.glossary and names_soap(parsed.raw) else [key]
        return (decision._replace(suggestions=keys, how_to_share=share), scope,
                ranking._replace(messages=[], causes=[]))
    if scope.kind == OTHER_CLIENT and asks_for_the_set_up(parsed):
        return (decision._replace(suggestions=client_entries(parsed.raw, scope, kb), how_to_share=CUE_SHARE),
                other_client_scope(scope), ranking._replace(messages=[], causes=[]))
    reading = read_how_to(parsed, ranking, decision.suggestions, kb)
    if not reading.terms and scope.strength >= CLASS_VALUE[INDICATIVE]:
        return decision._replace(how_to_share=CUE_SHARE), scope, ranking
    if reading.outside:
        return _outside(decision, scope, ranking)
    return (decision._replace(suggestions=reading.entries, how_to_share=reading.share), scope,
            ranking._replace(causes=reading.causes))


def _shows_its_failure(parsed: ParsedText, quoted: frozenset[str]) -> bool:
    """The text says something failed and names the failure's message (in_the_domain)."""
    named = bool(parsed.entities.message_ids or quoted)
    return named and says_it_fails(parsed.stems, parsed.normalized)


def talked_outside(decision: IntentDecision, ranking: Ranking) -> Routing:
    """A question mid-conversation about something else entirely (outsidetalk.py): answered as
    an outside how-to — what sapassist covers — with nothing ranked, so the topic stays."""
    routing = _outside(decision, Scope("unknown", TALK_OUTSIDE_REASON), ranking)
    return routing[0], Scope("unknown", TALK_OUTSIDE_REASON), routing[2]


def _outside(decision: IntentDecision, scope: Scope, ranking: Ranking, why: str = "") -> Routing:
    """Outside the domain: answered as an outside how-to, with the adjacent layer the scope saw."""
    adjacent = f"; it reads as about {scope.reason}" if scope.kind in _ADJACENT else ""
    as_how_to = decision._replace(how_to=True, about_terms=False, glossary=[], domain=None, suggestions=[],
                                  how_to_share=0.0)
    return as_how_to, Scope("unknown", OUTSIDE_REASON + why + adjacent), ranking._replace(messages=[], causes=[])

"""What a question is about, when its form says it is ours but its subject is not.

Two kinds of question carried the base's answer on their form alone:

- A list question ("which transactions do I need for HANA backups?", "what parameters
  matter for the SAP GUI?") was answered with the base's transactions or parameters at
  confidence 1.0. Its subject — what follows for, about, für, zu — decides: one that names
  no term of the domain (howtoterms.DOMAIN_WORDS), no word of a connection at all
  (abapsetting.speaks_of_a_connection: a host, an API, a logon, STRUST …) and no caller of
  the SAP HTTP client the scope vocabulary knows (abapGit) is outside. A
  subject that only points back ("for this error", "for it") is no subject.
- A bare how-to about a product ("how do I upgrade the Cloud Connector?", "how do I install
  the HANA client?") was answered with the glossary entry its name is an alias of. Such an
  entry covers the product's trust store or TLS settings only — its name stands in the entry's
  title before the subject ("SAP Cloud Connector — backend trust store") and is a cue of
  another client in the scope vocabulary (scopecues: the Cloud Connector, a HANA client) —
  so a how-to naming the product and no term of the domain is about the product at large:
  outside. With a term ("how do I import a certificate into the Cloud Connector?") or as a
  what-is question ("what is the Cloud Connector?") the entry answers; entries of the base's
  own objects (transactions, parameters, get_last_error) are no product's.
"""

from __future__ import annotations

import re

from assistant.intent import cues
from assistant.intent.abapsetting import speaks_of_a_connection
from assistant.intent.fuzzy import content_words, normalize, stem
from assistant.intent.german import english
from assistant.intent.howtoterms import DOMAIN_STEMS, domain_terms
from assistant.intent.intents import IntentDecision
from assistant.intent.parsing import ParsedText
from assistant.intent.scopecues import cues_in
from assistant.intent.scopevocab_types import OTHER, SAP
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import GlossaryEntry

# The subject of a list question: what follows its first "for", "about", "für", "zu" …
_SUBJECT = re.compile(r"\b(?:for|about|regarding|f(?:ü|ue)r|(?:ü|ue)ber|zu|zum|zur|bei)\s+(?P<subject>\S.*)$",
                      re.IGNORECASE | re.DOTALL)
# Words that point back to a failure already spoken of ("for this error", "für diesen Fehler"),
# and German articles (the stop words are English): no subject of their own.
_POINTING_BACK = frozenset(stem(w) for w in """error errors problem problems issue issues failure failures
    fehler problem der die das den dem des dies diese dieser diesen dieses""".split())
# Where a term entry's title turns from its product to its subject.
_PRODUCT_PART = re.compile(r" — |: ")
# What makes a how-to of a question that names a term (intents.asks_how_to's cue, its fix verbs).
_FIX = re.compile(r" (fix|fixes|fixing|solve|solving|resolve|repair|workaround|remedy) ")


def list_subject_outside(decision: IntentDecision, parsed: ParsedText) -> str | None:
    """A list question's subject that names nothing of the domain (None when it does, or
    when the question names none or one that points back: "for this error", "for it")."""
    if not decision.domain:
        return None
    m = _SUBJECT.search(parsed.raw)
    if m is None:
        return None
    subject = m.group("subject").strip().rstrip("?!. ")
    rendered = f"{subject} {english(subject)}"
    stems = {stem(w) for w in content_words(normalize(rendered))}
    if not stems - _POINTING_BACK or stems & DOMAIN_STEMS or speaks_of_a_connection(rendered):
        return None
    # a caller of the SAP HTTP client the scope vocabulary names ("for abapGit")
    return None if any(hit.scope == SAP for hit in cues_in(subject)) else subject


def product_how_to(decision: IntentDecision, parsed: ParsedText, kb: KnowledgeBase) -> bool:
    """A how-to about terms that are all products named (another client's cue), and no term
    of the domain beside them."""
    if not (decision.about_terms and decision.glossary) or domain_terms(parsed):
        return False
    if cues.HOW_TO.search(parsed.cue_text) is None or _FIX.search(parsed.cue_text):
        return False
    lowered = parsed.raw.lower()
    return all(_named_as_a_product(kb.glossary.get(gid), lowered) for gid in decision.glossary)


def _named_as_a_product(entry: GlossaryEntry | None, lowered: str) -> bool:
    """The text names this term entry only by its product: names in the part of its title
    before the subject ("SAP Cloud Connector — backend trust store", "Node.js:
    NODE_EXTRA_CA_CERTS") that the scope vocabulary reads as another client. A name of the
    subject ("Backend Trust Store", "NODE_EXTRA_CA_CERTS", "sslValidateCertificate") is not."""
    if entry is None or entry.kind != "term":
        return False
    product = _PRODUCT_PART.split(entry.title, maxsplit=1)
    if len(product) < 2:
        return False
    named = [n for n in dict.fromkeys((entry.id, *entry.aliases))
             if re.search(rf"(?<![\w.]){re.escape(n.lower())}(?![\w])", lowered)]
    return bool(named) and all(
        n != entry.id and n.lower() in product[0].lower() and any(hit.scope == OTHER for hit in cues_in(n))
        for n in named
    )

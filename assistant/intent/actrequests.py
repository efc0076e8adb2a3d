"""A turn that asks sapassist to act outside the conversation: "can you open a ticket at SAP
for me?", "send this to my colleague", "call the vendor", "kannst du ein Ticket aufmachen?".

sapassist reads, answers and runs live checks from this machine; it contacts no one. Read as
a report, such a turn's words meet causes by chance ("open" in "could not be opened") and the
answer is the verdict again with a section nobody asked for. It is a request of its own kind
(`Routed.asks`: ACT): the answer says plainly what sapassist can and cannot do, and the topic
stays as it was (nextstate).

Structural: a request addressed to the assistant (an imperative, or "can you …", "please …",
"kannst du …") whose verb contacts a party (a person, a team, a company: SAP, a colleague, the
vendor) or opens a ticket. A question asking advice ("should I open a ticket?"), a report of
what was done ("we called the vendor") or a call of the domain ("call the API") is none.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

ACT = "act"  # the Routed.asks value
MAX_WORDS = 20  # a longer text is a report, whose "contact SAP" tells its story

# Who is asked: the assistant, by an imperative or "can you" / "please" / "kannst du".
_TO_THE_TOOL = (r"^\W*(?:(?:ok|okay|then|and|so|now|also|dann|und)\W+)?(?:(?:please|pls|bitte)\W+)?"
                r"(?:(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?"
                r"|(?:kannst|könntest|koenntest)\s+du\s+(?:bitte\s+|mal\s+)*"
                r"|(?:können|koennen|könnten|koennten)\s+sie\s+(?:bitte\s+)*)?")
# The parties contacted: people, teams and companies (not a server, an API or a service).
_PARTY = (r"(?:SAP|colleagues?|co-?workers?|vendors?|suppliers?|providers?|partners?|support|help\s*desk|"
          r"service\s*desk|team|admins?|administrators?|managers?|boss|customers?|him|her|them|someone|"
          r"somebody|anyone|people|kolleg\w*|hersteller\w*|lieferant\w*|anbieter\w*|partner\w*|"
          r"chef\w*|jemand\w*|ihn|sie)"
          # … not a thing of theirs the call reaches: "the partner server", "the vendor's API".
          r"(?!(?:'s)?\W+(?:server|system|host|api|url|endpoint|service|site|side|certificate|port|proxy)\b)")
_CONTACT_VERBS = (r"(?:call|phone|ring|contact|e-?mail|mail|message|notify|inform|tell|ask|escalate\s+(?:it|this)\s+to|"
                  r"forward\s+(?:it|this|that|the\s+\w+)\s+to|send\s+(?:it|this|that|the\s+\w+)\s+to|"
                  r"write\s+(?:to|an)|reach\s+out\s+to|schick\w*|send\w*|leite\w*|ruf\w*|kontaktier\w*|"
                  r"informier\w*|frag\w*|schreib\w*)")
_TICKET = r"(?:ticket|incident|support\s+case|case|OSS(?:\s+message)?|customer\s+message|service\s+request)"
_OPEN_VERBS = r"(?:open|create|raise|file|log|submit|make|eröffne\w*|erstelle?\w*|mach\w*|leg\w*)"
_REQUEST = LazyPattern(
    _TO_THE_TOOL + r"(?:" + _CONTACT_VERBS + r"\b(?:\W+\w+){0,4}?\W+" + _PARTY + r"\b"
    + r"|" + _OPEN_VERBS + r"\b(?:\W+\w+){0,3}?\W+" + _TICKET + r"\b"
    + r"|(?:\w+\W+){0,3}?" + _TICKET + r"\b(?:\W+\w+){0,3}?\W+(?:aufmachen|eröffnen|eroeffnen|öffnen|oeffnen|anlegen|"
    + r"erstellen|aufgeben)\b)",
    re.IGNORECASE,
)


def asks_to_act(raw: str) -> bool:
    """The turn asks the assistant to contact someone or open a ticket (see the module)."""
    text = raw.strip()
    return bool(text) and len(text.split()) <= MAX_WORDS and bool(_REQUEST.search(text))

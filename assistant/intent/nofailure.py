"""A question that reports no failure is no failed call of any kind (a rule of the scope stage).

The scope kinds are kinds of failed calls. Many longer posts name products, destinations, RFC
users and connection words while nothing failed: they ask how to do something ("which role
should I assign to the RFC user in SM59?", "where can I store the credentials?"), which way or
option to take ("please suggest the steps"), or whether something is supported or possible at
all ("is this feature supported?", "whether this type of connection is even possible"). An
expert reads such a post as a how-to or a product limit — `unknown` — not as the failure of
whichever client its words name. A text states a failure when it says that a call failed
(failedcall.py), shows a status or a refusal, or names any failure at all: an error, an
exception, a dump, something that does not work, is rejected, is not found or not available,
is wrong or should be used instead, a message it quotes ("it reports 'database server not
found'").

So a post (POST_WORDS words or more of its own — greetings, thanks and sign-offs not counted,
courtesy.py: a question of a sentence or two typed here has the chat's subject as its setting
and keeps rule 7) written in English that states no failure and asks
how, which, where or whether, counts no evidence below decisive: a text only one kind of
failure prints still decides. "Not possible" and "not supported" are how a product limit is
stated and are no failure here.

The reading of a failure here is wider than failedcall.py's on purpose: there a *call* must
fail (a set-up error beside product names is none, scopenames.py), here *anything* reported
as failing — a dump, a blank tile, an expired certificate, a password prompt — makes the text
a report of a problem rather than a how-to. (Widening failedcall.py's reading the same way for
scopenames.py moved 7 dev routes: 2 to the right kind, 5 away from it.) On the dev reports the rule fires on
six longer questions, all labelled `unknown` and all SAP Community threads (an RFC user's
roles in SM59, AL11 files to Cloud Integration, credentials of an automation script,
Datasphere over ODBC, an SAC import connection to HANA Cloud, destination properties read in
BTP ABAP), five of which it fixed, and none of another kind.
"""

from __future__ import annotations

import re

from assistant.intent.courtesy import own_words
from assistant.intent.failedcall import read_in_english, reports_a_failed_call
from assistant.intent.hosts import without_url_paths
from assistant.intent.kbindex import says_it_fails
from assistant.intent.parsing import ParsedText
from assistant.intent.scopecues import windowed
from assistant.intent.scopetally import Tally
from assistant.lazyre import LazyPattern

# A question typed in the chat is a sentence or two ("how can I make our outbound calls use TLS
# 1.2 only, which parameter …?", some twenty-five words); a forum post that asks how or whether
# carries its setting and context around the question: a paragraph. Counted without courtesy
# ("Hello experts, … Thanks in advance for any hints." is eight words of none): 40 with it
# before, 35 without, which moved no dev route.
POST_WORDS = 35
NO_FAILURE_REASON = (
    "the text asks how to do something, which setting to take or whether it is possible, and reports no failed "
    "call: no error, status, refusal or dump"
)
# Words and phrases that state a failure of any kind (beside a failed call).
_FAILURE_STATED = LazyPattern(
    r"\b(?:errors?|exceptions?|(?:short ?)?dumps?|dumped|fail\w*|crash\w*|abort\w*|warnings?"
    r"|wrong\w*|instead|incorrect\w*|invalid\w*|troubles?|problems?|issues?|bugs?"
    r"|not working|rejected|refus\w*|denied|forbidden|unauthori[sz]ed|no longer|stuck|broken|hangs?|hung"
    r"|timed? ?out|times out|timeouts?|missing|ignored|blank|empty"
    r"|stop (?:working|responding)|no data|(?:get|got|gets|getting) nothing|nothing (?:comes|came)"
    r"|nothing happen\w*|stop(?:s|ped)|expired|too (?:long|slow)|sy-subrc\W{0,4}[1-9]"
    # an unexpected logon: a sign-in form or password popup where SSO or a token should log on
    r"|(?:sign[- ]?in|log[- ]?on|log[- ]?in|password|credentials?) (?:form|page|popup|pop-up|prompt|dialog)"
    r"|(?:asks?|asking|prompts?|prompted) (?:me |us )?(?:again )?for (?:the |a |my |our )?(?:user|password|credential|log)"
    r"|(?:does|did|do|is|was|are|were|will|would|has|have)(?:n't| not) (?:\w+ )?(?:to )?"
    r"(?:work|succeed|come|arrive|load|respond|connect|open|start|show|appear|run|get|reach)\w*"
    r"|(?:unable|cannot|can ?not|can't|couldn't|could not|not able) (?:to )?(?:\w+ )?(?:access|connect|reach|open"
    r"|load|log|sign|call|send|receive|fetch|get|use|start|run|publish|deploy|save|create|activate)\w*"
    r"|(?:do|does|did)(?:n't| not) have (?:the |any )?(?:permission|authori[sz]ation|access)"
    r"|not (?:found|available|accessible|reachable|loaded|recogni[sz]ed|initiali[sz]ed|allowed|valid|trusted"
    r"|responding|displayed|shown))\b"
    # a message quoted as what the program said ("it reports 'database server not found'")
    r"|\b(?:reports?|says?|shows?|returns?|displays?|gives?|gets?|got|getting|receiv\w*|throws?|prompted)"
    r"\s+(?:(?:the|an?|this|following|message|text|with|me)\s+){0,3}[\"'“‘]",
    re.IGNORECASE,
)
# A question of how, which, where or whether: a how-to, a choice, a product's limit.
_ASKS_HOW_OR_WHETHER = LazyPattern(
    r"\bhow (?:to|do|does|can|could|should|would|shall)\b"
    r"|\bwhich \w+(?: \w+)? (?:should|shall|do|does|can|could|must|would|to|is needed|are needed)\b"
    r"|\bwhere (?:can|do|does|should|could|would|shall|to)\b"
    r"|\b(?:if|whether) (?:\w+ ){0,6}(?:is|are) (?:even |also )?(?:possible|supported|feasible)\b"
    r"|\bis (?:it|this|that|there) (?:\w+ ){0,3}(?:possible|supported|feasible)\b"
    r"|\bis there (?:a|an|any) (?:\w+ )?(?:way|option|setting|procedure|documentation|document|guide|note)s?\b"
    r"|\bwhat (?:is|are) the (?:best|right|correct|recommended|proper|steps|process|procedure|options?|ways?)\b"
    r"|\bbest practices?\b|\b(?:supported|possible) (?:ways?|options?)\b"
    r"|\b(?:please|kindly|pls) (?:\w+ ){0,2}(?:guide|suggest|advise|provide|share|explain|let me know)\b"
    r"|\bany (?:sap )?(?:documents?|documentation|notes?|guides?|guidance)\b",
    re.IGNORECASE,
)


def states_a_failure(text: str) -> bool:
    """The text says that something failed (module docstring): a failed call, a status or a
    refusal, or any failure word or quoted message."""
    readable = without_url_paths(windowed(text)).replace("_", " ")  # a URL's path is a name, not words
    return reports_a_failed_call(text) or _FAILURE_STATED.search(readable) is not None


def asks_how_or_whether(text: str) -> bool:
    """The text asks how to do something, which one to take, where, or whether it is
    supported or possible."""
    return _ASKS_HOW_OR_WHETHER.search(" ".join(windowed(text).split())) is not None


def a_question_without_a_failure(parsed: ParsedText) -> bool:
    """A post in English (POST_WORDS words or more) that asks how or whether and
    states no failure — also not in the router's own reading of one (kbindex.says_it_fails:
    "stopped working", a typo of "error"): no failed call of any kind (module docstring)."""
    text = parsed.raw
    if own_words(text, POST_WORDS) < POST_WORDS or not read_in_english(text):
        return False
    if not asks_how_or_whether(text) or says_it_fails(parsed.stems, parsed.normalized):
        return False
    return not states_a_failure(text)


def question_without_a_failure(parsed: ParsedText, tally: Tally) -> bool:
    """Apply the rule: in a question that states no failure, every piece of evidence below
    decisive counts nothing (the families stay, so the report is still no SAP HTTP-client
    one). True when the rule applied: rule 7's situation does not hold either."""
    if not a_question_without_a_failure(parsed):
        return False
    tally.only_decisive()
    return True

"""Does the text report a failed call at all? (a question of the scope stage)

The scope kinds are kinds of failed calls: a client, a target, a failure of the call between
them. Many reports name other clients' products and words of a call while what failed is
something else: a deployment refused for its descriptor ("Unsupported module type"), an
input the UI rejected ("Invalid subaccount"), a template whose "connection … is not known",
a system list that stays empty. A word of a call there ("connection", "URL") is no failure
of one. A text reports a failed call when, in one sentence and a few words apart, a word of
a call (connect, request, response, logon, handshake, certificate, URL, host, token …)
meets a word of its failure (failed, error, unable, cannot, does not work, refused, timed
out, not found …) — "the OData request fails", "not able to connect", "Failed to fetch"
— or when the text shows a refusal or a status by itself (401, "forbidden", "connection
reset", "unreachable"). Words glued by a UI copy ("StatusFailed to connect") are split; a
URL's path is a resource's name, not words of the text; a failure whose subject is a
deployment, build, installation or generation ("failed to deploy", "build failed") is that
step's, and pairs with no call word; so is a tool's own error raised before any call (a
KeyError, a TypeError on undefined, a parameter missing: toolerror.py), whose sentence is
read out. scopenames.py asks this of a report
whose other-client evidence is product names alone.

A failed *connection* is the narrower case: the connect itself failed or was refused ("Fail
to Connect …", "some connections have been refused", "could not connect") — a network step
of whichever client made it (`failed_connection_outside_abap`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.intent.hosts import without_url_paths
from assistant.intent.logtimes import without_log_lines, without_timestamps
from assistant.intent.scopecues import windowed
from assistant.intent.scopevocab_types import OTHER, WEAK
from assistant.intent.toolerror import is_tool_error
from assistant.intent.toolerror import without_tool_errors as without_tool_errors_in
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.scopetally import Tally
    from assistant.intent.weights import Weights

CONNECTION_OUTSIDE_ABAP = "a connection of a client outside the ABAP system failed, by the situation described"

GAP = 6  # words at most between a call's word and its failure's word in one sentence

_CALL = (
    r"(?:connect\w*|disconnect\w*|prox(?:y|ies)|network\w*|sockets?|firewalls?|requests?|calls?|called|calling"
    r"|respons\w*|repl(?:y|ies)|send\w*|sent|receiv\w*|reach\w*|fetch\w*|retriev\w*|consum\w*|access\w*"
    r"|log ?on|log ?in|logging (?:on|in)|sign[- ]?(?:in|on)|authenticat\w*|handshake|ssl|tls|certificat\w*|certs?|urls?|uris?"
    r"|endpoints?|host ?names?|hosts?|ports?|dns|resolv\w*|tunnel\w*|webhooks?|tokens?|apis?|download\w*|upload\w*)"
)
_NEGATED_STEP = r"(?:work\w*|succeed\w*|come|arrive|get|reach\w*|respond\w*|load\w*|connect\w*|open\w*|answer\w*)"
_FAILURE = (
    r"(?:fail\w*|errors?|unable|cannot|can ?not|can't|couldn't|could not|not able|not found"
    r"|(?:does|did|do|is|was|are|were|will|would)(?:n't| not) " + _NEGATED_STEP + r"|not working"
    r"|refus\w*|reset|timed? ?out|times out|timeouts?|blocked|denied|broken|lost|unreachable|not reachable"
    # a call cut off midway: "the upload stops halfway", "breaks off during the handshake"
    r"|interrupted|abort(?:s|ed)?|stop(?:s|ped)|break(?:s|ing)? off|broke off"
    r"|no (?:response|answer|reply)|hangs?)"
)
_BETWEEN = rf"\W+(?:\w+\W+){{0,{GAP}}}?"
_CALL_FAILED = LazyPattern(rf"\b{_CALL}\b{_BETWEEN}{_FAILURE}\b|\b{_FAILURE}\b{_BETWEEN}{_CALL}\b", re.IGNORECASE)
# A refusal or a status that is a failed call by itself (a port such as ":443" is none).
_REFUSAL = LazyPattern(
    r"(?<![:\w.])(?<!port )[45]\d\d(?![\w.])|\b(?:unauthori[sz]ed|not authori[sz]ed|forbidden|(?:access|permission) denied"
    r"|refused|unreachable|no (?:\w+ )?(?:certificates?|connection|response|reply|answer)"
    r"|connection (?:reset|closed|lost|aborted)|timed out)\b",
    re.IGNORECASE,
)
_CONNECTION_FAILED = LazyPattern(
    r"\b(?:fail(?:ed|s|ure)?|unable|cannot|can ?not|can't|couldn't|could not|not able) (?:to )?connect\w*"
    r"|\bconnect(?:ion|ions|ing)? (?:\w+ ){0,2}(?:failed|refused|reset|timed out|lost|aborted)\b",
    re.IGNORECASE,
)
# Distrust as a call's symptom: SCLNT_HTTP421's short text "SSL certificate not trusted", the
# SapSSL code SSSLERR_PEER_CERT_UNTRUSTED (both in the base's catalogue). Not in _FAILURE: the
# scope stage does not read it (a symptom for the answer, no new evidence of who failed).
_CALL_UNTRUSTED = LazyPattern(
    rf"\b{_CALL}\b{_BETWEEN}(?:not trusted|untrusted)\b|\buntrusted\b{_BETWEEN}{_CALL}\b",
    re.IGNORECASE, literals=("trusted",),
)
_SENTENCE_BREAK = LazyPattern(r"[!?\n;]|\.(?=\s|$)")
# "StatusFailed" as a UI copy glues a label and its value. Case carries meaning here: the
# capital is the only mark of the boundary, which a text in one case ("statusfailed") has lost.
_GLUED = LazyPattern(r"(?<=[a-z])(?=[A-Z][a-z])")
# A failure whose own subject is a deployment, a build, an installation or a generation step
# ("Failed deployment after authentication setup", "[GenerationFailed] : Did not receive …")
# is that step's failure: the call word beside it is its context, not what failed. Read
# without it, a sentence still reports a failed call when another failure meets a call word.
_OPERATION = r"(?:deploy\w*|build\w*|install\w*|generat\w*|compil\w*)"
_OPERATION_FAILED = LazyPattern(
    rf"\b(?:fail(?:ed|s|ing)?|unable|cannot|can't|couldn't|could not|not able) (?:to )?{_OPERATION}\b"
    rf"|\b{_OPERATION} (?:\w+ ){{0,3}}?fail\w*",
    re.IGNORECASE,
)


def _readable(text: str) -> str:
    """A long paste's head and tail (where the errors sit), its URLs' paths blanked: a path is
    a resource's name ("…/token/unauthorized"), not a word of the text; and its log's
    timestamps ("10:15:04,550" holds no 5xx: logtimes.py)."""
    return without_timestamps(without_url_paths(windowed(text)))


def _sentences(text: str, *, without_tool_errors: bool = False) -> list[str]:
    """The text's sentences, glued words split; with `without_tool_errors`, not those that are
    a tool's own error (toolerror.py), judged on their own spelling (identifiers intact)."""
    sentences = _SENTENCE_BREAK.split(text)
    if without_tool_errors:
        sentences = without_tool_errors_in(sentences)
    return [_GLUED.sub(" ", sentence.replace("_", " ")) for sentence in sentences]


def reports_a_failed_call(text: str) -> bool:
    """The text says a call failed, or shows a refusal or status by itself (module docstring).
    A sentence that is a tool's own error is read out: its words of a call ("the response",
    "the token") are its context, as a deploy's are."""
    text = _readable(text)
    if _REFUSAL.search(text):
        return True
    return any(_CALL_FAILED.search(_OPERATION_FAILED.sub(" ", sentence))
               for sentence in _sentences(text, without_tool_errors=True))


def states_a_tool_error(text: str) -> bool:
    """One of the text's sentences is a tool's own error, raised before any call (toolerror.py)."""
    return any(is_tool_error(sentence) for sentence in _SENTENCE_BREAK.split(_readable(text)))


def names_a_symptom(text: str, quoted: frozenset[str]) -> bool:
    """The text names its failure by the symptom, with no verb of failing needed: a message's
    short text it quotes (`quoted`: "SSL certificate not trusted", SCLNT_HTTP421's), a refusal,
    a timeout or a status that is a failed call by itself ("connection refused", "timed out"),
    or a word of a call said to be untrusted ("certificate not trusted").
    "abapGit: certificate not trusted … we imported the root CA into ANONYM" reports a
    problem; it is no question about the PSE it names."""
    if quoted or reports_a_failed_call(text):
        return True
    return any(_CALL_UNTRUSTED.search(sentence) for sentence in _sentences(_readable(text)))


def reports_a_failed_connection(text: str) -> bool:
    """The text says the connect itself failed or was refused."""
    return any(_CONNECTION_FAILED.search(sentence) for sentence in _sentences(_readable(text)))


def failed_connection_outside_abap(text: str, tally: Tally, w: Weights, *, in_abap: bool) -> None:
    """Who failed, when no cue says: a report (`scope_report_words` words or more) of a failed
    connection that nothing places in an ABAP system, with no evidence for any kind, is the
    connection of the client the reporter runs — a desktop client, a build's tooling —
    another client's, as weak evidence. Rule 7's mirror: there the ABAP setting makes causes
    of the base the SAP client's; here the connect failed and no ABAP word is near. On the dev
    reports: a Business One desktop client that "Fail[s] to Connect" to its landscape
    directory, a tutorial's build whose "connections have been refused"."""
    if in_abap or any(tally.families.values()) or not reports_a_failed_connection(text):
        return
    tally.add(OTHER, "situation", w.scope_weak, CONNECTION_OUTSIDE_ABAP, None, WEAK)


# Function words of English that German, Spanish, French and Portuguese texts do not use.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the is are was were i we to of and when with this that not it my our have has".split()
)
ENGLISH_SHARE = 0.1  # of a text's words: English prose has three to five times as many
_WORDS = LazyPattern(r"\w+")


def read_in_english(text: str) -> bool:
    """The failure words above are English: a text written in another language (a German
    blog, a Japanese post with a product's name in Latin letters) is read by its words of a
    call alone, as before this module — and so is a pasted log with little prose (about one
    dev report in eight), which is the conservative side: its names keep counting."""
    words = _WORDS.findall(without_log_lines(windowed(text)).lower())  # a log's lines are the program's words
    return bool(words) and sum(word in _ENGLISH_FUNCTION_WORDS for word in words) >= ENGLISH_SHARE * len(words)

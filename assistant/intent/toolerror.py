"""A tool's own error, raised before any request was sent (a question of the scope stage).

Why: the commonest fresh failure of the router (docs/research/fresh_failures.md, class T)
is a report whose only failure is the tool's own: a script's KeyError on a header it
expected, an IDE plug-in's TypeError on undefined, a service not found in a catalogue list,
a parameter missing from a pipeline's configuration. Words of a call around it ("the
response", "the token", "connect") are its context, not a failed call; the scope kinds are
kinds of failed calls, so such a report is `unknown` unless decisive evidence decides.

A sentence is such an error when it holds a marker of one and no word of a connection:

- a runtime's programming error, in the wording of its documented catalogue: V8's
  "Cannot read properties of undefined (reading 'x')" and the older "Cannot read property
  'x' of undefined", "x is not a function", "x is not defined"
  (https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Errors/Unexpected_type,
  …/Errors/Not_a_function, …/Errors/Not_defined); Python's KeyError, AttributeError ("object
  has no attribute"), NameError (https://docs.python.org/3/library/exceptions.html); Java's
  NullPointerException (https://docs.oracle.com/javase/8/docs/api/java/lang/NullPointerException.html);
  a file the tool reads that is not there: Node's ENOENT "no such file or directory"
  (https://nodejs.org/api/errors.html#common-system-errors), Python's FileNotFoundError, Java's
  FileNotFoundException (https://docs.oracle.com/javase/8/docs/api/java/io/FileNotFoundException.html);
- a configuration or validation error that names what it is about: a property, parameter,
  option, key, field or file missing, required or of an invalid value; a thing "not found
  in" a place (a list, a file, a catalogue). Not "not available in": on the dev reports it
  is as often a server's service not activated (labelled so) as a set-up state.

"No word of a connection" is the brief's test of the error itself: no URL, no host:port, no
status number, no TLS, certificate, proxy, socket, network, host, port, DNS or refusal word.
A quoted name ('x-csrf-token', (reading 'url')) is a name, not a word of the text: it is read
out first. A program's identifier is read by its parts (javax.net.ssl.SSLHandshakeException
holds "ssl" and "handshake", HTTP_COMMUNICATION_FAILURE "http"; oModel.getServiceUrl and
/IWFND/MAINT_SERVICE hold none).
Java's "unable to find valid certification path" and Node's UNABLE_TO_GET_ISSUER_CERT_LOCALLY
are connection failures and hold no marker here.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_CONFIG_NOUN = (
    r"(?:propert(?:y|ies)|parameters?|options?|keys?|fields?|arguments?|attributes?|settings?|variables?"
    r"|values?|entr(?:y|ies)|files?)"
)
# Markers of the tool's own error. Python's and Java's class names may arrive split at their
# capitals ("Key Error": failedcall.py reads glued words apart), so a space is allowed there.
_MARKER = LazyPattern(
    r"\bcannot (?:read|set) propert(?:y|ies) (?:\S+ )?of (?:undefined|null)\b"
    r"|\bis not (?:a function|a constructor|defined|iterable)\b|\bundefined is not an object\b"
    r"|\bkey ?error\b|\battribute ?error\b|\bhas no attribute\b|\bname ?error\b|\bnull ?pointer ?exception\b"
    r"|\bno such file or directory\b|\bENOENT\b|\bfile ?not ?found ?(?:error|exception)\b"
    rf"|\b(?:required|missing|unknown) {_CONFIG_NOUN}\b|\b{_CONFIG_NOUN} missing\b"
    rf"|\b{_CONFIG_NOUN}(?: \S+)? (?:is|are) (?:missing|required|not set|not defined)\b"
    r"|\bnot (?:found|defined|listed) in\b|\binvalid value (?:for|of)\b",
    re.IGNORECASE,
)
# A URL, a host with its port (not a source file's line: "Reader.java:57") or a status number.
_ADDRESS = LazyPattern(
    r"\b[a-z][\w+.-]*://|\b[\w-]+(?:\.[\w-]+)*(?<!\.java)(?<!\.js)(?<!\.ts)(?<!\.py)(?<!\.go)(?<!\.kt):\d{2,5}\b"
    r"|(?<![\w.:-])[45]\d\d(?![\w.-])",
    re.IGNORECASE,
)
# A quoted name: one token in quotes ('x-csrf-token', (reading 'url')); a quoted phrase is a message.
_QUOTED_NAME = LazyPattern(r"'[^'\s]{1,120}'|\"[^\"\s]{1,120}\"|`[^`\s]{1,120}`")
# Where an identifier's parts meet: a separator, or a capital after a small letter or before one
# ("javax.net.ssl", "HTTP_COMMUNICATION_FAILURE", "SSLHandshakeException", "getServiceUrl").
_IDENTIFIER_JOINT = LazyPattern(r"[._/$-]|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_CONNECTION_WORD = LazyPattern(
    r"\b(?:connect\w*|disconnect\w*|prox(?:y|ies)|sockets?|network\w*|firewalls?|hosts?|host ?names?|ports?|dns"
    r"|https?|ssl|tls|handshake|certificat\w*|certs?|trust\w*|pse|strust|sm59|icm|status|time ?outs?|timed out"
    r"|refused|reset|unreachable|e(?:conn\w+|notfound|timedout|addrinuse)|unauthori[sz]ed|forbidden|denied)\b",
    re.IGNORECASE,
)


def is_tool_error(sentence: str) -> bool:
    """The sentence is a tool's own error (module docstring): a marker, and no word of a
    connection once quoted names and identifiers are read out."""
    if not _MARKER.search(sentence) or _ADDRESS.search(sentence):
        return False
    return not _CONNECTION_WORD.search(_IDENTIFIER_JOINT.sub(" ", _QUOTED_NAME.sub(" ", sentence)))


def only_tool_errors(text: str) -> bool:
    """Every line of the text is a tool's own error ("Error: missing parameter client in
    config"): the markers are the error's own English words, so a text that is the error alone
    needs no prose to tell its language."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(is_tool_error(line) for line in lines)


# A sentence that introduces the error on the next line ("… and stops with", "fails with the error:").
_INTRODUCES = LazyPattern(r"(?::|\bwith(?: (?:the|this|an?) (?:error|exception|message))?)\s*$", re.IGNORECASE)


def without_tool_errors(sentences: list[str]) -> list[str]:
    """The sentences that are no tool's own error. A sentence that only introduces such an
    error on the next line ("the script reads the response and stops with") is read as one
    sentence with it, and goes with it when the two together hold no word of a connection."""
    kept: list[str] = []
    for sentence in sentences:
        if not is_tool_error(sentence):
            kept.append(sentence)
        elif kept and _INTRODUCES.search(kept[-1]) and is_tool_error(f"{kept[-1]} {sentence}"):
            kept.pop()
    return kept


# A program's own lines: a traceback's header and frames, Java's "at …(" frames, indented code.
_PROGRAM_LINE = LazyPattern(
    r"^(?:[ \t]*(?:Traceback \(most recent call last\)|File \"|at [\w$.<>]+\()|(?: {4}|\t))[^\n]*\n?", re.MULTILINE
)


def without_program_lines(text: str) -> str:
    """`text` without a traceback's and a code block's lines, which are the program's words,
    not the reporter's: what is left tells the language the report is written in."""
    return _PROGRAM_LINE.sub("", text)


# A line's sentences, as `is_tool_error` reads them: a break at ! ? ; or a full stop before a space.
_LINE_SENTENCE_BREAK = LazyPattern(r"[!?;]|\.(?=\s|$)")


def tool_error_line(text: str) -> tuple[str, str] | None:
    """The first line of `text` holding a tool's own error, and that error's sentence in it
    (the line whole is what the report shows; the sentence is the error when the line runs
    on with the reporter's words). None when no line holds one."""
    for line in text.splitlines():
        sentence = next((s for s in _LINE_SENTENCE_BREAK.split(line) if is_tool_error(s)), None)
        if sentence is not None:
            return line.strip(), sentence.strip()
    return None


def quoted_names(sentence: str) -> list[str]:
    """The names a tool's error quotes ('x-csrf-token', (reading 'credentials')), in order."""
    return [m.group(0)[1:-1] for m in _QUOTED_NAME.finditer(sentence)]

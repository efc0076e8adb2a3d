"""Plain English descriptions of a failure, in the words the base's signs use.

Admins often describe a failure without its usual words: "the call hangs", "SM59 runs for
a minute and then fails" (a time-out); "their cert is no longer valid" (expired); "the
certificate is issued for another name" (host name mismatch); "the partner requires
two-way SSL" (mutual TLS); "after the renewal of the partner's certificate", "issued by a
different CA" (the far side's new certificate or CA, not yet trusted); "fails every third
call", "sporadically" (intermittent); "fails in the background job" (another application
server or user); "works in Postman" (another client's path works); "works with the IP
address but not with the host name" (the name is not resolved). The signs of the base
say "timed out", "certificate expired", "host name mismatch", "mutual TLS", "renewed their
certificate", "intermittent", "one app server", "S_ICF", "works in the browser", "host
unknown". Like the German and Romance renderings (german.py, romance.py), each description
found is rendered in those words and appended to what the router reads; nothing else of
the text changes.
"""

from __future__ import annotations

import re

from assistant.intent import contrastwords, farsidewords, instancewords
from assistant.intent.scopecues import windowed
from assistant.lazyre import LazyPattern

_DURATION = r"(?:\d+|a|one|two|three|five|ten|few|several|some) ?(?:secs?|seconds?|mins?|minutes?)"
_ENDING = r"(?:fail\w*|error\w*|cancel+(?:s|ed|ing)?|abort\w*|stop\w*|ends?|ended|dump\w*|breaks?|broke|terminat\w*)"
_ABOUT = r"(?:about |around |approx\.? |nearly |almost |some )?"
# (Each pattern names the literals one of which every match holds: a long paste without
# them is not scanned at all.)
_WAITED = LazyPattern(
    r"\b(?:hangs?|hanging|hung|freez(?:es|ing)|frozen)\b(?! up)"  # "socket hang up" is a reset
    r"|\bwait(?:s|ing|ed)? (?:forever|endlessly|indefinitely)\b"
    r"|\b(?:takes?|taking|took) (?:forever|ages|(?:very |too |so |really )?long)\b"
    r"|\bnever (?:returns|answers|responds|comes back|completes|finishes)\b"
    r"|\b(?:gets?|got|getting|receives?|received|there is|there's|but|and|with|gives?|gave|giving|returns?|returned"
    r"|sends?|sent) no (?:response|answer|reply)\b"
    r"|\bno (?:response|answer|reply) (?:from|at all|received|comes|came)\b"
    r"|\bkeine (?:Antwort|Rückmeldung|Rueckmeldung)\b"
    r"|\b(?:does not|doesn't|did not|didn't) (?:respond|answer|reply)\b",
    re.IGNORECASE,
    literals=("hang", "hung", "freez", "frozen", "forever", "endless", "indefinite", "ages", "long", "never",
              "response", "answer", "reply", "respond", "keine "),
)
# Who gives no answer: a time-out needs the call's side ("the server gives no answer", "no
# response from the partner's API"); a person, a forum or a ticket that got none is no call
# ("I got no answer from SAP support", "posted it in the forum, no answer there").
_NO_ANSWER = LazyPattern(r"\b(?:response|answer|reply|respond|Antwort|Rückmeldung|Rueckmeldung)\b", re.IGNORECASE,
                         literals=("response", "answer", "reply", "respond", "antwort", "ckmeldung"))
_ASKED_BEFORE = LazyPattern(
    r"\b(?:support|forum|thread|ticket|incident|community|posted|post|asked|question|mail|e-mail|email|wrote)\b",
    re.IGNORECASE,
    literals=("support", "forum", "thread", "ticket", "incident", "community", "post", "asked", "question", "mail",
              "wrote"),
)
_PERSON_AFTER = LazyPattern(
    r"^\W*(?:yet\b|so far\b|there\b|here\b|bisher\b|(?:from|by|on|in|vom|von|im|in der) (?:the |our |my |any |dem |der )?(?:"
    r"support|forum|thread|ticket|community|colleagues?|team|anyone|anybody|someone|somebody|maintainers?|you"
    r"|SAP(?! (?:system|server|backend|back end|gateway|host|instance|side|PI|PO|BTP|router|web dispatcher))))",
    re.IGNORECASE,
)
_WAITED_FOR = LazyPattern(
    rf"\b(?:after|for|takes?|took|runs? for|running for|waits? for|waiting for) {_ABOUT}{_DURATION}\b[^.\n]{{0,40}}\b{_ENDING}"
    rf"|\b{_ENDING}\b[^.\n]{{0,30}}\bafter {_ABOUT}{_DURATION}\b",
    re.IGNORECASE,
    literals=("sec", "min"),
)
_CERT = r"\b(?:cert|certs|certificates?)\b"
_LAPSED = LazyPattern(
    rf"{_CERT}[^.\n]{{0,40}}\b(?:(?:is|are|was|were) no longer valid|(?:is|are) out of date|ran out|has run out|(?:has )?lapsed)\b"
    rf"|\b(?:outdated|out-of-date|lapsed) {_CERT}",
    re.IGNORECASE,
    literals=("cert",),
)
_OTHER_NAME = LazyPattern(
    rf"{_CERT}[^.\n]{{0,50}}\b(?:for|to|with|on|has|shows) (?:a |an )?(?:different|other|another|wrong) "
    r"(?:host ?name|name|domain|CN|common name)\b"
    rf"|\bname (?:in|of|on) the {_CERT} (?:does not|doesn't|is not|isn't|did not|didn't) (?:match|fit|the same)\b",
    re.IGNORECASE,
    literals=("cert",),
)
_TWO_WAY = LazyPattern(
    r"\b(?:two|2)[- ]way (?:SSL|TLS)\b|\bmutual (?:SSL|authentication)\b|\bTLS client authentication\b",
    re.IGNORECASE,
    literals=("way ssl", "way tls", "mutual", "client authentication"),
)
_NOW_AND_THEN = LazyPattern(
    # a failure that comes and goes: "fails intermittently", "every third call", "from time
    # to time", "sometimes works, sometimes not"
    r"\b(?:intermittently|sporadically|occasionally|randomly|now and then|from time to time|off and on|on and off)\b"
    r"|\bevery (?:second|third|fourth|fifth|few|other|\d+(?:st|nd|rd|th)?) (?:call|calls|request|requests|time|times|try|tries|attempt|attempts)\b"
    r"|\bsometimes (?:it )?(?:works|fails|succeeds)\b"
    r"|\b(?:not|isn't|is not|doesn't|does not) (?:always|every time)\b[^.\n]{0,20}\b(?:fail\w*|work\w*)\b",
    re.IGNORECASE,
    literals=("intermittent", "sporadic", "occasional", "random", "now and then", "time to time", "off and on",
              "on and off", "every ", "sometimes", "always", "every time"),
)
_IN_BACKGROUND = LazyPattern(
    # only a background job fails: it may run on another application server (its own PSE
    # copy, profile and address) and as another user (S_ICF for the destination) —
    # knowledge/causes.yaml, one_app_server_differs and destination_no_authority
    r"\b(?:in|as an?|via an?|from an?|when (?:run|scheduled|started|executed) (?:in|as an?)) (?:the )?(?:background|batch)"
    r"(?: job| mode| processing| run)?\b"
    r"|\b(?:background|batch) (?:jobs?|mode|processing|runs?)\b[^.\n]{0,30}\b(?:fail\w*|error\w*|dump\w*|cancel\w*)\b",
    re.IGNORECASE,
    literals=("background", "batch"),
)
_IP_BUT_NOT_NAME = LazyPattern(
    # the address works, the name does not: the name is not resolved where the call runs
    r"\b(?:works?|working|worked|fine|ok|succeeds?)\b[^.\n]{0,15}\b(?:with|using|via|by) (?:the |its )?IP(?: address)?\b"
    r"[^.\n]{0,40}\b(?:host ?names?|FQDN|DNS names?|domain names?)\b"
    r"|\b(?:host ?names?|FQDN|DNS names?|domain names?)\b[^.\n]{0,40}\b(?:fails?|failing|not work\w*|doesn't work|does not work)"
    r"\b[^.\n]{0,40}\bIP(?: address)?\b[^.\n]{0,15}\b(?:works?|working|worked|fine|ok)\b",
    re.IGNORECASE,
    literals=("ip",),
)
_FAR_SIDE = r"(?:partner|server|provider|vendor|their|its|target|API|site|endpoint|service|host|remote|bank|customer)"
_RENEWAL = r"(?:renew\w*|chang\w*|replac\w*|rotat\w*|swapp?\w*)"
_RENEWED = LazyPattern(
    # the far side's certificate renewed or changed: "after the renewal of the partner's
    # certificate", "the server certificate was replaced", "they changed their cert"
    rf"\b{_RENEWAL}\b[^.\n]{{0,20}}\b{_FAR_SIDE}(?:'s)? (?:(?:SSL|TLS|server|new) )*{_CERT}"
    rf"|\b{_FAR_SIDE}(?:'s)? (?:(?:SSL|TLS|server) )*{_CERT}[^.\n]{{0,25}}\b(?:was|were|has been|have been|got|is|are) {_RENEWAL}"
    rf"|\b{_FAR_SIDE}\b[^.\n]{{0,15}}\b(?:renewed|changed|replaced|rotated) (?:their|its|the) (?:(?:SSL|TLS|server) )*{_CERT}"
    # a new CA behind it: "issued by a different CA", "they moved to a new root CA"
    r"|\b(?:issued|signed) by (?:a |an )?(?:new|different|another|other)\b[^.\n]{0,25}\b(?:CA|issuer|authority|root)\b"
    r"|\b(?:new|different|another) (?:root |intermediate |issuing )?(?:CA|certificate authority|issuer|root certificate)\b"
    r"|\b(?:changed|switched|moved|migrated) (?:their |its |the )?(?:root |issuing )?(?:CA|certificate authority)\b",
    re.IGNORECASE,
    literals=("renew", "chang", "replac", "rotat", "swap", "issued by", "signed by", "new ", "different", "another",
              "switched", "moved", "migrated"),
)
# It worked and stopped, and the failure is the TLS handshake or the certificate: with
# nothing changed on the caller's side, the usual story is the far side's new certificate
# or CA (GitHub's in March 2024, knowledge/causes.yaml server_cert_untrusted) — read as its
# renewal. Our own upgrade, patch or change is another story and reads as nothing here.
_STOPPED = LazyPattern(
    r"\b(?:worked|was working|used to work|were working)\b[^.\n]{0,40}\b(?:before|until|till|fine|yesterday|last)\b"
    r"|\b(?:suddenly|all of a sudden|no longer works?|not working any ?more|stopped working|stops working)\b"
    r"|\bsince (?:yesterday|today|this morning|last (?:week|night|month|friday|monday|weekend)|a few days)\b",
    re.IGNORECASE,
    literals=("work", "sudden", "since"),
)
_TLS_FAILURE = LazyPattern(
    r"\b(?:SSL|TLS|handshake|certificate|cert|PSE|STRUST|SSSLERR\w*|ICM_HTTP_SSL\w*|peer_cert\w*)\b",
    re.IGNORECASE,
    literals=("ssl", "tls", "handshake", "cert", "pse", "strust", "ssslerr", "icm_http_ssl"),
)
# A low-level code names its own cause (SSSLERR_SSL_READ: versions, ciphers, SNI); the
# story above is for texts that give none.
_LOW_LEVEL_CODE = LazyPattern(r"\bSSSL(?:ERR|RC)_(?!PEER_CERT)\w+", re.IGNORECASE, literals=("sssl",))
_OWN_CHANGE = LazyPattern(
    r"\b(?:upgrad\w*|kernel|patch\w*|migrat\w*|support package|SPS|update[ds]?|updating|we (?:changed|replaced|renewed|moved|imported|deleted)"
    r"|(?:after|since) (?:the |our |we )?(?:go-live|system copy|refresh|restart\w*|reboot\w*|import\w*)"
    # the caller's own certificate is the one asked about: not the far side's story
    r"|client cert\w*|certificates? (?:is |are )?(?:required|missing)"
    # or a setting switched on ("since parameter sslvalidatecertificate is activated")
    r"|activat\w*|enabled|parameters?)\b",
    re.IGNORECASE,
)


def _stopped_after_working(text: str) -> bool:
    """A TLS or certificate failure that began on its own: it worked, nothing of ours changed,
    and no low-level code says otherwise."""
    return bool(
        _STOPPED.search(text)
        and _TLS_FAILURE.search(text)
        and not _OWN_CHANGE.search(text)
        and not _LOW_LEVEL_CODE.search(text)
    )


_OWN_SIDE = LazyPattern(r"\b(?:client|our|my|own|PSE)\b", re.IGNORECASE, literals=("client", "our", "my", "own", "pse"))


def _far_side_renewed(text: str) -> bool:
    """The far server's certificate (or its CA) changed — not the caller's own certificate
    or PSE (a renewed client certificate is another failure)."""
    return any(not _OWN_SIDE.search(text, max(0, m.start() - 12), m.end()) for m in _RENEWED.finditer(text))


# "It works in Postman / in the browser / with curl": another client on another path
# reaches the server — the sign "works in the browser" of the base, whichever tool is
# named. The scope stage uses it too: the tool named is the one that works, so naming it
# says nothing about that tool failing.
_TOOL = r"(?:the |a |my )?(?:Postman|SoapUI|Insomnia|curl|wget|(?:web )?browsers?|Chrome|Firefox|Edge)"
# (and in the other languages the router reads: "funciona con Postman", "funktioniert im Browser")
_WORKS = r"(?:works?|working|worked|succeeds?|successful(?:ly)?|fine|ok|funciona|funktioniert|fonctionne|funziona)"
_VIA = r"(?:in|with|from|via|using|through|con|com|en|em|no|na|mit|im|über|avec|dans|nel)"
WORKS_ELSEWHERE = LazyPattern(
    rf"\b{_WORKS}\b[^.\n]{{0,30}}\b{_VIA} " + _TOOL + r"\b"
    r"|\b(?:in|with|from|via|using|through) " + _TOOL
    + r"\b[^.\n]{0,30}\b(?:works?|working|worked|succeeds?|is fine|fine|ok|returns? (?:the )?(?:data|result|response))\b",
    re.IGNORECASE,
    literals=("postman", "soapui", "insomnia", "curl", "wget", "browser", "chrome", "firefox", "edge"),
)


def waited(text: str) -> bool:
    """The call hangs or gets no answer — not a person, forum or ticket that gave none."""
    return any(_the_call_waited(text, m) for m in _WAITED.finditer(text))


def _the_call_waited(text: str, m: re.Match[str]) -> bool:
    """A match of `_WAITED` that is about the call: one of no answer says whose answer
    did not come, and neither the words right after it nor the sentence before it name a
    person, a forum or a ticket."""
    if not _NO_ANSWER.search(m.group(0)):
        return True
    sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    before = text[max(sentence_start, m.start() - 80):m.start()]
    after = text[m.end():m.end() + 40]
    return not (_ASKED_BEFORE.search(before) or _PERSON_AFTER.search(after))


RENDERINGS: tuple[tuple[LazyPattern, str], ...] = (
    (_WAITED_FOR, "timed out"),
    (_LAPSED, "certificate expired"),
    (_OTHER_NAME, "host name mismatch"),
    (_TWO_WAY, "mutual TLS"),
    (_NOW_AND_THEN, "intermittent"),
    (_IN_BACKGROUND, "one app server S_ICF"),
    (_IP_BUT_NOT_NAME, "host unknown"),
    (WORKS_ELSEWHERE, "works in the browser"),
)


def english(text: str) -> str:
    """The words of the base for the failures the text describes in plain words ('' if none).
    A long paste is read in its head and tail, where people describe what happened."""
    text = windowed(text)
    found = ["timed out"] if waited(text) else []
    found += [words for pattern, words in RENDERINGS if pattern.search(text)]
    if _far_side_renewed(text) or _stopped_after_working(text):
        found.append("renewed their certificate")
    found += instancewords.readings(text) + contrastwords.readings(text) + farsidewords.readings(text)
    return " ".join(dict.fromkeys(found))

"""Which side of the call a named SAP system is on: the caller or the called.

Rule 7 of scope.py (and its mirror in failedcall.py) asks whether something places the
failed call in an ABAP system. A product of the ABAP stack named in a report ("S/4HANA",
"ECC", "the SAP backend", "our SAP system") used to count wherever it stood. But most such
names stand for the system that was *called*: "our Node app connects to the SAP backend",
"we call the OData service of the S/4 system and get a 409", "Postman -> S/4 API returns
401". The SAP system is then the server, and what failed is another program's call or the
server's own answer — no SAP HTTP-client situation (the label rules of
tests/eval/real/README.md: a status it sent is a status, another program calling it is that
program's, the SAP side as server is inbound). Only the system that makes the call places it.

The role is read from the sentence's structure, as a class, not from any one report's words:

- called (the server): the object of a verb of calling (call, reach, access, query, hit,
  open), after "to"/"against"/"into" with a word of a call or connection ("connect to the
  S/4 system", "requests against ECC", "deploying … to SAP NetWeaver"), after a service,
  API, endpoint or URL word ("the API of the S/4 system", "an OData service on S/4"), the
  source a program fetches, reads or extracts from, the target of an arrow, the subject of
  returns/responds/rejects/is not reachable, a passive ("is called by"), a host name or URL
  (`my300000-api.s4hana.ondemand.com`: the server's own name), and "not from our ECC";
- caller (the client): the subject of call/send/post/connect/reach/consume ("our S/4 calls",
  "ECC cannot reach the API"), "from our ECC" with a verb of calling ("we call the API from
  our ECC", "calls from S/4 to …", "outbound from S/4", "from our ECC we call"); German "wir
  rufen aus dem S/4 …", "vom ECC aus", "das S/4 ruft … auf"; presenting a client certificate
  ("our S/4 presents its client certificate"). "SAP" on its own counts only in this role, and
  only with a finite verb ("when SAP calls the endpoint", "SAP cannot connect", "wenn SAP sich
  mit dem Server verbindet"; not "my SAP call", "SAP calls to the API fail"): an admin's
  shorthand for the ABAP system they run. No dev report words it so (route identity: no dev
  route moved); router_eval's questions do, and a far server's name pushing them past rule 7's
  20 words lost their placement (benchmarks/far_server_names.py).
- a server's own act in the handshake is no call: sending or presenting its certificate, its
  chain, a CA or only the leaf ("the S/4 system does not send the intermediate CA") makes a
  name the server, though "send" is a verb of calling elsewhere.

A name whose sentence says neither keeps counting as a setting, as before this module. A
text whose SAP systems are all called, or are the called one and names in no role, places
nothing. The forms, by the dev reports' sources that show them: the target of a call (Cloud
SDK and Cloud SDK for JS, the VS Code ABAP file system, node-rfc, Project Piper, the SAP
tutorials, open-ux-tools, ARC-1, the Fiori elements course, SAP knowledge-base articles);
the source read from and the owner of a service (the CAP risk-management sample, the SAP
tutorials, an ADF connector post, a BTP diagram generator); a URL's or host's words (the SAP
tutorials, the ABAP file uploader, the flight reference scenario, Playwright for SAP, ADT
frontend); a called name making the others that server again (the SAP tutorials, an S/4HANA
Cloud knowledge-base article). The answer forms ("returns", a passive, "is not reachable",
"the NetWeaver login page") have one dev source each at most (SharpSapRfc, Playwright for SAP).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from assistant.intent.hosts import without_urls
from assistant.intent.scopevocab_types import OTHER_SAP_PRODUCTS
from assistant.lazyre import LazyPattern


class Role(Enum):
    CALLER = "caller"
    CALLED = "called"
    SETTING = "setting"  # the sentence says neither: the system the report is set in


@dataclass(frozen=True)
class SystemMention:
    """One SAP system named in the text, and its role in its sentence."""

    name: str
    role: Role


# "ABAP system", "ABAP backend", "ABAP trial instance": a system, not an ABAP program.
ABAP_SYSTEM_NOUNS = r"abap (?:trial )?(?:systems?|instances?|servers?|backends?|environments?|stack)\b"
# Names of an ABAP-stack system, as abapsetting.py counted them before roles were read: its
# products as words, and the phrases of "an SAP system", "on-premise systems", "from our SAP".
# The group `core` marks where the name starts (after "from our" in "from our SAP").
SYSTEM_NAMES = LazyPattern(
    r"\b(?:ecc|netweaver|s4hana|crm|srm|ewm|solman)\b"
    r"|\b(?:s/4|s4|r/3|sap[- ](?:systems?|servers?|backend|erp|ecc|crm|srm|bw|netweaver)|application servers?"
    r"|on[- ]?prem(?:ise|ises)? (?:sap |abap )?systems?|" + ABAP_SYSTEM_NOUNS + ")"
    r"|\b(?:from|in|into|inside|on|our|my|aus|im|vom|unser\w*) (?:our |the |my |dem |unserem )?(?P<core>sap)\b"
    r"(?!\s*" + OTHER_SAP_PRODUCTS + r"|[/'’])",  # "from SAP/jenkins-library", "SAP's": no system
    re.IGNORECASE,
    literals=("ecc", "netweaver", "s4hana", "crm", "srm", "ewm", "solman", "s/4", "s4", "r/3", "sap", "application server",
              "prem", "abap "),
)
# A dotted host name ("*.crm.ondemand.com", "my300000-api.s4hana.ondemand.com"): the server's name.
_HOST_NAME = LazyPattern(r"(?<![\w.])[\w*-]+(?:\.[a-z][\w-]*)+", re.IGNORECASE, literals=(".",))
_SENTENCE_END = LazyPattern(r"[!?\n;]|\.(?=\s|$)")
_REACH = 160  # characters of the sentence read either side of a name

# Words between a preposition or verb and the name ("to the on-premise SAP S/4HANA"), and
# after it ("S/4HANA Cloud system", "ECC 6.0 (PRD)").
_BEFORE = (r"(?:(?:the|an?|our|my|their|your|this|that|its|customers?'?s?|remote|target|backend|on-?prem\w*|sap|sap's"
           r"|cloud|productive|central|same|dem|das|den|die|der|unser\w*|ein\w*|ihr\w*)[\s-]+){0,4}")
_AFTER = (r"(?:[\s/-]*(?:hana|cloud|public|private|edition|on-?prem\w*|systems?|servers?|backend|instance|tenant|box"
          r"|side|landscape|itself|core|odata|apis?|services?|endpoints?|web ?services?|rest|soap|gateway|icf|urls?"
          r"|login|logon|page|\d[\w.]*|\(\w{3}\)))*")
_ADVERBS = (r"(?:(?:\w+ly|always|now|then|only|just|also|still|sometimes|does not|doesn't"
            r"|did not|didn't|is not|isn't|never|not)\s+)*")
_AUXILIARIES = (r"(?:(?:is|are|was|were|has|have|had|also|still|now|then|always|never|not|cannot|can ?not|can't|could not"
                r"|couldn't|does not|doesn't|did not|didn't|fails? to|failed to|tries to|tried to|trying to|try to|wants? to"
                r"|needs? to|has to|should|must|will|would|can|could|able to|unable to|attempts? to|attempting to|itself)\s+)*")

_RULED_OUT = LazyPattern(rf"\b(?:not|never)\s+(?:(?:come|comes|came|coming|originat\w*|be|is)\s+)?(?:from|in|out of|via)\s+{_BEFORE}$")
_FETCHED_FROM = LazyPattern(
    r"\b(?:fetch\w*|read\w*|retriev\w*|download\w*|extract\w*|pull\w*|load\w*|consum\w*|replicat\w*|data|import\w*"
    rf"|sync\w*|discover\w*)\b(?:\s+[^\s.,;:!?]+){{0,4}}?\s+from\s+{_BEFORE}$"
)
_CALLS_FROM = LazyPattern(
    r"\b(?:call\w*|send\w*|sent|post\w*|push\w*|connect\w*|reach\w*|invok\w*|trigger\w*|run\w*|execut\w*|test\w*"
    rf"|request\w*|outbound|outgoing|upload\w*)\b(?:\s+[^\s.;:!?]+){{0,8}}?\s+(?:from|out of|within|inside)\s+{_BEFORE}$"
)
_FROM = LazyPattern(rf"\b(?:from|out of)\s+{_BEFORE}$")
_ONWARD = LazyPattern(
    rf"^{_AFTER}\s*(?:->|→|=>|\s+(?:to|towards|into)\b|,?\s+(?:we|i|you|they|it)\s+(?:\w+\s+){{0,2}}?"
    r"(?:call|send|post|connect|reach|try|tried|want|need|can|cannot|can't)\w*)"
)
_GERMAN_FROM = LazyPattern(rf"\b(?:aus|vom|von)\s+{_BEFORE}$")
_GERMAN_OUT = LazyPattern(r"\b(?:heraus|aus)\b")
_GERMAN_CALL = LazyPattern(r"\b(?:ruf\w*|aufruf\w*|send\w*|schick\w*|verbind\w*|greif\w*|zugreif\w*)\b")

_ANSWERS = LazyPattern(
    rf"^{_AFTER}\s+{_ADVERBS}(?:returns?|returned|returning|respond\w*|answer\w*|repl(?:y|ies|ied)|rejects?|rejected"
    r"|refus\w*|den(?:y|ies|ied)|throws? back|sends? back|sent back|gives? back)\b"
)
_PASSIVE = LazyPattern(
    rf"^{_AFTER}\s+(?:is|are|was|were|gets?|got|being|has been|have been)\s+(?:\w+\s+)?"
    r"(?:called|consumed|accessed|reached|queried|invoked|contacted|hit|requested)\s+(?:by|from|via|through|with)\b"
)
_UNREACHABLE = LazyPattern(
    rf"^{_AFTER}\s+(?:is|are|was|were)\s+(?:not\s+)?(?:reachable|unreachable|available|unavailable|down|responding"
    r"|accessible|inaccessible)\b"
)
# "the S/4 OData service", "the NetWeaver login page": the server's own (not its client proxy).
_ITS_SERVICE = LazyPattern(
    r"^(?:[\s/-]*(?:hana|cloud|public|private|edition|on-?prem\w*|systems?|servers?|backend|instance|tenant|\d[\w.]*))*"
    r"[\s/-]*(?:odata|apis?|services?|endpoints?|web ?services?|rest|soap|urls?|login|logon|page|launchpad|fiori|ui)\b"
    r"(?!\s+(?:call|calls|client|consumer|proxy|proxies|request|requests|runtime|framework))"
)
_GERMAN_ANSWERS = LazyPattern(
    rf"^{_AFTER}\s+(?:antwortet|lehnt\s+(?:\w+\s+){{0,3}}ab|weist\s+(?:\w+\s+){{0,3}}ab"
    r"|(?:liefert|gibt)\s+(?:\S+\s+){0,3}zurück)\b"
)
# What a server sends in every handshake: its certificate, its chain, a CA, only the leaf. "The
# BTP server does not send the intermediate CA" is the server's act, no call (read before the
# caller's forms); a client certificate sent or presented is the caller's ("SAP presents its
# client certificate").
_HANDSHAKE_OBJECT = (r"\s+(?:(?!client\b)[\w'’-]+\s+){0,3}?(?:certificates?|certs?|chains?|cas?|intermediates?"
                     r"|leaf|root)\b")
_CLIENT_CERTIFICATE = (r"(?:presents?|presenting|offers?|offering|provides?|providing)\s+(?:[\w'’-]+\s+){0,2}?"
                       r"client[ -]cert\w*")
_SENDS_ITS_CHAIN = LazyPattern(
    rf"^{_AFTER}\s+{_AUXILIARIES}(?:sends|sending|send|sent|presents?|presenting|presented)\b{_HANDSHAKE_OBJECT}"
)
_CALLS = LazyPattern(
    rf"^{_AFTER}\s+{_AUXILIARIES}(?:calls|calling|call|sends|sending|send|posts|posting|post|connects|connecting|connect"
    r"|reaches|reaching|reach|consumes|consuming|consume|invokes|invoking|invoke|fetches|fetching|fetch|requests"
    r"|requesting|opens|opening|open|downloads|downloading|download|uploads|uploading|upload|pushes|pushing|push"
    rf"|establish\w*|talks?|talking|triggers?|triggering|accesses|accessing|access|outbound|{_CLIENT_CERTIFICATE})"
    r"\b(?!\s+back)"
)
_GERMAN_CALLS = LazyPattern(rf"^{_AFTER}\s+(?:\S+\s+){{0,3}}?(?:ruft|sendet|schickt|verbindet|greift|postet)\b")
# "my SAP call from the Node app", "our SAP calls to the API fail", "my S/4 requests time out":
# after a possessive and the name, a call word that is also a noun, followed by no object but
# by a preposition, a verb of its own or the clause's end, is a noun — which call, not who
# places it. "our SAP calls the API" (an object) stays the verb.
_POSSESSIVE_BEFORE = LazyPattern(r"\b(?:my|our|your|their|its)\s+$")
_CALL_NOUN = LazyPattern(
    rf"^{_AFTER}\s+(?:calls?|requests?|posts?|uploads?|downloads?|push(?:es)?|triggers?)"
    r"(?=\s*[,:(]|\s*$|\s+(?:from|to|towards|into|in|on|via|through|with|against|of|for|at|over|fails?|failed|failing"
    r"|returns?|returned|gets?|got|is|are|was|were|times?|timed|hangs?|hung|works?|worked|breaks?|broke|do|does|did"
    r"|don't|doesn't|didn't|never|still|always)\b)"
)

_CALL_WORDS = (r"(?:call\w*|connect\w*|request\w*|post\w*|send\w*|sent|push\w*|replicat\w*|deploy\w*|upload\w*"
               r"|log(?:ging)? ?(?:on|in)|logon|login|sign(?:ing)? ?(?:in|on)|integrat\w*|access\w*|rout\w*|forward\w*"
               r"|point\w*|tunnel\w*|destinations?|traffic|talk\w*)")
_CALLED_AT = LazyPattern(rf"\b{_CALL_WORDS}\b(?:\s+[^\s.,;:!?]+){{0,10}}?\s+(?:to|against|into|towards)\s+{_BEFORE}$")
_CALLED_OBJECT = LazyPattern(
    r"\b(?:call|calls|calling|consum\w*|reach|reaches|reaching|reached|access|accesses|accessing|accessed|hit|hits"
    rf"|hitting|query|queries|querying|queried|contact\w*|invok\w*|ping\w*|open|opens|opening)\s+{_BEFORE}$"
)
_SERVICE_OF = LazyPattern(
    r"\b(?:services?|apis?|endpoints?|odata|urls?|uris?|web ?services?|apps?|launchpad|login page|logon page|hosts?"
    rf"|host ?names?)\b(?:\s+[^\s.,;:!?]+){{0,3}}?\s+(?:on|of|in|from|at|behind|by)\s+{_BEFORE}$"
)
_ARROW = LazyPattern(rf"(?:->|→|=>|⇒)\s*{_BEFORE}$")
_GERMAN_TO = LazyPattern(rf"\b(?:auf|zum|zur|gegen|an|mit|ins)\s+{_BEFORE}$")
_GERMAN_CALL_WORDS = LazyPattern(r"\b(?:zugr\w*|greif\w*|verbind\w*|aufruf\w*|anfrage\w*|request\w*|send\w*|schick\w*"
                                r"|anmeld\w*|zugriff\w*)")
_GERMAN_OBJECT = LazyPattern(rf"\b(?:rufen|rufe|ruft|erreichen|erreiche|erreicht)\s+{_BEFORE}$")


def _role(before: str, after: str, sentence: str, *, service_of: bool = True) -> Role:
    """The role of a name between `before` and `after` of its sentence (module docstring);
    the sources a program reads from first, then the caller's forms, then the called's.
    Without `service_of`, "a service on/in X" is no called form (`role_at`)."""
    if _RULED_OUT.search(before) or _FETCHED_FROM.search(before):
        return Role.CALLED
    if _CALLS_FROM.search(before) or (_FROM.search(before) and _ONWARD.search(after)):
        return Role.CALLER
    if _GERMAN_FROM.search(before) and (_GERMAN_OUT.search(after[:80]) or _GERMAN_CALL.search(sentence)):
        return Role.CALLER
    if any(p.search(after) for p in (_ANSWERS, _PASSIVE, _UNREACHABLE, _GERMAN_ANSWERS, _ITS_SERVICE, _SENDS_ITS_CHAIN)):
        return Role.CALLED
    if (_CALLS.search(after) and not _a_call_noun(before, after)) or _GERMAN_CALLS.search(after):
        return Role.CALLER
    called_forms = (_CALLED_AT, _CALLED_OBJECT, _SERVICE_OF, _ARROW, _GERMAN_OBJECT) if service_of else (
        _CALLED_AT, _CALLED_OBJECT, _ARROW, _GERMAN_OBJECT)
    if any(p.search(before) for p in called_forms):
        return Role.CALLED
    if _GERMAN_TO.search(before) and _GERMAN_CALL_WORDS.search(sentence):
        return Role.CALLED
    return Role.SETTING


def _a_call_noun(before: str, after: str) -> bool:
    """Is the call word after the name a noun of a possessive ("my SAP call from …")?"""
    return bool(_POSSESSIVE_BEFORE.search(before) and _CALL_NOUN.search(after))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def system_mentions(lowered: str) -> list[SystemMention]:
    """The SAP systems the lower-cased text names, each with its role; URLs and host names
    are the server's names and are read as none. "SAP" on its own counts only as the
    subject of a verb of calling (`_bare_sap_callers`)."""
    return mentions_of(SYSTEM_NAMES, lowered) + _bare_sap_callers(lowered)


# "SAP" on its own, not a product's name ("SAP PO", "SAP Cloud Connector") nor a repository's
# or a possessive ("SAP/…", "SAP's") — read only as the subject of a verb of calling: an admin
# who writes "when SAP calls the endpoint", "SAP cannot connect", "SAP presents its client
# certificate", "wenn SAP sich verbindet", "SAP ruft den Endpunkt auf" means the ABAP system
# they run, the caller. Elsewhere "SAP" is the company, a product family or the called side.
_BARE_SAP = LazyPattern(r"(?<![\w/.@-])sap(?![\w/'’-])(?!\s*" + OTHER_SAP_PRODUCTS + ")", re.IGNORECASE,
                        literals=("sap",))
_BASE_CALLS = (r"(?:call|connect|send|post|reach|invoke|request|open|consume|access|establish|talk|trigger|hit|query"
               r"|contact)\b")
_HELPERS = (r"(?:cannot|can ?not|can't|could ?not|couldn't|does ?not|doesn't|did ?not|didn't|fails? to|failed to"
            r"|(?:is |was )?(?:trying|tries|tried|attempting|attempts|attempted|wants|needs|has|had) to|should|must"
            r"|will|would|can|could|(?:is |was )?(?:unable|not able|able) to|won't|wouldn't)\s+")
_SAP_AS_SUBJECT = LazyPattern(
    # a finite verb with its object ("calls the endpoint", "sends a request"); "SAP calls to the
    # API fail", "my SAP call from Node": a noun
    r"^\s+(?:also\s+|then\s+|now\s+|only\s+|always\s+|still\s+)?(?:(?:calls|sends|posts|reaches|invokes|requests"
    r"|opens|consumes|accesses|establishes|triggers|hits|queries|contacts)\s+(?:the|an?|our|their|its|my|your|https?)\b"
    rf"(?!{_HANDSHAKE_OBJECT})|connects\b|{_CLIENT_CERTIFICATE}"
    rf"|{_HELPERS}{_BASE_CALLS}(?!{_HANDSHAKE_OBJECT})|(?:is|was|are|were)\s+(?:calling|connecting|sending|posting)\b"
    # German, up to the verb of its clause: "SAP ruft … auf", "wenn SAP sich mit dem Server verbindet"
    r"|(?:[^\s,;:]+\s+){0,8}?(?:ruft|aufruft|sendet|schickt|verbindet|greift|zugreift|postet)\b)"
)


def _bare_sap_callers(lowered: str) -> list[SystemMention]:
    """The bare "SAP"s of the text that are the subject of a verb of calling, as callers."""
    text = _HOST_NAME.sub(_blank, without_urls(lowered)) if "." in lowered else lowered
    return [SystemMention("sap", Role.CALLER)
            for sentence in _SENTENCE_END.split(text)
            for m in _BARE_SAP.finditer(sentence) if _SAP_AS_SUBJECT.match(sentence[m.end():])]


def mentions_of(
    names: LazyPattern, lowered: str, extra_caller: Callable[[str, str], bool] | None = None
) -> list[SystemMention]:
    """The names `names` finds in the lower-cased text, each with its role in its sentence
    (the same reading for an SAP system and for another product: othercaller.py); a group
    `core` marks where a name starts after its preposition ("from our SAP"); `extra_caller`,
    given the words before and after a name, adds forms of the caller's role."""
    text = _HOST_NAME.sub(_blank, without_urls(lowered)) if "." in lowered else lowered
    mentions = []
    for sentence in _SENTENCE_END.split(text):
        if not names.may_match(sentence):
            continue
        for m in names.finditer(sentence):
            start = m.start("core") if "core" in m.re.groupindex and m.group("core") else m.start()
            before = " ".join(sentence[max(0, start - _REACH):start].split()) + " "
            after = " " + " ".join(sentence[m.end():m.end() + _REACH].split())
            role = _role(before, after, sentence)
            if role is Role.SETTING and extra_caller is not None and extra_caller(before, after):
                role = Role.CALLER
            mentions.append(SystemMention(m.group(0), role))
    return mentions


# A command line after a program's name: a sub-command and then an option ("btp login --sso",
# "cf login -a https://…"): the name is the program the admin ran.
_COMMAND_AFTER = re.compile(r" [a-z][\w-]*(?: [^\s-]\S*){0,3} --?[a-z]")


def role_at(lowered: str, start: int, end: int) -> Role:
    """The role of the name at `start`:`end` of the lower-cased text, read as `mentions_of`
    reads it — except that "a service in/on X" is no called form here: for a product outside
    the ABAP stack it is as often where the client runs ("consuming OData in Power BI") as the
    server. Used for a product's name where a cue found it (othercaller.py)."""
    text = _HOST_NAME.sub(_blank, without_urls(lowered)) if "." in lowered else lowered
    if not text[start:end].strip():
        return Role.SETTING  # inside a dotted name or URL: a host, or a runtime's class ("system.net.http")
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    sentence_start = ends[-1] if ends else 0
    stop = _SENTENCE_END.search(text, end)
    sentence_end = stop.start() if stop else len(text)
    before = " ".join(text[max(sentence_start, start - _REACH):start].split()) + " "
    after = " " + " ".join(text[end:min(sentence_end, end + _REACH)].split())
    if _COMMAND_AFTER.match(after):
        return Role.SETTING  # "btp login --sso": the program run on a command line, not a server
    role = _role(before, after, text[sentence_start:sentence_end], service_of=False)
    if role is Role.SETTING and _THE_BEFORE.search(before) and _A_SERVER_AFTER.match(after):
        return Role.CALLED  # "the BTP server wants a client certificate": the server's own name
    return role


# "the Postman mock server", "from the BTP server": a product's name on a server noun, with an
# article (not "our"/"my", the reporter's own product, which may be the client), is the
# server's name when no verb of its sentence makes it the caller (`_role` is read first).
_THE_BEFORE = LazyPattern(r"\b(?:the|an?)\s+$")
_A_SERVER_AFTER = LazyPattern(r"^(?:\s+[\w.-]+)?\s+(?:servers?|hosts?|backends?)\b")


def places_the_call(mentions: list[SystemMention]) -> bool:
    """Do the named systems place the call in an ABAP system? A caller does; a name in no
    role does, unless another name of the text is the called one (it is then that server,
    named again); a called one does not."""
    roles = {m.role for m in mentions}
    return Role.CALLER in roles or (Role.SETTING in roles and Role.CALLED not in roles)

"""The words of stated cause facts (intent.statedfacts): each subject's names and state words.

Data only: per subject, the names that say it (English and German, folded as
`fuzzy.normalize` folds them: "gültig" is "gueltig"), and per state word the polarity it
gives — affirmed (the subject is the trouble: "blocks", "expired", "missing") or denied
(it is not: "open", "valid", "works") — as written and as negated ("not blocked" denies,
"not open" affirms, "not involved" denies, "not imported" affirms). A word whose negation
says nothing certain gives None there: "the certificate is not valid" may be expired,
untrusted or for another host. The words are the plain meaning of each statement, not the
wording of particular reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.intent.negationwords import HEDGES as SHARED_HEDGES

Meaning = tuple[bool | None, bool | None]  # the polarity as written, and as negated

# Words that deny only when negated, for every subject: "the firewall is not involved",
# "the proxy is not the cause / not the problem", "die Firewall ist nicht beteiligt".
NOT_INVOLVED = "involved cause culprit reason problem issue beteiligt ursache schuld"


def states(*, affirm: str = "", deny: str = "", deny_if_negated: str = NOT_INVOLVED, affirm_if_negated: str = "",
           negated_deny: bool | None = True) -> dict[str, Meaning]:
    """The state words of a subject: `affirm` say it is the trouble (negated: it is not);
    `deny` say it is fine (negated: `negated_deny`); the `…_if_negated` words say
    something only when negated."""
    out: dict[str, Meaning] = {}
    out.update({w: (None, False) for w in deny_if_negated.split()})
    out.update({w: (None, True) for w in affirm_if_negated.split()})
    out.update({w: (False, negated_deny) for w in deny.split()})
    out.update({w: (True, False) for w in affirm.split()})
    return out


@dataclass(frozen=True, slots=True)
class SubjectWords:
    """How one subject is stated: its names, its state words, how far from the name a state
    word may stand (`reach`, words between), and the words that make a name another thing."""

    subject: str
    names: frozenset[str]
    states: dict[str, Meaning]
    reach: int = 4
    absent_denies: bool = False  # "no proxy", "kein Proxy": the subject is not there
    other_before: frozenset[str] = frozenset()  # "client certificate", "SAML certificate"
    other_after: frozenset[str] = frozenset()  # "root cause"
    needs_before: dict[str, frozenset[str]] = field(default_factory=dict)  # "time" only as "system time"
    on_the_server: bool = False  # a probe's result says something only where the SAP server runs it
    # The subject a probe's success takes when the sentence places it elsewhere ("curl from my
    # laptop works": the server answers from there, the SAP server's path is not said); "" none.
    elsewhere: str = ""
    # Something said to work elsewhere or before ("in the browser it works", "it had worked
    # until last week"): a comparison, read in a story too, with its own words that may stand
    # between the name and a state word before it; `then_failed`: read beside a failure ("it
    # worked until last week, now it fails" — the failure is the point of it).
    compares: bool = False
    then_failed: bool = False
    fillers: frozenset[str] = frozenset()
    # After a state word, words that say what it holds for ("valid for host X": the names a
    # certificate is issued for, not its dates); a period after them still states the state.
    held_for: frozenset[str] = frozenset()
    through: frozenset[str] = frozenset()  # words of STOPS a state word may follow all the same ("security team blocks")

    def holds_for_other(self, tokens: list[str], j: int) -> bool:
        """The state word at `j` is said for something named after it ("valid for the
        host we call", "gültig für den Host"), not of the subject as a whole ("valid for
        two more years" is of its dates)."""
        after = [t for t in tokens[j + 1:j + 4] if t not in _ONLY]
        if not after or after[0] not in self.held_for:
            return False
        rest = [t for t in tokens[j + 1:j + 6] if t not in _ONLY and t not in _ARTICLES][1:]
        return not (rest and (rest[0].isdigit() or rest[0] in PERIODS))

    def reads(self, part: list[str], clause: list[str]) -> bool:
        """The clause may state this subject: one of its names is there, and for a probe
        its part of the sentence does not say it ran elsewhere ("telnet from my laptop
        works") unless the probe has a subject for that place."""
        if self.names.isdisjoint(clause):
            return False
        return bool(self.elsewhere) or not self.ran_elsewhere(part)

    def ran_elsewhere(self, part: list[str]) -> bool:
        """A probe its part of the sentence places on another machine than the SAP server
        ("works from the app server, but from my laptop it fails": two parts, two places)."""
        return self.on_the_server and not ELSEWHERE.isdisjoint(part)

    def other_thing(self, tokens: list[str], i: int) -> bool:
        """The name at `i` names another thing ("client certificate", "root cause", "every time")."""
        before = tokens[max(0, i - 2):i]
        if not self.other_before.isdisjoint(before) or not self.other_after.isdisjoint(tokens[i + 1:i + 2]):
            return True
        needed = self.needs_before.get(tokens[i])
        return needed is not None and (i == 0 or tokens[i - 1] not in needed)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ONLY = frozenset("only just nur".split())
# Words that open a period after "valid for": then it is the dates that are stated.
PERIODS = frozenset("""one two three another next more some several few years year months month weeks week days
    day zwei drei weitere weiteres naechste naechsten jahr jahre monate monat wochen tage""".split())
_ARTICLES = frozenset("a an the ein eine einen den die das".split())

# Where a probe ran when it is not the SAP server: what it saw is another machine's path.
ELSEWHERE = _names("laptop pc desktop workstation notebook locally home rechner arbeitsplatz")
# Words that end the reach of a name: what follows is said of something else ("the firewall
# team opened …", "the firewall logs show …").
STOPS = _names("""team teams ticket tickets admin admins administrator colleague colleagues department people guys
    log logs rule rules regel regeln log vendor provider says said told confirmed""")
# Words that may stand between a state word and the name after it ("blocked by the corporate
# firewall", "opened port 443 in the firewall", "able to telnet").
BEFORE_FILLERS = _names("""the a an our their its this that your my any all by in on at through for to from via into
    of with corporate company customer customers network outbound inbound local internal external central
    der die das den dem des im in am auf durch von vom fuer zum zur unsere unser unseren""")
ABSENT = _names("no without kein keine keinen ohne")
# After "no <name>", a setting or part of it: then it is not the thing that is absent.
NOT_ABSENT_AFTER = _names("""configured maintained set settings setting entered entry entries rule rules exception
    exceptions configuration host hostname address port user password credentials konfiguriert gepflegt
    eingetragen eingestellt einstellung einstellungen regel regeln""")
# Verbs whose object, negated right after them, negates them: "finds no address".
FOLLOWED_NEGATION = _names("finds found returns returned gives shows resolves findet liefert gibt zeigt")
# German verbs a negation follows at the end of the clause: "die Firewall blockiert den Port
# nicht", "telnet funktioniert nicht", "nslookup findet den Host nicht" (a participle takes it
# before: "ist nicht gesperrt").
NEGATED_AFTER = _names("""blockiert blockt sperrt erlaubt funktioniert funktionierte klappt klappte geht ging laeuft
    lief verbindet findet liefert gibt zeigt scheitert stimmt fehlt fehlen""")
NEGATIONS_AFTER = _names("nicht nie niemals kein keine keinen keinem keiner")
# Words of a guess or belief: the clause states no fact ("maybe the firewall blocks it").
HEDGES = SHARED_HEDGES  # one list for every reader (negationwords)
# "could be", "could have": a guess; "could not": a failure that happened.
COULD = "could"
# Words of a story: what held then is not said of now ("the certificate had expired in the past").
STORY = _names("had past previously formerly earlier before damals frueher vorher")

# ("-connect" is openssl's option, no result: only "connects", "connected" say one.)
_PROBE_WORKS = """works worked working succeeds succeeded successful successfully connects connected
    ok okay fine able reachable funktioniert klappt geht erfolgreich erreichbar verbindet"""
_PROBE_FAILS = "fails failed failing refused times timed timeout hangs hanging unable unreachable scheitert"
# What works elsewhere, the state words of a comparison (intent.comparisons): only success
# says something there; "it does not work in the browser either" states no difference.
# "Postman gets a 200", "curl returns HTTP 200": the server's success status is its working.
_GOT_200 = " 200"
_WORKS_THERE = states(deny=_PROBE_WORKS + _GOT_200 + " runs laeuft ging lief funktionierte klappte",
                      deny_if_negated="", negated_deny=None)
# "works from our QA system", "in the other system it works", "im Testsystem geht es":
# another SAP system, named by a word that says which before "system".
_OTHER_SYSTEM = _names("""other another different second qa qas test dev development quality sandbox prod production
    productive andere anderen anderem anderes zweiten qualitaets entwicklungs produktiv""")
_SYSTEM_NAMES = _names("system systems systeme systemen")
# "worked until last week", "used to work", "hat bis gestern funktioniert": a time said
# between the name and the state word before it.
_TIMES = _names("""yesterday today last week weeks month friday monday tuesday wednesday thursday saturday sunday
    gestern heute letzte letzten letzter woche wochen monat freitag montag dienstag mittwoch donnerstag vor""")

# After "proxy", a part of it that a statement is then about ("Proxy Authentication Required").
_PROXY_PARTS = _names("""authentication auth authorization authorisation authentifizierung user password credentials
    logon login host hostname port settings setting certificate""")

# Verbs of blocking, refusing, not letting through: said of whatever stands in the way
# (a firewall, the network or its security team, a proxy). "lässt … nicht durch" is "durch" negated.
_BLOCKS = """blocks blocking blocked block closed drops dropped dropping rejects rejected denies denied restricts
    restricted filters filtered refuses refused gesperrt blockiert blockt sperrt geschlossen zu"""
# Of the network or a proxy only the verbs of blocking: "closed the network connection" is the connection's.
_BLOCKING_ONLY = " ".join(w for w in _BLOCKS.split() if w not in ("closed", "geschlossen", "zu"))
# "does not let the host through", "won't let us out": "let" negated is the blocking.
_LETS_THROUGH = "passes pass let lets letting durch durchlassen durchgelassen"
_ALLOWS = """open opened opens allows allowed allow permits permitted whitelisted unblocked
    freigeschaltet freigegeben offen geoeffnet erlaubt"""
# Who may be said to block as the firewall does: the network, its security team (the team's
# words are its statement here, unlike "the firewall team opened a ticket").
_TEAM = _names("team teams admins administrators department abteilung")

READERS: tuple[SubjectWords, ...] = (
    SubjectWords(
        "firewall", _names("firewall firewalls"),
        states(affirm=_BLOCKS + " zu", deny=_ALLOWS, affirm_if_negated=_LETS_THROUGH),
        absent_denies=True),
    SubjectWords(
        "firewall", _names("network security netzwerk sicherheit"),
        states(affirm=_BLOCKING_ONLY, deny="", affirm_if_negated=_LETS_THROUGH + " allow allows allowed permit permits",
               deny_if_negated=""),
        through=_TEAM, other_after=_names("""connection connections error errors interface layer card adapter path
            share drive verbindung verbindungen fehler""")),
    SubjectWords(
        "proxy_block", _names("proxy proxies proxyserver"),
        states(affirm=_BLOCKING_ONLY, deny="", affirm_if_negated=_LETS_THROUGH + " allow allows allowed permit permits",
               deny_if_negated=""),
        other_after=_PROXY_PARTS),
    SubjectWords(
        "port", _names("port ports"),
        # "the port is not open" may be filtered or have nothing listening: no firewall's statement.
        states(affirm="blocked blocks filtered gesperrt blockiert",
               deny="open opened allowed unblocked whitelisted freigeschaltet freigegeben offen geoeffnet",
               negated_deny=None)),
    SubjectWords(
        "proxy_need", _names("proxy proxies proxyserver"),
        states(affirm="""required needed mandatory necessary obligatory erforderlich notwendig noetig benoetigt
                         zwingend vorgeschrieben""",
               deny_if_negated=NOT_INVOLVED),
        absent_denies=True, other_after=_PROXY_PARTS),
    SubjectWords(
        "proxy_path", _names("proxy proxies proxyserver"),
        states(deny_if_negated=NOT_INVOLVED + " used use using verwendet genutzt benutzt eingesetzt"),
        absent_denies=True, other_after=_PROXY_PARTS),
    SubjectWords(
        "direct_access", _names("direct directly direkt direkte direkter direkten"),
        states(deny="""access connection connections connect connects connected internet internetzugang zugang
                       zugriff verbindung verbindet""", deny_if_negated="", negated_deny=None),
        reach=2),
    SubjectWords(
        "certificate", _names("certificate certificates cert certs zertifikat zertifikate serverzertifikat"),
        states(affirm="expired abgelaufen outdated", deny="valid gueltig", negated_deny=None),
        held_for=_names("for fuer"), other_before=_names("client saml signing subaccount user idp personal smime token clientzertifikat own")),
    SubjectWords(
        "clock", _names("clock clocks ntp systemzeit uhrzeit systemuhr time zeit"),
        states(affirm="wrong off incorrect behind ahead skewed drifted falsch",
               deny="correct right synchronized synchronised synced ok okay fine korrekt richtig stimmt synchron"),
        needs_before={"time": _names("system server os sap"), "zeit": _names("system server")}),
    SubjectWords(
        "name_resolution", _names("nslookup dns dig namensaufloesung"),
        states(affirm="fails failed failing nxdomain",
               deny="""works working resolves resolved resolve finds found returns returned ok fine correct
                       funktioniert findet liefert korrekt aufgeloest"""),
        reach=6),
    SubjectWords(
        "name_resolution", _names("host hostname fqdn hostnamen"),
        states(affirm="unknown unbekannt",
               deny="resolves resolved resolvable resolve found aufgeloest aufloesbar"),
        reach=3, other_before=_names("proxy proxies")),
    SubjectWords(
        "tcp_probe", _names("telnet nc netcat niping tnc"),
        states(affirm=_PROBE_FAILS, deny=_PROBE_WORKS, affirm_if_negated="connect"), reach=8, on_the_server=True,
        elsewhere="tcp_probe_elsewhere", compares=True),
    SubjectWords(
        "http_probe", _names("curl wget openssl"),
        states(deny=_PROBE_WORKS + _GOT_200, negated_deny=None), reach=8, on_the_server=True,
        elsewhere="http_probe_elsewhere", compares=True),
    # An API client runs on the admin's own machine: the place of curl run elsewhere.
    SubjectWords("http_probe_elsewhere", _names("postman soapui insomnia"), _WORKS_THERE, reach=8, compares=True),
    SubjectWords("browser", _names("browser browsers webbrowser chrome firefox"), _WORKS_THERE, reach=8,
                 compares=True),
    SubjectWords("other_system", _SYSTEM_NAMES | _names("testsystem qualitaetssystem entwicklungssystem"),
                 _WORKS_THERE, reach=6, compares=True, fillers=_OTHER_SYSTEM,
                 needs_before=dict.fromkeys(_SYSTEM_NAMES, _OTHER_SYSTEM)),
    SubjectWords("worked_before", _names("worked working work funktioniert funktionierte ging lief klappte"),
                 states(deny="until till bis used", deny_if_negated="", negated_deny=None), reach=3,
                 compares=True, then_failed=True, fillers=_TIMES | _names("fine well perfectly properly correctly gut einwandfrei")),
    SubjectWords(
        "reachability", _names("port host server target endpoint endpoints hostname"),
        states(affirm="unreachable", deny="reachable erreichbar accessible"), on_the_server=True),
    SubjectWords(
        "root_ca", _names("root ca cas rootca stammzertifikat wurzelzertifikat rootzertifikat"),
        states(affirm="missing fehlt fehlen absent",
               affirm_if_negated="imported installed added present vorhanden importiert installiert eingespielt"),
        other_after=_names("cause causes")),
    SubjectWords(
        "intermediate_ca", _names("intermediate intermediates zwischenzertifikat zwischenzertifikate"),
        states(affirm="missing fehlt fehlen absent",
               affirm_if_negated="imported installed added present vorhanden importiert installiert eingespielt")),
)
SUBJECTS = frozenset({reader.subject for reader in READERS} | {r.elsewhere for r in READERS if r.elsewhere})

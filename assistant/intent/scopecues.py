"""What marks each kind of failure, as data: the cues the scope stage (scope.py) looks for.

Each cue is a family of markers of one *class* of report — a runtime's own exception
names, a tool's name, a protocol layer's trace words — never a sentence of a report. A cue
names the scope it points to, the weight field it counts with (weights.py), the reason
the answer gives, and where the fix lives (a glossary entry of the base, when there is one).
Patterns are matched case-insensitively on the cleaned text unless `case` is set.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple


class Cue(NamedTuple):
    name: str
    scope: str
    weight: str  # a field of Weights
    pattern: str
    reason: str
    pointer: str | None = None  # a glossary id: where the fix lives
    case: bool = False  # match case-sensitively


CUES: tuple[Cue, ...] = (
    # --- the ABAP HTTP client (SCLNT_HTTP, ICM as client) -------------------------------------
    Cue("icm_trace", "sap_http_client", "scope_sap_code",
        r"\bcli SSL session PSE\b|\bIcmConnInitClientSSL\b|\bSSL handshake with \S+:\d+ failed\b|"
        r"\bSapSSLSessionStart(?:NB)?\(\)|\bSecuSSL_SessionStart|\bDirect connect to \S+ failed\b|"
        r"\bConnect to \S+:\d+ failed: NIE|\bProxy connection to \S+ via \S+ failed\b",
        "an ICM trace or error text of an outbound call (the SAP system is the client)"),
    Cue("abap_client", "sap_http_client", "scope_sap_words",
        r"\babap ?Git\b|\bZABAPGIT|\bfrom (?:our |the )?(?:SAP|ABAP)(?: system| server)?\b(?!\s*(?:BTP|Cloud|Business|GUI|UI5))|"
        r"\bSAP (?:says|shows|reports|returns|gives)\b|\bAS ABAP\b|\bcl_(?:web_)?http_client\b|\bif_(?:web_)?http_client\b|"
        r"\bhttp_communication_failure\b|\bHTTP Communication Failure\b|\bRSWF_TEST_HTTP\b|"
        r"\bcreate_by_(?:url|destination)\b|\bget_last_error\b|\bSOAMANAGER\b|\bSM59\b|\bSTRUST\b|"
        r"\bSSL client (?:PSE|Anonym|Standard)|\bSSL[- ]Client \(Anonym|\bANONYM\b|\bDFAULT\b|"
        r"\bSAPSSL[AC]\.pse\b|\bPSE_NOT_FOUND\b|\bwhile creating HTTP client\b|\bCX_REST_CLIENT|"
        r"\bCX_WEB_HTTP_CLIENT|\bdev_icm\b|\bSMICM\b|\bRZ10\b|\bssl/client_ciphersuites\b|\bSE38\b",
        "ABAP-side words: the SAP system calls out through its HTTP client"),
    # --- a status the far server sent ---------------------------------------------------------
    Cue("status_json", "http_status_from_server", "scope_http_status",
        r"[\"']?status(?:Code)?[\"']?\s*:\s*[\"']?[45]\d\d\b|\bRequest failed with status code [45]\d\d\b|"
        r"\bstatus code:? [45]\d\d\b|\bHttp status code [45]\d\d\b|\bResponse returned: \"?[45]\d\d\b|"
        r"\(HTTP [45]\d\d\)|\bHTTP/\d(?:\.\d)? [45]\d\d\b|\blv_(?:http_)?(?:status|code)\b|"
        r"\b[45]\d\d (?:Client|Server) Error\b|\bHTTP Status [45]\d\d\b|\bstatus[:=] ?[45]\d\d\b",
        "a status the far server sent: the connection worked and the server answered"),
    Cue("app_answer", "http_status_from_server", "scope_http_words",
        r"\bCSRF token\b|\bx-csrf-token\b|\binvalid_client\b|\bBad credentials\b|\baccess token\b|"
        r"\bUnauthorized access to resource\b|\bAccess (?:to resource )?forbidden\b|"
        r"\bService cannot be reached\b|\b[45]\d\d[:,]? (?:Not Found|Unauthorized|Forbidden|"
        r"Bad Gateway|Service Unavailable|Gateway Time-?out|Upgrade Required)\b|\bUnauthorized\b",
        "an application's answer (logon, token, path), not a transport error"),
    # --- the SAP system as TLS / HTTP server --------------------------------------------------
    Cue("sap_server", "sap_server_inbound", "scope_inbound",
        r"\bsrv SSL session PSE\b|\bSAPSSLS\.pse\b|\bSSSLERR_SSL_ACCEPT\b|\bIcmConnInitServerSSL\b|"
        r"\bSSL server PSE\b|\bicm/server_port|\bverify_client\b|\bcertificate unknown alert\b|"
        r"\blocalhost:8443\b|\bCloud Connector\b[^\n]{0,60}\b(?:8443|admin(?:istration)? UI)\b|"
        r"\bnot allowed from remote clients\b|\bSSSLERR_NO_CLIENT_CERT\b|"
        r"\b(?:callers?|clients?) of (?:our|the) SAP system\b|\bcall(?:s|ing)? (?:into )?our SAP system\b|\bservice (?:is )?not (?:active|activated)\b|"
        r"/IWFND/MAINT_SERVICE|\bactivate the (?:ICF|OData) service\b|\bCERTRULE\b|\bVUSREXTID\b|"
        r"\bcertificate (?:logon|mapping)\b|\bWeb Dispatcher\b|\bSSL server (?:Standard|certificate)\b|"
        r"\b(?:OData|ICF|HTTP|ADT) service\b[^\n]{0,40}\b(?:inactive|deactivated|not (?:yet )?(?:active|activated|generated))\b|"
        r"\bICM services?\b[^\n]{0,40}\b(?:inactive|stopped|deactivated|off)\b",
        "the SAP system is the server here (someone calls SAP)", "SAP_AS_TLS_SERVER"),
    # --- RFC, gateway, NI without the HTTP client ---------------------------------------------
    Cue("rfc", "rfc_or_network", "scope_rfc",
        r"\bRFC_(?:COMMUNICATION|LOGON)_FAILURE\b|\bpartner '[^']*' not reached\b|\bNiPConnect2\b|"
        r"\bNiBufIConnect\b|\bNiHLGetNodeAddr\b|\bCPIC\b|\bCPI-C\b|\bsapgw\d\d\b|\bgwserv\b|"
        r"\bpyrfc\b|\bnode-rfc\b|\bnwrfcsdk\b|\bstartrfc\b|\bSncPEstablishContext\b|\bGSS-API\b|"
        r"\bSNC\b|\bUCON RFC\b|\bWebsocket RFC\b|\bSAP GUI\b|\bSAP Logon\b|\bhostname '[^']*' unknown\b|"
        r"\bashost\b|\bsysnr\b|\bsaprouter\b|\bSAProuter\b|\bNiRouter|\bNIEROUT_|\broute permission denied\b|"
        r"\bJCo(?:Exception)?\b|\bcom\.sap\.conn\.jco\b|\bmessage server\b|\bsapms\w*\b|\bconnection pending\b|"
        r"\bWSAE[A-Z]+\b|\bERRNO TEXT\b|\bRFC_ERROR_\w+|\bRFC destination\b|\bNiIConnect\b|\bsncgss|"
        r"\bSecure Network Communication\b|\bgateway monitor\b|\bSMGW\b",
        "the RFC / gateway / network layer, not the HTTP client", "RFC_PARTNER_NOT_REACHED"),
    # --- a non-ABAP client with its own trust store -------------------------------------------
    Cue("java", "other_client", "scope_other",
        r"\bPKIX path building failed\b|\bsun\.security\.|\bjavax\.(?:net|mail)\.|\bjava\.(?:io|security|net)\.|"
        r"\biaik\.security\b|\bSSLHandshakeException\b|\bCertPathBuilder|\bChainVerifier\b|"
        r"\bcacerts\b|\bkeytool\b|\bJDK\b|\bJVM\b|\bbuildpack\b|\bsapjvm\b|\bSapMachine\b|"
        r"\bSSLPeerUnverifiedException\b|\bNo subject alternative (?:DNS )?names?\b|\bJDBC\b|\bcertificate_unknown\b|"
        r"\bjava\.net\.\w+Exception\b|\bSocketTimeoutException\b|\bConnection refused: connect\b|"
        r"\bat (?:[a-z]\w*\.)+[A-Z]\w*\.[\w$<>]+\(|\bCaused by: (?:[a-z]\w*\.)+[A-Z]\w*",
        "a Java client: its own trust store (cacerts), not STRUST", "JAVA_PKIX"),
    Cue("node", "other_client", "scope_other",
        r"\bunable to get (?:local )?issuer certificate\b|\bself[- ]signed certificate in (?:the )?(?:certificate )?chain\b|"
        r"\bSELF_SIGNED_CERT_IN_CHAIN\b|\bDEPTH_ZERO_SELF_SIGNED_CERT\b|\bUNABLE_TO_(?:GET|VERIFY)_|"
        r"\bunable to verify the first certificate\b|\bECONNRESET\b|\bECONNREFUSED\b|\bEPROTO\b|"
        r"\bsocket hang up\b|\bAxiosError\b|\baxios\b|\bnode_modules\b|\bTLSSocket\b|\bnpm\b|"
        r"\bNODE_(?:EXTRA_CA_CERTS|TLS_REJECT_UNAUTHORIZED)\b|\bNode\.?js\b|\b--use-system-ca\b|"
        r"\bcustomCA\b|\ballowSelfSigned\b|\bself signed certificate\b|\bETIMEDOUT\b|\bENOTFOUND\b|"
        r"\bEAI_AGAIN\b|\bCERT_HAS_EXPIRED\b|\bUNABLE_TO_VERIFY_LEAF_SIGNATURE\b|\bERR_TLS_\w+|"
        r"\bHostname/IP does not match certificate's altnames\b|\bat \S+ \([^)\n]*\.[cm]?js:\d+:\d+\)",
        "a Node.js client: its own CA list (NODE_EXTRA_CA_CERTS), not STRUST", "NODE_EXTRA_CA_CERTS"),
    Cue("dotnet", "other_client", "scope_other",
        r"\bSslPolicyError|\bRemoteCertificate(?:ChainErrors|NameMismatch)\b|"
        r"\bCould not establish trust relationship\b|\bWebException\b|\bSystem\.Net\.|"
        r"\bThe remote certificate is invalid\b|\bAuthenticationException\b|\bThe remote server returned an error\b",
        "a .NET client: the Windows certificate store, not STRUST", "DOTNET_TRUST"),
    Cue("python", "other_client", "scope_other",
        r"\bCERTIFICATE_VERIFY_FAILED\b|\brequests\.exceptions\b|\burllib3\b|\bREQUESTS_CA_BUNDLE\b|"
        r"\bSSLError\(|\bcertifi\b|\bSSLCertVerificationError\b|\bHTTPSConnectionPool\b|\bMax retries exceeded\b|"
        r"\bTraceback \(most recent call last\)|\bpyodata\b|\bhdbcli\b",
        "a Python client: its own CA bundle, not STRUST", "PYTHON_TRUST"),
    Cue("hana_client", "other_client", "scope_other",
        r"\bRTE:\[3000\d\d\]|\bsslValidateCertificate\b|\bSSL trust store\b|\bhdbsql\b|"
        r"\bhanacloud\.ondemand\.com\b|\bHDI container\b|\bCould not connect to any host\b|"
        r"\bHANA (?:Cloud|client)\b|\bhdbuserstore\b|\bsslTrustStore\b",
        "a HANA client: its own trust store (sslTrustStore), not STRUST", "HANA_CLIENT_TRUST"),
    Cue("openssl_client", "other_client", "scope_other",
        r"\bSSL routines\b|\bWRONG_VERSION_NUMBER\b|\btls_process_server_certificate\b|"
        r"\bcertificate verify failed\b|\bcertificate has expired\b|\bCertificateExpiredException\b|"
        r"\bcertificate_required\b",
        "a client library's own TLS error text (OpenSSL/BoringSSL/Java), not the ICM's"),
    Cue("browser_curl", "other_client", "scope_other",
        r"\bNET::ERR_CERT_|\bERR_CERT_[A-Z_]+\b|\bSEC_ERROR_[A-Z_]+\b|\bYour connection is not private\b|"
        r"\bcurl: \(\d+\)|\bopenssl s_client\b|\bPostman\b|\bwget\b",
        "a browser or a command-line client, with its own trust store"),
    Cue("cloud_connector", "other_client", "scope_other_words",
        r"\bCloud Connector\b|\bSCC\b|\bconnectivitynotification\b|\bBackend Trust Store\b|\bTunnel\b",
        "the SAP Cloud Connector, a Java program with its own trust store", "CLOUD_CONNECTOR_TRUST"),
    Cue("btp_destination", "other_client", "scope_other_words",
        r"\bBTP\b|\bDestination(?:Accessor| service| check)\b|\b(?:in|of) (?:our|the|my) Destination\b|\bdestination\b[^\n]{0,80}\bBTP\b|"
        r"\bConnection Check\b|\bTrustStoreLocation\b|\bTrustAll\b|\bjdk truststore\b|"
        r"\bCloud SDK\b|\bcloud-sdk\b|\bapprouter\b",
        "an SAP BTP destination or Cloud SDK call, with its own trust settings", "BTP_DESTINATION_TRUST"),
    Cue("tools", "other_client", "scope_other_words",
        r"\bVS ?Code\b|\bvscode\b|\bEclipse\b|\bupdate ?site\b|\bmarketplace\.eclipse|"
        r"\bCAP\b|\bcds\b|\bui5\b|\bux-proxy\b|\bkarma\b|\bFiori tools\b|\bPIMON\b|"
        r"\bSOAP receiver channel\b|\bCloud Integration\b|\bCPI\b|\bMessage processing failed\b|"
        r"\bPower Automate\b|\bn8n\b|\bproxyStrictSSL\b|\bFailed to connect to\b|\bxsuaa\b|"
        r"\bBusiness Application Studio\b|\bCloud Foundry\b|\bcf (?:push|login)\b|\bIntegration Suite\b|\biFlow\b|"
        r"\bSQLDBC\b|\bODBC\b|\bSAP Analytics Cloud\b",
        "a tool outside the ABAP stack (IDE, UI5 tooling, integration)", None),
)

SCOPES = (
    "sap_http_client",
    "http_status_from_server",
    "sap_server_inbound",
    "rfc_or_network",
    "other_client",
    "unknown",
)


@cache
def _pattern(position: int) -> re.Pattern[str]:
    cue = CUES[position]
    return re.compile(cue.pattern, 0 if cue.case else re.IGNORECASE)


def compiled() -> tuple[tuple[Cue, re.Pattern[str]], ...]:
    """Every cue with its pattern (compiling them all costs ~10 ms: `cues_in` compiles
    only the ones whose literal anchors are in the text)."""
    return tuple((cue, _pattern(i)) for i, cue in enumerate(CUES))


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (outside groups and classes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_LITERAL_ESCAPES = frozenset("./-'\"")


def _anchor(alternative: str) -> str:
    """The longest run of literal characters every match of `alternative` must contain
    (groups, classes, escapes and optional characters end a run), lower-cased."""
    runs: list[str] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    i = 0
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\" and i + 1 < len(alternative):
            nxt = alternative[i + 1]
            if nxt in _LITERAL_ESCAPES:
                run.append(nxt)
            else:
                end_run()
            i += 2
            continue
        if ch in "?*{":
            if run:
                run.pop()  # the character before is optional
            end_run()
            if ch == "{":
                i = alternative.find("}", i) if "}" in alternative[i:] else len(alternative)
            i += 1
            continue
        if ch in "([":
            end_run()
            close = ")" if ch == "(" else "]"
            depth = 0
            while i < len(alternative):
                c = alternative[i]
                if c == "\\":
                    i += 2
                    continue
                depth += c == ch
                depth -= c == close
                i += 1
                if depth == 0:
                    break
            if i < len(alternative) and alternative[i] in "?*{":
                continue  # an optional group: the run before it still counts
            continue
        if ch in "+^$.":
            if ch != "+":
                end_run()
            i += 1
            continue
        run.append(ch)
        i += 1
    end_run()
    return max(runs, key=len, default="").lower()


@lru_cache(maxsize=1)
def _split() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Per cue, its alternatives with their literal anchors ('' when an alternative has
    none of three characters or more: it is always tried)."""
    out = []
    for cue in CUES:
        alternatives = []
        for alt in _alternatives(cue.pattern):
            anchor = "" if cue.case else _anchor(alt)
            alternatives.append((alt, anchor if len(anchor.strip()) >= 3 else ""))
        out.append(tuple(alternatives))
    return tuple(out)


def anchors() -> tuple[tuple[str, ...] | None, ...]:
    """Per cue, the anchors of its alternatives (None: some alternative has none)."""
    return tuple(
        None if any(not a for _, a in alts) else tuple(a for _, a in alts) for alts in _split()
    )


@cache
def _alternative(position: int, index: int) -> re.Pattern[str]:
    cue = CUES[position]
    return re.compile(_split()[position][index][0], 0 if cue.case else re.IGNORECASE)


WINDOW = 6000  # a long paste is searched in its head and its tail (where the errors are)


def cues_in(text: str) -> list[Cue]:
    """The cues found in `text`, in the order of CUES. A long paste is searched in its
    first and last WINDOW characters: a runtime's or a layer's markers are near the error
    lines. Each alternative of a cue is compiled and tried only when its literal anchor
    is in the text, so a question costs a few substring tests per cue, not a regex pass
    over the text for each of some 300 alternatives."""
    if len(text) > 2 * WINDOW:
        text = text[:WINDOW] + "\n" + text[-WINDOW:]
    lower = text.lower()
    found = []
    for position, (cue, alternatives) in enumerate(zip(CUES, _split(), strict=True)):
        for index, (_, anchor) in enumerate(alternatives):
            if anchor and anchor not in lower:
                continue
            if _alternative(position, index).search(text):
                found.append(cue)
                break
    return found

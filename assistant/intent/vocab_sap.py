"""Rows of the scope vocabulary (the SAP side: a status the far server sent, the SAP system as server — its rows in vocab_inbound.py —, RFC/gateway/NI/SNC, the ICM and the ABAP HTTP client as client); see scopevocab.py for the format and the classes.

(family, strength, text, source[, regex]) — `source` is a key of scopesources.py.
"""

from __future__ import annotations

import re

from assistant.intent.scopevocab_types import DECISIVE, INDICATIVE, OTHER_SAP_PRODUCTS, WEAK, Row
from assistant.intent.vocab_inbound import SERVER_SIDE_CUES

D, I, W = DECISIVE, INDICATIVE, WEAK  # noqa: E741 (short names keep the table readable)
_STATUS = r"[45]\d\d"  # a 4xx/5xx status
_NOT_PROXY_STATUS = r"(?!407)[45]\d\d"  # 407 is the proxy's own answer (the SAP client's 416)
# What a far server's answer is said to be: "returns", "answers with", "we get a" …
_ANSWERED = (
    r"\b(?:returns?|returned|returning|answers?|answered|answering|respond(?:s|ed|ing)?"
    r"|repl(?:y|ies|ied|ying)|response(?: body| code)?(?: is| was)?|gets?|got|getting|receiv(?:e|es|ed|ing)"
    r"|throws?|throwing|gives?|gave|giving|ends?|ended|fails?|failed|failing)(?: back)?(?: with)?:? (?:an? |the )?(?:HTTP )?(?:(?:error|message|response)(?: text)?:? )?[\"'(]?"
)
# A client's exception whose message is the reason phrase ("OTLPExporterError: Bad Request",
# "HttpError: Not Found"): the far server's answer, raised by the client that got it.
_RAISED = r"\w+(?:Error|Exception):\s*(?:\d{3}\s*)?"
# A refusal quoted as the error itself ("the error 'Not authorized' occurs when …").
_QUOTED_AS_THE_ERROR = r"\berror(?: message| text)?:? [\"'“‘]"
# A far server's refusal in words that are no reason phrase, said to have come back ("the
# API returns 'Access denied'", "we get error 'Not authorized'"): its answer all the same.
# An OAuth error code, bounded on its right and not the tail of a longer snake_case name.
_OAUTH_CODE = r"(?<!_){0}\b"
_REFUSALS = (
    ("Access denied", "azure-apim"), ("Not authorized", "azdo-tf400813"), ("Not authorised", "azdo-tf400813"),
)
# A chosen part of httpstatus.HTTP_REASONS (and its older names): phrases that, said to have
# come back, can only be a server's answer. Left out: 407 (the proxy's, the SAP client's 416),
# timeouts (the ICM times out too), 426 (a proxy's status to the SAP client) and one-word
# reasons that are everyday words ("Gone", "Locked", "Conflict").
_REASON_PHRASES = (
    "Not Found", "Unauthorized", "Unauthorised", "Forbidden", "Bad Request", "Internal Server Error",
    "Service Unavailable", "Bad Gateway", "Gateway Timeout", "Method Not Allowed", "Unsupported Media Type",
    "Too Many Requests", "Request Entity Too Large", "Payload Too Large", "Not Acceptable", "Precondition Failed",
    "Length Required", "Unprocessable Entity",
)

# abapGit's "While creating HTTP Client", as people retell it: "when creating the HTTP
# client", "creating the HTTP client failed", "failed to create an HTTP client", "the HTTP
# client could not be created", "HTTP client creation failed" — a failure of creating it.
_HTTP_CLIENT_NOT_CREATED = (
    r"\b(?:(?:while|when|during) creating (?:the |an? )?HTTP client\b"
    r"|(?:fail(?:s|ed)?|unable|not able|could ?n[o']t|can ?n[o']?t) to create (?:the |an? )?HTTP client\b"
    r"|(?:creat(?:ing|ion of) (?:the |an? )?HTTP client|HTTP client creation) (?:fail|is not possible|was not possible)"
    r"|HTTP client (?:could ?n[o']t|can ?n[o']?t|was not|is not) (?:be )?created\b)"
)

SAP_SIDE_CUES: tuple[Row, ...] = (
    # ================= http_status_from_server ====================================================
    ("client_status", D, "status", "axios-code", r"[\"']?status(?:Code)?[\"']?\s*:\s*[\"']?" + _NOT_PROXY_STATUS + r"\b"),
    ("client_status", D, "request failed with status code", "axios-status"),
    ("client_status", D, "server returned http response code", "java-url-status"),
    ("client_status", D, "response status code does not indicate success", "dotnet-status"),
    ("client_status", D, "client error", "py-raise", r"\b4\d\d Client Error\b"),
    ("client_status", D, "server error", "py-raise", r"\b5\d\d Server Error\b"),
    ("client_status", D, "the requested url returned error", "curl-fail"),
    # Spring's RestTemplate / RestClient and WebClient raise the far server's 4xx/5xx as these exceptions.
    ("client_status", D, "HttpClientErrorException", "spring-rest-status"),
    ("client_status", D, "HttpServerErrorException", "spring-rest-status"),
    ("client_status", D, "WebClientResponseException", "spring-webclient-status"),
    ("client_status", D, "the remote server returned an error", "powershell", r"returned an error: \(" + _STATUS + r"\)"),
    ("status", D, "http/", "status-phrases", r"\bHTTP/\d(?:\.\d)? " + _NOT_PROXY_STATUS + r"\b"),
    ("status", D, "status code", "axios-status", r"\bstatus code:? " + _NOT_PROXY_STATUS + r"\b"),
    ("status", D, "http status", "py-401", r"\bHTTP status(?: code)?:? " + _NOT_PROXY_STATUS + r"\b"),
    ("status", D, "(http ", "abapgit-status", r"\(HTTP (?:3\d\d|" + _NOT_PROXY_STATUS + r")\)"),
    ("client_status", D, "http error", "py-urllib-status", r"\bHTTP Error " + _NOT_PROXY_STATUS + r": "),
    ("status", D, "http code:", "srt-consumer", r"HTTP Code: " + _NOT_PROXY_STATUS + r"\b"),
    ("status", D, "HTTP-Code", "emarsys-http-code", r"\bHTTP[-_]Code:? " + _NOT_PROXY_STATUS + r"\b"),
    ("status", D, "HTTP redirect", "abapgit-status"),
    # A reason phrase without its number, said to be what came back ("the API answers with
    # Bad Request", "returns Unauthorized"): the far server's answer all the same.
    *(("status", I, phrase, "status-phrases", f"(?:{_ANSWERED}|{_RAISED})" + re.escape(phrase) + r"\b")
      for phrase in _REASON_PHRASES),
    *(("app_answer", I, phrase, source, f"(?:{_ANSWERED}|{_QUOTED_AS_THE_ERROR})" + re.escape(phrase) + r"\b")
      for phrase, source in _REFUSALS),
    ("app_answer", I, "api", "apigee-faults", _ANSWERED + r"Invalid API ?key\b"),
    # A logon the far server refused, in its words or the reporter's: the server answered
    # (a 401 or a login page) — not a transport error. Not the proxy's logon (416). "Wrong
    # credentials" alone only leans: it is also named as one possible reason among others.
    ("app_answer", W, "credentials", "server-invalid-credentials",
     r"(?<!proxy )\b(?:invalid|wrong|incorrect|bad) (?:credentials|user ?(?:name)? ?(?:or|and|/) ?password)\b"),
    ("app_answer", I, "password", "server-invalid-credentials",
     r"\buser ?(?:name)? ?(?:or|and|/) ?password (?:is|are|was|were) (?:incorrect|wrong|invalid)\b"),
    ("app_answer", I, "credential", "server-invalid-credentials",
     r"(?<!proxy )\bcredentials? (?:is |are |was |were )?(?:being |getting )?(?:rejected|refused|not accepted)\b"),
    ("app_answer", I, "authentication incorrect", "server-invalid-credentials"),
    ("status", D, "moved permanently", "status-phrases", r"\b30[18][:,]? (?:Moved Permanently|Permanent Redirect)\b"),
    ("status", D, "temporary redirect", "status-phrases", r"\b30[27][:,]? (?:Found|Temporary Redirect)\b"),
    ("status", D, "unauthorized", "abapgit-status", r"\bHTTP 401, unauthorized\b"),
    ("status", D, "forbidden", "abapgit-status", r"\bHTTP 403, forbidden\b"),
    ("status", D, "not found", "abapgit-status", r"\bHTTP 404, not found\b"),
    ("status", D, "bad request", "status-phrases", r"\b400[:,]? Bad Request\b"),
    ("status", D, "unauthorized", "status-phrases", r"\b401[:,]? Unauthori[sz]ed\b"),
    ("status", D, "forbidden", "status-phrases", r"\b403[:,]? Forbidden\b"),
    ("status", D, "not found", "status-phrases", r"\b404[:,]? Not Found\b"),
    ("status", D, "method not allowed", "status-phrases-2", r"\b405[:,]? Method Not Allowed\b"),
    ("status", D, "conflict", "status-phrases-2", r"\b409[:,]? Conflict\b"),
    ("status", D, "precondition failed", "status-phrases-2", r"\b412[:,]? Precondition Failed\b"),
    ("status", D, "internal server error", "status-phrases", r"\b500[:,]? Internal Server Error\b"),
    ("status", D, "bad gateway", "status-phrases", r"\b502[:,]? Bad Gateway\b"),
    ("status", D, "service unavailable", "status-phrases", r"\b503[:,]? Service Unavailable\b"),
    ("status", D, "gateway time", "status-phrases", r"\b504[:,]? Gateway Time-?out\b"),
    ("status", D, "upgrade required", "status-phrases-3", r"\b426\W{0,3}Upgrade Required\b"),
    ("status", I, "www-authenticate", "status-401"),
    ("status", I, "response.status", "axios-code"),
    ("status", I, "get_status", "abap-status"),
    ("status", I, "lv_http_status", "abap-status"),
    ("status", I, "lv_status", "abap-status"),
    ("status", I, "lv_code", "abap-status"),
    ("status", I, "ERR_BAD_REQUEST", "axios-code"),
    ("status", I, "ERR_BAD_RESPONSE", "axios-code"),
    ("status", W, "Unauthorized", "status-phrases"),
    ("status", W, "Forbidden", "status-phrases"),
    ("status", W, "Bad Gateway", "status-phrases"),
    ("status", W, "Gateway Timeout", "status-phrases"),
    ("status", W, "Service Unavailable", "status-phrases"),
    # A reason phrase of several words no other text uses, even when no verb says it came back
    # ("Too Many Requests", "Unsupported Media Type when posting JSON"): it only leans.
    *(("status", W, phrase, "status-phrases") for phrase in (
        "Bad Request", "Method Not Allowed", "Unsupported Media Type", "Too Many Requests", "Request Entity Too Large",
        "Payload Too Large", "Unprocessable Entity", "Precondition Failed", "Length Required", "Internal Server Error")),
    ("status", W, "service not available", "icm-errors"),
    ("app_answer", D, "CSRF token validation failed", "csrf-kba"),
    ("app_answer", D, "CSRF Token required", "csrf-blog"),
    ("app_answer", D, "CSRF Token expired", "csrf-blog"),
    ("app_answer", I, "x-csrf-token", "csrf-blog"),
    ("app_answer", I, "innererror", "odata-error"),
    ("app_answer", I, "errordetails", "odata-error"),
    ("app_answer", I, "\"error\"", "odata-schema", r"\"error\"\s*:\s*\{\s*\"code\""),
    ("app_answer", W, "CSRF", "csrf-blog"),
    # A git host's or a REST API's own refusal, in its words: the server answered (abapGit's
    # clones and pushes, an ABAP program calling GitHub or Azure DevOps).
    ("app_answer", I, "Bad credentials", "github-api-401"),
    # GitHub's body; "the proxy requires authentication" is a proxy's logon (416), not it.
    ("app_answer", I, "Requires authentication", "github-api-401",
     r"(?<!proxy )(?<!proxy server )(?<!proxies )\bRequires authentication\b"),
    ("app_answer", I, "Must authenticate to access this API", "github-api-401"),
    ("app_answer", D, "Support for password authentication was removed", "github-password-removed"),
    ("app_answer", D, "HTTP Basic: Access denied", "git-auth-failed"),
    ("app_answer", I, "Authentication failed for", "git-auth-failed", r"\bAuthentication failed for '?https?://"),
    ("app_answer", D, "TF400813", "azdo-tf400813"),
    ("app_answer", W, "access token", "py-401"),
    ("app_answer", D, "faultstring", "apigee-faults"),
    ("app_answer", D, "steps.", "apigee-faults", r"\bsteps\.[a-z0-9]+\.[A-Z]\w+"),
    ("app_answer", I, "Failed to resolve API Key", "apigee-faults"),
    # The codes are bounded by the regex on their right only: a JSON body copied flat from a
    # browser runs its "error_description" into its "error" ("… for this resourceinsufficient_scope").
    *(("app_answer", D, code, "oauth-errors", _OAUTH_CODE.format(code)) for code in (
        "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope")),
    # A resource server's refusal of a bearer token (its WWW-Authenticate error codes).
    *(("app_answer", D, code, "oauth-bearer-errors", _OAUTH_CODE.format(code))
      for code in ("invalid_request", "invalid_token", "insufficient_scope")),
    # A far service's refusal relayed by the client that asked it (the Cloud SDK's "The destination
    # service responded with an error: …"): the service answered, whatever the client is.
    ("app_answer", I, "with an error", "cloud-sdk-dest-token",
     r"\b(?:service|server|endpoint|API|backend|provider)s? (?:responded|answered|replied) with an error\b"),
    # A logon the server refused, as the client that sent it reports it ("Login failed. Check your
    # credentials."): the server answered (a 401), not a transport error.
    ("app_answer", I, "check your", "login-failed-check", r"\bLog ?(?:in|on) failed\W{1,3}(?:please )?check your\b"),
    # A REST framework's default refusal of a user without the right (Django REST framework's
    # PermissionDenied, answered 403): the server decided, in its words.
    ("app_answer", I, "permission to perform this action", "drf-permission-denied",
     r"\b(?:don'?t|do not|doesn'?t|does not) have (?:the )?permissions? to perform this action\b"),
    # A server refusing a request that came without its credentials header (answered 401).
    ("app_answer", I, "authorization header", "auth-header-missing",
     r"\bAuthori[sz]ation header (?:was |is )?(?:not found|missing|required)\b|\b(?:missing|no) Authori[sz]ation header\b"),
    # The far side's own refusal pages and API gateways, in their words: Microsoft Entra ID's
    # token endpoint (AADSTS codes), Azure API Management, AWS API Gateway, Spring Security,
    # Apache's and IIS's default error pages. The call reached a server that answered.
    ("app_answer", D, "AADSTS", "azure-ad-aadsts", r"\bAADSTS\d{5,}"),
    ("app_answer", D, "Access denied due to missing subscription key", "azure-apim"),
    ("app_answer", D, "Access denied due to invalid subscription key", "azure-apim"),
    ("app_answer", I, "Ocp-Apim-Subscription-Key", "azure-apim"),
    ("app_answer", D, "Missing Authentication Token", "aws-apigw"),
    ("app_answer", D, "MissingAuthenticationTokenException", "aws-apigw"),
    ("app_answer", I, "x-amzn-ErrorType", "aws-apigw"),
    ("app_answer", D, "Full authentication is required to access this resource", "spring-security-401"),
    ("app_answer", D, "was not found on this server", "apache-404", r"\bThe requested URL \S*\s?was not found on this server\b"),
    ("status", D, "http error", "iis-detailed-error", r"\bHTTP Error [1-5]\d\d\.\d+ - [A-Z]"),
    # A far server's refusal said in plain words, with no number: the thing asked for does not
    # exist there (its 404 Not Found: "the repo doesn't exist", "the route does not exist"), or it
    # takes no call without credentials (its 401: "no longer supports anonymous access", "clones
    # with anonymous access"). The server answered; its fix lives there (a repository, a path,
    # credentials), not in the caller's connection. Only things a server holds, not a local file,
    # a user or a destination; and not STRUST's "anonymous SSL client" (a PSE, no access).
    ("app_answer", I, "exist", "http-404-words",
     r"\b(?:repo|repos|repository|repositories|route|routes|resource|resources|endpoint|endpoints|entity|entity set"
     r"|branch|branches|bucket|buckets|url|urls)\b(?: \S+){0,2}? (?:does ?n[o'’]?t|do ?n[o'’]?t|did ?n[o'’]?t|no longer"
     r"|not|never) exists?\b"),
    ("app_answer", I, "anonymous", "git-anonymous-clone",
     r"\b(?:with|via|using|over|by) anonymous (?:access|clon\w*|pull\w*|fetch\w*|read\w*)\b"
     r"|\b(?:no longer|not|n[o'’]?t|never) (?:supports?|supported|allows?|allowed|accepts?|accepted|permits?|permitted)"
     r" anonymous(?:ly)? (?:access|clon\w*|pull\w*|fetch\w*|read\w*)\b"
     r"|\banonymous (?:access|clon\w*|pull\w*|fetch\w*)(?: \w+){0,3} (?:is |are |was |were |has been )?"
     r"(?:(?:not|no longer) (?:supported|allowed|possible|permitted|accepted)|disabled|denied|refused|rejected|blocked)\b"),
    # ================= sap_server_inbound: vocab_inbound.py ======================================
    *SERVER_SIDE_CUES,
    # ================= rfc_or_network ===============================================================
    ("rfc", D, "RFC_COMMUNICATION_FAILURE", "rfc-rc"),
    ("rfc_logon", D, "RFC_LOGON_FAILURE", "rfc-rc"),
    ("rfc", D, "RFC_SYSTEM_FAILURE", "rfc-rc"),
    ("rfc", D, "RFC_ABAP_RUNTIME_FAILURE", "rfc-invoke"),
    ("rfc", D, "not reached", "gui-network", r"\bpartner '[^'\n]*' not reached\b"),
    # Without the quoted partner it may be the ICM's own page after a failed HTTP call
    # ("404 Resource not found: Partner not reached"): it only leans to the RFC layer.
    ("rfc", W, "partner not reached", "gui-network"),
    ("rfc", D, "NI (network interface)", "ni-block"),
    ("rfc", D, "NiPConnect", "ni-block"),
    ("rfc", D, "NiPConnect2", "ni-block"),
    ("rfc", D, "NiBufIConnect", "ni-block"),
    ("rfc", D, "NiHLGetNodeAddr", "ni-block"),
    ("rfc", D, "NiIConnect", "ni-block"),
    ("rfc", D, "NiRClientHandle", "ni-block"),
    ("rfc", D, "NiPRead", "gui-disp"),
    ("rfc", D, "CPIC (TCP/IP)", "cpic-note"),
    ("rfc", D, "CPI-C", "cpic-note"),
    ("rfc", D, "CPIC-CALL", "cpic-note"),
    ("rfc", D, "CPIC-RC", "cpic-note"),
    ("rfc", D, "CMALLC", "cpic-note"),
    ("rfc", D, "ThSAPOCMINIT", "cpic-note"),
    ("rfc", I, "COMMUNICATION_FAILURE", "rfc-exceptions"),
    ("rfc", I, "SYSTEM_FAILURE", "rfc-exceptions"),
    ("rfc", I, "ERRNO TEXT", "ni-block"),
    ("rfc", I, "CPICERR", "cpicerr"),
    ("rfc", I, "Connection closed by partner", "gw-244"),
    ("rfc", I, "hostname", "gui-network", r"\bhostname '[^'\n]*' unknown\b"),
    ("rfc", I, "SAProuter", "ni-block"),
    ("rfc", I, "route expected", "ni-block"),
    ("rfc", D, "route permission denied", "saprouter-errors"),
    ("rfc", I, "saprouttab", "saprouter-table"),
    ("rfc", W, "WSAE", "winsock-codes", r"\bWSAE[A-Z]+\b"),
    ("sap_host_control", D, "sapcontrol", "sapcontrol-cli", r"\bsapcontrol\b"),
    ("sap_host_control", D, "saphostctrl", "sapcontrol-cli"),
    ("sap_host_control", D, "sapstartsrv", "sapstartsrv-ports"),
    ("sap_host_control", I, "Host Agent", "sapcontrol-cli", r"\bSAP Host ?Agent\b"),
    ("rfc", I, "sapgw", "services-file", r"\bsapgw\d\d\b"),
    ("rfc", I, "sapms", "services-file", r"\bsapms\w+"),
    ("rfc", I, "sapdp", "services-file", r"\bsapdp\d\d\b"),
    # SM59 calls every destination an RFC destination; one "of type G/H" is an HTTP one.
    ("rfc", I, "RFC destination", "rfc-exceptions",
     r"(?<!HTTP )(?<!HTTPS )\bRFC[- ]destinations?\b(?![^.\n]{0,25}?\b[Tt]ype\s*['\"(]?[GH]\b)"),
    # The NI block writes it in capitals before the number ("ERRNO   111"); "errno: 111" and
    # Python's "[Errno 111]" are other programs' words.
    ("rfc", W, "ERRNO", "ni-block", r"(?-i:\bERRNO\s+\d)"),
    ("rfc", W, "RFC", "rfc-rc"),
    ("rfc", W, "BAPI", "logicapps"),
    ("rfc", W, "Connection broken", "gui-network"),
    # SM59's ABAP connection (type 3) is an RFC destination, not an HTTP one.
    ("rfc", I, "ABAP connection", "sm59-conn-types", r"\bABAP connections?\b"),
    ("rfc", I, "type 3", "sm59-conn-types", r"\b(?:connection )?type\s*['\"(]?3\b['\")]?(?! ?(?:kb|mb|gb|%|seconds|min))"),
    ("gateway", D, "SAP-Gateway", "gw-not-registered"),
    ("gateway", D, "gwr3cpic", "cpic-note"),
    ("gateway_acl", D, "registration of tp", "gw-acl"),
    ("gateway", D, "timeout during allocate", "gw-allocate"),
    ("gateway", I, "not registered", "gw-not-registered", r"\b(?:TP|program) \S+ not registered\b"),
    ("gateway_acl", I, "gw/acl_mode", "gw-acl"),
    ("gateway_acl", I, "gw/reg_info", "gw-acl"),
    ("gateway_acl", I, "gw/sec_info", "gw-acl"),
    ("gateway_acl", I, "reginfo", "gw-acl"),
    ("gateway_acl", I, "secinfo", "gw-acl"),
    ("gateway", I, "GW_CONNECT_FAILED", "gw-codes"),
    ("gateway", I, "NI_READ_FAILED", "gw-codes"),
    ("gateway", I, "dev_rd", "gw-codes"),
    ("gateway", I, "SMGW", "gw-not-registered"),
    ("ucon", D, "UCON RFC Rejected", "ucon-rfc"),
    ("ucon", I, "UCONCOCKPIT", "ucon-ca"),
    ("snc", D, "GSS-API", "snc-kerberos"),
    ("snc", D, "Unable to load GSS-API", "snc-lib"),
    ("snc", D, "not in ACL", "snc-acl"),
    ("snc", I, "SNCSYSACL", "snc-acl"),
    ("snc", I, "USRACLEXT", "snc-acl-ext"),
    ("snc", I, "snc/gssapi_lib", "snc-lib"),
    ("snc", I, "snc/identity", "snc-lib"),
    ("snc", I, "SNC_LIB", "snc-lib"),
    ("snc", I, "Secure Network Communication", "snc-client-enc"),
    ("snc", I, "Unencrypted communication is rejected", "snc-lib"),
    ("snc", I, "Secure Login Client", "snc-kerberos"),
    ("snc", I, "SNC", "snc-client-enc"),
    ("rfc_lib", D, "JCO_ERROR_", "jco"),
    ("rfc_lib", D, "JCoException", "jco"),
    ("rfc_lib", D, "com.sap.conn.jco", "jco"),
    ("rfc_lib", D, "RfcOpenConnection", "rfc-ini-file"),
    ("rfc_lib", D, "RfcLibError", "rfc-rc"),
    ("rfc_lib", D, "SAP.Middleware.Connector", "nco-notes"),
    ("rfc_lib", D, "RfcCommunicationException", "nco-notes"),
    # The RFC libraries' exception classes (NCo's RfcLogonException, RfcAbapMessageException …
    # and .NET wrappers named after them).
    ("rfc_lib", I, "rfc", "logicapps", r"\bRfc\w*Exception\b"),
    ("rfc_lib", I, "JCo", "jco"),
    ("rfc_lib", I, "NCo", "nco-blog"),
    ("rfc_lib", I, ".NET Connector", "nco-blog"),
    ("rfc_lib", I, "TLS_SAPCRYPTOLIB", "pyrfc-doc"),
    ("rfc_lib", I, "WebSocket RFC", "pyrfc-doc"),
    ("rfc_lib", I, "dev_jrfc", "gw-acl"),
    ("rfc_lib", I, "sapnwrfc.ini", "rfc-ini"),
    ("rfc_lib", I, "saprfc.ini", "rfc-ini-file"),
    ("rfc_lib", I, "RFC_INI", "rfc-ini-file"),
    ("rfc_lib", I, "nwrfc", "rfc-ini"),
    ("rfc_lib", I, "pyrfc", "pyrfc-doc"),
    ("rfc_lib", I, "node-rfc", "pyrfc-doc"),
    ("rfc_lib", I, "SapNwRfc", "sapnwrfc-dotnet"),
    ("rfc_lib", I, "NwRfcNet", "sapnwrfc-dotnet"),
    ("rfc_lib", I, "SapConnection", "sapnwrfc-dotnet", r"\bSap(?:Pooled)?Connection\b"),
    ("rfc_lib", I, "RFCError", "pyrfc-doc"),
    ("rfc_lib", I, "ashost", "rfc-ini"),
    ("rfc_lib", I, "mshost", "rfc-ini"),
    ("rfc_lib", I, "gwhost", "rfc-ini"),
    ("rfc_lib", I, "gwserv", "rfc-ini"),
    ("rfc_lib", I, "sysnr", "rfc-ini"),
    ("rfc_lib", I, "R3NAME", "rfc-ini"),
    ("rfc_lib", I, "PROGID", "rfc-ini"),
    ("sap_gui", W, "SAP GUI", "gui-network"),
    ("sap_gui", W, "SAPGUI", "gui-network"),
    ("sap_gui", W, "SAP Logon", "snc-kerberos"),
    ("sap_gui", I, "dev_disp", "gui-disp"),
    # ================= sap_http_client: the ICM and the ABAP HTTP client as client ================
    ("icm_client", D, "SSL handshake with", "icm-client-trace", r"SSL handshake with \S+:\d+ failed"),
    ("icm_client", D, "IcmConnInitClientSSL", "icm-client-old"),
    ("icm_client", D, "SapSSLSessionStartNB", "icm-client-trace"),
    ("icm_client", D, "Proxy connection to", "icm-client-trace", r"Proxy connection to \S+ via \S+ failed"),
    ("icm_client", D, "failed: NIE", "steamgate", r"connect to \S+:\d+ failed: NIE"),
    ("icm_client", D, "SAPSSLA", "client-pse"),
    ("icm_client", D, "SAPSSLC", "client-pse"),
    ("icm_client", D, "HTTPIO_PLG_CANCELED", "srt-consumer"),
    ("icm_client", I, "SSL client PSE", "client-pse"),
    ("icm_client", I, "SSL client Anonym", "untrusted-wiki"),
    ("icm_client", I, "SSL client Anonymous", "client-pse"),
    # SM59's HTTP types: "type G", "type 'H'", "type (G)" (the gate is the word, the regex decides).
    ("icm_client", I, "type", "sm59-http-types", r"\b[Tt]ype\s*['\"(]?[GH]\b"),
    # An SM59 HTTP(S) destination; BTP has HTTP destinations too, so the words only lean.
    ("icm_client", W, "HTTP destination", "sm59-http-types", r"\bHTTPS? destination\b"),
    ("icm_client", W, "HTTPS destination", "sm59-http-types", r"\bHTTPS? destination\b"),
    ("icm_client", I, "HTTP connection to external server", "sm59-http-types"),
    ("icm_client", I, "HTTP connection to an external server", "sm59-http-types"),
    ("icm_client", I, "HTTP connection to ABAP system", "sm59-http-types"),
    ("icm_client", I, "HTTP Connection to Ext. Server", "sm59-http-types"),
    ("icm_client", I, "SSL client Standard", "untrusted-wiki"),
    ("icm_client", I, "SSL-Client", "untrusted-wiki"),
    ("icm_client", I, "icm/HTTPS/client_sni", "sni-aws"),
    ("icm_client", I, "ssl/client_ciphersuites", "abapgit-ssl"),
    ("icm_client", I, "HTTP Client Proxy", "sicf-proxy"),
    # SICF's proxy settings are for the system's outgoing requests (SICF itself leans inbound).
    ("icm_client", I, "SICF", "sicf-proxy", r"\bproxy\b[^.\n]{0,40}\bSICF\b|\bSICF\b[^.\n]{0,40}\bproxy\b"),
    ("abap_client", D, "http_communication_failure", "abap-client-code"),
    ("abap_caller", I, "cl_http_client", "abap-client-code"),
    ("abap_caller", I, "if_http_client", "abap-client-code"),
    ("abap_caller", I, "cl_web_http_client", "abap-client-code"),
    ("abap_caller", I, "if_web_http_client", "abap-client-code"),
    ("abap_client", I, "cx_web_http_client_error", "abap-client-code"),
    ("abap_caller", I, "create_by_url", "abap-client-code"),
    ("abap_caller", I, "create_by_destination", "abap-client-code"),
    ("abap_client", I, "get_last_error", "abap-client-code"),
    ("abap_caller", I, "cl_rest_http_client", "abap-rest-client"),
    ("abap_caller", I, "if_rest_client", "abap-rest-client"),
    ("abap_client", I, "cx_rest_client_exception", "abap-rest-client"),
    ("abap_caller", I, "cl_web_http_client_manager", "abap-cloud-client"),
    ("abap_caller", I, "create_by_http_destination", "abap-cloud-client"),
    ("abap_caller", I, "cl_http_destination_provider", "abap-cloud-client"),
    ("abap_client", I, "cx_http_dest_provider_error", "abap-cloud-client"),
    ("abap_caller", I, "create_by_cloud_destination", "btp-abap-dest"),
    ("abap_caller", W, "communication arrangement", "btp-abap-dest"),
    ("abap_caller", W, "ABAP", "issue-8",
     r"\b(?:our|the|my|an?|in)(?: own)? ABAP (?:reports?|programs?|class(?:es)?|code|methods?)\b"),
    ("abap_caller", I, "abapGit", "abapgit-ssl"),
    ("abap_caller", I, "ZABAPGIT", "abapgit-standalone", r"\bZABAPGIT\w*"),
    ("abap_client", I, "HTTP Communication Failure", "abap-client-code"),
    ("abap_client", W, "STRUST", "untrusted-wiki"),
    ("abap_caller", W, "SM59", "untrusted-wiki"),
    ("abap_client", W, "SMICM", "untrusted-wiki"),
    ("abap_client", W, "dev_icm", "untrusted-wiki"),
    ("abap_client", W, "ANONYM", "client-pse"),
    ("abap_caller", W, "SOAMANAGER", "srt-consumer"),
    ("abap_caller", W, "SRT_UTIL", "srt-consumer"),
    ("abap_caller", W, "from", "issue-8",
     r"\bfrom (?:our |the |my )?(?:(?:SAP|ABAP)|(?:SAP )?(?:ECC|S/4(?:HANA)?|S4(?:HANA)?|ERP|NetWeaver))"
     # not a product, a GitHub org path ("from SAP/jenkins-library") or SAP the company's pages
     r"(?: system| server)?\b(?!\s*" + OTHER_SAP_PRODUCTS + r"|[/'’]|\s+(?:support|notes?|help|community|documentation"
     r"|docs|tutorials?|web ?site|samples?|repos?(?:itory)?)\b)"),
    ("abap_client", I, "while creating HTTP client", "abapgit-pse-missing"),
    # The same failure in the reporter's words: the creation of the HTTP client itself failed
    # (cl_http_client=>create_by_url / create_by_destination return an exception before any
    # call is sent), not a call the client made.
    ("abap_client", I, "HTTP client", "abapgit-pse-missing", _HTTP_CLIENT_NOT_CREATED),
)

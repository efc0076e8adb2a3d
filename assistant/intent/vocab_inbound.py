"""Rows of the scope vocabulary for the SAP side as server, in its own words: its SSL server
PSE and TLS accept, its ICM ports and parameters, its ICF services and HTTP request handlers,
its logon by certificate or SAML, the Cloud Connector's own UI, XS advanced's services. See
scopevocab.py for the row format and the classes; vocab_logons.py holds the same side as its
users meet it (a logon refused, an app that does not start).

A table of its own beside vocab_sap.py (the far server's status, RFC and the SAP HTTP
client): which side is the server is the question these rows answer (scope.py, rule 3).
"""

from __future__ import annotations

from assistant.intent.scopevocab_types import DECISIVE, INDICATIVE, OTHER_SAP_PRODUCTS, WEAK, Row

D, I, W = DECISIVE, INDICATIVE, WEAK  # noqa: E741 (short names keep the table readable)
# The text shows no 404 anywhere (the ICF page's 404 is read apart: see the catalogue below).
_NO_404 = r"(?s)\A(?!.*?\b404\b)"
# A 5xx the server sent: "HTTP 500", "HTTP/1.1 503", "500 Internal Server Error".
_SERVER_ERROR = r"(?:\bHTTP[ /](?:\d\.\d )?5\d\d\b|\b5\d\d (?:Internal Server Error|Service Unavailable)\b)"

SERVER_SIDE_CUES: tuple[Row, ...] = (
    # ================= sap_server_inbound =========================================================
    ("sap_server", D, "SSSLERR_SSL_ACCEPT", "icm-accept"),
    ("sap_server", D, "SSSLERR_NO_CLIENT_CERT", "verify-client"),
    ("sap_server", D, "SSSLERR_NO_SSL_REQUEST", "icm-errors"),
    ("sap_server", D, "IcmConnInitServerSSL", "icm-accept"),
    ("sap_server", D, "TLS read client certificate", "icm-accept"),
    ("sap_server", D, "SSL_accept", "icm-accept"),
    ("sap_server", D, "SAPSSLS", "ssl-server-pse"),
    ("sap_server", D, "Intermediary not trusted", "cc-backend-icm"),
    ("sap_server", D, "HttpIsReverseProxyTrustworthy", "cc-backend-icm"),
    ("sap_server", D, "Client did not send any certificate", "cc-backend-icm"),
    ("sap_server", D, "not mutually authenticated", "cc-mtls"),
    ("sap_server", I, "SSL server PSE", "ssl-server-pse"),
    ("sap_server", I, "SSL Server Standard", "ssl-server-pse"),
    # The certificate the SAP system shows its callers (its SSL server PSE's), said as "ours".
    ("sap_server", I, "server certificate", "ssl-server-pse",
     r"\bour (?:(?:SAP|ABAP|S/4\w*|system'?s?|ICM'?s?) )?(?:SSL |TLS |HTTPS )?server certificates?\b"
     r"|\bSSL server certificate of (?:the ICM|our|the SAP system|the ABAP system)"),
    ("sap_server", I, "port", "icm-https-port",
     r"\bHTTPS? port (?:\d+ )?of (?:our|the) (?:SAP |ABAP |S/4\w* )?(?:system|server|instance)\b"),
    ("sap_server", I, "from", "issue-8",
     r"\baccept\w* (?:\S+ ){0,4}from (?:the |its |our )?(?:clients|callers|partners|browsers)\b"),
    ("sap_server", I, "port", "icm-https-port",
     r"\bon our (?:(?:SAP|ABAP|S/4\w*|ICM'?s?) )?(?:HTTPS?|SSL|TLS) port\b"
     r"|\bour (?:SAP |ABAP |S/4\w* )?(?:system|server|instance)'s (?:HTTPS?|SSL|TLS|ICM) port\b"),
    ("sap_server", I, "icm/server_port", "icm-https-port"),
    ("sap_server", I, "PROT=HTTPS", "icm-https-port"),
    ("sap_server", I, "icm/HTTPS/verify_client", "icm-https-port"),
    ("sap_server", I, "VCLIENT=", "icm-ssl-config"),
    ("sap_server", I, "icm/ssl_config", "icm-ssl-config"),
    ("sap_server", I, "icm/HTTPS/trust_client_with", "icm-accept"),
    ("sap_server", I, "icm/trusted_reverse_proxy", "icm-accept"),
    ("sap_server", I, "SSL_CLIENT_CERT", "cc-mtls"),
    ("sap_server", I, "Cloud Connector", "cc-backend-icm", r"\bCloud Connector\b[^\n]{0,80}\bICM\b"),
    ("sap_server", W, "principal propagation", "cc-backend-icm"),
    ("sap_server", W, "our SAP system", "issue-8",
     r"\b(?:callers?|clients?|consumers?) of (?:our|the|my) (?:SAP|ABAP) (?:system|server)\b|\bcall(?:s|ing)? (?:into )?our (?:SAP|ABAP) (?:system|server)\b"),
    ("sap_server", I, "our", "issue-8",
     r"\b(?:call(?:s|ing|ed)?|post(?:s|ing|ed)?|send(?:s|ing)?) (?:in)?to our "
     r"(?:(?:SAP|ABAP|S/4(?:HANA)?|ECC|NetWeaver|PI|PO|Gateway|OData|ICF|SOAP|REST) )+"
     r"(?:system|server|web ?service|OData service|service|endpoint|API)s?\b"
     r"|\b(?:call(?:s|ing|ed)?|post(?:s|ing|ed)?|send(?:s|ing)?) (?:in)?to our (?:SAP |ABAP )?(?:PI|PO|S/4(?:HANA)?|Gateway)\b"
     r"|\bcall(?:s|ing|ed)? (?:into )?our (?![\w/-]+'s\b)(?:[\w/-]+ ){0,2}(?:web ?services?|OData services?|SOAP (?:service|endpoint)s?|endpoints?|APIs?)\b"
     r"|\b(?:open(?:s|ing)?|load(?:s|ing)?) our (?:SAP )?Fiori (?:launchpad|apps?)\b"
     r"|\bour (?:SAP|ABAP|S/4(?:HANA)?) (?:system |server )?requires? (?:a )?client certificate"),
    ("sap_server", I, "Fiori", "issue-8",
     r"\b(?:open(?:s|ing)?|load(?:s|ing)?|access(?:es|ing)?) (?:the |my )?(?:SAP )?Fiori (?:launchpad|apps?)\b"
     r"|\bour (?:SAP )?Fiori (?:launchpad|apps?)\b"),
    # The ICM listening on a port is the SAP system as server.
    ("sap_server", I, "listen", "icm-https-port", r"\bICM\b[^.\n]{0,40}\blisten\w*|\blisten\w*\b[^.\n]{0,40}\bICM\b"),
    # A caller's certificate, and the SAP system still asking for user and password: its logon.
    ("cert_logon", I, "certificate", "client-cert-gw",
     r"\bcertificates?\b[^.\n]{0,80}\b(?:SAP|the system|the server|it) (?:still |always )?(?:asks|prompts|requires|wants) "
     r"(?:for )?(?:a |the )?(?:user|password|logon|basic)"),
    # The certificate a server shows its callers: said of our system, the SAP side is the server.
    ("sap_server", I, "our", "issue-8",
     r"\bour (?:SAP |ABAP |S/4\w* )?(?:system|server|Gateway|ICM|Web Dispatcher)\b[^\n.]{0,30}\b(?:presents?|shows?|sends?) "
     r"to (?:its |the |our )?(?:clients|callers|browsers|partners|users)\b"),
    # Our own SAP system (its Gateway, its API) is said to be what answered: the SAP side is
    # the server that sent the status, and its fix lives there (rule 3), not at a far server.
    ("sap_server", I, "our", "issue-8",
     r"\bour (?:own )?(?:(?:SAP|ABAP|S/4(?:HANA)?|ECC|NetWeaver|SAP Gateway|Gateway|Fiori) )+"
     r"(?:(?:system|server|backend|OData|REST|SOAP|web|API|service|endpoint|launchpad)s? ){0,2}"
     r"(?:returns?|returned|answers?|answered|responds?|responded|throws?|threw)\b"),
    # (The literal is what the text must contain before the regex is tried: one row per word.)
    ("sap_server", I, "incoming", "issue-8", r"\bincoming (?:HTTPS? |SSL |TLS )?(?:requests?|calls?|connections?)\b"),
    ("sap_server", I, "inbound", "issue-8", r"\binbound (?:HTTPS? |SSL |TLS )?(?:requests?|calls?|connections?)\b"),
    ("sap_server", W, "certificate unknown alert", "icm-accept"),
    ("sap_server", W, "live connection", "sac-live", r"\blive (?:data )?connections?\b"),
    # A server's own setting that accepts local callers only (B1iP's local mode, a LocalAccessOnly
    # switch): the SAP side refused the remote caller, and is set up there.
    ("local_only", I, "remote", "local-access-only",
     r"\bnot (?:allowed|permitted|accepted) from remote (?:clients|hosts|machines|computers|addresses)\b"),
    ("sap_server", I, "Web Dispatcher", "webdisp-ssl"),
    ("sap_server", I, "wdisp/", "webdisp-ssl"),
    ("sap_server", I, "PROT=ROUTER", "webdisp-ssl"),
    ("icf_service", I, "SAP Internal Server Error", "icf-500-rabax"),
    ("icf_service", I, "RABAX_STATE", "icf-500-rabax"),
    ("icf_service", D, "HOST_INACTIVE", "icf-default-host"),
    ("icf_service", D, "service", "icf-403",
     r"\b(?:OData|ICF|HTTP|ADT|SICF) service\b[^\n]{0,40}\b(?:inactive|deactivated|not (?:yet )?(?:active|activated|generated))\b"),
    ("icf_service", I, "activate", "icf-activate", r"\bactivate (?:the )?(?:(?:ICF|OData|SICF)(?: service)?\b|service\b)"),
    # The reporter made (or re-made) the service being called: a status it sends is fixed at
    # that service (its activation, generation, handler), not by the caller. A service
    # instance, key or binding of BTP is no service of the SAP system.
    ("icf_service", I, "service", "icf-activate",
     r"\b(?:I|we)(?: have| had| then| also| just)* (?:created|re-?created|deleted|activated|generated|registered)"
     r"(?: (?:the|a|an|my|our|new))*(?: (?:HTTP|ICF|SICF|OData|Gateway))* service\b"
     r"(?! (?:instances?|keys?|bindings?|plans?|brokers?|users?|accounts?|principals?)\b)"),
    # The SAP system's own HTTP request handlers: the interfaces every ICF handler implements
    # (IF_HTTP_EXTENSION~HANDLE_REQUEST with IF_HTTP_SERVER; IF_HTTP_SERVICE_EXTENSION in ABAP
    # Cloud), "ICF handler", and ABAP applications served that way (abap2UI5, a plain HTTP
    # handler; abapGitServer, a git server in ABAP as an SICF service). Their code answers the
    # request: a status beside them is that server's symptom (rule 3), fixed at its service
    # and handler — the counterpart of cl_http_client, which names the SAP system as caller.
    ("icf_service", I, "IF_HTTP_EXTENSION", "icf-handler"),
    ("icf_service", I, "IF_HTTP_SERVER", "icf-handler"),
    ("icf_service", I, "IF_HTTP_SERVICE_EXTENSION", "abap2ui5-handler"),
    ("icf_service", I, "handler", "icf-handler-term",
     r"\b(?:ICF|SICF) (?:service |request )?handlers?\b|\bHTTP request handlers? (?:in|of) (?:the |our |my )?(?:ICF|SICF)\b"),
    ("icf_service", I, "abap2UI5", "abap2ui5-handler"),
    ("icf_service", I, "abapGitServer", "abapgitserver"),
    ("icf_service", I, "/IWFND/MAINT_SERVICE", "odata-activate"),
    ("icf_service", I, "/IWFND/ERROR_LOG", "gw-error-log"),
    ("icf_service", I, "/IWBEP/ERROR_LOG", "gw-error-log"),
    ("icf_service", I, "error log", "gw-error-log", r"\b(?:SAP )?Gateway error log\b"),
    ("icf_service", D, "No service found for namespace", "gw-no-service"),
    # The SAP Gateway refusing a service group the user may not start yet (RAP / OData V4).
    ("icf_service", I, "service group", "rap-service-group", r"\bNo authorization to access service group\b"),
    ("icf_service", I, "No System Alias found", "gw-no-service"),
    ("icf_service", I, "default_host", "icf-default-host"),
    ("icf_service", W, "SICF", "icf-wiki"),
    ("icf_service", I, "logon procedure", "icf-wiki"),
    # The SAP system as SAML 2.0 service provider: its own trace tool and transaction.
    ("saml_logon", I, "Security Diagnostic Tool", "abap-saml2-sp"),
    ("saml_logon", I, "SAML2", "abap-saml2-sp", r"\btransaction SAML2\b|\bSAML2 (?:transaction|trace)\b"),
    ("saml_logon", W, "redirected back to SAP", "abap-saml2-sp", r"\bredirected back to (?:the )?SAP\b(?!\s*" + OTHER_SAP_PRODUCTS + ")"),
    # A server error in a text set on the reporter's own XS advanced (SAP HANA express): the
    # platform's own services (controller, builder, job scheduler) answered, and are fixed there.
    *(("xs_platform", I, name, "xs-cli", r"(?s)\A(?=.*?\b" + name + r"\b)(?=.*?" + _SERVER_ERROR + ")")
      for name in ("XS advanced", "XSA", "HANA express")),
    ("cert_logon", I, "CERTRULE", "certrule"),
    ("cert_logon", I, "login/certificate_mapping", "certrule"),
    ("cert_logon", I, "USREXTID", "certrule"),
    ("cert_logon", I, "certificate mapping", "client-cert-gw"),
    ("cert_logon", I, "certificate", "client-cert-gw",
     r"\b(?:client[- ]certificate|certificate[- ]based) (?:logon|login|authentication|SSO) "
     r"(?:to|at|on|in|into|with) (?:our |the |my )?(?:SAP |ABAP |S/4\w* |ECC |NetWeaver |Fiori |Gateway )+"
     r"(?:system|server|launchpad|backend)?"),
    # A caller's certificate the SAP system refuses: its logon by certificate (mapping, trust).
    ("cert_logon", I, "accepted by", "client-cert-gw",
     r"\bcertificates? (?:is |are |was |were )?(?:not|never) accepted by (?:our|the|my) "
     r"(?:SAP |ABAP |S/4\w* |ECC |NetWeaver |Gateway )+(?:system|server|backend)?"),
    ("cert_logon", I, "509", "client-cert-gw",
     r"\bX\.?509 (?:logon|login|authentication|SSO) (?:to|at|on|in|into|with) (?:our|the|my) "
     r"(?:SAP |ABAP |S/4\w* |ECC |NetWeaver |Fiori |Gateway )+"),
    ("cert_logon", I, "No suitable SAP user found", "jco-snc-logon"),
    # ================= what the SAP system prints as the server (a catalogue) =====================
    # Each text below is the SAP side's own answer to a request it received, from its
    # documentation or a page that quotes it; a status beside it is its symptom (scope.py,
    # rule 3). The ICF's error page says what refused the request: "Service cannot be
    # reached", "URL call was terminated because the corresponding service is not
    # available", "The termination occurred in system … with error code 403 and for the
    # reason Forbidden". A 403 (or a 500/503) there is the service's node, inactive or
    # refusing, fixed in SICF; a 404 tells first that the URL names no service ("Select a
    # valid URL"), so the page with a 404 places the fix nowhere and the status decides.
    # The page reached through a destination or an approuter is read as a status too
    # (serverpages.py): that client's own configuration built the URL.
    ("icf_page", I, "for the reason", "icf-page-odata", r"\berror code (?!404\b)\d{3} and for the reason\b"),
    # Its heading is anyone's English ("the deploy service cannot be reached"): it counts with
    # the page's next line or its status beside it; its first sentence is the page's own.
    ("icf_page", I, "Service cannot be reached", "icf-page-saml",
     _NO_404 + r".*?\bService\s*cannot\s*be\s*reached\W{0,5}(?:What\s*has\s*happened|(?!404)[45]\d\d\b)"),
    ("icf_page", I, "call was terminated because", "icf-page-saml",
     _NO_404 + r".*?\bcall\s+was\s+terminated\s+because\s+the\s+corresponding\s+service\s+is\s+not\s+available"),
    # The SAP Gateway hub's own messages (T100 class and number in the OData error's code:
    # /IWFND/MED/170, /IWFND/CM_COS/064 …): its service catalogue, routing and system
    # aliases refused the request — set up on the hub (/IWFND/MAINT_SERVICE).
    ("icf_page", I, "/IWFND/", "gw-hub-ids", r"/IWFND/[A-Z][A-Z0-9_]*/ ?\d{3}\b"),
    # The system logon of the ICF (message class ICF_SYSTEM_LOGIN) and its logon page's
    # messages: the SAP system refused a browser's logon, and its logon settings say why.
    ("icf_logon", I, "ICF_SYSTEM_LOGIN", "icf-system-login"),
    ("icf_logon", D, "Logon cookie check failed", "icf-system-login"),
    ("icf_logon", D, "logon cookie is missing", "icf-system-login"),
    ("icf_logon", D, "logon ticket is active for HTTPS only", "icf-system-login"),
    ("icf_logon", D, "Logon is only possible using Basic Authentication", "icf-system-logon-page"),
    ("icf_logon", D, "Sending the password is potentially insecure", "icf-system-logon-page"),
    # The AS ABAP's logon error texts (SAP Note 320991's list) for a certificate or an
    # external ID (SAML 2.0, SPNego, X.509) it cannot map to a user, and SAML 2.0's own.
    ("cert_logon", D, "509", "logon-error-codes",
     r"\bLogon using X\.?509 certificate is generally deactivated\b|\bAmbiguous assignment of X\.?509 certificate"
     r"|\bNo suitable (?:SAP|ABAP) (?:user|account) found for (?:the )?X\.?509"),
    ("saml_logon", D, "external ID", "logon-error-codes",
     r"\bNo suitable (?:SAP|ABAP) (?:user|account) found for (?:the )?external ID\b"
     r"|\bAmbiguous assignment of external ID\b|\bError when logging on for external ID\b"),
    ("saml_logon", D, "Error during SAML 2.0 logon", "saml-logon-222"),
    # SPNego on the AS ABAP: its transaction and the parameter that maps a Kerberos name.
    ("icf_logon", I, "spnego/construct_SNC_name", "abap-spnego"),
    ("icf_logon", I, "SPNEGO", "abap-spnego", r"\btransaction SPNEGO\b"),
    # The ICM's and the Web Dispatcher's own error pages (their error names, templates and
    # settings): they answered the request themselves, as the server.
    *(("icm_page", I, name, "icm-error-pages")
      for name in ("ENOSSLREQ", "EOVERLOAD", "ENOTAVAIL", "EMAINTENANCE", "ICMERR-", "icm/HTTP/error_templ_path",
                   "is/HTTP/show_detailed_errors")),
    *(("icm_page", I, name, "webdisp-error-pages") for name in ("EDISPATCHERR", "ICMEDISPATCHERR")),
    # A request above the ICM's size limit is refused by the ICM before any work process
    # (ICMEPROTERROR): the limit is the receiving side's parameter.
    *(("icm_page", I, name, "icm-max-request-size")
      for name in ("icm/HTTP/max_request_size_KB", "EPROTERROR", "ICMEPROTERROR")),
    ("cc_admin", I, "localhost:8443", "cc-admin"),
    ("cc_admin", I, "Cloud Connector", "cc-admin",
     r"\b(?:access(?:ing)?|open(?:ing)?|log(?:ging)? ?on to) (?:the )?(?:SAP )?Cloud Connector\b"),
    ("cc_admin", I, "Cloud Connector", "cc-admin",
     r"\bCloud Connector\b[^\n]{0,60}\b(?:admin(?:istration)? UI|Administrator|:8443)\b"),
)

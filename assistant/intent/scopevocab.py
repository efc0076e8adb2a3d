"""The scope vocabulary: how each kind of failure shows itself in what people paste, as data.

One row per cue, in the tables vocab_clients.py (non-ABAP clients) and vocab_sap.py (the
SAP side): (family, strength, text, source[, regex]). `text` is a literal the report must
contain (compared case-insensitively; word boundaries at its alphanumeric ends); a row
with a regex must also match it (compiled only when `text` is present; the regex then
decides the boundaries). `source` is a key
of scopesources.py, where the cue was seen; docs/research/scope_vocabulary.md lists every
row with its URL (benchmarks/build_scope_vocabulary.py writes it).

Strength is the cue's class, and each class has one fitted weight (weights.py):
- DECISIVE: a text only this kind of failure prints — a runtime's own error for it
  (PKIX path building failed, SELF_SIGNED_CERT_IN_CHAIN, RFC_COMMUNICATION_FAILURE,
  SSSLERR_SSL_ACCEPT, "Request failed with status code 401").
- INDICATIVE: the product, layer or setting where such failures live and get fixed
  (cacerts, NODE_EXTRA_CA_CERTS, sapnwrfc.ini, SAPSSLS.pse, CERTRULE, x-csrf-token).
- WEAK: generic words that only lean (ECONNRESET, a stack frame's shape, "Unauthorized",
  Eclipse, BTP, SM59).

A family is one phenomenon (a Java trust-store error, an RFC network error …): all its cues
together count once, at the strength of the strongest one found (scope.py). Families carry
the reason the answer gives and the glossary entry where the fix lives.
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.intent.scopevocab_types import (
    DECISIVE,
    HTTP,
    INBOUND,
    INDICATIVE,
    OTHER,
    RFC,
    SAP,
    STRENGTHS,
    WEAK,
    Row,
)
from assistant.intent.vocab_clients import CLIENT_CUES
from assistant.intent.vocab_logons import LOGON_CUES
from assistant.intent.vocab_sap import SAP_SIDE_CUES


class Family(NamedTuple):
    scope: str
    reason: str
    pointer: str | None = None  # a glossary id: where the fix lives


FAMILIES: dict[str, Family] = {
    # the SAP HTTP client (ICM as client)
    "icm_client": Family(SAP, "an ICM trace or error text of an outbound call (the SAP system is the client)"),
    "abap_client": Family(SAP, "ABAP-side words: the SAP system calls out through its HTTP client"),
    # Who calls (abapGit, cl_http_client, SM59 …), not how it failed: with a status in the
    # text, the ABAP caller got the far server's answer (scope.py, rule 2).
    "abap_caller": Family(SAP, "ABAP-side words: the SAP system calls out through its HTTP client"),
    # a status the far server sent
    "status": Family(HTTP, "a status the far server sent: the connection worked and the server answered"),
    "client_status": Family(HTTP, "a status as a non-ABAP client prints it: the server answered that client"),
    "app_answer": Family(HTTP, "an application's answer (logon, token, path), not a transport error"),
    # the SAP system as server
    "sap_server": Family(INBOUND, "the SAP system is the server here (someone calls SAP)", "SAP_AS_TLS_SERVER"),
    "icf_service": Family(INBOUND, "a service of the called SAP system itself (SICF / service activation)",
                          "ICF_SERVICE_ACTIVATION"),
    "xs_platform": Family(INBOUND, "a server error of the XS advanced platform on SAP HANA (its controller, builder "
                                   "or job scheduler): fixed in those services on the XS advanced side (their state "
                                   "and logs, through the xs client), not by the caller", "XS_ADVANCED"),
    "local_only": Family(INBOUND, "the called SAP product's own setting accepts local callers only (a local or safe "
                                  "mode): changed at that server, not by the caller", ""),
    # The SAP side's own answer pages (vocab_inbound.py, the catalogue): the request reached
    # it and its service, its Gateway hub or its ICM refused it.
    "icf_page": Family(INBOUND, "the SAP system's own answer as the server (the ICF's error page \"Service cannot be "
                                "reached\", the Gateway hub's /IWFND/ messages): the request reached it, and its "
                                "service refused it — the node in SICF, the service's activation and system alias in "
                                "/IWFND/MAINT_SERVICE, not the caller", "ICF_SERVICE_ACTIVATION"),
    "icf_logon": Family(INBOUND, "the SAP system's own logon refused the user as the server (its system logon, message "
                                 "class ICF_SYSTEM_LOGIN, its SPNego): its logon settings, and the Security Audit Log "
                                 "for why, not the caller's connection", "SAP_SERVER_HTTP_LOGS"),
    "icm_page": Family(INBOUND, "the ICM or the Web Dispatcher answered the request itself, as the server (its own "
                                "error names and pages): its state and settings on the SAP side, not the caller",
                       "ICM_SERVER_ERROR_NAMES"),
    "cert_logon": Family(INBOUND, "a logon with a client certificate at the SAP system (certificate mapping)",
                         "SAP_AS_TLS_SERVER"),
    "saml_logon": Family(INBOUND, "a SAML 2.0 logon at the SAP system (it is the service provider, transaction SAML2)",
                         "SAML2"),
    # Its server certificate is the UI certificate, replaced in its own UI; its backend
    # trust store is what it trusts when it calls (the other direction).
    "cc_admin": Family(INBOUND, "the Cloud Connector's own administration UI is the server being called",
                       "CLOUD_CONNECTOR_UI_CERTIFICATE"),
    # The SAP side as server the way its users meet it (vocab_logons.py). A single sign-on
    # refused may be at an ABAP system or at an SAP cloud product: no ABAP entry is lent.
    "sso_logon": Family(INBOUND, "a single sign-on (SAML) logon refused by the SAP system or SAP cloud product the "
                                 "user logs on to — it is the service provider: its trusted identity provider "
                                 "(certificate, metadata) and the user the assertion's name ID maps to, not a "
                                 "caller's connection", ""),
    "launchpad_app": Family(INBOUND, "an app of the SAP Fiori launchpad that does not start for the user: the SAP "
                                     "system serving it (the app's OData service activated, the user's roles and "
                                     "catalogs), not a caller's connection", "ICF_SERVICE_ACTIVATION"),
    "product_ui": Family(INBOUND, "an SAP product's own web UI that its user cannot open or log on to: that product is "
                                  "the server that refused (its logon methods, users and services), not a caller's "
                                  "connection", ""),
    "b1_service_layer": Family(INBOUND, "SAP Business One's Service Layer is the server being called: its own "
                                        "configuration and logs (the database bound in the SLD, its load balancer), "
                                        "not the calling client", ""),
    "inbound_service": Family(INBOUND, "an inbound service of the SAP system's communication arrangement: the called "
                                       "system's communication user, its authentication method and the arrangement, "
                                       "not the caller's connection", ""),
    # RFC, gateway, NI, SNC
    "rfc": Family(RFC, "the RFC / gateway / network layer, not the HTTP client", "RFC_PARTNER_NOT_REACHED"),
    "gateway": Family(RFC, "the SAP gateway (program registration, allocation), not the HTTP client", "RFC_PARTNER_NOT_REACHED"),
    # Its access lists refusing a program: the fix is a rule in reginfo/secinfo, not the network.
    "gateway_acl": Family(RFC, "the SAP gateway's access lists (reginfo / secinfo) refusing a program, not the "
                               "HTTP client", "RFC_GATEWAY_ACL"),
    "snc": Family(RFC, "SNC (Secure Network Communications) of an RFC or SAP GUI connection", "snc/gssapi_lib"),
    # The called system's Unified Connectivity refusing a function module: a rule there, not the network.
    "ucon": Family(RFC, "the called SAP system's Unified Connectivity (UCON) refusing a function module to external "
                        "callers: its UCON Cockpit and communication assemblies, not the network", "UCON_RFC"),
    # The SAP system refused the RFC logon itself (user, password, client, lock).
    "rfc_logon": Family(RFC, "an RFC logon the SAP system refused (user, password, client, locked user): the logon "
                             "data of the RFC destination or program and the user in SU01, not the network", ""),
    "rfc_lib": Family(RFC, "an RFC client library (NW RFC SDK, JCo, PyRFC, node-rfc)", "RFC_PARTNER_NOT_REACHED"),
    "sap_host_control": Family(RFC, "SAP's start service or Host Agent (sapcontrol, saphostctrl, sapstartsrv): their "
                                    "own web service and network layer, not the ABAP HTTP client", "SAP_START_SERVICE"),
    "sap_gui": Family(RFC, "SAP GUI's network connection to the system, not the HTTP client", "RFC_PARTNER_NOT_REACHED"),
    # non-ABAP clients
    "java": Family(OTHER, "a Java client: its own trust store (cacerts), not STRUST", "JAVA_PKIX"),
    "pi_cpi": Family(OTHER, "an SAP Java-based integration runtime (PI/PO adapter engine, Cloud Integration) "
                            "with its own keystore, not STRUST", "SAP_INTEGRATION_KEYSTORE"),
    "node": Family(OTHER, "a Node.js client: its own CA list (NODE_EXTRA_CA_CERTS), not STRUST", "NODE_EXTRA_CA_CERTS"),
    "dotnet": Family(OTHER, "a .NET client: the Windows certificate store, not STRUST", "DOTNET_TRUST"),
    "python": Family(OTHER, "a Python client: its own CA bundle, not STRUST", "PYTHON_TRUST"),
    "openssl_client": Family(OTHER, "a client library's own TLS error text (OpenSSL/BoringSSL/curl), not the ICM's"),
    "go": Family(OTHER, "a Go client: its own root pool, not STRUST"),
    "browser": Family(OTHER, "a browser or a command-line client, with its own trust store"),
    "hana_client": Family(OTHER, "a HANA client: its own trust store (sslTrustStore), not STRUST", "HANA_CLIENT_TRUST"),
    # A database driver's own connection (JDBC, ODBC, HANA's and ASE's drivers): no glossary
    # entry holds a driver's connection settings, so no pointer is lent.
    "db_client": Family(OTHER, "a database client or driver (JDBC, ODBC, a HANA or ASE driver) connecting to its "
                               "database: that client's own connection settings, not the SAP system's HTTP client",
                        ""),
    "cloud_connector": Family(OTHER, "the SAP Cloud Connector, a Java program with its own trust store",
                              "CLOUD_CONNECTOR_TRUST"),
    "btp": Family(OTHER, "an SAP BTP destination or Cloud SDK call, with its own trust settings", "BTP_DESTINATION_TRUST"),
    "tools": Family(OTHER, "a tool outside the ABAP stack (IDE, UI5 tooling, API client)"),
    # A runtime's own network error (Node's ECONNREFUSED, java.net.ConnectException, Go's
    # dial tcp, Python's [Errno …], a browser's ERR_CONNECTION_*): no trust store is at fault.
    # The server asked for the client's own certificate (TLS alert certificate_required):
    # fixed in that client's key store (its certificate and key), not in its trust store.
    # The base has no entry for a client's key store, so no pointer is lent.
    "client_identity": Family(OTHER, "the server asked for this (non-ABAP) client's own certificate (TLS alert "
                                     "certificate_required): the fix is the client's key store with its certificate "
                                     "and key, not its trust store", ""),
    # The server does not serve the host name the client sent in SNI (TLS alert
    # unrecognized_name; Java 7 and later end the handshake on it): the name called, or the
    # server's virtual hosts, not a trust store — so no pointer is lent.
    "client_sni": Family(OTHER, "the server does not serve the host name this (non-ABAP) client sent in SNI (TLS "
                                "alert unrecognized_name): call the name the server is published under, or have its "
                                "virtual hosts set up for this name; not a trust-store problem", ""),
    "client_network": Family(OTHER, "a non-ABAP client's own network error (refused, reset, timed out, name not "
                                    "found): the path from that client — host, port, firewall, proxy, DNS — not STRUST",
                             ""),  # no trust store is at fault: none is lent from a weaker cue
}

# The families whose reason names the client's own trust store ("a Java client: its own trust
# store (cacerts)"), and the client each names: when the text shows no certificate or TLS
# failure (a refused connection, a timeout) or a protocol mismatch, the reason says what
# failed for that client instead (scopetally.reason_by_failure) — its trust store is not it.
TRUST_WORDED: dict[str, str] = {
    "java": "a Java client", "pi_cpi": "an SAP Java-based integration runtime (PI/PO, Cloud Integration)",
    "node": "a Node.js client", "dotnet": "a .NET client", "python": "a Python client", "go": "a Go client",
    "browser": "a browser or a command-line client", "hana_client": "a HANA client",
    "cloud_connector": "the SAP Cloud Connector", "btp": "an SAP BTP destination or Cloud SDK call",
}

# A product that is a program of a runtime, with a trust store of its own: the runtime's
# trust error with the product named, even in passing, is that product's ("PKIX path building
# failed" beside "Cloud Connector": the Cloud Connector is a Java program whose backend trust
# store is its own, knowledge/glossary.yaml CLOUD_CONNECTOR_TRUST) — scopetally.Tally.why.
RUNTIME_OF_PRODUCT: dict[str, str] = {"cloud_connector": "java"}

# Where a runtime's own TLS versions and cipher suites are set, per family: the reason and
# the place of the fix when its handshake failed on the protocol or the ciphers, not on
# trust (scopetally.protocol_home) — its trust store is no fix for that.
TLS_SETTINGS: dict[str, tuple[str, str]] = {
    "java": ("a Java client: the TLS versions and cipher suites its JVM allows, not its trust store or STRUST",
             "JAVA_TLS_PROTOCOLS"),
    "node": ("a Node.js client: the TLS versions and ciphers it offers, not its CA list or STRUST",
             "NODE_TLS_PROTOCOLS"),
    "dotnet": ("a .NET client: the TLS versions its code or Windows allows, not the Windows certificate store or STRUST",
               "DOTNET_TLS_PROTOCOLS"),
    "python": ("a Python client: the TLS versions of its SSL context, not its CA bundle or STRUST",
               "PYTHON_TLS_PROTOCOLS"),
}

# Where a product named beside a server's request for the client's own certificate
# (`client_identity`) keeps that certificate: the place of the fix (scopetally.key_store_home).
KEY_STORES: dict[str, str] = {"btp": "BTP_DESTINATION_KEY_STORE"}

# The SAP side as server, where the server is no ABAP system (XS advanced's services, the
# Cloud Connector's own UI, a product's local-only mode): the ABAP system's logs (SICF, ST22,
# the Security Audit Log) are not where it shows why it answered (answers/inbound.py).
NOT_ABAP_SERVERS = frozenset({"xs_platform", "cc_admin", "local_only", "sso_logon", "product_ui", "b1_service_layer",
                              "inbound_service"})

# Families that say the SAP side is the server being called, not why it answered: a server
# product named (B1's Service Layer), an inbound service of a communication arrangement. A
# status printed beside them stays the answer (scope.py, rule 3 counts only the server's own
# words): "the Service Layer returns 401 to my script" reports that status.
NAMES_THE_SERVER_ONLY = frozenset({"b1_service_layer", "inbound_service"})

# A user refused by the SAP side: a single sign-on, a launchpad app, a product's UI. The status
# the user's browser shows with it is the SAP side's answer (rule 3) — but not a status a client
# program printed ("SSO authentication failed - 401 Client Error: … for url"): that program
# logged on, and the status is its report (scope.silent_families).
USER_REFUSED = frozenset({"sso_logon", "launchpad_app", "product_ui"})

VOCABULARY: tuple[Row, ...] = CLIENT_CUES + SAP_SIDE_CUES + LOGON_CUES

# Names of other products that hold a cue's words: inside them the cue is that product's name,
# no cue (scopecues: the longest name wins). They count nothing themselves. (name, source key)
CONTAINING_NAMES: tuple[tuple[str, str], ...] = (
    # SAP Ariba's integration gateway, which an ERP or S/4HANA back end calls (with the
    # gateway's add-on): not SAP Cloud Integration, although built on it.
    ("Ariba Cloud Integration Gateway", "ariba-cig"),
)

__all__ = [
    "CONTAINING_NAMES", "DECISIVE", "FAMILIES", "HTTP", "INBOUND", "INDICATIVE", "KEY_STORES", "NAMES_THE_SERVER_ONLY", "NOT_ABAP_SERVERS", "OTHER", "RFC", "RUNTIME_OF_PRODUCT", "SAP", "STRENGTHS",
    "TLS_SETTINGS", "TRUST_WORDED", "USER_REFUSED", "VOCABULARY", "WEAK", "Family", "Row",
]

"""Rows of the scope vocabulary (non-ABAP clients: Java, PI/PO and Cloud Integration, Node.js, OpenSSL-based clients, curl, Go, browsers, .NET, Python, HANA client, Cloud Connector, BTP, tools); see scopevocab.py for the format and the classes.

(family, strength, text, source[, regex]) — `source` is a key of scopesources.py.
"""

from __future__ import annotations

from assistant.intent.scopevocab_types import DECISIVE, INDICATIVE, WEAK, Row

D, I, W = DECISIVE, INDICATIVE, WEAK  # noqa: E741 (short names keep the table readable)

CLIENT_CUES: tuple[Row, ...] = (
    # ================= other_client: Java / JSSE =================================================
    ("java", D, "PKIX path building failed", "java-pkix"),
    ("java", D, "unable to find valid certification path", "java-pkix"),
    ("java", D, "SunCertPathBuilderException", "java-pkix"),
    ("java", D, "sun.security.validator.ValidatorException", "java-pkix-frames"),
    ("java", D, "sun.security.", "java-pkix"),
    ("java", D, "SSLHandshakeException", "java-handshake"),
    ("java", D, "javax.net.ssl.SSLException", "java-protocol"),
    # Any exception of JSSE's package (SSLProtocolException, SSLKeyException …) is the Java client's own.
    ("java", D, "javax.net.ssl.", "java-handshake", r"\bjavax\.net\.ssl\.SSL\w*(?:Exception|Error)\b"),
    ("java", D, "Received fatal alert", "java-fatal-alert"),
    ("client_identity", D, "certificate_required", "java-cert-required"),
    ("client_sni", D, "unrecognized_name", "java-unrecognized-name",
     r"\b(?:handshake alert|Received fatal alert):\s*unrecognized_name\b"),
    ("java", D, "SSLPeerUnverifiedException", "java-san"),
    ("java", D, "No subject alternative names", "java-san"),
    # JSSE's host-name check (HostnameChecker) and its PKIX validator (a chain it built, then
    # found expired or revoked), in their own words.
    ("java", D, "No subject alternative DNS name matching", "java-hostname-checker"),
    ("java", D, "PKIX path validation failed", "java-pkix-validator"),
    # JSSE's handshake found no protocol (or no cipher suite) it may use: its own TLS settings.
    ("java", D, "No appropriate protocol", "java-no-protocol",
     r"\bNo appropriate (?:protocol \(protocol is disabled or cipher suites are inappropriate\)|cipher suite)"),
    ("java", D, "No name matching", "java-san", r"No name matching \S+ found"),
    ("java", D, "HTTPS hostname wrong", "java-hostname"),
    ("java", D, "CertPathValidatorException", "java-anchor"),
    ("java", D, "Trust anchor for certification path not found", "java-anchor"),
    ("java", D, "CertificateExpiredException", "java-pkix-frames"),
    ("java", D, "NotSslRecordException", "netty-not-ssl"),
    ("java", D, "java.security.cert.", "java-cert-exc"),
    ("java", D, "I/O error on", "spring-io", r"I/O error on (?:GET|POST|PUT|PATCH|DELETE|HEAD) request for"),
    ("java", I, "cacerts", "java-keytool"),
    ("java", I, "keytool", "java-keytool"),
    ("java", I, "javax.net.ssl.trustStore", "java-keytool"),
    ("java", I, "jssecacerts", "java-jssecacerts"),
    # java.net's exceptions by their class name, with or without the package (a log's layout
    # or a wrapper often prints the simple name): a Java client's own socket failed.
    ("client_network", I, "ConnectException", "java-net"),
    ("client_network", I, "UnknownHostException", "java-net"),
    ("client_network", I, "NoRouteToHostException", "java-net"),
    ("client_network", I, "SocketTimeoutException", "java-net"),
    ("java", I, "java.io.IOException", "java-net"),
    ("client_network", I, "java.net.SocketException", "java-reset"),
    ("java", I, "ResourceAccessException", "spring-io"),
    # java.net.URI.toURL() refuses a URL without a scheme: the client never sent its request.
    ("java", I, "URI is not absolute", "java-uri"),
    ("client_network", W, "Connection refused: connect", "java-refused"),
    ("java", W, ".java:", "java-pkix", r"\(\w+\.java:\d+\)"),
    ("java", W, "caused by:", "java-pkix-frames", r"Caused by: (?:[a-z]\w*\.)+[A-Z]\w*"),
    ("java", W, "JDK", "java-pkix"),
    # A caller said to be Java ("a Java program", "from Java"), not Java named as a product part.
    ("java", W, "Java", "java-pkix",
     r"\bJava (?:program|application|app|client|code|service|backend|tool)s?\b|\b(?:in|from|with|using) Java\b"),
    ("java", W, "JRE", "java-keytool"),
    ("java", I, "SapMachine", "sapmachine"),
    ("java", I, "keystore", "java-keytool", r"\bJava(?:'s)? (?:key ?store|trust ?store)\b"),
    # ================= other_client: SAP PI/PO (AS Java) and Cloud Integration ===================
    ("pi_cpi", D, "iaik.security.ssl", "pi-xpi"),
    ("pi_cpi", D, "rejected by ChainVerifier", "pi-xpi"),
    ("pi_cpi", D, "Could not convert socket to TLS", "cpi-pkix"),
    ("pi_cpi", I, "SOAP: Call failed", "pi-xpi"),
    ("pi_cpi", I, "XPI Inspector", "pi-xpi"),
    ("pi_cpi", I, "receiver channel", "pi-xpi"),
    ("pi_cpi", I, "TrustedCAs", "pi-keystore"),
    ("pi_cpi", I, "Keystore Monitor", "cpi-keystore"),
    ("pi_cpi", I, "system.jks", "cpi-pkix"),
    ("pi_cpi", W, "Adapter Engine", "pi-keystore"),
    ("pi_cpi", I, "Advanced Adapter Engine", "pi-aae-outbound"),
    ("pi_cpi", I, "receiver adapter", "pi-aae-outbound"),
    # The adapters of the (Advanced) Adapter Engine run on AS Java, its own SSL client.
    ("pi_cpi", I, "adapter", "pi-aae-outbound", r"\b(?:REST|SOAP|AS2|SFTP|JDBC|JMS|Mail) (?:receiver )?adapter\b"),
    ("pi_cpi", W, "Cloud Integration", "cpi-keystore"),
    ("pi_cpi", W, "iFlow", "cpi-pkix"),
    ("pi_cpi", W, "CPI", "cpi-pkix"),
    # ================= other_client: Node.js =====================================================
    ("node", D, "UNABLE_TO_GET_ISSUER_CERT", "node-x509"),
    ("node", D, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "node-x509"),
    ("node", D, "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "node-x509"),
    ("node", D, "DEPTH_ZERO_SELF_SIGNED_CERT", "node-x509"),
    ("node", D, "SELF_SIGNED_CERT_IN_CHAIN", "node-x509"),
    ("node", D, "CERT_HAS_EXPIRED", "node-x509"),
    ("node", D, "CERT_NOT_YET_VALID", "node-x509"),
    ("node", D, "ERR_TLS_CERT_ALTNAME_INVALID", "node-altname"),
    ("node", D, "does not match certificate's altnames", "node-altname-text"),
    ("node", D, "doesn't match certificate's altnames", "node-altname-text"),
    ("node", I, "ERR_TLS_", "node-altname"),
    ("node", I, "NODE_EXTRA_CA_CERTS", "node-extra-ca"),
    ("node", I, "NODE_TLS_REJECT_UNAUTHORIZED", "node-reject"),
    ("node", I, "rejectUnauthorized", "node-reject"),
    ("node", I, "TLSSocket", "node-altname-text"),
    ("node", I, "_tls_wrap.js", "node-altname-text"),
    ("client_network", I, "read ECONNRESET", "node-errors"),
    ("client_network", I, "connect ECONNREFUSED", "node-errors"),
    ("client_network", I, "getaddrinfo ENOTFOUND", "node-errors"),
    ("client_network", I, "connect ETIMEDOUT", "node-errors"),
    # getaddrinfo's temporary failure (the resolver did not answer), as Node prints it.
    ("client_network", I, "getaddrinfo EAI_AGAIN", "node-eai-again"),
    # Node's TLS socket closed by the far side or a box on the way before the handshake ended.
    ("client_network", D, "Client network socket disconnected before secure TLS connection was established",
     "node-tls-disconnect"),
    # tunnel-agent (under request, Postman's runtime and many CLIs): the proxy refused CONNECT.
    ("client_network", I, "tunneling socket could not be established", "node-tunnel-agent"),
    ("client_network", I, "socket hang up", "node-hangup"),
    ("node", I, "fetch failed", "node-fetch"),
    # Node prints its own error codes in brackets ("TypeError [ERR_INVALID_PROTOCOL]: …") and
    # its core modules as node:… in stack frames.
    ("node", I, "[err_", "node-error-codes", r"\[ERR_[A-Z][A-Z0-9_]+\]"),
    ("node", W, "node:internal/", "node-core-frames"),
    ("node", W, "node:_http_client", "node-core-frames"),
    ("node", I, "UND_ERR_", "node-fetch"),
    ("client_network", W, "ECONNRESET", "node-errors"),
    ("client_network", W, "ECONNREFUSED", "node-errors"),
    ("client_network", W, "ETIMEDOUT", "node-errors"),
    ("client_network", W, "ENOTFOUND", "node-errors"),
    ("client_network", W, "EAI_AGAIN", "node-eai-again"),
    ("client_network", W, "EPIPE", "node-errors"),
    ("node", W, "node_modules", "node-hangup"),
    ("node", W, ".js:", "node-altname-text", r"\(\S*\.[cm]?js:\d+:\d+\)"),
    ("node", W, "Node.js", "node-extra-ca"),
    ("node", W, "AxiosError", "axios-code"),
    # ================= other_client: OpenSSL-based clients, curl, Go, browsers ===================
    ("openssl_client", D, "unable to get local issuer certificate", "py-verify"),
    ("openssl_client", D, "unable to get issuer certificate", "node-x509"),
    ("openssl_client", D, "unable to verify the first certificate", "openssl-verify"),
    ("openssl_client", D, "self signed certificate in certificate chain", "node-x509"),
    ("openssl_client", D, "self-signed certificate in certificate chain", "node-x509"),
    ("openssl_client", D, "self signed certificate", "node-x509"),
    ("openssl_client", D, "self-signed certificate in chain", "node-x509"),
    ("openssl_client", D, "certificate verify failed", "py-verify"),
    ("openssl_client", D, "verify error:num=", "openssl-verify"),
    ("openssl_client", D, "tls_process_server_certificate", "openssl-verify"),
    ("openssl_client", D, "SSL certificate problem", "curl-certs"),
    # curl's own host-name check (its error 51, 60 since curl 7.62) and its OpenSSL handshake
    # error, also where libcurl's user (git, PHP, a verbose log) prints them without "curl: (n)".
    # Not OpenSSL's SSL_get_error names alone (SSL_ERROR_SSL, SSL_ERROR_SYSCALL): the SAP
    # system's own SSL traces print them too ("SSL_connect()==SSL_ERROR_SSL" in dev_icm).
    ("openssl_client", D, "no alternative certificate subject name matches target host name", "curl-no-alt-name"),
    ("openssl_client", I, "OpenSSL SSL_connect", "curl-ssl-connect"),
    # openssl s_client's summary of a verification that failed (any code but 0, "ok").
    ("openssl_client", D, "Verify return code:", "openssl-verify-return", r"\bVerify return code: (?!0 \()\d+ \("),
    ("openssl_client", D, "curl: (60)", "curl-certs"),
    ("openssl_client", D, "cURL error", "php-curl60", r"cURL error \d+"),
    ("openssl_client", D, "SSL operation failed with code", "php-stream"),
    # git built on GnuTLS (Debian/Ubuntu) words its trust failure in its own way.
    ("openssl_client", D, "server certificate verification failed", "git-gnutls",
     r"server certificate verification failed\. CAfile:"),
    ("openssl_client", I, "fatal: unable to access", "git-gnutls"),
    ("openssl_client", I, "CURLOPT_SSL_VERIFYPEER", "php-verifypeer"),
    ("openssl_client", I, "CURLOPT_CAINFO", "php-curl60"),
    ("openssl_client", I, "SSL routines", "py-verify"),
    ("openssl_client", I, "WRONG_VERSION_NUMBER", "py-verify"),
    ("openssl_client", I, "CURL_CA_BUNDLE", "curl-certs"),
    ("openssl_client", I, "--cacert", "curl-certs"),
    ("openssl_client", I, "SSL_CERT_FILE", "openssl-ssl-cert-file"),
    # Any curl exit code but those of a local file (23 write, 26 read, 37 FILE:// read): curl
    # printing one of these failed on the machine it runs on, not on its call.
    ("openssl_client", W, "curl: (", "curl-local-errors", r"curl: \((?!(?:23|26|37)\))\d+\)"),
    # curl's own network failures (name, connect, time-out): that client's path, not its trust.
    ("client_network", I, "curl: (", "curl-errors", r"curl: \((?:5|6|7|28)\)"),
    # curl's own text for a connect that failed, as libcurl's users (git, PHP) print it too.
    ("client_network", I, "Failed to connect to", "curl-failed-connect", r"\bFailed to connect to \S+ port \d+(?: after \d+ ms)?: "),
    # (Not "openssl s_client" itself: it is the test every admin runs — SAP's too — so
    # naming it says nothing about which client failed; its verify errors above do.)
    ("go", D, "x509: certificate signed by unknown authority", "go-x509"),
    ("go", D, "tls: failed to verify certificate", "go-x509"),
    ("go", D, "x509: certificate is valid for", "go-verify"),
    ("go", D, "x509: certificate is not valid for any names", "go-verify"),
    ("go", D, "x509: cannot validate certificate for", "go-verify"),
    ("go", D, "x509: certificate has expired or is not yet valid", "go-verify"),
    ("go", D, "x509: certificate relies on legacy Common Name field", "go-legacy-cn"),
    # crypto/tls as a client got a plain-text answer where a TLS record belonged; a Go server
    # logs the same words as "http: TLS handshake error from <client>: …" — not a client's.
    ("go", D, "first record does not look like a TLS handshake", "go-first-record",
     r"(?m)^(?![^\n]*\bTLS handshake error from\b)[^\n]*\bfirst record does not look like a TLS handshake"),
    ("client_network", I, "net/http: TLS handshake timeout", "go-tls-handshake-timeout"),
    ("go", I, "InsecureSkipVerify", "go-tls"),
    ("client_network", D, "Client.Timeout exceeded", "go-client-timeout"),
    ("client_network", I, "net/http: request canceled", "go-client-timeout"),
    ("client_network", I, "dial tcp", "go-dial", r"\bdial tcp(?: \S*:\d+)?: "),  # the address may be left out
    ("client_network", I, "dial tcp: lookup", "go-lookup"),
    ("go", D, "remote error: tls:", "go-remote-alert"),
    ("openssl_client", I, "apt-get", "apt-repo-tls", r"\bapt(?:-get)? (?:update|install)\b"),
    ("openssl_client", I, "Release file", "apt-repo-tls", r"\bdoes not have a Release file\b"),
    ("browser", I, "NET::ERR_CERT_", "browser-chrome"),
    # Chromium's certificate and TLS errors (net_error_list.h: ERR_CERT_*, ERR_SSL_*), with or
    # without the "net::" / "NET::" its pages and console put before them.
    ("browser", I, "ERR_CERT_", "chrome-net-errors", r"\bERR_CERT_[A-Z][A-Z_]+\b"),
    ("browser", I, "ERR_SSL_", "chrome-net-errors", r"\bERR_SSL_[A-Z][A-Z_]+\b"),
    ("browser", W, "net::ERR_", "chrome-net-errors"),
    # Chrome's network errors below TLS (its net_error_list): a browser's own connection.
    ("client_network", I, "ERR_", "chrome-net-errors",
     r"\bERR_(?:CONNECTION_(?:REFUSED|TIMED_OUT|RESET|CLOSED)|NAME_NOT_RESOLVED|TIMED_OUT"
     r"|ADDRESS_UNREACHABLE|TUNNEL_CONNECTION_FAILED|PROXY_CONNECTION_FAILED)\b"),
    ("browser", D, "blocked by CORS policy", "browser-cors"),
    ("browser", I, "Access-Control-Allow-Origin", "browser-cors"),
    ("browser", W, "CORS", "browser-cors"),
    # NSS's error codes, as Firefox's pages show them: its security library's (SEC_ERROR_*) and
    # its TLS layer's (SSL_ERROR_*, but OpenSSL's SSL_get_error names SYSCALL, SSL, ZERO_RETURN, WANT_*).
    ("browser", I, "SEC_ERROR_", "nss-sec-errors", r"\bSEC_ERROR_[A-Z][A-Z_]+\b"),
    ("browser", I, "SSL_ERROR_", "nss-ssl-errors",
     r"\bSSL_ERROR_(?!(?:SYSCALL|SSL|ZERO_RETURN|NONE)\b|WANT_)[A-Z][A-Z0-9_]+\b"),
    ("browser", I, "MOZILLA_PKIX_ERROR_", "browser-firefox"),
    ("browser", I, "Your connection is not private", "browser-chrome"),
    # Chrome's own page when it cannot reach a site (its words, any apostrophe).
    ("client_network", I, "be reached", "chrome-cant-reach", r"\bThis site can[’'`]?t be reached\b"),
    ("client_network", I, "server IP address could not be found", "chrome-cant-reach"),
    ("client_network", I, "server DNS address could not be found", "chrome-dns-page"),
    ("client_network", I, "DNS_PROBE_FINISHED_NXDOMAIN", "chrome-dns-page"),
    # PHP's own warning when a stream, cURL-less HTTP call or database driver cannot resolve a host.
    ("client_network", I, "php_network_getaddresses", "php-getaddrinfo"),
    # Ruby's Net::HTTP (and Faraday, RestClient on top of it) when the TCP connect fails.
    ("client_network", I, "Failed to open TCP connection to", "ruby-net-http"),
    # SAP's Eclipse tools when a server they add cannot be reached ("Cannot reach host [https://…].
    # Check host name for typing errors and make sure your proxy and network settings are correct").
    ("client_network", I, "Cannot reach host", "eclipse-cannot-reach"),
    # SAP Customer Data Cloud's SDKs (error 400106, NotConnected): the device has no network.
    ("client_network", I, "not connected to the required network", "cdc-not-connected"),
    ("browser", I, "Potential Security Risk Ahead", "browser-firefox"),
    # fetch() in Chromium rejects with this TypeError when the request fails on the network or CORS.
    ("browser", I, "Failed to fetch", "chromium-fetch", r"\bTypeError: Failed to fetch\b"),
    # Chrome's console warning about a certificate it was about to distrust (Symantec roots).
    ("browser", I, "will be distrusted", "chrome-distrust-console",
     r"\bThe SSL certificate used to load resources from \S+ will be distrusted\b"),
    # UI5 in the browser logs this when its OData model's $metadata request failed.
    ("browser", I, "initial loading of metadata failed", "ui5-metadata-failed"),
    ("browser", I, "Your connection is not secure", "browser-firefox"),
    # ================= other_client: .NET =========================================================
    ("dotnet", D, "The remote certificate is invalid", "dotnet-invalid"),
    ("dotnet", D, "Could not establish trust relationship", "dotnet-trust"),
    ("dotnet", D, "RemoteCertificateChainErrors", "dotnet-policy"),
    ("dotnet", D, "RemoteCertificateNameMismatch", "dotnet-policy"),
    ("dotnet", D, "RemoteCertificateNotAvailable", "dotnet-policy"),
    ("dotnet", D, "SslPolicyError", "dotnet-policy"),
    ("dotnet", D, "The SSL connection could not be established", "dotnet-ssl"),
    ("dotnet", D, "AuthenticationException", "dotnet-ssl"),
    ("dotnet", D, "Could not create SSL/TLS secure channel", "dotnet-secure-channel"),
    # SslStream's own words for a handshake the far side ended: closed, or with an alert.
    ("dotnet", I, "remote party has closed the transport stream", "dotnet-transport-closed"),
    ("dotnet", I, "sent a TLS alert", "dotnet-tls-alert", r"\b(?:has\s+)?sent\s+(?:a\s+)?TLS\s+alert\b"),
    # Windows' own TLS (Schannel) under .NET Framework, PowerShell and curl/git for Windows.
    ("dotnet", D, "SEC_E_UNTRUSTED_ROOT", "win-schannel"),
    ("dotnet", D, "The certificate chain was issued by an authority that is not trusted", "win-schannel"),
    ("dotnet", I, "schannel:", "win-schannel"),
    ("client_network", I, "The remote name could not be resolved", "dotnet-name"),
    ("dotnet", I, "Invoke-RestMethod", "powershell-web"),
    ("dotnet", I, "Invoke-WebRequest", "powershell-web"),
    ("dotnet", I, "ServerCertificateValidationCallback", "dotnet-trust"),
    ("dotnet", I, "ServerCertificateCustomValidationCallback", "dotnet-handler"),
    ("dotnet", I, "ServicePointManager", "dotnet-trust"),
    ("client_network", I, "actively refused it", "dotnet-refused"),
    # Windows' own texts for WSAECONNRESET (10054) and WSAHOST_NOT_FOUND (11001), as .NET's
    # SocketException and every Windows client print them.
    ("client_network", I, "An existing connection was forcibly closed by the remote host", "win-wsaeconnreset"),
    ("client_network", I, "No such host is known", "win-wsahost-not-found"),
    # HttpClient gave up after its own timeout.
    ("client_network", I, "HttpClient.Timeout", "dotnet-httpclient-timeout",
     r"\bconfigured HttpClient\.Timeout of [\d.]+ seconds elapsing"),
    ("dotnet", W, "HttpRequestException", "dotnet-handler"),
    ("dotnet", W, "WebException", "dotnet-trust"),
    ("dotnet", W, "System.Net.", "dotnet-ssl"),
    ("dotnet", W, "The underlying connection was closed", "dotnet-trust"),
    # ================= other_client: Python ======================================================
    ("python", D, "CERTIFICATE_VERIFY_FAILED", "py-verify"),
    ("python", D, "SSLCertVerificationError", "py-verify"),
    ("python", D, "requests.exceptions.SSLError", "py-requests"),
    ("python", D, "SSLError(", "py-retries"),
    # CPython's ssl module names OpenSSL's reason in brackets and ends with its own source line.
    ("python", D, "[ssl: ", "py-ssl-reason", r"\[SSL: [A-Z][A-Z0-9_]+\]"),
    ("python", D, "(_ssl.c:", "py-ssl-reason", r"\(_ssl\.c:\d+\)"),
    ("python", I, "REQUESTS_CA_BUNDLE", "py-requests"),
    ("python", I, "certifi", "py-certifi"),
    ("python", I, "verify=False", "py-requests"),
    ("python", I, ".verify", "py-requests", r"\.verify\s*=\s*False\b"),
    ("python", I, "import requests", "py-requests"),
    ("python", I, "requests.Session", "py-requests"),
    ("python", I, "trusted-host", "py-verify"),
    ("python", I, "HTTPSConnectionPool", "py-retries"),
    ("python", I, "Max retries exceeded", "py-retries"),
    ("client_network", I, "NewConnectionError", "py-retries"),
    # requests' own network exceptions, urllib3's timeout texts and http.client's RemoteDisconnected.
    ("client_network", I, "requests.exceptions.", "py-requests-exceptions",
     r"\brequests\.exceptions\.(?:ConnectionError|ConnectTimeout|ReadTimeout|Timeout|ProxyError)\b"),
    ("client_network", I, "timeout=", "py-urllib3-timeout", r"\((?:connect|read) timeout=[\d.]+\)"),
    ("client_network", I, "Remote end closed connection without response", "py-remote-disconnected"),
    ("python", I, "urllib3", "py-retries"),
    ("python", I, "<urlopen error", "py-urllib-error"),
    # Python prints an OSError with its errno in brackets ("[Errno 111] Connection refused").
    ("client_network", I, "[errno", "py-gaierror", r"\[Errno -?\d+\] "),
    ("client_network", I, "socket.gaierror", "py-gaierror"),
    ("python", W, "Traceback (most recent call last)", "py-retries"),
    ("python", W, "Python", "py-retries",
     r"\bPython (?:program|application|app|client|code|script|service|tool)s?\b|\b(?:in|from|with|using) Python\b"),
    # ================= other_client: HANA client ==================================================
    ("hana_client", D, "RTE:[3000", "hana-rte", r"RTE:\[3000\d\d\]"),
    ("hana_client", D, "SSL trust store cannot be found", "hana-ssl"),
    ("hana_client", D, "only secure connections are allowed", "hana-secure"),
    ("hana_client", I, "RTE:[89", "hana-rte", r"RTE:\[89\d\d\d\]"),
    ("hana_client", I, "sslValidateCertificate", "hana-ssl"),
    ("hana_client", I, "sslTrustStore", "hana-secure"),
    ("hana_client", I, "hdbsql", "hana-ssl"),
    ("hana_client", I, "hdbcli", "hana-jdbc"),
    ("hana_client", I, "hana-client", "hana-secure"),
    ("hana_client", I, "Could not connect to any host", "hana-cli"),
    ("hana_client", I, "HANA client", "hana-jdbc", r"\bHANA (?:database )?(?:client|JDBC|ODBC|driver)s?\b"),
    ("hana_client", W, "SQLDBC", "hana-jdbc"),
    ("hana_client", W, "JDBC", "hana-jdbc"),
    ("hana_client", W, "ODBC", "hana-jdbc"),
    ("hana_client", W, "hanacloud.ondemand.com", "hana-cli"),
    # ================= other_client: database clients and drivers (HANA, ASE …) ===================
    # A connection to a database is a database client's: the ABAP HTTP client never opens one.
    # A bare "Connect to HANA" is a step or a menu entry, not a connection made or failing.
    ("db_client", I, "connect", "hana-ssl",
     r"\b(?:connection|connecting|(?:cannot|can't|could not|couldn't|unable to|fail(?:s|ed)? to|trying to|tried to)"
     r" connect|logging (?:in|on))\s+(?:to|with)\s+(?:the\s+|an?\s+|my\s+|our\s+)?"
     r"(?:SAP\s+)?(?:HANA|ASE|Sybase|MaxDB|SQL Anywhere)\b(?!\s+XS)"
     r"|\b(?:HANA|ASE|Sybase)\s+(?:DB\s+|database\s+)?connection\b"),
    ("db_client", I, "database connection", "hana-ssl",
     r"\bdatabase connection\b[^\n]{0,60}\b(?:cannot|can't|could not|couldn't|failed|fails|refused)\b"),
    # The TDS protocol's message ids (SAP ASE's login and its password encryption): an ASE client.
    ("db_client", I, "TDS_MSG_", "go-ase-login", r"\bTDS_MSG_[A-Z0-9_]+\b"),
    # ================= other_client: Cloud Connector, BTP, tools ==================================
    ("cloud_connector", I, "ljs_trace", "cc-renew"),
    ("cloud_connector", I, "scc_core.trc", "cc-renew"),
    ("cloud_connector", I, "com.sap.scc", "cc-renew"),
    ("cloud_connector", I, "SccHandshakeException", "cc-renew"),
    ("cloud_connector", W, "Cloud Connector", "cc-admin"),
    ("cloud_connector", W, "Tunnel", "cc-admin"),
    ("btp", I, "Error during request to remote service", "cap-remote"),
    ("btp", I, "@sap/approuter", "ui5-cfdest"),
    ("btp", I, "xs-app.json", "approuter-java"),
    ("btp", W, "approuter", "approuter-java"),
    ("btp", W, "Destination service", "btp-dest"),
    ("btp", W, "Check Connection", "btp-check"),
    ("btp", W, "Connection Check", "btp-check"),
    ("btp", W, "Cloud SDK", "sdk-proxy"),
    ("btp", W, "cloud-sdk", "sdk-proxy"),
    ("btp", I, "SAP-Connectivity-Authentication", "sdk-proxy"),
    ("btp", I, "ClientCertificateAuthentication", "btp-client-cert"),
    ("btp", I, "com.sap.cloud.sdk", "sdk-java-dest"),
    ("btp", I, "DestinationAccessor", "sdk-java-dest"),
    ("btp", I, "DestinationAccessException", "sdk-java-dest"),
    ("btp", I, "[APP/PROC/WEB", "cf-logs"),
    ("btp", W, "connectivity proxy", "sdk-proxy"),
    ("btp", W, "SAP_CLOUD_SDK_LOGGING_LEVEL", "btp-dest"),
    ("btp", W, "ProxyType", "btp-dest"),
    ("btp", W, "BTP", "btp-dest"),
    ("btp", W, "subaccount", "cc-admin"),
    ("btp", W, "XSUAA", "btp-dest"),
    ("btp", W, "destination", "btp-dest", r"\b(?:BTP|cloud|Cloud Foundry|CF)\b[^\n]{0,60}\bdestination\b"),
    ("tools", I, "fiori-tools-proxy", "fiori-proxy"),
    ("tools", I, "ignoreCertError", "fiori-proxy"),
    ("tools", I, "ux-ui5-tooling", "fiori-tools"),
    ("tools", I, "ui5.yaml", "fiori-proxy"),
    ("tools", I, "ui5-middleware-", "ui5-cfdest"),
    ("tools", W, "Fiori tools", "fiori-tools"),
    ("tools", W, "ui5 serve", "fiori-tools"),
    ("tools", W, "fiori run", "fiori-tools"),
    ("tools", W, "Eclipse", "adt-icf"),
    ("tools", I, "ADT", "adt-icf",
     r"\b(?:connect\w*|log(?:ged|ging)? ?(?:on|in)|logon|login)\b[^\n]{0,60}\b(?:via|with|from|using|in|through) (?:the )?(?:ADT|Eclipse)\b"
     r"|\b(?:ADT|Eclipse)\b[^\n]{0,40}\b(?:cannot|can't|could not|couldn't|unable to|fails? to|failed to) (?:connect|log ?on|log ?in)\b"),
    # The platform's command-line clients (Cloud Foundry's cf, XS advanced's xs) call their
    # controller's REST API themselves.
    *(("tools", I, f"cf {verb}", "cf-cli", rf"\bcf {verb}\b") for verb in ("login", "api", "push", "deploy", "target")),
    *(("tools", I, f"xs {verb}", "xs-cli", rf"\bxs {verb}\b") for verb in ("login", "api", "push", "deploy", "apps")),
    ("tools", W, "Postman", "csrf-blog"),
    ("tools", W, "SoapUI", "csrf-kba"),
    ("tools", I, "Could not get any response", "postman-no-response"),
    # An iOS app (URLSession) names its errors by domain and code.
    ("tools", I, "NSURLErrorDomain", "ios-nsurl"),
    ("tools", I, "http.proxyStrictSSL", "vscode-proxy-ssl"),
    ("tools", D, "abapfs", "vscode-abapfs"),
    ("tools", D, "ABAP remote", "vscode-abapfs", r"\bABAP remote (?:file ?system|fs)\b"),
    ("tools", I, "allowSelfSigned", "vscode-abapfs"),
    # Connecting *to* the SAP system: the caller is another client (a tool, an app).
    ("tools", W, "connect", "issue-8",
     r"\bconnect(?:ing|ion)? (?:in)?to (?:my |the |our |an? |their )?(?:ABAP|SAP|S/?4(?:\s?HANA)?|ECC|BW|on-?prem\w*)"
     r"(?: \w+)? (?:system|server|instance|backend)\b"),
    ("tools", W, "VS Code", "vscode-proxy-ssl"),
    ("tools", W, "VSCode", "vscode-proxy-ssl"),
    ("tools", W, "Visual Studio Code", "vscode-proxy-ssl"),
    ("tools", W, "Business Application Studio", "bas-deployer"),
    ("tools", W, "App Studio", "bas-deployer"),
    ("tools", W, "mobile app", "btp-mobile-sdk", r"\bmobile (?:app|application|client|device)s?\b"),
    ("tools", W, "SDK for iOS", "btp-mobile-sdk", r"\bSDK for (?:iOS|Android)\b"),
    # SAP's mobile clients on the device (they reach the back end through SAP Mobile Services).
    ("tools", W, "Mobile Development Kit", "mdk-client"),
    ("tools", W, "MDK", "mdk-client"),
    ("tools", W, "Mobile Cards", "mobile-cards"),
    ("tools", W, "Power Automate", "power-platform-sap"),
    ("tools", W, "Power Apps", "power-platform-sap"),
    ("tools", W, "Power BI", "power-platform-gateway"),
    ("tools", W, "on-premises data gateway", "power-platform-sap"),
)

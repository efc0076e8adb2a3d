"""Sources of the scope vocabulary's cues of non-ABAP clients (vocab_clients.py): source key
-> (URL, what the page shows). Merged into scopesources.SOURCES; see that module."""

from __future__ import annotations

CLIENT_SOURCES: dict[str, tuple[str, str]] = {
    # --- platform command-line clients ----------------------------------------------------------
    "cf-cli": ("https://tutorials.cloudfoundry.org/cf4devs/getting-started/using-a-cf",
               "the cf CLI makes REST calls to the Cloud Foundry API endpoint (cf api, cf login)"),
    "xs-cli": ("https://blogs.sap.com/2018/01/29/xs-advanced-administration-system-overview/",
               "the xs CLI logs on at the XS advanced controller and queries it (xs system-info)"),
    # --- Java / JSSE -------------------------------------------------------------------------
    "java-pkix": ("http://commandlinefanatic.com/cgi-bin/showarticle.cgi?article=art032",
                  "PKIX path building failed / SunCertPathBuilderException stack trace (sun.security.ssl frames)"),
    "java-pkix-frames": ("https://codestudyblog.com/8ten13/80419050106.html",
                         "Caused by: sun.security.validator.ValidatorException ... PKIXValidator.java frames"),
    "java-handshake": ("https://www.baeldung.com/java-ssl-handshake-failures",
                       "javax.net.ssl.SSLHandshakeException and JSSE handshake failures"),
    "java-fatal-alert": ("http://stackoverflow.com/questions/6353849",
                         "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure; cacerts"),
    "java-cert-required": ("https://www.golinuxcloud.com/java-mtls-keystore-truststore-keytool/",
                           "mTLS: a Java client with trust but no identity (key store) gets certificate_required"),
    "java-unrecognized-name": ("https://stackoverflow.com/questions/7615645",
                               "javax.net.ssl.SSLProtocolException: handshake alert: unrecognized_name since Java 7 "
                               "(SNI); also Pega SA-13442"),
    "java-protocol": ("https://askavy.com/javax-net-ssl-sslexception-received-fatal-alert-protocol_version",
                      "javax.net.ssl.SSLException: Received fatal alert: protocol_version"),
    "java-keytool": ("https://gist.github.com/mcmoe/19d377f4a95db71ac3e9bd5524044e34",
                     "keytool -import -trustcacerts ... cacerts, -Djavax.net.ssl.trustStore"),
    "java-jssecacerts": ("https://support.ptc.com/help/windchill/wc111_hc/whc_ja/Windchill_Help_Center/ReplicateChp_Security_ImportCertifySite.html",
                         "JSSE trust store $JAVA_HOME/jre/lib/security/jssecacerts, -Djavax.net.ssl.trustStore"),
    "java-san": ("https://www.qcecuring.com/blog/fix-no-subject-alternative-names-present-java",
                 "No subject alternative names present; No name matching ... found; SSLPeerUnverifiedException"),
    "java-hostname": ("https://stackoverflow.com/questions/11708717",
                      "HTTPS hostname wrong: should be <...>"),
    "java-anchor": ("https://geekchamp.com/trust-anchor-for-certification-path-not-found-solved/",
                    "Trust anchor for certification path not found (Java trust store)"),
    "java-net": ("http://warmcode.net/jdk/technotes/guides/net/socketException.html",
                 "java.net.ConnectException, UnknownHostException, NoRouteToHostException"),
    "java-uri": ("https://github.com/openjdk/jdk/blob/master/src/java.base/share/classes/java/net/URI.java",
                 "URI.toURL() throws IllegalArgumentException(\"URI is not absolute\") for a URI without a scheme"),
    "java-refused": ("https://onlyerrorcodes.com/programming/java/connect-exception",
                     "java.net.ConnectException: Connection refused (Java client)"),
    "java-url-status": ("https://taourl.com/read-3354415.html",
                        "HttpURLConnection getResponseCode / 403 from the server; the JDK text 'Server returned HTTP "
                        "response code: 403 for URL' was also seen in ten public repositories (find_string)"),
    # --- SAP PI/PO (AS Java) and Cloud Integration --------------------------------------------
    "pi-xpi": ("https://blogs.sap.com/2015/12/10/using-xpi-inspector-to-troubleshoot-http-ssl-connections",
               "SOAP: Call failed: iaik.security.ssl.SSLCertificateException: Peer certificate rejected by "
               "ChainVerifier; Peer sent alert; XPI Inspector; receiver channel"),
    "pi-keystore": ("https://blogs.sap.com/2019/12/10/how-to-troubleshoot-import-renew-and-monitor-java-keystore-certificates-in-sap-pi-7.5-part-2/",
                    "AS Java as SSL client of a receiver adapter; TrustedCAs keystore view; NWA"),
    "pi-aae-outbound": ("https://help.sap.com/saphelp_nwpi71/helpdata/EN/b7/bc0e415668a854e10000000a1550b0/content.htm",
                        "PI outbound through the Adapter Engine: AS Java is the SSL client; the server's CA goes into "
                        "the TrustedCAs keystore view (NWA Key Storage); set per receiver channel of the adapter"),
    "cpi-pkix": ("https://blogs.sap.com/2016/02/03/building-your-first-iflow-part-8-dealing-with-certificates/",
                 "Cloud Integration iFlow: Could not convert socket to TLS; PKIX path building failed; system.jks"),
    "cpi-keystore": ("https://blogs.sap.com/2017/06/19/cloud-integration-how-to-setup-secure-outbound-http-connection-using-keystore-monitor/",
                     "Cloud Integration outbound HTTPS: keystore monitor, receiver system certificates"),
    # --- Node.js ---------------------------------------------------------------------------------
    "node-x509": ("https://nodejs.org/api/tls.html#x509-certificate-error-codes",
                  "X509 certificate error codes: UNABLE_TO_GET_ISSUER_CERT_LOCALLY, UNABLE_TO_VERIFY_LEAF_SIGNATURE, "
                  "DEPTH_ZERO_SELF_SIGNED_CERT, SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, HOSTNAME_MISMATCH … "
                  "(seen as https://nodejs.cn/api/tls/x509.html)"),
    "node-extra-ca": ("https://nodejs.org/api/cli.html#node_extra_ca_certsfile",
                      "NODE_EXTRA_CA_CERTS extends the well-known root CAs (seen as nodejs.cn/api/cli/node_extra_ca_certs_file.html)"),
    "node-errors": ("https://nodejs.org/api/errors.html#common-system-errors",
                    "Common system errors ECONNREFUSED, ECONNRESET, ENOTFOUND, EPIPE, ETIMEDOUT (seen as nodejs.cn)"),
    "node-altname": ("https://github.com/nodejs/node/commit/d4a0300424ad99c0b42aea14dbe899567ae5c6a4.diff",
                     "doc/api/errors.md: ERR_TLS_CERT_ALTNAME_INVALID"),
    "node-altname-text": ("https://github.com/brianc/node-postgres/issues/2263",
                          "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames; "
                          "TLSSocket.onConnectSecure (_tls_wrap.js)"),
    "node-reject": ("https://github.com/nodejs/node/commit/36e4d0c6f0",
                    "doc/api/cli.md: NODE_TLS_REJECT_UNAUTHORIZED (and commit 3095eecc47: the warning text)"),
    "node-hangup": ("https://www.edureka.co/community/questions/181318/nodejs-what-does-socket-hang-up-actually-mean",
                    "Error: socket hang up, code ECONNRESET (createHangUpError in Node's http client)"),
    "node-fetch": ("https://github.com/nodejs/node/issues/46049",
                   "TypeError: fetch failed, cause ConnectTimeoutError UND_ERR_CONNECT_TIMEOUT (undici)"),
    # --- .NET ------------------------------------------------------------------------------------
    "dotnet-invalid": ("https://www.limilabs.com/blog/the-remote-certificate-is-invalid-according-to-the-validation-procedure",
                       "The remote certificate is invalid according to the validation procedure"),
    "dotnet-trust": ("https://khalidabuhakmeh.com/validating-ssl-certificates-with-dotnet-servicepointmanager",
                     "The underlying connection was closed: Could not establish trust relationship for the SSL/TLS "
                     "secure channel; ServicePointManager.ServerCertificateValidationCallback"),
    "dotnet-policy": ("https://learn.microsoft.com/dotnet/api/system.net.security.sslpolicyerrors",
                      "SslPolicyErrors: RemoteCertificateChainErrors, RemoteCertificateNameMismatch, RemoteCertificateNotAvailable"),
    "dotnet-ssl": ("https://github.com/dotnet/corefx/issues/41253",
                   "System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner "
                   "exception. Authentication failed (AuthenticationException)"),
    "dotnet-handler": ("https://taourl.com/read-3005761.html",
                       "HttpClientHandler.ServerCertificateCustomValidationCallback; HttpRequestException on untrusted certificates"),
    "dotnet-status": ("https://github.com/elsa-workflows/elsa-core/issues/7208",
                      "HttpRequestException: Response status code does not indicate success: 401 (Unauthorized)."),
    "spring-rest-status": ("https://github.com/spring-projects/spring-framework/blob/main/spring-web/src/main/java/org/springframework/web/client/HttpClientErrorException.java",
                           "HttpClientErrorException and its subclasses (Unauthorized, NotFound …): RestTemplate's exception for a 4xx status"),
    "spring-webclient-status": ("https://github.com/spring-projects/spring-framework/blob/main/spring-webflux/src/main/java/org/springframework/web/reactive/function/client/WebClientResponseException.java",
                                "WebClientResponseException and its subclasses (NotFound …): WebClient's exception for an error status"),
    # --- Python ----------------------------------------------------------------------------------
    "py-verify": ("https://cnblogs.com/rolandhe/p/18412766",
                  "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to "
                  "get local issuer certificate; certifi; pip --trusted-host"),
    "py-requests": ("https://github.com/kennethreitz/requests/commit/719c76cd9deeaa58eeb8aa224b22970b556b71d2",
                    "requests docs: verify=, CA_BUNDLE, REQUESTS_CA_BUNDLE"),
    "py-certifi": ("https://pypi.org/project/certifi/1.0.0/", "certifi CA bundle, certifi.where()"),
    "py-retries": ("https://fixdevs.pages.dev/blog/python-connectionerror-max-retries-exceeded/",
                   "HTTPSConnectionPool(...): Max retries exceeded with url (Caused by SSLError / NewConnectionError); "
                   "urllib3.exceptions.MaxRetryError"),
    "py-raise": ("https://github.com/psf/requests/blob/main/src/requests/models.py",
                 "raise_for_status: '%s Client Error: %s for url: %s' / '%s Server Error: ...'"),
    "py-401": ("https://labex.io/tutorials/python-how-to-handle-unauthorized-responses-in-python-requests-398018",
               "response.status_code 401 from the server in Python requests"),
    # --- curl, OpenSSL, Go, browsers ------------------------------------------------------------
    "curl-certs": ("https://curl.se/docs/sslcerts.html",
                   "curl certificate verification: --cacert, CURL_CA_BUNDLE, curl-ca-bundle.crt, -k/--insecure"),
    "curl-errors": ("https://github.com/curl/curl/blob/curl-8_4_0/docs/libcurl/libcurl-errors.3",
                    "libcurl error codes: 5 CURLE_COULDNT_RESOLVE_PROXY, 6 CURLE_COULDNT_RESOLVE_HOST, 7 "
                    "CURLE_COULDNT_CONNECT, 28 CURLE_OPERATION_TIMEDOUT (couldn't resolve host / connect)"),
    "curl-local-errors": ("https://github.com/curl/curl/blob/curl-8_4_0/docs/libcurl/libcurl-errors.3",
                          "libcurl error codes of the local side: 23 CURLE_WRITE_ERROR (writing received data to a "
                          "local file), 26 CURLE_READ_ERROR (reading a local file or the read callback), 37 "
                          "CURLE_FILE_COULDNT_READ_FILE; every other code is about the transfer itself"),
    "curl-fail": ("https://webscraping.ai/faq/curl/what-is-the-purpose-of-the-fail-flag-in-curl",
                  "curl --fail: HTTP 4xx/5xx answers make curl exit with code 22 (The requested URL returned error)"),
    "openssl-verify": ("https://www.fixwikihub.com/articles/fix-openssl-certificate-verify",
                       "verify error:num=20:unable to get local issuer certificate; num=21 unable to verify the first "
                       "certificate; num=10 certificate has expired"),
    "openssl-ssl-cert-file": ("https://github.com/amacneil/buildpack/blob/main/docs/custom-root-ca.md",
                              "SSL_CERT_FILE for OpenSSL-based tools; NODE_EXTRA_CA_CERTS for Node"),
    "go-x509": ("https://www.gofaq.org/en/fix-x509-certificate-signed-by-unknown-authority/",
                "x509: certificate signed by unknown authority (Go TLS)"),
    "go-tls": ("https://www.gofaq.org/en/how-to-make-https-requests-with-custom-tls-in-go/",
               "tls.Config, InsecureSkipVerify, http.Transport TLSClientConfig"),
    "browser-firefox": ("https://support.mozilla.org/kb/error-codes-secure-websites",
                        "Firefox: SEC_ERROR_UNKNOWN_ISSUER, MOZILLA_PKIX_ERROR_MITM_DETECTED, Warning: Potential Security Risk Ahead"),
    "browser-cors": ("https://github.com/UI5/openui5/issues/3307",
                     "Access to XMLHttpRequest at … has been blocked by CORS policy: No 'Access-Control-Allow-Origin' "
                     "header is present (a browser's own rule, shown in its console)"),
    "browser-chrome": ("https://otterwatch.dev/blog/self-signed-certificate-warning",
                       "Chrome/Edge: Your connection is not private, NET::ERR_CERT_AUTHORITY_INVALID, NET::ERR_CERT_DATE_INVALID"),
    # --- SAP non-ABAP clients: Cloud Connector, BTP, Fiori tools, HANA client ------------------
    "cc-renew": ("https://userapps.support.sap.com/sap/support/knowledge/en/3068483",
                 "Cloud Connector ljs_trace.log / scc_core.trc, com.sap.scc, SccHandshakeException"),
    "cc-admin": ("https://learning.sap.com/courses/operating-sap-business-technology-platform/operating-cloud-connector-2",
                 "Cloud Connector: secure tunnel to SAP BTP, subaccounts, Cloud Connector Administrator at https://localhost:8443/"),
    "cc-backend-icm": ("https://userapps.support.sap.com/sap/support/knowledge/en/3702022",
                       "Cloud Connector to AS ABAP: the ICM (server) logs Intermediary not trusted, Client did not send "
                       "any certificate, HttpIsReverseProxyTrustworthy"),
    "cc-mtls": ("https://userapps.support.sap.com/sap/support/knowledge/en/3752819",
                "Principal propagation forbidden ... backend connection is not mutually authenticated; SSL_CLIENT_CERT"),
    "btp-client-cert": ("https://github.com/SAP-docs/btp-connectivity/blob/main/docs/1-connectivity-documentation/"
                        "client-certificate-authentication-4e13a04.md",
                        "BTP destination Authentication=ClientCertificateAuthentication: KeyStoreLocation, "
                        "KeyStorePassword, KeyStore.Source"),
    "btp-check": ("https://careerasylum.com/2024/06/25/check-connection-button-got-you-down-a-few-tips-on-destinations",
                  "BTP destination Check Connection only tests network reachability"),
    "btp-dest": ("https://mindfulchase.com/explore/troubleshooting-tips/cloud-platforms-and-services/troubleshooting-destination-and-connectivity-failures-in-sap-cloud-platform.html",
                 "BTP destinations: destination service, ProxyType OnPremise/Internet, XSUAA, SAP_CLOUD_SDK_LOGGING_LEVEL"),
    "sdk-proxy": ("https://sap.github.io/cloud-sdk/docs/js/v2/features/connectivity/proxies",
                  "SAP Cloud SDK: connectivity proxy, SAP-Connectivity-Authentication, Proxy-Authorization"),
    "fiori-tools": ("https://npmjs.com/package/%40sap%2Fux-ui5-tooling",
                    "SAP Fiori tools UI5 tooling (@sap/ux-ui5-tooling): fiori run, ui5 serve, custom middlewares"),
    "fiori-proxy": ("https://segmentfault.com/a/1190000041432804",
                    "ui5.yaml fiori-tools-proxy with ignoreCertError (self-signed certificates)"),
    "hana-rte": ("https://github.com/mtxr/vscode-sqltools/issues/496",
                 "HANA client: Connection failed (RTE:[89006] System call 'connect' failed ...), code -10709"),
    "hana-secure": ("https://github.com/SAP/node-hdb/issues/147",
                    "@sap/hana-client: only secure connections are allowed; encrypt, sslTrustStore"),
    "hana-cli": ("https://github.com/SAP-samples/hana-developer-cli-tool-example/issues/85",
                 "Could not connect to any host: [ ...hanacloud.ondemand.com:443 - ... ]"),
    "hana-ssl": ("https://blogs.sap.com/2018/08/06/connecting-to-an-sap-hana-service-database/",
                 "HANA clients must encrypt; sslValidateCertificate, sslTrustStore, hdbsql"),
    "go-ase-login": ("https://github.com/SAP/go-ase/blob/master/libase/tds/login.go",
                     "SAP's Go driver for ASE logs on over TDS and names the protocol's message ids "
                     "(TDS_MSG_SEC_ENCRYPT3, TDS_MSG_SEC_ENCRYPT4) of the password encryption it negotiates"),
    "hana-jdbc": ("https://blogs.sap.com/2020/04/13/hana-secure-network-communication-part-ii/",
                  "JDBC/ODBC/SQLDBC clients of HANA and their TLS settings"),
    "adt-icf": ("https://docs-emm.pages.dev/docs/abaper/sap-connection/",
                "Eclipse ADT talks HTTPS to the ICF service /sap/bc/adt of the system"),
    # --- added in the second pass: Go, Chromium, PHP, Spring, urllib -----------------------
    "java-cert-exc": ("http://hkjs.com/node/4410.html",
                     "RestTemplate over HTTPS: java.security.cert.CertificateException: No name matching"),
    "spring-io": ("https://duoke360.com/post/29320",
                 "Spring RestTemplate ResourceAccessException: I/O error on POST request (network, timeout, SSL certificate)"),
    "java-reset": ("https://www.explaintopic.com/networking/java-net-socketexception-connection-reset-when-using-resttem-1765885718.html",
                  "java.net.SocketException: Connection reset with RestTemplate"),
    "php-curl60": ("http://www.kouhan.cn/en/article/00017100",
                  "PHP cURL error 60: SSL certificate problem; CURLOPT_CAINFO, php.ini curl.cainfo"),
    "php-stream": ("http://www.kouhan.cn/en/article/00026336",
                  "PHP: SSL operation failed with code 1. OpenSSL Error messages: ... certificate verify failed"),
    "php-verifypeer": ("http://www.kouhan.cn/en/article/00027891",
                      "PHP cURL CURLOPT_SSL_VERIFYPEER / CURLOPT_SSL_VERIFYHOST and certificate verification errors"),
    "go-dial": ("https://github.com/grpc/grpc-go/issues/3961",
                "Go's net package: dial tcp 127.0.0.1:1234: connect: connection refused (a Go client's own socket error)"),
    "dotnet-refused": ("https://github.com/dotnet/dotnet-api-docs/issues/9821",
                       "System.Net.Sockets.SocketException (10061): No connection could be made because the target "
                       "machine actively refused it (the Windows text of WSAECONNREFUSED, as .NET shows it)"),
    "go-verify": ("https://go.googlesource.com/go/+/852ccd9de7d17213673bbe590c5b1223e125136b/src/crypto/x509/verify.go",
                 "Go crypto/x509 error strings: x509: certificate is valid for …, not …; is not valid for any names; cannot validate certificate for …; has expired or is not yet valid"),
    "chrome-net-errors": ("https://github.com/ungerik/chrome-netconn/blob/master/lib/net_error_list.h.js",
                         "Chromium net_error_list.h: ERR_CERT_COMMON_NAME_INVALID, ERR_SSL_PROTOCOL_ERROR, ERR_SSL_VERSION_OR_CIPHER_MISMATCH (shown as net::ERR_…)"),
    "py-urllib-error": ("https://huggingface.co/MNghia/soft_gripper_envs/blob/main/lib/python3.10/urllib/error.py",
                       "CPython urllib/error.py: URLError.__str__ '<urlopen error %s>'"),
    "py-urllib-status": ("https://pastebin.com/rJz6aCh5",
                        "urllib.error.HTTPError: HTTP Error 404: Not Found (a status the server sent)"),
    "cap-remote": ("https://github.com/sap-tutorials/tutorials/issues/23547",
                  "CAP (cds.RemoteService): Error during request to remote service: … (the CAP app is the client)"),
    "ui5-cfdest": ("https://github.com/ui5-community/ui5-ecosystem-showcase/issues/647",
                  "ui5-middleware-cfdestination and a local @sap/approuter calling mTLS backends"),
    "approuter-java": ("https://github.com/SAP/cloud-sdk-java/issues/445",
                      "the approuter's xs-app.json routes to a destination"),
    "nco-notes": ("https://file-repo.brqapps.com/files/Projeto_AZIMUT_Enterprise_Scan.zip:/tmp/tarfile_extract_fvlihv3i/release_notes.txt",
                 "SAP .NET Connector release notes: SAP.Middleware.Connector.RfcCommunicationException: Connection to (host,3300) … CPIC layer"),
    "nco-blog": ("https://blogs.sap.com/2011/01/14/a-spotlight-on-the-new-net-connector-30/",
                "SAP .NET Connector (NCo) 3.0: RFC client and server programs in .NET"),
    "netty-not-ssl": ("https://github.com/netty/netty/issues/11873",
                      "io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record (a Java/Netty client or server)"),
    "git-gnutls": ("https://github.com/Altinn/altinn-studio/issues/100",
                   "fatal: unable to access '…': server certificate verification failed. CAfile: … CRLfile: none"),
    "go-lookup": ("https://github.com/golang/go/issues/17172",
                  "Go's net package: dial tcp: lookup \"example.com\": no such host"),
    "go-remote-alert": ("https://github.com/golang/go/issues/46270",
                        "Go's crypto/tls reports the peer's alert as remote error: tls: handshake failure"),
    "dotnet-secure-channel": ("https://github.com/XiaoFaye/WooCommerce.NET/issues/271",
                              "The request was aborted: Could not create SSL/TLS secure channel (HttpWebRequest, ServicePointManager)"),
    "dotnet-transport-closed": ("https://github.com/dotnet/corefx/issues/4822",
                                "System.IO.IOException: Authentication failed because the remote party has closed the "
                                "transport stream, at System.Net.Security.SslStream.AuthenticateAsClient"),
    "dotnet-tls-alert": ("https://github.com/dotnet/runtime/pull/35549",
                         "SslStream reports the far side's alert: Authentication failed because the remote party has "
                         "sent TLS alert ProtocolVersion (newer: sent a TLS alert: 'HandshakeFailure')"),
    "win-schannel": ("https://github.com/curl/curl/pull/6018",
                     "schannel: … SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted."),
    "dotnet-name": ("https://github.com/ShareX/ShareX/issues/4859",
                    "The remote name could not be resolved: '…' at System.Net.HttpWebRequest.GetRequestStream"),
    "powershell-web": ("https://github.com/rmbolger/Posh-IBWAPI/issues/15",
                       "Invoke-RestMethod : The underlying connection was closed … WebCmdletWebResponseException"),
    "py-gaierror": ("https://github.com/tgalal/yowsup/issues/443",
                    "socket.gaierror: [Errno -3] Temporary failure in name resolution (Python traceback)"),
    "postman-no-response": ("https://github.com/postmanlabs/postman-app-support/issues/3503",
                            "Postman: Could not get any response / There was an error connecting to https://…"),
    "ios-nsurl": ("https://github.com/Alamofire/AlamofireImage/issues/380",
                  "Error Domain=NSURLErrorDomain Code=-1202 \"The certificate for this server is invalid…\" (URLSession)"),
    "azure-ad-aadsts": ("https://github.com/OfficeDev/microsoft-365-agents-toolkit/issues/8621",
                        "Get Token request returned http error: 401 … invalid_client … AADSTS7000215: Invalid client secret provided"),
    "azure-apim": ("https://github.com/MicrosoftDocs/azure-docs/issues/15130",
                   "Azure API Management: {\"statusCode\": 401, \"message\": \"Access denied due to missing subscription key …\"} (Ocp-Apim-Subscription-Key)"),
    "aws-apigw": ("https://github.com/aws/chalice/issues/12",
                  "AWS API Gateway: HTTP/1.1 403 Forbidden, x-amzn-ErrorType: MissingAuthenticationTokenException, {\"message\": \"Missing Authentication Token\"}"),
    "spring-security-401": ("https://github.com/livelessons-spring/building-microservices/issues/14",
                            "Spring Security: status 401, Unauthorized, Full authentication is required to access this resource"),
    "apache-404": ("https://github.com/kbrmedia/Premium-URL-Shortener/issues/2",
                   "Apache's 404 page: Not Found / The requested URL /user/login was not found on this server."),
    "iis-detailed-error": ("https://github.com/OfficeDev/microsoft-365-agents-toolkit/issues/8621",
                           "IIS Detailed Error: HTTP Error 500.0 - Internal Server Error"),
    "node-error-codes": ("https://github.com/pdaddyo/bitbar-nightscout/issues/3",
                         "TypeError [ERR_INVALID_PROTOCOL]: Protocol \"https:\" not supported … code: 'ERR_INVALID_PROTOCOL' (Node's http client)"),
    "node-core-frames": ("https://github.com/hgouveia/node-downloader-helper/issues/106",
                         "at new NodeError (node:internal/errors:399:5) at new ClientRequest (node:_http_client:189:11)"),
    "chrome-cant-reach": ("https://github.com/ungoogled-software/ungoogled-chromium/issues/1528",
                          "Chrome's page: This site can’t be reached / …’s server IP address could not be found / ERR_NAME_NOT_RESOLVED"),
    "chrome-distrust-console": ("https://dev.to/funkysi1701/chrome-distrusts-ssl-certificates-2eme",
                                "Chrome's DevTools console: \"The SSL certificate used to load resources from <origin> "
                                "will be distrusted in M70 …\" (the Symantec distrust)"),
    "ui5-metadata-failed": ("https://github.com/SAP/openui5/blob/master/src/sap.ui.core/src/sap/ui/model/odata/"
                            "ODataMetadata.js",
                            "UI5's OData model logs \"[ODataMetadata] initial loading of metadata failed\" when the "
                            "browser's $metadata request fails"),
    "chromium-fetch": ("https://github.com/chromium/chromium/blob/main/third_party/blink/renderer/core/fetch/"
                       "fetch_manager.cc",
                       "Blink's fetch() rejects a request that failed (network error, CORS) with TypeError "
                       "\"Failed to fetch\""),
    "php-getaddrinfo": ("https://github.com/php/php-src/blob/master/main/network.c",
                        "php_network_getaddresses: \"php_network_getaddresses: getaddrinfo for <host> failed: …\" "
                        "(PHP's own name-resolution warning for streams, sockets and database drivers)"),
    "ruby-net-http": ("https://github.com/ruby/net-http/blob/master/lib/net/http.rb",
                      "Net::HTTP#connect: \"Failed to open TCP connection to <host>:<port> (<the socket's error>)\""),
    "eclipse-cannot-reach": ("https://github.com/sap-tutorials/Tutorials/issues/6665",
                             "SAP's Eclipse tools adding a cloud server: \"Cannot reach host "
                             "[int.sap.eu2.hana.ondemand.com]. Check host name for typing errors and make sure your "
                             "proxy and network settings are correct.\""),
    "cdc-not-connected": ("https://github.com/SAP/gigya-flutter-plugin/issues/81",
                          "SAP Customer Data Cloud SDK error 400106 (NotConnected): \"User is not connected to the "
                          "required network or to any network\", statusCode 0 (no answer from any server)"),
    "chrome-dns-page": ("https://github.com/linuxeye/lnmp/issues/197",
                        "This site can’t be reached … server IP address could not be found. DNS_PROBE_FINISHED_NXDOMAIN"),
    # --- third pass: the runtimes' own catalogues (docs/research/scope_vocabulary.md) ----------
    "java-hostname-checker": ("https://github.com/openjdk/jdk/blob/master/src/java.base/share/classes/sun/security/util/"
                              "HostnameChecker.java",
                              "JSSE's host-name check: CertificateException \"No subject alternative DNS name matching "
                              "<host> found.\", \"No subject alternative names present\", \"No name matching <host> found\""),
    "java-pkix-validator": ("https://github.com/openjdk/jdk/blob/master/src/java.base/share/classes/sun/security/"
                            "validator/PKIXValidator.java",
                            "ValidatorException \"PKIX path validation failed: \" (a chain validated and refused: expired, "
                            "revoked, constraints) beside \"PKIX path building failed: \""),
    "java-no-protocol": ("https://github.com/openjdk/jdk/blob/master/src/java.base/share/classes/sun/security/ssl/"
                         "HandshakeContext.java",
                         "SSLHandshakeException \"No appropriate protocol (protocol is disabled or cipher suites are "
                         "inappropriate)\" and \"No appropriate cipher suite\": no enabled TLS version or suite is usable"),
    "node-eai-again": ("https://github.com/npm/npm/issues/12090",
                       "Node's resolver error \"getaddrinfo EAI_AGAIN registry.npmjs.org:80\" (code EAI_AGAIN, syscall "
                       "getaddrinfo): the name server gave no answer"),
    "node-tls-disconnect": ("https://github.com/Nerixyz/instagram_mqtt/issues/10",
                            "Error: Client network socket disconnected before secure TLS connection was established, at "
                            "TLSSocket.onConnectEnd (_tls_wrap.js), code ECONNRESET"),
    "node-tunnel-agent": ("https://github.com/postlight/parser-api/issues/38",
                          "Error: tunneling socket could not be established, statusCode=407 at ClientRequest.onConnect "
                          "(node_modules/request/node_modules/tunnel-agent/index.js); Postman shows the same "
                          "(postmanlabs/postman-app-support#8931)"),
    "curl-no-alt-name": ("https://github.com/paritytech/substrate/issues/3354",
                         "curl: (51) SSL: no alternative certificate subject name matches target host name '<host>' "
                         "(code 60 in newer curl; PHP prints it as cURL error 51)"),
    "curl-ssl-connect": ("https://github.com/curl/curl/issues/14154",
                         "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to <host>:443 (OpenSSL's "
                         "SSL_get_error name in curl's handshake error)"),
    "curl-failed-connect": ("https://github.com/desktop/desktop/issues/18137",
                            "fatal: unable to access '…': Failed to connect to github.com port 443 after 21048 ms: "
                            "Couldn't connect to server (curl's text, printed by git)"),
    "openssl-verify-return": ("https://github.com/notaryproject/notary/issues/1442",
                              "openssl s_client: verify error:num=10:certificate has expired … Verify return code: 10 "
                              "(certificate has expired); the texts are X509_verify_cert_error_string's "
                              "(openssl/openssl crypto/x509/x509_txt.c)"),
    "go-legacy-cn": ("https://github.com/johanbrandhorst/certify/issues/122",
                     "Go 1.15+: x509: certificate relies on legacy Common Name field, use SANs or temporarily enable "
                     "Common Name matching with GODEBUG=x509ignoreCN=0"),
    "go-first-record": ("https://github.com/emersion/go-imap/issues/368",
                        "client.DialTLS: first record does not look like a TLS handshake — the address answered without "
                        "TLS (a Go server logs it as \"http: TLS handshake error from …\", e.g. drk1wi/Modlishka#99)"),
    "go-tls-handshake-timeout": ("https://github.com/chengchuu/go-gin-gee/issues/24",
                                 "Get \"https://…\": net/http: TLS handshake timeout (Go's http.Transport)"),
    "nss-sec-errors": ("https://searchfox.org/firefox-main/source/security/nss/lib/util/SECerrs.h",
                       "NSS's security error codes as Firefox shows them: SEC_ERROR_EXPIRED_CERTIFICATE \"Peer's "
                       "Certificate has expired.\", SEC_ERROR_REVOKED_CERTIFICATE, SEC_ERROR_UNKNOWN_ISSUER …"),
    "nss-ssl-errors": ("https://searchfox.org/mozilla-central/source/security/nss/lib/ssl/SSLerrs.h",
                       "NSS's TLS error codes: SSL_ERROR_NO_CYPHER_OVERLAP, SSL_ERROR_UNSUPPORTED_VERSION, "
                       "SSL_ERROR_BAD_CERT_DOMAIN \"requested domain name does not match the server's certificate\" …"),
    "win-wsaeconnreset": ("https://github.com/Azure/DotNetty/issues/449",
                          "SocketException: An existing connection was forcibly closed by the remote host (Windows "
                          "Sockets error 10054, WSAECONNRESET, as the issue quotes from Microsoft's error-code list)"),
    "win-wsahost-not-found": ("https://github.com/datalust/seq-input-healthcheck/issues/21",
                              "System.Net.Sockets.SocketException (11001): No such host is known (HttpClient)"),
    "dotnet-httpclient-timeout": ("https://github.com/microsoft/CromwellOnAzure/issues/452",
                                  "TaskCanceledException: The request was canceled due to the configured "
                                  "HttpClient.Timeout of 100 seconds elapsing."),
    "py-ssl-reason": ("https://github.com/psf/requests/issues/4757",
                      "ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:598) — "
                      "CPython's ssl module: OpenSSL's reason in brackets, its own source line in parentheses"),
    "py-requests-exceptions": ("https://github.com/psf/requests/blob/main/src/requests/exceptions.py",
                               "requests.exceptions: ConnectionError, ProxyError, Timeout, ConnectTimeout (while "
                               "connecting), ReadTimeout (no data from the server in time)"),
    "py-urllib3-timeout": ("https://github.com/carnal0wnage/weirdAAL/issues/70",
                           "ConnectTimeoutError(…, 'Connection to importexport.amazonaws.com timed out. (connect "
                           "timeout=60)') under requests.exceptions.ConnectTimeout"),
    "py-remote-disconnected": ("https://github.com/jgarzik/python-bitcoinrpc/issues/87",
                               "http.client.RemoteDisconnected: Remote end closed connection without response "
                               "(http/client.py _read_status)"),
    "mdk-client": ("https://help.sap.com/doc/f53c64b93e5140918d676b927a3cd65b/Cloud/en-US/docs-en/guides/getting-started/mdk/overview.html",
                   "the Mobile Development Kit (MDK) client: a native iOS/Android app that connects to SAP Mobile Services"),
    "mobile-cards": ("https://github.com/SAP-samples/mobile-cards-templates",
                     "SAP Mobile Cards, an offering of SAP Mobile Services: micro apps on the user's mobile device"),
}

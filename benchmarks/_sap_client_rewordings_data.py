"""Three rewordings of each dev report labelled `sap_http_client` (tests/eval/real/dev.yaml).

Written by hand from each report's text and `reason`, keeping the facts an expert would use:

- ``lines``: the error lines only, without the prose (for a report that has no error line:
  its shortest statement of the failure);
- ``prose``: the prose only, the code or constant dropped or written another way ("peer
  certificate not trusted", "error 407 in SM59"), a few in German;
- ``added``: the report with an unrelated detail added (an OS, a kernel release, "it worked
  last week", a second harmless log line); ``{orig}`` stands for the report's own text.

A robustness table, not a test set: benchmarks/sap_client_rewordings.py routes them and
prints, per report, whether scope, first message and a right cause in the top three hold.
Fix classes of failure seen here with invented sentences in the unit tests, never these.
"""

from __future__ import annotations

REWORDINGS: dict[str, dict[str, str]] = {
    "abapgit-5589-conn-closed": {
        "lines": (
            "SSL handshake with github.com:443 failed: SSSLRC_CONN_CLOSED (-10)\n"
            "Remote Peer has closed the network connection\n"
            'SSL:SSL_get_state()==0x2120 "TLS read server hello A"\n'
            'TLSextSNI server_name="github.com"'
        ),
        "prose": (
            "ZABAPGIT_TEST_SSL to github.com fails: the remote side closes the connection right "
            "after our client hello, no server hello ever comes back. All certificates are in "
            "STRUST, SNI is sent, NW 7.56. The server sits behind a firewall that allows "
            "outbound traffic to github.com only. Why is the connection rejected?"
        ),
        "added": "{orig}\nKernel 785 patch 100 on SUSE Linux 15 SP4. It worked last week.",
    },
    "abapgit-1225-ssl-read-github-tls": {
        "lines": "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58)",
        "prose": (
            "Since this morning we cannot reach GitHub any more: error 407 in SM59, the SSL "
            "handshake with github.com breaks off with an SSL read error. Nothing changed on our "
            "side. Any ideas?"
        ),
        "added": "Kernel 7.53 on Windows Server 2012.\n{orig}",
    },
    "abapgit-6929-421-chain": {
        "lines": (
            "HTTP error 421 occurred: SSL handshake with github.com:443 failed: "
            "SSSLERR_PEER_CERT_UNTRUSTED (-102) Peer's X.509 certificate (chain) validation "
            "failed (missing trust?)"
        ),
        "prose": (
            "abapGit says the peer certificate of github.com is not trusted, the X.509 chain "
            "validation failed. We imported everything from the link, but comparing with Google "
            "Chrome I found one certificate of the hierarchy missing."
        ),
        "added": "{orig}\nWe are on S/4HANA 1909 with a HANA 2.0 SPS05 database, direct connection, no proxy.",
    },
    "abapgit-4004-421-gitlab": {
        "lines": (
            "HTTP error 421 occured: SSL handshake with gitlab.com:443 failed: "
            "SSSLERR_PEER_CERT_UNTRUSTED (-102)"
        ),
        "prose": (
            "Opening a repo hosted on gitlab.com from abapGit fails: SSL handshake with "
            "gitlab.com, peer cert untrusted (-102). I imported the github.com and api.github.com "
            "certificates and two root certificates into STRUST, set the profile parameters in "
            "RZ10 and restarted the instance; the SSL test report says OK for github.com."
        ),
        "added": "{orig}\nOS is AIX 7.2, kernel 753 PL 900.",
    },
    "abapgit-3325-421-constant": {
        "lines": "HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED",
        "prose": (
            "Beim Öffnen des Repositorys in abapGit kommt HTTP-Fehler 421: das SSL-Zertifikat "
            "des Servers ist nicht vertrauenswürdig. Kann mir jemand helfen?"
        ),
        "added": (
            "Error: HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED\n"
            "Hello, I am encountering this error when trying to open the repo in abapGit. It "
            "worked fine last week on our sandbox. Can someone please advise?"
        ),
    },
    "abapgit-4964-untrusted-hana": {
        "lines": "SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
        "prose": (
            "abapGit on our HANA 2.0 system: the SSL handshake with github.com fails, the peer "
            "certificate is not trusted. I have read all the documents. I think the problem is "
            "in RZ10: ssl/client_ciphersuites=918:PFS:HIGH::EC_P256:EC_HIGH"
        ),
        "added": "{orig}\nThe system runs on Red Hat 8 in Azure.",
    },
    "abapgit-6845-421-s4-cloud": {
        "lines": (
            "HTTP error 421 occured: SSL handshake with github.com:443 failed: "
            "SSSLERR_PEER_CERT_UNTRUSTED (-102)\n"
            "Peer's X.509 certificate (chain) validation failed"
        ),
        "prose": (
            "Since GitHub changed its SSL certificate abapGit cannot reach the GitHub "
            "repositories: the server's certificate chain is not trusted. I installed the new "
            "certificates in my computer's key stores, but it still fails. I use abapGit from "
            "Eclipse on my notebook, not on the ABAP application server."
        ),
        "added": "{orig}\nMy notebook runs Windows 11.",
    },
    "abapgit-3821-411-worked-before": {
        "lines": "Error: HTTP error 411 occured: Direct connect to github.com:443 failed: NIECONN_REFUSED(-10)",
        "prose": (
            "A few months ago the abapGit connection worked (SSL setup done, ZABAPGIT_TEST_SSL "
            "fine). Now the direct connection to github.com on port 443 is refused when we run "
            "the ABAPGIT program."
        ),
        "added": "{orig}\nSMICM: ICM status running, HTTPS port 44300 active. ECC 6.0 EHP8 on Oracle 19c.",
    },
    "abapgit-1230-after-510007": {
        "lines": (
            "After note 510007: ZABAPGIT no longer asks for credentials and cannot connect to "
            "the repositories. ZABAPGIT_TEST_SSL: 'Success, it works'."
        ),
        "prose": (
            "Nach Umsetzung des SAP-Hinweises 510007 fragt ZABAPGIT nicht mehr nach meinen "
            "Anmeldedaten und kann keine Verbindung zu den abapGit-Repositories aufbauen. Der "
            "Test mit ZABAPGIT_TEST_SSL sagt 'Success, it works'."
        ),
        "added": "{orig}\nSAP_BASIS 750 SP 10.",
    },
    "abapgit-412-proxy-comm-failure": {
        "lines": "ZABAPGIT_TEST_SSL: HTTP Communication Failure (our network has a proxy)",
        "prose": (
            "Testing my connection with the abapGit SSL test report fails with a communication "
            "error. Our SAP network has a proxy. cl_http_client takes the proxy host and port "
            "as optional parameters; when I passed them it worked."
        ),
        "added": "{orig}\nThe same report ran fine on our old ERP box last year.",
    },
    "abapgit-2959-proxy-returned-407": {
        "lines": (
            "IcmConnInitClientSSL: Proxy connection to https://github.com:443 via "
            "GCPROXY1.CORP.GEZE.COM:8080 failed (proxy returned 407 authenticationrequired)"
        ),
        "prose": (
            "I cannot authenticate at our proxy server: the abapGit SSL test says the proxy "
            "connection to github.com through our proxy on port 8080 failed because the proxy "
            "demands authentication. Debugging shows the credentials are encrypted before they "
            "reach the proxy, apparently forced by the https prefix of the URL."
        ),
        "added": "{orig}\nOur kernel is 7.49 on Windows Server 2016.",
    },
    "abapgit-4142-conn-closed-both-hosts": {
        "lines": (
            "SSL handshake with github.com:443 failed: SSSLRC_CONN_CLOSED (-10)\n"
            "Remote Peer has closed the network connection\n"
            "*** ERROR => SecuSSL_SessionStartNB(): incomplete SSL handshake [ssslsecu.c   4955]\n"
            "*** ERROR => SSL handshake with api.github.com:443 failed: SSSLRC_CONN_CLOSED (-10)"
        ),
        "prose": (
            "The abapGit connection test (ZABAPGIT_TEST_SSL in SE38) fails: the SSL handshake "
            "with github.com and with api.github.com stays incomplete, the remote peer closes "
            "the connection. We installed the certificates of both sites as the abapGit "
            "documentation says."
        ),
        "added": "{orig}\n[Thr 140101169288960] Sat Mar  4 10:12:01:123 2023",
    },
    "abapgit-3296-intermittent-411-azure": {
        "lines": "abapGit to Azure Repos: intermittent connection failures, works for 5 minutes then breaks",
        "prose": (
            "Our team uses abapGit against Azure Repos and the connection fails intermittently: "
            "some calls work, then it breaks within minutes. Network traces ruled out most "
            "network issues and the network team opened everything temporarily, no help."
        ),
        "added": "{orig}\nWe are on NW 7.52 SP 4.",
    },
    "abapgit-840-gitstack-comm-failure": {
        "lines": "HTTP communication failure.",
        "prose": (
            "I run GitStack on my PC and uploaded its server.crt into STRUST. Cloning my "
            "repository https://<my IP>/samplerepo1.git from abapGit into our shared SAP system "
            "ends in a communication error."
        ),
        "added": "{orig}\nGitStack 2.3.10 on Windows 10.",
    },
    "refscen-flight-30-http-client-create": {
        "lines": "Error while creating HTTP Client",
        "prose": (
            "zabapgit_standalone on our S/4HANA system cannot connect to "
            "https://github.com/SAP/abap-platform-refscen-flight.git: it fails already when "
            "creating the HTTP client."
        ),
        "added": "{orig} We upgraded to S/4HANA 2022 FPS01 last month.",
    },
    "abapgit-2991-ssl-read-certs-added": {
        "lines": (
            "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ "
            "(-58) SAPCRYPTO:SSL_read() failed SapSSLSessionStartNB()==SSSLERR_SSL_READ"
        ),
        "prose": (
            "Adding an online repo in abapGit fails with error 407, the SSL handshake with "
            "github.com breaks on a read error. I imported the certificate into STRUST, then all "
            "three certificates, and it still fails the same way. What am I missing?"
        ),
        "added": "{orig}\nThe system is NW 7.40 SP 15 on HP-UX.",
    },
    "abapgit-1491-2fa-ssl-client-anonym": {
        "lines": '"2FA error: Communication error: SSL-Client SSL-Client (Anonym)"',
        "prose": (
            "Cloning a repo works, but when I commit I get a communication error naming the "
            "anonymous SSL client. abapGit asks for my user and password and the password is "
            "right (password manager), so why an SSL error?"
        ),
        "added": "{orig}\nI am on abapGit 1.60.",
    },
    "azure-sdk-44-ssl-inactive-500": {
        "lines": "lv_http_status = 500, response body empty, send_request blocks for about a minute",
        "prose": (
            "With SSL set to inactive in the SM59 destination, the Azure SDK's call to the event "
            "hub hangs for about a minute and comes back with status 500 and an empty body; no "
            "exception is raised."
        ),
        "added": "{orig}\nThe event hub is in West Europe; ECC 6.0 EHP7.",
    },
    "abapgit-4166-rswf-test-http-411": {
        "lines": "HTTP-Receive: RC=411 Connect to github.com:443 failed: NIECONN_REFUSED(-10)",
        "prose": (
            "RSWF_TEST_HTTP against https://github.com gives error 411, the connection to "
            "github.com port 443 is refused. I imported the certificates in STRUST, set the three "
            "parameters in RZ10 and restarted. Our SAP server cannot reach the internet."
        ),
        "added": "{orig}\nKernel release 753, Linux x86_64.",
    },
    "aisdk-40-rest-client-exception": {
        "lines": "CX_REST_CLIENT_EXCEPTION",
        "prose": (
            "Every OpenAI demo program of the AI SDK ends in a dump: an HTTP client exception "
            "from the REST client."
        ),
        "added": "{orig}\nWe are on S/4HANA 2021.",
    },
    "scn-doc-44020-pi-401-and-407": {
        "lines": "HTTP response code 401 Unauthorized\nHTTP client code 407 reason ICM_HTTP_SSL Error",
        "prose": (
            "Two failures on our PI HTTP interface: the partner answered 401 Unauthorized, and "
            "the HTTP client of the ABAP stack reported an SSL error. The certificate files at OS "
            "level and in the database were inconsistent; Basis re-imported the certificate."
        ),
        "added": "Landscape: PI 7.31 dual stack on Windows.\n{orig}",
    },
    "abapgit-4516-root-ca-needed": {
        "lines": "certificate errors after uploading the github.com certificates: Root CA needed?",
        "prose": (
            "Wir bekommen Zertifikatsfehler, obwohl wir die Zertifikate von github.com laut "
            "abapGit-Doku hochgeladen haben. Unser Basis-Team sagt, wir brauchen die Root-CA. "
            "Welche Root-CA brauchen wir für github.com auf unserem On-Premise-System?"
        ),
        "added": "{orig}\nWe run ECC on SQL Server 2016.",
    },
    "abapgit-3420-pse-not-found": {
        "lines": "While creating HTTP Client\nPSE_NOT_FOUND",
        "prose": (
            "Creating an online repo fails while the HTTP client is created, and the SSL test "
            "report for github.com raises an exception that the PSE does not exist. We imported "
            "the github.com certificates into SSL client (anonymous) in STRUST."
        ),
        "added": "{orig}\nThis is a fresh sandbox copied from production last week.",
    },
    "abapgit-53-dump-subrc-2": {
        "lines": "dump on clone / explore: sy-subrc = 2",
        "prose": (
            "Cloning or exploring any project in abapGit dumps with return code 2. SAP runs on an "
            "old Windows server VM; I exported the GitHub certificates with Firefox there. Do I "
            "need OAuth2 and the SAP cryptographic library?"
        ),
        "added": "{orig} The VM has 8 GB of memory.",
    },
    "aisdk-50-while-creating-http-client": {
        "lines": "While creating HTTP Client",
        "prose": (
            "When I create a new online repository following the tutorial, I get a message that "
            "creating the HTTP client failed. I don't know how to deal with it."
        ),
        "added": "{orig} Our system is S/4HANA 2020 on premise.",
    },
    "abapgit-2587-azure-devops-421-unknown": {
        "lines": "HTTP error 421 occured: Unknown error",
        "prose": (
            "Can abapGit connect to repos on Visual Studio Team Services? We get error 421 "
            "(unknown error) for the VSTS repos only; GitHub repos work and RSWF_TEST_HTTP works."
        ),
        "added": "{orig}\nWe are on NW 7.52.",
    },
    "abapgit-752-clone-comm-error-missing-cert": {
        "lines": "communication error when cloning after the DigiCert certificates were deleted from STRUST",
        "prose": (
            "If cloning a new repository fails with a communication error (say the DigiCert "
            "certificates GitHub needs were removed from STRUST and the ICM restarted), a row "
            "stays in ZABAPGIT but the objects are not copied."
        ),
        "added": "{orig}\nTested with abapGit 1.45 in our NW 7.50 sandbox.",
    },
    "oembed-580-oa2c-grant-red": {
        "lines": "OA2C_GRANT: Refresh OAuth 2.0 tokens failed, status red",
        "prose": (
            "Dear experts, in transaction OA2C_GRANT the status stays red, refreshing the "
            "OAuth 2.0 token fails. How can I solve it?"
        ),
        "added": "{orig}\nOur system is ECC 6.0 EHP8.",
    },
    "abapgit-134-test-report-wrong-sslid": {
        "lines": "RSWF_TEST_HTTP uses the wrong SSLID",
        "prose": (
            "The installation guide mentions the standard HTTP test report, but it tests with "
            "another SSL identity than abapGit uses. Should there be a separate SSL test program?"
        ),
        "added": "{orig}\n(Found while installing on a 7.31 system.)",
    },
    "tutorials-18156-abap-api-hub-sandbox-cert": {
        "lines": "ABAP call to https://sandbox.api.sap.com/ needs that host's certificate, not api.github.com's",
        "prose": (
            "The tutorial on calling the SAP API Business Hub from ABAP shows downloading the "
            "api.github.com certificate, but the ABAP program calls https://sandbox.api.sap.com/, "
            "so that certificate is the one to import into STRUST."
        ),
        "added": "{orig}\nI did the tutorial on the ABAP trial in Docker.",
    },
    "iprocon-concur-native-integration-root-certs": {
        "lines": "SAP -> https://eu1.concursolutions.com: SSL_PEER_CERT_UNTRUSTED",
        "prose": (
            "In the native Concur integration the SAP system calls Concur's APIs over HTTPS. The "
            "browser trusts https://eu1.concursolutions.com because it knows all the root "
            "certificates, but the SAP system reports a certificate error: the peer certificate "
            "is not trusted, as neither it nor its issuers were imported."
        ),
        "added": "{orig}\nGetestet auf einem ERP 6.0 EHP8 unter Linux.",
    },
    "sap-blog-ariba-lets-encrypt-sni": {
        "lines": "SSL handshake exception: ERP back end to Ariba Cloud Integration Gateway without SNI",
        "prose": (
            "Ariba Cloud Integration Gateway presents SNI certificates, so SAP ERP back ends that "
            "connect to it must have Server Name Indication switched on (SAP note 2970307); a "
            "client without SNI fails the SSL handshake."
        ),
        "added": "{orig}\nThis applies to test and production realms alike.",
    },
    "ptv-xserver-forum-1902-sap-clients-after-cert-renewal": {
        "lines": "SAP systems cannot send HTTPS requests to our cloud services after our SSL certificate expired",
        "prose": (
            "Several customers' SAP systems suddenly could not call our HTTPS cloud services "
            "whenever our SSL certificate had expired and was renewed; non-SAP integrators never "
            "complained. Is SAP different? Our chain: server certificate (2025), intermediate "
            "(2027), root (2033)."
        ),
        "added": "{orig}\nOur services run on Azure.",
    },
    "sapcommunity-14429258-drc-sm59-oauth2-strust-then-404": {
        "lines": "Create failed: plugin not active\nerror code 404",
        "prose": (
            "SM59 type G destination with OAuth2 for SAP DRC on ECC6 EHP8: the connection test "
            "first failed with plugin not active; the G3/G5 root certificates were missing in "
            "STRUST. After importing them into the ANONYM SSL client the test gives 404 instead "
            "of the 401 the documentation mentions."
        ),
        "added": "{orig}\nWe use Cloud Connector 2.16.",
    },
}

# Harmless lines added to every report in turn (the `added` rewording, made systematic): an
# environment, a thing said to work, a product said not to be involved. Written before any
# fix they led to; a check broken by one of them is a class of "a detail drowns the cue".
DETAILS: tuple[str, ...] = (
    "It works fine from Postman and from the browser.",
    "The server is Windows Server 2019, kernel 7.53 PL 1100.",
    "We also have SAP PI and a Cloud Connector in the landscape, but they are not involved.",
    "HTTP/1.1 200 OK is returned for https://www.google.com from the same system.",
    "Our Java applications on the same network have no problem.",
    "It worked last week.",
    "The SAP GUI is 7.70 on Windows 11.",
    "We are on HANA 2.0 SPS 06 running in AWS.",
)

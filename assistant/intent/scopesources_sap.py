"""Sources of the scope vocabulary's cues of the SAP side and of statuses (vocab_sap.py): a
status the far server sent, the SAP system as server, RFC/gateway/NI/SNC, the SAP HTTP
client itself, and definitions. Merged into scopesources.SOURCES; see that module."""

from __future__ import annotations

SAP_SIDE_SOURCES: dict[str, tuple[str, str]] = {
    # --- a status the far server sent -----------------------------------------------------------
    "axios-status": ("https://github.com/axios/axios/issues/634",
                     "Error: Request failed with status code 401 (settle / createError)"),
    "axios-code": ("https://github.com/axios/axios/issues/5855",
                   "AxiosError: Request failed with status code 500, code ERR_BAD_RESPONSE, response.status"),
    "powershell": ("https://taourl.com/read-2362826.html",
                   "Invoke-RestMethod : The remote server returned an error: (401) Unauthorized."),
    "status-phrases": ("https://docs.trafficserver.apache.org/en/latest/appendices/http-status-codes.en.html",
                       "HTTP status codes and reason phrases (400 Bad Request … 504 Gateway Timeout)"),
    "status-phrases-2": ("https://support.huaweicloud.com/en-us/api-apig/apig-api-180713206.html",
                         "Status codes with messages incl. 405, 409, 410, 412"),
    "status-phrases-3": ("https://gist.github.com/65e21e39a2d1103e4326ace2d368b8b0",
                         "status list incl. 426 Upgrade Required, 429 Too Many Requests"),
    "status-401": ("http://frachtenberg.com/geneweb/gw/etc/401-en.html",
                   "401 Unauthorized: the server sends WWW-Authenticate"),
    "odata-error": ("https://help.sap.com/saphelp_em92/helpdata/en/95/fd2651c294256ee10000000a445394/content.htm",
                    "SAP Gateway OData error response: error code (T100 class/number), message, innererror, transactionid, errordetail"),
    "odata-schema": ("https://schemas.apis.io/schemas/sap-s4hana/sap-s4hana-odataerror/",
                     "OData error envelope {\"error\": {\"code\", \"message\": {\"lang\", \"value\"}, \"innererror\"}}"),
    "csrf-kba": ("https://userapps.support.sap.com/sap/support/knowledge/en/3048103",
                 "403 'CSRF token validation failed' on POST/PATCH OData calls from external consumers"),
    "csrf-blog": ("https://blogs.sap.com/2021/06/04/how-does-csrf-token-work-sap-gateway/",
                  "X-CSRF-TOKEN: Fetch / Required; 403 Forbidden CSRF Token required/expired"),
    "srt-consumer": ("https://wiki.scn.sap.com/wiki/display/ABAPConn/Execute+or+test+the+Service+Consumer",
                     "SRT_UTIL: communication errors (HTTPIO_PLG_CANCELED) vs provider answers 'HTTP Code: 401 ( Unauthorized )'"),
    "abapgit-status": ("https://github.com/abapGit/abapGit/blob/main/src/http/zcl_abapgit_http_client.clas.abap",
                       "abapGit reads get_status( ) and raises 'HTTP redirect, check URL' (302), 'HTTP 401, unauthorized', 'HTTP 403, forbidden', "
                       "'HTTP 404, not found'; newer versions 'Unauthorized access to resource (HTTP 401). Check your "
                       "credentials', 'Access to resource forbidden (HTTP 403)' (both seen via find_string)"),
    "abap-status": ("https://github.com/rvanmil/ABAP-OOP-Library",
                    "ABAP HTTP status constants (rest/zcl_http_status_codes.abap) read after RECEIVE"),
    "icm-errors": ("https://help.sap.com/saphelp_autoid2007/helpdata/EN/f6/3c0b0389cea34ba66f10d62b718a1a/content.htm",
                   "ICM error names ENOTAVAIL (service temporarily not available), ENOTFOUND, EPERM; error templates"),
    # --- the SAP system as server ---------------------------------------------------------------
    "ssl-server-pse": ("https://help.sap.com/saphelp_nwpi711/helpdata/en/ec/30683ab81fd846e10000000a11402f/content.htm",
                       "SSL server PSE: used when the application server is the server; $(DIR_INSTANCE)/sec/SAPSSLS.pse"),
    "icm-https-port": ("https://help.sap.com/saphelp_470/helpdata/en/65/6a563cef658a06e10000000a11405a/content.htm",
                       "icm/server_port_<xx> PROT=HTTPS; icm/HTTPS/verify_client 0/1/2; SSL server PSE and client PSEs"),
    "verify-client": ("https://help.sap.com/saphelp_nw73/helpdata/en/48/3e87afca6b72d0e10000000a42189c/content.htm",
                      "icm/HTTPS/verify_client 0/1/2: the SAP system as server asks for or requires the caller's client "
                      "certificate (knowledge/codes.yaml: SSSLERR_NO_CLIENT_CERT is this server-role case)"),
    "icm-ssl-config": ("https://help.sap.com/doc/683d6a1797a34730a6e005d1e8de6f22/7.4.27/en-US/ee93f09711374a43ba39de3a1081ddcb.html",
                       "icm/ssl_config_<xx>: CRED, VCLIENT, SNI_CREDS for ICM and Web Dispatcher ports"),
    "icm-accept": ("https://blogs.sap.com/2019/01/01/principal-propagation-in-an-https-scenario-some-hints-from-my-journey/",
                   "IcmConnInitServerSSL: SapSSLSessionStart returned (-56): SSSLERR_SSL_ACCEPT; TLS read client "
                   "certificate A; SSL_accept() failed; icm/trusted_reverse_proxy_<x>, icm/HTTPS/trust_client_with_issuer"),
    "icf-403": ("https://wiki.scn.sap.com/wiki/pages/viewpage.action?pageId=494305886",
                "ICF HTTP 403: the service or a parent node inactive in SICF; SSL required by the service"),
    "icf-activate": ("https://help.sap.com/doc/saphelp_nw73/7.3.16/en-US/48/d4029a1904154ee10000000a421937/content.htm",
                     "Activating ICF services in SICF; inactive services are refused"),
    "icf-default-host": ("https://help.sap.com/saphelp_nw70/helpdata/en/46/d28dfa34bb12bee10000000a1553f7/content.htm",
                         "Inactive default_host gives RAISE_EXCEPTION HOST_INACTIVE; services are delivered inactive"),
    "icf-wiki": ("https://wiki.scn.sap.com/wiki/display/ABAPConn/ABAP+Connectivity+-+ICF",
                 "ICF: services in SICF, logon procedure, HTTP 401/403/500 of ICF services"),
    "gw-error-log": ("https://help.sap.com/saphelp_gateway20sp12/helpdata/en/d4/8614377c394bd492edbde3295a518e/content.htm",
                     "SAP Gateway's error log of the OData runtime: /IWFND/ERROR_LOG on the hub, /IWBEP/ERROR_LOG in "
                     "the backend (the SAP system serving the request)"),
    "odata-activate": ("https://erplingo.com/sap-error-messages/en/iwfnd-cod/iwfnd-cod101",
                       "OData service not activated: activate in /IWFND/MAINT_SERVICE"),
    "certrule": ("https://docs.innovapptive.com/2203/post_install_upgrade/html/topics/x509_user_authentication.html",
                 "Rule-based certificate mapping CERTRULE, login/certificate_mapping_rulebased, USREXTID, CERTRULE_MIG"),
    "client-cert-gw": ("https://blogs.sap.com/2015/07/04/configuring-client-certificate-authentication-mutual-https-on-sap-gateway/",
                       "Client certificate authentication (mutual https) on SAP Gateway; certificate mapping"),
    "webdisp-ssl": ("https://help.sap.com/doc/saphelp_nw74/7.4.16/en-us/48/98e6a84be0062fe10000000a42189d/content.htm",
                    "SAP Web Dispatcher SSL: PROT=HTTPS termination, wdisp/ssl_encrypt, PROT=ROUTER end-to-end"),
    # --- what the SAP system prints as the server: the catalogue of vocab_inbound.py -------------
    "icf-page-odata": ("https://github.com/spookydoodle/dataviz-sap-bw-odata-node-react",
                       "the ICF's answer in an OData error: 'Service /sap/opu/odata/… call was terminated because the "
                       "corresponding service is not available. The termination occurred in system … with error code "
                       "404 and for the reason Not found. Please select a valid URL. If it is a valid URL, check "
                       "whether service … is active in transaction SICF'; beside it /IWBEP/CM_MGW_RT/026 'No service "
                       "found for namespace …' and 'No System Alias found for Service …' (README.md)"),
    "icf-page-saml": ("https://wiki.scn.sap.com/wiki/display/Security/Common+Problems+When+Configuring+SAML+2.0+for+AS+ABAP",
                      "downloading the AS ABAP's SAML 2.0 metadata gives the ICF page 'Service cannot be reached … "
                      "The termination occurred in system with error code 403 and for the reason Forbidden': "
                      "activate the ICF services /sap/public/bc/sec/saml2 and cdc_ext_service (also the ICF's error "
                      "page types, help.sap.com/saphelp_snc700_ehp01/helpdata/en/f9/4b8e3a89210f25e10000000a11405a/"
                      "content.htm: logon error 401, application error 500, not accessible 404)"),
    "gw-hub-ids": ("https://www.sapdatasheet.org/abap/msag//iwfnd/cm_mgw-328.html",
                   "message class /IWFND/CM_MGW 'OData Channel Messages' of SAP Gateway Foundation (SAP_GWFND); the "
                   "OData error's code is the T100 class and number (odata-error); /IWFND/MED/170 'No service found "
                   "for namespace' and /IWFND/CM_COS/064 'No System Alias found' seen with find_string"),
    "icf-system-login": ("https://www.stechies.com/icf-system-issue-logon-error-logon-fails-logon-cookie/",
                         "message class ICF_SYSTEM_LOGIN of the system logon: 402 'Logon with URL parameter not "
                         "possible; logon cookie is missing', 403 'Logon cookie check failed; repeat logon', 002 "
                         "'Logon through HTTP is not possible; logon ticket is active for HTTPS only'"),
    "icf-system-logon-page": ("http://help.sap.com/saphelp_nw04/helpdata/en/df/60d93f130f9215e10000000a155106/content.htm",
                              "the system logon page's messages: 'SSO ticket generation is deactivated. Logon is only "
                              "possible using Basic Authentication', 'No switch to HTTPS! Sending the password is "
                              "potentially insecure' (server or client configuration)"),
    "logon-error-codes": ("https://itsiti.com/?p=25629",
                          "logon error codes of the AS ABAP (SAP Note 320991): 30 'Logon using X.509 certificate is "
                          "generally deactivated', 34 'No suitable ABAP user found for the X.509 certificate', 35 "
                          "'Ambiguous assignment of X.509 certificate to ABAP users', 41 'No suitable ABAP user found "
                          "for the external ID', 42 'Ambiguous assignment of external ID to ABAP users'"),
    "saml-logon-222": ("https://userapps.support.sap.com/sap/support/knowledge/en/2477631",
                       "the ABAP server's system log or SAML trace: 'Error when logging on for external ID …: Error "
                       "during SAML 2.0 logon' (class SAML, number 011, code 222): a failed end-user SAML logon"),
    "abap-spnego": ("https://community.sap.com:443/t5/technology-blogs-by-sap/abap-spnego-troubleshooting/ba-p/13304643",
                    "SPNego on the ABAP server: set up with transaction SPNEGO (or SNCWIZARD), traced there for a "
                    "browser's logon; the SNC name is built from the Kerberos name by spnego/construct_SNC_name "
                    "(erplingo SPN054)"),
    "icm-error-pages": ("https://help.sap.com/saphelp_autoid2007/helpdata/EN/f6/3c0b0389cea34ba66f10d62b718a1a/content.htm",
                        "the ICM's own error pages as the server: ENOMEM, ETIMEOUT, ENOTAVAIL, ENOTFOUND, ENOSESSION, "
                        "ENOSSLREQ, EOVERLOAD, EPERM, EPROTERROR, EMAINTENANCE, EINTERN; templates ICMERR-<name> in "
                        "icm/HTTP/error_templ_path; is/HTTP/show_detailed_errors"),
    "webdisp-error-pages": ("https://help.sap.com/saphelp_autoid2007/helpdata/EN/95/5cc53efffd0669e10000000a114084/content.htm",
                            "the SAP Web Dispatcher's error code ICMEDISPATCHERR (no server found for a request), its "
                            "page ICMERR-EDISPATCHERR and its maintenance page ICMERR-EMAINTENANCE"),
    "icm-max-request-size": ("https://help.sap.com/saphelp_nw73/helpdata/en/48/3e87b3ca6b72d0e10000000a42189c/content.htm",
                             "icm/<PROT>/max_request_size_KB (ICM, Web Dispatcher): a request whose content length "
                             "exceeds it is not passed to the application server; the caller gets an error "
                             "(ICMEPROTERROR)"),
    # --- RFC, gateway, NI, SNC ---------------------------------------------------------------------
    "rfc-rc": ("https://help.sap.com/saphelp_nw73/helpdata/en/48/a8c9fb51343079e10000000a42189b/content.htm",
               "NW RFC SDK RFC_RC: RFC_COMMUNICATION_FAILURE, RFC_LOGON_FAILURE, RFC_SYSTEM_FAILURE, RFC_CLOSED …"),
    "rfc-invoke": ("https://help.sap.com/saphelp_nw73/helpdata/en/48/b0ebb8792d356be10000000a421937/content.htm",
                   "RfcInvoke return codes RFC_ABAP_RUNTIME_FAILURE, RFC_COMMUNICATION_FAILURE, RFC_ABAP_EXCEPTION"),
    "rfc-ini": ("https://help.sap.com/saphelp_nwpi711/helpdata/en/48/a8e5f451343079e10000000a42189b/content.htm",
                "sapnwrfc.ini: ASHOST, SYSNR, MSHOST, R3NAME, GROUP, GWHOST, GWSERV=sapgw53, PROGID"),
    "rfc-ini-file": ("https://help.sap.com/saphelp_nwpi711/helpdata/en/48/ce50e418d3424be10000000a421937/content.htm",
                     "sapnwrfc.ini, RFC_INI, RfcOpenConnection, RfcRegisterServer"),
    "rfc-exceptions": ("https://help.sap.com/saphelp_tm80/helpdata/en/22/0425e0488911d189490000e829fbbd/content.htm",
                       "ABAP CALL FUNCTION ... DESTINATION exceptions SYSTEM_FAILURE / COMMUNICATION_FAILURE"),
    "pyrfc-doc": ("https://sap.github.io/PyRFC/pyrfc.html",
                  "PyRFC: RFCError, sapnwrfc.ini, TLS_SAPCRYPTOLIB / set_cryptolib_path for WebSocket RFC"),
    "ni-block": ("https://help.sap.com/doc/saphelp_nw73ehp1/7.31.19/en-US/48/6b5bf0b74c07bee10000000a42189d/content.htm",
                 "NI error block: LOCATION / ERROR / TIME / RELEASE / COMPONENT NI (network interface) / RC / MODULE "
                 "/ DETAIL NiRClientHandle: route expected / COUNTER; SAProuter log"),
    "gui-network": ("https://wiki.scn.sap.com/wiki/display/SI/What+is+the+meaning+of+the+different+network+error+messages",
                    "SAP GUI / NI network errors: partner not reached (connection refused / timed out), hostname "
                    "unknown, service unknown, connection broken"),
    "gui-disp": ("http://sapossnotes.blogspot.com/2011/02/sap-note-21971-connection-between-sap.html",
                 "SAP GUI connection terminated: NiPRead: recv (Connection reset by peer) in dev_disp"),
    "cpic-note": ("https://www.scribd.com/doc/237292468/353597-Registration-of-RFC-Server-Programs",
                  "CPIC-RC=002, SAP-RC=679, CPIC Function: CMALLC; LOCATION SAP-Gateway; TP not registered; "
                  "CPI-C-CALL ThSAPOCMINIT; gwr3cpic.c"),
    "saprouter-errors": ("https://help.sap.com/doc/saphelp_snc700_ehp01/7.0.1/en-US/48/6e43dc04be055ee10000000a42189b/content.htm",
                         "SAProuter error messages: LOCATION SapRouter on <host>, partner not reached, NI (network "
                         "interface); Route permission denied; Maximum number of clients reached"),
    "saprouter-table": ("http://help.sap.com/saphelp_nw70/helpdata/en/4f/992e0b446d11d189700000e8322d00/content.htm",
                        "SAProuter route permission table saprouttab (P/S/D entries)"),
    "winsock-codes": ("https://support.sas.com/documentation/cdl/en/odbcdref/63284/HTML/default/n0a4vhitp9m31an1jsq71z2la752.htm",
                      "Windows Sockets return codes WSAECONNREFUSED 10061, WSAETIMEDOUT 10060, WSAECONNRESET 10054 (the "
                      "names SAP's NI prints in ERRNO TEXT on Windows)"),
    "snc-acl": ("https://www.erplingo.com/sap-error-messages/en/00/00770",
                "00 770 SNC name of the partner system not in ACL system (table SNCSYSACL; RFC/CPIC/DIAG)"),
    "snc-acl-ext": ("https://help.sap.com/doc/saphelp_crm700_ehp03/7.0.3.11/en-US/dc/b1eb03367c5d468c0278c43b880cd0/content.htm",
                    "SNC access control lists: SNCSYSACL (VSNCSYSACL) and USRACLEXT for RFC programs"),
    "gw-not-registered": ("https://itsiti.com/tp-program-not-registered/",
                          "Error when opening an RFC connection: program not registered, LOCATION SAP-Gateway on host / sapgwXX"),
    "gw-acl": ("https://blogs.sap.com/2013/06/06/registration-of-external-program-on-sap-gateway-not-allowed/",
               "registration of tp ... not allowed; gw/acl_mode, gw/reg_info, gw/sec_info; dev_jrfc.trc (JCo)"),
    "gw-allocate": ("https://knowledge.kofax.com/Communication_Server/Troubleshooting/SAP_link_is_not_allowed_to_register_on_the_SAP_gateway",
                    "SM59: ERROR: timeout during allocate of registered program; KEY=RFC_IO5"),
    "gw-codes": ("https://help.sap.com/saphelp_erp2005/helpdata/EN/d2/296d4353d446758671cb065d6f3b6a/content.htm",
                 "Gateway and CPIC error codes: CPIC_ERROR, NI_READ_FAILED, CONNECT_FAILED, GW_DISCONNECTED; dev_rd"),
    "ucon-rfc": ("https://github.com/SAP-archive/node-rfc/issues/233",
                 "UCON RFC Rejected; CPROG:node DEST …: UCON active, the BAPI not allowed for external RFC callers "
                 "(also hibersap/hibersap issue 43: works with UCON switched off)"),
    "ucon-ca": ("https://help.sap.com/saphelp_snc700_ehp04/helpdata/en/69/f70acfd3424c74809634c85b3c02e5/content.htm",
                "UCON communication assemblies (UCONCONF); phase management in UCONCOCKPIT / UCONPHTL"),
    "gw-244": ("https://www.erplingo.com/sap-error-messages/en/gw/gw244", "GW244 Connection closed by partner"),
    "cpicerr": ("https://www.erplingo.com/sap-error-messages/en/rt/rt198",
                "tRFC calls with status CPICERR; CPI-C errors; SM59 retries"),
    "services-file": ("http://ccdn.stechies.com/sapms-sapdp-sapgw-unknown-or-not-found",
                      "sapms<SID> / sapdpXX / sapgwXX unknown: services file, sapgw00 3300/tcp, sapdp00 3200/tcp"),
    "snc-kerberos": ("https://userapps.support.sap.com/sap/support/knowledge/en/2497505",
                     "SAP GUI with SNC: GSS-API(maj): Miscellaneous failure, GSS-API(min): A2200210; Secure Login Client; SPNEGO"),
    "snc-lib": ("https://bluetelligence.atlassian.net/wiki/spaces/BKB/pages/45875515/SSO+Single+Sign-On+Secure+Network+Communications",
                "Unable to load GSS-API DLL; snc/gssapi_lib; SNC_LIB_x64; snc/identity/as; unencrypted communication rejected"),
    "snc-client-enc": ("https://wiki.scn.sap.com/wiki/display/Security/SNC+Client+Encryption",
                       "SNC Client Encryption for SAP GUI and RFC clients (Secure Network Communications)"),
    "logicapps": ("https://learn.microsoft.com/EN-US/AZURE/logic-apps/logic-apps-using-sap-connector",
                  "Azure Logic Apps SAP connector: IDoc, BAPI, RFC and tRFC calls into the SAP system; errors of "
                  "the NCo library such as SAP.Middleware.Connector.RfcLogonException / RfcAbapMessageException"),
    "jco": ("https://community.sailpoint.com/t5/IdentityIQ-Wiki/What-does-JCO-exception-refer-to-when-receiving-an-error-with/ta-p/71581",
            "JCO.Exception groups: JCO_ERROR_COMMUNICATION (network, gateway, system down), JCO_ERROR_LOGON_FAILURE …"),
    # --- the SAP HTTP client (ICM as client), as in the base's own research -----------------------
    "untrusted-wiki": ("https://wiki.scn.sap.com/wiki/display/Security/Troubleshooting+Guide+-+How+to+troubleshoot+the+SSSLERR_PEER_CERT_UNTRUSTED+%28peer+certificate+%28chain%29+is+not+trusted%29+issue",
                       "ICM in the client role: ICM_HTTP_SSL_ERROR, dev_icm, SMICM trace level, the client PSE in STRUST"),
    "client-pse": ("https://help.sap.com/saphelp_nwpi711/helpdata/en/61/76893a9b323778e10000000a11402f/content.htm",
                   "SSL client PSEs (anonymous SAPSSLA.pse, standard SAPSSLC.pse) of the AS ABAP as client"),
    "sm59-conn-types": ("https://help.sap.com/saphelp_uiaddon10/helpdata/en/94/09def16a784119a54bf5ba5273ed32/content.htm",
                        "SM59 connection types ABAP (3) for RFC and HTTP (H); one destination name per type"),
    "sicf-proxy": ("https://help.sap.com/doc/saphelp_nw73/7.3.16/en-US/48/d50d6b982b424be10000000a421937/content.htm",
                   "SICF Client → Proxy Settings: the proxy for outgoing HTTP requests of the AS as HTTP client"),
    "abap-client-code": ("https://github.com/MaximKaufmann/Z_OB_011",
                         "cl_http_client=>create, send/receive EXCEPTIONS http_communication_failure, get_last_error "
                         "(src/z_ob_011_report.prog.abap)"),
    "sm59-http-types": ("https://help.sap.com/saphelp_nw73/helpdata/en/48/d7ad896b57154ee10000000a421937/content.htm",
                        "SM59 HTTP destinations of the AS ABAP as HTTP client: HTTP connection to an external "
                        "server (connection type G) and to an ABAP system (connection type H)"),
    "icf-500-rabax": ("http://sapnetweavernotes.blogspot.com/2007/11/bsp-call-type-of-termination-rabaxstate.html",
                      "The AS ABAP's own error page for a web request that dumped: '500 SAP Internal Server Error' "
                      "… '(type of termination: RABAX_STATE)', the dump in ST22"),
    "vscode-abapfs": ("https://github.com/marcellourbani/vscode_abap_remote_fs",
                      "ABAP remote filesystem for VS Code: connects to the SAP server through the ADT interface; "
                      "settings abapfs.remote, command 'AbapFs Connect to an ABAP system', self-signed certificates"),
    "apigee-faults": ("https://docs.apigee.com/api-monitoring/fault-codes",
                      "API gateways on Apigee (SAP API Management) answer with a fault body: faultstring, "
                      "detail.errorcode such as steps.oauth.v2.FailedToResolveAPIKey — the gateway's answer"),
    "oauth-errors": ("https://rfc-editor.org/errata/eid4745",
                     "RFC 6749 section 5.2: the token endpoint answers with error codes invalid_request, "
                     "invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope"),
    "abap-saml2-sp": ("https://userapps.support.sap.com/sap/support/knowledge/en/3648446",
                      "KBA 3648446: after the identity provider, the user redirected back to SAP gets 401, a logon "
                      "screen or popup; the SAML 2.0 Security Diagnostic Tool trace shows federation errors; fixed in "
                      "the ABAP side's transaction SAML2 (user ID source and mapping)"),
    # --- the SAP side as server, as its users meet it (vocab_logons.py) ---------------------------
    "sso-sp-refused": ("https://userapps.support.sap.com/sap/support/knowledge/en/3540995",
                       "KBA 3540995: SAP SuccessFactors login (SSO through the corporate IdP) fails after the SSO "
                       "certificate was renewed on one side only; fixed in the SAML SSO settings of the product and "
                       "the IdP, not in any client"),
    "saml-response-refused": ("https://userapps.support.sap.com/sap/support/knowledge/en/3658884",
                              "KBA 3658884: SuccessFactors' Login Failures Error Log lists users' failed SSO logons "
                              "with the SAML response of each (user account not found …): the service provider's view"),
    "cloud-logon-refused": ("https://userapps.support.sap.com/sap/support/knowledge/en/2825398",
                            "KBA 2825398: users unable to log in to the SuccessFactors instance by token-based SSO see "
                            "an 'Invalid login' page; the login URL and the product's user data are the fix"),
    "sap-ui-not-accessible": ("https://blogs.sap.com/2015/07/22/unable-to-open-hana-xs-admin-page/",
                              "'Unable to open HANA XS Admin Page': the HANA system's embedded Web Dispatcher denies "
                              "the administration page by its own rules — the server's settings, not the browser"),
    "flp-could-not-open": ("https://blogs.sap.com/2017/12/22/leading-s4hana-ux-solving-the-infamous-fiori-could-not-open-app-error/",
                           "the launchpad's 'could not open app' error of S/4HANA: missing authorizations (most "
                           "common), missing configuration (OData services, target mappings), kernel or app errors — "
                           "all fixed in the system serving the app"),
    "b1-service-layer": ("https://learning.sap.com/courses/leveraging-the-sap-business-one-service-layer/exploring-the-service-layer-api-architecture-and-capabilities",
                         "SAP Business One Service Layer: an application server giving web access (REST/OData over "
                         "HTTP) to Business One, with the Apache HTTP Server as its load balancer"),
    "comm-arrangement-inbound": ("https://learning.sap.com/courses/implementing-sap-s-4hana-cloud-public-edition-sourcing-and-procurement/setting-up-communication-management_a913171c-c96d-47a9-81ec-dc9ee8754320",
                                 "S/4HANA Cloud communication management: communication users, systems and "
                                 "arrangements; for inbound communication the communication system is the one that "
                                 "calls services of your system"),
    "rap-service-group": ("https://github.com/SAP-samples/abap-platform-rap-workshops/issues/15",
                          "after publishing a RAP service binding: 'No authorization to access service group …' "
                          "from the SAP system's own OData V4 service until its background jobs finished"),
    "emarsys-http-code": ("https://github.com/Absolventa/emarsys-rb/issues/1",
                          "a REST client printing the far API's answer as 'HTTP-Code: 400'"),
    "oauth-bearer-errors": ("https://docs.rs/actix-web-httpauth/0.8.0/actix_web_httpauth/extractors/bearer/enum.Error.html",
                            "RFC 6750 section 3.1: a resource server refuses a bearer token with invalid_request "
                            "(400), invalid_token (401) or insufficient_scope (403)"),
    "server-invalid-credentials": ("https://github.com/repsyio/repsy/pull/274",
                                   "a login with an unknown user or a wrong password is answered 401 "
                                   "'invalidCredentials' / 'Username or password is incorrect.' — the server's "
                                   "answer (also https://github.com/datarhei/restreamer/issues/939: 'Invalid "
                                   "authorization credentials: invalid username or password')"),
    "cloud-sdk-dest-token": ("https://github.com/SAP/cloud-sdk-java/tree/main/cloudplatform/connectivity-destination-service",
                             "the Cloud SDK for Java raises DestinationAccessException 'Failed to read authentication "
                             "token of destination … The destination service responded with an error: …' with the "
                             "error the service sent back (its token flow's refusal), found with find_string"),
    "login-failed-check": ("https://github.com/devym-37/React_Study_Repo/blob/main/login-process/src/features/auth/loginUtil.ts",
                           "a web client turns the server's answer to a logon into words: 400 'Missing Username or "
                           "Password', 401 'Unauthorized', else 'Login Failed'; other clients show 'Login failed. "
                           "Check your credentials.' when the server refused the logon (seen with find_string in "
                           "several apps' login handlers)"),
    "auth-header-missing": ("https://github.com/nickbryan/httputil/blob/main/docs/problems/unauthorized.md",
                            "401 Unauthorized is returned when the Authorization header is missing or the credentials "
                            "are invalid; servers word it 'authorization header not found' (a Go handler answering "
                            "401, seen with find_string)"),
    "drf-permission-denied": ("https://www.volcengine.com/article/2359322",
                              "Django REST framework's PermissionDenied answers 403 with the default detail 'You "
                              "do not have permission to perform this action.'"),
    "local-access-only": ("http://38.142.81.21:8001/manual/envivio/4sight/user-guide-english/page-117.html",
                          "a server's own access setting: with LocalAccessOnly true only requests from 127.0.0.1 "
                          "are allowed; remote addresses need it set to false (fixed at the server)"),
    "github-api-401": ("https://github.com/PyGithub/PyGithub/issues/934",
                       "GitHub's REST API answers a wrong token with 401 and the JSON message 'Bad credentials' "
                       "(GitHub Enterprise: 'Must authenticate to access this API'); the gh client prints "
                       "'GitHub API error (401): Requires authentication' without one (rdrr.io/cran/gh)"),
    "github-password-removed": ("https://github.com/bajrangCoder/acodex_server/issues/13",
                                "GitHub's git server refuses a password: 'remote: Support for password "
                                "authentication was removed on August 13, 2021'"),
    "http-404-words": ("https://pub.dev/documentation/http_status/latest/http_status/HttpStatusCode/notFound-constant.html",
                       "404 Not Found: the server cannot find the requested resource; in an API the endpoint may "
                       "be valid but the resource itself does not exist"),
    "git-anonymous-clone": ("https://gitlab.com/gitlab-org/gitlab-ce/merge_requests/84",
                            "anonymous HTTP(S) cloning of a public repository failed: the git server rejected the "
                            "request and asked for authentication (fixed at the server, not in git)"),
    "icf-handler": ("https://help.sap.com/saphelp_nw73/helpdata/en/48/d402901904154ee10000000a421937/content.htm",
                    "IF_HTTP_EXTENSION must be implemented by every HTTP request handler; the ICF calls its "
                    "HANDLE_REQUEST for an inbound request and hands it IF_HTTP_SERVER (request and response)"),
    "icf-handler-term": ("https://help.sap.com/doc/saphelp_nwpi711/7.1.1/en-US/6c/9cb949eb6ad411b1360060b03c6bfb/content.htm",
                         "an ICF handler (HTTP request handler) is an ABAP class that a URL identifies: it "
                         "receives the HTTP request and returns the response to the caller"),
    "abap2ui5-handler": ("https://github.com/abap2UI5/abap2UI5",
                         "abap2UI5 runs on a plain HTTP handler of the ABAP system: installed with abapGit, then an "
                         "HTTP service whose handler implements if_http_extension~handle_request (ABAP Cloud: "
                         "if_http_service_extension~handle_request) and sets the response status"),
    "abapgitserver": ("https://github.com/larshp/abapGitServer",
                      "abapGitServer: a git server implemented in ABAP, installed via abapGit, running as an SICF "
                      "service with a web interface to browse and create repositories"),
    "git-auth-failed": ("https://github.com/ovh/cds/issues/5845",
                        "a GitLab server refuses a clone: 'remote: HTTP Basic: Access denied' and git's "
                        "'fatal: Authentication failed for 'https://…'' after the server's 401"),
    "azdo-tf400813": ("https://github.com/Azure/azure-cli/issues/29250",
                      "Azure DevOps answers 401 with 'TF400813: The user … is not authorized to access this "
                      "resource' (UnauthorizedRequestException in the response body)"),
    "sac-live": ("https://help.sap.com/doc/00f68c2e08b941f081002fd3691d86a7/2021.2/en-US/58c890e1c89d41e69b2cec31bac2d95f.html",
                 "SAP Analytics Cloud live data connections (direct): the browser calls the SAP system's InA "
                 "service itself; the SAP side needs HTTPS with a signed certificate, CORS and SameSite cookies"),
    "btp-mobile-sdk": ("https://help.sap.com/doc/f53c64b93e5140918d676b927a3cd65b/Cloud/en-US/docs-en/guides/getting-started/ios/introduction.html",
                       "SAP BTP SDK for iOS/Android: native mobile apps reach S/4HANA data through SAP Mobile "
                       "Services over the platform's HTTPS networking APIs, not through the ABAP HTTP client"),
    "gw-no-service": ("https://www.stechies.com/maintain-sap-system-alias-gateway-flags/",
                      "SAP Gateway answers an inbound OData request with 'No System Alias found for Service …' "
                      "or 'No service found for namespace …' until the service and its system alias are maintained"),
    "sapmachine": ("https://sdkman.io/jdks/sapmchn",
                   "SapMachine: SAP's downstream build of the OpenJDK — a Java runtime with Java's own trust store"),
    "apt-repo-tls": ("https://claudiokuenzler.com/blog/1088/how-to-solve-apt-error-server-certificate-verification-failed",
                     "Debian/Ubuntu apt as the client of an https repository: 'apt-get update' fails when the "
                     "repository's certificate or chain is not in /etc/ssl/certs (ca-certificates)"),
    "sapstartsrv-ports": ("https://help.sap.com/saphelp_em700_ehp01/helpdata/en/42/db8c45e873162ee10000000a1553f7/content.htm",
                          "AS ABAP ports: the start service (sapstartsrv, called by sapcontrol) listens on 5<NN>13 "
                          "(HTTP) and 5<NN>14 (HTTPS), apart from the ICM's ports"),
    "sapcontrol-cli": ("https://help.sap.com/saphelp_nw73/helpdata/de/47/1d6feeff6e0d46e10000000a155369/content.htm",
                       "sapcontrol from /usr/sap/hostctrl/exe starts and stops systems through the start service "
                       "('sapcontrol -nr <nr> -function StartSystem'); the Ansible modules call it sapstartsrv"),
    "go-client-timeout": ("https://github.com/golang/go/issues/22926",
                          "Go's net/http client: 'net/http: request canceled (Client.Timeout exceeded while "
                          "awaiting headers)' — the Go client's own timeout"),
    "sapnwrfc-dotnet": ("https://www.nuget.org/packages/SapNwRfc",
                        "SapNwRfc / NwRfcNet: .NET libraries over the SAP NetWeaver RFC SDK (SapConnection, "
                        "RfcConnection) — RFC calls, no HTTP client"),
    "sdk-java-dest": ("https://sap.github.io/cloud-sdk/docs/java/features/connectivity/destination-service",
                      "SAP Cloud SDK for Java (com.sap.cloud.sdk…): DestinationAccessor loads BTP destinations for a "
                      "Java application's outbound calls"),
    "cf-logs": ("https://gist.github.com/bradylove/67678b6727089398dfd2a6be2d0b8ed0",
                "Cloud Foundry application log lines carry the source [APP/PROC/WEB] (an app on Cloud Foundry, not ABAP)"),
    "abap-rest-client": ("https://help.sap.com/doc/fiori_bs2013/1.0%202016-01/en-US/b3/6a1841f79944a899015773f07f424c/content.htm?no_cache=true",
                         "ABAP REST library, client side: CL_REST_HTTP_CLIENT (IF_REST_CLIENT) needs an ICF HTTP "
                         "client (IF_HTTP_CLIENT) and sends every request through it"),
    "abap-cloud-client": ("https://github.com/abapify/fetch-cloud",
                          "ABAP Cloud outbound HTTP: cl_http_destination_provider=>create_by_url / create_by_destination, "
                          "cl_web_http_client_manager=>create_by_http_destination, cx_http_dest_provider_error "
                          "(src/zcl_fetch_cloud_delegate.clas.abap; class stubs in abapedia/steampunk-2208-api)"),
    "btp-abap-dest": ("https://github.com/SAP-docs/btp-cloud-platform/blob/main/docs/30-development/http-communication-via-destination-service-deprecated-43a5ebe.md",
                      "ABAP environment: HTTP communication via communication arrangements or create_by_cloud_destination"),
    "abapgit-ssl": ("https://docs.abapgit.org/user-guide/setup/ssl-setup.html",
                    "abapGit uses HTTPS from the SAP system: STRUST SSL client, SAP Crypto Library, proxy, ZABAPGIT_TEST_SSL"),
    "icm-client-trace": ("https://github.com/SAP-docs/cloud-alm-setup-admin-guide/blob/main/docs/troubleshooting-for-abap-systems-cb82fd2.md",
                         "dev_icm of an outbound call: SSL handshake with <host>:443 failed: SSSLERR_...; IcmConnInitClientSSL: "
                         "Proxy connection to ... via ... failed (proxy returned 407), as quoted in docs/research/dev_icm_formats.md"),
    "icm-client-old": ("http://sapbasiscrew.blogspot.com/2016/09/sslerrpeercertuntrusted-peer.html",
                       "IcmConnInitClientSSL: SapSSLSessionStart failed (-102) (older kernels, docs/research/dev_icm_formats.md)"),
    "steamgate": ("https://github.com/oisee/open-steamgate",
                  "measured on an ABAP system: 411 'Direct connect to localhost:1 failed: NIECONN_REFUSED(-10)' "
                  "(/work/shared/reference/sclnt_http_facts.md [S2])"),
    "sni-aws": ("https://docs.aws.amazon.com/sdk-for-sapabap/latest/developer-guide/troubleshoot.html",
                "AWS SDK for SAP ABAP: SSL handshake with docs.aws.amazon.com:443 failed: SSSLERR_NO_SSL_RESPONSE; "
                "icm/HTTPS/client_sni_enabled"),
    "abapgit-standalone": ("https://github.com/abapGit/docs.abapgit.org/pull/192/files",
                           "abapGit install guide: the standalone program (zabapgit_standalone) run in SE38, the developer "
                           "version as transaction ZABAPGIT; SAP BASIS 702 or higher"),
    "abapgit-pse-missing": ("https://github.com/abapGit/abapGit/issues/3420",
                            "abapGit reports \"While creating HTTP Client\" (the SSL client PSE missing), as in "
                            "knowledge/causes.yaml client_pse_missing"),
    "vscode-proxy-ssl": ("https://github.com/microsoft/vscode/issues/11702",
                         "VSCode behind an intercepting firewall: its own certificate checks, http.proxyStrictSSL=false"),
    "bas-deployer": ("https://github.com/mauriciolauffer/ui5-deployer/issues/29",
                     "a UI5 deployer run from SAP Business Application Studio against a NetWeaver system (Node 'got' "
                     "client, strictSSL, destinations)"),
    "power-platform-sap": ("https://learn.microsoft.com/en-us/power-platform/sap/connect/connect-power-platform-and-sap",
                           "Power Automate / Power Apps call SAP through the SAP ERP (RFC, NCo) and SAP OData connectors "
                           "via the on-premises data gateway"),
    "power-platform-gateway": ("https://learn.microsoft.com/en-us/azure/sap/microsoft-ai/copilot-studio/architecture-on-premises-data-gateway",
                               "Power BI reports, Power Apps and Power Automate flows connect to SAP systems through the "
                               "on-premises data gateway"),
    "jco-snc-logon": ("https://docs.oracle.com/cd/E22999_01/doc.111/e29159/troubleshooting.htm",
                      "the SAP system maps a caller's X.509 certificate to a user: 'No suitable SAP user found for "
                      "X.509-client certificate' (VUSREXTID / SM30)"),
    "ariba-cig": ("https://learning.sap.com/courses/sap-ariba-integration-features-and-functions/analyzing-cig-administration",
                  "SAP Ariba Cloud Integration Gateway (CIG): the gateway that integrates SAP ERP and S/4HANA back "
                  "ends with SAP Ariba; its own product name, which holds 'Cloud Integration'"),
    # --- definitions, not pages -----------------------------------------------------------------------
    "issue-8": ("issue 8 (docs/ARCHITECTURE.md, the scope definitions)",
                "wording of direction: the SAP system calls out (client) or is called (server); no public page"),
}

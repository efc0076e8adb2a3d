"""Rows of the scope vocabulary for the SAP side as server the way its users meet it: a logon
to an SAP system or SAP cloud product refused, a launchpad app that does not start, an SAP
product's own web UI that cannot be opened, an SAP server product called by name. See
scopevocab.py for the row format and the classes.

Why a table of its own: these are situations, not a server's trace words. The reporter is
the user (or the admin of the product being used), so the text names what they did — logged
on, opened an app — and the product that refused them; the SAP side is the server there,
and its fix lives there (its identity-provider trust, its roles and services), not in a
caller's connection. A user refused explains the status the browser shows with it, but not
one a client program printed (scopevocab.USER_REFUSED): a program that logs on and prints
"SSO authentication failed - 401 Client Error" reports that status; a server product only
named explains no status at all (scopevocab.NAMES_THE_SERVER_ONLY).
"""

from __future__ import annotations

from assistant.intent.scopevocab_types import INDICATIVE, Row

I = INDICATIVE  # noqa: E741 (a short name keeps the table readable)

# What a refused logon is said to do: "fails", "is failing", "doesn't work", "not working" …
_REFUSED = (
    r"(?:is |was |has |keeps )?(?:fail(?:s|ing|ed|ure)?|(?:does|did|do)(?: not|n.?t) work(?:ing)?"
    r"|(?:not|stopped) working|refused|rejected|broken)\b"
)
# A single sign-on named with the logon it is: "SSO", "SSO authentication", "SAML-authentication",
# "SAML 2.0 login". Not a command-line option ("btp login --sso") and not a URL path ("/saml2/sso").
_SSO = r"(?<![-/])\b(?:SSO|SAML(?:[- ]?2(?:\.0)?)?(?=[- ]))(?:[- ](?:authentication|log-?in|log-?on|sign-?in|SSO)s?)?"
# A logon made by single sign-on and ending in an error: "log in using Single Sign-On (SSO), I
# get the error …", "logging on with SAML fails".
_LOGON_BY_SSO = (
    r"\blog(?:ging|ged)?[- ]?(?:in|on)\b[^.\n]{0,20}?\b(?:using|with|via|by) (?:SAML|SSO|Single Sign-On)\b"
    r"[^\n]{0,60}?\b(?:fail\w*|errors?|refused|denied|rejected)\b"
)
# Saying one could not get in: "cannot access", "can no longer open", "unable to log on to".
_CANNOT = (
    r"\b(?:can ?not|can.?t|could(?: not|n.?t)|unable to|(?:am|are|is|was|were) not able to|can no longer"
    r"|no longer able to)\s"
    r"(?:access|open|reach|load|log[- ]?(?:in|on)(?: to| into| at)?|sign[- ]?in(?: to)?)\s(?:the |our |my )?"
)
# An SAP product's own web UI, by its name: "SAP HANA XS Administration Tools", "SAP Fiori
# launchpad", "SAP BTP cockpit" (SAP and up to three words of a name, then the UI's noun). A
# name is the product in any case ("sap hana xs administration tools"): its words are told
# from prose by being no function word ("SAP from the portal" names none), not by capitals.
_NAME_WORD = (r"(?!(?:from|through|via|with|within|in|on|at|to|into|for|of|by|and|or|the|a|an|our|my|your|their"
              r"|its|this|that|using|behind|over)\b)[A-Za-z][\w/-]*")
_SAP_UI = (
    r"SAP(?: " + _NAME_WORD + r"){0,3} (?:Administration|Admin|Cockpit|Launchpad|Portal|Console|Hub"
    r"|Fiori (?:launchpad|apps?))\b"
)
# SAP's cloud products a user logs on to in the browser, by name ("SAP SuccessFactors", "the
# Ariba site"): logging on to one is a logon at that product, not a database or API client's call.
_CLOUD_PRODUCT = (
    r"(?:SAP )?(?:SuccessFactors|Ariba|Concur|Signavio|Fieldglass|Analytics Cloud|SAC|Datasphere|Sales Cloud"
    r"|Service Cloud|Cloud for Customer|C4C|S/4 ?HANA Cloud|Business ByDesign|ByDesign|Build Work Zone|Work Zone"
    r"|Cloud ALM|Business Network|Collaboration Hub|BTP cockpit)\b"
)
# Logging on to one of them, refused: "unable to log in to SuccessFactors", "logon to the SAP
# Fiori launchpad fails".
_LOGON_VERB = r"(?:log(?:ging)?[- ]?(?:in|on)|sign(?:ing)?[- ]?in)(?: to| into| at)? (?:the |our |my )?"
_LOGON_REFUSED = (
    r"\b(?:can ?not|can.?t|could(?: not|n.?t)|unable to|(?:am|are|is|was|were) not able to|can no longer"
    r"|no longer able to)\s" + _LOGON_VERB + "(?:" + _CLOUD_PRODUCT + "|" + _SAP_UI + ")"
    r"|\b" + _LOGON_VERB + "(?:" + _CLOUD_PRODUCT + "|" + _SAP_UI + r")\s" + _REFUSED
)
# A SAML assertion or response the service provider refused, in a text about a logon: "Invalid
# SAML response", "the SAML assertion could not be validated" when users log on. (A partner
# refusing an assertion the SAP product issued is no logon there: no logon words, no cue.)
_ASSERTION_REFUSED = (
    r"(?s)\A(?=.*?\b(?:log(?:ging|ged)? ?(?:in|on)|logins?|logons?|sign(?:ing)? ?in|SSO|single sign-on)\b)"
    r"(?=.*?(?:\bSAML(?: ?2(?:\.0)?)? (?:assertions?|responses?)\b[^.\n]{0,40}?\b(?:is |was |has )?(?:invalid|not valid"
    r"|expired|rejected|refused|failed|could not be (?:validated|verified|processed)|not (?:signed|trusted))"
    r"|\b(?:invalid|expired|unsigned) SAML(?: ?2(?:\.0)?)? (?:assertions?|responses?)\b))"
)
# A launchpad app refused by the user's authorisations: "You do not have permission to access the
# Manage Launchpad Pages app", "not authorized to open this app".
_APP = r"(?:the |this |that )?(?:[\w-]+ ){0,4}(?:app|application|tile)s?\b"
_NO_RIGHT_TO_OPEN = (
    r"\b(?:(?:do|does|did)(?: not|n.?t) have (?:the )?(?:permission|authori[sz]ation)|(?:are|is|am) not authori[sz]ed)"
    r" to (?:access|open|start|launch|use|display) " + _APP
)

LOGON_CUES: tuple[Row, ...] = (
    # A single sign-on refused at the SAP system or SAP cloud product (the service provider).
    *(("sso_logon", I, name, "sso-sp-refused", _SSO + r"\s" + _REFUSED) for name in ("SSO", "SAML")),
    *(("sso_logon", I, name, "sso-sp-refused", _LOGON_BY_SSO) for name in ("SSO", "SAML", "Single Sign-On")),
    ("sso_logon", I, "SAML", "saml-response-refused", _ASSERTION_REFUSED),
    # A logon to an SAP cloud product or an SAP product's own web UI, refused.
    *(("product_ui", I, word, "cloud-logon-refused", _LOGON_REFUSED)
      for word in ("log", "login", "logon", "sign", "logging", "signing")),
    # A launchpad app that cannot start: its OData service did not answer the app, or the user's
    # roles do not hold the app.
    ("launchpad_app", I, "initialized", "flp-could-not-open", r"\b(?:app|application) could not be initiali[sz]ed\b"),
    ("launchpad_app", I, "initialised", "flp-could-not-open", r"\b(?:app|application) could not be initiali[sz]ed\b"),
    *(("launchpad_app", I, word, "flp-could-not-open", _NO_RIGHT_TO_OPEN)
      for word in ("permission", "authorization", "authorisation", "authorized", "authorised")),
    # An SAP product's own web UI that its user cannot open.
    *(("product_ui", I, word, "sap-ui-not-accessible", _CANNOT + _SAP_UI)
      for word in ("access", "open", "reach", "load", "log", "login", "logon", "sign")),
    # SAP Business One's Service Layer: an HTTP server that clients call (its logs, its SLD binding).
    ("b1_service_layer", I, "Service Layer", "b1-service-layer"),
    # An inbound service of the SAP system's communication arrangement: others call the system.
    ("inbound_service", I, "communication arrangement", "comm-arrangement-inbound",
     r"\bcommunication arrangements?\b[^\n]{0,60}?\b(?:exposed|inbound) services?\b"
     r"|\b(?:exposed|inbound) services?\b[^\n]{0,60}?\bcommunication arrangements?\b"),
    ("inbound_service", I, "inbound", "comm-arrangement-inbound",
     r"\binbound communication (?:users?|arrangements?|scenarios?)\b"),
)

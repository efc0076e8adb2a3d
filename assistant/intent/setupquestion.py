"""A how-to about making the call itself: "how do I call a REST API from ABAP?", "how to
consume a RESTful service in ABAP?", "wie rufe ich eine REST-API aus ABAP auf?".

Its only terms of the domain are the call's own scheme — HTTP, HTTPS, a REST API or service
(which is HTTP by definition) — and they are in the names of most causes (their codes say
ICM_HTTP_…): they show the domain, not an entry. Read as any how-to, such a question was
answered with the steps of whichever cause shared the word HTTP most (`dns_failure`,
`abap_programming_error`), as if the call had already failed. It asks how to set the call up,
so the answer is the set-up path the base holds (the OUTBOUND_HTTP_SETUP entry: SM59 type G,
SSL Active and the client PSE, STRUST, the ICM's HTTPS service, the proxy, cl_http_client).

A service the call reaches by its HTTP protocol names the scheme as well: an OData service
(OData is a protocol over HTTP), a SOAP web service (SOAP's usual binding is HTTP; the SAP
system's consumer is configured with a logical port in SOAMANAGER) and a JSON payload sent to
an API ("post JSON to an external API from ABAP") ask for the same set-up path; the answer
says what the base holds of the SOAP side (answers.howto).

A term beside the scheme is the subject and its own entry answers: a proxy, a certificate,
TLS ("how to enable TLS 1.2 for outbound calls" — TLS is said, not only implied by HTTPS),
a test ("how can I test an HTTPS endpoint?" names no verb of making the call).
"""

from __future__ import annotations

import re

from assistant.intent.fuzzy import stem
from assistant.intent.howtoterms import DOMAIN_STEMS, SAME_TERM, domain_terms
from assistant.intent.parsing import ParsedText
from assistant.lazyre import LazyPattern

SETUP_ENTRY = "OUTBOUND_HTTP_SETUP"
SOAP_ENTRY = "SOAP_CONSUMER_SETUP"  # a SOAP web service's consumer: its logical port
_HTTP = stem("http")  # "https" stems to it too
# Services reached over HTTP by their protocol: OData, SOAP, a web service, a JSON payload.
_SERVICE_OVER_HTTP = LazyPattern(r"\b(?:odata|soap|web[ -]?services?|json)\b", re.IGNORECASE,
                                 literals=("odata", "soap", "web", "json"))
_SOAP = LazyPattern(r"\b(?:soap|wsdl|web[ -]?services?)\b", re.IGNORECASE, literals=("soap", "wsdl", "web"))
_SCHEME_TERMS = frozenset({_HTTP, stem("ssl")})  # HTTPS is HTTP over SSL/TLS (howtoterms._as_terms)
# Verbs of making a call (and of setting one up), English and German, on the cue text.
_MAKES_THE_CALL = LazyPattern(
    r" (call|calls|calling|consume|consuming|invoke|invoking|access|accessing|connect|connecting|reach|integrate|"
    r"use|using|talk to|send|sending|post|posting|set up|setup|configure|enable|establish|"
    r"aufrufen|rufe|rufen|konsumieren|anbinden|binde|verbinden|verbinde|ansprechen|nutzen|nutze|verwenden|"
    r"einrichten|richte) ",
)


def set_up_terms(parsed: ParsedText) -> frozenset[str]:
    """The question's domain terms, with HTTP for a service it names by its HTTP protocol."""
    terms = domain_terms(parsed)
    return terms | {_HTTP} if _SERVICE_OVER_HTTP.search(parsed.raw) else terms


def asks_for_the_set_up(parsed: ParsedText) -> bool:
    """Whether a how-to's only domain terms are the call's scheme (HTTP; SSL only as HTTPS
    implies it) and it asks to make or set up the call."""
    terms = set_up_terms(parsed)
    said = {SAME_TERM.get(s, s) for s in parsed.stems & DOMAIN_STEMS}
    if not terms or not terms <= _SCHEME_TERMS or not said <= {_HTTP}:
        return False
    return _MAKES_THE_CALL.search(parsed.cue_text) is not None


def names_soap(text: str) -> bool:
    """Whether a set-up question is about a SOAP web service (its consumer's logical port)."""
    return _SOAP.search(text) is not None

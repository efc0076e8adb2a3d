"""The SAP side as server the way its users meet it (assistant/intent/vocab_logons.py): a logon
to an SAP system or SAP cloud product refused, a launchpad app that does not start, an SAP
product's own web UI that cannot be opened, SAP Business One's Service Layer, an inbound
service of a communication arrangement. Sentences written for these tests from the sourced
situations (docs/research/scope_vocabulary.md), not copied from the evaluation reports."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.scopecues import cues_in
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

INBOUND = "sap_server_inbound"
HTTP = "http_status_from_server"
OTHER = "other_client"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # a single sign-on refused at the product the user logs on to (it is the service provider)
        ("Since Monday our SSO does not work any more: after the Azure AD page the users see an error", "sso_logon"),
        ("SAML login fails for every user of SAP Concur since we rotated the ADFS token-signing certificate",
         "sso_logon"),
        ("Our SAML2-authentication stopped working after the IdP migration, nobody gets into the tenant", "sso_logon"),
        ("Logging on via Single Sign-On to the Fieldglass site ends in: Login error, please contact your admin",
         "sso_logon"),
        # the assertion refused, in a text about the users' logon
        ("Users cannot log on since the upgrade. The log says: Invalid SAML response, signature not trusted",
         "sso_logon"),
        # a launchpad app that does not start, or that the user's roles do not hold
        ('The tile is there, but opening it shows "Application could not be initialised", then nothing', "launchpad_app"),
        ("After the role change the buyers are not authorized to open the Manage Purchase Orders app", "launchpad_app"),
        ("Warehouse clerks do not have permission to use the Stock Overview tile any more", "launchpad_app"),
        # an SAP product's own web UI, or an SAP cloud product, that its user cannot open or log on to
        ("Since the patch we can no longer open the SAP HANA Cockpit of the tenant database", "product_ui"),
        ("Our consultants are unable to log in to SuccessFactors since this morning", "product_ui"),
        ("Sign-in to the SAP BTP cockpit fails for two of our admins", "product_ui"),
        # SAP Business One's Service Layer is the server that answers
        ("Posting a delivery through the Service Layer: its log shows the back end closed the session", "b1_service_layer"),
        # an inbound service of the system's communication arrangement
        ("The partner calls the inbound service of our communication arrangement and never gets past the logon "
         "page", "inbound_service"),
    ],
)
def test_a_user_refused_by_the_sap_side_is_the_sap_side_as_server(kb: KnowledgeBase, text: str, family: str) -> None:
    routed = route(text, kb)
    assert (routed.scope.kind, routed.scope.family) == (INBOUND, family), (routed.scope, cues_in(text))


@pytest.mark.parametrize(
    "text",
    [
        "After the IdP page our users get 401 Unauthorized from SuccessFactors: SSO is failing since the renewal",
        "SAML2 logon fails with HTTP 401 for every user of the tenant, although the IdP shows them as logged on",
        "The buyers are not authorized to open the Supplier Invoices app; the browser shows 403 Forbidden",
    ],
)
def test_the_status_a_refused_user_sees_is_the_sap_sides_answer(kb: KnowledgeBase, text: str) -> None:
    """Rule 3 for a user refused by the SAP side: the status in the user's browser is that
    refusal's symptom, so it does not make the report a far server's status."""
    routed = route(text, kb)
    assert routed.scope.kind == INBOUND, (routed.scope, cues_in(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a program that logs on and prints the status it got: the status is the report (rule 3)
        ("download.py: SSO authentication failed - 401 Client Error: Unauthorized for url: https://id.example.com/x",
         HTTP),
        ("The Service Layer returns 401 Unauthorized to my nightly Python import", HTTP),
        # a command-line option and a URL path are no logon refused
        ("btp login --sso not working for me", OTHER),
    ],
)
def test_naming_the_sap_side_does_not_outweigh_what_the_text_reports(kb: KnowledgeBase, text: str, kind: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == kind, (routed.scope, cues_in(text))


def test_an_assertion_refused_without_a_logon_is_no_logon_at_the_sap_side(kb: KnowledgeBase) -> None:
    """A partner refusing an assertion the SAP product issued (an integration, not a user's
    logon) names no logon: the SAP side is not shown to be the server that refused."""
    text = "The vendor's integration log says the SAML assertion has expired; the job status shows Initiation Failed"
    assert route(text, kb).scope.kind != INBOUND

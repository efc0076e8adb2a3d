"""A scope cue the text sets aside is no evidence of its kind of failure (ruledcues.py): a
program or product said not to be used or involved, said to work, or named only as an
alternative or a plan. The sentences are invented for the class — several phrasings per
reading — beside phrasings that name the same thing as the one that fails, or state
nothing of the kind (a failure, a question, the past, an inability, a setting said fine)."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.ruledcues import counted_cues
from assistant.intent.scopecues import cues_at, cues_in, find_cues
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _found(text: str) -> dict[str, str]:
    return {h.family: h.strength for h in find_cues(text).hits}


def _counted(text: str) -> dict[str, str]:
    found = find_cues(text)
    return {h.family: h.strength for h in counted_cues(found.hits, found)}


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # its use negated
        ("pyrfc is not used; our python requests call gets 401 Unauthorized", "rfc_lib"),
        ("We are not using PyRFC here.", "rfc_lib"),
        ("The SAP Cloud Connector is not involved: the report calls the partner directly", "cloud_connector"),
        ("We don't use the Cloud Connector.", "cloud_connector"),
        ("There is no Cloud Connector in between.", "cloud_connector"),
        ("Without the Cloud Connector the program calls the partner directly.", "cloud_connector"),
        ("The reason isn't the new version of node-rfc but the gateway.", "rfc_lib"),
        # said to work
        ("From abapGit's point of view everything looks fine.", "abap_caller"),
        ("Tested with SoapUI: OK", "tools"),
        ("SoapUI connects without any problems.", "tools"),
        ("The connection from the Cloud Connector to the backend is OK.", "cloud_connector"),
        ("The same request works correctly when sent from SoapUI.", "tools"),
        # only an alternative or a plan
        ("Should we use the Cloud Connector instead?", "cloud_connector"),
        ("You suggest switching to node-rfc.", "rfc_lib"),
        ("We call the backend directly instead of through the Cloud Connector.", "cloud_connector"),
    ],
)
def test_a_cue_set_aside_is_no_evidence(text: str, family: str) -> None:
    assert family in _found(text), "the sentence must hold the cue"
    assert family not in _counted(text), text


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("We can't use abapGit because the SSL handshake fails.", "abap_caller"),  # an inability
        ("The Cloud Connector is not working.", "cloud_connector"),  # a failure
        ("The Cloud Connector works for GET but not for POST.", "cloud_connector"),  # fails after all
        ("Is the Cloud Connector working correctly?", "cloud_connector"),  # a question
        ("SoapUI was working fine before the upgrade.", "tools"),  # the past
        ("We use the Cloud Connector and no proxy.", "cloud_connector"),  # another thing negated
        ("Via SM59 I call the API with correct credentials and get 401.", "abap_caller"),  # the credentials are correct
        ("The certificate in STRUST is valid.", "abap_client"),  # a setting said fine, not a program
        ("No SICF service for ADT_SRV", "icf_service"),  # a service missing: the failure itself
        ("The reason is the new version of node-rfc, not the gateway.", "rfc_lib"),  # named as the cause
    ],
)
def test_a_cue_named_as_it_stands_stays_evidence(text: str, family: str) -> None:
    assert _counted(text).get(family) == _found(text)[family], text


def test_a_name_set_aside_counts_only_where_a_failure_is_reported_with_it() -> None:
    # a mere mention does not bring it back …
    assert "abap_caller" not in _counted("I installed abapGit. From abapGit's point of view everything looks fine.")
    # … a report of its failure does
    assert "abap_caller" in _counted("abapGit shows HTTP error 500 occured. From abapGit's point of view all is fine.")
    # another name of the family counts as it stands (VS Code beside SoapUI)
    assert "tools" in _counted("SoapUI connects without problems. The call from VS Code fails.")


def test_a_decisive_cue_is_never_set_aside() -> None:
    text = "It is not PKIX path building failed any more."  # a text only its failure prints: it was printed
    assert _counted(text)["java"] == _found(text)["java"] == "decisive"


def test_every_cue_is_found_where_it_stands() -> None:
    text = "We don't use the Cloud Connector; abapGit shows https://github.com/x/y ICM_HTTP_SSL_ERROR and SoapUI works"
    found = find_cues(text)
    assert found.hits == cues_in(text)
    at = cues_at(found, frozenset({"cloud_connector", "abap_caller", "tools"}))
    assert {found.text[c.start:c.end].lower() for c in at} >= {"cloud connector", "abapgit", "soapui"}
    assert all(c.family in ("cloud_connector", "abap_caller", "tools") for c in at)


@pytest.mark.parametrize(
    ("text", "kind", "control", "control_kind"),
    [
        ("pyrfc is not used; our python requests call to the OData service gets 401 Unauthorized",
         "http_status_from_server",
         "pyrfc is used; our python requests call to the OData service gets 401 Unauthorized", "rfc_or_network"),
        ("We don't use the Cloud Connector. Our ABAP report calls https://api.partner.com and gets SSL handshake failed",
         "sap_http_client",
         "We use the Cloud Connector. Our ABAP report calls https://api.partner.com and gets SSL handshake failed",
         "other_client"),
        ("Should we use the Cloud Connector instead? Right now the call from SM59 fails with SSL handshake failed",
         "sap_http_client",
         "We use the Cloud Connector. Right now the call from SM59 fails with SSL handshake failed", "other_client"),
    ],
)
def test_the_scope_is_not_that_of_a_program_set_aside(
    kb: KnowledgeBase, text: str, kind: str, control: str, control_kind: str
) -> None:
    assert route(text, kb).scope.kind == kind
    assert route(control, kb).scope.kind == control_kind  # the same words, the program named as used


def test_a_program_said_to_work_is_not_the_caller(kb: KnowledgeBase) -> None:
    routed = route("From abapGit's point of view everything looks fine, but the REST call to our server returns 500", kb)
    assert not routed.abap_caller

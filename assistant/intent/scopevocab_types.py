"""The names the scope vocabulary is written in: the kinds of failure, the cue classes and
the row format (scopevocab.py explains them). A module of its own so that the tables
(vocab_clients.py, vocab_sap.py) and scopevocab.py can share them without a cycle."""

from __future__ import annotations

SAP = "sap_http_client"
HTTP = "http_status_from_server"
INBOUND = "sap_server_inbound"
RFC = "rfc_or_network"
OTHER = "other_client"

DECISIVE = "decisive"
INDICATIVE = "indicative"
WEAK = "weak"
STRENGTHS = (DECISIVE, INDICATIVE, WEAK)

# (family, strength, text, source[, regex])
Row = tuple[str, str, str, str] | tuple[str, str, str, str, str]

# SAP products that are not the ABAP system, as the word after "SAP" ("in SAP AI Core", "from
# SAP Cloud Integration"): "in our SAP" then one of these places a call elsewhere.
OTHER_SAP_PRODUCTS = (
    r"(?:BTP|Cloud|Business|GUI|UI5|Logon|HANA|Fiori|Integration|Build|Mobile|Analytics|Commerce|API|AI|Datasphere"
    r"|SuccessFactors|Ariba|Concur|Signavio|Sales|Service|Customer|CX|Data|Work ?Zone|Start|Fieldglass|Qualtrics"
    r"|Lumira|BusinessObjects|BO|Crystal|Kyma|Event Mesh|Router|Host Agent|Jam|Document|Conversational|Intelligent"
    r"|Identity|IAS|Graph|Web IDE|Launchpad|Workflow|Process Automation|Build Apps"
    # PI/PO's Java adapter engine: "in the SAP PO system" is another client (kba-3641075)
    r"|PI|PO|Process Integration|Process Orchestration)\b"
)

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

"""After an import said done, what the text's own code or status names comes before what an
import fixes (intent.importdone). The import said done and the failure stayed argues against
the causes an import fixes (the untrusted chain), not against the cause the code points to:
a Basis admin reads SSSLERR_SSL_READ as the TLS version or cipher, a proxy's 407 as its
logon, whatever was imported. Before, the two causes an import leaves led, the import's own
cause came third and the code's cause fell to fourth or later; and an import into a named PSE
(callerpse) put those two over a proxy's 407 or a timeout that had led. The lead stays what an
import leaves when an import fixes what would lead (answers25). Invented reports, each with an
import said done; bundled base."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

FIXED, REMAINS = "fixed", "remains"
TOP = 3

# (report, code it names): the code lists a cause an import has no bearing on.
CODE_REPORTS = [
    ("SM59 connection test to https://api.partner-one.com fails: SSSLERR_SSL_READ. I have imported the root "
     "and intermediate certificates into SSL client ANONYM, same result.", "SSSLERR_SSL_READ"),
    ("dev_icm shows SSSLERR_SSL_READ when our report calls the vendor endpoint. The CA certs were already "
     "imported in STRUST, still failing.", "SSSLERR_SSL_READ"),
    ("SSSLRC_CONN_CLOSED in the trace when calling the payment API; root and intermediate CA were imported "
     "into SSL client Standard, error stays.", "SSSLRC_CONN_CLOSED"),
    ("Calling https://files.acme-corp.net from ABAP gives NIECONN_REFUSED. We imported the certificate chain "
     "into the SSL client PSE but nothing changed.", "NIECONN_REFUSED"),
    ("Connection test ends with SSSLERR_SERVER_CERT_MISMATCH for host billing.acme-corp.net; the root and "
     "intermediate are in the PSE already.", "SSSLERR_SERVER_CERT_MISMATCH"),
    ("NIEHOST_UNKNOWN for api.partner-two.com, we already imported the certificates into the PSE",
     "NIEHOST_UNKNOWN"),
]

# (report, the cause its status names): the import into a named PSE leaves it first.
STATUS_REPORTS = [
    ("Proxy returns HTTP 407 Proxy Authentication Required when SM59 calls https://api.rates.io. "
     "I imported the server certificates into ANONYM already.", "proxy_auth_failed"),
    ("HTTP error 402 ICM_HTTP_TIMEOUT calling https://api.rates.io; I imported the root CA into ANONYM "
     "already.", "server_timeout"),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _untouched(code: str, kb: KnowledgeBase) -> list[str]:
    """The causes the code lists on which an import has no bearing."""
    return [c for c in kb.codes[code].causes if kb.causes[c].after_import is None]


@pytest.mark.parametrize(("report", "code"), CODE_REPORTS)
def test_the_codes_cause_comes_before_what_an_import_fixes(kb: KnowledgeBase, report: str, code: str) -> None:
    order = [c.id for c in route(report, kb).causes]
    assert kb.causes[order[0]].after_import != FIXED, order[:5]
    named = [order.index(c) for c in _untouched(code, kb) if c in order]
    fixed = [i for i, c in enumerate(order) if kb.causes[c].after_import == FIXED]
    assert named, (code, order[:5])
    assert min(named) < TOP, (code, order[:5])
    assert not fixed or min(named) < min(fixed), (code, order[:5])


def test_ssl_read_keeps_what_an_import_leaves_as_its_lead(kb: KnowledgeBase) -> None:
    """answers25: the fixed cause would lead (SSL_READ lists the untrusted chain first), so what
    an import leaves leads, and the code's TLS version or cipher follows it, the chain after."""
    order = [c.id for c in route(CODE_REPORTS[0][0], kb).causes]
    assert kb.causes[order[0]].after_import == REMAINS, order[:5]
    assert order.index("tls_version_or_cipher_mismatch") < order.index("server_cert_untrusted"), order[:5]


@pytest.mark.parametrize(("report", "cause"), STATUS_REPORTS)
def test_a_status_the_import_does_not_touch_keeps_the_lead(kb: KnowledgeBase, report: str, cause: str) -> None:
    order = [c.id for c in route(report, kb).causes]
    assert order[0] == cause, order[:5]

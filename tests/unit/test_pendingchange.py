"""A change made and not yet in force leads with the setting not active (intent/pendingchange.py).

RZ10 changes take effect only at a restart and SMICM's dynamic ones are lost at one (reference
sclnt_http_facts.md §5): "I changed X in RZ10 but the ICM has not been restarted yet" says the
running system does not use X yet, so the cause X would fix does not lead — settings_not_active
does. The probes are in tests/eval/sap_probe.yaml (p407-after-param-change, c00/c02/c03, and
the pc-* probes written for this reading).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.intent import route
from assistant.intent.pendingchange import change_pending
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

PROBES = Path(__file__).resolve().parents[1] / "eval" / "sap_probe.yaml"


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _probe(probe_id: str) -> str:
    with open(PROBES, encoding="utf-8") as f:
        return next(i["text"] for i in yaml.safe_load(f)["items"] if i["id"] == probe_id)


@pytest.mark.parametrize("probe_id", [
    "p407-after-param-change", "c00-settings-not-active", "c02-settings-not-active", "c03-settings-not-active",
    "pc-sni-changed-not-restarted", "pc-root-ca-not-bounced", "pc-profil-noch-nicht-durchgestartet",
    "pc-change-not-yet-active",
])
def test_a_change_not_in_force_leads_with_the_setting_not_active(bundled: KnowledgeBase, probe_id: str) -> None:
    causes = route(_probe(probe_id), bundled).causes
    assert causes and causes[0].id == "settings_not_active", [c.id for c in causes[:3]]


@pytest.mark.parametrize("text", [
    "we restarted the ICM after changing the parameter in RZ10, still ICM_HTTP_SSL_ERROR",  # restart done
    "I cannot restart the ICM; I changed the parameter in RZ10. ICM_HTTP_SSL_ERROR",  # a limit, no restart pending
    "We have not changed any parameter and the ICM was not restarted. ICM_HTTP_SSL_ERROR",  # no change made
    "The ICM has not been restarted for months. SM59 fails with ICM_HTTP_SSL_ERROR",  # nothing changed
    "Should I change ssl/client_sni_enabled in RZ10? SM59 fails with ICM_HTTP_SSL_ERROR",  # a change asked about
])
def test_what_states_no_change_pending(text: str) -> None:
    assert not change_pending(text)

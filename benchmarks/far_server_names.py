"""Does an SAP-client report keep its verdict whatever the far server is called?

An ABAP system calls everything: Salesforce, Azure, AWS and Google APIs, Microsoft Graph,
SuccessFactors, Ariba, Concur, a Node or .NET service, Tomcat or IIS, a HANA XS app, Cloud
Integration, a BTP endpoint. The name of the server it calls says where the call went, not
who made it — yet a product's name read as the failing client's moved SAP-client reports to
another client's verdict ("our ABAP report calls the Cloud Integration endpoint through SM59
… SSL handshake error" was answered as Cloud Integration's own keystore). For every dev
report (tests/eval/real/dev.yaml only; the test split is never read) labelled
`sap_http_client` that the router gets right, and every item of tests/eval/router_eval.yaml
routed as `sap_http_client` today, this names a far server in the report with each form of
`FORMS` and each name of `FAR_SERVERS` (fixed lists below), and counts per name and per form
how often the scope, the first message or the top cause changes:

    .venv/bin/python benchmarks/far_server_names.py              # the tables
    .venv/bin/python benchmarks/far_server_names.py --failures   # every change, with the scope's reason

Each name is compared with the same form naming a neutral server ("the Contoso API", a made-up company), so
that what the added line itself moves is counted once, in the neutral name's row (compared
with the report). The forms: the name put in front of the first word that names the target ("the API" ->
"the Salesforce API", or after the first host name: "github.com (the Salesforce API)"),
a line saying where the call goes ("The call goes to the Salesforce API."), a line with
the call's verb ("We are calling the Salesforce API."), and the German line "Der Aufruf
geht zum Salesforce-Endpunkt.". None says who made the call, so none should move the
verdict. A robustness measure, not a test set: fix the classes of change it shows with
invented sentences in the unit tests, never these reports. Deterministic.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from assistant.intent import route  # noqa: E402
from assistant.kb.knowledge_base import KnowledgeBase  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from benchmarks.scope_invariance import CHECKS, Verdict  # noqa: E402
from tests.support.real_eval import SAP_CLIENT, load_real  # noqa: E402

ROUTER_EVAL = ROOT / "tests" / "eval" / "router_eval.yaml"

# Servers an ABAP system calls, as a report names them (the word before "API"/"endpoint").
FAR_SERVERS: tuple[str, ...] = (
    "Salesforce", "Azure", "Azure Blob Storage", "AWS", "Amazon S3", "Google Cloud", "Google Maps",
    "Microsoft Graph", "SuccessFactors", "Ariba", "Concur", "Coupa", "ServiceNow", "Workday",
    "Cloud Integration", "CPI", "SAP PO", "PI/PO", "BTP", "BTP destination service", "Kyma", "Cloud Foundry app",
    "Node service", "Java service", ".NET service", "Spring Boot service", "Python service", "Tomcat", "IIS",
    "nginx", "HANA XS app", "Postman mock server", "Kafka REST proxy", "Cloud Connector", "GitHub", "Jira",
)

# The control: a server named by no product ("the Contoso API", a made-up company); its row counts the added
# line's own effect, and each far name is compared with it.
NEUTRAL = "Contoso"

_TARGET_WORD = re.compile(
    r"\b(?:the|an?|our|their|this|that)\s+(?:(?:external|remote|target|third[- ]party|partner|rest|https?)\s+)?"
    r"(?P<word>apis?|endpoints?|servers?|web ?services?|services?|urls?|sites?|hosts?|backend)\b(?![ -]name)",
    re.IGNORECASE,
)
_HOST = re.compile(r"(?<![\w.@/])[a-z][\w-]*(?:\.[a-z][\w-]*)+\.(?:com|net|org|io|de|cloud)\b(?::\d+)?")


def _inline(name: str) -> Callable[[str], str | None]:
    """The name in front of the first target word, else after the first host name; None when neither."""
    def apply(text: str) -> str | None:
        m = _TARGET_WORD.search(text)
        if m:
            return f"{text[:m.start()]}the {name} {m.group('word')}{text[m.end():]}"
        h = _HOST.search(text)
        if h:
            return f"{text[:h.end()]} (the {name} API){text[h.end():]}"
        return None
    return apply


def _line(template: str) -> Callable[[str], Callable[[str], str | None]]:
    return lambda name: lambda text: f"{text.rstrip()}\n{template.format(name=name)}\n"


@dataclass(frozen=True)
class Form:
    name: str
    make: Callable[[str], Callable[[str], str | None]]


FORMS: tuple[Form, ...] = (
    Form("inline", _inline),
    Form("goes_to", _line("The call goes to the {name} API.")),
    Form("calling", _line("We are calling the {name} API.")),
    Form("german", _line("Der Aufruf geht zum {name}-Endpunkt.")),
)


@dataclass
class Tally:
    texts: int = 0
    routed: int = 0
    by_name: dict[tuple[str, str], int] = field(default_factory=dict)
    by_form: dict[tuple[str, str], int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, label: str, far: str, form: str, before: Verdict, after: Verdict) -> None:
        self.routed += 1
        changed = after.changed(before)
        for check in changed:
            self.by_name[(far, check)] = self.by_name.get((far, check), 0) + 1
            if far != NEUTRAL:
                self.by_form[(form, check)] = self.by_form.get((form, check), 0) + 1
        if changed:
            parts = "; ".join(f"{c}: {getattr(before, c)} -> {getattr(after, c)}" for c in changed)
            line = f"{form:8} {far[:22]:22} {label[:48]:48} {parts}"
            if "scope" in changed:
                line += f"\n{'':9}reason after: {after.reason[:120]}"
            self.failures.append(line)

    def lines(self) -> list[str]:
        head = f"{'':24}" + "".join(f"{c:>9}" for c in CHECKS)
        rows = [f"{self.texts} SAP-client texts, {self.routed} routed with a far server's name", "", "per name", head]
        rows += [f"{n[:24]:24}" + "".join(f"{self.by_name.get((n, c), 0):>9}" for c in CHECKS)
                 for n in (NEUTRAL, *FAR_SERVERS)]
        rows += ["", f"per form (far names only; '{NEUTRAL}' vs the report is its own row above)", head]
        rows += [f"{f.name:24}" + "".join(f"{self.by_form.get((f.name, c), 0):>9}" for c in CHECKS) for f in FORMS]
        return rows


def sap_client_texts(kb: KnowledgeBase) -> list[tuple[str, str, Verdict]]:
    """(label, text, verdict) of the dev SAP-client reports routed right and of the
    router_eval items routed as SAP-client today."""
    texts = []
    for item in load_real("dev"):
        if item["scope"] == SAP_CLIENT:
            verdict = Verdict.of(route(item["text"], kb))
            if verdict.scope == SAP_CLIENT:
                texts.append((f"dev {item['id']} [{item['source']}]", item["text"], verdict))
    with open(ROUTER_EVAL, encoding="utf-8") as f:
        items = yaml.safe_load(f)["items"]
    for item in items:
        verdict = Verdict.of(route(item["text"], kb))
        if verdict.scope == SAP_CLIENT:
            texts.append((f"eval {item['text'][:40]!r}", item["text"], verdict))
    return texts


def run(kb: KnowledgeBase) -> Tally:
    """Each far server's name is compared with the same form naming a neutral server
    (`NEUTRAL`): what moves then is the name's doing, not the added line's; the neutral
    name itself is compared with the report."""
    tally = Tally()
    texts = sap_client_texts(kb)
    tally.texts = len(texts)
    for label, text, original in texts:
        for form in FORMS:
            neutral_text = form.make(NEUTRAL)(text)
            if neutral_text is None:
                continue
            neutral = Verdict.of(route(neutral_text, kb))
            tally.add(label, NEUTRAL, form.name, original, neutral)
            for far in FAR_SERVERS:
                named = form.make(far)(text)
                if named is not None:
                    tally.add(label, far, form.name, neutral, Verdict.of(route(named, kb)))
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every change, with the scope's reason")
    args = parser.parse_args()
    started = time.perf_counter()
    tally = run(load_kb().kb)
    if args.failures:
        print("\n".join(tally.failures) + "\n")
    print("\n".join(tally.lines()))
    print(f"\n({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

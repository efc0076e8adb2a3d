"""A live check's verdict when the conversation is about another client's call.

The check runs from this machine: what it finds is the same whoever makes the call. But
when the topic is a Java, Node.js, BTP … client (`DialogueState.another_client`), the
verdict in SAP terms ("Host name cannot be resolved on the SAP application server", next
step in SM59) answers a question nobody asked. So the verdict says what the finding means
for that client first — in our own words per step, or the base's words for other clients
where a cause has them — and the ABAP side comes after, as "if the SAP system makes the
call". `sapassist check` on its own never uses this.
"""

from __future__ import annotations

from assistant.answers.pieces import gist
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import escape_markdown
from assistant.wording import step_label

IF_SAP = "If the SAP system makes the call"
# What a failing step means for any client calling that address from this network: our own
# words, one class of failure each; where its fix lives is that client's configuration.
STEP_MEANING = {
    "resolve": ("the host name in its URL does not resolve: a typo or placeholder, a name only another DNS "
                "knows, or a network that reaches the outside only through a proxy — check the URL in that "
                "client's configuration"),
    "connect": ("nothing accepts the connection on that host and port (wrong port, service down, a firewall): "
                "the network path from that client, not its trust store"),
    "proxy": "the proxy on the way fails the call: that client's proxy settings (address, user, password)",
    "tls": ("the TLS handshake fails: a protocol version, cipher or server name (SNI) that client and the "
            "server must share"),
    "observe": "the server ends the connection before it answers: the server's side or a device in the path",
    "chain": ("the server's certificate is the matter: a CA that client must trust in its own trust store "
              "(not STRUST), or a certificate only the server's side can renew or replace"),
    "client_cert": "the server wants a client certificate: one that client presents from its own key store",
    "http": "the connection works and the server answered with a status: the request (path, logon) is the matter",
}


def verdict_lines(report: CheckReport, kb: KnowledgeBase | None) -> list[str]:
    """Found from here, what it means for that client, then the SAP reading."""
    return [line for line in (_found(report), _meaning(report, kb), _if_sap(report, kb)) if line]


def _failed_step(report: CheckReport) -> str | None:
    wanted = "fail" if report.verdict == "error" else "warn"
    decisive = report.decisive_finding()
    if decisive is not None:
        return decisive.step
    return next((f.step for f in report.findings if f.status == wanted), None)


def _found(report: CheckReport) -> str:
    if report.cancelled:
        return "The check was cancelled before it finished; the steps that ran are below."
    step = _failed_step(report)
    where = f" at the **{step_label(step)}** step" if step else ""
    if report.verdict == "error":
        return f"From this machine the call fails{where} — the same for every client that calls this address from here."
    if report.verdict == "warning":
        return f"The endpoint answers from this machine, with a warning{where}."
    return ("Nothing found from this machine: the endpoint answers. If that client still fails, the difference "
            "is in that client — the address in its configuration, its proxy or its own trust store.")


def _meaning(report: CheckReport, kb: KnowledgeBase | None) -> str:
    if report.cancelled or report.verdict == "ok":
        return ""
    cause = kb.causes.get(report.cause or "") if kb is not None else None
    own = gist(cause.other_clients) if cause is not None else ""
    step = _failed_step(report)
    meaning = (own or (STEP_MEANING.get(step, "") if step else "")).rstrip(".")
    return f"**For that client:** {meaning[0].upper()}{meaning[1:]}." if meaning else ""


def _if_sap(report: CheckReport, kb: KnowledgeBase | None) -> str:
    """The ABAP side, after what the finding means for that client."""
    if not report.sclnt_http and not report.cause:
        return ""
    parts = []
    if report.sclnt_http:
        msg = kb.messages.get(report.sclnt_http) if kb is not None else None
        text = f" — {escape_markdown(msg.display_text)}" if msg is not None else ""
        parts.append(f"it reports **{report.sclnt_http}**{text}")
    cause = kb.causes.get(report.cause or "") if kb is not None else None
    if cause is not None:
        parts.append(f"the cause and its fix there are below ({cause.title})")
    return f"**{IF_SAP}:** {'; '.join(parts)}." if parts else ""

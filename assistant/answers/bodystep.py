"""The next step of a far server's status: always one, and it reads what the answer said.

A status answer with a most likely cause whose every fix step is the ABAP side's (another
client's call) or written for other statuses ("403: ask the proxy team …" under a 400) had no
"Next step" line at all; the next cause that has a step for this call gives it. And "Read the
response body and headers: the server usually says what it did not like" is no step when the
text quotes that body already ("Invalid Proxy Header", an OAuth `error_description`, an OData
error's message): the step then names what it says and where to look it up. Nor when the text
quotes a log's or a tool's line that names the status and why ("… is not mapped to a
destination. Rejecting the request with 404"): the step acts on that line — as the line
quoted, not as the body the server sent.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.nextstep import NextStep, next_step
from assistant.answers.quoting import quoted
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

READ_THE_BODY = "**Next step:** Read the response body"
BODY_LABELS = ("response_body",)
QUOTED_LINE = "quoted_status"  # a log's or a tool's line with the status (intent.screenwords)


def status_next_step(routed: Routed, kb: KnowledgeBase) -> NextStep:
    """The lead cause's next step, or the first later cause's that has one; the body's own
    words instead of "read the response body" when the text quotes them."""
    step = next_step(routed, kb)
    for start in range(1, len(routed.causes)):
        if step.line:
            break
        step = next_step(replace(routed, causes=routed.causes[start:]), kb)
    if READ_THE_BODY not in step.line:
        return step
    head = step.line[: step.line.index(READ_THE_BODY)]
    said = next((w.text for w in routed.screen_words if w.label in BODY_LABELS), "")
    if said:
        return NextStep(f"{head}**Next step:** act on what the server's answer says — {quoted(said)}: that names "
                        "what it refused (an error code or a message); look it up in the called service's "
                        "documentation, or in its log for this request.", step.given)
    line = next((w for w in routed.screen_words if w.label == QUOTED_LINE and w.number in routed.http_statuses), None)
    if line is None:
        return step
    return NextStep(f"{head}**Next step:** act on the line you quote — {quoted(line.text)}: beside the "
                    f"{line.number} it names what was refused and why; look that up in the documentation of the "
                    "component that wrote it, or in its log for this request.", step.given)

"""A request that broke, tried once more: a sporadic drop or the server's own refusal?

A connection closed or reset on the request (no answer, or an answer cut short) is a
network drop when it happens now and then, and a decision when it happens on every try:
whatever answers there refuses this request. One more request on a fresh connection
(verified like the first, see `tlssteps.second_try` and `runner.plain_http_step`) tells
the two apart; these functions only word what the two tries showed.
"""

from __future__ import annotations

from assistant.diagnostics.http import HttpResult
from assistant.diagnostics.model import Finding

_NO_ANSWER = {
    "tls": ("The server completes the TLS handshake and then closes the connection on the request "
            "without a word, on every try, so this is no sporadic network drop: whatever ends TLS "
            "there — the server, or a load balancer, reverse proxy or WAF in front of it — refuses "
            "the request itself."),
    "plain": ("The server accepts the TCP connection and then closes it on the request without a "
              "word, on every try, so this is no sporadic network drop: whatever listens there — the "
              "server, or a load balancer, reverse proxy or WAF in front of it — refuses the request "
              "itself."),
    "proxy": ("The proxy takes the forward request and closes the connection without an answer, on "
              "every try: the proxy or its path to the target refuses the request without an error "
              "page. Ask the proxy team what its log says for the source address and time."),
}
_WHY_NO_ANSWER = (
    " Usual reasons: a WAF or IPS rule (on the path, a header such as the User-Agent, or the "
    "source address), a load balancer with no healthy back end that drops the request instead of "
    "answering 503, or a server that does not speak HTTP/1.1 on this port. Ask the server's owner "
    "what that device's log says for the source address and time, and compare with "
    "`curl -v <url>` from the application server's OS."
)
_ANNOUNCES = {"length": "announces a wrong Content-Length",
              "chunked": "announces a longer chunk than it sends"}
_CUT_SHORT = (
    "The answer is cut short on every try ({what}), so this is no sporadic network drop: the "
    "server fails while it writes the response (its log says why), {announces}, or a device on "
    "the path cuts the response. Ask the server's owner."
)


def second_try_note(finding: Finding, first: HttpResult, again: HttpResult | None, *, via: str) -> None:
    """Say in `finding` (the broken first request's) what a second request on a fresh
    connection showed; when it broke as well, the next step says what a break on every
    try means. `via`: tls | plain | proxy. Nothing is said when no second try was made."""
    if again is None:
        return
    if again.kind != "broken":
        answered = (f"was answered ({again.http_version} {again.status})" if again.status
                    else "did not break the same way")
        finding.detail += f"; a second request on a fresh connection {answered}: the break is not on every try"
        finding.data["broke_again"] = False
        return
    finding.detail += "; a second request on a fresh connection broke the same way"
    finding.data["broke_again"] = True
    if first.status is None and again.status is None:
        step = _NO_ANSWER[via] + ("" if via == "proxy" else _WHY_NO_ANSWER)
    else:
        step = _CUT_SHORT.format(what=first.error or "connection closed", announces=_ANNOUNCES.get(
            first.framing, "announces more than it sends"))
    finding.data["next_step"] = step

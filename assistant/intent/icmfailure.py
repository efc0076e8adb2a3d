"""Whether a text names the SAP client's own failed call, so a 5xx beside it is the ICM's.

After a failed RECEIVE the ICM fills the response object with a status and a page of its
own: 500 after a time-out or after https:// to a plain port, 404 after a refused connect
(measured on 7.5x: github.com/oisee/open-steamgate; knowledge glossary
ICM_MADE_STATUS_PAGES). `get_status( )` then reads the ICM's status, not the far server's.
The ICM's 404 pages are told by their own titles (httpstatus.ICM_PAGES); a 5xx page's
title is as plain as any server's ("Internal Server Error"), so what tells it is the text
around it:

- the ICM's own words for a failed call: the ICM named, `get_last_error`, the ABAP
  exception `http_communication_failure`, and get_last_error's "Connection to partner timed
  out / broken / failed" (measured: "Connection to partner timed out after 2s.");
- the destination's SSL said to be off ("SSL not active", "SSL set to inactive"): the ICM
  then sends plain HTTP to a TLS port, so no HTTPS answer of the server can come back, and
  the call ends in the ICM's time-out or broken-connection page.

SSL said off only as what works ("with SSL inactive it works") names no failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.intent.result import NumberReading
from assistant.intent.settingstates import statements

# Normalized (lowercase, padded) phrases of the ICM's own wording for a failed call.
ICM_FAILURE_WORDS = (
    " icm ",
    " dev icm ",
    " get last error ",
    " http communication failure ",
    " connection to partner timed out ",
    " connection to partner broken ",
    " connection to partner failed ",
)
FIRST_SERVER_ERROR = 500  # the ICM's own status after a failed call is a 5xx (or a titled 404)


def ssl_said_off(raw_text: str) -> bool:
    """The text says the call's SSL is off, not as what works ("SSL not active",
    "SSL set to inactive", "SSL deactivated")."""
    return any(s.setting == "ssl" and not s.on and not s.works for s in statements(raw_text, frozenset({"ssl"})))


def names_the_icms_failure(normalized: str, raw_text: str) -> bool:
    """The ICM's words for a failed call, or the call's SSL said off (module docstring)."""
    return any(phrase in normalized for phrase in ICM_FAILURE_WORDS) or ssl_said_off(raw_text)


STATUS_ANSWER_CAUSE = "http_status_from_server"


def only_icm_made(readings: Iterable[NumberReading]) -> bool:
    """Every status the text reads is a page the ICM made after the failed call: there is
    no far server's answer in it at all."""
    leans = [r.lean for r in readings if r.lean in ("http", "icm_page")]
    return bool(leans) and all(lean == "icm_page" for lean in leans)


def without_a_servers_answer(
    contradicted: Mapping[str, frozenset[str]], readings: Iterable[NumberReading], stems: frozenset[str]
) -> dict[str, frozenset[str]]:
    """`contradicted` (per cause, the text's words that do not count for it) with every word
    of the text (`stems`) taken from the far server's status when every status is the
    ICM's own ("status code 500" beside a time-out is the ICM's page, not an answer)."""
    out = dict(contradicted)
    if only_icm_made(readings):
        out[STATUS_ANSWER_CAUSE] = out.get(STATUS_ANSWER_CAUSE, frozenset()) | stems
    return out

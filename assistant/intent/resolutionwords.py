"""The phrases that introduce what a report says of its own outcome (data only).

intent.resolution reads them. Two kinds, because they say different things:

- SOLVING: a verb of solving with what solved it, or the fix named as such ("solved by
  importing the root CA", "the solution was …", "gelöst durch …"): a fix seen to work.
- FINDING: the cause the writer found ("it turned out the root CA was missing", "the problem
  was the proxy", "the issue was an expired intermediate", "I found out that …", "es lag am
  Zwischenzertifikat"): the cause, not yet a fix seen to work. A finding is solved only when
  its sentence also says so ("…, fixed now", "…; replacing it solved it", "… and it works
  now"): intent.resolution checks that sentence.

Each phrase is a regular expression (matched case-insensitively, between word boundaries)
with the example it was written for; the tests read every example through the reader.
Dev sources with finding phrases: sap-tutorials/Tutorials ("The issue was because I was
trying to connect from home"), SAP-archive/node-rfc ("the issue was with the DB"),
nunomaia/NwRfcNet ("The reason was that … the password"), sap-tutorials/Tutorials
("It turns out that I needed to log into the CF … and all was well": solved by its own
sentence).
"""

from __future__ import annotations

from typing import NamedTuple


class Phrase(NamedTuple):
    """One marker phrase: its pattern and a sentence it is written for."""

    pattern: str
    example: str


SOLVING: tuple[Phrase, ...] = (
    Phrase(r"(?:solved|fixed|resolved|sorted(?:\s+out)?|gelöst|geloest|behoben)"
           r"(?:\s+(?:it|this|that|everything|(?:the|my|our)\s+(?:issue|problem|error)|das\s+problem|den\s+fehler|es))?"
           r"(?:\s+(?:now|finally|jetzt|nun|endlich))?\s+(?:by|with|through|via|after|in|using|durch|indem|mit|nach|dank)",
           "Update: solved by importing the root CA into STRUST."),
    Phrase(r"(?:solution|fix)\s+(?:was|were|turned\s+out\s+to\s+be)", "The fix was to restart the ICM."),
    Phrase(r"solution\s+is", "The solution is to import the intermediate certificate."),
    Phrase(r"(?:lösung|loesung)\s+(?:war|waren|ist)", "Die Lösung war ein Neustart des ICM."),
)

FINDING: tuple[Phrase, ...] = (
    Phrase(r"(?:root\s+cause|cause|reason|culprit|issue|problem)\s+(?:was|were|turned\s+out\s+to\s+be)",
           "The problem was the proxy."),
    Phrase(r"(?:root\s+cause|reason|culprit)\s+is", "The root cause is an expired intermediate."),
    Phrase(r"turn(?:ed|s)\s+out(?:\s+(?:that|to\s+be))?", "It turned out the root CA was missing."),
    Phrase(r"(?:ursache|grund)\s+(?:war|waren|ist)", "Die Ursache war der Proxy."),
    Phrase(r"(?:lag|liegt)\s+(?:es\s+)?(?:daran|an|am|an\s+der|an\s+dem)", "Das Problem lag am Zwischenzertifikat."),
    Phrase(r"stellte\s+sich\s+(?:heraus|raus)(?:\s*,?\s*dass)?", "Es stellte sich heraus, dass die Root CA fehlte."),
    Phrase(r"(?:figured|found)\s+out\s+(?:that|why)", "I found out that the root CA was missing in the PSE."),
    Phrase(r"(?:heraus|raus)gefunden\s*,?\s*(?:dass|warum)", "Ich habe herausgefunden, dass die Root CA fehlt."),
)


def alternatives(phrases: tuple[Phrase, ...]) -> str:
    """The phrases as one group of alternatives, each between word boundaries."""
    return "(?:" + "|".join(rf"\b{p.pattern}\b" for p in phrases) + ")"

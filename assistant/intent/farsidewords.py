"""Three readings of what a party on the call's path does with it, in the words of the base.

The admin tells what the other party does, not the error's words:

- the partner does not know our client certificate ("the partner does not know it / has not
  registered it", "der Partner kennt unser Client-Zertifikat nicht", "ist dort nicht
  hinterlegt"): the server refuses the certificate the SAP system presents. SAP's long text of
  SCLNT_HTTP407 asks, when a client certificate is used, to confirm that the server knows it
  (reference sclnt_http_facts.md L135). Who does not know whose certificate decides: the SAP
  side not knowing the server's is an untrusted chain, which this reading leaves alone.
- a proxy that does not let us through ("our user may not be allowed through the proxy", "der
  Proxy lässt unser System nicht raus"): the user has no authorization to go out through the
  proxy, which then refuses (facts L91, with NIECONN_REFUSED showing the proxy's IP; cause
  proxy_refused: "the SAP server's address is not allowed to use the proxy").
- a box that breaks TLS open ("die Firewall bricht SSL auf", "SSL wird am Proxy
  aufgebrochen", "breaks open TLS"): the German everyday word for TLS interception, where a
  TLS-inspecting product shows its own certificate (facts L219, abapGit issue 6720).

Like instancewords.py, each reading found is rendered in those words and appended to what the
router reads (plainwords.english); nothing else of the text changes.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_SENTENCE = re.compile(r"[^.!?\n]+")
# The far side of the call, as the subject of what it does not know.
_FAR = (r"(?:partner|provider|vendor|server|target(?: system)?|remote (?:side|server|host|system)|other side"
        r"|far side|they|bank|api|gegenseite|gegenstelle|anbieter|dienstleister|zielsystem|empf(?:ä|ae)nger)")
_NOT_KNOW = (r"(?:does not|doesn't|do not|don't|did not|didn't|has not|hasn't|have not|haven't|never)"
             r" (?:know|recogni[sz]ed?|registered|register|imported|import|trust|trusted|have|added|add)\b")
_PARTNER_DOES_NOT_KNOW = LazyPattern(
    rf"\b{_FAR}(?:'s)?(?: \w+){{0,2}}? {_NOT_KNOW}"
    rf"|\b(?:is not|isn't|was not|wasn't|are not|aren't|has not been|hasn't been|have not been|never been)"
    rf" (?:known|registered|imported|trusted|uploaded|added)\b[^.!?\n]{{0,30}}?\b{_FAR}\b"
    rf"|\bunknown (?:to|at|on) (?:the |our )?{_FAR}\b"
    rf"|\b{_FAR} kenn\w*\b[^.!?\n]{{0,60}}?\bnicht\b"
    rf"|\b(?:beim|bei der|bei dem|dort|auf der gegenseite)\b[^.!?\n]{{0,40}}?\bnicht (?:hinterlegt|registriert|bekannt"
    rf"|importiert|eingespielt)\b",
    re.IGNORECASE,
    literals=("not", "n't", "never", "unknown", "kenn", "nicht"),
)
_OUR_CERTIFICATE = LazyPattern(
    r"\b(?:client[ -]?cert(?:ificate)?s?|our (?:own )?(?:client )?cert(?:ificate)?s?"
    r"|client-?zertifikat\w*|unser\w* (?:client-?)?zertifikat\w*)\b",
    re.IGNORECASE,
    literals=("client", "our ", "unser"),
)

# A proxy that does not let our user, system or address out.
_OURS = (r"(?:user|users|we|us|our|SAP (?:system|server|host)|system|benutzer|user-?id|uns|unser\w*|wir"
         r"|ip|address|adresse)")
_NOT_LET_THROUGH = (
    # "not allowed through / to use the proxy", not "we are not allowed to change the proxy"
    r"(?:not|n't|never|no longer) (?:be )?(?:allowed|permitted|whitelisted|let)"
    r" (?:to (?:use|pass|go|get|access|connect)|through|out|via|on|at|by|for)\b"
    r"|\b(?:no|without) (?:authori[sz]ation|permission|right) to (?:use|pass|go|get)\b"
    r"|\b(?:does not|doesn't|won't|will not|refuses to) let\b"
    r"|\bl(?:ä|ae)sst\b[^.!?\n]{0,40}?\bnicht (?:durch|raus|hinaus|heraus|ins internet)\b"
    r"|\b(?:keine berechtigung|nicht freigeschaltet|nicht freigegeben|darf nicht (?:über|ueber|durch))\b"
)
_PROXY_REFUSES_US = LazyPattern(
    rf"\b{_OURS}\b[^.!?\n]{{0,40}}?(?:{_NOT_LET_THROUGH})[^.!?\n]{{0,40}}?\bproxy"
    rf"|\bproxy\w*\b[^.!?\n]{{0,30}}?(?:{_NOT_LET_THROUGH})[^.!?\n]{{0,30}}?\b{_OURS}\b"
    # "der Proxy lässt unseren Benutzer nicht raus": what is not let out stands between the verb's parts
    rf"|\bproxy\w*\b[^.!?\n]{{0,30}}?\bl(?:ä|ae)sst\b[^.!?\n]{{0,40}}?\b{_OURS}\b[^.!?\n]{{0,20}}?"
    rf"\bnicht (?:durch|raus|hinaus|heraus|ins internet)\b",
    re.IGNORECASE,
    literals=("proxy",),
)

# TLS broken open on the path: "bricht SSL auf", "SSL wird aufgebrochen", "breaks open TLS".
_TLS = r"(?:SSL|TLS|HTTPS)"
_BROKEN_OPEN = LazyPattern(
    rf"\b(?:bricht|brechen|brach|brachen)\b[^.,;!?\n]{{0,40}}?\b{_TLS}\w*\b[^.,;!?\n]{{0,30}}?"
    rf"\bauf(?=\s*(?:[.,;:!?\n]|$|und\b|and\b))"
    rf"|\b{_TLS}\b[^.!?\n]{{0,40}}?\b(?:aufgebrochen|aufbrechen|aufbricht)\b"
    rf"|\b{_TLS}-?(?:aufbruch|aufbrechen)\b"
    rf"|\bbreak(?:s|ing)? (?:open|up) (?:the )?{_TLS}\b",
    re.IGNORECASE,
    literals=("brech", "brich", "brach", "broch", "break"),
)


def partner_does_not_know_ours(text: str) -> bool:
    """A sentence that names our client certificate and says the far side does not know it."""
    return any(_PARTNER_DOES_NOT_KNOW.search(s.group(0)) and _OUR_CERTIFICATE.search(s.group(0))
               for s in _SENTENCE.finditer(text))


def readings(text: str) -> list[str]:
    """The base's words for the far side's readings the text holds, each once."""
    found = ["client certificate rejected"] if partner_does_not_know_ours(text) else []
    if _PROXY_REFUSES_US.search(text):
        found.append("proxy refused")
    if _BROKEN_OPEN.search(text):
        found.append("SSL interception")
    return found

"""Wording cues for intents, matched on normalised text (lower case, single spaces, padded).

Kept as data so the router's decision order reads like the rules it implements. A cue's
`literals` are strings one of which every match holds: a text without them neither compiles
nor scans the cue (lazyre.LazyPattern).
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

GREETING = LazyPattern(
    r"^ (hi|hello|hey|hallo|hiya|howdy|moin|servus|greetings|yo|good (morning|afternoon|evening|day)) "
)
THANKS = LazyPattern(
    r" (thanks|thank you|thank u|thx|thnx|ty|cheers|many thanks|much appreciated|appreciate it|"
    r"that helped|that worked|works now|solved it|great help"
    # the German (and the Romance) ways the router reads besides English: "danke", "vielen Dank"
    r"|danke|danke schoen|vielen dank|besten dank|merci|gracias|obrigad[oa]|grazie"
    # "it works" at the end thanks; "it works in Postman / every time in the browser /
    # with curl" is a clue about the problem, whatever words follow
    r"|it works(?: now| again| perfectly| great)?(?= $)) "
)
HELP = LazyPattern(
    r"^ (help|usage|commands|menu|h) $| (what can you do|what do you know|how does this work|"
    r"how do i use (you|this)|what are you|who are you|what can i ask|what should i ask|help me|"
    r"show help|need help|^ help) "
)
LIST = LazyPattern(
    r" (list|show|which|what|all|overview|enumerate|known|print)( [a-z0-9]+){0,4} "
    r"(messages|errors|message numbers|codes|numbers|entries) |^ (list|ls|messages|all messages) "
)
# What a list question asks for: messages (a list of them) or entries (of a term it names).
LIST_OF_MESSAGES = LazyPattern(r" (messages|errors|message numbers|codes|numbers) ")
COMPARE = LazyPattern(
    r" (difference|differences|differ|differs|compare|comparison|compared|versus|vs|distinguish|"
    r"same as|similar to|related to each other) ",
    literals=("differ", "compar", "versus", "vs", "distinguish", "same as", "similar to", "related to each other"),
)
# A how-to or where-to question ("how do I import a certificate in STRUST?", "where do I
# set the SNI parameters?"): with a term of the base and no failure, the term's entry answers.
HOW_TO = LazyPattern(
    r" (how (do|can|should|would|could|must) (i|we|you|one) [a-z]+|how to|where (do|can|should|would) (i|we|you|one) |"
    r"where (is|are) |"
    # what a set-up takes: "what do I need to call …", "what is needed to …"
    r"what (do|does|would) (i|we|you|one) (need|have) to |what (is|are) (needed|required) (to|for) |"
    # The same questions in German, as the language forms them: "wie richte ich … ein?", "wo
    # stelle ich … ein?", "wo ist …", "was muss ich tun, damit …", "welche Zertifikate brauche
    # ich?". A leading "kann ich …?" or "muss ich …?" asks yes or no, as "can I …?" and "do I
    # need to restart the ICM?" do (intent.asks), and stays out.
    r"(wie|wo) [a-z]+ (ich|wir|man) |wo (ist|sind) |"
    r"was (muss|muessen|brauche|brauchen|benoetige|benoetigen) (ich|wir|man) |"
    r"welche ([a-z]+ ){1,3}(brauche|brauchen|benoetige|benoetigen|muss|muessen) (ich|wir|man) )",
    literals=("how", "where", "what", "wie", "wo", "was", "welche"),
)
# An imperative to make a call from ABAP ("post JSON to an external API from ABAP", "call an
# OData service from ABAP"): a set-up asked for as a task, with no failure reported beside it.
CALL_FROM_ABAP = LazyPattern(
    r"^ ?(call|consume|invoke|post|send) [^.?!]*\b(from|in|aus) abap\b",
    literals=("call", "consume", "invoke", "post", "send"),
)
# What is to be done, in any modal wording: "what should I do", "what do I need to do", "what
# do we have to do", "what needs to be done", "what must be done" — the fix asked for.
_WHAT_TO_DO = (r"what (should|do|can|must|shall) (i|we|one) ((need|have|got) to )?do"
               r"|what (needs|has|ought) to be done|what (should|must|can|shall) be done")
WHAT_TO_DO = LazyPattern(rf" (?:{_WHAT_TO_DO}) ", literals=("what ",))
# "fixed"/"fixing" are left out on purpose: in a paste they tell a story ("after fixing
# DNS we now get 421"), not a request; "help fixing" and "fixing it" still ask.
FIX = LazyPattern(
    r" (fix|fixes|solve|solving|solution|solutions|resolve (it|this|that|the (issue|error|problem))|repair|"
    r"(help|help with|stuck) fixing|fixing (it|this|that)|"
    r"workaround|remedy|get rid of|correct it|" + _WHAT_TO_DO + "|"
    r"how (do|can|should|would|could|must) (i|we|you|one) (?!mean|say|call|know|read|use you)[a-z]+|"
    r"how to|steps|procedure|"
    r"what to do|next steps|make it work|get it working|help me fix) ",
    literals=("fix", "solv", "solution", "resolve", "repair", "workaround", "remedy", "get rid of", "correct it", "what ",
              "how ", "steps", "procedure", "make it work", "get it working"),
)
CAUSES = LazyPattern(
    r" (why|cause|causes|caused|causing|reason|reasons|root cause|how come|what leads|leads to|"
    r"trigger|triggers|triggered|where does (it|this|that) come from|"
    r"what (could|can|might) be (wrong|the problem|the issue|the cause)|possible causes|"
    r"likely causes|what went wrong) ",
    literals=("why", "caus", "reason", "how come", "leads", "trigger", "where does", "what "),
)
EXPLAIN = LazyPattern(
    r" (what is|what s|whats|what does|what do|what are|meaning|means|explain|explanation|"
    r"definition|describe|tell me about|info on|information about|details|what kind of|"
    # German: "was ist SNI?", "was heißt PSE?" ("bedeutet" reads as "means": german.py);
    # "was ist mit SNI?" asks "what about SNI?" (a follow-up's subject), no term's meaning.
    r"was (ist|sind)(?! mit )|was heisst|wofuer steht|was versteht man unter) ",
    literals=("what", "mean", "expla", "definition", "describe", "tell me about", "info", "details",
              "was ist", "was sind", "was heisst", "wofuer steht", "versteht man unter"),
)
_CHECK_VERBS = ("check", "test", "verify", "probe", "diagnose", "ping", "scan", "analyse", "analyze", "inspect")
CHECK_REQUEST = LazyPattern(
    r"(^ |\b(please|pls|can you|could you|would you|will you|to|and|then|lets|let s|let us|"
    r"go ahead and|just|now|quickly) )(" + "|".join((*_CHECK_VERBS, "try")) + ") ",
    literals=(*_CHECK_VERBS, "try"),
)
# In a report of a failure only a text that opens with the request asks for a check.
CHECK_REQUEST_FIRST = LazyPattern(
    r"^ (please |pls |can you |could you |would you |will you |now |just |quickly )?(" + "|".join(_CHECK_VERBS) + ") ",
    literals=_CHECK_VERBS,
)
CHECK_RUN = LazyPattern(
    r" (run|start|do|perform|launch|execute|rerun|repeat) (a |the |an )?(live |quick |connection |"
    r"network |tls |ssl |handshake |new |another )?(check|test|diagnosis|diagnostic|probe) ",
    literals=("check", "test", "diagnos", "probe"),
)
REACHABLE = LazyPattern(
    r" (reachable|is (it|this|that) (up|down|reachable)|can (we|i|you) reach) ", literals=("reach", " up ", " down ")
)
ANAPHORA = LazyPattern(
    r" (it|this|that|again|there|same|the host|the server|the endpoint|the url|the site|"
    r"the connection|that host|that server|this host|this server|that one|this one) "
)
CONTINUATION = LazyPattern(
    r"^ (and|what about|how about|what of|same for|also|or|and what about|and for|"
    r"and how about|then|but|ok and|okay and|now|und|und was ist mit|was ist mit|und wenn|und bei|aber) "
)
PROXY_WORDS = LazyPattern(
    r" (proxy|proxies|squid|bluecoat|blue coat|x squid error|proxy authenticate) ",
    literals=("prox", "squid", "bluecoat", "blue coat"),
)
# A status that came from somewhere: "from the proxy", "the target returns 401".
_SOURCE = (
    r"(server|target|proxy|api|partner|backend|back end|endpoint|service|host|gateway|"
    r"load balancer|web server|website|site|url|remote side|other side|squid)"
)
HTTP_SOURCE = LazyPattern(
    rf" (from|by) (the |our |their |a |an |that |this )?([a-z0-9]+ )?{_SOURCE} "
    rf"| {_SOURCE} (returns|returned|answers|answered|responds|responded|replies|replied|sends|"
    r"sent|gives|gave|throws|threw) "
)

# A short "yes" to an offered live check (or to the answer's question).
AFFIRMATIVE = LazyPattern(
    r"^\s*(y|yes|yep|yeah|sure|ok|okay|go|go ahead|do it|run it|check it|check|"
    r"please|please do|yes,? please|yes,? check it|yes,? do it|test it)\s*[.!]*\s*$",
    re.IGNORECASE,
)


def is_affirmative(text: str) -> bool:
    return bool(AFFIRMATIVE.match(text))

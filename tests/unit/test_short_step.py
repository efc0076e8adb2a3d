"""`short_step`: a fix step cut to one line for a verdict, never in the middle of a thought."""

from __future__ import annotations

from assistant.answers.verdict import short_step


def test_a_cut_never_leaves_a_parenthesis_open() -> None:
    step = ("Check the library: STRUST → Display (or the trace line). The settings need 8.4.38 or "
            "later (8.4.48+ against old servers; others recommend 8.5.4 or later); update it first "
            "if it is older (a note; another note), and then read everything else that follows here.")
    out = short_step(step, limit=140)
    assert out.count("(") == out.count(")")
    assert out == "Check the library: STRUST → Display (or the trace line)."


def test_a_short_step_is_kept_whole() -> None:
    assert short_step("Use https:// (port 443).") == "Use https:// (port 443)."


def test_every_bundled_first_fix_step_stays_balanced(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    for cause in bundled_kb.causes.values():
        if cause.fix:
            out = short_step(cause.fix[0])
            assert out.count("(") == out.count(")"), (cause.id, out)


def test_a_next_step_cut_at_a_lead_in_says_that_more_follows() -> None:
    # "Set the TLS parameters … (RZ10, or DEFAULT.PFL at OS level): ssl/… = …" cut at its
    # colon had ended mid-thought, with no full stop and the values gone without a sign.
    step = ("Set the TLS parameters from the note in the profile (RZ10, or the default profile at OS level): "
            + "ssl/client_ciphersuites = 918:PFS:HIGH::EC_X25519:EC_P256:EC_HIGH and more values " * 3)
    line = short_step(step, 140)
    assert line.endswith(" …") and "OS level)" in line and not line.endswith(":")
    assert short_step("Restart the ICM. Then test again in SM59 and compare.", 30) == "Restart the ICM."

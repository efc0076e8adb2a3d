"""How a report states a setting's state, read as a careful reader of admins' wording.

The sentences are of two kinds:

- wording from dev reports (tests/eval/real/dev.yaml): azure-sdk-44-ssl-inactive-500
  ('SSL set to "inactive"'), sapcommunity-14429258-drc-sm59-oauth2-strust-then-404
  ("Security Options, SSL Active"; "Create failed: plugin not active"),
  sapmachine-854-tls10-11-disabled-mysql ("TLS protocols are marked as disabled"), a
  report of ADT ("the adt service is active, but the error is still encountered");
- wording built on the screens the admins read it from: SM59 → *Logon & Security* →
  *Security Options*, where "SSL" is set Active or Inactive and the SSL client certificate
  chosen (help.sap.com "Specifying that a connection should use SSL", the source of the
  knowledge base's destination_ssl_inactive); a checkbox named "SSL Active" as people
  name it ("SSL Active unchecked", "SSL Active: X" as an SE16 or a pasted screen shows a
  flag); SICF services activated and deactivated; the German screens' words (aktiv,
  inaktiv, angehakt, gesetzt) and the ways people write a change in time ("was … is now",
  "after setting it to").

Each row: the text and what it states, as (setting, on, works) in order.
"""

from __future__ import annotations

import pytest

from assistant.intent.settingstates import statements

OFF, ON = False, True
FAILS, WORKS = False, True

READINGS: list[tuple[str, list[tuple[str, bool, bool]]]] = [
    # --- a checkbox named for its "on" state: the word after the name is its value ----------
    ("with SSL Active unchecked the call fails with 500", [("ssl", OFF, FAILS)]),
    ("SSL Active is not ticked in the destination", [("ssl", OFF, FAILS)]),
    ("the SSL Active checkbox is unchecked in SM59", [("ssl", OFF, FAILS)]),
    ("SSL Active isn't checked", [("ssl", OFF, FAILS)]),
    ("SSL Active checked, SSL client ANONYM", [("ssl", ON, FAILS)]),
    ("SSL Active: X", [("ssl", ON, FAILS)]),
    ("SSL Active = blank", [("ssl", OFF, FAILS)]),
    ("SSL Active was not set", [("ssl", OFF, FAILS)]),
    ("SSL Active set to inactive", [("ssl", OFF, FAILS)]),
    ("SSL Active cleared and saved, still error 400", [("ssl", OFF, FAILS)]),
    # … greyed out says it cannot be changed, not whether it is on
    ("SSL Active is greyed out in SM59", []),
    # --- SM59's Security Options: SSL set Active or Inactive -----------------------------
    ("SSL: Active", [("ssl", ON, FAILS)]),
    ("SSL: Inactive", [("ssl", OFF, FAILS)]),
    ("SSL Inactive is selected in the destination", [("ssl", OFF, FAILS)]),
    ("Security Options, SSL Active", [("ssl", ON, FAILS)]),
    ('if this configuration is wrong (SSL set to "inactive")', [("ssl", OFF, FAILS)]),
    ("SSL: no", [("ssl", OFF, FAILS)]),
    # --- on/off, enabled/disabled, negations ---------------------------------------------
    ("SNI is enabled and it still fails", [("sni", ON, FAILS)]),
    ("SNI isn't enabled", [("sni", OFF, FAILS)]),
    ("SSL is not active in the destination", [("ssl", OFF, FAILS)]),
    ("SSL in the destination is not active", [("ssl", OFF, FAILS)]),
    ("SSL in SM59 is switched off", [("ssl", OFF, FAILS)]),
    ("the proxy for the destination is not configured", [("proxy", OFF, FAILS)]),
    ("SSL is no longer active since the upgrade", [("ssl", OFF, FAILS)]),
    ("SSL switched off, the call fails with 500", [("ssl", OFF, FAILS)]),
    ("we turned SNI off in the profile", [("sni", OFF, FAILS)]),
    ("Create failed: plugin not active", [("plugin", OFF, FAILS)]),
    ("the TLSv1 and TLSv1.1 TLS protocols are marked as disabled", [("protocol", OFF, FAILS)]),
    ("the adt service is active, but the error is still encountered", [("service", ON, FAILS)]),
    # --- the state someone changed: verb before the setting ------------------------------
    ("I unticked SSL Active and now it works", [("ssl", OFF, WORKS)]),
    ("after unchecking SSL Active it works", [("ssl", OFF, WORKS)]),
    ("we disabled SNI and now it works", [("sni", OFF, WORKS)]),
    ("we enabled SNI but it still fails", [("sni", ON, FAILS)]),
    ("I have not set SSL to active", [("ssl", OFF, FAILS)]),
    # … and advice to make one names no state
    ("untick SSL Active and try again", []),
    ("please check SSL Active in SM59", []),
    ("should I disable SNI?", []),
    ("we set SSL Active and it still fails", [("ssl", ON, FAILS)]),  # "set" is also past
    # --- what works against the failing state --------------------------------------------
    ("with SSL off it works", [("ssl", OFF, WORKS)]),
    ("it does not work with SSL active", [("ssl", ON, FAILS)]),
    ("fails with SSL active, works with SSL inactive", [("ssl", ON, FAILS), ("ssl", OFF, WORKS)]),
    # --- a change in time: the state now, not the state before -----------------------------
    ("SSL was active, now it is inactive and the call fails", [("ssl", OFF, FAILS)]),
    ("SSL was inactive; after setting it to active the call works", [("ssl", ON, WORKS)]),
    ("after setting it to inactive it works", []),  # "it" with no setting stated before
    # --- two settings in one sentence ------------------------------------------------------
    ("SSL and SNI are enabled", [("ssl", ON, FAILS), ("sni", ON, FAILS)]),
    ("SSL active and SNI disabled", [("ssl", ON, FAILS), ("sni", OFF, FAILS)]),
    ("SSL is active but SNI is not enabled", [("ssl", ON, FAILS), ("sni", OFF, FAILS)]),
    ("neither SSL nor SNI is enabled", [("ssl", OFF, FAILS), ("sni", OFF, FAILS)]),
    ("with SSL active or inactive it fails", [("ssl", ON, FAILS), ("ssl", OFF, FAILS)]),
    ("whether SSL is active or not, it fails", [("ssl", ON, FAILS), ("ssl", OFF, FAILS)]),
    ("SSL is currently inactive", [("ssl", OFF, FAILS)]),
    ("the tick at SSL Active is missing", [("ssl", OFF, FAILS)]),
    # --- German -----------------------------------------------------------------------------
    ("SSL ist nicht aktiv", [("ssl", OFF, FAILS)]),
    ("SSL ist in der Destination nicht aktiv", [("ssl", OFF, FAILS)]),
    ("in der Destination ist SSL inaktiv", [("ssl", OFF, FAILS)]),
    ("SNI ist deaktiviert", [("sni", OFF, FAILS)]),
    ("Haken bei SSL aktiv ist nicht gesetzt", [("ssl", OFF, FAILS)]),
    ("SSL aktiv nicht angehakt", [("ssl", OFF, FAILS)]),
    ("Haken bei 'SSL aktiv' fehlt", [("ssl", OFF, FAILS)]),
    ("SSL Aktiv angehakt, trotzdem Fehler 407", [("ssl", ON, FAILS)]),
    ("SSL auf inaktiv gesetzt", [("ssl", OFF, FAILS)]),
    ("mit SSL ausgeschaltet funktioniert es", [("ssl", OFF, WORKS)]),
    ("mit SSL aktiv funktioniert es nicht", [("ssl", ON, FAILS)]),
    ("SSL ist nicht mehr aktiv", [("ssl", OFF, FAILS)]),
    # --- names and prepositions state nothing ----------------------------------------------
    ("is icm/HTTPS/client_sni_enabled needed?", []),
    ("we call the partner with TLS on port 8443", []),
    ("The Create operation on `A_PurchaseOrder` returns HTTP 403", []),  # a name is no end of a phrase
    ("I started off by using the following arguments", []),  # a verb's "off" is no state
    ("found on target system: true", [("system", ON, FAILS)]),  # a flag's value, said of its name
]


@pytest.mark.parametrize(("text", "said"), READINGS, ids=[text[:40] for text, _ in READINGS])
def test_what_a_text_says_a_setting_is(text: str, said: list[tuple[str, bool, bool]]) -> None:
    assert [(s.setting, s.on, s.works) for s in statements(text)] == said

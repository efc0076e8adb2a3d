"""The word-model experiment on the scope (benchmarks/fit_scope_words.py): its tokens must
not carry a project's own names (URL paths, numbers, ids) into the features, a word only one
source uses must not become a feature, and no gate may overrule decisive evidence — a named
SCLNT_HTTP id decides the SAP client's scope with or without a model."""

from __future__ import annotations

from benchmarks._scope_words import (
    GATES,
    KINDS,
    Gate,
    NaiveBayes,
    RuleView,
    select_features,
    tokens,
)

SAP, STATUS, OTHER = "sap_http_client", "http_status_from_server", "other_client"


def _sure_of(kind: str, p: float = 0.99) -> dict[str, float]:
    rest = (1.0 - p) / (len(KINDS) - 1)
    return {k: p if k == kind else rest for k in KINDS}


def test_ids_and_numbers_are_classes_and_url_paths_are_no_words() -> None:
    words = tokens(
        "HTTP error 407 occured: SSSLERR_SSL_READ (-58) with ICM_HTTP_SSL_ERROR, SCLNT_HTTP421 on port 44300; "
        "POST https://Login.Partner.example/oauth2/token/unauthorized"
    )
    assert {"zsclntid", "zicmconst", "zsapsslcode", "zthreedigits", "znum"} <= set(words)
    assert not any(ch.isdigit() for w in words for ch in w)
    assert words.count("znum") == 2  # 58 and 44300; 407 is a three-digit number
    assert {"login", "partner"} <= set(words)  # the server's name stays, lower-cased
    assert not {"oauth", "token", "unauthorized"} & set(words)  # its path is a resource's name


def test_bigrams_pair_neighbouring_tokens() -> None:
    assert tokens("PKIX path building failed", bigrams=True)[-3:] == ["pkix path", "path building", "building failed"]


def test_a_word_only_one_source_uses_is_no_feature() -> None:
    docs = [["acme", "pkix"], ["acme", "pkix"], ["pkix"], ["status"], ["status"]]
    labels = [OTHER, OTHER, OTHER, STATUS, STATUS]
    groups = ["acme-repo", "acme-repo", "other-repo", "a", "b"]
    features = select_features(docs, labels, groups, top_n=10)
    assert "acme" not in features  # perfectly predictive, but one project's word
    assert {"pkix", "status"} <= set(features)


def test_naive_bayes_leans_to_the_kind_its_words_were_seen_with() -> None:
    docs = [["pkix", "java"], ["pkix", "trust"], ["status", "server"], ["status", "answer"]]
    model = NaiveBayes(alpha=1.0, top_n=10).fit(docs, [OTHER, OTHER, STATUS, STATUS], ["a", "b", "c", "d"])
    probs = model.probabilities(["pkix"])
    assert max(probs, key=lambda k: probs[k]) == OTHER


def test_no_gate_overrules_decisive_evidence() -> None:
    named = RuleView(SAP, 1.0, {SAP: 3.0}, 0.9)  # "SCLNT_HTTP407": decisive for the SAP client
    for name in GATES:
        assert Gate(name, 0.5 if name != "log_odds" else 100.0).decide(named, _sure_of(OTHER)) == SAP, name


def test_the_unknown_gate_acts_only_where_the_rules_say_unknown() -> None:
    gate = Gate("unknown", 0.8)
    assert gate.decide(RuleView("unknown", 0.0, {}, 0.9), _sure_of(STATUS)) == STATUS
    assert gate.decide(RuleView(OTHER, 0.0, {OTHER: 1.0}, 0.9), _sure_of(STATUS)) == OTHER
    assert gate.decide(RuleView("unknown", 0.0, {}, 0.9), _sure_of(STATUS, 0.7)) == "unknown"  # below threshold


def test_log_odds_add_to_the_tally_by_their_weight() -> None:
    weak = RuleView(OTHER, 0.5, {OTHER: 1.5, STATUS: 1.0}, 0.9)
    assert Gate("log_odds", 0.05).decide(weak, _sure_of(STATUS, 0.6)) == OTHER
    assert Gate("log_odds", 2.0).decide(weak, _sure_of(STATUS, 0.6)) == STATUS

"""The cross-validation of the router's fit (benchmarks/fit_router.py --cv) and the scope
confusion bench_router.py prints: the folds must keep every source whole (else a fold is
scored by a model that saw its source, and the estimate flatters), and the confusion must
count, not list."""

from __future__ import annotations

from collections import Counter

from benchmarks.fit_router import source_folds
from tests.support.real_eval import Score, confusion_table, load_real


def test_a_source_never_spans_two_folds() -> None:
    sources = [item["source"] for item in load_real("dev")]
    folds = source_folds(sources)
    fold_of: dict[str, int] = {}
    for source, fold in zip(sources, folds, strict=True):
        assert fold_of.setdefault(source, fold) == fold, source


def test_folds_are_balanced_and_deterministic() -> None:
    sources = ["big"] * 10 + ["a"] * 3 + ["b"] * 3 + ["c"] * 2 + ["d"] * 2 + ["e"] * 2 + ["f"]
    folds = source_folds(sources, k=3)
    assert folds == source_folds(sources, k=3)
    sizes = Counter(folds)
    assert sizes[folds[0]] == 10  # the largest source is a fold of its own
    assert sorted(sizes.values()) == [6, 7, 10]


def test_confusion_counts_labelled_against_said() -> None:
    score = Score(confusion={("sap_http_client", "http_status_from_server"): 2, ("other_client", "other_client"): 5})
    table = confusion_table(score)
    assert table[0].split()[:3] == ["labelled", "\\", "said"]
    sap_row = next(line for line in table if line.split()[0] == "sap")
    assert sap_row.split()[1:] == ["0", "2", "0", "0", "0", "0"]
    assert all("unknown" != line.split()[0] for line in table[1:])  # rows without reports are left out

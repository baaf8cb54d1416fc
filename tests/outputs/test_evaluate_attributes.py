"""The scorer's attribute checks: a matched fact whose status, office or stage is wrong is
listed among the errors, so that --errors shows it."""

from __future__ import annotations

from jmgraph.outputs import evaluate


def _visit(status: str, office: str) -> evaluate.Item:
    return evaluate.Item("v1 p1", {"visit": "v1", "names": {"Ren Kato"},
                                   "destination": {"Mongolia"}, "dates": {"2031-05-02"},
                                   "status": {status}, "office": {office}})


def test_evaluate_a_wrong_status_or_office_is_an_error_line() -> None:
    gold = [{"visitor": "KATO", "destination": "Mongolia", "date": "2031-05",
             "office": "Prime Minister", "status": "planned"}]
    right = evaluate.score("visit", gold, [_visit("planned", "Prime Minister of Japan")])
    wrong = evaluate.score("visit", gold, [_visit("occurred", "Minister for Foreign Affairs")])
    assert (right.tp, right.errors) == (1, [])
    assert wrong.tp == 1
    assert [e.split()[0] for e in wrong.errors] == ["STATUS", "OFFICE"]
    assert wrong.attributes == {"status": [False], "office": [False]}


def test_evaluate_a_wrong_stage_is_an_error_line() -> None:
    gold = [{"keywords": ["Partnership Agreement"], "date": "2031-02", "stage": "signed"}]
    item = evaluate.Item("a1", {"labels": {"Economic Partnership Agreement"},
                                "dates": {"2031-02-10"},
                                "stones": [({"2031-02-10"}, {"signed"}, {"planned"})]})
    found = evaluate.score("agreement", gold, [item])
    assert found.tp == 1 and found.attributes == {"stage": [False]}
    assert found.errors[0].startswith("STAGE ") and "got" in found.errors[0]

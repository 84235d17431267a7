"""followup.py (pure): status, overdue, grouping, identity, review, gate, config, history."""

from __future__ import annotations

import pytest

from pmcheck.followup import (FollowupConfigError, add_snapshot, followup_config, gate_failures,
                              make_key, match_score, normalise_text, owner_logins, report,
                              review)
from pmcheck.options import Options

from followup.pm import ROWS, D, items, postmortem

TODAY = D(2026, 3, 1)


def keyed(its):
    return {it.text: it.key for it in its}


def test_overdue_are_open_and_in_progress_items_past_due_by_priority_then_due():
    rows = ROWS + [("Rotate the worker credentials", "@ana", "2026-02-01", "P2", "todo"),
                   ("Drop the legacy queue", "@bo", "2026-01-15", "P3", "deferred")]
    rep = report(items(postmortem(rows)), TODAY)
    assert [(it.line, it.priority, it.days_overdue(TODAY)) for it in rep.overdue] == [
        (14, "P1", 19), (18, "P2", 28), (15, "P2", 9)]
    assert [p for p, _ in rep.groups] == ["P1", "P2"]
    assert (rep.open_count, rep.completed_count, rep.deferred_count) == (4, 1, 1)


def test_due_today_is_not_overdue_and_a_day_later_is():
    its = items(postmortem([("Alert on queue depth", "@ana", "2026-03-01", "P1", "open")]))
    assert report(its, D(2026, 3, 1)).overdue == ()
    assert [it.days_overdue(D(2026, 3, 2)) for it in report(its, D(2026, 3, 2)).overdue] == [1]


def test_items_without_a_parseable_due_date_are_listed_separately():
    rows = [("Alert on queue depth", "@ana", "next sprint", "P1", "open"),
            ("Write the runbook", "@bo", "", "P2", "open"),
            ("Old thing", "@bo", "soon", "P2", "done")]
    rep = report(items(postmortem(rows)), TODAY)
    assert rep.overdue == ()
    assert [(it.line, it.due_raw) for it in rep.undated] == [(14, "next sprint"), (15, None)]


def test_checkbox_items_use_the_box_when_there_is_no_status():
    text = postmortem([]).split("| Action |")[0] + (
        "- [ ] Alert on queue depth (owner: @ana, due: 2026-02-10, P1)\n"
        "- [x] Write the runbook (owner: @bo, due: 2026-02-11, P2)\n")
    its = items(text)
    assert [(it.status, it.days_overdue(TODAY)) for it in its] == [("open", 19), ("completed", None)]


def test_custom_status_words_come_from_options():
    opts = Options(statuses=Options().statuses + (("shipped", "completed"),))
    its = items(postmortem([("Alert on queue depth", "@ana", "2026-02-10", "P1", "shipped")]),
                opts=opts)
    assert its[0].status == "completed"


def test_identity_ignores_other_rows_order_and_lines():
    before = keyed(items(postmortem(ROWS)))
    moved = [ROWS[2], ("A brand new action", "@x", "2026-02-11", "P1", "open"), ROWS[0], ROWS[1],
             ROWS[3]]
    after = keyed(items(postmortem(moved, extra="\nAn extra paragraph.\n\n")))
    for text, key in before.items():
        assert after[text] == key


def test_identity_ignores_case_punctuation_and_markup_but_not_the_path():
    a = make_key("pm/a.md", "Alert on **queue depth**, for the billing worker.", None)
    assert a == make_key("pm/a.md", "alert on queue depth for the  billing worker", None)
    assert a != make_key("pm/b.md", "Alert on queue depth for the billing worker", None)


def test_identity_uses_an_explicit_ticket_when_present():
    a = make_key("pm/a.md", "Alert on queue depth", "OPS-42")
    assert a == make_key("pm/a.md", "Page on queue depth instead", "ops-42")
    assert make_key("pm/a.md", "x", "TBD") == make_key("pm/a.md", "x", None)  # no digits: no id


def test_identical_texts_in_one_postmortem_get_distinct_keys():
    rows = [ROWS[0], ROWS[0]]
    its = items(postmortem(rows))
    assert len({it.key for it in its}) == 2


def test_small_rewording_scores_above_the_fuzzy_threshold_and_a_new_action_below():
    old = normalise_text("Alert on queue depth for the billing worker")
    assert match_score(old, normalise_text("Alert on the queue depth of the billing worker")) >= 0.8
    assert match_score(old, normalise_text("Rotate the database credentials")) < 0.5


def test_owner_logins_skip_teams_and_emails():
    assert owner_logins("@ana, @bo and @acme/sre; ana@example.com") == ("ana", "bo")
    assert owner_logins("Ana Lopez") == ()


def test_gate_fails_on_open_p1_items_whatever_the_due_date():
    rows = [("Alert on queue depth", "@ana", "2026-09-01", "P1", "open"),
            ("Write the runbook", "@bo", "2026-01-01", "P2", "open"),
            ("Done P1", "@bo", "2026-01-01", "P1", "completed")]
    assert [it.line for it in gate_failures(items(postmortem(rows)), ("P1",))] == [14]
    assert gate_failures(items(postmortem(rows[1:])), ("P1",)) == []


def test_review_lists_incidents_30_days_old_with_done_and_open_actions():
    its = items(postmortem(date="2026-02-01"))
    assert review(its, D(2026, 3, 2)) == []  # 29 days
    entry = review(its, D(2026, 3, 3))[0]  # 30 days
    assert entry.date == D(2026, 2, 1)
    assert (len(entry.done), len(entry.deferred), [i.line for i in entry.open]) == (1, 0, [14, 15, 16])


def test_config_defaults_and_values():
    assert followup_config(Options()).budget == 50
    cfg = followup_config(Options(followup={"labels": ["pm-action"], "budget": 5,
                                            "dashboard": True, "gate": ["P1", "P2"]}))
    assert (cfg.base_label, cfg.budget, cfg.dashboard, cfg.gate) == ("pm-action", 5, True,
                                                                      ("P1", "P2"))


@pytest.mark.parametrize("raw, key", [({"budgit": 3}, "followup.budgit"),
                                      ({"budget": -1}, "followup.budget"),
                                      ({"labels": []}, "followup.labels"),
                                      ({"assign": "yes"}, "followup.assign")])
def test_config_errors_name_the_key(raw, key):
    with pytest.raises(FollowupConfigError, match=key.replace(".", r"\.")):
        followup_config(Options(followup=raw))


def test_history_adds_a_point_only_when_counts_change_and_one_per_date():
    h = add_snapshot([], D(2026, 3, 1), 5, 1)
    assert add_snapshot(h, D(2026, 3, 1), 5, 1) == h
    assert add_snapshot(h, D(2026, 3, 8), 5, 1) == h
    h2 = add_snapshot(h, D(2026, 3, 8), 4, 2)
    assert h2 == [("2026-03-01", 5, 1), ("2026-03-08", 4, 2)]
    assert add_snapshot(h2, D(2026, 3, 8), 3, 3)[-1] == ("2026-03-08", 3, 3)

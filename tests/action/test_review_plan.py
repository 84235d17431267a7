"""github.review.plan (pure) and github.client retry policy."""

from __future__ import annotations

from pmcheck.diff import Place, Placed
from pmcheck.findings import Finding, Severity
from pmcheck.github.client import SafeRetry, is_ours, make_retry
from pmcheck.github.review import Existing, comment_body, plan
from pmcheck.github.review_text import fixed_body, merge_edits, parse
from pmcheck.github.safety import markers

SHA = "b" * 40


def f(line, msg="m", sev=Severity.ERROR, rule="blame.blame-word", suggestion=None, end=None):
    return Finding("pm/a.md", line, 1, end or line, rule, rule.split(".")[0], sev, msg,
                   suggestion=suggestion, subject=msg)


def inline(finding, line=None, start=None):
    return Placed(finding, Place.IN_HUNK, line=line or finding.line, start_line=start)


def existing(finding, cid, fixed=False, replied=False):
    fp = finding.fingerprint
    return Existing(cid, () if fixed else (fp,), "body", (fp,) if fixed else (), replied,
                    finding.path)


def test_new_findings_are_posted_existing_ones_not():
    a, b = f(3, "alpha"), f(5, "beta")
    p = plan([inline(a), inline(b)], [existing(a, 11)], SHA)
    assert [c.fp for c in p.post] == [b.fingerprint]
    assert p.post[0].payload["line"] == 5 and p.post[0].payload["side"] == "RIGHT"
    assert p.inline == {a.fingerprint, b.fingerprint} and not p.edit and not p.delete


def test_moved_finding_keeps_its_comment():
    a = f(3, "alpha")
    moved = f(40, "alpha")
    assert plan([inline(moved)], [existing(a, 11)], SHA).post == []


def test_fixed_findings_deleted_or_edited_when_replied():
    gone, talked = f(3, "gone"), f(4, "talked")
    p = plan([], [existing(gone, 1), existing(talked, 2, replied=True)], SHA)
    assert [c.id for c in p.delete] == [1]
    assert [e.comment.id for e in p.edit] == [2] and "Fixed in bbbbbbb" in p.edit[0].body


def test_already_fixed_left_alone_and_revived_when_back():
    back, still = f(3, "back"), f(4, "still gone")
    p = plan([inline(back)], [existing(back, 1, fixed=True), existing(still, 2, fixed=True)],
             SHA)
    assert [e.comment.id for e in p.edit] == [1] and not p.delete and not p.post
    assert parse(p.edit[0].body).live == (back.fingerprint,)


def test_unreadable_file_never_marks_fixed():
    a = f(3, "alpha")
    assert plan([], [existing(a, 1)], SHA, keep_paths=frozenset({"pm/a.md"})).delete == []


def test_limit_counts_existing_comments_and_prefers_errors():
    old = [f(i, f"old {i}") for i in range(1, 4)]
    new = [f(10, "warn", Severity.WARNING), f(11, "err")]
    p = plan([inline(x) for x in old + new], [existing(x, i) for i, x in enumerate(old)],
             SHA, limit=4)
    assert [c.fp for c in p.post] == [new[1].fingerprint]
    assert p.over_limit == {new[0].fingerprint}


def test_only_in_hunk_findings_are_posted():
    a, b = f(3, "a"), f(4, "b")
    p = plan([Placed(a, Place.IN_FILE), Placed(b, Place.ELSEWHERE)], [], SHA)
    assert p.post == [] and p.inline == set()


def test_range_and_suggestion_only_when_the_comment_covers_the_finding():
    fix = f(3, "x", suggestion="The deploy applied ``` a config.", end=4)
    body = comment_body(inline(fix, line=4, start=3))
    assert "````suggestion\nThe deploy applied ``` a config.\n````" in body
    assert "suggestion" not in comment_body(inline(fix, line=3))
    p = plan([inline(fix, line=4, start=3)], [], SHA)
    assert (p.post[0].payload["start_line"], p.post[0].payload["line"]) == (3, 4)


def test_bodies_carry_the_fingerprint_and_inert_text():
    a = f(3, "@alice wrote <!-- pmcheck:fp=0000 -->")
    body = comment_body(inline(a))
    assert markers(body) == {"fp": a.fingerprint} and "@alice" not in body
    fixed = fixed_body([(a.fingerprint, parse(body).texts[a.fingerprint])], SHA)
    assert markers(fixed) == {"fp": a.fingerprint, "state": "fixed"}
    assert parse(fixed).live == () and parse(fixed).fixed == (a.fingerprint,)


class _User:
    def __init__(self, login, kind="Bot"):
        self.login, self.type = login, kind


def test_is_ours():
    assert is_ours("me")(_User("me", "User")) and not is_ours("me")(_User("you"))
    assert is_ours(None)(_User("github-actions[bot]"))
    assert not is_ours(None)(_User("mallory", "User")) and not is_ours(None)(None)


def test_retry_policy_never_replays_a_post_with_unknown_outcome():
    r = make_retry()
    assert isinstance(r, SafeRetry)
    assert not r.is_retry("POST", 502) and r.is_retry("PATCH", 502) and r.is_retry("GET", 503)
    assert r.is_retry("POST", 429) and r.is_retry("DELETE", 500)


# --- one comment per line ------------------------------------------------------------------

def posted(finding, cid, line=None, commit=SHA, others=()):
    """An Existing built from the body pmcheck would post for `finding` (+ `others`)."""
    group = [inline(x) for x in (finding, *others)]
    body = comment_body(group)
    parsed = parse(body)
    return Existing(cid, parsed.live, body, parsed.fixed, False, finding.path,
                    line or finding.line, None, commit)


def test_findings_on_one_line_share_one_comment_with_every_fingerprint():
    owner = f(44, "no owner", rule="actions.owner-missing")
    due = f(44, "bad due", rule="actions.due-invalid")
    prio = f(44, "bad priority", Severity.WARNING, rule="actions.priority-invalid")
    other = f(45, "other line", rule="actions.owner-missing")
    p = plan([inline(x) for x in (owner, due, prio, other)], [], SHA)
    assert [(c.payload["line"], len(c.fps)) for c in p.post] == [(44, 3), (45, 1)]
    body = p.post[0].payload["body"]
    assert parse(body).live == (due.fingerprint, owner.fingerprint, prio.fingerprint)
    assert "3 findings on this line" in body
    assert body.index("bad due") < body.index("no owner") < body.index("bad priority")


def test_a_range_and_a_single_line_ending_there_are_two_comments():
    ranged, single = f(5, "range", end=6), f(6, "single")
    p = plan([inline(ranged, line=6, start=5), inline(single)], [], SHA)
    assert {(c.payload["line"], c.payload.get("start_line")) for c in p.post} == {
        (6, None), (6, 5)}


def test_one_of_a_group_fixed_edits_that_comment_striking_it_through():
    owner, due = f(44, "no owner", rule="actions.owner-missing"), f(44, "bad due")
    old = posted(owner, 9, others=(due,))
    p = plan([inline(due)], [old], "c" * 40)
    assert not p.post and not p.delete and p.inline == {due.fingerprint}
    [edit] = p.edit
    assert edit.comment.id == 9
    after = parse(edit.body)
    assert after.live == (due.fingerprint,) and after.fixed == (owner.fingerprint,)
    assert "✅ Fixed in ccccccc: ~~🔴 **error** `actions.owner-missing`: no owner~~" in edit.body
    # Rerun with the edited comment: nothing more to do.
    again = Existing(9, after.live, edit.body, after.fixed, False, "pm/a.md", 44, None, SHA)
    p2 = plan([inline(due)], [again], "c" * 40)
    assert (p2.post, p2.edit, p2.delete) == ([], [], [])
    # The fixed one comes back: restored in the same comment.
    p3 = plan([inline(due), inline(owner)], [again], "d" * 40)
    assert [e.comment.id for e in p3.edit] == [9] and not p3.post
    assert set(parse(p3.edit[0].body).live) == {due.fingerprint, owner.fingerprint}
    assert parse(p3.edit[0].body).fixed == ()


def test_all_of_a_group_fixed_deleted_or_marked_fixed_when_replied():
    a, b = f(44, "no owner"), f(44, "bad due")
    lone = posted(a, 9, others=(b,))
    assert [c.id for c in plan([], [lone], SHA).delete] == [9]
    talked = Existing(9, lone.fps, lone.body, (), True, "pm/a.md", 44, None, SHA)
    [edit] = plan([], [talked], SHA).edit
    assert parse(edit.body).live == () and set(parse(edit.body).fixed) == {a.fingerprint,
                                                                          b.fingerprint}
    assert edit.body.count("✅ Fixed in bbbbbbb") == 2


def test_new_finding_on_the_line_of_a_comment_joins_it():
    a, late = f(44, "no owner"), f(44, "bad due")
    host = posted(a, 9)
    p = plan([inline(a), inline(late)], [host], SHA)
    assert not p.post and [e.comment.id for e in p.edit] == [9]
    assert p.edit[0].added == {late.fingerprint}
    assert set(parse(p.edit[0].body).live) == {a.fingerprint, late.fingerprint}
    # A comment from an older head may no longer sit on that line: post a new one instead.
    stale = posted(a, 9, commit="e" * 40)
    p = plan([inline(a), inline(late)], [stale], SHA)
    assert [c.fps for c in p.post] == [(late.fingerprint,)] and not p.edit


def test_limit_counts_comments_not_findings():
    lines = [[f(n, f"m{n}-{k}") for k in range(3)] for n in range(1, 6)]
    p = plan([inline(x) for group in lines for x in group], [], SHA, limit=2)
    assert len(p.post) == 2 and sum(len(c.fps) for c in p.post) == 6
    assert len(p.over_limit) == 9


def test_suggestions_of_one_line_merged_or_first_when_they_overlap():
    line = "- 03/04/2026 2:15 PM deploy started"
    date = f(7, "date", rule="metadata.date-invalid",
             suggestion="- 2026-03-04 2:15 PM deploy started")
    time = f(7, "time", rule="timeline.time-not-24h",
             suggestion="- 03/04/2026 14:15 deploy started")
    p = plan([inline(date), inline(time)], [], SHA, original=lambda _p: line)
    assert "```suggestion\n- 2026-03-04 14:15 deploy started\n```" in p.post[0].payload["body"]
    assert ("Suggested change, fixes `metadata.date-invalid`, `timeline.time-not-24h`:"
            in p.post[0].payload["body"])
    assert merge_edits("abc", ["aXc", "aYc"]) is None
    clash = f(7, "clash", suggestion="- nothing")
    body = plan([inline(date), inline(clash)], [], SHA,
                original=lambda _p: line).post[0].payload["body"]
    assert body.count("suggestion\n") == 1


def test_suggestion_fence_outlasts_backticks_and_no_marker_forgery():
    nasty = f(3, "x", suggestion="a ```` b\n````\n@alice <!-- pmcheck:fp=0 -->")
    assert "suggestion" not in comment_body(inline(nasty))  # could forge a marker: not offered
    ticks = f(3, "y", suggestion="run ````` then ```\n")
    body = comment_body(inline(ticks))
    assert "``````suggestion\nrun ````` then ```\n``````" in body
    assert parse(body).live == (ticks.fingerprint,)
    deletion = f(3, "z", suggestion="")
    assert "```suggestion\n```" in comment_body(inline(deletion))


def test_outdated_comment_is_replaced_where_the_finding_now_is():
    """GitHub hides a comment whose line changed (line = null): its finding, still on the diff,
    gets a fresh comment; the old one is deleted, or kept when someone replied."""
    a = f(44, "no owner")
    old = Existing(9, (a.fingerprint,), comment_body(inline(a)), (), False, "pm/a.md", None,
                   None, "e" * 40, outdated=True)
    p = plan([inline(a)], [old], SHA)
    assert [c.fps for c in p.post] == [(a.fingerprint,)] and [c.id for c in p.delete] == [9]
    talked = Existing(9, old.fps, old.body, (), True, "pm/a.md", None, None, "e" * 40,
                      outdated=True)
    p = plan([inline(a)], [talked], SHA)
    assert len(p.post) == 1 and not p.delete and not p.edit
    # Once re-posted, nothing more happens on reruns.
    fresh = Existing(10, old.fps, old.body, (), False, "pm/a.md", 44, None, SHA)
    p = plan([inline(a)], [talked, fresh], SHA)
    assert (p.post, p.edit, p.delete) == ([], [], [])
    # An outdated comment whose finding is no longer on the diff is left as it was.
    assert plan([Placed(a, Place.IN_FILE)], [old], SHA).delete == []


def test_comment_bodies_stay_under_githubs_limit():
    """One over-long comment would make GitHub refuse the whole review."""
    huge = f(3, "x" * 100_000, suggestion="y" * 50_000)
    body = comment_body(inline(huge))
    assert len(body) < 2_000 and "suggestion" not in body and body.count("x") <= 1_000
    crowd = [f(9, f"finding {i} " + "z" * 900, rule=f"blame.r{i:03}") for i in range(120)]
    p = plan([inline(x) for x in crowd], [], SHA)
    [comment] = p.post
    assert len(comment.payload["body"]) <= 60_000 and 1 < len(comment.fps) < 120
    assert p.inline == set(comment.fps)
    assert p.over_limit == {x.fingerprint for x in crowd} - set(comment.fps)


def test_an_edit_is_capped_at_githubs_body_size_like_a_post():
    from dataclasses import replace

    from pmcheck.github.review_text import MAX_BODY

    host = f(3, "first")
    e = replace(existing(host, 1), line=3, commit_id=SHA)
    crowd = [f(3, f"finding {n} " + "x" * 990) for n in range(90)]  # ~90 kB on one line
    p = plan([inline(host)] + [inline(c) for c in crowd], [e], SHA)
    [ed] = p.edit
    assert len(ed.body) <= MAX_BODY and not p.post
    listed = set(parse(ed.body).live)
    assert host.fingerprint in listed and len(listed) < 91
    every = {host.fingerprint} | {c.fingerprint for c in crowd}
    assert p.inline == listed and p.over_limit == every - listed  # none lost from the report

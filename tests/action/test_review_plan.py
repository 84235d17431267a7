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

"""diff.parse_patch and diff.place: every finding marked in-hunk / in-file / elsewhere."""

from __future__ import annotations

import pytest

from pmcheck.diff import FilePatch, PatchError, Place, file_patches, parse_patch, place
from pmcheck.findings import Finding, Severity

PATCH = """\
@@ -1,4 +1,5 @@
 # Title
-old line
+new line 2
+new line 3
 context 4
 context 5
@@ -20,3 +21,3 @@ ## Action items
 context 21
-gone
+added 22
 context 23
\\ No newline at end of file
"""


def finding(line: int, end: int | None = None, path: str = "pm/a.md") -> Finding:
    return Finding(path, line, 1, end or line, "blame.person", "blame", Severity.ERROR, "m")


def test_parse_patch_lines_per_hunk():
    hunks = parse_patch(PATCH)
    assert [(h.new_start, h.new_length) for h in hunks] == [(1, 5), (21, 3)]
    assert hunks[0].added == {2, 3} and hunks[0].context == {1, 4, 5}
    assert hunks[1].added == {22} and hunks[1].context == {21, 23}


def test_new_file_patch_without_length():
    hunks = parse_patch("@@ -0,0 +1 @@\n+only line")
    assert hunks[0].added == {1}


def test_empty_or_missing_patch_has_no_hunks():
    assert parse_patch(None) == () and parse_patch("") == ()


def test_bare_empty_line_inside_hunk_is_context():
    hunks = parse_patch("@@ -1,3 +1,3 @@\n a\n\n+c\n")
    assert hunks[0].context == {1, 2} and hunks[0].added == {3}


def test_garbage_patch_names_file_and_line():
    with pytest.raises(PatchError, match=r"pm/a\.md: patch line 2"):
        parse_patch("@@ -1 +1 @@\n?what", "pm/a.md")


@pytest.mark.parametrize("line,end,expected", [
    (2, None, (Place.IN_HUNK, 2, None)),        # added line
    (4, None, (Place.IN_HUNK, 4, None)),        # context line
    (2, 5, (Place.IN_HUNK, 5, 2)),              # both ends in the same hunk: a range
    (4, 22, (Place.IN_HUNK, 4, None)),          # ends in different hunks: first line only
    (8, 21, (Place.IN_HUNK, 21, None)),         # starts outside: first line in the diff
    (10, None, (Place.IN_FILE, None, None)),    # changed file, line not in the diff
])
def test_place_in_changed_file(line, end, expected):
    patches = {"pm/a.md": FilePatch("pm/a.md", parse_patch(PATCH))}
    [p] = place([finding(line, end)], patches)
    assert (p.place, p.line, p.start_line) == expected


def test_place_marks_and_keeps_every_finding():
    patches = file_patches([{"filename": "pm/a.md", "status": "modified", "patch": PATCH},
                            {"filename": "pm/big.md", "status": "modified"}])
    fs = [finding(2), finding(10), finding(3, path="pm/big.md"), finding(1, path="other.md")]
    placed = place(fs, patches)
    assert [p.finding for p in placed] == fs
    assert [p.place for p in placed] == [Place.IN_HUNK, Place.IN_FILE, Place.IN_FILE,
                                         Place.ELSEWHERE]


def test_full_range_only_when_comment_covers_the_finding():
    patches = {"pm/a.md": FilePatch("pm/a.md", parse_patch(PATCH))}
    single, ranged, partial = place([finding(2), finding(2, 3), finding(4, 22)], patches)
    assert single.full_range and ranged.full_range and not partial.full_range


def test_findings_sharing_a_fingerprint_get_distinct_identities():
    """Two blame words in one sentence: same rule, same subject, same fingerprint."""
    sentence = "Dev carelessly broke it because ops was negligent."
    a = Finding("pm/a.md", 3, 5, 3, "blame.blame-word", "blame", Severity.ERROR,
                '"carelessly" is a judgement', subject=sentence)
    b = Finding("pm/a.md", 3, 40, 3, "blame.blame-word", "blame", Severity.ERROR,
                '"negligent" is a judgement', subject=sentence)
    assert a.fingerprint == b.fingerprint
    placed = place([b, a], file_patches([{"filename": "pm/a.md", "patch": PATCH}]))
    assert [p.ident for p in placed] == [a.fingerprint + "-2", a.fingerprint]
    from pmcheck.github.review import plan
    from pmcheck.github.review_text import parse
    [comment] = plan(placed, [], "a" * 40).post
    assert set(parse(comment.payload["body"]).live) == {p.ident for p in placed}
    assert "carelessly" in comment.payload["body"] and "negligent" in comment.payload["body"]

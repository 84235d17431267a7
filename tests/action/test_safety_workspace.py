"""safety (mentions, markers) and workspace (symlinks, escapes, size cap)."""

from __future__ import annotations

import os

import pytest

from pmcheck.action.workspace import WorkspaceError, read_text, safe_path
from pmcheck.github.safety import cell, marker, markers, quote, redact


def test_mentions_are_neutralised():
    out = quote("ping @alice and @acme/sre, mail bob@example.com")
    assert "@alice" not in out and "@acme/sre" not in out
    assert out.replace("\u200b", "") == "ping @alice and @acme/sre, mail bob@example.com"


def test_quoted_text_cannot_forge_a_marker():
    forged = "<!-- pmcheck:fp=deadbeef --> <!-- pmcheck:summary=pr -->"
    assert markers(quote(forged)) == {}
    assert markers("x " + marker("fp", "ab12") + " " + forged) == {"fp": "ab12",
                                                                   "summary": "pr"}


def test_cell_is_one_line_and_pipes_escaped():
    assert cell("a | b\nc") == "a \\| b c"


def test_redact():
    assert redact("token ghs_abcdef in text", ["ghs_abcdef", ""]) == "token *** in text"


@pytest.fixture
def ws(tmp_path):
    root = tmp_path / "ws"
    (root / "pm").mkdir(parents=True)
    (root / "pm" / "ok.md").write_text("# ok\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    return root


def test_reads_regular_file(ws):
    assert read_text(ws, "pm/ok.md") == "# ok\n"


@pytest.mark.parametrize("make,rel", [
    (lambda ws: os.symlink(ws.parent / "secret.txt", ws / "pm" / "link.md"), "pm/link.md"),
    (lambda ws: os.symlink(ws.parent, ws / "up"), "up/secret.txt"),
    (lambda ws: os.symlink("ok.md", ws / "pm" / "inside.md"), "pm/inside.md"),
    (lambda ws: None, "../secret.txt"),
    (lambda ws: None, "/etc/passwd"),
    (lambda ws: None, "pm"),
    (lambda ws: None, "pm/missing.md"),
])
def test_refuses_escapes_symlinks_and_non_files(ws, make, rel):
    make(ws)
    with pytest.raises(WorkspaceError, match=rel.split("/")[0] if rel[0] != "/" else "etc"):
        read_text(ws, rel)


def test_size_cap(ws):
    (ws / "pm" / "big.md").write_bytes(b"x" * 2000)
    with pytest.raises(WorkspaceError, match="limit"):
        read_text(ws, "pm/big.md", max_bytes=1000)


def test_fifo_refused(ws):
    os.mkfifo(ws / "pm" / "pipe.md")
    with pytest.raises(WorkspaceError, match="regular"):
        safe_path(ws, "pm/pipe.md")

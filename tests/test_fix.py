"""`pmcheck check --fix` / `--diff`: only certain fixes, no other byte touched, idempotent."""

from __future__ import annotations

from click.testing import CliRunner

from pmcheck.cli import cli

SOURCE = ("# Checkout outage\n\nDate: March 14, 2026\n\nThe 2:15 PM deploy was blamed on Dave.\n\n"
          "## Timeline\n\n- 2:15 PM UTC: alerts fired\n- 14:20 UTC: paged\n")
FIXED = ("# Checkout outage\n\nDate: 2026-03-14\n\nThe 2:15 PM deploy was blamed on Dave.\n\n"
         "## Timeline\n\n- 14:15 UTC: alerts fired\n- 14:20 UTC: paged\n")


def run(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def test_fix_rewrites_dates_and_times_but_never_prose(tmp_path):
    f = tmp_path / "pm.md"
    f.write_bytes(SOURCE.encode())
    res = run("--fix", str(f))
    assert f.read_bytes() == FIXED.encode()
    assert "fixed 2 findings in" in res.stderr
    assert "time-not-24h" not in res.stdout and "date-invalid" not in res.stdout
    assert res.exit_code == 1  # the rest (missing sections...) is still reported
    again = run("--fix", str(f))
    assert f.read_bytes() == FIXED.encode() and "fixed" not in again.stderr  # idempotent


def test_fix_keeps_crlf_bom_and_file_mode(tmp_path):
    f = tmp_path / "pm.md"
    data = b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode()
    f.write_bytes(data)
    f.chmod(0o640)
    run("--fix", str(f))
    assert f.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert f.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]  # no temporary file left


def test_diff_prints_the_patch_and_writes_nothing(tmp_path):
    f = tmp_path / "pm.md"
    f.write_bytes(SOURCE.encode())
    res = run("--diff", str(f))
    assert res.exit_code == 1 and f.read_bytes() == SOURCE.encode()
    assert "-Date: March 14, 2026\n+Date: 2026-03-14\n" in res.stdout
    assert "+- 14:15 UTC: alerts fired\n" in res.stdout
    assert "blamed" not in res.stdout.replace(" The 2:15 PM deploy was blamed on Dave.", "")
    f.write_bytes(FIXED.encode())
    clean = run("--diff", str(f))
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_fix_leaves_undecodable_files_alone(tmp_path):
    f = tmp_path / "pm.md"
    data = SOURCE.encode().replace(b"Checkout", b"Check\xffout")
    f.write_bytes(data)
    res = run("--fix", str(f))
    assert f.read_bytes() == data and "not fixed" in res.stderr

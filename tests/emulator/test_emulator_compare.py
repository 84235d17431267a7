"""GET compare/{basehead} as GitHub describes it (github/rest-api-description, operation
repos/compare-commits; docs.github.com/rest/commits/commits#compare-two-commits)."""

from emulator_helpers import PATCH, PM_PATH, REPO

BASE, HEAD = "b" * 40, "c" * 40


def seed(emu, base=BASE, head=HEAD):
    emu.state.add_comparison(base, head, [{"filename": PM_PATH, "patch": PATCH}])


def test_pygithub_compare_reads_files_with_the_query_it_sends(github_emulator, repo):
    seed(github_emulator)
    files = repo.compare(BASE, HEAD).files
    assert [(f.filename, f.additions, f.deletions) for f in files] == [(PM_PATH, 3, 1)]
    req = github_emulator.requests[-1]
    assert req.path == f"{REPO}/compare/{BASE}...{HEAD}" and req.query.get("page") == "1"  # PyGithub 2.x always pages the commits
    assert github_emulator.take_errors() == []


def test_files_only_on_the_first_page(github_emulator, raw):
    seed(github_emulator)
    first = raw("GET", f"{REPO}/compare/{BASE}...{HEAD}?page=1&per_page=100").json()
    second = raw("GET", f"{REPO}/compare/{BASE}...{HEAD}?page=2&per_page=100").json()
    assert [f["filename"] for f in first["files"]] == [PM_PATH] and len(first["commits"]) == 1
    assert "files" not in second and second["commits"] == []
    assert second["total_commits"] == 1
    assert github_emulator.take_errors() == []


def test_page_must_be_an_integer(github_emulator, raw):
    seed(github_emulator)
    r = raw("GET", f"{REPO}/compare/{BASE}...{HEAD}?page=first")
    assert r.status_code == 422
    (error,) = github_emulator.take_errors()
    assert "repos/compare-commits" in error


def test_branch_names_with_slashes(github_emulator, raw):
    seed(github_emulator, "main", "feature/pm-2026")
    r = raw("GET", f"{REPO}/compare/main...feature/pm-2026")
    assert r.status_code == 200 and r.json()["files"][0]["filename"] == PM_PATH
    assert github_emulator.take_errors() == []


def test_unknown_comparison_is_404(github_emulator, raw):
    assert raw("GET", f"{REPO}/compare/{BASE}...{HEAD}").status_code == 404
    assert raw("GET", f"{REPO}/compare/{BASE}..{HEAD}").status_code == 404
    assert github_emulator.take_errors() == []

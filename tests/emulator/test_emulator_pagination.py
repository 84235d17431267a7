"""Link-header pagination: per_page default 30, at most 100, links stay on /repos/... URLs."""

from urllib.parse import parse_qs, urlsplit

from emulator_helpers import REPO
from github_emulator import make_github


def _links(response):
    return {rel: parse_qs(urlsplit(link["url"]).query) | {"path": [urlsplit(link["url"]).path]}
            for rel, link in response.links.items()}


def test_link_header_next_last_prev_first(github_emulator, raw):
    for n in range(7):
        github_emulator.state.add_issue(f"issue {n}")
    first = raw("GET", f"{REPO}/issues", params={"per_page": 3, "state": "all"})
    links = _links(first)
    assert sorted(links) == ["last", "next"]
    assert links["next"] == {"per_page": ["3"], "state": ["all"], "page": ["2"], "path": [f"{REPO}/issues"]}
    assert links["last"]["page"] == ["3"]
    last = raw("GET", f"{REPO}/issues", params={"per_page": 3, "state": "all", "page": 3})
    assert sorted(_links(last)) == ["first", "prev"]
    assert len(last.json()) == 1


def test_default_page_size_is_30_and_maximum_100(github_emulator, raw):
    for n in range(130):
        github_emulator.state.add_label(f"label-{n:03}")
    assert len(raw("GET", f"{REPO}/labels").json()) == 30
    big = raw("GET", f"{REPO}/labels", params={"per_page": 500})
    assert len(big.json()) == 100
    assert _links(big)["last"]["page"] == ["2"]


def test_pygithub_follows_links_through_every_page(github_emulator):
    for n in range(13):
        github_emulator.state.add_issue(f"issue {n}")
    repo = make_github(github_emulator, per_page=3).get_repo("octo-org/postmortems")
    titles = [i.title for i in repo.get_issues(state="all", direction="asc")]
    assert titles == [f"issue {n}" for n in range(13)]
    pages = [r.query.get("page", "1") for r in github_emulator.calls("GET", r"/issues$")]
    assert pages == ["1", "2", "3", "4", "5"]


def test_single_page_has_no_link_header(github_emulator, raw):
    github_emulator.state.add_issue("only")
    assert "Link" not in raw("GET", f"{REPO}/issues").headers

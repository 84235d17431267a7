"""A local GitHub REST emulator for pmcheck's tests, held to GitHub's OpenAPI description.

Fixtures (registered in tests/conftest.py, usable from every test):

``github_emulator`` -> :class:`Emulator` (fresh repository state for each test; the HTTP
server itself is shared by the session)

* ``.url``: base URL for PyGithub (``Github(base_url=emu.url)``) and for GITHUB_API_URL.
* ``.state``: :class:`RepoState`, the one repository ``octo-org/postmortems``
  (``.owner``, ``.name``, ``.default_branch``). Seed it directly (no requests are logged):

  - ``add_pull_request(number=None, head_sha=None, files=[{filename, patch, status}], title=...,
    user="pm-author", head_ref=..., from_fork=False, earlier_shas=[])`` -> pr record;
    ``push(number, head_sha, files=None)`` simulates a new push;
  - ``add_issue(title, body=None, user=MAINTAINER, labels=[], assignees=[], state="open",
    state_reason=None, number=None)`` -> issue record (labels are created when missing);
  - ``add_collaborator(login)``, ``add_user(login)``, ``add_label(name, color, description)``,
    ``add_file(path, text, ref=None)`` (served by GET contents/{path}),
    ``add_token(token, login, writable=True, installation=False)``,
    ``freeze_search()`` (issues created afterwards are invisible to /search/issues: index lag);
  - read back: ``issues`` (number -> record, PRs included, ``is_pull``), ``real_issues()``,
    ``comments_on(n)``, ``reviews_on(n)``, ``review_comments_on(n)``, ``labels``
    (lower-cased name -> record), ``check_runs``, ``collaborators``;
  - the clock ``state.now`` advances one second per write (deterministic timestamps).
* Tokens (module constants): ``RW_TOKEN`` (installation token, read-write, login
  ``BOT_LOGIN`` = "github-actions[bot]"), ``RO_TOKEN`` (installation token of a fork PR:
  every write -> 403 "Resource not accessible by integration"), ``USER_TOKEN`` (a person,
  ``MAINTAINER`` = "pm-maintainer"; GET /user works). Installation tokens get 403 on GET /user.
  No token: reads work, writes are 401. Unknown token: 401 "Bad credentials".
* ``.requests``: list of :class:`LoggedRequest` (``method, path, query, body, status`` plus
  ``operation`` = operationId, ``login``); unpacks as the 5-tuple. Helpers:
  ``calls(method=None, path_regex=None, status=None)``, ``writes()``.
* Faults (each rule is used up after ``times`` matching requests; method may be "*" or
  "WRITE"; path_regex is searched in the path without query):
  ``fail_next(method, path_regex, status, headers=None, times=1, body=None, after_apply=False)``
  (``after_apply=True``: the write happens, then the client gets the error: lost response);
  ``delay_next(method, path_regex, seconds, times=1)``;
  ``rate_limit_next(kind="secondary"|"primary", method="*", path_regex="", times=1,
  status=403|429, retry_after=0, reset_in=0)``;
  ``set_rate_limit(remaining, reset_in=3600, resource="core")`` (a real budget that runs out).
* Contract: every request and response is validated with openapi-core against
  ``/work/shared/github-api/openapi-subset.json``. Violations and requests to operations the
  emulator does not implement are collected in ``.errors`` and FAIL THE TEST at fixture
  teardown (the client also sees 422 "Invalid request" / 501 / 500 with the reason). A test
  that provokes one on purpose calls ``take_errors()`` to claim them.
* ``.counts``: requests_validated, responses_validated, responses_undocumented_status
  (error statuses GitHub sends but the description does not list for that operation, e.g.
  403 on POST labels: their bodies are checked against ``basic-error``).

Helpers: ``make_github(emulator, token=RW_TOKEN, **kw)`` -> PyGithub ``Github`` pointed at the
emulator with seconds_between_requests=None, seconds_between_writes=None and a fast
GithubRetry; ``github_env(emulator, token)`` -> dict of GITHUB_* env vars for subprocess runs.

Facts worth knowing when writing tests against it:

* PyGithub's default ``GithubRetry`` does not retry PATCH (urllib3's default methods plus GET
  and POST); pass ``allowed_methods`` including PATCH in production code. ``make_github``'s
  test retry includes PATCH.
* ``Github(timeout=...)`` must be an int (PyGithub asserts), so a PyGithub timeout test needs
  ``delay_next(..., 1.2)`` with ``timeout=1``; or use a 5xx fault instead.
* A 501 (unimplemented) or 500 (contract violation) is retried by GithubRetry like any 5xx;
  the test still fails at teardown with the named operation.
* Delayed requests still happen after the client gave up (as on GitHub); a delayed request
  that outlives its test is dropped.
* ``POST .../issues/{n}/labels`` accepts a bare JSON array (PyGithub's ``add_to_labels``): the
  array branches Octokit dropped from GitHub's description are restored in memory
  (see contract.py).

Behaviours as GitHub: a review with any comment outside the PR diff (RIGHT = added + context
lines, LEFT = deleted + context) is rejected whole with 422; multi-line comments need both ends
in one hunk; ``commit_id`` must be a commit of the PR; Link-header pagination (per_page default
30, max 100) staying on /repos/... URLs; issue lists include PRs (``pull_request`` key);
non-collaborator assignee on create/update -> 422 (add-assignees silently ignores them);
existing label -> 422 already_exists; issues created with unknown labels create them.
"""

from .api import ApiError
from .server import Emulator, LoggedRequest
from .state import BOT_LOGIN, MAINTAINER, RO_TOKEN, RW_TOKEN, USER_TOKEN, RepoState
from .client import github_env, make_github

__all__ = ["ApiError", "Emulator", "LoggedRequest", "RepoState", "BOT_LOGIN", "MAINTAINER",
           "RO_TOKEN", "RW_TOKEN", "USER_TOKEN", "make_github", "github_env"]

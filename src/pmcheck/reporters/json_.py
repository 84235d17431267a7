"""Machine output; a contract other tools rely on (keys are never renamed, only added).

``{"version": 1, "files_checked": N, "findings": [Finding.to_dict()...],
"suppressed": [Suppression.to_dict()...], "errors": [{"path": ..., "message": ...}...]}``

``errors`` lists what could not be checked (a missing or unreadable file: its path; an error
about no one file, such as a bad `paths` glob: path null); the exit code is then 2.
"""

from __future__ import annotations

import json

VERSION = 1


def to_dict(result) -> dict:
    return {
        "version": VERSION,
        "files_checked": result.files_checked,
        "findings": [f.to_dict() for f in result.findings],
        "suppressed": [s.to_dict() for s in result.suppressed],
        "errors": [error_dict(e) for e in getattr(result, "errors", ())],
    }


def error_dict(error: str) -> dict:
    """{"path", "message"} of one LintResult error (a PathError names its file)."""
    path = getattr(error, "path", None)
    return {"path": path, "message": getattr(error, "message", str(error))}


def render(result) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"

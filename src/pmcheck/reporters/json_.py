"""Machine output; a contract other tools rely on (keys are never renamed, only added).

``{"version": 1, "files_checked": N, "findings": [Finding.to_dict()...],
"suppressed": [Suppression.to_dict()...]}``
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
    }


def render(result) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"

"""What every Action mode hands back to ``pmcheck.action.main``.

A mode does its work, prints its log lines (and workflow commands) to the `out` stream it was
given, and returns a :class:`ModeResult`; main writes the outputs to ``GITHUB_OUTPUT``, appends
the summary to ``GITHUB_STEP_SUMMARY`` and exits with ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class ModeResult:
    # Step outputs, e.g. {"findings": 3, "errors": 1, "warnings": 2}; values are str()-ed.
    outputs: Mapping[str, object] = field(default_factory=dict)
    # Markdown appended to the job summary (main keeps the file under 1 MiB).
    summary: str = ""
    # 0 = pass, 1 = the check failed by fail-on (or gate found an open P1), 2 = usage/setup error.
    exit_code: int = 0

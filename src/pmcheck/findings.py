"""What rules yield (Problem) and what the linter reports (Finding).

A rule is a pure function that yields :class:`Problem` objects. The linter turns each into a
:class:`Finding` by adding the file path, the rule id, its category and the configured severity,
so a user can change a severity without touching a rule.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls(text.strip().lower())


# `--fail-on` / the fail-on input: a severity, or never fail on findings.
FAIL_ON = (Severity.ERROR.value, Severity.WARNING.value, "never")


@dataclass(frozen=True)
class Problem:
    """One defect found by a rule, located in the source (1-based line and column)."""

    line: int
    message: str
    column: int = 1
    end_line: int | None = None
    hint: str = ""
    # Replacement text for lines line..end_line, when the rule knows a concrete fix.
    suggestion: str | None = None
    # The text the finding is about (used for fingerprints that survive line moves).
    subject: str = ""


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    rule: str
    category: str
    severity: Severity
    message: str
    hint: str = ""
    suggestion: str | None = field(default=None, compare=False)
    subject: str = field(default="", compare=False)

    @property
    def fingerprint(self) -> str:
        """Stable identity: rule + path + normalised subject (or message), never the line."""
        import hashlib  # here: OpenSSL's load is a visible share of a one-file run

        basis = normalise(self.subject or self.message)
        digest = hashlib.sha256(f"{self.rule}\0{self.path}\0{basis}".encode()).hexdigest()
        return digest[:16]

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s@/.-]")


def normalise(text: str) -> str:
    """Lower-case, drop punctuation and collapse whitespace, so cosmetic edits keep identity."""
    return _WS.sub(" ", _PUNCT.sub("", text.lower())).strip()


@dataclass(frozen=True)
class Suppression:
    """A disable comment that silenced at least one finding, or was declared."""

    path: str
    line: int
    rule: str
    reason: str
    kind: str  # "disable" | "disable-next-line" | "disable-line"

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "rule": self.rule,
                "reason": self.reason, "kind": self.kind}

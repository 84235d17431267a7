"""Validation of a loaded ``.pmcheck.yml`` into Options (pure; config.py loads the YAML).

Works on ruamel's round-trip containers only through their ``.lc`` line information, so
every error names the line: ``config: .pmcheck.yml:12: "due-policy.P4" is not a priority;
known priorities: P1, P2, P3``.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any

from pmcheck.findings import Severity
from pmcheck.options import DATE_ORDERS, DEFAULT_STATUSES, Options, RuleSetting
from pmcheck.template import PRESETS, SECTION_NAMES, Template

CANONICAL_STATUSES = ("open", "in_progress", "completed", "deferred")
LEVELS = tuple(s.value for s in Severity)
KEYS = ("paths", "exclude", "extensions", "template", "severities", "priorities", "sprint-days", "due-policy",
        "statuses", "teams", "internal-names", "external-paths", "publish-business-days",
        "min-whys", "date-order", "rules", "blame", "followup", "fail-on", "since",
        "only-changed-lines", "extends")
ADOPTION_KEYS = ("fail-on", "since", "only-changed-lines")
TEMPLATE_KEYS = ("extends", "required", "aliases", "order", "external-required")


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the whole user-facing message."""

    def __init__(self, source: str, line: int, message: str):
        self.source, self.line, self.message = source, line, message
        super().__init__(f"config: {source}:{line}: {message}")


def validate(data: Any, source: str) -> Options:
    """Options from a loaded mapping; ConfigError on the first unknown key or bad value."""
    v = _Validator(source)
    v.known_keys(data, "", KEYS)
    return v.options(data)


class Line(int):
    """A line number that also knows its file (a key merged in from an ``extends:`` file);
    `source` None: the file being validated."""

    source: str | None = None

    @classmethod
    def at(cls, number: int, source: str | None) -> "Line":
        out = cls(number)
        out.source = source
        return out


def _key_line(m: Any, key: Any) -> int:
    from pmcheck.config_extends import origin

    try:
        number = m.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        number = m.lc.line + 1 if hasattr(m, "lc") and m.lc.line is not None else 1
    return Line.at(number, origin(m, key))


def _item_line(seq: Any, index: int, fallback: int) -> int:
    from pmcheck.config_extends import node_source

    try:
        return Line.at(seq.lc.item(index)[0] + 1, node_source(seq))
    except (AttributeError, KeyError, TypeError, IndexError):
        return fallback


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


class _Validator:
    """Turns the loaded mapping into Options; every check raises ConfigError with a line."""

    def __init__(self, source: str):
        self.source = source

    def known_keys(self, m: Any, prefix: str, known) -> None:
        """Fail at the first key of mapping `m` not in `known` (with a did-you-mean)."""
        for key in m:
            if key not in known:
                self.fail(_key_line(m, key), f'unknown key "{prefix}{key}"'
                          f"{_did_you_mean(key, known)}; known keys: {', '.join(known)}")

    def fail(self, line: int, message: str) -> None:
        raise ConfigError(getattr(line, "source", None) or self.source, int(line), message)

    # -- scalar helpers -------------------------------------------------------------------------

    def strings(self, value: Any, where: str, line: int, allow_single: bool = True
                ) -> tuple[str, ...]:
        if isinstance(value, str) and allow_single:
            value = [value]
        if not isinstance(value, list):
            self.fail(line, f'"{where}" must be a list of strings, e.g. {where}: [a, b]')
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, (str, int)) or isinstance(item, bool) or str(item) == "":
                self.fail(_item_line(value, i, line), f'"{where}" item {i + 1} must be a '
                          "non-empty string")
            out.append(str(item).strip())
        return tuple(out)

    def integer(self, value: Any, where: str, line: int, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(line, f'"{where}" must be a whole number of at least {minimum}, '
                      f"got {value!r}")
        return value

    def mapping(self, value: Any, where: str, line: int) -> Any:
        if not isinstance(value, dict):
            self.fail(line, f'"{where}" must be a mapping (key: value lines indented below it)')
        return value

    # -- the whole file ---------------------------------------------------------------------------

    def options(self, data: Any) -> Options:
        opts = Options()
        changes: dict[str, Any] = {}
        for key, field_name in (("paths", "paths"), ("severities", "severities"),
                                ("priorities", "priorities"), ("teams", "teams"),
                                ("internal-names", "internal_names"),
                                ("external-paths", "external_paths"),
                                ("exclude", "exclude"), ("extensions", "extensions")):
            if key in data:
                changes[field_name] = self.strings(data[key], key, _key_line(data, key))
                if key in ("paths", "severities", "priorities") and not changes[field_name]:
                    self.fail(_key_line(data, key), f'"{key}" must list at least one value')
        for i, pattern in enumerate(changes.get("paths", ())):
            if pattern.startswith(("/", "\\")) or (len(pattern) > 1 and pattern[1] == ":"):
                self.fail(_item_line(data["paths"], i, _key_line(data, "paths")),
                          f'"paths" item {pattern!r} is absolute; write globs relative to the '
                          "directory holding .pmcheck.yml, e.g. postmortems/**/*.md")
        if "extensions" in changes:
            exts = tuple(e if e.startswith(".") else f".{e}" for e in
                         (x.strip().lower() for x in changes["extensions"]) if e)
            if not exts:
                self.fail(_key_line(data, "extensions"),
                          '"extensions" must list at least one, e.g. [.md, .markdown]')
            changes["extensions"] = exts
        if "template" in data:
            changes["template"] = self.template(data["template"], _key_line(data, "template"))
        for key, field_name, minimum in (("sprint-days", "sprint_days", 1),
                                         ("publish-business-days", "publish_business_days", 0),
                                         ("min-whys", "min_whys", 1)):
            if key in data:
                changes[field_name] = self.integer(data[key], key, _key_line(data, key),
                                                   minimum)
        if "date-order" in data:
            changes["date_order"] = self.date_order(data["date-order"],
                                                    _key_line(data, "date-order"))
        priorities = changes.get("priorities", opts.priorities)
        sprint = changes.get("sprint_days", opts.sprint_days)
        if "due-policy" in data:
            changes["due_policy"] = self.due_policy(data["due-policy"], _key_line(data, "due-policy"), priorities)
        else:
            changes["due_policy"] = derive_due_policy(priorities, sprint)
        if "statuses" in data:
            changes["statuses"] = self.statuses(data["statuses"], _key_line(data, "statuses"))
        if "rules" in data:
            changes["rules"] = self.rules(data["rules"], _key_line(data, "rules"))
        if "blame" in data:
            changes.update(self.blame(data["blame"], _key_line(data, "blame")))
        if "followup" in data:
            changes["followup"] = self.followup(data["followup"], _key_line(data, "followup"),
                                                 priorities)
        if any(k in data for k in ADOPTION_KEYS):
            changes["adoption"] = self.adoption(data)
        return replace(opts, **changes)

    def date_order(self, value: Any, line: int) -> str:
        text = str(value).strip().lower() if isinstance(value, str) else None
        if text not in DATE_ORDERS:
            self.fail(line, f'"date-order" must be one of {", ".join(DATE_ORDERS)} '
                      f"(dmy: 07-08-2023 is 7 August), got {value!r}")
        return text

    # -- structured keys --------------------------------------------------------------------------

    def template(self, value: Any, line: int) -> Template:
        if isinstance(value, str):
            return self.preset(value, line)
        m = self.mapping(value, "template", line)
        self.known_keys(m, "template.", TEMPLATE_KEYS)
        base = self.preset(m.get("extends", "default"), _key_line(m, "extends"))
        aliases = dict(base.aliases)
        if "aliases" in m:
            am = self.mapping(m["aliases"], "template.aliases", _key_line(m, "aliases"))
            for key in am:
                names = self.strings(am[key], f"template.aliases.{key}", _key_line(am, key))
                slug = str(key).strip().lower()
                aliases[slug] = aliases.get(slug, ()) + names
        probe = replace(base, aliases=tuple(aliases.items()), _lookup={})
        fields: dict[str, Any] = {"aliases": probe.aliases}
        for key, field_name in (("required", "required"),
                                ("external-required", "external_required")):
            if key in m:
                fields[field_name] = self.sections(m[key], f"template.{key}",
                                                   _key_line(m, key), probe)
        if "order" in m:
            fields["order"] = self.order(m["order"], _key_line(m, "order"), probe)
        return replace(base, _lookup={}, **fields)

    def preset(self, name: Any, line: int) -> Template:
        if str(name) not in PRESETS:
            self.fail(line, f'"{name}" is not a template preset{_did_you_mean(name, PRESETS)};'
                      f" known presets: {', '.join(PRESETS)}")
        return PRESETS[str(name)]

    def section_key(self, name: str, where: str, line: int, probe: Template) -> str:
        slug = name.strip().lower()
        if slug in SECTION_NAMES or slug in dict(probe.aliases):
            return slug
        key = probe.resolve(name)
        if key is None:
            known = sorted(set(SECTION_NAMES) | set(dict(probe.aliases)))
            self.fail(line, f'"{where}": "{name}" is not a known section; use a section key '
                      f"({', '.join(known)}) or add it under template.aliases")
        return key

    def sections(self, value: Any, where: str, line: int, probe: Template) -> tuple[str, ...]:
        names = self.strings(value, where, line, allow_single=False)
        return tuple(self.section_key(n, where, _item_line(value, i, line), probe)
                     for i, n in enumerate(names))

    def order(self, value: Any, line: int, probe: Template) -> tuple[tuple[str, str], ...]:
        """A list of keys (one sequence) or a list of lists (several); all pairs i < j."""
        if not isinstance(value, list) or not value:
            self.fail(line, '"template.order" must be a list of section keys in order, or a '
                      "list of such lists")
        seqs = value if all(isinstance(v, list) for v in value) else [value]
        pairs: list[tuple[str, str]] = []
        for s in seqs:
            keys = self.sections(s, "template.order", _item_line(value, 0, line), probe)
            pairs += [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]
        return tuple(pairs)

    def due_policy(self, value: Any, line: int, priorities: tuple[str, ...]
                   ) -> tuple[tuple[str, int], ...]:
        m = self.mapping(value, "due-policy", line)
        out = []
        for key in m:
            kl = _key_line(m, key)
            if str(key) not in priorities:
                self.fail(kl, f'"due-policy.{key}" is not a priority; known priorities: '
                          f"{', '.join(priorities)}")
            out.append((str(key), self.integer(m[key], f"due-policy.{key}", kl, 1)))
        return tuple(out)

    def statuses(self, value: Any, line: int) -> tuple[tuple[str, str], ...]:
        m = self.mapping(value, "statuses", line)
        table = dict(DEFAULT_STATUSES)
        for key in m:
            kl = _key_line(m, key)
            if key not in CANONICAL_STATUSES:
                self.fail(kl, f'"statuses.{key}" is not a status; map aliases to one of: '
                          f"{', '.join(CANONICAL_STATUSES)}")
            for alias in self.strings(m[key], f"statuses.{key}", kl):
                table[alias.lower()] = key
        return tuple(table.items())

    def rules(self, value: Any, line: int) -> tuple[tuple[str, RuleSetting], ...]:
        from pmcheck.rules import CATEGORIES, all_rules

        m = self.mapping(value, "rules", line)
        known = [r.id for r in all_rules()]
        out = []
        for key in m:
            kl = _key_line(m, key)
            if key not in known and key not in CATEGORIES:
                self.fail(kl, f'"rules.{key}" is not a rule id or category'
                          f"{_did_you_mean(key, known + list(CATEGORIES))}; "
                          "`pmcheck rules` lists them")
            out.append((str(key), self.rule_setting(m[key], f"rules.{key}", kl)))
        return tuple(out)

    def rule_setting(self, value: Any, where: str, line: int) -> RuleSetting:
        if value is True or value == "on":
            return RuleSetting(enabled=True)
        if value is False or value == "off":
            return RuleSetting(enabled=False)
        if isinstance(value, str) and value.lower() in LEVELS:
            return RuleSetting(enabled=True, severity=value.lower())
        if isinstance(value, dict):
            for k in value:
                if k not in ("enabled", "severity"):
                    self.fail(_key_line(value, k), f'unknown key "{where}.{k}"; use '
                              "enabled: true|false and severity: error|warning|info")
            enabled = value.get("enabled", True)
            if not isinstance(enabled, bool):
                self.fail(_key_line(value, "enabled"), f'"{where}.enabled" must be true or false')
            sev = value.get("severity")
            if sev is not None and str(sev).lower() not in LEVELS:
                self.fail(_key_line(value, "severity"), f'"{where}.severity" must be one of: '
                          f"{', '.join(LEVELS)}")
            return RuleSetting(enabled=enabled, severity=str(sev).lower() if sev else None)
        self.fail(line, f'"{where}" must be off, on, error, warning, info or a mapping with '
                  f"enabled/severity; got {value!r}")
        raise AssertionError  # unreachable

    def blame(self, value: Any, line: int) -> dict[str, Any]:
        m = self.mapping(value, "blame", line)
        out: dict[str, Any] = {}
        self.known_keys(m, "blame.", ("allow", "extra", "self-hindsight"))
        for key in m:
            if key == "self-hindsight":
                if not isinstance(m[key], bool):
                    self.fail(_key_line(m, key), '"blame.self-hindsight" must be true or '
                              f"false; got {m[key]!r}")
                out["blame_self_hindsight"] = m[key]
                continue
            out[f"blame_{key}"] = self.strings(m[key], f"blame.{key}", _key_line(m, key))
        return out

    def adoption(self, data: Any):
        """fail-on (a level or a mapping of category / rule id -> level), since, and
        only-changed-lines; an error names the line of the entry at fault."""
        from pmcheck.adoption import AdoptionError, from_config

        try:
            return from_config(data, known_rule_or_category)
        except AdoptionError as exc:
            m = data.get("fail-on") if exc.key not in ADOPTION_KEYS else None
            line = (_key_line(m, exc.key) if isinstance(m, dict) and exc.key in m
                    else _key_line(data, exc.key if exc.key in data else "fail-on"))
            self.fail(line, str(exc))

    def followup(self, value: Any, line: int, priorities: tuple[str, ...]) -> dict:
        """The follow-up mode's settings, checked here once like every other key: unknown keys
        (with a did-you-mean) and bad values, each at its own line."""
        from pmcheck.followup import KNOWN_KEYS, FollowupConfigError, followup_config

        m = self.mapping(value, "followup", line)
        self.known_keys(m, "followup.", KNOWN_KEYS)
        try:
            followup_config(Options(followup=plain(m), priorities=priorities,
                                    source=self.source))
        except FollowupConfigError as exc:
            self.fail(_key_line(m, exc.key), f'"followup.{exc.key}": {exc.problem}')
        return plain(m)


def known_rule_or_category(key: str) -> bool:
    from pmcheck.rules import CATEGORIES, all_rules

    return key in CATEGORIES or any(r.id == key for r in all_rules())


def plain(value: Any) -> Any:
    """ruamel containers -> plain dict / list, recursively."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def derive_due_policy(priorities: tuple[str, ...], sprint_days: int
                      ) -> tuple[tuple[str, int], ...]:
    """Half a sprint for the first priority, then a sprint, two sprints, four...

    With the defaults (P1, P2, P3 and 14 days) this gives P1=7, P2=14, P3=28.
    """
    return tuple((p, max(1, sprint_days // 2) if i == 0 else sprint_days * 2 ** (i - 1))
                 for i, p in enumerate(priorities))

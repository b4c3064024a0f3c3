"""Reader for the structured index format: one schema, written as YAML, JSON or TOML.

The schema is published as ``sphinxext_rai/data/index.schema.json``. A bad service or
document is reported with its path (and line and column where the format has them) and
left out; everything else still loads.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

from ..core.dates import parse_date
from ..core.kinds import Kind, infer_kind, parse_kind
from ..core.model import Guidance, Provenance, Service
from ..core.names import slugify
from ..core.problems import Location, Problem
from ..core.urls import DEFAULT_BASE_URL, UnsafeURLError, resolve
from .common import (
    MAX_DEPTH,
    ReadResult,
    build_service,
    clean_text,
    finish,
    sha256,
    text_problem,
)
from .yamlsafe import Loaded, Path, YamlError, load_yaml

FORMATS = frozenset({"yaml", "json", "toml"})
SCHEMA_VERSION = "1"

_TOP_KEYS = frozenset(
    {
        "$schema",
        "schema",
        "title",
        "source",
        "date",
        "sha256",
        "heading",
        "base_url",
        "page_url",
        "services",
    }
)
_SERVICE_KEYS = frozenset(
    {"name", "slug", "family", "category", "aliases", "description", "mode", "guidance"}
)
_GUIDANCE_KEYS = frozenset({"label", "kind", "url"})
#: JSON has no positions of its own; up to this size they are always found (for messages
#: about services that loaded), beyond it only when a problem needs one.
EAGER_POSITIONS_CHARS = 256 * 1024
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: In JSON but refused by libyaml: escaped surrogates (an emoji is written as a pair of
#: them, "\\ud83d\\ude00") and the noncharacters U+FFFE and U+FFFF.
_YAML_REFUSES = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|[\ufffe\uffff]")


class _RejectedEntryError(Exception):
    """One entry is unusable; it is reported and skipped."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_structured(
    text: str,
    fmt: str,
    *,
    source: str = "<string>",
    raw: bytes | None = None,
    base_url: str = DEFAULT_BASE_URL,
) -> ReadResult:
    """Read a YAML, JSON or TOML index."""
    try:
        loaded = _LOADERS[fmt](text, source)
    except YamlError as err:
        return ReadResult.failed(err.problem)
    return _Builder(loaded, source, base_url).build(raw if raw is not None else text.encode())


class _Builder:
    """Walks the loaded document, validating as it builds services."""

    def __init__(self, loaded: Loaded, source: str, base_url: str) -> None:
        self.loaded = loaded
        self.source = source
        self.base_url = base_url
        self.problems: list[Problem] = []

    def at(self, path: Path) -> Location:
        """The location of the value at *path*, as precise as the format allows."""
        positions = self.loaded.positions
        while path not in positions and path:
            path = path[:-1]
        line, column = positions.get(path, (None, None))
        return Location(self.source, line, column)

    def recorded_at(self, path: Path) -> Location:
        """Where a service that loaded fine is (for later messages): precise when that costs
        nothing; a large JSON file only names the file unless a problem needed positions."""
        if self.loaded.known_positions is None and not self.loaded.small:
            return Location(self.source)
        return self.at(path)

    def build(self, raw: bytes) -> ReadResult:
        data = self.loaded.value
        if data is None or data == {}:
            return ReadResult.failed(
                Problem("index file is empty; it defines no services", "empty", self.at(()))
            )
        if not self.loaded.depth_checked and _depth(data) > MAX_DEPTH:
            return ReadResult.failed(
                Problem(f"nested deeper than {MAX_DEPTH} levels", "limit", self.at(()))
            )
        if not isinstance(data, dict):
            return ReadResult.failed(
                Problem(
                    "an index file must be a mapping with a 'services' list", "schema", self.at(())
                )
            )
        self._check_keys(data, _TOP_KEYS, ())
        version = data.get("schema", SCHEMA_VERSION)
        if str(version) != SCHEMA_VERSION:
            self.problems.append(
                Problem(
                    f"unsupported schema version {version!r}; expected {SCHEMA_VERSION!r}",
                    "schema",
                    self.at(("schema",)),
                )
            )
        top = {
            k: self._optional_text(data, k, ())
            for k in ("title", "source", "date", "sha256", "heading", "base_url", "page_url")
        }
        if top["base_url"]:
            self.base_url = top["base_url"]
        self.page_url = top["page_url"] or None
        date = top["date"]
        day = parse_date(date) if date else None
        if date and day is None:
            self.problems.append(
                Problem(f"date {date!r} is not a date (YYYY-MM-DD)", "schema", self.at(("date",)))
            )
        provenance = Provenance(
            source=top["source"] or self.source,
            title=top["title"],
            date=day.isoformat() if day else None,
            sha256=top["sha256"] or sha256(raw),
            heading=top["heading"],
        )
        services: list[Service] = []
        entries = data.get("services")
        if entries is None:
            self.problems.append(Problem("missing required key 'services'", "schema", self.at(())))
        elif not isinstance(entries, list):
            self.problems.append(
                Problem("'services' must be a list", "schema", self.at(("services",)))
            )
        else:
            for i, entry in enumerate(entries):
                try:
                    services.append(self._service(entry, ("services", i)))
                except _RejectedEntryError as err:
                    self.problems.append(err.problem)
        return finish(services, provenance, self.problems, self.source)

    def _service(self, entry: Any, path: Path) -> Service:
        if not isinstance(entry, dict):
            raise _RejectedEntryError(
                Problem(f"{_dotted(path)}: a service must be a mapping", "schema", self.at(path))
            )
        self._check_keys(entry, _SERVICE_KEYS, path)
        name = self._required_text(entry, "name", path)
        slug = self._optional_text(entry, "slug", path)
        if slug and not _SLUG.match(slug):
            raise _RejectedEntryError(
                Problem(
                    f"{_dotted((*path, 'slug'))}: {slug!r} is not a slug (lowercase letters, "
                    f"digits and single hyphens), e.g. {slugify(name)!r}",
                    "schema",
                    self.at((*path, "slug")),
                )
            )
        mode = self._optional_text(entry, "mode", path) or "replace"
        if mode not in ("replace", "extend", "update"):
            raise _RejectedEntryError(
                Problem(
                    f"{_dotted((*path, 'mode'))}: expected 'replace', 'extend' or 'update', got "
                    f"{mode!r}",
                    "schema",
                    self.at((*path, "mode")),
                )
            )
        aliases = self._text_list(entry, "aliases", path)
        guidance: list[Guidance] = []
        docs = entry.get("guidance", [])
        if not isinstance(docs, list):
            raise _RejectedEntryError(
                Problem(
                    f"{_dotted((*path, 'guidance'))}: expected a list",
                    "schema",
                    self.at((*path, "guidance")),
                )
            )
        for j, doc in enumerate(docs):
            try:
                guidance.append(self._guidance(doc, (*path, "guidance", j)))
            except _RejectedEntryError as err:
                self.problems.append(err.problem)
        family = self._optional_text(entry, "family", path)
        return build_service(
            name,
            guidance,
            slug=slug or None,
            family=family or None,
            category=self._optional_text(entry, "category", path) or None,
            aliases=aliases,
            description=self._optional_text(entry, "description", path),
            mode=mode,
            location=self.recorded_at(path),
        )

    def _guidance(self, doc: Any, path: Path) -> Guidance:
        if not isinstance(doc, dict):
            raise _RejectedEntryError(
                Problem(
                    f"{_dotted(path)}: a guidance document must be a mapping",
                    "schema",
                    self.at(path),
                )
            )
        self._check_keys(doc, _GUIDANCE_KEYS, path)
        label = self._required_text(doc, "label", path) if "label" in doc else ""
        target = self._required_text(doc, "url", path)
        try:
            url = resolve(target, base_url=self.base_url, page_url=self.page_url)
        except UnsafeURLError as err:
            raise _RejectedEntryError(
                Problem(
                    f"{_dotted(path)} ({label!r}) dropped: {err}", "url", self.at((*path, "url"))
                )
            ) from None
        kind_text = self._optional_text(doc, "kind", path)
        if kind_text:
            kind = parse_kind(kind_text)
            if kind is None:
                known = ", ".join(k.value for k in Kind)
                raise _RejectedEntryError(
                    Problem(
                        f"{_dotted((*path, 'kind'))}: unknown kind {kind_text!r}; expected one of "
                        f"{known}",
                        "schema",
                        self.at((*path, "kind")),
                    )
                )
        else:
            kind = infer_kind(label, url)
            if kind is Kind.OTHER:
                self.problems.append(
                    Problem(
                        f"{_dotted(path)}: cannot tell the kind of document {label or url!r}; "
                        "using 'other' (set 'kind' to say which)",
                        "label",
                        self.at(path),
                    )
                )
        return Guidance(label=label, kind=kind, url=url)

    def _required_text(self, entry: dict[str, Any], key: str, path: Path) -> str:
        if key not in entry:
            raise _RejectedEntryError(
                Problem(f"{_dotted(path)}: missing required key {key!r}", "schema", self.at(path))
            )
        return self._text(entry[key], (*path, key))

    def _optional_text(self, entry: dict[str, Any], key: str, path: Path) -> str:
        if key not in entry:
            return ""
        try:
            return self._text(entry[key], (*path, key))
        except _RejectedEntryError as err:
            self.problems.append(err.problem)
            return ""

    def _text(self, value: Any, path: Path) -> str:
        if not isinstance(value, str):
            raise _RejectedEntryError(
                Problem(
                    f"{_dotted(path)}: expected a string, got {_type_name(value)}",
                    "schema",
                    self.at(path),
                )
            )
        if path[-1] == "url":  # a link target: resolve() checks it, naming the document
            return value
        if text_problem(value, "", None) is not None:  # named and located only when needed
            invalid = text_problem(value, _dotted(path), self.at(path))
            assert invalid is not None
            raise _RejectedEntryError(invalid)
        return clean_text(value)

    def _text_list(self, entry: dict[str, Any], key: str, path: Path) -> list[str]:
        values = entry.get(key, [])
        if not isinstance(values, list):
            self.problems.append(
                Problem(
                    f"{_dotted((*path, key))}: expected a list of strings",
                    "schema",
                    self.at((*path, key)),
                )
            )
            return []
        result: list[str] = []
        for i, value in enumerate(values):
            try:
                result.append(self._text(value, (*path, key, i)))
            except _RejectedEntryError as err:
                self.problems.append(err.problem)
        return result

    def _check_keys(self, entry: dict[str, Any], allowed: frozenset[str], path: Path) -> None:
        for key in entry:
            if key not in allowed:
                self.problems.append(
                    Problem(
                        f"{_dotted((*path, key))}: unknown key {key!r}; expected one of "
                        f"{', '.join(sorted(allowed))}",
                        "schema",
                        self.at((*path, key)),
                    )
                )


def _json_syntax_error(err: json.JSONDecodeError) -> tuple[str, int, int]:
    """The message, line and column of a JSON syntax error, the same on every Python: a
    trailing comma is reported at the comma, as Python 3.13 does (3.11 and 3.12 report the
    bracket after it, as a missing value or property name)."""
    text, pos = err.doc, err.pos
    before = text[:pos].rstrip()
    if text[pos : pos + 1] in ("}", "]") and before.endswith(","):
        comma = len(before) - 1
        what = "object" if text[pos] == "}" else "array"
        line = text.count("\n", 0, comma) + 1
        column = comma - text.rfind("\n", 0, comma)
        return f"Illegal trailing comma before end of {what}", line, column
    return err.msg, err.lineno, err.colno


def _load_json(text: str, source: str) -> Loaded:
    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _DuplicateKeyError(key)
            result[key] = value
        return result

    try:
        value = json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as err:
        message, line, column = _json_syntax_error(err)
        raise YamlError(
            Problem(f"JSON syntax error: {message}", "syntax", Location(source, line, column))
        ) from None
    except _DuplicateKeyError as err:
        raise YamlError(
            Problem(f"duplicate key {err.key!r}", "duplicate", _find_key(text, err.key, source))
        ) from None
    except RecursionError:
        raise YamlError(Problem("JSON is nested too deeply", "limit", Location(source))) from None
    except ValueError as err:
        raise YamlError(Problem(f"JSON error: {err}", "syntax", Location(source))) from None
    return Loaded(
        value, locate=lambda: _positions(text, source), small=len(text) <= EAGER_POSITIONS_CHARS
    )


def _load_toml(text: str, source: str) -> Loaded:
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        match = _TOML_POSITION.search(message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        reason = _TOML_POSITION.sub("", message).strip()
        raise YamlError(
            Problem(f"TOML syntax error: {reason}", "syntax", Location(source, line, column))
        ) from None
    except RecursionError:
        raise YamlError(Problem("TOML is nested too deeply", "limit", Location(source))) from None
    return Loaded(value)


_LOADERS: dict[str, Callable[[str, str], Loaded]] = {
    "yaml": load_yaml,
    "json": _load_json,
    "toml": _load_toml,
}


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _positions(text: str, source: str) -> dict[Path, tuple[int, int]]:
    """Positions of JSON values, found by reading the text as YAML (JSON is nearly a subset);
    empty where that fails, so messages then carry the path alone. What libyaml refuses but
    JSON allows is first replaced by something as long, so positions stay where they are."""
    masked = _YAML_REFUSES.sub(lambda m: "\\u0020" if len(m.group()) == 6 else " ", text)
    try:
        return load_yaml(masked, source).positions
    except YamlError:
        return {}


def _find_key(text: str, key: str, source: str) -> Location:
    """The line of the second occurrence of a duplicated JSON key."""
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    if second < 0:
        return Location(source)
    line = text.count("\n", 0, second) + 1
    return Location(source, line, second - (text.rfind("\n", 0, second) + 1) + 1)


def _depth(value: Any) -> int:
    """How deeply lists and mappings nest in *value* (a scalar is 0), without recursion, level
    by level; stops counting past :data:`MAX_DEPTH`."""
    deepest, level = 0, [value]
    while deepest <= MAX_DEPTH:
        level = [
            child
            for item in level
            if isinstance(item, (dict, list))
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not level:
            break
        deepest += 1
    return deepest


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        str: "a string",
    }.get(type(value), type(value).__name__)

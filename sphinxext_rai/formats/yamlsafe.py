"""A deliberately small YAML loader for untrusted files.

Every scalar stays a string (no ``NO`` -> False, ``1.10`` -> 1.1 or date surprises), custom
tags, anchors and aliases are refused, duplicate keys and deep nesting are errors, and the
line and column of every value are recorded so later checks can point at them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.problems import Location, Problem
from .common import MAX_DEPTH

Path = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class YamlError(Exception):
    """A YAML document that cannot be loaded; carries a located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Loaded:
    """A loaded document and the position of each value, by path.

    Positions can be found lazily (*locate*), so a file without problems never pays for them.
    """

    value: Any
    known_positions: dict[Path, tuple[int, int]] | None = None
    locate: Callable[[], dict[Path, tuple[int, int]]] | None = field(default=None, repr=False)
    #: Small enough that finding positions eagerly costs little.
    small: bool = True
    #: The loader already refused values nested deeper than the limit.
    depth_checked: bool = False

    @property
    def positions(self) -> dict[Path, tuple[int, int]]:
        """Path -> (line, column) of every value; empty where the format has no positions."""
        if self.known_positions is None:
            self.known_positions = self.locate() if self.locate else {}
        return self.known_positions


#: libyaml's composer when PyYAML was built with it (much faster), else the pure-Python one.
_Loader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when it is there; on an error, compose again in Python, whose
    messages point at the offending line rather than where libyaml gave up."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        if _Loader is yaml.BaseLoader or "nesting depth" in (err.problem or ""):
            raise
    return yaml.compose(text, Loader=yaml.BaseLoader)


def load_yaml(text: str, source: str, *, line_offset: int = 0) -> Loaded:
    """Load one YAML document with the rules above; raise :class:`YamlError` on any error."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        reason = err.problem or err.context or "invalid YAML"
        where = Location(source, line, column)
        if "nesting depth" in reason:  # libyaml's own limit, deeper than ours
            raise YamlError(
                Problem(f"nested deeper than {MAX_DEPTH} levels", "limit", where)
            ) from None
        raise YamlError(Problem(f"YAML syntax error: {reason}", "syntax", where)) from None
    except yaml.YAMLError as err:
        raise YamlError(Problem(f"YAML error: {err}", "syntax", Location(source))) from None
    except RecursionError:
        raise YamlError(Problem("YAML is nested too deeply", "limit", Location(source))) from None
    positions: dict[Path, tuple[int, int]] = {}
    try:
        value = (
            None if node is None else _convert(node, (), positions, source, line_offset, 0, set())
        )
    except _AliasError:
        line, column = _first_alias(text)
        where = Location(source, line + line_offset, column)
        raise YamlError(
            Problem("anchors and aliases are not allowed in index files", "syntax", where)
        ) from None
    return Loaded(value, positions, depth_checked=True)


class _AliasError(Exception):
    """The document uses an alias (found while converting; located afterwards)."""


def _first_alias(text: str) -> tuple[int, int]:
    """Line and column of the first alias; only called on the error path."""
    for event in yaml.parse(text, Loader=yaml.BaseLoader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


def _convert(
    node: yaml.Node,
    path: Path,
    positions: dict[Path, tuple[int, int]],
    source: str,
    offset: int,
    depth: int,
    seen: set[int],
) -> Any:
    where = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    positions[path] = where
    location = Location(source, *where)
    if id(node) in seen:  # the composer shares the node of an anchor with each alias of it
        raise _AliasError
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise YamlError(Problem(f"nested deeper than {MAX_DEPTH} levels", "limit", location))
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(Problem(f"YAML tag {node.tag!r} is not allowed", "syntax", location))
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), positions, source, offset, depth + 1, seen)
            for i, item in enumerate(node.value)
        ]
    result: dict[str, Any] = {}
    assert isinstance(node, yaml.MappingNode)
    for key_node, value_node in node.value:
        key_where = Location(
            source, key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
        )
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
            raise YamlError(Problem("mapping keys must be plain strings", "syntax", key_where))
        key = str(key_node.value)
        if key in result:
            raise YamlError(Problem(f"duplicate key {key!r}", "duplicate", key_where))
        result[key] = _convert(value_node, (*path, key), positions, source, offset, depth + 1, seen)
    return result

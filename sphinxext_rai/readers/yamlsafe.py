"""A deliberately small YAML loader for untrusted files.

Every scalar stays a string (no ``NO`` -> False, ``1.10`` -> 1.1 or date surprises), custom
tags, anchors and aliases are refused, duplicate keys and deep nesting are errors, and the
line and column of every value are recorded so later checks can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Location, Problem
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
    """A loaded document and the position of each value, by path."""

    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)


class _Loader(yaml.BaseLoader):
    """BaseLoader that refuses aliases instead of expanding them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases are not allowed in index files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def load_yaml(text: str, source: str, *, line_offset: int = 0) -> Loaded:
    """Load one YAML document with the rules above; raise :class:`YamlError` on any error."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        reason = err.problem or err.context or "invalid YAML"
        raise YamlError(
            Problem(f"YAML syntax error: {reason}", "syntax", Location(source, line, column))
        ) from None
    except yaml.YAMLError as err:
        raise YamlError(Problem(f"YAML error: {err}", "syntax", Location(source))) from None
    except RecursionError:
        raise YamlError(Problem("YAML is nested too deeply", "limit", Location(source))) from None
    loaded = Loaded(None)
    if node is not None:
        loaded.value = _convert(node, (), loaded.positions, source, line_offset, 0)
    return loaded


def _convert(
    node: yaml.Node,
    path: Path,
    positions: dict[Path, tuple[int, int]],
    source: str,
    offset: int,
    depth: int,
) -> Any:
    where = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    positions[path] = where
    location = Location(source, *where)
    if depth > MAX_DEPTH:
        raise YamlError(Problem(f"nested deeper than {MAX_DEPTH} levels", "limit", location))
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(Problem(f"YAML tag {node.tag!r} is not allowed", "syntax", location))
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), positions, source, offset, depth + 1)
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
        result[key] = _convert(value_node, (*path, key), positions, source, offset, depth + 1)
    return result

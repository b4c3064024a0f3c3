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

from ..core.problems import Location, Problem, ProblemCode
from ..core.text import forbidden_character
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


#: libyaml's parser when PyYAML was built with it (much faster), else the pure-Python one.
_Loader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_EMPTY_TAGS = frozenset({None, "!"})


def load_yaml(text: str, source: str, *, line_offset: int = 0) -> Loaded:
    """Load one YAML document with the rules above; raise :class:`YamlError` on any error.

    The document is built straight from the parser's events, in one pass: there is no node
    tree to hold, and an error is located where the parser found it, without parsing the
    text a second time.
    """
    try:
        loader = _Loader(text)
    except UnicodeEncodeError as err:  # libyaml reads UTF-8; a string may hold a surrogate
        line = text.count("\n", 0, err.start) + 1 + line_offset
        column = err.start - (text.rfind("\n", 0, err.start) + 1) + 1
        raise YamlError(
            Problem(
                f"YAML syntax error: {forbidden_character(text)}",
                "syntax",
                Location(source, line, column),
            )
        ) from None
    try:
        return _Events(source, line_offset).build(loader)
    except yaml.MarkedYAMLError as err:
        reason = err.problem or err.context or "invalid YAML"
        where = _error_location(err.problem_mark or err.context_mark, text, source, line_offset)
        if "nesting depth" in reason:  # libyaml's own limit, deeper than ours
            raise YamlError(
                Problem(f"nested deeper than {MAX_DEPTH} levels", "limit", where)
            ) from None
        raise YamlError(Problem(f"YAML syntax error: {reason}", "syntax", where)) from None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1 + line_offset
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        reason = str(err).splitlines()[0]
        raise YamlError(
            Problem(f"YAML syntax error: {reason}", "syntax", Location(source, line, column))
        ) from None
    except yaml.YAMLError as err:
        raise YamlError(Problem(f"YAML error: {err}", "syntax", Location(source))) from None
    finally:
        loader.dispose()


def _error_location(mark: yaml.Mark | None, text: str, source: str, offset: int) -> Location:
    """Where the parser found an error. At the end of a text without a final line break,
    libyaml counts a line more than there is: the end of the last line is meant."""
    if mark is None:
        return Location(source)
    if mark.index < len(text) or text.endswith("\n"):
        return Location(source, mark.line + 1 + offset, mark.column + 1)
    line_start = text.rfind("\n") + 1
    return Location(source, text.count("\n") + 1 + offset, len(text) - line_start + 1)


class _Events:
    """Turns parser events into plain strings, lists and dicts, with their positions."""

    def __init__(self, source: str, offset: int) -> None:
        self.source = source
        self.offset = offset
        self.positions: dict[Path, tuple[int, int]] = {}

    def where(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1 + self.offset, mark.column + 1) if mark else (1, 1)

    def fail(self, message: str, code: ProblemCode, event: yaml.Event) -> YamlError:
        return YamlError(Problem(message, code, Location(self.source, *self.where(event))))

    def build(self, loader: yaml.BaseLoader) -> Loaded:
        # Open lists and mappings: [container, its path, the key awaiting its value].
        stack: list[list[Any]] = []
        root: list[Any] = []
        documents = 0
        while loader.check_event():
            event: yaml.Event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                self._node(event, stack, root)
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
            elif isinstance(event, yaml.AliasEvent):
                raise self.fail(
                    "anchors and aliases are not allowed in index files", "syntax", event
                )
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail(
                        "YAML syntax error: expected a single document, but found another one",
                        "syntax",
                        event,
                    )
        return Loaded(root[0] if root else None, self.positions, depth_checked=True)

    def _node(
        self,
        event: yaml.ScalarEvent | yaml.CollectionStartEvent,
        stack: list[list[Any]],
        root: list[Any],
    ) -> None:
        """Place a scalar, or a list or mapping that starts, in the open container."""
        top = stack[-1] if stack else None
        if top is not None and isinstance(top[0], dict) and top[2] is None:
            top[2] = self._key(event, top[0])
            return
        if event.tag not in _EMPTY_TAGS and event.tag not in _PLAIN_TAGS:
            raise self.fail(f"YAML tag {event.tag!r} is not allowed", "syntax", event)
        if len(stack) > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels", "limit", event)
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            value = event.value
        else:
            value = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        path: Path
        if top is None:
            path = ()
            root.append(value)
        elif isinstance(top[0], dict):
            path = (*top[1], top[2])
            top[0][top[2]] = value
            top[2] = None
        else:
            path = (*top[1], len(top[0]))
            top[0].append(value)
        self.positions[path] = self.where(event)
        if not isinstance(event, yaml.ScalarEvent):
            stack.append([value, path, None])

    def _key(
        self, event: yaml.ScalarEvent | yaml.CollectionStartEvent, mapping: dict[str, Any]
    ) -> str:
        """The key a mapping's next value goes under; refused unless a new plain string."""
        if not isinstance(event, yaml.ScalarEvent) or (
            event.tag not in _EMPTY_TAGS and event.tag not in _PLAIN_TAGS
        ):
            raise self.fail("mapping keys must be plain strings", "syntax", event)
        key = str(event.value)
        if key in mapping:
            raise self.fail(f"duplicate key {key!r}", "duplicate", event)
        return key

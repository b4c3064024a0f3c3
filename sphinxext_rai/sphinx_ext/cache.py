"""What one build renders once and reuses: the plan of each distinct block (what its
elements show, the words search sees) and, per HTML translator, its markup.

A block is the same wherever its services, options and footer are the same; the build's
language, index and configuration do not change within a build, and a cache lives exactly as
long as one build (:class:`~sphinxext_rai.sphinx_ext.state.BuildState` holds it).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from docutils.transforms import Transform

from .render import RenderOptions


@dataclass(frozen=True, slots=True)
class Block:
    """What a ``rai-guidance`` directive shows: the services (by slug) and the options it
    renders them with (without ``sources``: the footer flag stands for them)."""

    services: tuple[str, ...]
    options: RenderOptions
    footer: bool


@dataclass(frozen=True, slots=True)
class Slot:
    """An element of a block that gets an id: the one showing a service (``key`` empty) or
    one of its documents (``key`` is ``slug/kind``), and the id it asks for."""

    slug: str
    key: str
    wanted: str


@dataclass(frozen=True, slots=True)
class Plan:
    """What is the same for every instance of a block."""

    #: The elements that get ids, in page order.
    slots: tuple[Slot, ...]
    #: The words the search index sees by default: names of services and families, title.
    names: str
    #: All the text of the block, for ``rai_search_all_text``.
    text: str
    #: The text of the block's title (a rubric, or a table's caption), "" for none.
    title: str
    #: Whether the title is a table's caption.
    table: bool


#: HTML of a block, split at its ids: literal strings, and between them the position of the
#: id (in the block's list of ids) that goes there.
Template = tuple[str | int, ...]


@dataclass
class BlockCache:
    """The plans and HTML templates of one build, and which pages Sphinx translates."""

    plans: dict[Block, Plan] = field(default_factory=dict)
    html: dict[Hashable, Template] = field(default_factory=dict)
    #: Whether the locale directories hold any message catalog (None: not looked yet).
    any_catalog: bool | None = None
    #: Text domain -> whether Sphinx has a message catalog for it (see ``blocks``).
    catalogs: dict[str, bool] = field(default_factory=dict)
    #: (smart_quotes setting, language code) -> the language quotes are educated in.
    quotes: dict[tuple[object, str], str] = field(default_factory=dict)
    #: (text, language, action) -> the text with typographic quotes.
    educated: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: The post-transforms of the build, which the HTML writer applies to each node tree it
    #: makes a template from (they would have seen the tree in the page).
    post_transforms: list[type[Transform]] = field(default_factory=list)
    #: Whether the builder writes the data nodes as strings (else it gets the node trees).
    strings: bool = False

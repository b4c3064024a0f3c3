"""Guidance blocks in HTML, each written as one string.

The markup of a block is what the builder's own translator writes for the block's node tree.
The first time a block occurs in a build (per translator class and writing context), its tree
is made and written by the translator with stand-ins for its ids; the result, split at the
stand-ins, is kept as a template, and every instance of the block is that template filled with
its own ids. So the HTML is the node tree's, byte for byte, with whatever sphinx-design, the
theme's translator and the screen-reader additions write for those nodes, and a distinct block
costs its node tree once per build, not once per page.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.transforms import SphinxTransformer
from sphinx.util.docutils import new_document
from sphinx.writers.html5 import HTML5Translator

from .blocks import block_of, expand
from .cache import Template
from .domain import get_domain
from .nodes import guidance_data

#: Translator attributes that change how the nodes of a block are written (docutils' compact
#: paragraphs and lists): a template is kept per combination of their values.
CONTEXT = ("compact_simple", "compact_p", "compact_field_list")
#: Marks the ids in a template while it is written; never part of an id or of data.
STAND_IN = "\x00"


def visit_guidance_data(translator: HTML5Translator, node: guidance_data) -> None:
    """Write the block *node* stands for, from its template (made on first use)."""
    env = translator.builder.env
    ids = [*node["targets"], *node["ids"]]
    if translator.config.numfig and node.get("caption"):
        # A numbered table's caption carries its own number: no template fits every instance.
        for written in _resolved(translator, node, ids):
            written.walkabout(translator)
        raise nodes.SkipNode
    key = (
        block_of(node),
        type(translator),
        tuple(getattr(translator, name, None) for name in CONTEXT),
        len(node["targets"]),
        len(node["ids"]),
        bool(node.get("label")),
        tuple(node["classes"]),
        node["quotes"],
    )
    templates = get_domain(env).state.blocks.html
    template = templates.get(key)
    if template is None:
        template = templates[key] = _template(translator, node, len(ids))
    translator.body.append(fill(template, ids))
    raise nodes.SkipNode


def depart_guidance_data(translator: HTML5Translator, node: guidance_data) -> None:
    """Nothing: the visit wrote the whole block."""


def fill(template: Template, ids: Sequence[str]) -> str:
    """The markup of one instance of a block: its template with its ids."""
    return "".join(ids[part] if isinstance(part, int) else part for part in template)


def _template(translator: HTML5Translator, node: guidance_data, count: int) -> Template:
    """Write the node tree of *node* with stand-in ids, and split the markup at them."""
    stand_ins = [f"{STAND_IN}{position}{STAND_IN}" for position in range(count)]
    start = len(translator.body)
    for resolved in _resolved(translator, node, stand_ins):
        resolved.walkabout(translator)
    markup = "".join(translator.body[start:])
    del translator.body[start:]
    parts = markup.split(STAND_IN)
    return tuple(int(part) if position % 2 else part for position, part in enumerate(parts))


def _resolved(
    translator: HTML5Translator, node: guidance_data, ids: Sequence[str]
) -> list[nodes.Node]:
    """The node tree of *node* with *ids*, after the build's post-transforms (the
    screen-reader text, a theme's wrappers), in a document of its own."""
    env = translator.builder.env
    scratch = new_document(str(node.source or ""), translator.document.settings)
    scratch += expand(node, env, ids)
    transformer = SphinxTransformer(scratch)
    transformer.set_environment(env)
    transformer.add_transforms(get_domain(env).state.blocks.post_transforms)
    transformer.apply_transforms()
    return list(scratch.children)

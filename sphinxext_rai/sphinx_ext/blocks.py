"""Guidance rendered late: the data node a directive leaves in the doctree, and the node tree
made from it for the builders that need one.

A ``rai-guidance`` directive does its lookups, ids, records and index entries when the page is
read, and leaves one :class:`~sphinxext_rai.sphinx_ext.nodes.guidance_data` node. What the
node tree of a block looks like (:mod:`~sphinxext_rai.sphinx_ext.render`) is worked out once
per distinct block and build (its :class:`~sphinxext_rai.sphinx_ext.cache.Plan`). HTML
builders write the node as a string (:mod:`~sphinxext_rai.sphinx_ext.html_writer`); for every
other builder :class:`ExpandGuidance`, before any other post-transform, puts the node tree in
its place, exactly as the directive used to return it: same ids, source lines, attributes, and
the typographic quotes the page's ``smartquotes`` would have given it.

Pages that Sphinx itself translates (a message catalog for the page in ``locale_dirs``) get the
node tree when they are read, so that their translations apply to it as before.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from docutils import nodes
from docutils.transforms.universal import SmartQuotes
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import educate_tokens, smartchars
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import apply_source_workaround, is_smartquotable
from sphinx.versioning import add_uids

from ..core.kinds import Kind
from ..core.model import Service
from .accessibility import describe
from .cache import Block, BlockCache, Plan, Slot
from .domain import get_domain
from .nodes import guidance_data
from .render import DOCUMENT_MARK, SERVICE_MARK, RenderOptions, guidance_block
from .state import BuildState

#: Builders that write the data node as one string; every other builder gets the node tree.
#: (EPUB writes link addresses into the text, which it finds in the tree's references.)
STRING_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def writes_strings(builder: Builder) -> bool:
    """Whether *builder* writes guidance blocks as strings (and keeps the data nodes)."""
    state = get_domain(builder.env).state
    return builder.name in STRING_BUILDERS and not state.config.html_nodes


# The data node ---------------------------------------------------------------------------


def data_node(block: Block, words: str) -> guidance_data:
    """The node standing for *block*; *words* are what the search index sees of it."""
    options = block.options
    node = guidance_data(
        "",
        nodes.Text(words),
        services=list(block.services),
        layout=options.layout,
        kinds=[kind.value for kind in options.kinds],
        columns=list(options.columns),
        cards=options.card_mode,
        link_text=options.link_text,
        extra_classes=list(options.classes),
        keep_context=options.keep_context,
        new_tab=options.new_tab,
        footer=block.footer,
        targets=[],
        quotes="",
    )
    if options.title is not None:
        node["title"] = options.title
    if options.locale:
        node["locale"] = options.locale
    return node


def block_of(node: guidance_data) -> Block:
    """The block a data node stands for."""
    get = node.attributes
    options = RenderOptions(
        layout=get["layout"],
        kinds=tuple(Kind(value) for value in get["kinds"]),
        columns=tuple(get["columns"]),
        title=get.get("title"),
        classes=tuple(get["extra_classes"]),
        card_mode=get["cards"],
        link_text=get["link_text"],
        keep_context=get["keep_context"],
        locale=get.get("locale"),
        new_tab=get["new_tab"],
    )
    return Block(tuple(get["services"]), options, bool(get["footer"]))


def caption(node: nodes.Node) -> str:
    """The caption of a block shown as a titled table (its numfig title); None for other
    blocks, which Sphinx then does not number (its type says str, its code tests None)."""
    value = node.get("caption") if isinstance(node, nodes.Element) else None
    return cast(str, str(value) if value else None)


# The node tree ---------------------------------------------------------------------------


def services_of(block: Block, state: BuildState) -> list[Service]:
    """The services of *block*, from this build's index."""
    found = (state.index.get(slug) for slug in block.services)
    return [service for service in found if service is not None]


def build(block: Block, state: BuildState) -> nodes.container:
    """The node tree of *block* as the renderer makes it, marks included."""
    services = services_of(block, state)
    options = block.options
    if block.footer:
        sources = (p for s in services for p in state.sources_of(s))
        options = replace(options, sources=tuple(dict.fromkeys(sources)))
    return guidance_block(services, options)


def marked(tree: nodes.Element) -> list[tuple[nodes.Element, Slot]]:
    """Take the renderer's marks off *tree*: the elements that get ids, in page order, with
    what each shows. A service's first marked element shows it; each document's, the
    document."""
    found: list[tuple[nodes.Element, Slot]] = []
    seen: set[str] = set()
    for element in tree.findall(nodes.Element):
        slug = element.attributes.pop(SERVICE_MARK, None)
        key = element.attributes.pop(DOCUMENT_MARK, None)
        if slug is not None and slug not in seen:
            seen.add(slug)
            found.append((element, Slot(slug, "", f"rai-{slug}")))
        if key is not None:
            slot = Slot(key.partition("/")[0], key, "rai-" + key.replace("/", "-"))
            found.append((element, slot))
    return found


def label_target(tree: nodes.container) -> nodes.Element:
    """The element a ``:name:`` labels: the block's title (a rubric, or a table with its
    caption), whose text a ``:ref:`` shows; or the block itself."""
    for node in tree.findall(_titled):
        return cast(nodes.Element, node)
    return tree


def plan(block: Block, state: BuildState) -> Plan:
    """What every instance of *block* shares, worked out once per build."""
    found = state.blocks.plans.get(block)
    if found is None:
        tree = build(block, state)
        slots = tuple(slot for _element, slot in marked(tree))
        services = services_of(block, state)
        names = [s.name for s in services] + [s.family for s in services if s.family]
        titled = label_target(tree)
        heading = titled.next_node(nodes.title) if isinstance(titled, nodes.table) else titled
        title = "" if heading is None or titled is tree else heading.astext()
        if title:
            names.append(title)
        describe(tree)
        text = tree.astext()
        table = isinstance(titled, nodes.table)
        found = Plan(slots, "\n".join(dict.fromkeys(names)), text, title, table)
        state.blocks.plans[block] = found
    return found


def expand(
    node: guidance_data,
    env: BuildEnvironment,
    ids: Sequence[str] | None = None,
    *,
    document: nodes.document | None = None,
) -> nodes.container:
    """The node tree *node* stands for, as the directive used to return it.

    *ids* replace the node's ids (``targets``, then its own), position for position; where
    the id map of *document* points an id at the node, it then points at the element that
    carries the id.
    """
    state = get_domain(env).state
    tree = build(block_of(node), state)
    targets: list[str] = list(node["targets"])
    given = [*targets, *node["ids"]] if ids is None else list(ids)
    own = given[len(targets) :]
    for (element, _slot), node_id in zip(marked(tree), given[: len(targets)], strict=False):
        element["ids"].append(node_id)
    label = label_target(tree)
    name = node.get("label")
    # A :name:'s id (or a titled table's automatic one) is the labelled element's; ids and
    # classes that other markup gave the node (a target before it, a class directive) are
    # the block's, as they were the block's when the directive returned the tree.
    split = 1 if own and (name or isinstance(label, nodes.table)) else 0
    label["ids"] += own[:split]
    tree["ids"] += own[split:]
    for attribute in ("names", "dupnames"):
        label[attribute] += [n for n in node[attribute] if n == name]
        tree[attribute] += [n for n in node[attribute] if n != name]
    tree["classes"] += node["classes"]
    for element in tree.findall(nodes.Element):
        element.source, element.line = node.source, node.line
        if isinstance(element, nodes.TextElement):
            apply_source_workaround(element)  # as Sphinx does to a page once it is read
    if node["quotes"]:
        educate(tree, str(node["quotes"]), env.config.smartquotes_action)
    if env.versioning_condition:
        # The message ids a catalog builder (gettext) keeps the translatable text under.
        list(add_uids(tree, env.versioning_condition))
    if document is not None:
        for element in tree.findall(nodes.Element):
            for node_id in element["ids"]:
                if document.ids.get(node_id) is node:
                    document.ids[node_id] = element
    return tree


def expand_all(document: nodes.document, env: BuildEnvironment) -> None:
    """Put the node tree in place of every data node of *document*: what builders other
    than HTML see. Extensions that read the guidance's nodes in an HTML build can call it
    (in ``doctree-resolved``) for the nodes they need."""
    for node in list(document.findall(guidance_data)):
        # Not replace_self(), which would copy the node's ids and names onto the block.
        node.parent.replace(node, expand(node, env, document=document))


def expanded_doctree(env: BuildEnvironment, docname: str) -> nodes.document:
    """The doctree of *docname* as read, with each guidance block's node tree in place of
    its data node: what builders other than HTML work from."""
    doctree = env.get_doctree(docname)
    expand_all(doctree, env)
    return doctree


class ExpandGuidance(SphinxPostTransform):
    """For builders that do not write the data node as a string, the node tree in its place,
    before any other post-transform sees the page."""

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        if not get_domain(self.env).state.blocks.strings:
            expand_all(self.document, self.env)


# Typographic quotes ----------------------------------------------------------------------


def quotes_language(document: nodes.document, cache: BlockCache) -> str:
    """The language whose quotes Sphinx's ``smartquotes`` gives the page's text; "" when it
    leaves the page as written."""
    smart = getattr(document.settings, "smart_quotes", False)
    key = (smart, str(document.settings.language_code))
    found = cache.quotes.get(key)
    if found is None:
        found = cache.quotes[key] = _quotes_language(document, smart)
    return found


def _quotes_language(document: nodes.document, smart: object) -> str:
    if not smart or not SphinxSmartQuotes(document, None).is_available():
        return ""
    language = str(document.settings.language_code)
    if isinstance(smart, str) and smart.startswith("alt"):
        alternative = "-x-altquot"
        if alternative in language:
            language = language.replace(alternative, "")
        else:
            language += alternative
    for tag in normalize_language_tag(language):
        if tag in smartchars.quotes:
            return str(tag)
    return ""


def educate_text(text: str, language: str, action: str, cache: BlockCache) -> str:
    """*text* as :func:`educate` gives it, as a block of text of its own."""
    if not language:
        return text
    key = (text, language, action)
    found = cache.educated.get(key)
    if found is None:
        tokens = [("plain", text)]
        found = cache.educated[key] = "".join(
            educate_tokens(tokens, attr=action, language=language)
        )
    return found


def educate(tree: nodes.Element, language: str, action: str) -> None:
    """Give the text of *tree* typographic quotes, dashes and ellipses, block of text by
    block of text, as the ``smartquotes`` transform gives a page read with the tree in it."""
    for block in tree.findall(nodes.TextElement):
        if isinstance(block, SmartQuotes.nodes_to_skip) or isinstance(
            block.parent, nodes.TextElement
        ):
            continue
        texts = [
            t for t in block.findall(nodes.Text) if not isinstance(t.parent, nodes.option_string)
        ]
        tokens = [("plain" if is_smartquotable(t) else "literal", str(t)) for t in texts]
        for text, new in zip(
            texts, educate_tokens(tokens, attr=action, language=language), strict=True
        ):
            text.parent.replace(text, nodes.Text(new))


# Pages Sphinx translates -----------------------------------------------------------------


def sphinx_translates(env: BuildEnvironment, docname: str) -> bool:
    """Whether Sphinx has a message catalog for *docname* (its ``locale_dirs`` hold one for
    the page's text domain in ``language``): its translations apply to the node tree."""
    config = env.config
    if not config.language:
        return False
    cache = get_domain(env).state.blocks
    directories = [env.srcdir / directory for directory in config.locale_dirs]
    if cache.any_catalog is None:
        cache.any_catalog = any(next(d.rglob("*.mo"), None) for d in directories if d.is_dir())
    if not cache.any_catalog:
        return False
    domain = docname_to_domain(docname, config.gettext_compact)
    if domain not in cache.catalogs:
        cache.catalogs[domain] = any(
            gettext.find(domain, str(directory), [config.language]) for directory in directories
        )
    return cache.catalogs[domain]


def _titled(node: nodes.Node) -> bool:
    """A block title (rubric) or a table with a caption: what a :ref: can take its text from."""
    if isinstance(node, nodes.table):
        return node.next_node(nodes.title) is not None
    return isinstance(node, nodes.rubric)

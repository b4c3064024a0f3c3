"""Directives of this documentation only: the settings and the warning subtypes of the
reference, generated from the extension's own declarations so they cannot drift from them.

``.. generated-settings::`` writes a ``confval`` entry for each of
:data:`sphinxext_rai.sphinx_ext.config.SETTINGS`; ``.. generated-subtypes::`` a table row for
each :class:`sphinxext_rai.sphinx_ext.diagnostics.Subtype`. Both produce reST text, parsed in
place, because the help texts are reST and ``confval`` is Sphinx's own directive (from
Sphinx 7.4; before, this extension declares one like it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.domains.std import GenericObject, StandardDomain
from sphinx.util.docutils import SphinxDirective

from sphinxext_rai.sphinx_ext.config import SETTINGS, Setting
from sphinxext_rai.sphinx_ext.diagnostics import WARNING_TYPE, Subtype

#: How each accepted Python type is written in the reference; lists and tuples are one.
_TYPE_NAMES: dict[type, str] = {
    bool: "bool",
    int: "int",
    float: "float",
    str: "str",
    list: "list[str]",
    tuple: "list[str]",
    type(None): "None",
}


def type_text(types: Iterable[type]) -> str:
    """The ``:type:`` of a setting: ``str`` or ``list[str]``."""
    names = dict.fromkeys(_TYPE_NAMES[t] for t in types)
    return " or ".join(f"``{name}``" for name in names)


def default_text(value: Any) -> str:
    """The ``:default:`` of a setting, as it is written in ``conf.py``."""
    return f'``"{value}"``' if isinstance(value, str) else f"``{value!r}``"


def setting_lines(setting: Setting) -> list[str]:
    """A ``confval`` entry for one setting."""
    return [
        f".. confval:: {setting.name}",
        f"   :type: {type_text(setting.types)}",
        f"   :default: {default_text(setting.default)}",
        "",
        f"   {setting.help}",
        "",
    ]


def subtype_lines(subtypes: Iterable[Subtype]) -> list[str]:
    """A two-column table: each subtype and when it is raised."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 25 50",
        "",
        "   * - Subtype",
        "     - Raised when",
    ]
    for subtype in subtypes:
        lines += [f"   * - ``{WARNING_TYPE}.{subtype.value}``", f"     - {subtype.help}"]
    return lines


class _Generated(SphinxDirective):
    """Parse generated reST in place; warnings about it point at the directive's line."""

    def generated(self, lines: list[str]) -> list[nodes.Node]:
        source, line = self.get_source_info()
        content = StringList()
        for text in lines:
            content.append(text, source, (line or 1) - 1)
        holder = nodes.Element()
        self.state.nested_parse(content, self.content_offset, holder)
        return list(holder.children)


class GeneratedSettings(_Generated):
    """``.. generated-settings::``: every ``rai_*`` value, in declaration order."""

    def run(self) -> list[nodes.Node]:
        return self.generated([line for s in SETTINGS for line in setting_lines(s)])


class GeneratedSubtypes(_Generated):
    """``.. generated-subtypes::``: the table of warning subtypes, in declaration order."""

    def run(self) -> list[nodes.Node]:
        return self.generated(subtype_lines(Subtype))


class ConfigValue(GenericObject):
    """``confval`` with its ``:type:`` and ``:default:`` fields, as Sphinx 7.4 defines it, for
    Sphinx 7.2 and 7.3."""

    indextemplate = "pair: %s; configuration value"
    option_spec = {  # noqa: RUF012
        **GenericObject.option_spec,
        "type": directives.unchanged,
        "default": directives.unchanged,
    }

    def transform_content(self, content_node: nodes.Element) -> None:
        fields = nodes.field_list()
        for key, label in (("type", "Type"), ("default", "Default")):
            if key in self.options:
                text, _messages = self.state.inline_text(self.options[key], self.lineno)
                fields += nodes.field(
                    "",
                    nodes.field_name(label, label),
                    nodes.field_body("", nodes.paragraph("", "", *text)),
                )
        content_node.insert(0, fields)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the two directives, and ``confval`` where Sphinx has none."""
    app.add_directive("generated-settings", GeneratedSettings)
    app.add_directive("generated-subtypes", GeneratedSubtypes)
    if "confval" not in StandardDomain.directives:
        app.add_object_type("confval", "confval", objname="configuration value")
        app.add_directive_to_domain("std", "confval", ConfigValue, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

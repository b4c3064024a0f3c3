"""Every ``rai_*`` configuration value, declared once: default, accepted types, parser and
help live on the fields of :class:`RaiConfig`, from which Sphinx's declarations
(:data:`SETTINGS`) and the documentation's settings table are made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..core import options
from ..core.kinds import Kind
from ..core.urls import (
    DEFAULT_BASE_URL,
    UnsafeURLError,
    check_safe,
    locale_for_language,
    valid_locale,
)
from .compat import add_config_value
from .diagnostics import Subtype, warn

#: The ``rai_locale`` value that takes the locale from the project's ``language``.
AUTO_LOCALE = "auto"


def _strings(value: Any, what: str) -> list[str]:
    """A string or a list of strings as a list, blanks dropped (``-D rai_index=`` clears)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValueError(f"must be {what} or a list of them (strings); got {value!r}")
    return [i.strip() for i in items if i.strip()]


def _paths(value: Any) -> tuple[str, ...]:
    return tuple(_strings(value, "a path"))


def _base_url(value: str) -> str:
    try:
        check_safe(value)
    except UnsafeURLError as err:
        raise ValueError(str(err)) from None
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"must be an http or https URL; got {value!r}")
    return value


def _page_url(value: str | None) -> str | None:
    return None if value in (None, "") else _base_url(str(value))


def _locale(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if str(value).lower() == AUTO_LOCALE:
        return AUTO_LOCALE
    if not valid_locale(str(value)):
        raise ValueError(f"must be 'auto' or a locale such as 'en-us' or 'de-de'; got {value!r}")
    return str(value).lower()


def _max_age(value: int | str | None) -> int | None:
    """Days, from ``conf.py`` (an int) or ``-D`` (a string); None or "" for no limit."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"must be a number of days (0 or more) or None; got {value!r}")
    return value


def _file_name(value: str) -> str:
    if value and (value in (".", "..") or "/" in value or "\\" in value):
        raise ValueError(f"must be a plain file name such as 'rai.json', or ''; got {value!r}")
    return value


def _kinds(value: Any) -> tuple[Kind, ...]:
    return options.kinds(",".join(_strings(value, "a kind name")))


def _columns(value: str | int) -> tuple[int, int, int, int]:
    return options.columns(str(value))


def _setting(default: Any, types: tuple[type, ...], parse: Callable[[Any], Any], help: str) -> Any:
    """A field of :class:`RaiConfig`: the ``conf.py`` default, the types ``conf.py`` may give,
    the parser to the ready value (raises :class:`ValueError`), and help for the docs."""
    return field(metadata={"default": default, "types": types, "parse": parse, "help": help})


def _same(value: Any) -> Any:
    return value


_NONE = type(None)


@dataclass(frozen=True)
class RaiConfig:
    """The validated, ready-to-use configuration of one build (``rai_`` + field name)."""

    index: tuple[str, ...] = _setting(
        [],
        (str, list, tuple),
        _paths,
        "Index files to merge over the bundled index, in order; paths are relative to the "
        "directory holding ``conf.py``. The suffix gives the format: ``.yaml``, ``.yml``, "
        "``.json``, ``.toml``, ``.md`` or ``.markdown``. See :doc:`user-index`.",
    )
    bundled_index: bool = _setting(
        True,
        (bool,),
        _same,
        "Include the index that ships with the extension. With ``False``, only the "
        ":confval:`rai_index` files are used.",
    )
    base_url: str = _setting(
        DEFAULT_BASE_URL,
        (str,),
        _base_url,
        "The ``http`` or ``https`` URL that site-absolute targets (``/path``) in index files "
        "resolve against. A file's own ``base_url`` key takes precedence for that file.",
    )
    page_url: str | None = _setting(
        None,
        (str, _NONE),
        _page_url,
        "The URL that page-relative targets (``./page.md``) in Markdown index files resolve "
        "against. Without it, they resolve against :confval:`rai_base_url`. YAML, JSON and "
        "TOML files set this in their own ``page_url`` key.",
    )
    locale: str | None = _setting(
        None,
        (str, _NONE),
        _locale,
        "A locale such as ``en-us`` or ``de-de``, inserted as the first path segment of links "
        "to ``learn.microsoft.com`` that do not have one. Links to other hosts are left alone. "
        '``"auto"`` derives the locale from Sphinx\'s ``language`` (``de`` gives ``de-de``, '
        "``pt_BR`` gives ``pt-br``); see :doc:`translations`. The labels the extension writes "
        "follow ``language`` whatever this is set to.",
    )
    keep_context: bool = _setting(
        True,
        (bool,),
        _same,
        "Keep the ``context`` query parameter of links, which the bundled links carry. "
        "``False`` removes it, for shorter URLs.",
    )
    default_layout: options.Layout = _setting(
        "cards",
        (str,),
        options.layout,
        "The layout of directives without ``:layout:``: ``cards``, ``table`` or ``list``.",
    )
    default_kinds: tuple[Kind, ...] = _setting(
        [],
        (str, list, tuple),
        _kinds,
        "The kinds of document shown by directives without ``:kinds:``, as a list or a "
        "comma-separated string. Empty shows every kind.",
    )
    default_columns: tuple[int, int, int, int] = _setting(
        "1 2 2 3",
        (str, int),
        _columns,
        "Cards per row for directives without ``:columns:``: one number, or four for "
        "extra-small, small, medium and large screens.",
    )
    link_text: options.LinkText = _setting(
        "label",
        (str,),
        options.link_text,
        "The link text for directives without ``:link-text:``: ``label`` or ``kind``.",
    )
    new_tab: bool = _setting(
        False,
        (bool,),
        _same,
        'Open guidance links in a new browser tab (HTML ``target="_blank"``, with '
        '``rel="noopener noreferrer"``). This applies to the directive and the role.',
    )
    footer: bool = _setting(
        True,
        (bool,),
        _same,
        "Show, under every block of cards, table or list, the source of the guidance and its "
        "review date (see :doc:`cross-references`). ``:no-footer:`` hides it for one "
        "directive.",
    )
    max_age_days: int | None = _setting(
        None,
        (int, str, _NONE),
        _max_age,
        "When set, an index used for the build whose review date is more than this many days "
        "before the build date is a ``rai.stale`` warning, as is an index without a date. The "
        "build date is today, or the date of ``SOURCE_DATE_EPOCH`` when that is set. "
        "``-D rai_max_age_days=365`` sets it for one build.",
    )
    coverage_file: str = _setting(
        "rai.json",
        (str,),
        _file_name,
        "The name of the coverage report written into the output directory after every "
        'build; ``""`` writes none. A plain file name: no directories.',
    )
    required_kinds: tuple[Kind, ...] = _setting(
        [],
        (str, list, tuple),
        _kinds,
        "Kinds of document (see :ref:`kinds-vocabulary`) that every cited service, shown or "
        "named with the role, must show on some page. Each one missing is a ``rai.coverage`` "
        "warning at the first page citing the service, and a column of the ``rai-coverage`` "
        "table.",
    )
    check_mentions: bool = _setting(
        False,
        (bool,),
        _same,
        "Warn (``rai.coverage``) where a page names a service with the :rst:role:`rai` role "
        "but shows none of its guidance with a directive.",
    )
    search_all_text: bool = _setting(
        False,
        (bool,),
        _same,
        "Put all the text of guidance blocks into the HTML search index: document labels, "
        "kind headings, the footer. By default the index gets the names of the services "
        "shown, their families and the block's title, so that a search finds the pages that "
        "show a service, and the words every block repeats do not make every page a match.",
    )
    html_nodes: bool = _setting(
        False,
        (bool,),
        _same,
        "Write guidance blocks in HTML from their node tree, as the other builders do, rather "
        "than as one prepared string per block. The HTML is the same; the build is slower. "
        "Turn it on for a theme or extension that overrides how docutils nodes are written "
        "in HTML, or that reads the guidance's nodes in ``doctree-resolved`` (see "
        ":ref:`doctree`).",
    )
    warn_former_names: bool = _setting(
        False,
        (bool,),
        _same,
        "Warn (``rai.deprecated_name``) at each directive or role that names a service or "
        "family by a former product name from the rename table, such as ``LUIS`` or "
        "``family:Computer Vision``; the warning names the current name. The name still "
        "works. Other names, such as later brandings or your index's own aliases, are not "
        "warned about. See :ref:`former-names`.",
    )


@dataclass(frozen=True)
class Setting:
    """One ``rai_*`` value as Sphinx and the documentation see it."""

    name: str
    default: Any
    types: tuple[type, ...]
    parse: Callable[[Any], Any]
    help: str

    @property
    def attribute(self) -> str:
        """The :class:`RaiConfig` field holding the parsed value."""
        return self.name.removeprefix("rai_")


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name="rai_" + f.name, **f.metadata) for f in fields(RaiConfig)
)


def declare(app: Sphinx) -> None:
    """Declare every ``rai_*`` value with its type, and validate them at ``config-inited``."""
    for setting in SETTINGS:
        first_sentence = setting.help.split(". ")[0].rstrip(".") + "."
        add_config_value(app, setting.name, setting.default, setting.types, first_sentence)
    app.connect("config-inited", validate)


def validate(app: Sphinx, config: Config) -> None:
    """Check every value; a bad one ends the build with a :class:`ConfigError` naming it."""
    if read_config(config).locale is None and str(config.rai_locale).lower() == AUTO_LOCALE:
        warn(
            f"rai_locale = 'auto': no Microsoft Learn locale is known for language "
            f"{config.language!r}; links get no locale (set rai_locale to one, such as 'en-us')",
            Subtype.CONFIG,
            None,
        )


def read_config(config: Config) -> RaiConfig:
    """The typed configuration; raises :class:`ConfigError` for a bad value."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        if not isinstance(value, setting.types):
            expected = " or ".join(t.__name__ for t in setting.types)
            raise ConfigError(
                f"{setting.name} must be {expected}, not {type(value).__name__}: {value!r}"
            )
        try:
            values[setting.attribute] = setting.parse(value)
        except ValueError as err:
            raise ConfigError(f"{setting.name}: {err}") from None
    if values["locale"] == AUTO_LOCALE:
        values["locale"] = locale_for_language(config.language)
    return RaiConfig(**values)

"""Every ``rai_*`` configuration value, declared once: default, accepted types, parser and
help live on the fields of :class:`RaiConfig`, from which Sphinx's declarations
(:data:`SETTINGS`) and the documentation's settings table are made."""

from __future__ import annotations

import re
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
from ..formats.fetch import UnsafeSourceError, check_source
from ..formats.remote import DEFAULT_CACHE_DAYS, DEFAULT_TIMEOUT, RemoteSource, parse_entry
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


#: An entry of ``rai_index``: a path relative to the configuration directory, or a URL.
IndexEntry = str | RemoteSource


def _entries(value: Any) -> tuple[IndexEntry, ...]:
    return tuple(parse_entry(text) or text for text in _strings(value, "a path or URL"))


def _hosts(value: Any) -> tuple[str, ...]:
    return tuple(host.lower() for host in _strings(value, "a host name"))


def _cache_days(value: int | str) -> int:
    """Days, from ``conf.py`` (an int) or ``-D`` (a string); negative for no expiry."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"must be a whole number of days; got {value!r}")
    return value


def _timeout(value: float | str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if isinstance(value, bool) or not 0 < seconds < float("inf"):
        raise ValueError(f"must be a number of seconds greater than 0; got {value!r}")
    return seconds


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


def _flag(value: bool | str) -> bool:
    """A bool from ``conf.py``, or ``1`` / ``0`` from ``-D`` (which Sphinx 7.2 would otherwise
    read as true for any text but ``0``, and later versions refuse for a bool)."""
    if isinstance(value, bool):
        return value
    if value.strip() in ("0", "1"):
        return value.strip() == "1"
    raise ValueError(f"must be True or False (1 or 0 with -D); got {value!r}")


#: JSON files that builders write into the output directory (the JSON builder, linkcheck).
_BUILDER_JSON_FILES = frozenset({"globalcontext.json", "searchindex.json", "output.json"})
#: Characters no file name may hold on some system.
_NOT_IN_FILE_NAMES = re.compile(r'[/\\<>:"|?*\x00-\x1f]')


def _file_name(value: str) -> str:
    """A plain ``.json`` file name that no builder writes, or "" for none: the report can
    neither leave the output directory nor replace a page, an inventory or an asset."""
    if not value:
        return value
    if _NOT_IN_FILE_NAMES.search(value) or value in (".", ".."):
        raise ValueError(f"must be a plain file name such as 'rai.json', or ''; got {value!r}")
    if value.startswith((".", "_")):
        raise ValueError(
            "must not start with '.' or '_', as the builders' own files and folders do "
            f"(.buildinfo, _static); got {value!r}"
        )
    if not value.lower().endswith(".json") or value.lower() in _BUILDER_JSON_FILES:
        raise ValueError(
            "must end in '.json' and not be a file a builder writes (searchindex.json, "
            f"globalcontext.json, output.json), so that no output is replaced; got {value!r}"
        )
    return value


def _kinds(value: Any) -> tuple[Kind, ...]:
    return options.kinds(",".join(_strings(value, "a kind name")))


def _columns(value: str | int) -> tuple[int, int, int, int]:
    return options.columns(str(value))


def _setting(default: Any, types: tuple[type, ...], parse: Callable[[Any], Any], help: str) -> Any:
    """A field of :class:`RaiConfig`: the ``conf.py`` default, the types ``conf.py`` may give,
    the parser to the ready value (raises :class:`ValueError`), and help for the docs."""
    return field(metadata={"default": default, "types": types, "parse": parse, "help": help})


_NONE = type(None)


@dataclass(frozen=True)
class RaiConfig:
    """The validated, ready-to-use configuration of one build (``rai_`` + field name)."""

    index: tuple[IndexEntry, ...] = _setting(
        [],
        (str, list, tuple),
        _entries,
        "Index files to merge over the bundled index, in order; paths are relative to the "
        "directory holding ``conf.py``. The suffix gives the format: ``.yaml``, ``.yml``, "
        "``.json``, ``.toml``, ``.md`` or ``.markdown``. See :doc:`user-index`. An entry "
        "may also be the ``https://`` URL of an index in any of these formats, fetched once "
        "per build through a cache, and pinned to the SHA-256 of its content by ending it "
        "with ``#sha256=`` and the 64 hex digits; see :doc:`remote`.",
    )
    bundled_index: bool = _setting(
        True,
        (bool,),
        _flag,
        "Include the index that ships with the extension. With ``False``, only the "
        ":confval:`rai_index` files are used.",
    )
    cache_days: int = _setting(
        DEFAULT_CACHE_DAYS,
        (int, str),
        _cache_days,
        "Days a remote index (see :doc:`remote`) is used from the cache without asking its "
        "server; after that, the next build asks again, conditionally, so an unchanged index "
        "costs a short answer. ``0`` asks on every build; a negative number never asks again "
        "once a copy is cached. A pinned entry whose cached copy matches its SHA-256 is "
        "never fetched again.",
    )
    timeout: float = _setting(
        DEFAULT_TIMEOUT,
        (int, float, str),
        _timeout,
        "Seconds a fetch of one remote index may take in all, connecting and reading "
        "included. After that the build goes on with the cached copy, and a ``rai.fetch`` "
        "warning.",
    )
    allow_http: tuple[str, ...] = _setting(
        [],
        (str, list, tuple),
        _hosts,
        "Hosts, as ``name`` or ``name:port``, from which remote indexes may be fetched over "
        "plain ``http``. Every other remote index must be ``https``, and no redirect leads "
        "from ``https`` to ``http``.",
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
        "against. Without it, a recognisable copy of the upstream page resolves them where "
        "Microsoft Learn publishes it; in other files they resolve against a "
        ":confval:`rai_base_url` with a path of its own, or are left out with a ``rai.url`` "
        "warning. YAML, JSON and TOML files set this in their own ``page_url`` key.",
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
        _flag,
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
        _flag,
        'Open guidance links in a new browser tab (HTML ``target="_blank"``, with '
        '``rel="noopener noreferrer"``). This applies to the directive and the role.',
    )
    footer: bool = _setting(
        True,
        (bool,),
        _flag,
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
        'build; ``""`` writes none. A plain file name ending in ``.json``: no directories, '
        "no name starting with ``.`` or ``_`` (the builders' own, such as ``_static``), and "
        "not ``searchindex.json``, ``globalcontext.json`` or ``output.json``, which builders "
        "write, so the report never replaces other output.",
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
        _flag,
        "Warn (``rai.coverage``) where a page names a service with the :rst:role:`rai` role "
        "but shows none of its guidance with a directive.",
    )
    search_all_text: bool = _setting(
        False,
        (bool,),
        _flag,
        "Put all the text of guidance blocks into the HTML search index: document labels, "
        "kind headings, the footer. By default the index gets the names of the services "
        "shown, their families and the block's title, so that a search finds the pages that "
        "show a service, and the words every block repeats do not make every page a match.",
    )
    html_nodes: bool = _setting(
        False,
        (bool,),
        _flag,
        "Write guidance blocks in HTML from their node tree, as the other builders do, rather "
        "than as one prepared string per block. The HTML is the same; the build is slower. "
        "Turn it on for a theme or extension that overrides how docutils nodes are written "
        "in HTML, or that reads the guidance's nodes in ``doctree-resolved`` (see "
        ":ref:`doctree`).",
    )
    warn_former_names: bool = _setting(
        False,
        (bool,),
        _flag,
        "Warn (``rai.deprecated_name``) at each directive or role that names a service or "
        "family by a former product name (a name of its rename group that came before the "
        "one the index uses), such as ``LUIS`` or ``family:Computer Vision``; the warning "
        "names the current name. The name still works. Later names and your index's own "
        "aliases are not warned about. See :ref:`former-names`.",
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

    @property
    def accepted(self) -> tuple[type, ...]:
        """The types Sphinx may pass: those of ``conf.py``, and for a bool the text of
        ``-D name=1`` or ``-D name=0``, which the parser reads."""
        return (*self.types, str) if bool in self.types else self.types


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name="rai_" + f.name, **f.metadata) for f in fields(RaiConfig)
)


def declare(app: Sphinx) -> None:
    """Declare every ``rai_*`` value with its type, and validate them at ``config-inited``."""
    for setting in SETTINGS:
        first_sentence = setting.help.split(". ")[0].rstrip(".") + "."
        add_config_value(app, setting.name, setting.default, setting.accepted, first_sentence)
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
        if not isinstance(value, setting.accepted):
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
    for entry in values["index"]:
        if isinstance(entry, RemoteSource):
            try:
                check_source(entry.url, values["allow_http"])
            except UnsafeSourceError as err:
                raise ConfigError(f"rai_index: {err}") from None
    return RaiConfig(**values)

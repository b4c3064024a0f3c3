"""Every ``rai_*`` configuration value, declared once and validated at ``config-inited``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from . import options
from .diagnostics import Subtype, warn
from .kinds import Kind
from .urls import DEFAULT_BASE_URL, UnsafeURLError, check_safe, locale_for_language, valid_locale

#: The ``rai_locale`` value that takes the locale from the project's ``language``.
AUTO_LOCALE = "auto"


@dataclass(frozen=True)
class Setting:
    """One configuration value: its default, accepted types and a check of its value."""

    name: str
    default: Any
    types: tuple[type, ...]
    check: Callable[[Any], Any] | None = None
    doc: str = ""


def _paths(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) and i for i in items):
        raise ValueError("must be a path or a list of paths (strings)")
    return list(items)


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


def _max_age(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or value < 0):
        raise ValueError(f"must be a number of days (0 or more) or None; got {value!r}")
    return value


def _file_name(value: str) -> str:
    if value and (value in (".", "..") or "/" in value or "\\" in value):
        raise ValueError(f"must be a plain file name such as 'rai.json', or ''; got {value!r}")
    return value


def _kinds(value: str | list[str] | tuple[str, ...]) -> tuple[Kind, ...]:
    text = value if isinstance(value, str) else ",".join(value)
    return options.kinds(text)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "rai_index",
        [],
        (str, list, tuple),
        _paths,
        "Index files (relative to the conf dir) merged over the bundled index, in order.",
    ),
    Setting(
        "rai_bundled_index", True, (bool,), None, "Include the index that ships with the extension."
    ),
    Setting(
        "rai_base_url",
        DEFAULT_BASE_URL,
        (str,),
        _base_url,
        "Site-absolute targets (/path) in index files resolve against this URL.",
    ),
    Setting(
        "rai_page_url",
        None,
        (str, type(None)),
        _page_url,
        "Page-relative targets (./x.md) in Markdown index files resolve against this URL.",
    ),
    Setting(
        "rai_locale",
        None,
        (str, type(None)),
        _locale,
        "Insert this locale (en-us, de-de, ...) into Microsoft Learn links; 'auto' derives it "
        "from 'language'.",
    ),
    Setting(
        "rai_keep_context",
        True,
        (bool,),
        None,
        "Keep the 'context' query parameter of Microsoft Learn links.",
    ),
    Setting(
        "rai_default_layout",
        "cards",
        (str,),
        options.layout,
        "Layout when a directive gives none: cards, table or list.",
    ),
    Setting(
        "rai_default_kinds",
        [],
        (str, list, tuple),
        _kinds,
        "Kinds of document shown when a directive gives none; empty shows all.",
    ),
    Setting(
        "rai_default_columns",
        "1 2 2 3",
        (str, int),
        lambda v: options.columns(str(v)),
        "Cards per row at the xs, sm, md and lg breakpoints (one or four numbers).",
    ),
    Setting(
        "rai_link_text",
        "label",
        (str,),
        options.link_text,
        "Link text: the document's published 'label', or its 'kind' heading.",
    ),
    Setting("rai_new_tab", False, (bool,), None, "Open guidance links in a new browser tab."),
    Setting(
        "rai_footer",
        True,
        (bool,),
        None,
        "Show the source of the guidance and its review date under cards, tables and lists.",
    ),
    Setting(
        "rai_max_age_days",
        None,
        (int, type(None)),
        _max_age,
        "Warn when an index used for the build was reviewed more than this many days ago.",
    ),
    Setting(
        "rai_coverage_file",
        "rai.json",
        (str,),
        _file_name,
        "File name of the coverage report written to the output directory ('' for none).",
    ),
    Setting(
        "rai_required_kinds",
        [],
        (list, tuple, str),
        _kinds,
        "Kinds of document every cited service must show on some page, e.g. ['transparency'].",
    ),
    Setting(
        "rai_check_mentions",
        False,
        (bool,),
        None,
        "Warn when a page names a service with the rai role but shows none of its guidance.",
    ),
    Setting(
        "rai_warn_former_names",
        False,
        (bool,),
        None,
        "Warn (rai.deprecated_name) when a page names a service or family by a former name.",
    ),
)


@dataclass(frozen=True)
class RaiConfig:
    """The validated, ready-to-use configuration of one build."""

    index: tuple[str, ...]
    bundled_index: bool
    base_url: str
    page_url: str | None
    locale: str | None
    keep_context: bool
    default_layout: options.Layout
    default_kinds: tuple[Kind, ...]
    default_columns: tuple[int, int, int, int]
    link_text: options.LinkText
    new_tab: bool
    footer: bool
    max_age_days: int | None
    coverage_file: str
    required_kinds: tuple[Kind, ...]
    check_mentions: bool
    warn_former_names: bool


def declare(app: Sphinx) -> None:
    """Declare every ``rai_*`` value with its type, and validate them at ``config-inited``."""
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, "env", types=setting.types, description=setting.doc
        )
    app.connect("config-inited", validate)


def validate(app: Sphinx, config: Config) -> None:
    """Check every value; a bad one ends the build with a :class:`ConfigError` naming it."""
    rai_config = read_config(config)
    if rai_config.locale is None and str(config.rai_locale).lower() == AUTO_LOCALE:
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
        if setting.check is not None:
            try:
                value = setting.check(value)
            except ValueError as err:
                raise ConfigError(f"{setting.name}: {err}") from None
        values[setting.name.removeprefix("rai_")] = value
    values["index"] = tuple(values["index"])
    if values["locale"] == AUTO_LOCALE:
        values["locale"] = locale_for_language(config.language)
    return RaiConfig(**values)

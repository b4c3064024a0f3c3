"""The one warning type of the extension and its documented subtypes.

Every warning is logged as ``type="rai"`` with one of the subtypes below, always with a
location, so ``suppress_warnings = ["rai.unknown_service"]`` silences exactly one kind. The
documentation's table of subtypes is made from :class:`Subtype`.
"""

from __future__ import annotations

from enum import StrEnum

from docutils import nodes
from sphinx.util import logging

from ..core.model import AmbiguousServiceError, ServiceLookupError
from ..core.problems import Problem

WARNING_TYPE = "rai"
logger = logging.getLogger("sphinxext_rai")


class Subtype(StrEnum):
    """Documented warning subtypes (``rai.<subtype>`` in ``suppress_warnings``), each with
    the reST text that documents when it is raised."""

    help: str

    def __new__(cls, value: str, help: str) -> Subtype:
        member = str.__new__(cls, value)
        member._value_ = value
        member.help = help
        return member

    UNKNOWN_SERVICE = (
        "unknown_service",
        "A name in a directive or role matches no service or family. The closest names are "
        "suggested.",
    )
    AMBIGUOUS_SERVICE = (
        "ambiguous_service",
        "A name matches several services, for example a leaf name two families share. The "
        "candidates are listed.",
    )
    OPTION = (
        "option",
        "A directive option or a role's kind has a value that cannot be used, or the role is "
        "given a ``family:`` name. The directive uses the default instead; the role shows "
        "plain text.",
    )
    EMPTY = (
        "empty",
        "Nothing is left to show: a directive names no service, no service named has a "
        "document of the kinds asked for, or a role's service has no document of its kind.",
    )
    INDEX = (
        "index",
        "An index file is missing, not a regular file (a directory, a named pipe, a "
        "device), unreadable, not valid YAML, JSON, TOML or UTF-8, too large, empty, or "
        "breaks the schema; a string in it holds a control or invisible character or a lone "
        "surrogate (see :ref:`trust-model`); a Markdown page has a link it does not read "
        "(nested, in a table, in HTML); or two services claim the same name or slug. "
        "Whatever part of the file is sound still loads.",
    )
    FETCH = (
        "fetch",
        "A remote index in :confval:`rai_index` could not be fetched: no network, a timeout "
        "(:confval:`rai_timeout`), an HTTP error, a redirect that is not allowed, a response "
        "over the size limit, content that is not the pinned SHA-256 or cannot be read; or "
        "its cache cannot be written. The warning names the URL, the cause and the age of "
        "the cached copy, which the build uses instead; without one, the entry is left out. "
        "See :doc:`remote`.",
    )
    URL = (
        "url",
        "A link in an index file has a target that is not allowed or cannot be resolved (see "
        ":doc:`user-index`). The document is left out.",
    )
    LABEL = (
        "label",
        "The kind of a document in an index file is not given and cannot be inferred from "
        "its label or URL. The document is kept as ``other``.",
    )
    REFERENCE = (
        "reference",
        "A :rst:role:`rai:service` or :rst:role:`rai:guidance` reference finds no target: the "
        "name matches no service, the target is not ``SERVICE/KIND``, or no page (here or in "
        "an intersphinx inventory) shows it. The text is left unlinked.",
    )
    COVERAGE = (
        "coverage",
        "The coverage policy is not met: a cited service's required kind of document "
        "(:confval:`rai_required_kinds`) is shown nowhere, or a page names a service with the "
        "role but shows none of its guidance (:confval:`rai_check_mentions`).",
    )
    STALE = (
        "stale",
        "An index used for the build is older than :confval:`rai_max_age_days` allows, or "
        "has no review date.",
    )
    CONFIG = (
        "config",
        "The configuration leaves the build without any index: ``rai_bundled_index`` is "
        '``False`` and ``rai_index`` is empty; or :confval:`rai_locale` is ``"auto"`` and no '
        "locale can be told from ``language`` (the links then get none); or what is at "
        ":confval:`rai_coverage_file` in the output directory is a directory or a symbolic "
        "link, which the report does not replace. Invalid values stop the build with a "
        "``ConfigError`` instead (see :ref:`configuration`).",
    )
    PLACEMENT = (
        "placement",
        "A ``rai-guidance`` or ``rai-coverage`` directive is used where its output cannot "
        "appear: in a substitution definition (``.. |name| rai-guidance::``), which holds "
        "inline text only. Nothing is rendered; write the directive where the guidance "
        "should appear.",
    )
    DEPRECATED_NAME = (
        "deprecated_name",
        "Only with :confval:`rai_warn_former_names`: a directive or role names a service or "
        "family by a former product name. The name still finds its service.",
    )
    DEPRECATED_SYNTAX = (
        "deprecated_syntax",
        "A :rst:role:`rai` role is written in its old form, ``:rai:`Face <privacy>```: a "
        "service, then a kind in angle brackets. The link is still made, with the service's "
        "name as written for its text; the warning gives the new form, "
        "``:rai:`Face <Face/privacy>``` (the same link text) or ``:rai:`Face/privacy``` (the "
        "default text). Also raised when the target in angle brackets is both a kind and a "
        "service name, so that the old form cannot be told from a link to that service: it "
        "is read as the service.",
    )


_SUBTYPE_OF_PROBLEM: dict[str, Subtype] = {"url": Subtype.URL, "label": Subtype.LABEL}

Where = str | tuple[str, int | None] | nodes.Node | None


def warn(message: str, subtype: Subtype, location: Where) -> None:
    """Log a typed, located warning."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def warn_problem(problem: Problem) -> None:
    """Log a problem found in index data at its file location.

    Sphinx reads a location without a colon as a page name, so a file without a line number
    is named in the message instead.
    """
    subtype = _SUBTYPE_OF_PROBLEM.get(problem.code, Subtype.INDEX)
    where = problem.location
    if where is not None and where.line is not None:
        warn(problem.message, subtype, str(where))
    elif where is not None:
        warn(f"{where.path}: {problem.message}", subtype, None)
    else:
        warn(problem.message, subtype, None)


def note_problem(note: Problem) -> None:
    """Log a note about index data (a document a newer index replaced, a page that mixes
    layouts) at its file location: information, not a warning."""
    where = note.location
    location = str(where) if where is not None and where.line is not None else None
    prefix = f"{where.path}: " if where is not None and location is None else ""
    logger.info(f"{prefix}{note.message}", location=location)


def warn_lookup(error: ServiceLookupError, location: Where, hint: str = "") -> None:
    """Report a name that selects no service (or too many), with the closest names, and
    *hint* (a clause saying what the name was read as) after them."""
    ambiguous = isinstance(error, AmbiguousServiceError)
    subtype = Subtype.AMBIGUOUS_SERVICE if ambiguous else Subtype.UNKNOWN_SERVICE
    warn(f"{error}{hint}", subtype, location)

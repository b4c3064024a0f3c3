"""The one warning type of the extension and its documented subtypes.

Every warning is logged as ``type="rai"`` with one of the subtypes below, always with a
location, so ``suppress_warnings = ["rai.unknown_service"]`` silences exactly one kind.
"""

from __future__ import annotations

from enum import StrEnum

from docutils import nodes
from sphinx.util import logging

from .index import AmbiguousServiceError, ServiceLookupError
from .problems import Problem

WARNING_TYPE = "rai"
logger = logging.getLogger("sphinxext_rai")


class Subtype(StrEnum):
    """Documented warning subtypes (``rai.<subtype>`` in ``suppress_warnings``)."""

    #: A name in a page matches no service or family; the closest names are suggested.
    UNKNOWN_SERVICE = "unknown_service"
    #: A name in a page matches several services; the candidates are listed.
    AMBIGUOUS_SERVICE = "ambiguous_service"
    #: A directive or role option has a value it cannot use; the default is used instead.
    OPTION = "option"
    #: Nothing is left to show: no names given, or every document filtered out.
    EMPTY = "empty"
    #: An index file is missing, unreadable, malformed, or conflicts with another.
    INDEX = "index"
    #: A link in an index file has an unsafe or unresolvable URL and was dropped.
    URL = "url"
    #: The kind of a guidance document could not be told from its label or URL.
    LABEL = "label"
    #: The configuration leaves the build without any index to look services up in, or
    #: ``rai_locale = 'auto'`` finds no locale for the project's ``language``.
    CONFIG = "config"
    #: A ``rai:service`` / ``rai:guidance`` cross-reference has no target in the project.
    REFERENCE = "reference"
    #: The project's policy (``rai_required_kinds``, ``rai_check_mentions``) is not met.
    COVERAGE = "coverage"
    #: An index used for the build is older than ``rai_max_age_days`` allows, or undated.
    STALE = "stale"
    #: A page names a service or family by a former product name (``rai_warn_former_names``).
    DEPRECATED_NAME = "deprecated_name"


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


def warn_lookup(error: ServiceLookupError, location: Where) -> None:
    """Report a name that selects no service (or too many), with the closest names."""
    ambiguous = isinstance(error, AmbiguousServiceError)
    warn(str(error), Subtype.AMBIGUOUS_SERVICE if ambiguous else Subtype.UNKNOWN_SERVICE, location)

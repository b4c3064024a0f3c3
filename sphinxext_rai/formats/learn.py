"""Recognising a copy of the upstream Microsoft Learn page, and where Learn publishes it.

The page "Responsible use of AI with Azure AI services" lived at
``/azure/cognitive-services/responsible-use-of-ai-overview`` while its ``ms.service`` was
``cognitive-services`` (2021-22) and at ``/azure/ai-services/...`` since it is
``azure-ai-services``; translated copies are published under their ``ms.contentlocale``
(``/de-de/azure/...``). Knowing that, page-relative links of a copy resolve where the page
really is, not against the site root.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.names import normalise_name
from ..core.urls import DEFAULT_BASE_URL, valid_locale

#: ``ms.service`` of the page -> the folder it is published in.
FOLDERS: dict[str, str] = {
    "cognitive-services": "cognitive-services",
    "azure-ai-services": "ai-services",
}
PAGE_NAME = "responsible-use-of-ai-overview"
#: The front-matter title of the English page, and how its H1 (or the H1's anchor in a
#: translated copy) begins, in every version.
_TITLE = normalise_name("Overview of Responsible use of AI")
_H1_START = normalise_name("Responsible use of AI with")


def page_url(meta: Mapping[str, str], h1: str | None, h1_anchor: str | None) -> str | None:
    """Where Microsoft Learn publishes the page with this front matter and H1, when it is
    recognisably the upstream page; None otherwise."""
    folder = FOLDERS.get(meta.get("ms.service", "").strip().lower())
    if folder is None or not _is_upstream(meta.get("title", ""), h1, h1_anchor):
        return None
    locale = meta.get("ms.contentlocale", "").strip().lower()
    prefix = f"{locale}/" if locale and valid_locale(locale) else ""
    return f"{DEFAULT_BASE_URL}/{prefix}azure/{folder}/{PAGE_NAME}"


def _is_upstream(title: str, h1: str | None, h1_anchor: str | None) -> bool:
    if normalise_name(title) == _TITLE:
        return True
    return any(normalise_name(t or "").startswith(_H1_START) for t in (h1, h1_anchor))

"""Translation of the labels the extension itself writes (kind headings, table headers, ...).

The labels come from the message catalog ``sphinxext_rai`` in ``locale/``, picked by the
project's ``language``; warnings and log messages stay in English, as in Sphinx itself.
Names, titles and labels that come from index data are never translated.

How to mark a new label:

* Call :func:`_` on the English text where the node is built, at render time::

      from .i18n import _
      paragraph = nodes.paragraph("", _("Last checked on %(date)s") % {"date": date})

  Use ``%(name)s`` placeholders, never f-strings, so translators see the whole sentence.
* For a string kept in a module-level constant, mark it with
  :func:`~sphinxext_rai.core.messages.N_` (which only marks it for extraction) and pass the
  constant to :func:`_` where it is used. Do not call :func:`_` at import time: the result
  would be fixed in whatever language was active.
* Run ``make catalogs``: it extracts the messages into ``locale/sphinxext_rai.pot``,
  merges them into every language's ``.po``, and compiles the ``.mo`` files. Translate the
  new entries in each ``.po`` and run ``make catalogs`` again. The tests fail while a
  message is untranslated or a ``.mo`` is older than its ``.po``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..core.kinds import Kind
from ..core.messages import N_

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The name of the message catalog: ``locale/LANG/LC_MESSAGES/sphinxext_rai.mo``.
MESSAGE_CATALOG = "sphinxext_rai"
LOCALE_DIR = Path(__file__).with_name("locale")

_translate = get_translation(MESSAGE_CATALOG)


def _(message: str) -> str:
    """*message* in the language of the build (English when there is no translation)."""
    return str(_translate(message))


def kind_heading(kind: Kind) -> str:
    """The heading of *kind* in the language of the build."""
    return _(kind.heading)


# Translators: a service's guidance document, as links name it: "Face: Transparency note".
DOCUMENT_TITLE = N_("%(service)s: %(kind)s")


def document_title(service: str, kind: Kind) -> str:
    """What a link to *service*'s document of *kind* says when the author gives no text:
    the service and the kind's heading, in the language of the build."""
    return _(DOCUMENT_TITLE) % {"service": service, "kind": kind_heading(kind)}


def register(app: Sphinx) -> None:
    """Load the catalog for the project's ``language``."""
    app.add_message_catalog(MESSAGE_CATALOG, LOCALE_DIR)

"""What the example pages must show, taken from the index files and the page sources (never
from the extension's output): the documents each link may lead to, and the cards per row
each directive asks for."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import sphinxext_rai

BUNDLED = Path(sphinxext_rai.__file__).parent / "formats" / "data" / "azure-ai-services.json"
EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"

#: The heading each kind of document is shown under (README, "Kinds"; tables and cards).
HEADINGS = {
    "transparency": "Transparency note",
    "limitations": "Characteristics and limitations",
    "integration": "Integration and responsible use",
    "privacy": "Data, privacy, and security",
    "limited-access": "Limited access",
    "code-of-conduct": "Code of conduct",
    "disclosure": "Disclosure",
    "deployment": "Responsible deployment",
    "research": "Research insights",
    "other": "Other guidance",
}


@dataclass(frozen=True)
class Document:
    """One guidance document of one service."""

    service: str
    label: str
    kind: str
    url: str

    @property
    def heading(self) -> str:
        return HEADINGS[self.kind]


#: example_project/_data/contoso.yaml, its targets resolved by hand against its base_url and
#: page_url (a page-relative ``.md`` target loses the suffix).
CONTOSO = (
    Document(
        "Contoso - Vision Model",
        "Vision Model card",
        "transparency",
        "https://docs.contoso.example/ai/models/vision/model-card",
    ),
    Document(
        "Contoso - Vision Model",
        "Known limitations of the Vision Model",
        "limitations",
        "https://docs.contoso.example/ai/models/vision/limitations",
    ),
    Document(
        "Contoso - Vision Model",
        "How the Vision Model handles customer images",
        "privacy",
        "https://docs.contoso.example/ai/models/vision/data-handling",
    ),
    Document(
        "Contoso - Vision Model",
        "Responsible AI review board",
        "other",
        "mailto:rai-review@contoso.example",
    ),
    Document(
        "Contoso - Document Summarizer",
        "Document Summarizer model card",
        "transparency",
        "https://docs.contoso.example/ai/models/summarizer/model-card",
    ),
    Document(
        "Contoso - Document Summarizer",
        "Evaluation of summary faithfulness",
        "research",
        "https://docs.contoso.example/ai/models/summarizer/evaluation",
    ),
    Document(
        "Azure AI Vision - Face",
        "Contoso policy on storing face data",
        "privacy",
        "https://docs.contoso.example/ai/policies/face-data",
    ),
)


def documents() -> dict[str, list[Document]]:
    """Every document the example project's index holds, by URL (one URL can serve several
    services)."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    found: dict[str, list[Document]] = {}
    bundled = [
        Document(s["name"], g["label"], g["kind"], g["url"])
        for s in data["services"]
        for g in s["guidance"]
    ]
    for doc in (*bundled, *CONTOSO):
        found.setdefault(doc.url, []).append(doc)
    return found


#: Cards per row at the xs, sm, md and lg breakpoints unless a directive says otherwise
#: (README: ``rai_default_columns``, which the example project does not set).
DEFAULT_COLUMNS = (1, 2, 2, 3)
_DIRECTIVE = re.compile(r"^\.\. rai-guidance::")
_OPTION = re.compile(r"^\s+:([a-z-]+):\s*(.*)$")


_INCLUDE = re.compile(r"^\.\. include:: (.+)$")


def source_lines(path: Path) -> list[str]:
    """The lines of an RST page with the files it includes (the example snippets) in place."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        include = _INCLUDE.match(line)
        lines += source_lines(path.parent / include[1]) if include else [line]
    return lines


def card_columns(page: str) -> list[tuple[int, int, int, int]]:
    """Cards per row at each breakpoint for each card directive of an RST page, in order.
    Only directives at the start of a line count: examples in code blocks are indented."""
    lines = source_lines(EXAMPLE / f"{page}.rst")
    grids: list[tuple[int, int, int, int]] = []
    for number, line in enumerate(lines):
        if not _DIRECTIVE.match(line):
            continue
        options = {}
        for following in lines[number + 1 :]:
            if not following.strip():
                break
            option = _OPTION.match(following)
            if option:
                options[option[1]] = option[2].strip()
        if options.get("layout", "cards") != "cards":
            continue
        columns = [int(n) for n in options.get("columns", "").split()] or list(DEFAULT_COLUMNS)
        if len(columns) == 1:
            columns *= 4
        xs, sm, md, lg = columns
        grids.append((xs, sm, md, lg))
    return grids

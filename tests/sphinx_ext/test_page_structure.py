"""Where the directive stands in a page: ids stay unique across MyST ``eval-rst`` blocks, a
substitution definition gets a warning instead of nothing, and index entries keep names whole."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from sphinx.environment.adapters.indexentries import IndexEntries
from sphinx.testing.util import SphinxTestApp

MakeApp = type[SphinxTestApp]


def make_project(root: Path, pages: dict[str, str], conf: str = "") -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["sphinxext_rai", "myst_parser"]\n'
        'source_suffix = {".rst": "restructuredtext", ".md": "markdown"}\n' + conf,
        encoding="utf-8",
    )
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_an_eval_rst_block_repeating_a_service_gets_ids_of_its_own(
    make_app: MakeApp, tmp_path: Path
) -> None:
    page = (
        "# Twice\n\n```{rai-guidance} Face\n```\n\n"
        "```{eval-rst}\n.. rai-guidance:: Face\n```\n\n"
        "```{rai-guidance} Face\n```\n"
    )
    app = make_app("html", srcdir=make_project(tmp_path / "p", {"index.md": page}))
    app.build()
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert {"rai-azure-ai-vision-face", "rai-azure-ai-vision-face-2"} <= set(ids)
    assert "rai-azure-ai-vision-face-3" in ids


def test_in_a_substitution_definition_the_directive_warns(
    make_app: MakeApp, tmp_path: Path
) -> None:
    page = (
        "Substitution\n============\n\n"
        "Guidance: |face|.\n\n"
        ".. |face| rai-guidance:: Face\n\n"
        ".. |report| rai-coverage::\n"
    )
    app = make_app("html", srcdir=make_project(tmp_path / "p", {"index.rst": page}))
    app.build()
    warnings = app.warning.getvalue()
    for line, name in ((6, "rai-guidance"), (8, "rai-coverage")):
        assert re.search(
            rf"index\.rst:{line}: WARNING: {name} cannot be used in a substitution definition"
            r".*\[rai\.placement\]",
            warnings,
        ), warnings
    # Nothing of it is put where the definition stands.
    assert "rai-guidance" not in (Path(app.outdir) / "index.html").read_text("utf-8")


def test_a_semicolon_in_a_name_does_not_split_index_entries(
    make_app: MakeApp, tmp_path: Path
) -> None:
    index = (
        "services:\n  - name: 'Contoso; Research - Vision; Beta'\n    guidance:\n"
        "      - label: Transparency note\n        url: https://contoso.example/tn\n"
    )
    page = "Index\n=====\n\n.. rai-guidance:: Vision; Beta\n"
    root = make_project(
        tmp_path / "p", {"index.rst": page, "index.yaml": index}, 'rai_index = ["index.yaml"]\n'
    )
    app = make_app("html", srcdir=root)
    app.build()
    assert app.warning.getvalue() == ""
    entries = {
        unicodedata.normalize("NFC", entry): [
            unicodedata.normalize("NFC", sub) for sub, _sub_links in subentries
        ]
        for _letter, group in IndexEntries(app.env).create_index(app.builder)
        for entry, (_links, subentries, _key) in group
    }
    assert entries["Contoso; Research - Vision; Beta (AI service)"] == []
    assert entries["Contoso; Research"] == ["Vision; Beta"]

"""Snapshots of the documented examples.

Each example of the documentation is a snippet in ``example_project/snippets``, once in RST
(``NAME.rst``) and once in MyST Markdown (``NAME.md``); the pages show and render those files.
Here every snippet is built as a page of its own, the RST ones in one project and the MyST
ones in another, each with the example project's configuration, and the pseudo-XML of what
the page renders in HTML is compared with the reviewed snapshot
``test_snippets/NAME.xml``. Both forms of a snippet must give that same doctree.

After a deliberate change of the output, ``pytest tests/sphinx_ext/test_snippets.py
--force-regen`` rewrites the snapshots; review the difference before committing it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from docutils import nodes
from pytest_regressions.file_regression import FileRegressionFixture
from sphinx.testing.util import SphinxTestApp

import sphinxext_rai
from sphinxext_rai.sphinx_ext.blocks import expanded_doctree

EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"
BUNDLED = Path(sphinxext_rai.__file__).parent / "formats" / "data" / "azure-ai-services.json"
SNIPPETS = EXAMPLE / "snippets"
NAMES = sorted(path.stem for path in SNIPPETS.glob("*.rst"))
#: Each format's suffix, the heading its page starts with, and its root page's table of
#: contents.
FORMATS = {
    "rst": (".rst", "{name}\n{underline}\n\n", ".. toctree::\n   :hidden:\n\n{entries}\n"),
    "myst": (".md", "# {name}\n\n", "```{{toctree}}\n:hidden:\n\n{entries}\n```\n"),
}


def write_project(target: Path, suffix: str, heading: str, toctree: str) -> Path:
    """The example project's configuration and data, with a page per snippet of one format."""
    shutil.copytree(EXAMPLE / "_data", target / "_data")
    shutil.copytree(EXAMPLE / "_ext", target / "_ext")
    shutil.copy(EXAMPLE / "conf.py", target / "conf.py")
    for name in NAMES:
        snippet = (SNIPPETS / f"{name}{suffix}").read_text(encoding="utf-8")
        title = heading.format(name=name, underline="=" * len(name))
        (target / f"{name}{suffix}").write_text(title + snippet, encoding="utf-8")
    index = heading.format(name="index", underline="=====") + toctree.format(
        entries="\n".join(f"   {name}" if suffix == ".rst" else name for name in NAMES)
    )
    (target / f"index{suffix}").write_text(index, encoding="utf-8")
    return target


def normalised(text: str, srcdir: Path) -> str:
    """*text* without what depends on the machine, the release or the docutils version (before
    0.22, pseudo-XML writes a true or false attribute as ``"True"`` or ``"False"``, from 0.22
    as ``"1"`` or ``"0"``)."""
    text = text.replace(str(srcdir), "<srcdir>")
    text = re.sub(r'(\w)="True"', r'\1="1"', text)
    text = re.sub(r'(\w)="False"', r'\1="0"', text)
    return re.sub(rf"\b{re.escape(sphinxext_rai.__version__)}\b", "<version>", text)


def join_text(tree: nodes.Element) -> None:
    """Merge neighbouring text nodes: MyST makes a text node of each line break, RST keeps
    the lines of a paragraph in one, and the writers make the same of both."""
    for element in tree.findall(nodes.Element):
        for index in range(len(element.children) - 1, 0, -1):
            before, after = element.children[index - 1], element.children[index]
            if isinstance(before, nodes.Text) and isinstance(after, nodes.Text):
                element.children[index - 1 : index + 1] = [nodes.Text(before + after)]


@dataclass(frozen=True)
class Rendering:
    """What a snippet's page renders below its heading: its pseudo-XML, and the service and
    address of each guidance link in it."""

    xml: str
    links: list[tuple[str, str]]


def rendered(app: SphinxTestApp, name: str) -> Rendering:
    """Page *name* as the HTML builder writes it (each guidance block's node tree, after the
    post-transforms: links resolved, coverage filled in)."""
    doctree = expanded_doctree(app.env, name)
    app.env.apply_post_transforms(doctree, name)
    section = next(doctree.findall(nodes.section))
    join_text(section)
    body = "".join(child.pformat() for child in section.children[1:])
    links = [
        (link["rai_service"], link["refuri"])
        for link in section.findall(nodes.reference)
        if "rai_service" in link
    ]
    return Rendering(normalised(body, app.srcdir), links)


@pytest.fixture(scope="module")
def doctrees(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Rendering]]]:
    """For each format, each snippet's rendering."""
    found: dict[str, dict[str, Rendering]] = {}
    for form, (suffix, heading, toctree) in FORMATS.items():
        srcdir = write_project(tmp_path_factory.mktemp(form), suffix, heading, toctree)
        app = SphinxTestApp("html", srcdir=srcdir)
        try:
            app.build()
            assert app.warning.getvalue() == "", form
            found[form] = {name: rendered(app, name) for name in NAMES}
        finally:
            app.cleanup()
    yield found


def published() -> set[tuple[str, str]]:
    """Each (service, address) of the example's indexes, read from the files themselves: the
    bundled index and ``_data/contoso.yaml``, whose paths resolve against its own URLs."""
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    pairs = {(s["name"], g["url"]) for s in bundled["services"] for g in s["guidance"]}
    own = yaml.safe_load((EXAMPLE / "_data" / "contoso.yaml").read_text(encoding="utf-8"))
    for service in own["services"]:
        for document in service["guidance"]:
            url = document["url"]
            if url.startswith("/"):
                url = urljoin(own["base_url"], url)
            elif url.startswith("./"):
                url = urljoin(own["page_url"], url).removesuffix(".md")
            pairs.add((service["name"], url))
    return pairs


def test_every_snippet_has_both_forms() -> None:
    assert NAMES
    assert sorted(path.stem for path in SNIPPETS.glob("*.md")) == NAMES


def test_every_snippet_is_shown_and_rendered_in_the_documentation() -> None:
    pages = {
        path: path.read_text(encoding="utf-8")
        for path in EXAMPLE.rglob("*")
        if path.suffix in (".rst", ".md")
        and not {"snippets", "_data", "_build"} & set(path.relative_to(EXAMPLE).parts)
    }
    for snippet in SNIPPETS.iterdir():
        path = rf"\S*snippets/{re.escape(snippet.name)}$"
        source = re.compile(rf"(literalinclude::|\{{literalinclude\}}) {path}", re.M)
        include = re.compile(rf"(?<!literal)(include::|\{{include\}}) {path}", re.M)
        shown = [page for page, text in pages.items() if source.search(text)]
        rendered = [page for page, text in pages.items() if include.search(text)]
        # Every RST snippet is on a page; the MyST pages show some of the MyST forms.
        if snippet.suffix == ".rst" or shown:
            assert shown and rendered == shown, snippet.name


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("form", FORMATS)
def test_snippet_renders_as_in_its_snapshot(
    doctrees: dict[str, dict[str, Rendering]],
    file_regression: FileRegressionFixture,
    form: str,
    name: str,
) -> None:
    file_regression.check(doctrees[form][name].xml, basename=name, extension=".xml")


@pytest.mark.parametrize("name", NAMES)
def test_rst_and_myst_give_the_same_doctree(
    doctrees: dict[str, dict[str, Rendering]], name: str
) -> None:
    assert doctrees["myst"][name] == doctrees["rst"][name]


@pytest.mark.parametrize("name", NAMES)
def test_every_guidance_link_leads_to_a_document_of_its_service(
    doctrees: dict[str, dict[str, Rendering]], name: str
) -> None:
    links = doctrees["rst"][name].links
    assert set(links) <= published()
    if name != "coverage":
        assert links


def test_readme_example_is_the_snippet_its_screenshot_shows() -> None:
    """The README's screenshot is of the first example of the cards page (``make
    screenshots``); the source above it is that example's snippet."""
    cards_page = (EXAMPLE / "layouts" / "cards.rst").read_text(encoding="utf-8")
    first = re.search(r"^\.\. include:: \.\./snippets/(\S+)$", cards_page, re.M)
    assert first is not None
    snippet = (SNIPPETS / first[1]).read_text(encoding="utf-8")
    readme = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    assert f"```rst\n{snippet}```\n" in readme

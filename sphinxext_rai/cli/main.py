"""Command line: ``python -m sphinxext_rai list | show | validate | export | import | diff |
fetch``."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import asdict, replace
from pathlib import Path
from typing import TextIO

from .._version import __version__
from ..core.diff import IGNORABLE, compare
from ..core.kinds import Kind
from ..core.merge import merge
from ..core.model import Index, ServiceLookupError
from ..core.options import kinds as parse_kinds
from ..core.problems import Problem
from ..core.renames import other_names
from ..core.urls import DEFAULT_BASE_URL, present, valid_locale
from ..formats import FORMATS, ReadResult, format_of_suffix, read_bytes, read_path, read_text
from ..formats.bundled import load_bundled
from ..formats.cache import CachedCopy, RemoteCache, find_cache_dir, timestamp
from ..formats.export import EXPORT_FORMATS, guidance_dict, render, service_dict
from ..formats.fetch import FetchError, UnsafeSourceError, check_source
from ..formats.remote import DEFAULT_TIMEOUT, Fetched, Policy, fetch_index, parse_entry
from .diff_report import REPORT_FORMATS, to_dict
from .diff_report import render as render_diff
from .http import requests_get
from .plural import count

#: Stands for the bundled index where ``diff`` expects a file.
BUNDLED = ":bundled:"
IMPORT_FORMATS = ("yaml", "json")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status: 0 ok; 1 problems found, or for
    ``diff`` differences found; 2 usage error, or for ``diff`` and ``import`` trouble. The
    status is the same when standard output is closed before the end (``| head -1``)."""
    parser = _parser()
    args = parser.parse_args(argv)
    stdout = sys.stdout
    sys.stdout = output = _Output(stdout)
    try:
        status = int(args.run(args))
        output.flush()
    finally:
        sys.stdout = stdout
    return status


class _Output(io.TextIOBase):
    """Standard output that, once its reader has gone (a pipe into ``head``), takes what
    is written and drops it, so the command still finishes and tells its exit status."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._reader_gone()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def _reader_gone(self) -> None:
        self._gone = True
        # What is still buffered goes nowhere when Python flushes the stream at exit.
        with suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinxext-rai",
        description="Inspect, check and convert responsible-AI guidance indexes.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--index",
        action="append",
        default=[],
        metavar="FILE",
        help="an index file (.md, .yaml, .json, .toml) merged over the bundled one; repeatable",
    )
    parser.add_argument("--no-bundled", action="store_true", help="leave out the bundled index")
    parser.add_argument(
        "--index-format",
        choices=sorted(FORMATS),
        help="read --index files in this format whatever their suffix",
    )
    parser.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help="resolve site-absolute targets against this URL (default: %(default)s)",
    )
    parser.add_argument("--page-url", help="resolve page-relative targets against this URL")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    listing = commands.add_parser(
        "list", help="list the services in the index", description="List the services in the index."
    )
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.add_argument("--family", help="only the services of this family")
    listing.set_defaults(run=_list)

    show = commands.add_parser(
        "show",
        help="show one service and its guidance documents",
        description="Show one service and its guidance documents.",
    )
    show.add_argument("service", help="a name, slug, alias or unique leaf name, or family:NAME")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--kinds", help="comma-separated kinds of document to show")
    show.add_argument(
        "--strip-context", action="store_true", help="drop the 'context' query parameter from URLs"
    )
    show.add_argument("--locale", help="insert a locale such as en-us into Microsoft Learn URLs")
    show.set_defaults(run=_show)

    validate = commands.add_parser(
        "validate",
        help="check index files and report every problem",
        description="Check index files; print each problem as FILE:LINE:COLUMN: message. "
        "Exit status 1 when any file has a problem.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(run=_validate)

    export = commands.add_parser(
        "export",
        help="write the index as JSON, YAML or upstream-style Markdown",
        description="Write the (merged) index as JSON or YAML in the structured schema, or as "
        "Markdown in the upstream service layout.",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    export.set_defaults(run=_export)

    importer = commands.add_parser(
        "import",
        help="turn a copy of the upstream Markdown page into a structured index file",
        description="Read a copy of the upstream Markdown page (service or category layout) "
        "and write it as a YAML or JSON index file for rai_index, keeping its source, review "
        "date and content hash. Problems in the page are printed on standard error; exit "
        "status 1 when there were any (what loaded is still written), 2 when nothing could "
        "be read or written.",
    )
    importer.add_argument("page", metavar="PAGE", help="the Markdown page, whatever its suffix")
    importer.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    importer.add_argument(
        "--to",
        choices=IMPORT_FORMATS,
        help="the format to write (default: json for an --output ending in .json, else yaml)",
    )
    importer.set_defaults(run=_import)

    differ = commands.add_parser(
        "diff",
        help="compare two indexes",
        description="Compare two indexes, in any format: services added, removed and renamed, "
        "documents added, removed and changed. Exit status 0 when they are the same, 1 when "
        "they differ, 2 when a file cannot be read or has problems (printed on standard "
        "error).",
    )
    differ.add_argument("old", metavar="OLD", nargs="?", help=f"the older index file, or {BUNDLED}")
    differ.add_argument("new", metavar="NEW", nargs="?", help=f"the newer index file, or {BUNDLED}")
    differ.add_argument(
        "--cached",
        metavar="DIR",
        help="compare each remote index cached by a build with the copy its last change "
        "replaced; DIR is the build's doctree directory (sphinx-build -d; OUTPUT/.doctrees "
        "without it), and OLD, if given, the URL of one remote index",
    )
    differ.add_argument(
        "--old-format", choices=sorted(FORMATS), help="read OLD in this format (default: suffix)"
    )
    differ.add_argument(
        "--new-format", choices=sorted(FORMATS), help="read NEW in this format (default: suffix)"
    )
    differ.add_argument("--format", choices=REPORT_FORMATS, default="text")
    differ.add_argument(
        "--ignore",
        type=_ignorable,
        action="append",
        default=[],
        metavar="url,label,context",
        help="leave out changes of document URLs, labels, or URLs only in their 'context' "
        "query parameter; repeatable",
    )
    differ.add_argument(
        "--old-page-url", help="resolve OLD's page-relative targets against this URL"
    )
    differ.add_argument(
        "--new-page-url", help="resolve NEW's page-relative targets against this URL"
    )
    differ.add_argument(
        "--allow-problems",
        action="store_true",
        help="compare what loaded even when the files have problems; the exit status then "
        "tells only whether they differ",
    )
    differ.set_defaults(run=_diff)

    fetcher = commands.add_parser(
        "fetch",
        help="download a remote index into a file, to keep a snapshot in the repository",
        description="Download the index at URL with the rules of a build (https only, unless "
        "--allow-http names the host; no redirect from https to http; the size limit; the "
        "timeout; a '#sha256=HEX' pin checked), check that it reads, and write its bytes as "
        "received. Problems in the index are printed on standard error; exit status 1 when "
        "there were any (the file is still written), 2 when nothing could be fetched, read "
        "or written.",
    )
    fetcher.add_argument("url", metavar="URL", help="https URL of an index, optionally #sha256=HEX")
    fetcher.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write to this file, not stdout; its suffix must name the index's format",
    )
    fetcher.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds the whole download may take (default: %(default)s)",
    )
    fetcher.add_argument(
        "--allow-http",
        action="append",
        default=[],
        metavar="HOST",
        help="allow plain http from this host (name or name:port); repeatable",
    )
    fetcher.add_argument(
        "--cacert", metavar="FILE", help="trust the CA certificates in this PEM file"
    )
    fetcher.set_defaults(run=_fetch)
    return parser


def _ignorable(text: str) -> list[str]:
    """``url,labels,context`` -> ["url", "label", "context"]; an unknown field is a usage
    error."""
    fields: list[str] = []
    for item in text.split(","):
        field = item.strip().lower().removesuffix("s")
        if field not in IGNORABLE:
            raise argparse.ArgumentTypeError(
                f"{item.strip()!r} cannot be ignored; expected {' or '.join(IGNORABLE)}"
            )
        fields.append(field)
    return fields


def _load(args: argparse.Namespace) -> tuple[Index, bool]:
    """The bundled index merged with --index files, and whether they had problems (each
    goes to stderr)."""
    indexes = [] if args.no_bundled else [load_bundled()]
    problems: list[Problem] = []
    for name in args.index:
        result = read_path(
            name, base_url=args.base_url, page_url=args.page_url, fmt=args.index_format
        )
        problems.extend(result.problems)
        indexes.append(result.index)
    merged = merge(indexes)
    problems.extend(merged.problems)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    for note in merged.notes:
        print(f"note: {note}", file=sys.stderr)
    return merged.index, bool(problems)


def _list(args: argparse.Namespace) -> int:
    index, problems = _load(args)
    services = index.services
    if args.family:
        try:
            services = index.family(args.family)
        except ServiceLookupError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    if args.format == "json":
        payload = {
            "service_count": len(services),
            "link_count": sum(len(s.guidance) for s in services),
            "provenance": [asdict(p) for p in index.provenance],
            "services": [service_dict(s) for s in services],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 1 if problems else 0
    width = max((len(s.name) for s in services), default=0)
    for service in services:
        kinds = ", ".join(dict.fromkeys(g.kind.value for g in service.guidance))
        print(f"{service.name:<{width}}  {kinds}")
    print(f"{len(services)} services, {sum(len(s.guidance) for s in services)} links")
    return 1 if problems else 0


def _show(args: argparse.Namespace) -> int:
    index, problems = _load(args)
    kinds: tuple[Kind, ...] | None = None
    if args.kinds:
        try:
            kinds = parse_kinds(args.kinds)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    if args.locale and not valid_locale(args.locale):
        print(f"error: {args.locale!r} is not a locale such as en-us", file=sys.stderr)
        return 2
    try:
        services = index.select(args.service)
    except ServiceLookupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    shown: list[dict[str, object]] = []
    for service in services:
        keep = not args.strip_context
        docs = [
            guidance_dict(replace(g, url=present(g.url, keep_context=keep, locale=args.locale)))
            for g in service.documents(kinds)
        ]
        others = {"other_names": list(other_names(service.name))}
        shown.append(service_dict(service, full=True) | others | {"guidance": docs})
    if args.format == "json":
        print(json.dumps(shown if len(shown) > 1 else shown[0], indent=2, ensure_ascii=False))
    else:
        for entry in shown:
            print(_show_text(entry))
    return 1 if problems else 0


def _show_text(entry: dict[str, object]) -> str:
    lines = [str(entry["name"])]
    if entry["family"]:
        lines.append(f"  family:  {entry['family']}")
    lines.append(f"  slug:    {entry['slug']}")
    aliases = entry["aliases"]
    if isinstance(aliases, list) and aliases:
        lines.append(f"  aliases: {', '.join(aliases)}")
    others = entry["other_names"]
    if isinstance(others, list) and others:
        lines.append(f"  also:    {', '.join(others)}")
    docs = entry["guidance"]
    assert isinstance(docs, list)
    for doc in docs:
        label = doc.get("label") or Kind(doc["kind"]).heading
        lines.append(f"  - {label} [{doc['kind']}]\n    {doc['url']}")
    if not docs:
        lines.append("  (no guidance documents)")
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        result = read_path(
            name, base_url=args.base_url, page_url=args.page_url, fmt=args.index_format
        )
        for problem in result.problems:
            print(str(problem) if problem.location else f"{name}: {problem}")
        for note in result.notes:
            print(f"note: {note}")
        if result.problems:
            failed = True
            print(
                f"{name}: {count(len(result.problems), 'problem')}; "
                f"{count(len(result.index), 'service')} would load"
            )
        else:
            print(
                f"{name}: ok, {count(len(result.index), 'service')}, "
                f"{count(result.index.link_count, 'link')}"
            )
    return 1 if failed else 0


def _export(args: argparse.Namespace) -> int:
    index, problems = _load(args)
    if not _write(render(index, args.format), args.output):
        return 2
    return 1 if problems else 0


def _import(args: argparse.Namespace) -> int:
    result = read_path(args.page, base_url=args.base_url, page_url=args.page_url, fmt="markdown")
    _print_problems(args.page, result)
    if not len(result.index):
        print(f"error: {args.page}: no service could be read; nothing written", file=sys.stderr)
        return 2
    suffix = args.output.suffix.lower() if args.output else ""
    fmt = args.to or ("json" if suffix == ".json" else "yaml")
    text = render(result.index, fmt)
    index = result.index
    back = read_text(text, fmt, source=str(args.output or "output"))
    if back.problems or (len(back.index), back.index.link_count) != (len(index), index.link_count):
        for problem in back.problems:
            print(f"error: the {fmt} written would not load: {problem}", file=sys.stderr)
        print(
            f"error: {args.page}: the {fmt} output does not read back; nothing written",
            file=sys.stderr,
        )
        return 2
    if not _write(text, args.output):
        return 2
    problems = f"; {count(len(result.problems), 'problem')}" if result.problems else ""
    print(
        f"{args.page}: {count(len(index), 'service')}, {count(index.link_count, 'link')} "
        f"imported as {fmt}{problems}",
        file=sys.stderr,
    )
    return 1 if result.problems else 0


def _diff(args: argparse.Namespace) -> int:
    if args.cached is not None:
        if args.new is not None:
            print("error: diff --cached takes at most one URL", file=sys.stderr)
            return 2
        return _diff_cached(args)
    if args.old is None or args.new is None:
        print("error: diff needs OLD and NEW (or --cached DIR)", file=sys.stderr)
        return 2
    sides: list[Index] = []
    problems = False
    sides_given = (
        (args.old, args.old_format, args.old_page_url),
        (args.new, args.new_format, args.new_page_url),
    )
    for name, fmt, page_url in sides_given:
        result = _read_side(name, fmt or args.index_format, page_url or args.page_url, args)
        _print_problems(name, result)
        if not len(result.index):
            print(f"error: {name}: no service could be read", file=sys.stderr)
            return 2
        problems = problems or bool(result.problems)
        sides.append(result.index)
    if problems and not args.allow_problems:
        print(
            "error: the indexes have problems; nothing compared (--allow-problems compares "
            "what loaded)",
            file=sys.stderr,
        )
        return 2
    diff = compare(*sides).ignoring({f for group in args.ignore for f in group})
    sys.stdout.write(render_diff(diff, args.format, old_name=args.old, new_name=args.new))
    return 1 if diff.differs else 0


def _diff_cached(args: argparse.Namespace) -> int:
    """``diff --cached DIR [URL]``: each cached remote index against its previous copy."""
    directory = find_cache_dir(args.cached)
    if directory is None:
        print(f"error: no cache of remote indexes in {args.cached}", file=sys.stderr)
        return 2
    cache = RemoteCache(directory)
    if args.old is not None:
        try:
            source = parse_entry(args.old)
        except UnsafeSourceError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        url = source.url if source else args.old
        if cache.current(url) is None:
            print(f"error: {url} is not in the cache in {args.cached}", file=sys.stderr)
            return 2
        urls = [url]
    else:
        urls = cache.urls()
    ignored = {f for group in args.ignore for f in group}
    reports: list[str] = []
    data: list[dict[str, object]] = []
    differs = False
    for url in urls:
        current, previous = cache.current(url), cache.previous(url)
        assert current is not None
        if previous is None:
            print(
                f"{url}: unchanged since it was first fetched ({timestamp(current.fetched)})",
                file=sys.stderr,
            )
            continue
        diff = compare(_read_copy(previous, args), _read_copy(current, args)).ignoring(ignored)
        differs = differs or diff.differs
        names = {
            "old_name": f"previous copy (fetched {timestamp(previous.fetched)})",
            "new_name": f"current copy (fetched {timestamp(current.fetched)})",
        }
        reports.append(render_diff(diff, "text", **names))
        data.append(to_dict(diff, **names))
    if args.format == "json":
        payload = data[0] if args.old is not None and data else data
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("\n".join(reports))
    return 1 if differs else 0


def _read_copy(copy: CachedCopy, args: argparse.Namespace) -> Index:
    return read_bytes(
        copy.body, copy.fmt, source=copy.url, base_url=args.base_url, page_url=args.page_url
    ).index


def _fetch(args: argparse.Namespace) -> int:
    """``fetch URL [-o FILE]``: a checked snapshot of a remote index, byte for byte."""
    try:
        source = parse_entry(args.url)
        if source is None:
            raise UnsafeSourceError(f"{args.url!r} is not a URL")
        check_source(source.url, args.allow_http)
    except UnsafeSourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    policy = Policy(timeout=args.timeout, allow_http=tuple(args.allow_http))
    try:
        fetched = fetch_index(
            source,
            requests_get(args.cacert),
            policy,
            base_url=args.base_url,
            page_url=args.page_url,
        )
    except FetchError as err:
        print(f"error: cannot fetch {source.url}: {err}", file=sys.stderr)
        return 2
    assert isinstance(fetched, Fetched)  # not conditional: never "not modified"
    if args.output is not None and format_of_suffix(args.output.suffix) != fetched.fmt:
        print(
            f"error: {args.output} would not be read as {fetched.fmt}; give it a suffix "
            f"of that format",
            file=sys.stderr,
        )
        return 2
    _print_problems(source.url, fetched.read)
    if not _write_bytes(fetched.download.body, args.output):
        return 2
    index = fetched.read.index
    problems = f"; {count(len(fetched.read.problems), 'problem')}" if fetched.read.problems else ""
    where = f"written to {args.output}" if args.output else "written"
    print(
        f"{source.url}: {count(len(index), 'service')}, {count(index.link_count, 'link')}, "
        f"sha256 {fetched.sha256}; {where}{problems}",
        file=sys.stderr,
    )
    return 1 if fetched.read.problems else 0


def _read_side(
    name: str, fmt: str | None, page_url: str | None, args: argparse.Namespace
) -> ReadResult:
    """One side of ``diff``: an index file, or the bundled index."""
    if name == BUNDLED:
        return ReadResult(load_bundled())
    return read_path(name, base_url=args.base_url, page_url=page_url, fmt=fmt)


def _print_problems(name: str, result: ReadResult) -> None:
    """Each problem of a file on standard error, as FILE:LINE:COLUMN: message [code], then
    each note."""
    for problem in result.problems:
        print(str(problem) if problem.location else f"{name}: {problem}", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)


def _write(text: str, output: Path | None) -> bool:
    """Write *text* to *output*, or to stdout without one; False (and a message) when the
    file cannot be written."""
    if output is None:
        sys.stdout.write(text)
        return True
    return _write_bytes(text.encode("utf-8"), output)


def _write_bytes(data: bytes, output: Path | None) -> bool:
    """Write *data* to *output*, or to stdout without one; False (and a message) when the
    file cannot be written."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return True
    try:
        output.write_bytes(data)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        print(f"error: cannot write {output}: {reason}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())

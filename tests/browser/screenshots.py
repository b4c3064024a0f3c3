"""Screenshots of a cards page and a table page, light and dark, under furo: the pictures in
the README and the example project. Run ``make screenshots`` to regenerate them."""

from __future__ import annotations

import argparse
import sys
import tempfile
from base64 import b64decode
from pathlib import Path
from typing import Any

from . import chromium
from .showcase import EXAMPLE, Build, sphinx_build

THEME = "furo"
#: Name, page and which guidance block of the page to capture.
SHOTS = (("cards", "layouts/cards", 0), ("table", "layouts/table", 0))
SCHEMES = ("light", "dark")
#: Page background kept around the block, in CSS pixels.
MARGIN = 16
TARGET = EXAMPLE / "_static" / "screenshots"
#: Hide everything but the block (the page background stays); return the area to capture.
ISOLATE = """
const block = document.querySelectorAll(".rai-guidance")[arguments[0]];
const margin = arguments[1];
document.body.style.visibility = "hidden";
block.style.visibility = "visible";
const r = block.getBoundingClientRect();
return {x: r.left + scrollX - margin, y: r.top + scrollY - margin,
        width: r.width + 2 * margin, height: r.height + 2 * margin, scale: 1};
"""


def capture(driver: Any, build: Build, target: Path) -> list[Path]:
    """Write ``NAME-SCHEME.png`` for each shot into *target*; return the files."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    chromium.set_width(driver, chromium.DESKTOP)
    try:
        for scheme in SCHEMES:
            chromium.set_color_scheme(driver, scheme)
            for name, page, index in SHOTS:
                chromium.open_page(driver, build.page(page))
                clip = driver.execute_script(ISOLATE, index, MARGIN)
                shot = driver.execute_cdp_cmd(
                    "Page.captureScreenshot",
                    {"format": "png", "clip": clip, "captureBeyondViewport": True},
                )
                path = target / f"{name}-{scheme}.png"
                path.write_bytes(b64decode(shot["data"]))
                written.append(path)
    finally:
        chromium.set_color_scheme(driver, "light")
    return written


def main(argv: list[str] | None = None) -> int:
    """Build the example project with furo and capture the screenshots."""
    parser = argparse.ArgumentParser(prog="make screenshots", description=__doc__)
    parser.add_argument("target", nargs="?", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    reason = chromium.missing()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        build = sphinx_build(EXAMPLE, Path(tmp), "html", {"SPHINX_THEME": THEME}, "-nW")
        if build.returncode:
            print(build.stderr, file=sys.stderr)
            return 1
        with chromium.chromium() as driver:
            for path in capture(driver, build, args.target):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

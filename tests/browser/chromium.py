"""Debian's Chromium, headless, driven through its own chromedriver (never a downloaded one)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Debian's packages; the variables point elsewhere (or at nothing, to see the checks skip).
CHROMIUM = Path(os.environ.get("RAI_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("RAI_CHROMEDRIVER", "/usr/bin/chromedriver"))
#: Headless, offline and quiet: no sandbox (CI runs as root), no network of its own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
)
PHONE = 375
DESKTOP = 1280
HEIGHT = 900


def missing() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.is_file():
            return f"{path} is missing (Debian package {package})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install -e '.[browser]')"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium session with a fresh profile, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="rai-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={DESKTOP},{HEIGHT}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_width(driver: Any, width: int, height: int = HEIGHT) -> None:
    """Lay the page out as on a screen *width* CSS pixels wide."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def set_color_scheme(driver: Any, scheme: str) -> None:
    """Report *scheme* (``light`` or ``dark``) as the reader's preferred colour scheme."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def open_page(driver: Any, path: Path) -> None:
    """Load a built page from disk and wait for its fonts and first layout, with transitions
    and animations off so that a resized page is measured in its final layout. Stored
    settings are cleared first: every ``file:`` page shares one origin, and themes remember
    their colour scheme there under the same key."""
    if driver.current_url.startswith("file:"):
        driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.get(path.as_uri())
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const still = document.createElement('style');"
        "still.textContent = '*, *::before, *::after {"
        " transition: none !important; animation: none !important; }';"
        "document.head.append(still);"
        "document.fonts.ready.then(() => requestAnimationFrame(() => done(true)));"
    )


def settle(driver: Any) -> None:
    """Wait until the page has been laid out and painted again (after a resize)."""
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
    )

"""The command line's HTTP client for remote indexes: ``requests``, with the package's
user agent and, when given, an extra CA bundle to trust."""

from __future__ import annotations

from collections.abc import Mapping

import requests

from .._version import __version__
from ..formats.fetch import Get, Response

USER_AGENT = f"sphinxext-rai/{__version__}"


def requests_get(cacert: str | None = None) -> Get:
    """A GET that streams the body and leaves redirects to the caller; *cacert* is a PEM
    file of certificates to trust instead of the default ones."""
    verify: str | bool = cacert if cacert else True

    def get(url: str, headers: Mapping[str, str], timeout: float) -> Response:
        return requests.get(
            url,
            headers={"User-Agent": USER_AGENT, **headers},
            timeout=timeout,
            stream=True,
            allow_redirects=False,
            verify=verify,
        )

    return get

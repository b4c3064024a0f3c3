"""The command line: ``sphinxext-rai list | show | validate | export | import | diff``."""

from .main import main

__all__ = ["main"]

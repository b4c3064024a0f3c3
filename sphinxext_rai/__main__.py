"""``python -m sphinxext_rai``: the command line."""

from .cli import main

raise SystemExit(main())

"""``python -m integfacts``: the same as the ``integfacts`` command."""

from integfacts.cli import main

raise SystemExit(main())

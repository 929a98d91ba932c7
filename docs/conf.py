"""Sphinx configuration for the integfacts documentation.

Build (warnings are errors)::

    sphinx-build -W -b html docs docs/_build/html

Nothing is fetched from the network: no intersphinx, no remote assets.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Document the checkout being built, whether or not it is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import integfacts

project = "integfacts"
author = "The integfacts developers"
copyright = "2026, The integfacts developers"
release = integfacts.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]

# MyST Markdown
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc + napoleon (Google-style docstrings)
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # "Attributes:" as fields, not duplicate attribute entries
napoleon_use_rtype = False

nitpicky = False

# HTML
html_theme = "furo"
html_title = f"integfacts {release}"
html_extra_path = ["report.schema.json"]  # served at the site root, next to index.html
pygments_style = "sphinx"
pygments_dark_style = "monokai"

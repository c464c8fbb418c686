"""Explainer timelines: content YAML in, a page tree (HTML pages as Markdown files) out."""

__version__ = "0.1.0"

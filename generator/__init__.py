"""Explainer timelines: content YAML in, a Markdown page tree out."""

__version__ = "0.1.0"

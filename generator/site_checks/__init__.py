"""Checks of a built site: the audit of what each page runs, its Content Security
Policy, and its internal links. They read HTML only, not MkDocs."""

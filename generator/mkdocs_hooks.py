"""MkDocs hooks (see `hooks:` in mkdocs.yml): registration only.

MkDocs runs this file anew on every (re)build; the glue and its state live in
`generator.mkdocs_glue`, imported once.
"""

from generator.mkdocs_glue import (
    on_config,
    on_env,
    on_page_content,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_serve,
    on_startup,
)

__all__ = [
    "on_config",
    "on_env",
    "on_page_content",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_serve",
    "on_startup",
]

"""Stage 3c: the views as a tree of Markdown pages through Jinja2 templates.

`page_table` lists the families of pages and derives the navigation; `renderer`
renders them (`escape` for editor text, `snippets` for repeated pieces,
`network_svg` for the drawing of who talked to whom)."""

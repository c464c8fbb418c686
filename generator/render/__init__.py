"""Stage 3c: the views as a tree of pages through Jinja2 templates: HTML bodies in
Markdown files, which any Markdown engine passes through.

`page_table` lists the families of pages and derives the navigation; `renderer`
renders them (`escape` for editor text, `headings` for headings' ids, `snippets`
for repeated pieces, `network_svg` for the drawing of who talked to whom,
`shared_out` for a large site's pages on the other cores)."""

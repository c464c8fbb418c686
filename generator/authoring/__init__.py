"""Writing content for editors: `timeline new` (a new, valid event) and
`timeline import` (TimelineJS JSON or CSV into content YAML)."""

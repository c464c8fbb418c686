"""Stage 3a: what the pages show, derived once from the validated corpus (`site_view`),
how dates read (`dates_shown`), and every page's address (`addresses`)."""

"""Stage 3b: timelines in the formats other tools read: JSON, CSV, iCalendar, Atom,
TimelineJS, and schema.org JSON-LD. Each module turns the views into one format;
`formats.py` lists them for the build and for `timeline export`."""

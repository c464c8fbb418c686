"""Timelines in the formats other tools read: JSON, CSV, iCalendar, Atom,
TimelineJS, and schema.org JSON-LD. Each module turns validated views into one
format; `exports.py` lists them for the build and for `timeline export`."""

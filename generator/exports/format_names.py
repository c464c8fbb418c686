"""The export formats' names, for the command line's choices: `timeline check`
imports the command line, and need not load the exports themselves."""

FORMAT_NAMES = ("atom", "csv", "excel", "ics", "json", "timelinejs")

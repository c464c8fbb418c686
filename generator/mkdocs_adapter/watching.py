"""What the live preview watches with: the system's file events, edits only.

Imported only when serving (see mkdocs_glue.on_serve), so that a build does not
load the file watcher.
"""

from __future__ import annotations

from typing import Any

from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer


class EditsObserver(Observer):  # inotify on Linux, FSEvents on macOS
    """Reports only what changes a file: the system also reports a file being
    opened or read, and every build reads the content, so every build would
    start another."""

    def schedule(self, event_handler: Any, path: Any, **options: Any) -> Any:
        edits = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent]
        options["event_filter"] = options.get("event_filter") or edits
        return super().schedule(event_handler, path, **options)

"""What `szaktar close` and `szaktar reopen` print: the event appended to closed.yaml, in a line."""

from __future__ import annotations

from ..core.i18n import Lang, format_date
from ..core.labels import label
from ..core.model import Closing, Reopening


def event_line(project_id: str, event: Closing | Reopening, lang: Lang) -> str:
    """`szocialis-halo 2010-03 closed on 6 Apr 2010 by SZ-014: 2 entries, sha256:…`."""
    done = {"project": project_id, "month": event.month, "by": event.by}
    done["date"] = format_date(event.date, lang)
    if isinstance(event, Closing):
        return label("close_done", lang, entries=event.entries, hash=event.hash, **done)
    return label("reopen_done", lang, reason=event.reason, **done)

"""Activities in a workspace: saving them with their search index, and finding them by filter or text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from sqlalchemy import and_, column, delete, func, literal_column, or_, select, table, text
from sqlmodel import Session, col

from habitat_desktop.domain.activity import ActivityFields, Context
from habitat_desktop.domain.models import Activity, ActivityOutcome, ActivityResolution, Office
from habitat_desktop.storage import search_index
from habitat_desktop.storage.catalog_queries import operative_paragraph_ids, resolution_symbols
from habitat_desktop.storage.recorder import Recorder


@dataclass(frozen=True)
class ActivityFilter:
    """What a list of activities is narrowed to; every part is optional."""

    office: str | None = None
    resolution: str | None = None
    outcome: int | None = None
    status: str | None = None
    search: str | None = None
    deleted: bool = False
    # period: activities whose dates overlap [period_start, period_end] (either end open)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    # order of pages: a column of ORDER_COLUMNS, descending or not (the id breaks ties)
    order: str = "updated_at"
    descending: bool = True


ORDER_COLUMNS = (
    "title",
    "resolutions",
    "outcomes",
    "office",
    "status",
    "start_date",
    "end_date",
    "country",
    "updated_at",
)


def validation_context(session: Session, own_office: str) -> Context:
    offices = frozenset(session.scalars(select(col(Office.code)).where(col(Office.deleted).is_(False))))
    return Context(
        own_office=own_office,
        offices=offices | {own_office},
        resolutions=frozenset(resolution_symbols(session)),
        operative_paragraphs=frozenset(operative_paragraph_ids(session)),
    )


def save(recorder: Recorder, fields: ActivityFields, activity_id: str | None = None) -> tuple[Activity, str]:
    """Create or update an activity; return it and what happened: "added", "updated" or "unchanged"."""
    session = recorder.session
    existing = session.get(Activity, activity_id) if activity_id else None
    values = fields.as_dict()
    if existing is None:
        activity = recorder.create(Activity, values, record_id=activity_id)
        outcome = "added"
    else:
        activity = existing
        changed = recorder.update(activity, values)
        if activity.deleted:
            recorder.restore(activity)
            changed.append("deleted")
        outcome = "updated" if changed else "unchanged"
        if not changed:
            return activity, outcome
    reindex(session, activity, new=outcome == "added")
    return activity, outcome


def remove(recorder: Recorder, activity_id: str) -> bool:
    """Delete an activity (a tombstone); False when there is none or it was already deleted."""
    activity = recorder.session.get(Activity, activity_id)
    if activity is None or not recorder.delete(activity):
        return False
    reindex(recorder.session, activity)
    return True


def reindex(session: Session, activity: Activity, *, new: bool = False) -> None:
    """Keep the derived indexes (resolutions, outcomes, full text) in step with the activity."""
    if not new:
        session.flush()  # pending index rows of this activity must be in the table before they are replaced
        session.execute(delete(ActivityResolution).where(col(ActivityResolution.activity_id) == activity.id))
        session.execute(delete(ActivityOutcome).where(col(ActivityOutcome.activity_id) == activity.id))
        session.execute(text("DELETE FROM activity_search WHERE activity_id = :id").bindparams(id=activity.id))
    if activity.deleted:
        return
    session.add_all(ActivityResolution(activity_id=activity.id, resolution_symbol=s) for s in activity.resolutions)
    session.add_all(ActivityOutcome(activity_id=activity.id, outcome_number=n) for n in activity.outcomes)
    session.execute(
        text(search_index.INSERT_ONE).bindparams(
            **search_index.one_activity(
                activity.id, activity.title, activity.description, activity.partners, activity.translations
            )
        )
    )


def _filtered(statement, flt: ActivityFilter):  # type: ignore[no-untyped-def]
    statement = statement.where(col(Activity.deleted).is_(flt.deleted))
    if flt.deleted:  # purged activities (deleted, content emptied) are gone from the Deleted view too
        statement = statement.where(col(Activity.title) != "")
    if flt.office:
        statement = statement.where(col(Activity.office) == flt.office)
    if flt.status:
        statement = statement.where(col(Activity.status) == flt.status)
    if flt.period_start:
        statement = statement.where(or_(col(Activity.end_date).is_(None), col(Activity.end_date) >= flt.period_start))
    if flt.period_end:
        statement = statement.where(or_(col(Activity.start_date).is_(None), col(Activity.start_date) <= flt.period_end))
    if flt.resolution:
        statement = statement.where(
            col(Activity.id).in_(
                select(col(ActivityResolution.activity_id)).where(
                    col(ActivityResolution.resolution_symbol) == flt.resolution
                )
            )
        )
    if flt.outcome:
        statement = statement.where(
            col(Activity.id).in_(
                select(col(ActivityOutcome.activity_id)).where(col(ActivityOutcome.outcome_number) == flt.outcome)
            )
        )
    words = search_index.query_words(flt.search or "")
    if words:
        statement = statement.where(_text_match(words))
    return statement


def _text_match(words: list[str]):  # type: ignore[no-untyped-def]
    """Full-text match of every (folded) word: looked up in the trigram index, or scanned for when shorter than a
    trigram (the unary ``+`` keeps SQLite from asking the index, which cannot answer for them)."""
    matches = []
    for number, word in enumerate(words):
        body = "body" if len(word) >= search_index.INDEXED_LENGTH else "+body"
        condition = text(f"{body} GLOB :q{number}").bindparams(**{f"q{number}": search_index.word_pattern(word)})
        matches.append(
            col(Activity.id).in_(
                select(literal_column("activity_id")).select_from(text("activity_search")).where(condition)
            )
        )
    return and_(*matches)


def count(session: Session, flt: ActivityFilter = ActivityFilter()) -> int:
    """How many activities match a filter."""
    return int(session.scalar(_filtered(select(func.count()).select_from(Activity), flt)) or 0)


def iterate(session: Session, flt: ActivityFilter = ActivityFilter(), *, batch: int = 2000) -> Iterator[Activity]:
    """Activities matching a filter, ordered by id, fetched in batches (memory stays flat)."""
    last = ""
    while True:
        statement = _filtered(select(Activity), flt).where(col(Activity.id) > last).order_by(col(Activity.id))
        rows = list(session.scalars(statement.limit(batch)))
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1].id
        session.expunge_all()


def page(session: Session, flt: ActivityFilter, offset: int, limit: int) -> list[Activity]:
    """A page of activities matching a filter, in the filter's order (newest change first by default)."""
    if flt.order == "updated_at" and not flt.deleted:
        return _recent_page(session, flt, offset, limit)
    column = getattr(Activity, flt.order if flt.order in ORDER_COLUMNS else "updated_at")
    key = col(column).desc() if flt.descending else col(column).asc()
    statement = _filtered(select(Activity), flt).order_by(key, col(Activity.id))
    return list(session.scalars(statement.offset(offset).limit(limit)))


_SEARCH = table("activity_search", column("rowid"), column("activity_id"), column("body"))


def _recent_page(session: Session, flt: ActivityFilter, offset: int, limit: int) -> list[Activity]:
    """Newest saved first, walking the search index backwards (each save re-inserts the activity there), so the
    first page of a filter or a search is read without sorting or counting everything that matches."""
    statement = select(Activity).join(_SEARCH, _SEARCH.c.activity_id == col(Activity.id))
    statement = _filtered(statement, replace(flt, search=None))
    for word in search_index.query_words(flt.search or ""):
        indexed = len(word) >= search_index.INDEXED_LENGTH
        body = _SEARCH.c.body if indexed else literal_column("+activity_search.body")  # "+": scanned, see above
        statement = statement.where(body.op("GLOB")(search_index.word_pattern(word)))
    statement = statement.order_by(_SEARCH.c.rowid.desc()).offset(offset).limit(limit)
    return list(session.scalars(statement))

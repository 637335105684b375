"""The records of a workspace (SQLModel tables) and the version metadata every shared record carries.

Every record an office edits carries, for merging offline workspaces:
- ``id``: a UUID, so records made apart never collide;
- ``version``: the hybrid-logical-clock stamp of its last change (``clock.Stamp``);
- ``field_stamps``: the stamp of the last change of each field, so edits of different fields both survive a merge;
- ``deleted``: a tombstone, so deletions propagate and an older copy cannot bring the record back;
- ``created_by`` / ``changed_by``: the offices that created and last changed it.
Catalog tables (resolutions, outcomes, framework terms, alignment) are reference data shipped with the app.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from habitat_desktop.domain.types import DecimalText

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def new_id() -> str:
    """A fresh record id."""
    return str(uuid.uuid4())


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def _json(default: Any) -> Any:
    return Field(default_factory=lambda: type(default)(), sa_type=JSON, nullable=False)


class Versioned(SQLModel):
    """Columns shared by every record that offices edit and exchange."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: dt.datetime = Field(default_factory=utc_now)
    updated_at: dt.datetime = Field(default_factory=utc_now)
    created_by: str = Field(max_length=16)
    changed_by: str = Field(max_length=16)
    version: str = Field(max_length=40)
    field_stamps: dict[str, str] = _json({})
    deleted: bool = Field(default=False)
    # merge metadata (exchange): the version vector of each field's winning write, the last export it came through
    field_clocks: dict[str, dict[str, int]] = _json({})
    origin_export: str | None = Field(default=None, max_length=36)


class WorkspaceSetting(SQLModel, table=True):
    """Workspace-wide facts: its id, its office, the clock, the app version that last upgraded it."""

    __tablename__ = "workspace_setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str


class Office(Versioned, table=True):
    __tablename__ = "office"
    __table_args__ = (UniqueConstraint("code"),)
    code: str = Field(max_length=16)
    name: str
    country: str = Field(max_length=2)
    kind: str = Field(max_length=16)
    language: str = Field(default="en", max_length=8)  # of the name; its translations as for activities
    translations: dict[str, dict[str, str]] = _json({})
    translation_state: dict[str, dict[str, dict[str, Any]]] = _json({})  # domain/translation_status.py


class Resolution(SQLModel, table=True):
    """A resolution or decision of the UN-Habitat Assembly (catalog data)."""

    __tablename__ = "resolution"
    id: str = Field(primary_key=True, max_length=24)  # "resolution:2/7", "decision:2/1"
    symbol: str = Field(max_length=8, index=True)
    kind: str = Field(max_length=16)
    session: int
    year: int
    document_symbol: str = Field(max_length=32)
    position: int
    titles: dict[str, str] = _json({})


class Outcome(SQLModel, table=True):
    """One of the five outcomes (drivers of implementation) of the Strategic Plan 2026–2029."""

    __tablename__ = "outcome"
    number: int = Field(primary_key=True)
    names: dict[str, str] = _json({})


class FrameworkTerm(SQLModel, table=True):
    """Named parts of the strategic plan: the priority, its domains, the impact areas, the programme's name."""

    __tablename__ = "framework_term"
    kind: str = Field(primary_key=True, max_length=24)  # priority | domain | impact_area | name
    code: str = Field(primary_key=True, max_length=48)
    position: int
    names: dict[str, str] = _json({})


class Alignment(SQLModel, table=True):
    """How a resolution supports the strategic priority ("priority") or an outcome ("outcome:3")."""

    __tablename__ = "alignment"
    resolution_id: str = Field(primary_key=True, foreign_key="resolution.id", max_length=24)
    target: str = Field(primary_key=True, max_length=16)
    level: str = Field(max_length=16)


class OperativeParagraph(SQLModel, table=True):
    """An operative paragraph of a resolution (number and short text), which activities may cite."""

    __tablename__ = "operative_paragraph"
    id: str = Field(primary_key=True, max_length=40)  # "resolution:2/7:3"
    resolution_id: str = Field(foreign_key="resolution.id", max_length=24, index=True)
    number: str = Field(max_length=16)
    position: int
    texts: dict[str, str] = _json({})


class Activity(Versioned, table=True):
    """Something an office does to implement resolutions: a product, event, agreement, training…"""

    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_office_status", "office", "status"),
        # reporting cycles: counting an office's records of a period, and when they last arrived, from the index alone
        Index("ix_activity_office_dates", "office", "end_date", "start_date", "deleted", "origin_export"),
    )
    office: str = Field(max_length=16)
    title: str
    description: str = ""
    status: str = Field(max_length=16)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    country: str | None = Field(default=None, max_length=2)
    city: str | None = None
    product_kind: str | None = Field(default=None, max_length=24)
    language: str = Field(max_length=8)
    resolutions: list[str] = _json([])
    outcomes: list[int] = _json([])
    priority_domains: list[str] = _json([])
    operative_paragraphs: list[str] = _json([])
    partners: list[str] = _json([])
    translations: dict[str, dict[str, str]] = _json({})
    translation_state: dict[str, dict[str, dict[str, Any]]] = _json({})  # domain/translation_status.py


class ActivityResolution(SQLModel, table=True):
    """Index of the resolutions an activity implements (derived from ``Activity.resolutions``)."""

    __tablename__ = "activity_resolution"
    activity_id: str = Field(primary_key=True, foreign_key="activity.id", max_length=36)
    resolution_symbol: str = Field(primary_key=True, max_length=8, index=True)


class ActivityOutcome(SQLModel, table=True):
    """Index of the outcomes an activity serves (derived from ``Activity.outcomes``)."""

    __tablename__ = "activity_outcome"
    activity_id: str = Field(primary_key=True, foreign_key="activity.id", max_length=36)
    outcome_number: int = Field(primary_key=True, index=True)


class Funding(Versioned, table=True):
    """Money pledged or received, for an activity or for a resolution as a whole."""

    __tablename__ = "funding"
    office: str = Field(max_length=16)
    activity_id: str | None = Field(default=None, max_length=36, index=True)
    resolution_symbol: str | None = Field(default=None, max_length=8, index=True)
    amount: Decimal = Field(sa_type=DecimalText, nullable=False)
    currency: str = Field(max_length=3)
    source: str = Field(max_length=24)
    contributor: str = ""
    date: dt.date | None = None
    stage: str = Field(max_length=16)


class ResolutionStatus(Versioned, table=True):
    """How a resolution stands in a reporting period: implementation, resources and a narrative."""

    __tablename__ = "resolution_status"
    office: str = Field(max_length=16)
    resolution_symbol: str = Field(max_length=8, index=True)
    period: str = Field(max_length=16)
    implementation_status: str = Field(max_length=16)
    resources_required: Decimal | None = Field(default=None, sa_type=DecimalText, nullable=True)
    resources_mobilized: Decimal | None = Field(default=None, sa_type=DecimalText, nullable=True)
    currency: str = Field(default="USD", max_length=3)
    funding_situation: str | None = Field(default=None, max_length=24)
    narrative: str = ""
    language: str = Field(default="en", max_length=8)
    translations: dict[str, dict[str, str]] = _json({})
    translation_state: dict[str, dict[str, dict[str, Any]]] = _json({})  # domain/translation_status.py

    @property
    def funding_gap(self) -> Decimal | None:
        """Resources required but not yet mobilized, when both are known (never below zero)."""
        if self.resources_required is None or self.resources_mobilized is None:
            return None
        return max(Decimal(0), self.resources_required - self.resources_mobilized)


class ReportDocument(Versioned, table=True):
    """A report the Secretariat writes (a progress report per period): particulars, meeting, sections in 6 languages.

    Texts are objects keyed by language; ``sections`` holds each section's paragraphs and footnotes in the form of
    ``domain/report_document.py``. Each whole field merges as one value.
    """

    __tablename__ = "report_document"
    office: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    period: str = Field(default="", max_length=16)
    symbol: str = Field(max_length=48, index=True)
    document_date: dt.date | None = None
    distribution: str = Field(default="general", max_length=16)
    original_language: str = Field(default="en", max_length=8)
    meeting: dict[str, Any] = _json({})
    agenda_item: dict[str, Any] = _json({})
    title: dict[str, str] = _json({})
    subtitle: dict[str, str] = _json({})
    author: dict[str, str] = _json({})
    sections: list[dict[str, Any]] = _json([])
    text_state: dict[str, dict[str, dict[str, Any]]] = _json({})  # paragraphs' translations: domain/document_texts.py


class GlossaryTerm(Versioned, table=True):
    """A workspace's glossary entry: a name in each of the six languages (domain/glossary.py), merged per language.

    ``term_key`` is the entry's id in glossary files: a shipped term's id when it overrides that term."""

    __tablename__ = "glossary_term"
    office: str = Field(max_length=16)
    term_key: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=16)
    en: str = Field(default="", max_length=300)
    fr: str = Field(default="", max_length=300)
    es: str = Field(default="", max_length=300)
    ru: str = Field(default="", max_length=300)
    zh: str = Field(default="", max_length=300)
    ar: str = Field(default="", max_length=300)


class Change(SQLModel, table=True):
    """One line of the change log: which office (and person) changed which field of which record, when."""

    __tablename__ = "change"
    # one index serves both finding a record's history and keeping merged change logs free of duplicates
    __table_args__ = (
        Index("ux_change_record_field_stamp", "record_table", "record_id", "field", "stamp", "action", unique=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    record_table: str = Field(max_length=32)
    record_id: str = Field(max_length=36)
    field: str = Field(max_length=48)  # "" for a whole-record event (created, deleted)
    action: str = Field(max_length=16)  # created | updated | deleted | restored | resolved
    old_value: Any = Field(default=None, sa_type=JSON, nullable=True)
    new_value: Any = Field(default=None, sa_type=JSON, nullable=True)
    office: str = Field(max_length=16)
    author: str = ""
    stamp: str = Field(max_length=40)
    changed_at: dt.datetime = Field(default_factory=utc_now)


class FieldConflict(SQLModel, table=True):
    """A losing write of a field, kept after a merge until someone resolves the conflict (never silently lost)."""

    __tablename__ = "field_conflict"
    __table_args__ = (UniqueConstraint("record_table", "record_id", "field", "stamp"),)
    id: int | None = Field(default=None, primary_key=True)
    record_table: str = Field(max_length=32)
    record_id: str = Field(max_length=36)
    field: str = Field(max_length=48)
    stamp: str = Field(max_length=40)
    vector: dict[str, int] = _json({})
    value: str = Field(default="null", sa_type=Text)  # JSON text of the value as stored (TEXT keeps numbers as text)
    office: str = Field(max_length=16)
    detected_at: dt.datetime = Field(default_factory=utc_now)
    merge_id: str | None = Field(default=None, max_length=36)  # the merge that brought it, for bulk choices


class MergeEvent(SQLModel, table=True):
    """One export merged into this workspace: which file, its hash, who signed it, when, what it changed."""

    __tablename__ = "merge_event"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    file_name: str
    content_sha256: str = Field(max_length=64)
    export_id: str = Field(max_length=36)
    signer: str = Field(max_length=16)
    key_fingerprint: str = Field(max_length=64)
    merged_at: dt.datetime = Field(default_factory=utc_now)
    summary: dict[str, Any] = _json({})


class TrustedOffice(SQLModel, table=True):
    """A signing key whose exports this workspace accepts, and its office (an office may have several laptops)."""

    __tablename__ = "trusted_office"
    public_key: str = Field(primary_key=True, max_length=64)
    office: str = Field(max_length=16, index=True)
    fingerprint: str = Field(max_length=64)
    trusted_at: dt.datetime = Field(default_factory=utc_now)


class CycleEvent(SQLModel, table=True):
    """One step of a reporting cycle (a call, submission, withdrawal, decision, reopening or comment): immutable.

    Events travel in exports and merge as a set (by id), so every workspace derives the same cycle state from
    them (``domain/cycles.py``); ``author`` is the office whose workspace wrote it, ``office`` the office it
    concerns (empty for a call)."""

    __tablename__ = "cycle_event"
    __table_args__ = (Index("ix_cycle_event_period_office", "period", "office"),)
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    kind: str = Field(max_length=16)  # open | submit | withdraw | approve | return | reopen | comment
    period: str = Field(default="", max_length=16)
    office: str = Field(default="", max_length=16)
    author: str = Field(max_length=16)
    person: str = ""
    stamp: str = Field(max_length=40)
    due: dt.date | None = None
    offices: list[str] = _json([])
    text: str = ""
    record_table: str | None = Field(default=None, max_length=32)
    record_id: str | None = Field(default=None, max_length=36)
    field: str | None = Field(default=None, max_length=48)
    created_at: dt.datetime = Field(default_factory=utc_now)


class ChangeProposal(SQLModel, table=True):
    """An edit of an approved record that arrived by merge: kept aside for a coordinator to accept or reject."""

    __tablename__ = "change_proposal"
    __table_args__ = (UniqueConstraint("record_table", "record_id", "field", "stamp"),)
    id: int | None = Field(default=None, primary_key=True)
    record_table: str = Field(max_length=32)
    record_id: str = Field(max_length=36)
    field: str = Field(max_length=48)
    stamp: str = Field(max_length=40)
    vector: dict[str, int] = _json({})
    value: str = Field(default="null", sa_type=Text)  # JSON text of the value as stored
    office: str = Field(max_length=16)
    period: str = Field(max_length=16)
    detected_at: dt.datetime = Field(default_factory=utc_now)
    merge_id: str | None = Field(default=None, max_length=36)


VERSIONED_TABLES: dict[str, type[Versioned]] = {
    "office": Office,
    "activity": Activity,
    "funding": Funding,
    "resolution_status": ResolutionStatus,
    "report_document": ReportDocument,
    "glossary_term": GlossaryTerm,
}

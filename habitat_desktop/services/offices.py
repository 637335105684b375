"""Offices known to a workspace: listing them and registering another one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from habitat_desktop.domain import rules
from habitat_desktop.domain.enums import OfficeKind
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.models import Office
from habitat_desktop.l10n import _, quoted_value
from habitat_desktop.l10n.names import translated_name
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.recorder import Recorder


@dataclass(frozen=True)
class OfficeView:
    code: str
    name: str
    country: str
    kind: str


def list_offices(path: Path, language: str | None = None) -> list[OfficeView]:
    """The workspace's offices, each named in the language (the current one by default), else as entered."""
    with storage.opened(Path(path)) as workspace, workspace.reading() as session:
        rows = session.scalars(select(Office).where(col(Office.deleted).is_(False)).order_by(col(Office.code)))
        return [
            OfficeView(o.code, translated_name(o.name, o.translations or {}, language), o.country, o.kind) for o in rows
        ]


def add_office(path: Path, *, code: str, name: str, country: str, kind: str = OfficeKind.COUNTRY.value) -> None:
    """Register an office whose activities this workspace will hold."""
    fields = {
        "code": rules.office_code(code),
        "name": rules.text(name, "name", required=True).strip(),
        "country": rules.country(country, required=True),
        "kind": OfficeKind.parse(kind, "kind").value,
    }
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        if session.scalars(select(Office).where(col(Office.code) == fields["code"])).first():
            raise ValidationError("office", _("office {code} already exists").format(code=fields["code"]))
        Recorder(session, workspace.office).create(Office, fields)


def rename_office(path: Path, code: str, name: str, *, language: str | None = None) -> bool:
    """Change an office's name (and the language it is written in); its translations become outdated. True if
    anything changed."""
    fields: dict[str, str] = {"name": rules.text(name, "name", required=True).strip()}
    if language is not None:
        fields["language"] = rules.language(language, "language")
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        office = session.scalars(select(Office).where(col(Office.code) == rules.office_code(code))).first()
        if office is None or office.deleted:
            raise ValidationError("office", _("unknown office {value}").format(value=quoted_value(code)))
        if office.code != workspace.office:
            raise ValidationError(
                "office",
                _(
                    "office {code} names itself: its name can be changed only in its own workspace, "
                    "and reaches this one in its exports (this workspace is office {own}'s)"
                ).format(code=office.code, own=workspace.office),
            )
        return bool(Recorder(session, workspace.office).update(office, fields))

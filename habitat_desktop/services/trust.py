"""Which offices' signing keys a workspace trusts, and what each signer may write in a merge."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from habitat_desktop.domain.models import TrustedOffice, WorkspaceSetting
from habitat_desktop.exchange.package import ExportError, Manifest, UntrustedSignerError
from habitat_desktop.l10n import _
from habitat_desktop.services.exports import inspect_export
from habitat_desktop.storage import signing_keys
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.write_policy import WritePolicy

__all__ = [
    "TrustedOfficeView",
    "UntrustedSignerError",
    "check_trust",
    "is_own_key",
    "trust_export_signer",
    "trusted_offices",
    "untrust_office",
    "write_policy",
]


def is_own_key(session: Session, manifest: Manifest) -> bool:
    own = session.get(WorkspaceSetting, signing_keys.SETTING)
    return own is not None and signing_keys.public_key(own.value) == manifest.public_key


def write_policy(session: Session, manifest: Manifest) -> WritePolicy:
    """What an export's signer may write: its own office's records, or (a coordinator) pass on any office's."""
    office = session.get(WorkspaceSetting, "office")
    coordinator = is_own_key(session, manifest) or manifest.public_key in signing_keys.coordinator_keys(session)
    return WritePolicy(signer=manifest.office, coordinator=coordinator, own_office=office.value if office else "")


def check_trust(session: Session, path: Path, manifest: Manifest, trust: bool, as_coordinator: bool = False) -> None:
    """Refuse an export whose signer is not trusted (or claims another office); with ``trust``, trust it now."""
    if is_own_key(session, manifest):
        return
    trusted = session.get(TrustedOffice, manifest.public_key)
    if trusted is not None and trusted.office == manifest.office:
        if trust and as_coordinator:
            signing_keys.mark_coordinator(session, manifest.public_key, True)
        return
    if trusted is not None:
        raise ExportError(
            path,
            _("signed with the key of office {trusted}, but it claims to come from office {office}; refused").format(
                trusted=trusted.office, office=manifest.office
            ),
        )
    if not trust:
        raise UntrustedSignerError(path, manifest.office, manifest.public_key)
    session.add(TrustedOffice(office=manifest.office, public_key=manifest.public_key, fingerprint=manifest.fingerprint))
    session.flush()
    if as_coordinator:
        signing_keys.mark_coordinator(session, manifest.public_key, True)


@dataclass(frozen=True)
class TrustedOfficeView:
    office: str
    fingerprint: str
    trusted_at: dt.datetime
    coordinator: bool = False


def trusted_offices(path: Path) -> list[TrustedOfficeView]:
    """The offices whose keys the workspace trusts, and whether each is trusted as a coordinator."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        rows = session.exec(select(TrustedOffice).order_by(col(TrustedOffice.office))).all()
        relays = signing_keys.coordinator_keys(session)
        return [
            TrustedOfficeView(row.office, row.fingerprint, row.trusted_at, row.public_key in relays) for row in rows
        ]


def trust_export_signer(path: Path, file: Path, *, as_coordinator: bool = False) -> TrustedOfficeView:
    """Trust the office that signed an export, with the key it was signed with (as a coordinator, to relay)."""
    manifest = inspect_export(file)
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        existing = session.get(TrustedOffice, manifest.public_key)
        if existing is not None and existing.office != manifest.office:
            raise ExportError(
                Path(file),
                _(
                    "signed with the key of office {trusted}, but it claims to come from office {office}; refused"
                ).format(trusted=existing.office, office=manifest.office),
            )
        row = existing or TrustedOffice(
            office=manifest.office, public_key=manifest.public_key, fingerprint=manifest.fingerprint
        )
        session.add(row)
        session.flush()
        if as_coordinator:
            signing_keys.mark_coordinator(session, manifest.public_key, True)
        coordinator = manifest.public_key in signing_keys.coordinator_keys(session)
        return TrustedOfficeView(row.office, row.fingerprint, row.trusted_at, coordinator)


def untrust_office(path: Path, office: str) -> bool:
    """Stop trusting every key of an office; False when none was trusted."""
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        rows = session.exec(select(TrustedOffice).where(col(TrustedOffice.office) == office.strip().upper()))
        found = False
        for row in rows.all():
            signing_keys.mark_coordinator(session, row.public_key, False)
            session.delete(row)
            found = True
        return found

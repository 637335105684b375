"""Reading the catalog: resolutions with their alignment, outcomes, the framework's names, operative paragraphs."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from habitat_desktop.domain.models import Alignment, FrameworkTerm, OperativeParagraph, Outcome, Resolution


def resolutions(session: Session) -> list[Resolution]:
    """Every resolution and decision, in the Assembly's order."""
    return list(session.scalars(select(Resolution).order_by(col(Resolution.position))))


def resolution_symbols(session: Session) -> list[str]:
    """Symbols of the resolutions activities can implement (decisions are not implemented by activities)."""
    return list(session.scalars(select(col(Resolution.symbol)).where(col(Resolution.kind) == "resolution")))


def alignments(session: Session) -> list[Alignment]:
    return list(session.scalars(select(Alignment)))


def outcomes(session: Session) -> list[Outcome]:
    return list(session.scalars(select(Outcome).order_by(col(Outcome.number))))


def framework_terms(session: Session, kind: str) -> list[FrameworkTerm]:
    statement = select(FrameworkTerm).where(col(FrameworkTerm.kind) == kind).order_by(col(FrameworkTerm.position))
    return list(session.scalars(statement))


def operative_paragraphs(session: Session, resolution_id: str | None = None) -> list[OperativeParagraph]:
    statement = select(OperativeParagraph).order_by(
        col(OperativeParagraph.resolution_id), col(OperativeParagraph.position)
    )
    if resolution_id:
        statement = statement.where(col(OperativeParagraph.resolution_id) == resolution_id)
    return list(session.scalars(statement))


def operative_paragraph_ids(session: Session) -> list[str]:
    """Citable ids of operative paragraphs, e.g. "2/7:3" (resolution symbol and paragraph number)."""
    rows = session.execute(
        select(col(Resolution.symbol), col(OperativeParagraph.number)).join(
            Resolution, col(Resolution.id) == col(OperativeParagraph.resolution_id)
        )
    )
    return [f"{symbol}:{number}" for symbol, number in rows]

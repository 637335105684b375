"""Enumerations of the domain: stable string codes stored in the database, translated only for display."""

from __future__ import annotations

from enum import StrEnum

from habitat_desktop.l10n import N_, _, quoted_value


class Labelled(StrEnum):
    """An enumeration whose members have a translatable label."""

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {}

    def label(self) -> str:
        """The member's name in the current language."""
        return _(self._labels()[self.value])

    @classmethod
    def parse(cls, value: object, field: str) -> Labelled:
        """The member with this code, or a ValidationError naming the field and the allowed codes."""
        from habitat_desktop.domain.errors import ValidationError

        try:
            return cls(str(value).strip())
        except ValueError:
            allowed = ", ".join(member.value for member in cls)
            raise ValidationError(
                field,
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=quoted_value(value), allowed=allowed
                ),
            ) from None


class OfficeKind(Labelled):
    COUNTRY = "country"
    REGIONAL = "regional"
    HEADQUARTERS = "headquarters"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"country": N_("Country office"), "regional": N_("Regional office"), "headquarters": N_("Headquarters")}


class ResolutionKind(Labelled):
    RESOLUTION = "resolution"
    DECISION = "decision"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"resolution": N_("Resolution"), "decision": N_("Decision")}


class SupportLevel(Labelled):
    """How a resolution supports the strategic priority or an outcome, as the Executive Director reports it."""

    DIRECT = "direct"
    FURTHER = "further"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"direct": N_("Direct support"), "further": N_("Further support")}


class PriorityDomain(Labelled):
    HOUSING = "housing"
    LAND = "land"
    BASIC_SERVICES = "basic_services"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"housing": N_("Housing"), "land": N_("Land"), "basic_services": N_("Basic services")}


class ImpactArea(Labelled):
    POVERTY = "poverty"
    HUMANITARIAN_CRISES = "humanitarian_crises"
    CLIMATE_CHANGE = "climate_change"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "poverty": N_("Poverty"),
            "humanitarian_crises": N_("Humanitarian crises"),
            "climate_change": N_("Climate change"),
        }


class ActivityStatus(Labelled):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    STALLED = "stalled"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": N_("Planned"),
            "ongoing": N_("Ongoing"),
            "completed": N_("Completed"),
            "stalled": N_("Stalled"),
            "cancelled": N_("Cancelled"),
        }


class ProductKind(Labelled):
    NORMATIVE_PRODUCT = "normative_product"
    TOOL = "tool"
    PUBLICATION = "publication"
    EVENT = "event"
    TRAINING = "training"
    AGREEMENT = "agreement"
    PLATFORM = "platform"
    PROJECT = "project"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "normative_product": N_("Normative product"),
            "tool": N_("Tool"),
            "publication": N_("Publication"),
            "event": N_("Event"),
            "training": N_("Training"),
            "agreement": N_("Agreement"),
            "platform": N_("Platform"),
            "project": N_("Project"),
            "other": N_("Other"),
        }


class FundingSource(Labelled):
    CORE = "core"
    EARMARKED = "earmarked"
    PARTNER_CONTRIBUTION = "partner_contribution"
    JOINT_FUND = "joint_fund"
    IN_KIND = "in_kind"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "core": N_("Core resources"),
            "earmarked": N_("Earmarked contribution"),
            "partner_contribution": N_("Partner contribution"),
            "joint_fund": N_("Joint fund"),
            "in_kind": N_("In-kind contribution"),
            "other": N_("Other source"),
        }


class FundingStage(Labelled):
    """How far money has come: promised (pledged), set aside for a purpose (allocated), committed by an agreement
    such as a memorandum of understanding (secured), or paid (received)."""

    PLEDGED = "pledged"
    ALLOCATED = "allocated"
    SECURED = "secured"
    RECEIVED = "received"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "pledged": N_("Pledged"),
            "allocated": N_("Allocated"),
            "secured": N_("Secured"),
            "received": N_("Received"),
        }


class ImplementationStatus(Labelled):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ADVANCED = "advanced"
    COMPLETED = "completed"
    STALLED = "stalled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "not_started": N_("Not started"),
            "in_progress": N_("In progress"),
            "advanced": N_("Advanced"),
            "completed": N_("Completed"),
            "stalled": N_("Stalled"),
        }


class FundingSituation(Labelled):
    MOBILIZED = "mobilized"
    PARTIALLY_FUNDED = "partially_funded"
    CORE_ONLY = "core_only"
    SEVERELY_CONSTRAINED = "severely_constrained"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "mobilized": N_("Resources mobilized"),
            "partially_funded": N_("Partially funded"),
            "core_only": N_("Core resources only"),
            "severely_constrained": N_("Severely constrained by lack of funding"),
        }

"""Bringing an exchange file into a city: checked against this installation, shown first
(`plan_import`), then created in one transaction (`import_assessment`).

An import never changes what is there: it creates a new assessment. A signed-off one arrives
signed off and read-only; a draft arrives as the city's draft only when the city has none,
else it comes in signed off, as history, when asked to, or is refused. Owners and the people
in the history become the city's members by e-mail; anyone else stays a name.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import City, Membership, User
from assessments.lifecycle import LIFECYCLE
from assessments.models import (
    ActionRecord,
    ActionStatus,
    Assessment,
    AssessmentStatus,
    EvidenceFile,
    EvidenceLink,
    evidence_path,
)
from audit.log import log
from audit.models import AuditEntry, Kind
from indicators.exchange import import_values
from maturity.models import Action, ModelVersion

from .reader import ExchangeRefused, Incoming, parse_instant

OWNER_LENGTH = ActionRecord._meta.get_field("responsible").max_length


class DraftConflict(ExchangeRefused):
    """The file's assessment is a draft and the city already has one."""


@dataclass
class Plan:
    """What an import will create, for the preview and the confirmation."""

    city: City
    version: ModelVersion
    incoming: Incoming
    draft: Assessment | None  # the city's draft, when the file's is a draft too
    statuses: Counter = field(default_factory=Counter)
    members: dict[str, User] = field(default_factory=dict)  # owners and people found here
    names: list[str] = field(default_factory=list)  # owners who stay free-text names
    links: int = 0
    files: int = 0
    history: int = 0
    not_in_file: list[str] = field(default_factory=list)  # actions created as not started

    @property
    def document(self) -> dict:
        return self.incoming.document

    @property
    def status_rows(self) -> list[tuple[str, int]]:
        """Each action status in words, with how many actions arrive with it."""
        return [(ActionStatus(v).label, self.statuses[v]) for v in ActionStatus.values]

    @property
    def arrives_as_draft(self) -> bool:
        return self.incoming.status == AssessmentStatus.DRAFT and self.draft is None


def _members(city: City | None) -> dict[str, User]:
    if city is None or city.pk is None:
        return {}
    return {
        m.user.email.lower(): m.user
        for m in Membership.objects.filter(city=city).select_related("user")
    }


def plan_import(city: City | None, incoming: Incoming) -> Plan:
    """Check the file against this installation (its model version, the actions' codes, the
    evidence links) and say what the import will create; ExchangeRefused when it cannot."""
    document = incoming.document
    slug = document["model_version"]["slug"]
    version = ModelVersion.objects.filter(slug=slug).first()
    if version is None:
        raise ExchangeRefused(
            _(
                "The file is for the maturity model version “%(slug)s”, which this "
                "installation does not have."
            )
            % {"slug": slug}
        )
    codes = set(Action.objects.for_version(version).values_list("code", flat=True))
    seen: set[str] = set()
    validate_url = URLValidator()
    plan = Plan(city=city, version=version, incoming=incoming, draft=None)
    members = _members(city)
    for i, record in enumerate(document["records"]):
        code = record["code"]
        if code not in codes:
            raise ExchangeRefused(
                _("records[%(i)d]: the action %(code)s is not in the model version “%(slug)s”.")
                % {"i": i, "code": code, "slug": slug}
            )
        if code in seen:
            raise ExchangeRefused(
                _("records[%(i)d]: the action %(code)s is in the file twice.")
                % {"i": i, "code": code}
            )
        seen.add(code)
        if (
            record["status"] == ActionStatus.NOT_APPLICABLE
            and not record.get("na_reason", "").strip()
        ):
            raise ExchangeRefused(
                _("records[%(i)d] (%(code)s): not applicable needs a reason (na_reason).")
                % {"i": i, "code": code}
            )
        for link in record.get("links", []):
            try:
                validate_url(link["url"])
            except ValidationError as exc:
                raise ExchangeRefused(
                    _("records[%(i)d] (%(code)s): “%(url)s” is not a web address.")
                    % {"i": i, "code": code, "url": link["url"][:100]}
                ) from exc
        plan.statuses[record["status"]] += 1
        owner = record.get("owner") or ""
        if owner.lower() in members:
            plan.members[owner.lower()] = members[owner.lower()]
        elif owner and owner not in plan.names:
            plan.names.append(owner)
        plan.links += len(record.get("links", []))
        plan.files += len(record.get("files", [])) if not incoming.missing else 0
    for i, entry in enumerate(document.get("history", [])):
        if entry.get("code") and entry["code"] not in codes:
            raise ExchangeRefused(
                _("history[%(i)d]: the action %(code)s is not in the model version “%(slug)s”.")
                % {"i": i, "code": entry["code"], "slug": slug}
            )
    plan.history = len(document.get("history", []))
    plan.not_in_file = sorted(codes - seen)
    plan.statuses[ActionStatus.NOT_STARTED] += len(plan.not_in_file)
    if city is not None and city.pk and incoming.status == AssessmentStatus.DRAFT:
        plan.draft = city.assessments.drafts().newest_first().first()
    return plan


def city_from_file(slug: str, incoming: Incoming) -> City:
    """A new city named by `slug`, with the file's name, country, region and population
    (for a site admin moving a city in); not saved."""
    details = incoming.document["city"]
    city = City(
        slug=slug,
        name=details["name"],
        country=details["country"],
        region=details.get("region", ""),
        population=details.get("population"),
    )
    try:
        city.full_clean()
    except ValidationError as exc:
        raise ExchangeRefused(
            "; ".join(f"city.{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        ) from exc
    return city


def import_assessment(
    city: City, incoming: Incoming, user: User | None, *, as_history: bool = False, name=""
) -> Assessment:
    """Create the file's assessment in `city`, with its records, evidence and history, in one
    transaction (the city too, when it is new and unsaved). Files written before a failure are
    removed: a refused import leaves nothing behind."""
    storage = EvidenceFile._meta.get_field("file").storage
    stored: list[str] = []
    try:
        with transaction.atomic():
            if city.pk is None:
                city.save()
            return _create(city, incoming, user, as_history, name, storage, stored)
    except BaseException:
        for stored_name in stored:
            with contextlib.suppress(OSError):
                storage.delete(stored_name)
        raise


def _create(city, incoming, user, as_history, name, storage, stored) -> Assessment:
    plan = plan_import(city, incoming)
    if incoming.status == AssessmentStatus.DRAFT and plan.draft is not None and not as_history:
        raise DraftConflict(
            _(
                "%(city)s already has a draft, “%(title)s”: this file's draft can come in "
                "signed off, as history, or wait until that draft is signed off."
            )
            % {"city": city.name, "title": plan.draft.title}
        )
    document = incoming.document
    head = document["assessment"]
    members = _members(city)
    signed = head["status"] == AssessmentStatus.SUBMITTED or as_history
    signer = members.get((head.get("signed_off_by") or "").lower())
    assessment = city.assessments.create(
        model_version=plan.version,
        title=head["title"],
        reference_date=date.fromisoformat(head["reference_date"]),
        status=AssessmentStatus.SUBMITTED if signed else AssessmentStatus.DRAFT,
        created_by=user,
        submitted_by=(signer if head["status"] == AssessmentStatus.SUBMITTED else user)
        if signed
        else None,
        submitted_at=(
            parse_instant(head.get("signed_off_at")) or timezone.now() if signed else None
        ),
    )
    by_code = {r["code"]: r for r in document["records"]}
    records: dict[str, ActionRecord] = {}
    for action in Action.objects.for_version(plan.version).only("pk", "code"):
        item = by_code.get(action.code, {})
        owner = item.get("owner") or ""
        member = members.get(owner.lower())
        records[action.code] = ActionRecord(
            assessment=assessment,
            action=action,
            status=item.get("status", ActionStatus.NOT_STARTED),
            na_reason=item.get("na_reason", ""),
            note=item.get("note", ""),
            responsible_member=member,
            responsible="" if member else owner[:OWNER_LENGTH],
            target_date=date.fromisoformat(item["target_date"])
            if item.get("target_date")
            else None,
            updated_by=user,
        )
    ActionRecord.objects.bulk_create(records.values())
    links, files, names = [], [], {}
    for code, record in records.items():
        item = by_code.get(code, {})
        links += [
            EvidenceLink(record=record, url=x["url"], label=x.get("label", ""), added_by=user)
            for x in item.get("links", [])
        ]
        for x in item.get("files", []) if incoming.blobs else []:
            digest = x["sha256"]
            if digest not in names:
                evidence = EvidenceFile(record=record)
                names[digest] = storage.save(
                    evidence_path(evidence, x["name"]), ContentFile(incoming.blobs[digest])
                )
                stored.append(names[digest])
            files.append(
                EvidenceFile(
                    record=record,
                    file=names[digest],
                    original_name=x["name"],
                    content_type=x.get("content_type", "") or "application/octet-stream",
                    size=x["size"],
                    added_by=user,
                )
            )
    EvidenceLink.objects.bulk_create(links)
    EvidenceFile.objects.bulk_create(files)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            city=city,
            assessment=assessment,
            record=records[e["code"]] if e.get("code") else None,
            kind=e["kind"],
            field=e.get("field", ""),
            old=e.get("old", ""),
            new=e.get("new", ""),
            detail=e.get("detail", ""),
            user=members.get((e.get("by") or "").lower()),
            # Who did it when they are no member here: kept by e-mail, as for a membership.
            email="" if members.get((e.get("by") or "").lower()) else (e.get("by") or ""),
            at=parse_instant(e["at"]),
        )
        for e in document.get("history", [])
    )
    log(
        Kind.CREATED,
        assessment=assessment,
        user=user,
        detail=_("Imported from “%(name)s”") % {"name": name or _("an exchange file")},
    )
    import_values(city, plan.version, document.get("indicator_values", []), user)
    if as_history and head["status"] == AssessmentStatus.DRAFT:
        log(Kind.SUBMITTED, assessment=assessment, user=user, detail=_("Imported as history"))
    if signed:
        LIFECYCLE.signed_off(assessment)
    LIFECYCLE.changed(assessment)
    return assessment

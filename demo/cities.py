"""Demo data for `make run`: the SMR cities, their people and a realistic assessment history.

Idempotent: running it again finds what exists and changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import City, Membership, Network, Partner, Role, User
from assessments import services
from assessments.models import ActionRecord, ActionStatus, Assessment
from audit.models import AuditEntry, Kind
from indicators.demo import load_indicator_demo
from maturity.models import Action, ModelVersion
from profiles.demo import load_exchange_demo
from reviews.demo import load_review_demo

from .scorecards import load_scorecard_demo
from .targets import load_targets_demo

DEMO_PASSWORD = "resilience-demo-2026"


@dataclass(frozen=True)
class DemoCity:
    name: str
    slug: str
    country: str
    region: str
    population: int
    role: str  # the city's part in SMR
    progress: float  # share of actions done last year, roughly


DEMO_CITIES = [
    DemoCity("Glasgow", "glasgow", "GB", "Scotland", 635_000, "pilot", 0.55),
    DemoCity("Kristiansand", "kristiansand", "NO", "Agder", 116_000, "pilot", 0.5),
    DemoCity("Donostia/San Sebastián", "donostia", "ES", "Basque Country", 188_000, "pilot", 0.6),
    DemoCity("Bristol", "bristol", "GB", "South West England", 472_000, "critical friend", 0.45),
    DemoCity("Rome", "rome", "IT", "Lazio", 2_750_000, "critical friend", 0.3),
    DemoCity("Riga", "riga", "LV", "Riga", 605_000, "critical friend", 0.25),
    DemoCity("Vejle", "vejle", "DK", "Southern Denmark", 60_000, "critical friend", 0.4),
]

NOTES = [
    "Approved by the city council; minutes attached.",
    "Covered by the {year} resilience strategy, chapter 3.",
    "Working group meets monthly; terms of reference published.",
    "Agreement signed with the regional civil protection authority.",
    "Pilot finished; evaluation report shared with all departments.",
    "Exercise held with emergency services and utility operators.",
]

# Actions a city may fairly mark not applicable, with the reason its officer would give.
NOT_APPLICABLE = {
    "L2A1": "No national standard for city resilience exists yet, so there is nothing to be "
    "certified against; revisit when the national standards body publishes one.",
    "P2A2": "National drills are organised by the national civil protection agency; the city "
    "takes part in them but cannot conduct them.",
    "L2R1": "Certification against international standards is granted to national bodies "
    "here, not to municipalities; the city follows the national certification (L2A1).",
    "P2R2": "The city's emergency services train under a national programme that does not "
    "allow regular exercises abroad; exchanges happen through the SMR network instead.",
}
FREE_TEXT_OWNERS = ["Civil Protection (Ana Ruiz)", "Harbour Authority", "Urban Planning"]

ADMIN_EMAIL = "admin@demo.resilience.city"
# A person's name: the admin greets by name, and "Site Admin" read "Welcome, Site."
ADMIN_NAME = "Alex Morgan"
PARTNER_EMAIL = "partner@demo.resilience.city"


def _user(email: str, name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, password=DEMO_PASSWORD, full_name=name, **extra)
    return user


def _fill(assessment, rng: random.Random, share_done: float, year: int, user: User) -> None:
    """Mark actions done stage by stage, lower stages first, as real cities progress."""
    records = list(
        assessment.records.select_related("action__stage").order_by(
            "action__stage__order", "action__subdimension__order", "action__order"
        )
    )
    to_do = round(len(records) * share_done)
    changed = []
    for i, record in enumerate(records):
        if record.status == ActionStatus.DONE:
            continue  # carried forward: a city does not undo last year's work
        if i < to_do and rng.random() > 0.08:
            record.status = ActionStatus.DONE
            record.note = rng.choice(NOTES).format(year=year)
            record.responsible = rng.choice(
                ["Resilience Office", "Civil Protection", "Urban Planning", "Public Works"]
            )
        elif i < to_do + 8:
            record.status = ActionStatus.IN_PROGRESS
            record.target_date = date(year + 1, rng.randint(1, 12), 1)
        else:
            continue
        record.updated_by = user
        changed.append(record)
    ActionRecord.objects.bulk_update(
        changed, ["status", "note", "responsible", "target_date", "updated_by"]
    )


def _plan(assessment, editor: User, viewer: User, today: date) -> None:
    """Owners and target dates on the open work (some overdue), and two actions marked not
    applicable with their reasons: what a draft looks like in the middle of the year."""
    open_records = list(
        assessment.records.filter(status=ActionStatus.IN_PROGRESS).order_by(
            "action__stage__order", "action__subdimension__order", "action__order"
        )
    )
    plan = [
        (editor, "", today - timedelta(days=30)),
        (editor, "", today - timedelta(days=8)),
        (viewer, "", today + timedelta(days=10)),
        (editor, "", today + timedelta(days=60)),
        *[
            (None, name, today + timedelta(days=45 + 30 * i))
            for i, name in enumerate(FREE_TEXT_OWNERS)
        ],
    ]
    for record, (member, name, target) in zip(open_records, plan, strict=False):
        record.responsible_member, record.responsible, record.target_date = member, name, target
    ActionRecord.objects.bulk_update(
        open_records, ["responsible_member", "responsible", "target_date"]
    )
    for code, reason in NOT_APPLICABLE.items():
        assessment.records.filter(action__code=code).exclude(status=ActionStatus.DONE).update(
            status=ActionStatus.NOT_APPLICABLE, na_reason=reason, updated_by=editor
        )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _dated(assessment, started: datetime, signed_off: datetime | None) -> None:
    """Give a demo assessment the day it was started and, when signed off, the day of its
    sign-off, in the assessment and in its timeline alike."""
    now = timezone.now()
    started, signed_off = min(started, now), signed_off and min(signed_off, now)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=started)
    entries = AuditEntry.objects.filter(assessment=assessment)
    entries.filter(kind=Kind.CREATED).update(at=started)
    if signed_off is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=signed_off)
        entries.exclude(kind=Kind.CREATED).update(at=signed_off)
    assessment.refresh_from_db(fields=["created_at", "submitted_at"])


MOVED_TO_NEWEST = "kristiansand"


@transaction.atomic
def load_demo(today: date | None = None) -> list[tuple[str, str, str]]:
    """Create the demo world if missing; return (who, email, password) sign-ins."""
    today = today or date.today()
    # The demo's cities assess on the 2018 model, but Kristiansand, which has moved to 2.0
    # (when installed), carried forward from its 2018 assessment through the crosswalk.
    version = ModelVersion.objects.published().filter(slug="smr-rmm-2018").first()
    version = version or ModelVersion.objects.current()
    newest = ModelVersion.objects.current()
    smr, _ = Network.objects.get_or_create(name="SMR")
    mcr, _ = Network.objects.get_or_create(name="MCR2030")
    partner, _ = Partner.objects.get_or_create(
        slug="iclei-europe", defaults={"name": "ICLEI Europe (demo)"}
    )
    Partner.objects.get_or_create(slug="undrr", defaults={"name": "UNDRR (demo)"})
    admin = _user(ADMIN_EMAIL, ADMIN_NAME, is_staff=True, is_superuser=True)
    if admin.full_name == "Site Admin":  # a demo loaded before the admin had a name
        admin.full_name = ADMIN_NAME
        admin.save(update_fields=["full_name"])
    partner_user = _user(PARTNER_EMAIL, "Campaign Partner")
    partner.members.add(partner_user)
    sign_ins = [
        ("Site admin", ADMIN_EMAIL, DEMO_PASSWORD),
        ("Campaign partner (ICLEI Europe)", PARTNER_EMAIL, DEMO_PASSWORD),
    ]

    for n, spec in enumerate(DEMO_CITIES):
        city, created = City.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "country": spec.country,
                "region": spec.region,
                "population": spec.population,
                "named_among_peers": n % 2 == 0,
            },
        )
        city.networks.add(smr, mcr)
        editor = _user(f"editor@{spec.slug}.demo", f"{spec.name} Resilience Officer")
        viewer = _user(f"viewer@{spec.slug}.demo", f"{spec.name} Council Member")
        Membership.objects.get_or_create(user=editor, city=city, defaults={"role": Role.EDITOR})
        Membership.objects.get_or_create(user=viewer, city=city, defaults={"role": Role.VIEWER})
        sign_ins.append((f"{spec.name} editor", editor.email, DEMO_PASSWORD))
        sign_ins.append((f"{spec.name} viewer", viewer.email, DEMO_PASSWORD))
        if city.assessments.exists():
            continue
        rng = random.Random(spec.slug)
        days = random.Random(f"{spec.slug} dates")  # apart, so the answers stay as they were
        # Two signed-off years, each shared, so a partner sees moves and a trend; the older
        # is created first, each carried forward, so the open draft stays the newest.
        last_year = None
        for years_ago, progress in ((2, max(spec.progress - 0.2, 0.1)), (1, spec.progress)):
            year = today.year - years_ago
            last_year = services.start_assessment(
                city,
                version,
                title=f"Self-assessment {year}",
                reference_date=date(year, 6, 30),
                user=editor,
                carry_from=last_year,
            )
            _fill(last_year, rng, progress, year, editor)
            last_year = services.submit(last_year, editor)
            if n < 5:
                services.share(last_year, partner, editor)
            # Started in spring, signed off in the autumn of its own year, as a city would:
            # not all on the day the demo was loaded.
            _dated(
                last_year,
                _at(date(year, days.randint(3, 5), days.randint(1, 28)), 9),
                _at(date(year, days.randint(9, 11), days.randint(1, 28)), 15),
            )
        this_year = services.start_assessment(
            city,
            newest if spec.slug == MOVED_TO_NEWEST else version,
            title=f"Self-assessment {today.year}",
            reference_date=today,
            user=editor,
            carry_from=last_year,
        )
        _fill(this_year, rng, min(spec.progress + 0.15, 0.95), today.year, editor)
        # Each city started its draft on its own day, a few weeks ago.
        _dated(this_year, _at(today - timedelta(days=7 + 9 * n), 10), None)
        _plan(this_year, editor, viewer, today)
    # One officer works for two cities: Glasgow's officer also follows Bristol, as a viewer.
    Membership.objects.get_or_create(
        user=User.objects.get(email="editor@glasgow.demo"),
        city=City.objects.get(slug="bristol"),
        defaults={"role": Role.VIEWER},
    )
    assert Action.objects.for_version(version).exists()
    load_scorecard_demo()
    load_indicator_demo(today)
    load_review_demo()  # after the assessments: the reviews are of signed-off ones
    load_exchange_demo(version)
    load_targets_demo(partner, version, today)
    return sign_ins

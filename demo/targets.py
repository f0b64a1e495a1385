"""The demo partner's network targets: what a campaign partner would set for its cities."""

from datetime import date

from dashboards.models import NetworkTarget
from maturity.models import Stage, Subdimension

# (subdimension, stage reached or above, share of cities %, years from now)
TARGETS = [
    ("L4", "Moderate", 50, 1),
    ("P1", "Starting", 100, 0),
    ("C1", "Advanced", 40, 2),
]


def load_targets_demo(partner, version, today: date) -> None:
    """Idempotent: a target already set is left as it is."""
    for code, stage, share, years in TARGETS:
        sub = Subdimension.objects.filter(dimension__version=version, code=code).first()
        st = Stage.objects.filter(version=version, name=stage).first()
        if sub and st:
            NetworkTarget.objects.get_or_create(
                partner=partner, subdimension=sub, stage=st, year=today.year + years,
                defaults={"share": share},
            )  # fmt: skip

"""The demo partner's network targets: what a campaign partner would set for its cities."""

from datetime import date

from accounts.models import User
from dashboards.models import NetworkTarget
from dashboards.targets import set_target
from maturity.models import Stage, Subdimension

# (subdimension, stage reached or above, share of cities %, years from now)
TARGETS = [
    ("L4", "Moderate", 50, 1),
    ("P1", "Starting", 100, 0),
    ("C1", "Advanced", 40, 2),
]


def load_targets_demo(partner, version, today: date) -> None:
    """Idempotent: a target already set is left as it is. Set by the partner's member, through
    the service, so the targets' history shows who set each."""
    user = User.objects.filter(partners=partner).order_by("pk").first()
    for code, stage, share, years in TARGETS:
        sub = Subdimension.objects.filter(dimension__version=version, code=code).first()
        st = Stage.objects.filter(version=version, name=stage).first()
        year = today.year + years
        if sub and st and not partner.targets.filter(subdimension=sub, stage=st, year=year):
            target = NetworkTarget(partner=partner, subdimension=sub, stage=st, year=year,
                                   share=share)  # fmt: skip
            set_target(target, user)

"""The same action across model versions, through the version crosswalk (maturity.crosswalk):
an experience written against 2018's L1M4 answers a reader on 2.0's L1M3."""

from django.db.models import Q

from maturity import crosswalk
from maturity.models import Action


def same_action(action: Action) -> Q:
    """A filter on experiences: written for this action or for what it is in another version
    of the model, where a crosswalk names one."""
    slug = action.subdimension.dimension.version.slug
    codes: dict[str, set[str]] = {slug: {action.code}}
    for (older, newer), walk in crosswalk.crosswalks().items():
        if slug == older:
            row = walk.by_source().get(action.code)
            if row and row.targets:
                codes.setdefault(newer, set()).update(row.targets)
        elif slug == newer:
            sources = walk.sources_of().get(action.code)
            if sources:
                codes.setdefault(older, set()).update(sources)
    match = Q()
    for version, found in codes.items():
        match |= Q(action__subdimension__dimension__version__slug=version, action__code__in=found)
    return match

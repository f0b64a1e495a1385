"""Read helpers used by the assessment pages: one query each, whatever the number of actions."""

from collections import defaultdict

from django.db.models import Prefetch

from .models import CURRENT_EDITION, Essential, EssentialCorrespondence, EssentialLink, PolicyLink


def _corresponding_2010() -> Prefetch:
    """A crosswalk link's 2017 Essential with its 2010 counterparts, in one more query."""
    return Prefetch(
        "essential__corresponds_to_2010",
        queryset=EssentialCorrespondence.objects.select_related("essential_2010"),
    )


def policies_by_action(action_ids: list[int]) -> dict[int, list]:
    """Action id → its policy links and crosswalk links (policy links first).

    Each crosswalk link's Essential carries its 2010 counterparts (`correspondences_2010`,
    read in one more query, as a prefetch would), so `essentials_2010` derives an action's
    LG-SAT Essentials from these links without another query.
    """
    result: dict[int, list] = defaultdict(list)
    ids = sorted({int(pk) for pk in action_ids})
    if not ids:
        return result
    # Built per call, not kept: the models' default ordering is by a translated title, which
    # modeltranslation resolves to the column of the language active now.
    for link in PolicyLink.objects.filter(action_id__in=ids).select_related("policy"):
        result[link.action_id].append(link)
    links = list(
        EssentialLink.objects.filter(action_id__in=ids).select_related("essential", "question")
    )
    essentials = sorted({link.essential_id for link in links})
    by_essential: dict[int, list] = {pk: [] for pk in essentials}
    if essentials:
        correspondences = EssentialCorrespondence.objects.filter(
            essential_2017_id__in=essentials
        ).select_related("essential_2010")
        for item in correspondences:
            by_essential[item.essential_2017_id].append(item)
    for link in links:
        link.essential.correspondences_2010 = by_essential[link.essential_id]
        result[link.action_id].append(link)
    return result


def essentials_2010(links) -> list[Essential]:
    """The 2010 Essentials (LG-SAT's) of an action, derived from its crosswalk links to the
    2017 Essentials through the project's own correspondence; sorted by number."""
    found = {}
    for link in links:
        if not isinstance(link, EssentialLink) or link.essential.edition != CURRENT_EDITION:
            continue
        for item in _correspondences(link.essential):
            found[item.essential_2010.number] = item.essential_2010
    return [found[n] for n in sorted(found)]


def _correspondences(essential: Essential):
    """The Essential's 2010 counterparts: as policies_by_action read them, else as a
    prefetch (or, for an Essential reached otherwise, a query) reads them."""
    found = getattr(essential, "correspondences_2010", None)
    return found if found is not None else essential.corresponds_to_2010.all()


def essentials_2010_by_action(action_ids: list[int]) -> dict[int, list[Essential]]:
    """Action id → its 2010 Essentials, derived (not stored) from its 2017 crosswalk links."""
    links = (
        EssentialLink.objects.filter(action_id__in=action_ids)
        .select_related("essential")
        .prefetch_related(_corresponding_2010())
    )
    by_action: dict[int, list] = defaultdict(list)
    for link in links:
        by_action[link.action_id].append(link)
    return {action_id: essentials_2010(items) for action_id, items in by_action.items()}

"""Read helpers used by the assessment pages: one query each, whatever the number of actions."""

from collections import defaultdict

from .models import EssentialLink, PolicyLink


def policies_by_action(action_ids: list[int]) -> dict[int, list]:
    """Action id → its policy links and crosswalk links (policy links first)."""
    result: dict[int, list] = defaultdict(list)
    for link in PolicyLink.objects.filter(action_id__in=action_ids).select_related("policy"):
        result[link.action_id].append(link)
    for link in EssentialLink.objects.filter(action_id__in=action_ids).select_related(
        "essential", "question"
    ):
        result[link.action_id].append(link)
    return result

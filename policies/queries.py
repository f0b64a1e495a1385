"""Read helpers used by the assessment pages: one query each, whatever the number of actions.

An action carries no 2010 (LG-SAT) Essential: the project's 2010↔2017 correspondence relates
Essential to Essential (the Scorecard pages show it on its own), and fanning it out to every
action linked to a 2017 Essential mislabels them (issue 25, finding 18: P2A3, education in
schools, became "Organisation and coordination" through 2017 Essential 6).
"""

from collections import defaultdict

from .models import EssentialLink, PolicyLink


def policies_by_action(action_ids: list[int]) -> dict[int, list]:
    """Action id → its policy links and crosswalk links (policy links first)."""
    result: dict[int, list] = defaultdict(list)
    ids = sorted({int(pk) for pk in action_ids})
    if not ids:
        return result
    # Built per call, not kept: the models' default ordering is by a translated title, which
    # modeltranslation resolves to the column of the language active now.
    for link in PolicyLink.objects.filter(action_id__in=ids).select_related("policy"):
        result[link.action_id].append(link)
    for link in EssentialLink.objects.filter(action_id__in=ids).select_related(
        "essential", "question"
    ):
        result[link.action_id].append(link)
    return result

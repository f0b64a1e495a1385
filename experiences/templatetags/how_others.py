"""`{% how_others_did_this action assessment can_write %}`: the one line the action page includes.

What a reader may see depends on who they are and changes whenever a city publishes, so the
part is cached per reader under the experiences' version (freshness.py), which every such
change moves; the model's texts come in through its content version."""

from django import template

from assessments.page_cache import cached_parts
from experiences.access import visible_to
from experiences.crosswalk import same_action
from experiences.freshness import experiences_version

register = template.Library()

SHOWN = 5
TEMPLATE = "experiences/_how_others.html"


@register.simple_tag(takes_context=True)
def how_others_did_this(context, action, assessment, can_write: bool = False):
    request = context["request"]
    user = request.user
    version = assessment.model_version
    reader = (user.pk, user.is_staff, can_write)
    key = (action.pk, assessment.pk, reader, version.content_version, experiences_version())

    def draw(_ident) -> dict:
        found = (
            visible_to(user)
            .listed()
            .filter(same_action(action))
            .exclude(city_id=assessment.city_id)
            .for_list()[: SHOWN + 1]
        )
        found = list(found)
        return {
            "experiences": found[:SHOWN],
            "more": len(found) > SHOWN,
            "action": action,
            "assessment": assessment,
            "can_write": can_write,
        }

    return cached_parts(request, TEMPLATE, {"x": key}, draw, fill_csrf=False)["x"]

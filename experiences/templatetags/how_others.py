"""`{% how_others_did_this action assessment can_write %}`: the one line the action page includes.

Drawn per request (not cached with the action page's parts): what a reader may see depends
on who they are and changes whenever a city publishes."""

from django import template

from experiences.access import visible_to
from experiences.crosswalk import same_action

register = template.Library()

SHOWN = 5


@register.inclusion_tag("experiences/_how_others.html", takes_context=True)
def how_others_did_this(context, action, assessment, can_write: bool = False):
    user = context["request"].user
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

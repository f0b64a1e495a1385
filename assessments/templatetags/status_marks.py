"""`{% status_mark status %}`: an action's status as the matrix shows it (✓ done, ◐ in
progress, ○ not started, N/A), the one way every page marks it; `label` adds its name
(shown), else the name is there for screen readers only."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..models import ActionStatus

register = template.Library()

MARKS = {
    ActionStatus.DONE: "✓",
    ActionStatus.IN_PROGRESS: "◐",
    ActionStatus.NOT_STARTED: "○",
}


@register.simple_tag
def status_mark(status: str, label: bool = False) -> str:
    name = ActionStatus(status).label
    if status == ActionStatus.NOT_APPLICABLE:
        mark = format_html('<span class="na-mark">{}</span>', gettext("N/A"))
    else:
        mark = format_html('<span aria-hidden="true">{}</span>', MARKS.get(status, "○"))
    if label:
        return format_html("{} {}", mark, name)
    return format_html('{}<span class="visually-hidden"> {}</span>', mark, name)

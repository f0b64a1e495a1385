"""Template filters for saying a stage result: `{{ result|stage_summary }}` and friends."""

from django import template
from django.utils.html import format_html

from .. import wording

register = template.Library()

register.filter("stage_summary", wording.summary)
register.filter("stage_reached", wording.reached_label)
register.filter("stage_short", wording.short_label)
register.filter("stage_progress", wording.progress_label)
register.filter("na_note", wording.na_note)


@register.filter
def level_label(level, stage_names):
    return wording.level_label(level, stage_names)


@register.simple_tag
def held_back(scorecard, dimension_code=None):
    return wording.held_back(scorecard.holding_back(dimension_code))


@register.simple_tag
def stage_badge(result, badge_id: str = "", changed: bool = False) -> str:
    """A stage result's badge: its level and short label; `badge_id` names it for live
    updates, `changed` marks a stage that a change just moved. Drawn in code, not by an
    included template: a page shows one per subdimension."""
    return format_html(
        '<span class="stage-badge stage-{}{}"{}><span class="stage-level" aria-hidden="true">'
        "{}</span> {}</span>\n",
        result.level,
        " stage-changed" if changed else "",
        format_html(' id="stage-{}"', badge_id) if badge_id else "",
        result.level,
        wording.short_label(result),
    )

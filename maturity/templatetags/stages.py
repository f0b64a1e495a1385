"""Template filters for saying a stage result: `{{ result|stage_summary }}` and friends."""

from django import template

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


@register.filter
def level_short(level, stage_names):
    return wording.level_label(level, stage_names, short=True)


@register.simple_tag
def held_back(scorecard, dimension_code=None):
    return wording.held_back(scorecard.holding_back(dimension_code))

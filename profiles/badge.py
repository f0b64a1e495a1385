"""The embeddable badge: the city's name and its overall stage, as a small SVG."""

from html import escape

from django.utils.translation import gettext as _

from maturity import wording
from rendering import palette


def badge_svg(profile, standing) -> str:
    name = profile.city.name
    if standing is not None and standing.overall_level is not None:
        names = [s.name for s in standing.model_version.stages.all()]
        stage = wording.level_label(standing.overall_level, names)
        level = standing.overall_level
    else:
        stage, level = _("Public profile"), 0
    label = _("Resilience maturity")
    left = max(150, 7 * len(label) + 20)
    right = max(120, 7 * max(len(stage), len(name)) + 20)
    width = left + right
    title = f"{name}: {label} – {stage}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" '
        f'viewBox="0 0 {width} 40" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{left}" height="40" fill="#333"/>'
        f'<rect x="{left}" width="{right}" height="40" fill="{palette.fill(level)}"/>'
        f'<g font-family="DejaVu Sans, Arial, sans-serif" font-size="12">'
        f'<text x="10" y="17" fill="#fff">{escape(label)}</text>'
        f'<text x="10" y="32" fill="#fff" font-size="10">SMR · MCR</text>'
        f'<text x="{left + 10}" y="17" fill="{palette.ink(level)}" font-weight="bold">'
        f"{escape(name)}</text>"
        f'<text x="{left + 10}" y="32" fill="{palette.ink(level)}">{escape(stage)}</text>'
        f"</g></svg>"
    )

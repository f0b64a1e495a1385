"""PDF rendering with WeasyPrint: HTML templates and print CSS in, PDF bytes out."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

# The print stylesheet, then the stage palette the pages use too (rendering/palette.py).
STYLESHEETS = ("css/report.css", "css/stages.css")


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    stylesheets = [CSS(filename=finders.find(name)) for name in STYLESHEETS]
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=stylesheets)

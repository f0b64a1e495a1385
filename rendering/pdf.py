"""PDF rendering with WeasyPrint: HTML templates and print CSS in, PDF bytes out."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    stylesheet = CSS(filename=finders.find("css/report.css"))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[stylesheet])

"""A stored file sent for download: evidence, experiences' files, reviewed evidence."""

from django.http import FileResponse


def attachment(stored, name: str, content_type: str) -> FileResponse:
    """`stored` (a FieldFile) as an attachment named `name`: never shown inline, never
    sniffed into another type, and sandboxed should a browser open it anyway. A file is the
    city's, not the site's."""
    response = FileResponse(
        stored.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

"""Corrections to the generated schema, so that it says exactly what the API accepts."""


def _plain_blank(node: dict) -> None:
    """A blank-allowed text with a pattern is generated as oneOf [pattern, maxLength 0]; an
    empty text matches both branches, so the schema would call "" invalid. The pattern
    alone already allows it."""
    for prop in node.get("properties", {}).values():
        branches = prop.get("oneOf", [])
        if len(branches) == 2 and branches[1] == {"type": "string", "maxLength": 0}:
            del prop["oneOf"]
            prop.update(branches[0])


def _upload_encoding(result: dict) -> None:
    """An evidence file is one non-empty part, whose file name decides its accepted type: the
    example of its Content-Disposition shows a client (and the fuzzer) how to send one."""
    for item in result.get("paths", {}).values():
        body = item.get("post", {}).get("requestBody", {}).get("content", {})
        form = body.get("multipart/form-data")
        if form is None:
            continue
        form["encoding"] = {
            "file": {
                "headers": {
                    "Content-Disposition": {
                        "description": "The file's name with its type's extension (.pdf, …).",
                        "schema": {"type": "string"},
                        "example": 'form-data; name="file"; filename="minutes.txt"',
                    }
                }
            }
        }
    upload = result.get("components", {}).get("schemas", {}).get("NewFileRequest")
    if upload is not None:
        upload["properties"]["file"]["minLength"] = 1  # an empty file is refused


def corrections(result, generator, request, public):
    """Corrections to the generated schema. An evidence upload documents its part's file name.

    No `anyOf` in a request body: a client generator (openapi-python-client) turns one into a
    union of partial types that cannot carry the whole change. A rule the schema cannot state
    plainly (a reason needed to mark an action not applicable) is written in the field's
    description and answered with a 400 that names the field."""
    _upload_encoding(result)
    for component in result.get("components", {}).get("schemas", {}).values():
        _plain_blank(component)
    return result

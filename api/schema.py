"""Corrections to the generated schema, so that it says exactly what the API accepts."""

NOT_NA = ["not_started", "in_progress", "done"]


def _plain_blank(node: dict) -> None:
    """A blank-allowed text with a pattern is generated as oneOf [pattern, maxLength 0]; an
    empty text matches both branches, so the schema would call "" invalid. The pattern
    alone already allows it."""
    for prop in node.get("properties", {}).values():
        branches = prop.get("oneOf", [])
        if len(branches) == 2 and branches[1] == {"type": "string", "maxLength": 0}:
            del prop["oneOf"]
            prop.update(branches[0])


def require_na_reason(result, generator, request, public):
    """A record marked not applicable needs a written reason (as on the page): either the
    change leaves the status off "not_applicable", or it brings a reason that is not blank."""
    change = result.get("components", {}).get("schemas", {}).get("RecordChangeRequest")
    for component in result.get("components", {}).get("schemas", {}).values():
        _plain_blank(component)
    if change is not None:
        change["anyOf"] = [
            {"properties": {"status": {"enum": NOT_NA}}},
            {
                "required": ["na_reason"],
                "properties": {"na_reason": {"pattern": r"^[^\x00]*[^\x00\s][^\x00]*$"}},
            },
        ]
    return result

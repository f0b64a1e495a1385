"""Human documentation of the API, rendered on the server from the live OpenAPI schema.

No JavaScript and no inline style: the page keeps the site's strict Content-Security-Policy.
"""

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _ref(schema: dict, node: dict | None) -> dict:
    while node and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node or {}


def _type(schema: dict, node: dict) -> str:
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    if node.get("type") == "array":
        return f"list of {_type(schema, node.get('items', {}))}"
    if "enum" in node:
        return " | ".join(str(v) for v in node["enum"] if v is not None)
    if "allOf" in node or "oneOf" in node:
        return " | ".join(_type(schema, n) for n in node.get("allOf", node.get("oneOf", [])))
    return node.get("format") or node.get("type", "object")


def _fields(schema: dict, node: dict) -> list[dict]:
    node = _ref(schema, node)
    if node.get("type") == "array":
        node = _ref(schema, node.get("items"))
    required = set(node.get("required", []))
    return [
        {
            "name": name,
            "type": _type(schema, prop),
            "required": name in required,
            "nullable": prop.get("nullable", False),
            "description": prop.get("description", ""),
        }
        for name, prop in node.get("properties", {}).items()
    ]


def operations(schema: dict) -> list[dict]:
    ops = []
    for url, item in schema["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            media, content = next(
                iter(op.get("requestBody", {}).get("content", {}).items()), ("", {})
            )
            success = "201" if "201" in op["responses"] else "200"
            ok = op["responses"].get(success, {}).get("content", {}).get("application/json", {})
            ops.append({
                "id": op["operationId"],
                "method": method.upper(),
                "path": url,
                "description": op.get("description", ""),
                "public": {} in op.get("security", []),
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                     "type": _type(schema, p.get("schema", {})),
                     "description": p.get("description", "")}
                    for p in op.get("parameters", [])
                ],
                "body": _fields(schema, content.get("schema", {})),
                "body_type": "multipart" if media == "multipart/form-data" else "JSON",
                "success": success,
                "result": _fields(schema, ok.get("schema", {})),
                "responses": [(c, r.get("description", "")) for c, r in op["responses"].items()],
            })  # fmt: skip
    return ops


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    schema = _schema()
    return render(
        request,
        "api/docs.html",
        {"info": schema["info"], "operations": operations(schema)},
    )

"""The readable API documentation, made from the OpenAPI description: one section per operation
with its parameters, body fields and answers, in plain GOV.UK markup (no script)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Field:
    name: str
    kind: str
    required: bool
    description: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Field] = field(default_factory=list)
    body: list[Field] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    found: Any = schema
    for part in ref.lstrip("#/").split("/"):
        found = found[part]
    return dict(found)


def _kind(schema: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(schema, node)
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"])
    if "anyOf" in node:
        return " or ".join(_kind(schema, n) for n in node["anyOf"])
    kind = str(node.get("type", node.get("title", "object")))
    if node.get("format"):
        kind += f" ({node['format']})"
    if kind == "array":
        return f"list of {_kind(schema, node.get('items', {}))}"
    return kind


def _fields(schema: dict[str, Any], node: dict[str, Any], prefix: str = "") -> list[Field]:
    node = _resolve(schema, node)
    required = set(node.get("required", []))
    found = []
    for name, prop in node.get("properties", {}).items():
        resolved = _resolve(schema, prop)
        found.append(
            Field(
                prefix + name,
                _kind(schema, prop),
                name in required,
                resolved.get("description", ""),
            )
        )
        items = resolved.get("items")
        if resolved.get("type") == "array" and items and "$ref" in items:
            item = _resolve(schema, items)
            if "properties" in item:
                found += _fields(schema, item, prefix=f"{prefix}{name}[].")
        elif "$ref" in prop and "properties" in resolved:
            found += _fields(schema, resolved, prefix=f"{prefix}{name}.")
    return found


def operations_of(schema: dict[str, Any]) -> list[Operation]:
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            parameters = [
                Field(
                    p["name"] + (" (header)" if p.get("in") == "header" else ""),
                    _kind(schema, p.get("schema", {})),
                    bool(p.get("required")),
                    p.get("description", ""),
                )
                for p in op.get("parameters", [])
            ]
            content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            body = _fields(schema, content["schema"]) if content else []
            answers = [
                (status, answer.get("description", ""))
                for status, answer in op["responses"].items()
            ]
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    anchor=op.get("operationId", f"{method}-{path}").replace("_", "-"),
                    parameters=parameters,
                    body=body,
                    answers=answers,
                )
            )
    return found

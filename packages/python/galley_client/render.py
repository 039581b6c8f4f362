"""Local rendering with the same semantics as the server (lib/domain/template.ts).

Content is ``{blocks, variables, model}`` as the read API serves it. Values are formatted the
way JavaScript does (``String(n)``, ``JSON.stringify``), so a render here equals the server's
POST /render byte for byte; tests/vectors/render.json holds the cases both are checked against.
"""

from __future__ import annotations

import math
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .errors import InvalidVariables

BLOCK_ROLES: Dict[str, str] = {
    "system": "system",
    "instructions": "system",
    "context": "system",
    "examples": "system",
    "guardrails": "system",
    "output_format": "system",
    "user": "user",
    "assistant": "assistant",
    "custom": "system",
}

VARIABLE_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Same token grammar as the server, plus a bare "\{{" so the escape works on its own.
RENDER_RE = re.compile(r"(\\)?\{\{([^{}\r\n]*)\}\}|\\\{\{")
# What JavaScript's String.prototype.trim removes (WhiteSpace and LineTerminator).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_EXPECTED = {"string": "a string", "number": "a number", "boolean": "a boolean", "json": "a JSON value"}
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\ud800-\udfff]')
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")


def js_trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def js_number(value: float) -> str:
    """JavaScript's Number#toString for a finite number (ints beyond 2**53 lose precision, as in JS)."""
    if isinstance(value, int) and abs(value) < 2**53:
        return str(value)
    x = float(value)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mantissa, _, exp_text = repr(abs(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    raw = whole + frac
    stripped = raw.lstrip("0")
    n = len(whole) + int(exp_text or 0) - (len(raw) - len(stripped))  # decimal point position
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        out = digits + "0" * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        out = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + out


def _quote(text: str) -> str:
    def escape(m: "re.Match[str]") -> str:
        ch = m.group(0)
        return _ESCAPES.get(ch) or "\\u%04x" % ord(ch)

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


def _js_key_order(keys: List[str]) -> List[str]:
    # JavaScript objects list array-index keys first, ascending, then the rest in insertion order.
    index = [k for k in keys if _ARRAY_INDEX.fullmatch(k) and int(k) < 2**32 - 1]
    rest = [k for k in keys if k not in set(index)]
    return sorted(index, key=int) + rest


def js_json(value: Any) -> str:
    """JSON.stringify(value) for a JSON value: no spaces, no ASCII escaping, JS number format."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if _is_number(value):
        return js_number(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(js_json(item) for item in value) + "]"
    if isinstance(value, Mapping):
        keys = _js_key_order([str(k) for k in value.keys()])
        lookup = {str(k): v for k, v in value.items()}
        return "{" + ",".join(_quote(k) + ":" + js_json(lookup[k]) for k in keys) + "}"
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def is_json_value(value: Any, _ancestors: Tuple[int, ...] = ()) -> bool:
    if value is None or isinstance(value, (str, bool)):
        return True
    if _is_number(value):
        return math.isfinite(value)
    if id(value) in _ancestors:
        return False
    if isinstance(value, (list, tuple)):
        return all(is_json_value(item, _ancestors + (id(value),)) for item in value)
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and is_json_value(v, _ancestors + (id(value),)) for k, v in value.items())
    return False


def describe_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if _is_number(value):
        return "number" if math.isfinite(value) else js_number(value)
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object"


def matches_type(type_: str, value: Any) -> bool:
    if type_ == "string":
        return isinstance(value, str)
    if type_ == "number":
        return _is_number(value) and math.isfinite(value)
    if type_ == "boolean":
        return isinstance(value, bool)
    if type_ == "json":
        return is_json_value(value)
    return False


MESSAGE_ROLES = ("system", "user", "assistant", "tool")


def check_placeholders(content: Mapping[str, Any], given: Optional[Mapping[str, Any]]) -> Tuple[Dict[str, List[Dict[str, str]]], List[Dict[str, str]]]:
    """The messages for each placeholder block, and the errors (missing required ones, bad roles)."""
    given = given or {}
    values: Dict[str, List[Dict[str, str]]] = {}
    errors: List[Dict[str, str]] = []
    for block in content.get("blocks") or []:
        spec = block.get("placeholder")
        if block.get("kind") != "placeholder" or not spec or not block.get("enabled", True):
            continue
        name = spec["name"]
        if name not in given or given[name] is None:
            if spec.get("required"):
                errors.append({"placeholder": name, "message": f'Missing required placeholder "{name}"'})
            values[name] = []
            continue
        supplied = given[name]
        if not isinstance(supplied, list):
            errors.append({"placeholder": name, "message": f'Placeholder "{name}" must be a list of messages'})
            continue
        messages: List[Dict[str, str]] = []
        for index, item in enumerate(supplied, start=1):
            role = item.get("role") if isinstance(item, dict) else None
            if isinstance(role, str) and role in MESSAGE_ROLES and isinstance(item.get("content"), str):
                messages.append({"role": role, "content": item["content"]})
            elif isinstance(role, str) and role not in MESSAGE_ROLES:
                errors.append({"placeholder": name, "message": f'Placeholder "{name}" message {index} has role "{role}"; use {", ".join(MESSAGE_ROLES)}'})
            else:
                errors.append({"placeholder": name, "message": f'Placeholder "{name}" message {index} must be {{ role, content }} with string content'})
        values[name] = messages
    return values, errors


def check_variable_values(definitions: List[Mapping[str, Any]], values: Mapping[str, Any]) -> Dict[str, Any]:
    """Checked values with defaults filled in; raises InvalidVariables naming every bad variable."""
    errors: List[Dict[str, str]] = []
    checked: Dict[str, Any] = {}
    for definition in definitions:
        name, type_ = definition["name"], definition["type"]
        if name not in values:
            if "default" in definition:
                checked[name] = definition["default"]
            elif definition.get("required"):
                errors.append({"variable": name, "message": f'Missing required variable "{name}"'})
            else:
                checked[name] = ""
            continue
        given = values[name]
        if not matches_type(type_, given):
            expected = _EXPECTED.get(type_, f"a {type_}")
            errors.append({"variable": name, "message": f'Variable "{name}" must be {expected} (got {describe_type(given)})'})
            continue
        checked[name] = given
    if errors:
        raise InvalidVariables(errors)
    return checked


def _format(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_number(value):
        return js_number(value)
    return js_json(value)


def render_template(text: str, values: Mapping[str, str]) -> str:
    """Substitutes ``{{ name }}`` for names in ``values``, unescapes ``\\{{``, leaves other tokens as written."""

    def replace(m: "re.Match[str]") -> str:
        escape, inner = m.group(1), m.group(2)
        if inner is None:
            return "{{"
        if escape is not None:
            return m.group(0)[1:]
        name = js_trim(inner)
        if VARIABLE_NAME_RE.fullmatch(name) and name in values:
            return values[name]
        return m.group(0)

    return RENDER_RE.sub(replace, text)


def render_content(
    content: Mapping[str, Any], values: Mapping[str, Any], placeholders: Optional[Mapping[str, Any]] = None
) -> Tuple[List[Dict[str, str]], str]:
    """Compiles content into (chat messages, flat text), as POST /render returns them.

    Placeholder blocks are replaced by the messages given for them in ``placeholders``.
    """
    definitions = list(content.get("variables") or [])
    variable_errors: List[Dict[str, str]] = []
    try:
        checked = check_variable_values(definitions, values)
    except InvalidVariables as error:
        variable_errors, checked = error.errors, {}
    history, placeholder_errors = check_placeholders(content, placeholders)
    if variable_errors or placeholder_errors:
        raise InvalidVariables(variable_errors + placeholder_errors)
    formatted: Dict[str, str] = {}
    for definition in definitions:
        name = definition["name"]
        if name not in values and "default" not in definition:
            formatted[name] = ""
        elif definition["type"] == "json":
            formatted[name] = js_json(checked[name])
        else:
            formatted[name] = _format(checked[name])

    messages: List[Dict[str, str]] = []
    bodies: List[str] = []
    sealed = False  # the last message came from a placeholder: nothing merges into it
    for block in content.get("blocks") or []:
        if not block.get("enabled", True):
            continue
        if block.get("kind") == "placeholder" and block.get("placeholder"):
            for message in history.get(block["placeholder"]["name"], []):
                messages.append(dict(message))
                bodies.append(message["content"])
            sealed = True
            continue
        body = render_template(block.get("body", ""), formatted)
        if js_trim(body) == "":
            continue
        bodies.append(body)
        role = BLOCK_ROLES.get(block.get("kind", ""), "system")
        # Chat APIs expect alternating turns, so neighbouring blocks of one role merge.
        if messages and messages[-1]["role"] == role and not sealed:
            messages[-1]["content"] += "\n\n" + body
        else:
            messages.append({"role": role, "content": body})
        sealed = False
    return messages, "\n\n".join(bodies)

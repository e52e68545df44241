"""The XLSForm expression language (an XPath subset) of ``relevant`` and ``constraint``: parse, list the
questions an expression refers to, and evaluate it on a report's answers. Pure Python, no database.

Supported: ``${key}``, ``.`` (the question's own value), absolute paths (``/data/group/key`` → ``key``),
numbers, strings, ``= != < <= > >=``, ``and or``, ``+ - * div mod``, unary minus, parentheses, and the
functions in :data:`FUNCTIONS`. Anything else is refused with a message that says what and where.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<ref>\$\{\s*(?P<refname>[A-Za-z_][\w.\-]*)\s*\})
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*"|[‘’][^‘’]*[‘’]|[“”][^“”]*[“”])
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<path>(?:/[A-Za-z_][\w.\-]*)+)
  | (?P<dotdot>\.\.)
  | (?P<dot>\.)
  | (?P<name>[A-Za-z_][\w\-]*(?::[A-Za-z_][\w\-]*)?)
""", re.VERBOSE)


class ExpressionError(ValueError):
    """A bad expression; ``str()`` says what is wrong (English, the caller translates the frame)."""


@dataclass(frozen=True)
class Node:
    kind: str  # num, str, ref, self, op, func, neg
    value: Any = None
    args: tuple = ()


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ExpressionError(f"unexpected '{text[pos:pos + 10]}' at character {pos + 1}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        if kind == "refname":
            kind = "ref"
        if kind == "ref":
            out.append(("ref", m.group("refname")))
        elif kind == "path":
            out.append(("ref", m.group("path").rsplit("/", 1)[-1]))
        elif kind == "name" and m.group(0) in ("and", "or", "div", "mod"):
            out.append(("op", m.group(0)))
        else:
            out.append((kind, m.group(0)))
    return out


#: name -> (min args, max args or None)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "not": (1, 1), "selected": (2, 2), "count-selected": (1, 1), "regex": (2, 2), "string-length": (1, 1),
    "sum": (1, 1), "count": (1, 1), "if": (3, 3), "number": (1, 1), "string": (1, 1), "today": (0, 0),
    "now": (0, 0), "concat": (1, None), "coalesce": (2, 2), "contains": (2, 2), "starts-with": (2, 2),
    "ends-with": (2, 2), "round": (1, 2), "int": (1, 1), "boolean": (1, 1), "true": (0, 0), "false": (0, 0),
    "date": (1, 1), "max": (1, None), "min": (1, None), "abs": (1, 1),
}


class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ExpressionError("the expression ends too early")
        if value is not None and tok[1] != value:
            raise ExpressionError(f"expected '{value}' but found '{tok[1]}'")
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise ExpressionError("the expression is empty")
        node = self.binary(0)
        if self.peek() is not None:
            raise ExpressionError(f"unexpected '{self.peek()[1]}'")
        return node

    LEVELS = (("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod"))

    def binary(self, level: int) -> Node:
        if level == len(self.LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in self.LEVELS[level]:
            self.take()
            node = Node("op", tok[1], (node, self.binary(level + 1)))
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok and tok == ("op", "-"):
            self.take()
            return Node("neg", None, (self.unary(),))
        return self.primary()

    def primary(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            return Node("num", Decimal(text))
        if kind == "str":
            return Node("str", text[1:-1])
        if kind == "ref":
            return Node("ref", text)
        if kind == "dot":
            return Node("self")
        if kind == "dotdot":
            raise ExpressionError("relative paths ('..') are not supported; use ${name}")
        if kind == "op" and text == "(":
            node = self.binary(0)
            self.take(")")
            return node
        if kind == "name":
            if self.peek() != ("op", "("):
                raise ExpressionError(f"'{text}' is neither a ${{name}} reference nor a function call")
            self.take("(")
            args: list[Node] = []
            if self.peek() != ("op", ")"):
                args.append(self.binary(0))
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.binary(0))
            self.take(")")
            if text not in FUNCTIONS:
                raise ExpressionError(f"the function '{text}()' is not supported")
            low, high = FUNCTIONS[text]
            if len(args) < low or (high is not None and len(args) > high):
                raise ExpressionError(f"'{text}()' takes {low}{'' if high == low else '+'} argument(s), got {len(args)}")
            return Node("func", text, tuple(args))
        raise ExpressionError(f"unexpected '{text}'")


_CACHE: dict[str, Node] = {}


def parse(text: str) -> Node:
    """The syntax tree of ``text``; raises :class:`ExpressionError`."""
    node = _CACHE.get(text)
    if node is None:
        node = _Parser(text).parse()
        if len(_CACHE) < 5000:
            _CACHE[text] = node
    return node


def references(node: Node | str) -> set[str]:
    """The question keys an expression refers to."""
    if isinstance(node, str):
        node = parse(node)
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "ref":
            found.add(n.value)
        stack.extend(n.args)
    return found


# --- evaluation ----------------------------------------------------------------------------------------

def _num(v) -> Decimal | None:
    if isinstance(v, bool):
        return Decimal(int(v))
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int | float):
        return Decimal(str(v))
    if isinstance(v, list):
        v = v[0] if len(v) == 1 else None
        return _num(v) if v is not None else None
    try:
        return Decimal(str(v).strip()) if str(v).strip() != "" else None
    except InvalidOperation:
        return None


def _str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return " ".join(_str(x) for x in v)
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral() else str(v)
    return str(v)


def _bool(v) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, Decimal | int | float):
        return v != 0
    if isinstance(v, list):
        return bool(v)
    return _str(v) != ""


def _compare(op: str, a, b) -> bool:
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None and not (isinstance(a, str) and isinstance(b, str)):
        x, y = na, nb
    else:
        x, y = _str(a), _str(b)
    return {"=": x == y, "!=": x != y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


def evaluate(node: Node | str, lookup: Callable[[str], Any], self_value: Any = None) -> Any:
    """Evaluate with ``lookup(key)`` giving another question's value (None, str, Decimal, list of values)."""
    if isinstance(node, str):
        node = parse(node)
    k = node.kind
    if k == "num" or k == "str":
        return node.value
    if k == "ref":
        return lookup(node.value)
    if k == "self":
        return self_value
    if k == "neg":
        n = _num(evaluate(node.args[0], lookup, self_value))
        return -n if n is not None else None
    if k == "op":
        op = node.value
        if op == "and":
            return _bool(evaluate(node.args[0], lookup, self_value)) and _bool(
                evaluate(node.args[1], lookup, self_value))
        if op == "or":
            return _bool(evaluate(node.args[0], lookup, self_value)) or _bool(
                evaluate(node.args[1], lookup, self_value))
        a, b = (evaluate(x, lookup, self_value) for x in node.args)
        if op in ("=", "!=", "<", "<=", ">", ">="):
            return _compare(op, a, b)
        x, y = _num(a), _num(b)
        if x is None or y is None:
            return None
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if y == 0:
            return None
        return x / y if op == "div" else x % y
    # functions
    name, args = node.value, node.args

    def arg(i):
        return evaluate(args[i], lookup, self_value)

    if name == "not":
        return not _bool(arg(0))
    if name == "true":
        return True
    if name == "false":
        return False
    if name == "selected":
        value = arg(0)
        items = value if isinstance(value, list) else _str(value).split()
        return _str(arg(1)) in [_str(x) for x in items]
    if name == "count-selected":
        value = arg(0)
        return Decimal(len(value if isinstance(value, list) else _str(value).split()))
    if name == "regex":
        try:
            return re.search(_str(arg(1)), _str(arg(0))) is not None
        except re.error:
            return False
    if name == "string-length":
        return Decimal(len(_str(arg(0))))
    if name in ("sum", "max", "min"):
        values = [arg(i) for i in range(len(args))]
        flat = [x for v in values for x in (v if isinstance(v, list) else [v])]
        nums = [n for n in (_num(x) for x in flat) if n is not None]
        if name == "sum":
            return sum(nums, Decimal(0))
        return (max if name == "max" else min)(nums) if nums else None
    if name == "count":
        value = arg(0)
        return Decimal(len(value) if isinstance(value, list) else (1 if _str(value) else 0))
    if name == "if":
        return arg(1) if _bool(arg(0)) else arg(2)
    if name == "number":
        return _num(arg(0))
    if name == "int":
        n = _num(arg(0))
        return Decimal(int(n)) if n is not None else None
    if name == "abs":
        n = _num(arg(0))
        return abs(n) if n is not None else None
    if name == "round":
        n = _num(arg(0))
        places = int(_num(arg(1)) or 0) if len(args) > 1 else 0
        return round(n, places) if n is not None else None
    if name == "string":
        return _str(arg(0))
    if name == "boolean":
        return _bool(arg(0))
    if name in ("today", "now"):
        return dt.date.today().isoformat()
    if name == "date":
        return _str(arg(0))
    if name == "concat":
        return "".join(_str(arg(i)) for i in range(len(args)))
    if name == "coalesce":
        a = arg(0)
        return a if _str(a) != "" else arg(1)
    if name == "contains":
        return _str(arg(1)) in _str(arg(0))
    if name == "starts-with":
        return _str(arg(0)).startswith(_str(arg(1)))
    if name == "ends-with":
        return _str(arg(0)).endswith(_str(arg(1)))
    raise ExpressionError(f"the function '{name}()' is not supported")  # pragma: no cover (parse refuses it)


def truthy(value) -> bool:
    return _bool(value)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in ``{key: keys it depends on}`` as ``[a, b, ..., a]``, or None."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for start in graph:
        if colour[start] != white:
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph.get(start, ())))]
        path = [start]
        colour[start] = grey
        while stack:
            node, todo = stack[-1]
            if todo:
                nxt = todo.pop(0)
                if nxt not in colour:
                    continue
                if colour[nxt] == grey:
                    return path[path.index(nxt):] + [nxt]
                if colour[nxt] == white:
                    colour[nxt] = grey
                    path.append(nxt)
                    stack.append((nxt, sorted(graph.get(nxt, ()))))
            else:
                colour[node] = black
                path.pop()
                stack.pop()
    return None

"""Wrap the words PartnerDesk shows people in `_()` (or `N_()` where Python reads them once, at import), so that
they can be translated, and add the import from partnerdesk/i18n.py.

Run from the project folder, over the whole package or the files you name:

    .venv/bin/python scripts/wrap_strings.py [--dry-run] [PATH ...]

It reads each file with the standard library's `ast` and edits the exact source of each string, so nothing else in
the file moves. It prints every change (file:line and what it did) and, at the end, what it left for a person:
strings glued together with `+` or `%`, which translators cannot work with until someone rewrites them as one
sentence. It is safe to run again: strings already inside `_()`, `N_()`, `ngettext()` or `pgettext()` are left
alone, so a second run changes nothing.

What counts as words for people: a string with a space, a capital letter at the start, an "&" shortcut or "…",
in code that runs when the screen or message is made. It leaves alone what only code reads: object names, setting
and vocabulary codes (lower-case words with underscores), SQL, style sheets, log lines, file names and suffixes,
keyboard shortcuts, date formats, dictionary keys, strings compared with `==` or `in`, anything passed to the
calls in NOT_TEXT, and strings on a line with the comment `# not words`. f-strings become
`_("… {name} …").format(name=…)`: translators need the whole sentence.
Module-level and class-level strings (label tables, defaults) get `N_()`; the code that shows them must call `_()`
on them, which this tool cannot see: look for the N_ lines it prints.
"""

from __future__ import annotations

import argparse
import ast
import json
import keyword
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "partnerdesk"
#: Folders whose strings are data (made-up names and notes) or frozen history (migrations), never translated here.
SKIP_PARTS = {"demo", "migrations"}
#: The log and crash details are for whoever fixes PartnerDesk, in English whatever the language.
SKIP_FILES = {"i18n.py", "__main__.py", "logs.py"}
WRAPPERS = {"_", "N_", "ngettext", "pgettext", "npgettext", "gettext", "long_date", "short_date"}
#: Calls whose string arguments only code reads.
NOT_TEXT = {
    # Qt names, properties, styles, icons, shortcuts, settings
    "setObjectName", "setProperty", "property", "objectName", "findChild", "findChildren", "setStyleSheet",
    "setStyle", "QKeySequence", "setShortcut", "setShortcuts", "QIcon", "fromTheme", "setWindowIcon", "QColor",
    "QFont", "setFamily", "setFontFamily", "QSettings", "setValue", "value", "contains", "QUrl", "fromLocalFile",
    "setApplicationName", "setOrganizationName", "setOrganizationDomain", "setDesktopFileName", "Signal", "Slot",
    "QRegularExpression", "setDisplayFormat", "toString", "fromString", "setMimeData", "setData", "hasFormat",
    "setInputMask", "QLocale", "setNameFilter",
    # reportlab and openpyxl names
    "HexColor", "registerFont", "TTFont", "UnicodeCIDFont", "registerFontFamily", "ParagraphStyle", "style",
    "heading_style", "TableStyle", "setFont", "Font", "PatternFill", "Alignment", "NamedStyle",
    # the database
    "mapped_column", "Index", "Table", "UniqueConstraint", "CheckConstraint", "ForeignKey",
    "ForeignKeyConstraint", "PrimaryKeyConstraint", "relationship", "_link", "text", "execute", "exec_driver_sql",
    "label", "alias", "op", "like", "ilike", "in_", "literal_column", "column", "table", "bindparam", "func",
    "get_setting", "set_setting", "synonym", "aliased",
    # strings as code
    "compile", "match", "search", "sub", "fullmatch", "findall", "finditer", "getattr", "setattr", "hasattr",
    "delattr", "isinstance", "startswith", "endswith", "replace", "strip", "lstrip", "rstrip", "removeprefix",
    "removesuffix", "split", "rsplit", "partition", "rpartition", "encode", "decode", "strftime", "strptime",
    "fromisoformat", "Path", "open", "read_text", "write_text", "resource", "getenv", "TypeVar", "cast", "NewType",
    "Decimal", "ZoneInfo", "Random", "seed", "import_module", "entry_points", "version", "metadata", "Error",
    "warn", "translate", "maketrans", "ljust", "rjust", "center", "zfill", "count", "index", "find", "rfind",
    # programmer errors, never shown as such (ValueError only outside VALUE_ERRORS_SHOWN)
    "TypeError", "KeyError", "RuntimeError", "AssertionError", "NotImplementedError",
    "AttributeError", "LookupError", "IndexError", "OSError",
}  # fmt: skip
#: Where a ValueError's words reach people: rules raise it with plain words that services and forms show as they
#: are. Elsewhere it means a programmer's mistake, in English for whoever fixes it.
VALUE_ERRORS_SHOWN = ("rules", "ui", "cli.py")
LOGGERS = {"log", "logger", "logging", "LOG", "LOGGER", "_log", "_logger"}
NOT_TEXT_KEYWORDS = {
    "fontName", "objectName", "encoding", "errors", "newline", "dest", "metavar", "ondelete", "server_default",
    "number_format", "key", "role", "name", "field", "kind", "code", "suffix_code", "mode", "tz", "sep", "end",
    "format", "fmt", "type", "prog", "parent", "style", "sheet", "url", "path", "pattern", "comment", "doc", "info",
}  # fmt: skip

_SQL = re.compile(r"^\s*(select|insert|update|delete|create|pragma|alter|drop|with|SELECT|INSERT|UPDATE|DELETE|"
                  r"CREATE|PRAGMA|ALTER|DROP|WITH|BEGIN|begin|attach|ATTACH|VACUUM|vacuum)\s")  # fmt: skip
_CODE = re.compile(r"[a-z0-9_.\-/:%*#=+@,\[\]<>]+")
_STYLE_RULE = re.compile(r"([\w-]+\s*:\s*[^;]+;\s*)+")
#: Key sequences ("Ctrl+Shift+M", "F1"); a lone key name ("Delete") is as likely a button's word, and the calls
#: that take key sequences are in NOT_TEXT anyway.
_SHORTCUT = re.compile(r"((Ctrl|Alt|Shift|Meta)\+)+\S+|F\d{1,2}")
_DATE_FORMAT = re.compile(r"(%[a-zA-Z-]+|[dMyHhmsz]{1,4}|AP|ap|[/:.\-\s,T'])+")
_CAMEL = re.compile(r"[A-Za-z0-9_-]*[a-z][A-Z][A-Za-z0-9_-]*|[A-Z][A-Z0-9_]+")
_TAG = re.compile(r"<[^>]*>")
#: A comment that keeps the strings on its line as they are.
MARKER = b"# not words"


def is_words(text: str) -> bool:
    """Whether a string reads as words for a person rather than something only code reads."""
    bare = _TAG.sub(" ", text).strip()
    if not re.search(r"[^\W\d_]", bare):
        return False
    if re.match(r"[A-Z][A-Z-]*[:;]", bare):
        return False  # calendar (.ics) and header lines
    if _SQL.match(text) or _CODE.fullmatch(bare) or bare.startswith(("#", "*.", "./")):
        return False
    if ("{" in text and "}" in text and ";" in text) or _STYLE_RULE.fullmatch(bare):
        return False
    if _SHORTCUT.fullmatch(bare) or _DATE_FORMAT.fullmatch(bare) or _CAMEL.fullmatch(bare):
        return False
    if ("/" in bare or "=" in bare) and " " not in bare:
        return False  # paths, time zones, mime types, URL options
    if re.fullmatch(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+", bare) or re.fullmatch(r"[\w.-]+\.[a-z]{2,4}", bare):
        return False  # dotted names and file names
    return " " in bare or bare[0].isupper() or bool(re.search(r"&\w", bare)) or "…" in bare


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_logging(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    if isinstance(owner, ast.Call):  # logging.getLogger(__name__).error(...)
        return _call_name(owner) == "getLogger"
    if isinstance(owner, ast.Attribute):  # self.log.info(...)
        return owner.attr in LOGGERS
    return isinstance(owner, ast.Name) and owner.id in LOGGERS


@dataclass
class Edit:
    start: int
    end: int
    text: str
    line: int
    what: str


@dataclass
class FileResult:
    edits: list[Edit] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


class Wrapper:
    """Finds the strings to wrap in one module and says how to rewrite each."""

    def __init__(self, source: bytes, value_errors_shown: bool = False) -> None:
        self.source = source
        self.value_errors_shown = value_errors_shown
        self.starts = [0]
        for line in source.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.result = FileResult()

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end].decode("utf-8")

    # -- walking ------------------------------------------------------------------------------------------------

    def module(self, tree: ast.Module) -> None:
        self.body(tree.body, at_import=True)

    def body(self, statements: list[ast.stmt], at_import: bool) -> None:
        for statement in statements:
            self.statement(statement, at_import)

    def statement(self, node: ast.stmt, at_import: bool) -> None:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            return  # docstrings and bare strings
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                self.expr(decorator, at_import)
            for default in [*node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]:
                self.expr(default, at_import)
            self.body(node.body, at_import=False)
            return
        if isinstance(node, ast.ClassDef):
            for item in [*node.decorator_list, *node.bases, *[k.value for k in node.keywords]]:
                self.expr(item, at_import)
            self.body(node.body, at_import)
            return
        if isinstance(node, ast.Import | ast.ImportFrom | ast.Global | ast.Nonlocal | ast.Assert):
            return
        if isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.expr(node.value, at_import)
            return
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in ("__all__", "__slots__") for t in targets):
                return
            for target in targets:
                self.expr(target, at_import, allowed=False)
            self.expr(node.value, at_import)
            return
        if isinstance(node, ast.Match):
            self.expr(node.subject, at_import, allowed=False)
            for case in node.cases:
                if case.guard is not None:
                    self.expr(case.guard, at_import)
                self.body(case.body, at_import)
            return
        for _field, value in ast.iter_fields(node):
            if isinstance(value, list):
                if value and isinstance(value[0], ast.stmt):
                    self.body(value, at_import)
                else:
                    for item in value:
                        if isinstance(item, ast.expr):
                            self.expr(item, at_import)
                        elif isinstance(item, ast.AST):
                            self.other(item, at_import)
            elif isinstance(value, ast.expr):
                self.expr(value, at_import, allowed=True)
            elif isinstance(value, ast.AST):
                self.other(value, at_import)

    def other(self, node: ast.AST, at_import: bool) -> None:
        if isinstance(node, ast.ExceptHandler):
            if node.type is not None:
                self.expr(node.type, at_import, allowed=False)
            self.body(node.body, at_import)
        elif isinstance(node, ast.withitem):
            self.expr(node.context_expr, at_import)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.expr(child, at_import)
                elif isinstance(child, ast.stmt):
                    self.statement(child, at_import)

    def expr(self, node: ast.expr, at_import: bool, allowed: bool = True) -> None:
        if isinstance(node, ast.Constant):
            if allowed and isinstance(node.value, str) and is_words(node.value):
                self.wrap(node, at_import)
            return
        if isinstance(node, ast.JoinedStr):
            if allowed:
                self.fstring(node, at_import)
            return
        if isinstance(node, ast.Call):
            self.call(node, at_import)
            return
        if isinstance(node, ast.Lambda):
            for default in [*node.args.defaults, *[d for d in node.args.kw_defaults if d is not None]]:
                self.expr(default, at_import)
            self.expr(node.body, at_import=False)
            return
        if isinstance(node, ast.Compare):
            for part in [node.left, *node.comparators]:
                self.expr(part, at_import, allowed=False)
            return
        if isinstance(node, ast.Subscript):
            self.expr(node.value, at_import, allowed=False)
            self.expr(node.slice, at_import, allowed=False)
            return
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    self.expr(key, at_import, allowed=False)
            for value in node.values:
                self.expr(value, at_import, allowed)
            return
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod) and self._has_words(node):
            self.result.left.append(f"{node.lineno}: words glued with {'+' if isinstance(node.op, ast.Add) else '%'}")
            return
        if isinstance(node, ast.Attribute):
            self.expr(node.value, at_import, allowed=False)
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child, at_import, allowed)
            elif isinstance(child, ast.comprehension):
                self.expr(child.iter, at_import, allowed)
                for test in child.ifs:
                    self.expr(test, at_import, allowed=False)

    def _has_words(self, node: ast.BinOp) -> bool:
        parts = [node.left, node.right]
        texts = [p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)]
        texts += ["".join(str(v.value) if isinstance(v, ast.Constant) else "1" for v in p.values)
                  for p in parts if isinstance(p, ast.JoinedStr)]  # fmt: skip
        return any(is_words(text) for text in texts)

    def call(self, node: ast.Call, at_import: bool) -> None:
        name = _call_name(node)
        if name in WRAPPERS:
            return
        func = node.func
        if isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Constant | ast.JoinedStr) and name == "format":
                self.expr(receiver, at_import)  # "… {x} …".format(x=…)
            elif not isinstance(receiver, ast.Constant | ast.JoinedStr):
                self.expr(receiver, at_import, allowed=False)
        if name in NOT_TEXT or _is_logging(node) or (name == "ValueError" and not self.value_errors_shown):
            return
        for argument in node.args:
            self.expr(argument, at_import)
        for kw in node.keywords:
            self.expr(kw.value, at_import, allowed=kw.arg not in NOT_TEXT_KEYWORDS)

    # -- rewriting ----------------------------------------------------------------------------------------------

    def marked_not_words(self, node: ast.expr) -> bool:
        """Whether a line of the string says `# not words` (text that only looks like words: samples, codes)."""
        lines = range(node.lineno - 1, node.end_lineno or node.lineno)
        return any(MARKER in self.source[self.starts[i] : self.starts[i + 1]] for i in lines)

    def wrap(self, node: ast.Constant, at_import: bool) -> None:
        if self.marked_not_words(node):
            return
        start, end = self.span(node)
        wrapper = "N_" if at_import else "_"
        self.result.names.add(wrapper)
        original = self.segment(node)
        self.result.edits.append(Edit(start, end, f"{wrapper}({original})", node.lineno, f"{wrapper}({original!s})"))

    def fstring(self, node: ast.JoinedStr, at_import: bool) -> None:
        if self.marked_not_words(node):
            return
        words = "".join(str(v.value) if isinstance(v, ast.Constant) else "1" for v in node.values)
        if not is_words(words) or not any(isinstance(v, ast.FormattedValue) for v in node.values):
            if is_words(words):
                self.wrap_plain_fstring(node, at_import)
            return
        if at_import:
            self.result.left.append(f"{node.lineno}: f-string read at import")
            return
        template, arguments = [], {}  # type: ignore[var-annotated]
        for value in node.values:
            if isinstance(value, ast.Constant):
                template.append(str(value.value).replace("{", "{{").replace("}", "}}"))
                continue
            assert isinstance(value, ast.FormattedValue)
            source = self.segment(value.value)
            placeholder = self._placeholder(value.value, source, arguments)
            arguments[placeholder] = source
            piece = placeholder
            if value.conversion != -1:
                piece += "!" + chr(value.conversion)
            if value.format_spec is not None:
                spec = value.format_spec
                if not all(isinstance(v, ast.Constant) for v in spec.values):  # type: ignore[attr-defined]
                    self.result.left.append(f"{node.lineno}: f-string with a worked-out format")
                    return
                piece += ":" + "".join(str(v.value) for v in spec.values)  # type: ignore[attr-defined]
            template.append("{" + piece + "}")
        literal = self._literal("".join(template), node)
        formatted = ", ".join(f"{k}={v}" for k, v in arguments.items())
        start, end = self.span(node)
        self.result.names.add("_")
        text = f"_({literal}).format({formatted})"
        if len(text) > 90:  # one argument a line, as ruff would: lines under `# fmt: skip` are never re-flowed
            indent = self._indent(node)
            formatted = "".join(f"\n{indent}    {k}={v}," for k, v in arguments.items())
            text = f"_({literal}).format({formatted}\n{indent})"
        self.result.edits.append(Edit(start, end, text, node.lineno, text))

    def wrap_plain_fstring(self, node: ast.JoinedStr, at_import: bool) -> None:
        words = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        start, end = self.span(node)
        wrapper = "N_" if at_import else "_"
        self.result.names.add(wrapper)
        text = f"{wrapper}({self._literal(words, node)})"
        self.result.edits.append(Edit(start, end, text, node.lineno, text))

    def _indent(self, node: ast.expr) -> str:
        line = self.source[self.starts[node.lineno - 1] : self.starts[node.lineno]].decode("utf-8")
        return " " * (len(line) - len(line.lstrip()))

    def _literal(self, text: str, node: ast.expr) -> str:
        """A string literal for text, in pieces of whole words on lines of their own when it is long."""
        if len(text) <= 90:
            return _quote(text)
        indent = self._indent(node) + "    "
        pieces, piece = [], ""
        for word in re.findall(r"\S+\s*|\s+", text):
            if piece and len(piece) + len(word) > 90:
                pieces.append(piece)
                piece = ""
            piece += word
        pieces.append(piece)
        joined = "".join(f"\n{indent}{_quote(p)}" for p in pieces)
        return f"{joined}\n{indent[:-4]}"

    @staticmethod
    def _placeholder(node: ast.expr, source: str, taken: dict[str, str]) -> str:
        for existing, was in taken.items():
            if was == source:
                return existing
        base = "value"
        if isinstance(node, ast.Name):
            base = node.id
        elif isinstance(node, ast.Attribute):
            base = node.attr
        elif isinstance(node, ast.Call):
            base = _call_name(node) or "value"
            if base == "len":
                base = "count"
            elif base in ("strip", "lower", "upper", "title") and isinstance(node.func, ast.Attribute):
                base = Wrapper._placeholder(node.func.value, "", {})
            elif node.args and (base.startswith(("format", "short_", "long_")) or base in ("get", "str", "int")):
                base = Wrapper._placeholder(node.args[0], "", {})
        elif isinstance(node, ast.BoolOp):
            base = Wrapper._placeholder(node.values[0], "", {})
        elif isinstance(node, ast.IfExp):
            base = Wrapper._placeholder(node.body, "", {})
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            base = str(node.slice.value)
        base = re.sub(r"\W", "_", base).strip("_") or "value"
        if keyword.iskeyword(base) or not base.isidentifier() or base[0].isdigit():
            base = "value"
        name, number = base, 2
        while name in taken:
            name, number = f"{base}{number}", number + 1
        return name


def _quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{body}"'


def _binds_underscore(scope: ast.AST) -> list[ast.Name]:
    """Names `_` bound directly in a function or module (a throwaway variable), which would hide `_()`."""
    found: list[ast.Name] = []
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _import_edit(tree: ast.Module, source: bytes, wrapper: Wrapper, names: set[str]) -> Edit | None:
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "partnerdesk.i18n":
            have = {alias.name for alias in node.names}
            if names <= have:
                return None
            start, end = wrapper.span(node)
            every = sorted(have | names, key=lambda n: (n != "N_", n != "_", n))
            return Edit(start, end, f"from partnerdesk.i18n import {', '.join(every)}", node.lineno, "import")
    last = None
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            last = node
        elif last is not None:
            break
    every = sorted(names, key=lambda n: (n != "N_", n != "_", n))
    line = f"from partnerdesk.i18n import {', '.join(every)}\n"
    if last is None:
        at = wrapper.starts[tree.body[0].end_lineno] if tree.body and _is_docstring(tree.body[0]) else 0  # type: ignore[index]
        return Edit(at, at, ("\n" if at else "") + line, 1, "import")
    at = wrapper.starts[last.end_lineno]  # type: ignore[index]
    return Edit(at, at, line, last.lineno, "import")


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def rewrite(source: str, value_errors_shown: bool = False) -> tuple[str, FileResult]:
    """The module's source with its words wrapped, and what was changed or left.

    An f-string's values can hold words of their own (`{owner or "nobody named"}`), which are only seen once the
    f-string has become `_(…).format(…)`; so this goes round until nothing changes, and a second run has nothing
    to do.
    """
    total = FileResult()
    for _round in range(4):
        source, result = _rewrite_once(source, value_errors_shown)
        total.edits += result.edits
        total.left = result.left
        if not result.edits:
            break
    return source, total


def _rewrite_once(source: str, value_errors_shown: bool) -> tuple[str, FileResult]:
    raw = source.encode("utf-8")
    tree = ast.parse(raw)
    wrapper = Wrapper(raw, value_errors_shown)
    wrapper.module(tree)
    result = wrapper.result
    edits = list(result.edits)
    imports_underscore = "_" in result.names or any(
        isinstance(n, ast.ImportFrom) and n.module == "partnerdesk.i18n" and any(a.name == "_" for a in n.names)
        for n in tree.body
    )
    if imports_underscore:
        # A throwaway variable called `_` would hide the `_()` the module now calls.
        for scope in ast.walk(tree):
            if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
                for name in _binds_underscore(scope):
                    start, end = wrapper.span(name)
                    edits.append(Edit(start, end, "_unused", name.lineno, "renamed a throwaway `_` to `_unused`"))
    if result.names:
        imported = _import_edit(tree, raw, wrapper, result.names)
        if imported is not None:
            edits.append(imported)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        raw = raw[: edit.start] + edit.text.encode("utf-8") + raw[edit.end :]
    result.edits = edits
    return raw.decode("utf-8"), result


def tidy_lines(paths: list[Path]) -> None:
    """Sort the imports and re-flow only the lines made too long, with ruff, so nothing else in a file moves."""
    if not paths:
        return
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run([*ruff, "check", "--select", "I001", "--fix", "--quiet", *map(str, paths)], check=False)
    for path in paths:
        found = subprocess.run(
            [*ruff, "check", "--select", "E501", "--output-format", "json", "--quiet", str(path)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        lines = sorted({item["location"]["row"] for item in json.loads(found.stdout or "[]")}, reverse=True)
        for line in lines:
            subprocess.run([*ruff, "format", "--quiet", "--range", f"{line}:1-{line + 1}:1", str(path)], check=False)


def targets(paths: list[str]) -> list[Path]:
    """The Python files to look at: those named, or every module of the package."""
    roots = [Path(p) for p in paths] or [PACKAGE]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            if SKIP_PARTS & set(path.parts) or path.name in SKIP_FILES:
                continue
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", help="files or folders (default: partnerdesk/)")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    options = parser.parse_args(argv)
    changed = wrapped = left = 0
    written: list[Path] = []
    for path in targets(options.paths):
        before = path.read_text(encoding="utf-8")
        shown = any(part in VALUE_ERRORS_SHOWN for part in path.resolve().relative_to(PACKAGE).parts) \
            if path.resolve().is_relative_to(PACKAGE) else False
        after, result = rewrite(before, shown)
        where = path.resolve().relative_to(PROJECT) if path.resolve().is_relative_to(PROJECT) else path
        for edit in sorted(result.edits, key=lambda e: e.start):
            print(f"{where}:{edit.line}: {edit.what}")
        for note in result.left:
            print(f"{where}:{note} -- left for a person")
        left += len(result.left)
        if after != before:
            changed += 1
            wrapped += sum(1 for e in result.edits if e.what != "import")
            if not options.dry_run:
                path.write_text(after, encoding="utf-8")
                written.append(path)
    tidy_lines(written)
    verb = "would change" if options.dry_run else "changed"
    print(f"{verb} {changed} files ({wrapped} strings); {left} places left for a person")
    return 0


if __name__ == "__main__":
    sys.exit(main())

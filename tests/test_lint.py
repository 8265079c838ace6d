"""The checks a type checker does not make, run over the project's code as part of the suite.

pyflakes (through flake8, which honours `# noqa`) finds unused imports, undefined names and
names a module imports or defines twice; pycodestyle's W605 an invalid escape ("\\w" in a plain
string), which Python only warns about. It does not see a module-level constant assigned twice:
a second `_LIST_ITEM = …` further down a module silently replaced the first one for every function
above it (an extraction bug of the 28th session, caught only by comparing page sets); the second
test here looks for exactly that.
"""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

PACKAGES = ("monitor", "jobs", "storage", "bench", "tests")


def test_pyflakes_and_invalid_escapes_find_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "flake8", "--select=F,W605", *PACKAGES], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _assigned_twice(source: str) -> list[tuple[str, int, int]]:
    """Module-level names bound twice by the module's own statements (assignments, defs, classes):
    (name, first line, second line). Bindings under `if`/`try` (a fallback import) are not looked at."""
    first: dict[str, int] = {}
    twice = []
    for node in ast.parse(source).body:
        names: list[str] = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                parts = target.elts if isinstance(target, ast.Tuple) else [target]
                names += [part.id for part in parts if isinstance(part, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        for name in names:
            if name in first:
                twice.append((name, first[name], node.lineno))
            first[name] = node.lineno
    return twice


def test_the_check_for_a_name_bound_twice_sees_one() -> None:
    source = "import re\n_ITEM = re.compile('a')\n\ndef f():\n    return _ITEM\n\n_ITEM = re.compile('b')\n"
    assert _assigned_twice(source) == [("_ITEM", 2, 7)]
    assert _assigned_twice("A, B = 1, 2\nmodule.attr = 1\nmodule.attr = 2\n") == []


def test_no_module_binds_a_module_level_name_twice() -> None:
    found = [f"{path.relative_to(ROOT)}: {name} on lines {a} and {b}"
             for package in PACKAGES[:-1] for path in sorted((ROOT / package).rglob("*.py"))
             for name, a, b in _assigned_twice(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)

"""Every error the core raises for a person is written in Chinese (see ``reader.errors``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

#: The packages whose messages follow the policy; the corpus readers and splitter are held to
#: it where their own tests say so.
CHECKED = ("library", "notes", "search", "cli", "settings.py", "paths.py", "migrations.py",
           "fileio.py", "records.py")
ERRORS = {"ReaderError", "InputError", "DataError", "NoteNotFound", "_Damaged"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _texts(node: ast.expr) -> str:
    """The literal parts of a message (a string or an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_texts(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _texts(node.left) + _texts(node.right)
    return ""


def _messages() -> list[tuple[str, int, str]]:
    found = []
    for entry in CHECKED:
        root = REPO / "reader" / entry
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in ERRORS and node.args):
                    text = _texts(node.args[0])
                    if text:
                        found.append((str(Path(path).relative_to(REPO)), node.lineno, text))
    return found


def test_every_message_for_a_person_is_chinese() -> None:
    messages = _messages()
    assert len(messages) > 30  # the check sees the messages
    english = [m for m in messages if not CJK.search(m[2]) and re.search("[A-Za-z]", m[2])]
    assert english == []


def test_messages_end_as_sentences_with_details_in_full_width_brackets() -> None:
    for where, line, text in _messages():
        assert "(" not in text and ")" not in text, (where, line, text)
        assert not text.rstrip().endswith("."), (where, line, text)

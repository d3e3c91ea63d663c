"""Properties of anchoring that must hold for any selection, checked with generated cases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.notes import locate, make_anchor
from tests.notes.helpers import POLICY_TEXT, make_document

DOCUMENT = make_document()
_selections = st.tuples(st.integers(0, len(POLICY_TEXT) - 1), st.integers(1, 60)).filter(
    lambda s: POLICY_TEXT[s[0]: s[0] + s[1]].strip() != "")


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@given(_selections)
@settings(max_examples=150, deadline=None)
def test_an_unchanged_document_gives_back_the_selection(selection: tuple[int, int]) -> None:
    start, length = selection
    anchor = make_anchor(DOCUMENT, start, min(len(POLICY_TEXT), start + length))
    found = locate(anchor, DOCUMENT)
    assert found is not None and (found.start, found.end) == (anchor.start, anchor.end)


@given(_selections, st.sampled_from(["", " ", "\n", "\u3000"]), st.integers(0, 400))
@settings(max_examples=150, deadline=None)
def test_whitespace_changes_never_lose_or_move_an_anchor(
        selection: tuple[int, int], blank: str, seed: int) -> None:
    start, length = selection
    anchor = make_anchor(DOCUMENT, start, min(len(POLICY_TEXT), start + length))
    # Re-join the lines: every line break becomes ``blank``, and a space is put after the
    # ``seed``-th character, as a different cleaner might.
    changed_text = POLICY_TEXT.replace("\n", blank)
    changed_text = changed_text[:seed] + " " + changed_text[seed:]
    found = locate(anchor, make_document(changed_text))
    assert found is not None
    assert _squeeze(changed_text[found.start: found.end]) == _squeeze(anchor.quote)
    # ...and at the same place: as many non-blank characters before it as before.
    assert len(_squeeze(changed_text[: found.start])) == len(_squeeze(POLICY_TEXT[: anchor.start]))

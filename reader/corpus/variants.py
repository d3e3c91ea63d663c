"""Traditional characters read as simplified, for matching only (OpenCC's t2s conversion).

A 通知 of the 國務院辦公廳 has the same format as one of the 国务院办公厅: its title, 文号 and
signature are recognised by the same rules once its characters are simplified. The text
itself is never changed: titles, issuers and the document's text stay as printed; only what
the splitter compares (``Row.text``/``Row.compact``) and normalised values (canonical
issuers, 文号, document type) use the simplified form.

OpenCC is a kept library with the phrase tables a character map lacks (乾隆 stays, 乾燥 →
干燥); its converter loads once, on the first traditional text.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(texts: list[str]) -> list[str]:
    """Return ``texts`` with traditional characters simplified (same count, same order).

    Converted in one call: a call per line would cost more than the conversion itself.
    """
    joined = "\n".join(text.replace("\n", " ") for text in texts)
    converted = _converter().convert(joined).split("\n")
    return converted if len(converted) == len(texts) else [_converter().convert(t) for t in texts]

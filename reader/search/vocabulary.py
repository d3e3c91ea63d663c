"""The user dictionary: the words of this library that jieba must keep whole.

Organ names (as printed and canonical, plus those ``reader.corpus.organs`` knows), 文号
机关代字 (发改能源, 国办函) and the policy terms of :mod:`reader.search.terms`. Without them
jieba cuts 国家发展改革委 or 碳中和 into pieces that match everywhere.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable

from reader.corpus.model import DocumentSummary
from reader.search.terms import POLICY_TERMS

_HAN_WORD = re.compile("[\u4e00-\u9fa5]{2,16}")
_CODE = re.compile("^([\u4e00-\u9fa5]{2,12})〔")


def known_organ_names() -> list[str]:
    """Return organ names (and their aliases) from ``reader.corpus.organs`` when it has any."""
    try:
        organs = importlib.import_module("reader.corpus.organs")
    except ImportError:
        return []
    names: list[str] = []
    for attribute in ("ALIASES", "CANONICAL", "ORGANS", "ORGAN_ALIASES"):
        value = getattr(organs, attribute, None)
        if isinstance(value, dict):
            for key, canonical in value.items():
                names.append(str(key))
                if isinstance(canonical, str):
                    names.append(canonical)
                elif isinstance(canonical, (list, tuple, set, frozenset)):
                    names.extend(str(item) for item in canonical)
        elif isinstance(value, (list, tuple, set, frozenset)):
            names.extend(str(item) for item in value)
    return names


def user_words(summaries: Iterable[DocumentSummary]) -> list[str]:
    """Return the user dictionary for a library holding ``summaries``, in a stable order."""
    words: dict[str, None] = dict.fromkeys(POLICY_TERMS)
    for name in known_organ_names():
        if _HAN_WORD.fullmatch(name):
            words[name] = None
    for summary in summaries:
        for name in (*summary.issuers, *summary.issuers_canonical):
            if _HAN_WORD.fullmatch(name):
                words[name] = None
        if summary.doc_number:
            match = _CODE.match(summary.doc_number)
            if match:
                words[match.group(1)] = None
    return sorted(words)

"""Remove what conversion to text left in a line: HTML tags and entities, markdown, inline TeX."""

from __future__ import annotations

import html
import re

from reader.corpus.spacing import SPACES

# HTML left over from conversion (tags we know, comments); entities are unescaped first.
_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|p|br|sup|sub|span|div|font|a|td|tr|th|table|tbody|thead|h[1-6]|"
    r"li|ul|ol|center|small|big|s|strike|hr|img)\b[^<>]*/?>|<!--.*?-->",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_MD_HEADING = re.compile(r"^#{1,6}(?:\s+|(?=\S))")
_MD_ESCAPE = re.compile(r"\\([_*#\[\]()|`~<>-])")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Inline TeX the converter wrote for symbols and units ("$\geq 35\text{MPa}$", "$\text{ZrO}_2$").
_MATH = re.compile(r"\$([^$\n]{1,80})\$")
_TEX_SYMBOLS = {
    "geq": "≥", "leq": "≤", "ge": "≥", "le": "≤", "times": "×", "mu": "μ", "circ": "°",
    "pm": "±", "cdot": "·", "alpha": "α", "beta": "β", "gamma": "γ", "Omega": "Ω",
    "approx": "≈", "sim": "～", "%": "%", "_": "_", " ": " ",
}  # fmt: skip
_TEX_TOKEN = re.compile(
    r"\\(?:text|mathrm)\{([^{}]*)\}|\\([a-zA-Z]+|[%_ ])|[_^]\{([^{}]*)\}|[_^](\S)"
)


def strip_markup(line: str) -> str:
    """Remove HTML tags, entities and markdown marks left over from conversion to text.

    Entities are unescaped first and tags removed after: the other way round, an escaped
    ``&lt;img src=…&gt;`` would come out as a real tag in the document's text.
    """
    if "&" in line:
        line = _ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    if "<" in line:
        line = _TAG.sub("", line)
    stripped = line.lstrip(SPACES)
    if stripped.startswith("#"):
        line = _MD_HEADING.sub("", stripped)
    if "**" in line:
        # Bold may span a wrapped title, leaving an unpaired mark on either line.
        line = _MD_BOLD.sub(r"\1", line).replace("**", "")
    if "$" in line:
        line = _MATH.sub(_plain_math, line)
    if "\\" in line:
        # Markdown escapes: "\_\_\_" of a fill-in blank, "带\*的为2019年数据".
        line = _MD_ESCAPE.sub(r"\1", line)
    return line.replace("\u200b", "").replace("\ufeff", "")


def _plain_math(match: re.Match[str]) -> str:
    """Write a simple inline TeX span as plain text ("≥35MPa", "ZrO2"); leave others as found."""
    unknown = False

    def token(m: re.Match[str]) -> str:
        nonlocal unknown
        text, command, braced, single = m.groups()
        if text is not None:
            return text
        if command is not None:
            if command not in _TEX_SYMBOLS:
                unknown = True
            return _TEX_SYMBOLS.get(command, "")
        return _TEX_TOKEN.sub(token, braced) if braced is not None else single

    if not re.search(r"[\\^_]|^\s*[<>=]\s*\d", match.group(1)):
        return match.group(0)  # "$5 和 $6": dollars, not TeX
    body = _TEX_TOKEN.sub(token, match.group(1))
    if unknown or "\\" in body or "{" in body:
        return match.group(0)
    return re.sub(r"(?<=\S) (?=\S)", "", body.strip()) if " " in body else body.strip()

"""The one normalisation applied to taxonomy aliases and to documents alike.

`fold` lower-cases and folds dashes and quotes without moving any offset; `tokenize` splits
into words, single punctuation marks and `&`-compounds (R&D); `blank_punctuation` makes a
text scannable for whole words. Offsets always point into the caller's original string.
"""

from __future__ import annotations

import re
import unicodedata

# One character in, one character out: normalising never shifts an offset.
_FOLD_MAP = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    # Windows-1252 quotes and dashes read as Latin-1 land on C1 control characters, which no
    # text means literally ('Master\x92s degree')
    "\x91": "'",
    "\x92": "'",
    "\x93": '"',
    "\x94": '"',
    "\x96": "-",
    "\x97": "-",
    "\u00a0": " ",
    "\uff0b": "+",
    "\uff03": "#",
}
_FOLD_RE = re.compile("[" + "".join(_FOLD_MAP) + "]")
_FOLD_ITEMS = tuple(_FOLD_MAP.items())


def _fold_char(m: re.Match[str]) -> str:
    return _FOLD_MAP[m.group()]


# A word, a word joined by ampersands (R&D, AT&T: never the letter R), or one punctuation mark.
TOKEN_RE = re.compile(r"\w+(?:&\w+)+|\w+|[^\w\s]")


def fold(text: str) -> str:
    """Lower-case and fold dashes and quotes, keeping the length when Unicode allows."""
    if text.isascii():  # every folded character is non-ASCII
        return text.lower()
    # one str.replace per mark present: each is a scan in C, three times faster on a posting
    # than a regular-expression substitution calling back into Python for every mark (the
    # marks map to ASCII, so one replacement never makes another's mark)
    for mark, plain in _FOLD_ITEMS:
        if mark in text:
            text = text.replace(mark, plain)
    return text.lower()


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    """Split text into tokens: parallel lists of start offsets, end offsets and folded forms."""
    folded = fold(text)
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    if len(folded) == len(text):
        for m in TOKEN_RE.finditer(folded):
            s, e = m.span()
            starts.append(s)
            ends.append(e)
            norms.append(m.group())
    else:  # rare: a character whose lower case is longer (İ); fold token by token
        for m in TOKEN_RE.finditer(_FOLD_RE.sub(_fold_char, text)):
            s, e = m.span()
            starts.append(s)
            ends.append(e)
            norms.append(m.group().lower())
    return starts, ends, norms


def alias_tokens(alias: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The folded token key of an alias, and for each token whether it touches the previous one."""
    alias = unicodedata.normalize("NFKC", alias)
    starts, ends, norms = tokenize(alias)
    joined = tuple(i > 0 and starts[i] == ends[i - 1] for i in range(len(norms)))
    return tuple(norms), joined


def compact(text: str) -> str:
    """Letters and digits only, folded: 'Tensor Flow', 'tensor-flow' and 'TensorFlow' agree."""
    return "".join(ch for ch in fold(text) if ch.isalnum() or ch in "+#")


# Blanked one character for one: ASCII punctuation but '&' and '_' (they join tokens such as
# R&D and snake_case), whitespace, and the common non-ASCII marks.
_BLANKED = "!\"#$%'()*+,-./:;<=>?@[\\]^`{|}~\t\n\r\f\v•·▪●◦‣→←…«»©®™°§¶¦–—‘’“”"
_BLANK_BYTES = bytes(32 if b < 128 and chr(b) in _BLANKED else b for b in range(256))
_NON_ASCII_MARKS = tuple(c for c in _BLANKED if ord(c) > 127)


def blank_punctuation(text: str) -> str:
    """Punctuation and whitespace replaced by spaces, one character for one (offsets hold).

    Used to scan for whole words: a padded key ' power bi ' can then only match whole tokens.
    bytes.translate is an order of magnitude faster than str.translate, so ASCII marks are
    blanked on the UTF-8 bytes (bytes of multi-byte characters are left alone) and the few
    non-ASCII marks one by one.
    """
    try:
        blanked = text.encode().translate(_BLANK_BYTES).decode()
    except UnicodeEncodeError:  # a lone surrogate (from a JSON escape) stays one character
        raw = text.encode("utf-8", "surrogatepass").translate(_BLANK_BYTES)
        blanked = raw.decode("utf-8", "surrogatepass")
    if text.isascii():
        return blanked
    for mark in _NON_ASCII_MARKS:  # str.replace per mark present: faster than a class scan
        if mark in blanked:
            blanked = blanked.replace(mark, " ")
    return blanked


def printable(text: str) -> str:
    """The text with each lone surrogate written as an escape, so that it encodes as UTF-8
    (JSON, SQLite, a terminal): a byte of a file name that is not UTF-8 (Python's surrogate
    escape) as \\xe9, any other as \\ud800. Other text is returned as it is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub(_escape_surrogate, text)
    return text


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape_surrogate(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


# Token boundaries that blank_punctuation leaves alone: symbols outside its list (a private-use
# bullet '\uf0a7', '€'), control characters, and an '&' that does not join two words.
_OTHER_BOUNDARY = re.compile(r"[^\w\s&" + re.escape(_BLANKED) + r"]|&(?:(?<![^\W_]&)|(?![^\W_]))")
_LONE_AMPERSAND = re.compile(r"&(?:(?<![^\W_]&)|(?![^\W_]))")  # starts with a literal: fast


def other_boundaries(text: str) -> list[int]:
    """Offsets of the token boundaries blank_punctuation leaves alone, in order."""
    if text.isascii() and text.isprintable():
        if "&" not in text:
            return []
        return [m.start() for m in _LONE_AMPERSAND.finditer(text)]
    return [m.start() for m in _OTHER_BOUNDARY.finditer(text)]

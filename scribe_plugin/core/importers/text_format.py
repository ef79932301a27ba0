"""Find a text file's encoding and delimiter from its bytes, never by a blind guess.

One streaming pass (the file may be gigabytes) hashes the file and checks it strictly against
the encodings partners' systems write: a UTF-8 or UTF-16 byte-order mark decides at once;
otherwise the file is UTF-8 if every byte sequence is valid UTF-8 (text in another encoding
with any accented letter or pound sign almost never is), else Windows-1252 if every byte is
defined there, else it is refused with the offset of the first bad byte. NUL bytes mean a
binary file. The delimiter is the candidate that splits the header and the first lines into
the same number of fields.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import ImportFileError

BLOCK = 1 << 20
HEAD_BLOCKS = 4  # what a quick look (the import dialog's preview) reads: the first 4 MiB
DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Encodings in which any run of ASCII bytes is valid text, so an ASCII block needs only the
# check in C (most partner files are all ASCII) and no decoding, unless the decoder still
# holds the start of a character from the block before, which ASCII cannot complete.
_ASCII_SUPERSETS = frozenset({"utf-8", "utf-8-sig", "cp1252"})


@dataclass(frozen=True)
class TextFormat:
    encoding: str
    delimiter: str
    size: int
    checked_bytes: int  # how much of the file the encoding was checked on
    # where the double quotes are (byte offsets), when asked for and no more than asked for
    quotes: list[int] | None = None


def inspect(path: Path, encoding: str | None = None, delimiter: str | None = None,
            whole_file: bool = True, max_quotes: int = 0) -> TextFormat:
    """The file's encoding (given or detected) and delimiter (given or detected). Its SHA-256
    is the reader's to work out (``readers.open_source``), alongside the reading.

    ``whole_file=False`` is a quick look at the first HEAD_BLOCKS MiB only, for a preview
    (no hash): on a large file the decision can only be confirmed by the whole pass that
    every check and import makes. ``max_quotes``: note where the double quotes are, if the
    file has no more than that many (``arrow_text.plain_quoting`` then needs no pass of its
    own over the file)."""
    name = path.name
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(name, "the file is empty (0 bytes).",
                              "Check that the export finished and send the file again.")
    with open(path, "rb") as f:
        head = f.read(BLOCK)
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError(name, "this is a zip archive (an Excel workbook?), not text.",
                              "Save Excel files with the .xlsx extension.")
    bom = next((enc for mark, enc in _BOMS if head.startswith(mark)), None)
    encoding = encoding or bom
    candidates = [encoding] if encoding else ["utf-8", "cp1252"]
    decoders = {enc: codecs.getincrementaldecoder(enc)("strict") for enc in candidates}
    failures: dict[str, int] = {}
    offset = 0
    blocks_left = None if whole_file else HEAD_BLOCKS
    complete = True
    quotes: list[int] | None = [] if max_quotes else None
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(BLOCK), b""):
            if blocks_left is not None:
                if blocks_left == 0:
                    complete = False
                    break
                blocks_left -= 1
            if not (encoding or "").startswith("utf-16"):
                nul = block.find(b"\x00")
                if nul >= 0:
                    raise ImportFileError(
                        name, f"the file has NUL bytes (first at byte {offset + nul:,}): it is "
                        "not a text file.", "Export the data again as CSV, or import the "
                        "original (.xlsx, .gpkg, ...) instead.")
            if quotes is not None:
                quotes = _note_quotes(quotes, block, offset, max_quotes)
            ascii_block = block.isascii()
            for enc, decoder in decoders.items():
                if enc not in failures and not (ascii_block and enc in _ASCII_SUPERSETS
                                                and not decoder.getstate()[0]):
                    failures.update(_feed(decoder, enc, block, offset))
            offset += len(block)
    if complete:  # a head may end inside a character: only the end of the file is final
        for enc, decoder in decoders.items():
            if enc not in failures:
                failures.update(_feed(decoder, enc, b"", offset, final=True))
    chosen = next((enc for enc in candidates if enc not in failures), None)
    if chosen is None:
        first = min(failures.values())
        what = f"{encoding} text" if encoding else "UTF-8 or Windows-1252 text"
        raise ImportFileError(name, f"the file is not {what} (undecodable byte at offset "
                              f"{first:,}).", "Save it as 'CSV UTF-8' and import it again.")
    text_head = head.decode(chosen, errors="ignore")
    return TextFormat(chosen, delimiter or detect_delimiter(text_head), size, offset, quotes)


def _note_quotes(quotes: list[int], block: bytes, offset: int, limit: int) -> list[int] | None:
    """``quotes`` with the block's double quotes added (offsets in the file), or None once
    there are more than ``limit``. Found by ``find`` (memchr: a block without quotes costs
    next to nothing; ``bytes.count`` of one byte is a plain loop, 0.1 s per 222 MB)."""
    at = block.find(b'"')
    while at >= 0:
        if len(quotes) == limit:
            return None
        quotes.append(offset + at)
        at = block.find(b'"', at + 1)
    return quotes


def _feed(decoder, enc: str, block: bytes, offset: int, final: bool = False) -> dict[str, int]:
    try:
        decoder.decode(block, final)
    except UnicodeDecodeError as e:
        return {enc: offset + max(e.start, 0)}
    return {}


def detect_delimiter(text: str, max_lines: int = 50) -> str:
    """The delimiter giving the header more than one field and the most following lines the
    same number of fields; a comma when nothing splits."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the block may have cut the last line
    sample = "".join(lines[:max_lines + 1])
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=candidate) if r]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(r) == width for r in rows[1:]), width)
        if score > best_score:
            best, best_score = candidate, score
    return best

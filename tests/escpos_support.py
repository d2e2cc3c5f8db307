"""Reading back what a slip sent to an ESC/POS printer: the lines of text as the paper shows
them, decoded from the printer's code page, with the commands between them taken out.

Only the commands :func:`kiosk.printers.escpos.write_slip` sends before the QR code are
known here; anything else fails the reading, so a test never reads a command as text.
"""

from __future__ import annotations

DLE, ESC, GS, LF = 0x10, 0x1B, 0x1D, 0x0A
ESC_ONE_ARGUMENT = b"t!EaMd-G"  # ESC t n (code table), ESC ! n (mode), ESC E n (bold), ESC a n (align), ...
QR_OR_IMAGE = (b"\x1d(k", b"\x1dv0", b"\x1d(L", b"\x1b*")  # the QR code: the slip's text has ended


def printed_lines(output: bytes, codepage: str) -> list[str]:
    """The slip's lines of text up to its QR code (blank lines as ``""``), in the order printed."""
    lines: list[str] = []
    line = bytearray()
    i = 0
    while i < len(output):
        if any(output.startswith(start, i) for start in QR_OR_IMAGE):
            break
        byte = output[i]
        if byte == LF:
            lines.append(line.decode(codepage))
            line.clear()
            i += 1
        elif byte == DLE and output[i + 1:i + 2] == b"\x04":  # DLE EOT n: a status query
            i += 3
        elif byte == ESC and output[i + 1:i + 2] == b"@":
            i += 2
        elif byte == ESC and output[i + 1] in ESC_ONE_ARGUMENT:
            i += 3
        elif byte == GS and output[i + 1:i + 2] == b"!":
            i += 3
        elif byte < 0x20:
            raise AssertionError(f"a command this reader does not know at byte {i}: {output[i:i + 8]!r}")
        else:
            line.append(byte)
            i += 1
    if line:
        lines.append(line.decode(codepage))
    return lines


def joined(pieces: list[str]) -> str:
    """Wrapped pieces of one line put back together (a piece that ends in a hyphen was broken there)."""
    text = ""
    for piece in pieces:
        text += piece if not text or text.endswith("-") else " " + piece
    return text


def wrapped_run(lines: list[str], text: str) -> list[str] | None:
    """The consecutive printed lines that are exactly ``text`` wrapped (first match), or None.

    A run starts on a line of its own and ends on one: a line that also holds words of
    the text before or after it does not count.
    """
    for start, first in enumerate(lines):
        if not text.startswith(first) or not first:
            continue
        for end in range(start + 1, len(lines) + 1):
            candidate = joined(lines[start:end])
            if candidate == text:
                return lines[start:end]
            if not text.startswith(candidate):
                break
    return None

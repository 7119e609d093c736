#!/usr/bin/env python3
"""Check that PNG screenshots are not blank. slac's pages have two
background colours (the page and the column of text), so a page that drew
nothing has two colours and one that drew text has dozens (anti-aliased
glyphs): a screenshot has content when it holds at least MIN_COLOURS
different pixel colours. Standard library only (zlib and the PNG chunk
layout); 8-bit greyscale, RGB, grey+alpha and RGBA images, not interlaced.

Usage: png_not_blank.py FILE.png...
Exit 0 when every file has content, 1 otherwise (each failure is named)."""

import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
MIN_COLOURS = 8


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    return width, height, CHANNELS[colour], zlib.decompress(b"".join(idat))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def has_content(path):
    """True as soon as MIN_COLOURS colours are seen: rows are unfiltered
    one by one, so a page with a title stops within its first rows."""
    width, height, bpp, raw = read_png(path)
    stride = width * bpp
    prev = bytearray(stride)
    seen = set()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 0xFF
        seen.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
        if len(seen) >= MIN_COLOURS:
            return True
        prev = line
    return False


def main(paths):
    if not paths:
        print("usage: png_not_blank.py FILE.png...", file=sys.stderr)
        return 2
    bad = 0
    for path in paths:
        try:
            ok = has_content(path)
        except (OSError, ValueError, zlib.error) as e:
            print(f"{path}: {e}", file=sys.stderr)
            bad += 1
            continue
        if not ok:
            print(f"{path}: blank (fewer than {MIN_COLOURS} colours: nothing was drawn)", file=sys.stderr)
            bad += 1
    print(f"{len(paths) - bad} of {len(paths)} screenshot(s) have content")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

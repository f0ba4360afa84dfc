#!/usr/bin/env python3
"""Draws Rapport's app icons (the favicon's two linked rings) as PNG files in
assets/: 192 and 512 pixels with rounded corners, and a 512-pixel maskable
one whose rings sit inside the safe zone. Standard library only; run it
again after changing the design: python3 scripts/icons.py"""

import math
import struct
import zlib
from pathlib import Path

GREEN = (0x2F, 0x5D, 0x50)
WHITE = (0xFF, 0xFF, 0xFF)


def coverage(distance):
    """Share of a pixel inside a shape, from the signed distance of its centre."""
    return max(0.0, min(1.0, 0.5 - distance))


def rounded_square(x, y, size, radius):
    """Signed distance to a square of `size` with corners of `radius`."""
    half = size / 2
    qx, qy = abs(x - half) - (half - radius), abs(y - half) - (half - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def ring(x, y, cx, cy, radius, width):
    return abs(math.hypot(x - cx, y - cy) - radius) - width / 2


def draw(size, maskable):
    # The favicon's 32-unit design, scaled; a maskable icon keeps the rings
    # within the central 80 % circle and fills the whole square.
    scale = size / 32 * (0.75 if maskable else 1.0)
    offset = (size - 32 * scale) / 2
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            x, y = px + 0.5, py + 0.5
            back = 1.0 if maskable else coverage(rounded_square(x, y, size, 7 * size / 32))
            u, v = (x - offset) / scale, (y - offset) / scale
            rings = max(coverage(ring(u, v, cx, 16, 6, 3) * scale) for cx in (12, 20))
            colour = [round(g + (w - g) * rings) for g, w in zip(GREEN, WHITE)]
            row += bytes(colour) + bytes([round(255 * max(back, rings * back))])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "assets"
    for name, size, maskable in [("icon-192.png", 192, False), ("icon-512.png", 512, False), ("icon-maskable-512.png", 512, True)]:
        (out / name).write_bytes(draw(size, maskable))
        print(out / name)

"""The social-media preview image (1200 × 630 PNG, the size Open Graph readers expect): the
city's name, country and a bar per subdimension coloured by stage. Drawn with Pillow and
its built-in scalable font, so no font file is looked for at run time."""

import io

from PIL import Image, ImageDraw, ImageFont

from rendering import palette

WIDTH, HEIGHT = 1200, 630


def preview_png(
    name: str, subtitle: str, rows: list[tuple[str, int, str]], max_level: int
) -> bytes:
    """`rows`: (subdimension code, level, label)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    big = ImageFont.load_default(size=64)
    mid = ImageFont.load_default(size=32)
    small = ImageFont.load_default(size=24)
    draw.rectangle((0, 0, WIDTH, 16), fill="#2a788e")
    draw.text((60, 50), name[:40], fill="#111111", font=big)
    draw.text((60, 135), subtitle[:70], fill="#333333", font=mid)
    top, row_h, left, plot = 200, 38, 150, 900
    for n, (code, level, label) in enumerate(rows[:10]):
        y = top + n * row_h
        draw.text((60, y + 4), code, fill="#111111", font=small)
        draw.rectangle((left, y + 4, left + plot, y + row_h - 6), fill="#f3f3f3")
        length = max(8, plot * level / max(max_level, 1))
        draw.rectangle((left, y + 4, left + length, y + row_h - 6), fill=palette.fill(level))
        draw.text((left + length + 10, y + 4), label[:30], fill="#111111", font=small)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

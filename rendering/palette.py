"""The stage palette: one ordered scale, level 0 (working on Starting) to Vertebrate.

The six colours are the viridis scale (perceptually uniform, readable with the common colour
vision deficiencies), lightest for level 0 and darkest for Vertebrate, so that lightness
alone, in greyscale print, keeps the order. The CSS (static/css/stages.css, written from
here by `python -m rendering.palette`), the SVG charts and the PDF all take it from here;
a test checks that each pair of neighbouring stages differs by a contrast ratio of 1.3 or
more, as each of them actually uses the colours.
"""

# Level → (fill, text colour on that fill).
STAGE_COLOURS: list[tuple[str, str]] = [
    ("#fde725", "#111111"),  # 0 working on Starting
    ("#7ad151", "#111111"),  # 1 Starting
    ("#22a884", "#111111"),  # 2 Moderate
    ("#2a788e", "#ffffff"),  # 3 Advanced
    ("#414487", "#ffffff"),  # 4 Robust
    ("#440154", "#ffffff"),  # 5 Vertebrate
]


def fill(level: int) -> str:
    return STAGE_COLOURS[max(0, min(level, len(STAGE_COLOURS) - 1))][0]


def ink(level: int) -> str:
    return STAGE_COLOURS[max(0, min(level, len(STAGE_COLOURS) - 1))][1]


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def stage_css() -> str:
    """The stylesheet every stage-coloured element of pages and PDF uses."""
    lines = [
        "/* Written by `python -m rendering.palette` from rendering/palette.py: do not edit. */"
    ]
    for level, (bg, fg) in enumerate(STAGE_COLOURS):
        lines += [
            f".stage-{level} .stage-level, .seg-{level}, .swatch-{level} "
            f"{{ background: {bg}; color: {fg}; }}",
            f".table td.heat-{level}, td.heat-{level} {{ --bs-table-bg: {bg}; "
            f"--bs-table-color: {fg}; --bs-table-bg-state: {bg}; background: {bg}; color: {fg}; }}",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(stage_css(), end="")

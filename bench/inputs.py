"""Deterministic benchmark inputs: typical posts, page-builder posts, the seed, adversarial.

Everything is generated from a fixed seed with `random.Random`, so two runs (and the
subprocess that times the PyPI package) see byte-identical inputs. Nothing here
touches the network; the seed article is read from ``../shared/seed/`` at run time
and never copied into the project.

Each input class is a `Case`: a list of texts parsed one by one (post-by-post) or a
single text. Adversarial cases carry a second, doubled-size variant for the
linear-scaling check.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

SEED: Final = 20240229
SEED_ARTICLE: Final = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "libya-sirte-covid19-cards.txt"
)

Kind = Literal["posts", "single", "adversarial"]


@dataclass
class Case:
    """One input class of the benchmark."""

    #: Short name shown in the table.
    name: str
    #: ``posts`` (parse each text), ``single`` (one big text) or ``adversarial``.
    kind: Kind
    #: The texts; post classes hold many, the others one.
    texts: list[str]
    #: What the class stands for, for the README and the JSON output.
    description: str
    #: ``max_depth`` for `shortcodes.parse` (``None``: its default).
    max_depth: int | None = None
    #: The same input at twice the size (adversarial cases only).
    doubled: list[str] | None = None
    #: The post class whose content a ``single`` case concatenates.
    same_as: str | None = None

    @property
    def nbytes(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.texts)


# -- prose ----------------------------------------------------------------------------

_WORD_TEXT: Final = (
    "the of and to in is that it was for on are as with his they at be this from have or "
    "by one had not but what all were when we there can an your which their said if will "
    "each about how up out them then she many some so these would other into has more her "
    "two like him see time could no make than first been its who now people my made over "
    "did down only way find use may water long little very after words called just where "
    "most know get through back much before go good new write our used me man too any day "
    "same right look think also around another came come work three word must because "
    "does part even place well such here take why things help put years different away "
    "again off went old number great tell men say small every found still between name "
    "should home big give air line set own under read last never us left end along while "
    "might next sound below saw something thought both few those always looked show large "
    "often together asked house don't world going want school important until form food "
    "keep children feet land side without boy once animals life enough took sometimes "
    "four head above kind began almost live page got earth need far hand high year mother "
    "light parts country father let night following picture being study second eyes soon "
    "times story boys since white days ever paper hard near sentence better best across "
    "during today others however sure means knew it's try told young miles sun ways thing "
    "whole hear example heard several change answer room sea against top turned learn "
    "point city play toward five using himself usually money seen didn't car morning"
)
_WORDS: Final = _WORD_TEXT.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 22))]
    roll = rng.random()
    if roll < 0.12:  # typographic quotes, as the texturizer writes them in prose
        i = rng.randrange(len(words) - 2)
        words[i] = "“" + words[i]
        words[i + 2] += "”"
    elif roll < 0.2:
        words[rng.randrange(len(words))] += "’s"
    elif roll < 0.26:
        i = rng.randrange(len(words))
        words[i] = f'<a href="https://example.com/{words[i]}/">{words[i]}</a>'
    elif roll < 0.32:
        i = rng.randrange(len(words))
        words[i] = f"<strong>{words[i]}</strong>"
    elif roll < 0.36:
        i = rng.randrange(len(words))
        words[i] = f"<em>{words[i]}</em>"
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?!") + ("" if rng.random() < 0.9 else " —")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 7)))


def prose(rng: random.Random, size: int) -> str:
    """Paragraphs of prose without brackets, at least *size* characters long."""
    parts: list[str] = []
    total = 0
    while total < size:
        paragraph = _paragraph(rng)
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)


def plain_words(rng: random.Random, size: int) -> str:
    """Words and spaces only (no quotes, brackets or markup), *size* characters long."""
    words = [w for w in _WORDS if "'" not in w]
    parts: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words)
        parts.append(word)
        total += len(word) + 1
    return " ".join(parts)[:size]


# -- typical blog posts ---------------------------------------------------------------


def _image(rng: random.Random, ident: int) -> str:
    width, height = rng.choice([(640, 480), (1024, 768), (300, 200), (1200, 800)])
    return (f'<img class="size-large wp-image-{ident}" '
            f'src="https://example.com/wp-content/uploads/2019/0{rng.randint(1, 9)}/'
            f'photo-{ident}.jpg" alt="{rng.choice(_WORDS)}" width="{width}" '
            f'height="{height}" />')


def _blog_shortcode(rng: random.Random) -> str:
    roll = rng.random()
    ident = rng.randint(100, 9999)
    if roll < 0.4:
        align = rng.choice(["alignnone", "aligncenter", "alignleft", "alignright"])
        return (f'[caption id="attachment_{ident}" align="{align}" '
                f'width="{rng.choice([300, 640, 1024])}"]{_image(rng, ident)} '
                f"{_sentence(rng)}[/caption]")
    if roll < 0.65:
        ids = ",".join(str(rng.randint(1, 5000)) for _ in range(rng.randint(2, 9)))
        extra = rng.choice(["", ' columns="3"', ' link="file"', ' columns="4" size="medium"'])
        return f'[gallery ids="{ids}"{extra}]'
    if roll < 0.85:
        return f"[embed]https://www.youtube.com/watch?v={ident:x}{rng.randint(0, 10**6)}[/embed]"
    return f'[audio mp3="https://example.com/wp-content/uploads/2020/01/track-{ident}.mp3"]'


def typical_post(rng: random.Random) -> str:
    """A 2-8 KB blog post: prose paragraphs, HTML and a few shortcodes."""
    target = rng.randint(2048, 8192)
    parts: list[str] = []
    total = 0
    while total < target:
        piece = _blog_shortcode(rng) if rng.random() < 0.15 else f"<p>{_paragraph(rng)}</p>"
        parts.append(piece)
        total += len(piece.encode("utf-8")) + 2
    return "\n\n".join(parts)


# -- page-builder (WPBakery) posts ----------------------------------------------------


def _css(rng: random.Random) -> str:
    stamp = rng.randint(1_500_000_000_000, 1_700_000_000_000)
    rules = rng.choice([
        "background-color: #f7f7f7 !important;",
        "padding-top: 30px !important;padding-bottom: 30px !important;",
        "background-image: url(https://example.com/wp-content/uploads/2017/09/"
        "section_img1.jpg?id=1919) !important;background-position: center !important;"
        "background-repeat: no-repeat !important;background-size: cover !important;",
    ])
    return f'css=".vc_custom_{stamp}{{{rules}}}"'


def _advlist(rng: random.Random) -> str:
    return (f'[advlist content_background_color="" content_padding="0px 0px 0px 0px" '
            f'content_bottom_margin="{rng.randint(0, 9)}px" icon_style="style-3" '
            f'icon_type="fontawesome" icon_position="top" content_left_padding="35" '
            f'content_font_size="17px" icon="fa fa-check"]{_sentence(rng)}[/advlist]')


def _iconbox(rng: random.Random) -> str:
    # Standalone without a slash: WPBakery never closes these.
    return (f'[iconbox style="icon-top2" wrap_background="" icon_width="w73" '
            f'icon_rounded="rounded-100" icon_type="extraicon" icon_font_size="" '
            f'heading="{rng.choice(_WORDS).upper()} {rng.choice(_WORDS).upper()}" '
            f'show_button="yes" button_style="light" link_url="https://your-link.com" '
            f'heading_font_size="16px" heading_line_height="26px" heading_top_margin="16px" '
            f'heading_bottom_margin="14px" desc_bottom_margin="5px" '
            f'description="{_sentence(rng)}" icon_extraicon="nz-visible-opened"]')


def _spacing(rng: random.Random) -> str:
    return (f'[spacing desktop_height="{rng.randint(20, 90)}" '
            f'mobile_height="{rng.randint(20, 60)}" smobile_height="50"]')


def _inner_element(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25:
        return "".join(_advlist(rng) for _ in range(rng.randint(2, 6)))
    if roll < 0.45:
        return f"[vc_column_text {_css(rng)}]<p>{_paragraph(rng)}</p>[/vc_column_text]"
    if roll < 0.6:
        icons = "".join(_iconbox(rng) for _ in range(rng.randint(2, 4)))
        return (f'[carouselbox gap="20" show_bullets="yes" bullet_between="30" '
                f'bullet_show="bullet-circle" show_arrows="yes" arrow_offset="20" '
                f'arrow_offset_v="-20"]{icons}[/carouselbox]')
    if roll < 0.75:
        return _spacing(rng)
    if roll < 0.85:
        return (f'[vc_single_image image="{rng.randint(100, 3000)}" img_size="full" '
                f'alignment="center" {_css(rng)}]')
    sections = "".join(
        f'[vc_tta_section title="{rng.choice(_WORDS).title()}" tab_id="{rng.randint(1, 10**9)}"]'
        f"[vc_column_text]<p>{_paragraph(rng)}</p>[/vc_column_text]"
        f"{''.join(_advlist(rng) for _ in range(rng.randint(1, 3)))}[/vc_tta_section]"
        for _ in range(rng.randint(2, 4)))
    return f'[vc_tta_tabs style="modern" active_section="1"]{sections}[/vc_tta_tabs]'


def _row(rng: random.Random) -> str:
    columns = []
    for _ in range(rng.randint(1, 3)):
        inner_columns = "".join(
            f'[vc_column_inner width="1/{rng.randint(1, 4)}" {_css(rng)}]'
            f"{''.join(_inner_element(rng) for _ in range(rng.randint(1, 4)))}"
            "[/vc_column_inner]"
            for _ in range(rng.randint(1, 4)))
        columns.append(
            f'[vc_column width="1/{rng.randint(1, 3)}" {_css(rng)}]{_spacing(rng)}'
            f"[vc_row_inner {_css(rng)}]{inner_columns}[/vc_row_inner][/vc_column]")
    return (f'[vc_row full_width="stretch_row" el_class="section-{rng.randint(1, 99)}" '
            f'{_css(rng)}]{"".join(columns)}[/vc_row]')


def pagebuilder_post(rng: random.Random) -> str:
    """A 20-50 KB WPBakery page: rows of columns of inner rows, 5-10 levels deep."""
    target = rng.randint(20 * 1024, 50 * 1024)
    parts: list[str] = []
    total = 0
    while total < target:
        row = _row(rng)
        size = len(row.encode("utf-8"))
        if parts and total >= 20 * 1024 and total + size > 50 * 1024:
            break  # keep pages within 20-50 KB where the rows allow it
        parts.append(row)
        total += size
    return "".join(parts)


# -- collections ----------------------------------------------------------------------


def _posts(make: Callable[[random.Random], str], rng: random.Random, total: int) -> list[str]:
    posts: list[str] = []
    size = 0
    while size < total:
        post = make(rng)
        posts.append(post)
        size += len(post.encode("utf-8"))
    return posts


def _repeat_to(texts: list[str], size: int, sep: str = "\n\n") -> str:
    """Concatenate *texts* (cycling) until the UTF-8 size reaches *size* bytes."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        text = texts[i % len(texts)]
        parts.append(text)
        total += len(text.encode("utf-8")) + len(sep)
        i += 1
    return sep.join(parts)


def seed_article() -> str:
    return SEED_ARTICLE.read_bytes().decode("utf-8")


# -- adversarial ----------------------------------------------------------------------


def _adversarial(scale: float, rng_text: str) -> list[tuple[str, str, Callable[[int], str],
                                                       int, int | None]]:
    """(name, description, generator of size n, n, max_depth) for each adversarial case."""
    def n(count: int) -> int:
        return max(1, int(count * scale))

    def attrs(count: int) -> str:
        return "[a " + " ".join(f'k{i}="v{i}"' for i in range(count)) + "]"

    return [
        ("adv-brackets", "1 MB of `[`", lambda k: "[" * k, n(1_000_000), None),
        ("adv-unclosed-sp", "100,000 openers `[a ` that never close",
         lambda k: "[a " * k, n(100_000), None),
        ("adv-unclosed", "100,000 openers `[a]` without closers",
         lambda k: "[a]" * k, n(100_000), None),
        ("adv-nest-deep", "`[a]`*100,000 + `x` + `[/a]`*100,000, max_depth=200,000",
         lambda k: "[a]" * k + "x" + "[/a]" * k, n(100_000), 200_000),
        ("adv-nest-default", "the same 100,000 nesting levels, default max_depth",
         lambda k: "[a]" * k + "x" + "[/a]" * k, n(100_000), None),
        ("adv-50k-attrs", "one tag with 50,000 attributes", attrs, n(50_000), None),
        ("adv-open-quote", '`[a b="` + 1 MB of prose, no `]`',
         lambda k: '[a b="' + rng_text[:k], n(1_000_000), None),
        ("adv-open-quote-tag", '`[a b="` + 1 MB of prose + `]` (one tag, quote never closed)',
         lambda k: '[a b="' + rng_text[:k] + "]", n(1_000_000), None),
        ("adv-curly-open", "`[a b=”x` repeated to ~1 MB",
         lambda k: "[a b=”x" * k, n(125_000), None),
        ("adv-curly-open-tag", "`[a b=”x]` repeated to ~1 MB (every tag has an open quote)",
         lambda k: "[a b=”x]" * k, n(110_000), None),
    ]


def build(*, quick: bool) -> list[Case]:
    """Generate every input class; *quick* shrinks sizes about tenfold."""
    rng = random.Random(SEED)
    post_total = 300_000 if quick else 3_000_000
    big = 1_000_000 if quick else 10_000_000
    typical = _posts(typical_post, rng, post_total)
    builder = _posts(pagebuilder_post, rng, post_total)
    seed = seed_article()
    seeds = [seed] * (post_total // len(seed.encode("utf-8")) + 1)
    cases = [
        Case("typical", "posts", typical, "blog posts of 2-8 KB, prose with a few shortcodes"),
        Case("pagebuilder", "posts", builder, "WPBakery pages of 20-50 KB, nested 5-10 deep"),
        Case("seed", "posts", seeds, "the seed article (Arabic, curled attributes), per post"),
        Case("typical-1str", "single", [_repeat_to(typical, big)],
             "the typical posts concatenated into one string", same_as="typical"),
        Case("pagebuilder-1str", "single", [_repeat_to(builder, big, "")],
             "the page-builder posts concatenated into one string", same_as="pagebuilder"),
        Case("seed-1str", "single", [_repeat_to([seed], big, "")],
             "the seed article repeated into one string", same_as="seed"),
    ]
    scale = 0.1 if quick else 1.0
    text = plain_words(random.Random(SEED + 1), int(2_000_000 * scale) + 10)
    for name, description, make, count, max_depth in _adversarial(scale, text):
        cases.append(Case(name, "adversarial", [make(count)], description, max_depth,
                          doubled=[make(2 * count)]))
    return cases

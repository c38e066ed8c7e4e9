"""The part of WordPress's kses sanitiser that the shortcode API calls (internal).

`do_shortcodes_in_html_tags()` in `shortcodes.wordpress` splits an HTML tag with
`wp_kses_attr_parse` and, when a shortcode inside a quoted attribute value was
expanded, re-sanitises that one attribute with `wp_kses_one_attr` against the stock
``post`` allow-list and the default URL protocols. This module ports exactly that
path of ``wp-includes/kses.php`` and ``formatting.php`` (WordPress 7.1): attribute
splitting, the allow-list with the global and ``data-*`` attributes, URL protocol
filtering, ``safecss_filter_attr`` and ``esc_attr``.

PHP's patterns are byte-oriented, so every pattern here is compiled with
``regex.ASCII``: ``\\s`` is ASCII whitespace and ``\\w`` ASCII word characters.
Nothing here keeps state between calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.entities import html5 as _HTML5_REFERENCES
from typing import Final

import regex


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_A: Final = regex.ASCII
_I: Final = regex.ASCII | regex.IGNORECASE

#: The ``$allowedposttags`` attribute sets of WordPress 7.1, before the global attributes.
_POST_ATTRIBUTES: Final[Mapping[str, str]] = {
    "address": "", "a": "href rel rev name target download", "abbr": "", "acronym": "",
    "area": "alt coords href nohref shape target", "article": "align", "aside": "align",
    "audio": "autoplay controls loop muted preload src", "b": "", "bdo": "", "big": "",
    "blockquote": "cite", "br": "", "button": "disabled name type value",
    "caption": "align", "cite": "", "code": "",
    "col": "align char charoff span valign width",
    "colgroup": "align char charoff span valign width", "del": "datetime", "dd": "",
    "dfn": "", "details": "align open", "div": "align", "dl": "", "dt": "", "em": "",
    "fieldset": "", "figure": "align", "figcaption": "align", "font": "color face size",
    "footer": "align", "h1": "align", "h2": "align", "h3": "align", "h4": "align",
    "h5": "align", "h6": "align", "header": "align", "hgroup": "align",
    "hr": "align noshade size width", "i": "",
    "img": "alt align border height hspace loading longdesc vspace src usemap width",
    "ins": "datetime cite", "kbd": "", "label": "for", "legend": "align",
    "li": "align value", "main": "align", "map": "name", "mark": "", "menu": "type",
    "nav": "align", "object": "data type", "p": "align", "pre": "width", "q": "cite",
    "rb": "", "rp": "", "rt": "", "rtc": "", "ruby": "", "s": "", "samp": "",
    "span": "align", "section": "align", "small": "", "strike": "", "strong": "",
    "sub": "", "summary": "align", "sup": "",
    "table": "align bgcolor border cellpadding cellspacing rules summary width",
    "tbody": "align char charoff valign",
    "td": "abbr align axis bgcolor char charoff colspan headers height nowrap rowspan "
          "scope valign width",
    "textarea": "cols rows disabled name readonly", "tfoot": "align char charoff valign",
    "th": "abbr align axis bgcolor char charoff colspan headers height nowrap rowspan "
          "scope valign width",
    "thead": "align char charoff valign", "title": "",
    "tr": "align bgcolor char charoff valign",
    "track": "default kind label src srclang", "tt": "", "u": "", "ul": "type",
    "ol": "start type reversed", "var": "",
    "video": "autoplay controls height loop muted playsinline poster preload src width",
}
#: `_wp_add_global_attributes()`: merged into every element of the allow-list.
_GLOBAL_ATTRIBUTES: Final = (
    "aria-controls aria-current aria-describedby aria-details aria-expanded aria-hidden "
    "aria-label aria-labelledby aria-live class data-* dir hidden id lang style title role "
    "xml:lang")
#: The ``post`` allow-list: element name to the attribute names it accepts.
_ALLOWED: Final[Mapping[str, frozenset[str]]] = {
    element: frozenset(_words(names)) | frozenset(_words(_GLOBAL_ATTRIBUTES))
    for element, names in _POST_ATTRIBUTES.items()
}
#: Attributes whose allow-list entry carries value checks instead of plain `true`.
_CHECKED: Final[Mapping[tuple[str, str], Mapping[str, object]]] = {
    ("a", "download"): {"valueless": "y"},
    ("object", "data"): {"required": True, "value_callback": "_wp_kses_allow_pdf_objects"},
    ("object", "type"): {"required": True, "values": ("application/pdf",)},
}
#: `wp_kses_uri_attributes()`.
_URI_ATTRIBUTES: Final = frozenset(_words(
    "action archive background cite classid codebase data formaction href icon longdesc "
    "manifest poster profile src usemap xmlns"))
#: `wp_allowed_protocols()` with no filter.
_PROTOCOLS: Final = (
    "http", "https", "ftp", "ftps", "mailto", "news", "irc", "irc6", "ircs", "gopher",
    "nntp", "feed", "telnet", "mms", "rtsp", "sms", "svn", "tel", "fax", "xmpp", "webcal",
    "urn")
#: ``$allowedentitynames``: the named references kses keeps (every HTML 4.01 one, plus apos).
_ENTITY_NAMES: Final = frozenset(_words(
    "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg "
    "plusmn acute micro para middot cedil ordm raquo iquest Agrave Aacute Acirc Atilde Auml "
    "Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve "
    "Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig "
    "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave "
    "iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave "
    "uacute ucirc uuml yacute thorn yuml quot amp lt gt apos OElig oelig Scaron scaron Yuml "
    "circ tilde ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo rdquo "
    "bdquo dagger Dagger permil lsaquo rsaquo euro fnof Alpha Beta Gamma Delta Epsilon Zeta "
    "Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega "
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigmaf sigma tau upsilon phi chi psi omega thetasym upsih piv bull hellip prime Prime "
    "oline frasl weierp image real trade alefsym larr uarr rarr darr harr crarr lArr uArr "
    "rArr dArr hArr forall part exist empty nabla isin notin ni prod sum minus lowast radic "
    "prop infin ang and or cap cup int sim cong asymp ne equiv le ge sub sup nsub sube supe "
    "oplus otimes perp sdot lceil rceil lfloor rfloor lang rang loz spades clubs hearts "
    "diams sup1 sup2 sup3 frac14 frac12 frac34 there4"))
#: The names `htmlspecialchars()` recognises under ENT_HTML401, which lacks ``apos``.
_HTML401_NAMES: Final = _ENTITY_NAMES - {"apos"}
#: ``safecss_filter_attr()``'s ``safe_style_css`` list (no filter).
_SAFE_CSS: Final = _words(
    "background background-color background-image background-position background-repeat "
    "background-size background-attachment background-blend-mode border border-radius "
    "border-width border-color border-style border-right border-right-color "
    "border-right-style border-right-width border-bottom border-bottom-color "
    "border-bottom-left-radius border-bottom-right-radius border-bottom-style "
    "border-bottom-width border-left border-left-color border-left-style border-left-width "
    "border-top border-top-color border-top-left-radius border-top-right-radius "
    "border-top-style border-top-width border-spacing border-collapse caption-side columns "
    "column-count column-fill column-gap column-rule column-span column-width color filter "
    "font font-family font-size font-style font-variant font-weight letter-spacing "
    "line-height text-align text-decoration text-indent text-transform height min-height "
    "max-height width min-width max-width margin margin-right margin-bottom margin-left "
    "margin-top margin-block-start margin-block-end margin-inline-start margin-inline-end "
    "padding padding-right padding-bottom padding-left padding-top padding-block-start "
    "padding-block-end padding-inline-start padding-inline-end flex flex-basis "
    "flex-direction flex-flow flex-grow flex-shrink flex-wrap gap row-gap "
    "grid-template-columns grid-auto-columns grid-column-start grid-column-end grid-column "
    "grid-column-gap grid-template-rows grid-auto-rows grid-row-start grid-row-end grid-row "
    "grid-row-gap grid-gap justify-content justify-items justify-self align-content "
    "align-items align-self clear cursor direction float list-style-type object-fit "
    "object-position opacity overflow vertical-align writing-mode position top right bottom "
    "left z-index box-shadow aspect-ratio container-type --*")
_CSS_URL_TYPES: Final = frozenset(
    ("background", "background-image", "cursor", "filter", "list-style", "list-style-image"))
_CSS_GRADIENT_TYPES: Final = frozenset(("background", "background-image"))

_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PHP_TRIM: Final = " \t\n\r\0\x0b"

_ATTR_PARSE: Final = regex.compile(r"^(<\s*)(/\s*)?([a-zA-Z0-9]+\s*)([^>]*)(>?)$", _A)
_XHTML_SLASH: Final = regex.compile(r"\s*/\s*$", _A)
_HAIR: Final = (
    r"(?:[_a-zA-Z][-_a-zA-Z0-9:.]*|\[\[?[^\[\]]+\]\]?)"
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"']+(?:\s|$))|(?:\s|$))\s*""")
_HAIR_VALID: Final = regex.compile(rf"^({_HAIR})+$", _A)
_HAIR_EXTRACT: Final = regex.compile(_HAIR, _A)
_NO_NULL: Final = regex.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]", _A)
_SLASH_ZERO: Final = regex.compile(r"\\+0+", _A)
_LEAD: Final = regex.compile(r"^\s*", _A)
_TRAIL: Final = regex.compile(r"\s*$", _A)
_EQUALS: Final = regex.compile(r"\s*=\s*", _A)
_DATA_ATTRIBUTE: Final = regex.compile(r"^data-[a-z0-9_-]+$", _A)
_SPECIALCHARS: Final = regex.compile(r"[&<>\"']", _A)
_NAMED_REF: Final = regex.compile(r"&amp;([A-Za-z]{2,8}[0-9]{0,2});", _A)
_DECIMAL_REF: Final = regex.compile(r"&amp;#(0*[0-9]{1,7});", _A)
_HEX_REF: Final = regex.compile(r"&amp;#[Xx](0*[0-9A-Fa-f]{1,6});", _A)
_AMPERSAND: Final = regex.compile(r"&(#[xX][0-9A-Fa-f]+;|#[0-9]+;|[A-Za-z0-9]+;)?", _A)
_COLON_REF_FIX: Final = regex.compile(r"(&#0*58(?![;0-9])|&#x0*3a(?![;a-f0-9]))", _I)
_COLON: Final = regex.compile(r":|&#0*58;|&#x0*3a;|&colon;", _I)
_SLASH_QUERY: Final = regex.compile(r"/\?", _A)
_SPACE: Final = regex.compile(r"\s", _A)
_DECODE_DEC: Final = regex.compile(r"&#([0-9]+);", _A)
_DECODE_HEX: Final = regex.compile(r"&#[Xx]([0-9A-Fa-f]+);", _A)
_CSS_VAR: Final = regex.compile(r"^--[a-zA-Z0-9_-]+$", _A)
_CSS_URL: Final = regex.compile(r"url\([^)]+\)", _A)
_CSS_URL_PIECES: Final = regex.compile(r"""^url\(\s*(['"]?)(.*)(\1)\s*\)$""", _A)
_CSS_GRADIENT: Final = regex.compile(
    r"^(repeating-)?(linear|radial|conic)-gradient\(([^()]|rgb[a]?\([^()]*\))*\)$", _A)
_CSS_FUNCTIONS: Final = regex.compile(
    r"\b(?:var|calc|min|max|minmax|clamp|repeat)(\((?:[^()]|(?1))*\))", _A)
_CSS_UNSAFE: Final = regex.compile(r"[\\(&=}]|/\*", _A)
_CHARACTER_REFERENCE: Final = regex.compile(
    r"&(?:\#(?:[xX](?P<hex>[0-9a-fA-F]*)|(?P<dec>[0-9]*))(?P<semi>;?)|(?P<name>[A-Za-z0-9]+;?))",
    _A)
_LONGEST_REFERENCE: Final = max(map(len, _HTML5_REFERENCES))
#: The HTML standard's remapping of numeric references to C1 controls (Windows-1252).
_WINDOWS_1252: Final = (
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178)


def ascii_lower(text: str) -> str:
    """PHP 8's ``strtolower()``: ASCII letters only, whatever the locale."""
    return text.translate(_ASCII_LOWER)


def php_trim(text: str) -> str:
    """PHP's ``trim()`` with its default set (space, tab, LF, CR, NUL, VT; not FF)."""
    return text.strip(_PHP_TRIM)


def wp_kses_attr_parse(element: str) -> list[str] | None:
    """Split an HTML opening tag into front, attributes and back (`wp_kses_attr_parse`).

    Returns ``None`` where WordPress returns ``false``: closing tags and tags whose
    attribute list does not parse. Joining the parts gives back *element*.
    """
    match = _ATTR_PARSE.search(element)
    if match is None:
        return None
    begin, slash, elname, attr, end = match.group(1, 2, 3, 4, 5)
    if slash:
        return None
    xhtml = _XHTML_SLASH.search(attr)
    xhtml_slash = ""
    if xhtml is not None:
        xhtml_slash = xhtml.group()
        attr = attr[: len(attr) - len(xhtml_slash)]
    parts = _wp_kses_hair_parse(attr)
    if parts is None:
        return None
    return [begin + elname, *parts, xhtml_slash + end]


def _wp_kses_hair_parse(attr: str) -> list[str] | None:
    if attr == "":
        return []
    if _HAIR_VALID.search(attr) is None:
        return None
    return [match.group() for match in _HAIR_EXTRACT.finditer(attr)]


def wp_kses_one_attr(attr: str, element: str) -> str:
    """Sanitise one ``name=value`` attribute of *element* (`wp_kses_one_attr`).

    Returns the attribute rewritten with the value escaped, or ``""`` (keeping the
    surrounding whitespace) when the ``post`` allow-list refuses it.
    """
    attr = wp_kses_no_null(attr, slash_zero="keep")
    lead = _LEAD.search(attr)
    trail = _TRAIL.search(attr)
    lead_text = lead.group() if lead is not None else ""
    trail_text = trail.group() if trail is not None else ""
    attr = attr[len(lead_text): len(attr) - len(trail_text)]
    split = _EQUALS.split(attr, maxsplit=1)
    name = split[0]
    if len(split) == 2:
        value = split[1]
        quote = value[:1]
        if quote in ('"', "'"):
            if not value.endswith(quote):
                return ""
            value = value[1:-1]
        else:
            quote = '"'
        value = esc_attr(value)
        if ascii_lower(name) in _URI_ATTRIBUTES:
            value = wp_kses_bad_protocol(value)
        attr = f"{name}={quote}{value}{quote}"
        vless = "n"
    else:
        value = ""
        vless = "y"
    return lead_text + _wp_kses_attr_check(name, value, attr, vless, element) + trail_text


def _allowed_attribute(element_low: str, name_low: str) -> Mapping[str, object] | bool:
    """The ``post`` allow-list entry of *name_low* on *element_low* (`False`: none)."""
    if name_low not in _ALLOWED[element_low]:
        return False
    return _CHECKED.get((element_low, name_low), True)


def _wp_kses_attr_check(name: str, value: str, whole: str, vless: str, element: str) -> str:
    """`wp_kses_attr_check()`: the filtered *whole* attribute, ``""`` when refused."""
    name_low = ascii_lower(name)
    element_low = ascii_lower(element)
    if element_low not in _POST_ATTRIBUTES:
        return ""
    allowed = _allowed_attribute(element_low, name_low)
    if allowed is False:
        # `data-*` names made of ASCII letters, digits, `_` and `-` (after lower-casing).
        if _DATA_ATTRIBUTE.search(name_low) is None:
            return ""
        allowed = _allowed_attribute(element_low, "data-*")
    if name_low == "style":
        # Since WordPress 7.1 (Core-65270) the CSS is filtered decoded and re-escaped.
        decoded = decode_attribute(value)
        new_value = safecss_filter_attr(decoded)
        if new_value in ("", "0"):  # PHP's empty()
            return ""
        if new_value != decoded:
            encoded = esc_attr(new_value)
            if value:  # PHP's str_replace() leaves the subject alone for an empty search
                whole = whole.replace(value, encoded)
            value = encoded
    if isinstance(allowed, Mapping):
        for check, limit in allowed.items():
            if not _wp_kses_check_attr_val(value, vless, check, limit):
                return ""
    return whole


def _wp_kses_check_attr_val(value: str, vless: str, check: str, limit: object) -> bool:
    # Only the checks the stock `post` allow-list uses: `valueless`, `values`,
    # `value_callback` (and `required`, which only `wp_kses_attr()` reads).
    if check == "valueless":
        return isinstance(limit, str) and ascii_lower(limit) == vless
    if check == "values":
        return isinstance(limit, tuple) and ascii_lower(value) in limit
    # `value_callback` is `_wp_kses_allow_pdf_objects()`, which accepts only PDF URLs on
    # the site's own upload host. This port has no site, so it refuses them all.
    return check != "value_callback"


def wp_kses_no_null(content: str, *, slash_zero: str = "remove") -> str:
    """Remove control characters and, unless told to keep them, ``\\0`` sequences."""
    content = _NO_NULL.sub("", content)
    if slash_zero == "remove":
        content = _SLASH_ZERO.sub("", content)
    return content


def wp_kses_bad_protocol(content: str) -> str:
    """Strip URL schemes missing from `wp_allowed_protocols()` (`wp_kses_bad_protocol`)."""
    content = wp_kses_no_null(content)
    if content.startswith(("https://", "http://")):
        return content
    iterations = 0
    while True:
        original = content
        content = _bad_protocol_once(content, 1)
        iterations += 1
        if original == content or iterations >= 6:
            break
    return "" if original != content else content


def _bad_protocol_once(content: str, count: int) -> str:
    content = _COLON_REF_FIX.sub(r"\1;", content)
    parts = _COLON.split(content, maxsplit=1)
    if len(parts) == 2 and _SLASH_QUERY.search(parts[0]) is None:
        content = php_trim(parts[1])
        protocol = _bad_protocol_scheme(parts[0])
        if protocol == "feed:":
            if count > 2:
                return ""
            content = _bad_protocol_once(content, count + 1)
            if content in ("", "0"):
                return content
        content = protocol + content
    return content


def _bad_protocol_scheme(scheme: str) -> str:
    scheme = _DECODE_DEC.sub(lambda m: chr(int(m.group(1)) % 256), scheme)
    scheme = _DECODE_HEX.sub(lambda m: chr(int(m.group(1), 16) % 256), scheme)
    scheme = ascii_lower(wp_kses_no_null(_SPACE.sub("", scheme)))
    return f"{scheme}:" if scheme in _PROTOCOLS else ""


def esc_attr(text: str) -> str:
    """Escape *text* for an HTML attribute the way WordPress's ``esc_attr()`` does.

    Valid entities are kept (``&amp;`` stays, ``&bogus;`` becomes ``&amp;bogus;``)
    and ``'`` becomes ``&#039;``.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # wp_check_invalid_utf8() refuses the whole string
        return ""
    if text == "" or _SPECIALCHARS.search(text) is None:
        return text
    return _htmlspecialchars(wp_kses_normalize_entities(text))


def wp_kses_normalize_entities(content: str) -> str:
    """Turn ``&`` into ``&amp;`` except in the entities kses allows."""
    content = content.replace("&", "&amp;")
    content = _NAMED_REF.sub(_named_entity, content)
    content = _DECIMAL_REF.sub(_decimal_entity, content)
    return _HEX_REF.sub(_hex_entity, content)


def _named_entity(match: regex.Match[str]) -> str:
    name = match.group(1)
    return f"&{name};" if name in _ENTITY_NAMES else f"&amp;{name};"


def _valid_unicode(code: int) -> bool:
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _decimal_entity(match: regex.Match[str]) -> str:
    digits = match.group(1)
    if not _valid_unicode(int(digits)):
        return f"&amp;#{digits};"
    return f"&#{digits.lstrip('0').rjust(3, '0')};"


def _hex_entity(match: regex.Match[str]) -> str:
    digits = match.group(1)
    if not _valid_unicode(int(digits, 16)):
        return f"&amp;#x{digits};"
    return f"&#x{digits.lstrip('0')};"


def _htmlspecialchars(text: str) -> str:
    """``htmlspecialchars($text, ENT_QUOTES, 'UTF-8', false)`` (no double encoding)."""
    text = _AMPERSAND.sub(_keep_valid_entity, text)
    return (text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#039;"))


def _keep_valid_entity(match: regex.Match[str]) -> str:
    reference = match.group(1)
    if reference is None:
        return "&amp;"
    body = reference[:-1]
    if body.startswith("#"):
        hexadecimal = body[1:2] in ("x", "X")
        code = int(body[2:], 16) if hexadecimal else int(body[1:])
        valid = code <= 0x10FFFF
    else:
        valid = body in _HTML401_NAMES
    return match.group() if valid else "&amp;" + reference


def safecss_filter_attr(css: str) -> str:
    """Keep only the declarations of an inline style kses allows (`safecss_filter_attr`)."""
    css = wp_kses_no_null(css)
    css = css.replace("\n", "").replace("\r", "").replace("\t", "")
    allowed = list(_SAFE_CSS)
    kept: list[str] = []
    for item in php_trim(css).split(";"):
        if item == "":
            continue
        declaration = php_trim(item)
        if _css_declaration_allowed(declaration, allowed):
            kept.append(declaration)
    return ";".join(kept)


def _css_declaration_allowed(item: str, allowed: list[str]) -> bool:
    test = item
    found = url_attr = gradient_attr = False
    value = ""
    if ":" not in item:
        found = True
    else:
        selector_raw, value = item.split(":", 1)
        selector = php_trim(selector_raw)
        is_custom_var = "--*" in allowed and _CSS_VAR.search(selector) is not None
        if is_custom_var:
            allowed.append(selector)  # WordPress keeps it for the later declarations too
        if selector in allowed:
            found = True
            url_attr = selector in _CSS_URL_TYPES
            gradient_attr = selector in _CSS_GRADIENT_TYPES
        if is_custom_var:
            stripped = php_trim(value)
            url_attr = stripped.startswith("url(")
            gradient_attr = "-gradient(" in stripped
    if found and url_attr:
        for url_match in _CSS_URL.findall(value):
            pieces = _CSS_URL_PIECES.search(url_match)
            url = php_trim(pieces.group(2)) if pieces is not None else ""
            if pieces is None or pieces.group(2) in ("", "0") or url in ("", "0") \
                    or wp_kses_bad_protocol(url) != url:
                found = False
                break
            test = test.replace(url_match, "")
    if found and gradient_attr:
        stripped = php_trim(value)
        if _CSS_GRADIENT.search(stripped) is not None:
            test = test.replace(stripped, "")
    if not found:
        return False
    test = _CSS_FUNCTIONS.sub("", test)
    return _CSS_UNSAFE.search(test) is None


def decode_attribute(text: str) -> str:
    """Decode the character references of an attribute value (`WP_HTML_Decoder`).

    HTML5 rules: every named reference of the standard, numeric references with the
    Windows-1252 remapping, and a named reference without ``;`` left alone when a
    letter, digit or ``=`` follows it.
    """
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(_decode_reference, text)


def _decode_reference(match: regex.Match[str]) -> str:
    name = match.group("name")
    if name is not None:
        return _decode_named_reference(match.string, match.start(), name)
    digits, base = (match.group("hex"), 16) if match.group("hex") is not None \
        else (match.group("dec"), 10)
    significant = digits.lstrip("0")
    if digits == "":  # `&#` or `&#x` without digits stays text
        return match.group()
    if significant == "" or len(significant) > (6 if base == 16 else 7):
        return "\ufffd"
    code = int(significant, base)
    if 0x80 <= code <= 0x9F:
        code = _WINDOWS_1252[code - 0x80]
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"
    return chr(code)


def _decode_named_reference(text: str, at: int, name: str) -> str:
    # The longest name of the table the text starts with, as WP_Token_Map reads it.
    for length in range(min(len(name), _LONGEST_REFERENCE), 1, -1):
        candidate = name[:length]
        replacement = _HTML5_REFERENCES.get(candidate)
        if replacement is None:
            continue
        follower = text[at + 1 + length: at + 2 + length]
        if not candidate.endswith(";") and follower.isascii() and (
                follower.isalnum() or follower == "="):
            return "&" + name  # ambiguous inside an attribute: left as text
        return replacement + name[length:]
    return "&" + name

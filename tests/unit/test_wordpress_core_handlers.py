"""The WordPress core preset: caption, gallery, embed, audio, video and playlist handlers.

Expected HTML follows WordPress 6.x's ``img_caption_shortcode``, ``gallery_shortcode``,
``WP_Embed::maybe_make_link``, ``wp_audio_shortcode`` and ``wp_video_shortcode`` with
HTML5 theme support, minus the deviations listed in ``docs/handlers.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pytest

from shortcodes.handlers.media import (
    MediaItem,
    html_classes,
    markup,
    plain_text,
    sanitize_html_class,
    tag_attributes,
)
from shortcodes.handlers.wordpress_core import (
    MediaRecord,
    caption,
    wordpress_core,
    wp_caption,
)
from shortcodes.render import render_data, render_html
from shortcodes.wxr import Attachment

MEDIA: Mapping[int, MediaRecord] = {
    1: MediaRecord(url="https://example.com/one.jpg", title="One", caption="First &amp; best",
                   alt="one"),
    2: MediaRecord(url="https://example.com/two.png", title="Two"),
    3: MediaRecord(url="https://example.com/song.mp3", title="Song", mime_type="audio/mpeg"),
    4: MediaRecord(url="https://example.com/clip.mp4", title="Clip", caption="A clip"),
    5: MediaRecord(url="javascript:alert(1)", title="Bad"),
}


def _render(source: str, **data: object) -> tuple[str, list[str]]:
    rendered = render_html(source, registry=wordpress_core(), data={"media": MEDIA, **data})
    return str(rendered.output), [d.code for d in rendered.diagnostics]


def _data(source: str, **data: object) -> dict[str, object]:
    runs = render_data(source, registry=wordpress_core(), data={"media": MEDIA, **data}).output
    run = runs[0]
    assert isinstance(run, dict)
    result = run["data"]
    assert isinstance(result, dict)
    return result


# --- the preset --------------------------------------------------------------------


def test_preset_names_and_descriptions() -> None:
    registry = wordpress_core()
    assert sorted(registry) == ["audio", "caption", "embed", "gallery", "playlist", "video",
                                "wp_caption"]
    for name in registry:
        assert registry[name].description
        assert registry[name].data is not None
        assert registry[name].schema is not None
    assert registry.enclosing_names() == frozenset({"caption", "wp_caption"})


def test_wp_caption_is_the_caption_handler() -> None:
    assert wp_caption.render is caption.render
    assert wp_caption.schema == caption.schema
    assert _render("[wp_caption width=10]<img src=a> b[/wp_caption]")[0] == \
        _render("[caption width=10]<img src=a> b[/caption]")[0]


def test_wxr_attachment_is_a_media_item() -> None:
    assert isinstance(Attachment(id=1, url="https://e.com/a.jpg"), MediaItem)
    assert isinstance(MediaRecord(url="x"), MediaItem)
    assert not isinstance(object(), MediaItem)


@pytest.mark.parametrize(("name", "expected"), [
    ("alignleft", "alignleft"), ("a%20b", "ab"), ('x" onload="y', "xonloady"),
    ("<script>", "script"), ("ünï", "n"), ("", ""),
])
def test_sanitize_html_class(name: str, expected: str) -> None:
    assert sanitize_html_class(name) == expected


def test_html_classes_drops_empty_classes() -> None:
    assert html_classes("wp-caption", " <> alignleft ", "") == "wp-caption alignleft"


# --- caption -----------------------------------------------------------------------


def test_caption_moves_text_after_the_image_into_figcaption() -> None:
    html, codes = _render('[caption id="attachment_7" align="aligncenter" width="300"]'
                          '<img src="a.jpg" alt="x" /> The <em>caption</em> [/caption]')
    assert html == (
        '<figure id="attachment_7" aria-describedby="caption-attachment-7" '
        'style="width: 300px" class="wp-caption aligncenter"><img src="a.jpg" alt="x" />'
        '<figcaption id="caption-attachment-7" class="wp-caption-text">The <em>caption</em>'
        "</figcaption></figure>")
    assert codes == []


def test_caption_keeps_the_link_around_the_image() -> None:
    html, _ = _render('[caption width="10"]<a href="big.jpg"> <img src="a.jpg"> </a>Text'
                      "[/caption]")
    assert html == ('<figure style="width: 10px" class="wp-caption alignnone">'
                    '<a href="big.jpg"> <img src="a.jpg"> </a><figcaption '
                    'class="wp-caption-text">Text</figcaption></figure>')


def test_caption_attribute_is_reduced_to_escaped_text() -> None:
    html, _ = _render('[caption caption="Tom &amp; <b>Jerry</b> <script>x</script>" '
                      'width=5 class="big  wide" caption_id="cap_1"]<img src="a.jpg">[/caption]')
    assert html == ('<figure aria-describedby="cap_1" style="width: 5px" class="wp-caption '
                    'alignnone big wide"><img src="a.jpg"><figcaption id="cap_1" '
                    'class="wp-caption-text">Tom &amp; Jerry</figcaption></figure>')


@pytest.mark.parametrize("source", [
    "[caption]<img src=a> Text[/caption]",  # no width
    "[caption width=0]<img src=a> Text[/caption]",
    "[caption width=10]<img src=a>[/caption]",  # no caption
    '[caption width=10 caption="0"]<img src=a>[/caption]',  # PHP's empty("0")
])
def test_caption_without_width_or_text_is_the_image_alone(source: str) -> None:
    assert _render(source)[0] == "<img src=a>"


def test_caption_split_reads_quoted_values_as_a_browser_does() -> None:
    # WordPress's `<img [^>]+>` would end the tag inside `alt` and move `<b>` out of it.
    html, _ = _render('[caption width=1]<img alt="a><b>" src=x> Text[/caption]')
    assert '<img alt="a><b>" src=x><figcaption class="wp-caption-text">Text</figcaption>' in html


def test_caption_keeps_text_before_the_image() -> None:
    html, _ = _render("[caption width=1]Intro <IMG src=x></a> Text[/caption]")
    assert "Intro <IMG src=x></a><figcaption" in html


@pytest.mark.parametrize("junk", ["<img ", '<img "', "<img a=' ", '<a x="', "<!--", "</"])
def test_pathological_content_renders_and_is_kept(junk: str) -> None:
    # Unfinished tags, quotes and comments once made the HTML scan quadratic; the
    # time at 2N over N is checked by `bench/render_linear.py`, not here.
    html, _ = _render(f"[caption width=1]{junk * 2_000}[/caption]")
    assert html == junk * 2_000  # no image: the content is kept as written
    html, _ = _render(f"[video {MP4}]{junk * 2_000}[/video]")
    assert html.startswith('<div style="width: 640px;" class="wp-video">')
    html, _ = _render(f'[caption width=1 caption="{junk * 500}"]<img src=x>[/caption]')
    assert html == "<img src=x>"  # the caption attribute is cut at the quote: no figure


@pytest.mark.parametrize(("fragment", "expected"), [
    ("Tom &amp; <a title='x>y'>Jerry</a>", "Tom & Jerry"),
    ("a < b <script>x</script><style>y</style> c", "a < b  c"),
    ("text <b unfinished", "text"),
    ("<!-- note --> shown", "shown"),
])
def test_plain_text(fragment: str, expected: str) -> None:
    assert plain_text(fragment) == expected


def test_markup_and_tag_attributes() -> None:
    tags = list(markup('a<B x="1>" Y=2 x=3 z>b</b><!-- <i> --><p'))
    assert [(t["close"], t["name"], t["end"]) for t in tags[:2]] == [("", "B", ">"),
                                                                     ("/", "b", ">")]
    assert tag_attributes(tags[0]) == {"x": "1>", "y": "2", "z": ""}
    assert tags[2]["name"] is None and tags[3]["end"] == ""


def test_caption_width_is_read_like_php_int() -> None:
    html, codes = _render("[caption width=300px]<img src=a> T[/caption]")
    assert 'style="width: 300px"' in html
    assert codes == ["SC403"]


def test_caption_ids_are_sanitized() -> None:
    html, _ = _render("""[caption id='a_1" onload=x' width=1]<img src=a> T[/caption]""")
    assert html.startswith('<figure id="a_1onloadx" aria-describedby="caption-a-1onloadx"')


def test_caption_renders_nested_shortcodes_first() -> None:
    html, _ = _render('[caption width=1]<img src=a> See [embed]https://e.com/v[/embed]'
                      "[/caption]")
    assert '<figcaption class="wp-caption-text">See <a href="https://e.com/v">' in html


def test_caption_data() -> None:
    assert _data('[caption id="attachment_9" align=alignright width="40"]<img src="i.png"> '
                 "Hi[/caption]") == {
        "id": "attachment_9", "caption_id": "caption-attachment-9", "align": "alignright",
        "class": "wp-caption alignright", "width": 40, "caption": "Hi",
        "image_html": '<img src="i.png">'}


# --- gallery -----------------------------------------------------------------------


def test_gallery_html() -> None:
    html, codes = _render('[gallery ids="1,2" columns=2]')
    assert html == (
        '<div id="gallery-1" class="gallery galleryid-0 gallery-columns-2 gallery-size-'
        'thumbnail"><figure class="gallery-item"><div class="gallery-icon"><a href="https://'
        'example.com/one.jpg"><img src="https://example.com/one.jpg" class="attachment-'
        'thumbnail size-thumbnail" alt="one" aria-describedby="gallery-1-1" /></a></div>'
        '<figcaption class="wp-caption-text gallery-caption" id="gallery-1-1">First &amp; '
        'best</figcaption></figure><figure class="gallery-item"><div class="gallery-icon"><a '
        'href="https://example.com/two.png"><img src="https://example.com/two.png" class='
        '"attachment-thumbnail size-thumbnail" alt="" /></a></div></figure>\n</div>')
    assert codes == []


@pytest.mark.parametrize("source", [
    '[gallery ids="1,2"]', "[gallery ids=1,2 columns=3]", "[gallery ids='1, 2' columns=x]",
])
def test_gallery_columns_default_to_three(source: str) -> None:
    assert "gallery-columns-3 " in _render(source)[0]


def test_gallery_unquoted_columns() -> None:
    html, codes = _render('[gallery columns=2 ids="1"]')
    assert 'class="gallery galleryid-0 gallery-columns-2 gallery-size-thumbnail"' in html
    assert codes == []


def test_gallery_size_post_id_and_id_attribute() -> None:
    html, _ = _render('[gallery ids=1 size="medium large"]', post_id=42)
    assert 'class="gallery galleryid-42 gallery-columns-3 gallery-size-mediumlarge"' in html
    assert 'class="attachment-mediumlarge size-mediumlarge"' in html
    assert "galleryid-7 " in _render("[gallery ids=1 id=7]", post_id=42)[0]


def test_gallery_links() -> None:
    page = {1: Attachment(id=1, url="https://e.com/a.jpg")}
    assert '<a href="https://example.com/one.jpg"><img' in _render("[gallery ids=1 link=file]")[0]
    html = _render("[gallery ids=1 link=none]")[0]
    assert "<a " not in html and '<div class="gallery-icon"><img' in html
    linked = {1: type("Linked", (), {"url": "https://e.com/a.jpg", "title": "", "caption": "",
                                     "alt": "", "link": "https://e.com/?attachment_id=1"})()}
    assert '<a href="https://e.com/?attachment_id=1">' in _render("[gallery ids=1]",
                                                                    media=linked)[0]
    assert '<a href="https://e.com/a.jpg">' in _render("[gallery ids=1]", media=page)[0]


def test_gallery_missing_attachments_are_skipped() -> None:
    html, codes = _render('[gallery ids="9,1,5,3"]')
    assert html.count('class="gallery-item"') == 1
    assert codes == ["SC406", "SC406", "SC406"]  # 9 unknown, 5 unsafe URL, 3 not an image


def test_gallery_without_ids_is_an_empty_container() -> None:
    html, codes = _render("[gallery]")
    assert html == ('<div id="gallery-1" class="gallery galleryid-0 gallery-columns-3 '
                    'gallery-size-thumbnail">\n</div>')
    assert codes == ["SC406"]


def test_gallery_without_media_mapping() -> None:
    rendered = render_html('[gallery ids="1,2"]', registry=wordpress_core())
    assert [d.code for d in rendered.diagnostics] == ["SC406"]
    assert "`media`" in rendered.diagnostics[0].message
    assert "gallery-item" not in str(rendered.output)


def test_gallery_invalid_ids() -> None:
    html, codes = _render('[gallery ids="1,x"]')
    assert sorted(codes) == ["SC403", "SC406"]
    assert "gallery-item" not in html


@pytest.mark.parametrize(("source", "order"), [
    ('[gallery ids="2,1"]', ["2", "1"]),
    ('[gallery ids="2,1" orderby=rand]', ["2", "1"]),
    ('[gallery ids="1,2" orderby=title order=desc]', ["2", "1"]),
    ('[gallery ids="2,1" orderby=ID]', ["1", "2"]),
    ('[gallery include="2,1"]', ["1", "2"]),
])
def test_gallery_order(source: str, order: list[str]) -> None:
    html = _render(source)[0]
    found = sorted(order, key=lambda n: html.index(f"example.com/{'one' if n == '1' else 'two'}"))
    assert found == order


def test_gallery_instances_number_each_gallery() -> None:
    html = _render("[gallery ids=1] [caption width=1]<img src=a> [gallery ids=1][/caption]")[0]
    assert 'id="gallery-1"' in html and 'id="gallery-2"' in html


def test_gallery_data() -> None:
    assert _data('[gallery columns=2 ids="1,9"]') == {
        "ids": [1, 9], "columns": 2, "size": "thumbnail", "link": "", "instance": 1,
        "items": [{"id": 1, "url": "https://example.com/one.jpg", "title": "One",
                   "caption": "First & best", "alt": "one", "mime_type": "image/jpeg"}]}


# --- embed -------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "expected"), [
    ("[embed]https://youtu.be/x?a=1&amp;b=2[/embed]",
     '<a href="https://youtu.be/x?a=1&amp;b=2">https://youtu.be/x?a=1&amp;b=2</a>'),
    ('[embed width=400 height="300"] https://e.com/v [/embed]',
     '<a href="https://e.com/v">https://e.com/v</a>'),
    ('[embed src="https://e.com/s"]', '<a href="https://e.com/s">https://e.com/s</a>'),
    ("[embed https://e.com/p]", '<a href="https://e.com/p">https://e.com/p</a>'),
    ("[embed][/embed]", ""),
    ("[embed]", ""),
])
def test_embed_links(source: str, expected: str) -> None:
    assert _render(source) == (expected, [])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>", "ftp://e.com/f"])
def test_embed_invalid_url_is_escaped_text(url: str) -> None:
    html, codes = _render(f"[embed]{url}[/embed]")
    assert "<a" not in html and "<b>" not in html
    assert codes == ["SC403"]


def test_embed_data() -> None:
    assert _data("[embed width=400 height=x]https://e.com/v[/embed]") == {
        "url": "https://e.com/v", "written": "https://e.com/v", "width": 400, "height": None}


# --- audio -------------------------------------------------------------------------

MP3 = "https://e.com/a.mp3"


def test_audio_html() -> None:
    html, codes = _render(f'[audio src="{MP3}"]')
    assert html == (
        '<audio class="wp-audio-shortcode" id="audio-0-1" preload="none" style="width: 100%;" '
        f'controls="controls"><source type="audio/mpeg" src="{MP3}?_=1" /><a href="{MP3}">'
        f"{MP3}</a></audio>")
    assert codes == []


@pytest.mark.parametrize("source", [
    f"[audio {MP3}]", f"[audio {MP3}|titles=Song|artists=Band]", f'[audio "{MP3}"]',
    f"[audio mp3={MP3}]", f"[audio src={MP3}][/audio]",
])
def test_audio_source_forms(source: str) -> None:
    html, codes = _render(source)
    assert f'<source type="audio/mpeg" src="{MP3}?_=1" />' in html
    assert codes == []


def test_audio_source_order_and_cache_buster() -> None:
    html, _ = _render(f"[audio] [audio ogg=https://e.com/a.ogg mp3={MP3}?x=1]", post_id=5)
    assert 'id="audio-5-2"' in html
    assert html.index(f"{MP3}?x=1&amp;_=2") < html.index("a.ogg?_=2")


@pytest.mark.parametrize(("value", "expected"), [
    ("yes", True), ("1", True), ("TRUE", True), ("on", True), ("no", False), ("0", False),
    ("off", False), ("false", False),
])
def test_audio_bool_forms(value: str, expected: bool) -> None:
    html, codes = _render(f"[audio {MP3} loop={value} autoplay={value}]")
    assert ('loop="1"' in html) is expected and ('autoplay="1"' in html) is expected
    assert codes == []


def test_audio_invalid_values() -> None:
    html, codes = _render(f'[audio src="{MP3}" loop=maybe preload=sometimes style="color:red"]')
    assert codes == ["SC403", "SC403"]
    assert 'preload="none"' in html and "loop" not in html and "color" not in html


def test_audio_class_replaces_the_default_and_is_sanitized() -> None:
    assert 'class="a bc"' in _render(f"""[audio {MP3} class='a b"c']""")[0]


def test_audio_unplayable_format_is_a_link() -> None:
    assert _render("[audio src=https://e.com/a.txt]") == (
        '<a class="wp-embedded-audio" href="https://e.com/a.txt">https://e.com/a.txt</a>', [])


@pytest.mark.parametrize(("source", "codes"), [
    ("[audio]", ["SC406"]),
    ("[audio src=javascript:alert(1)]", ["SC403", "SC406"]),
    ("[audio javascript:alert(1)]", ["SC403", "SC406"]),
    ("[audio mp3=https://e.com/a.ogg]", ["SC406"]),  # no attribute matches its format
])
def test_audio_without_source_renders_nothing(source: str, codes: list[str]) -> None:
    html, found = _render(source)
    assert html == ""
    assert sorted(found) == codes


def test_audio_data() -> None:
    assert _data(f"[audio {MP3} loop=1]") == {
        "sources": [{"src": MP3, "type": "audio/mpeg"}], "unplayable": None, "loop": True,
        "autoplay": False, "preload": "none"}


# --- video -------------------------------------------------------------------------

MP4 = "https://e.com/v.mp4"


def test_video_html() -> None:
    html, codes = _render(f'[video mp4="{MP4}" poster="/p.jpg" autoplay=true]')
    assert html == (
        '<div style="width: 640px;" class="wp-video"><video class="wp-video-shortcode" '
        'id="video-0-1" width="640" height="360" poster="/p.jpg" autoplay="1" '
        f'preload="metadata" controls="controls"><source type="video/mp4" src="{MP4}?_=1" />'
        f'<a href="{MP4}">{MP4}</a></video></div>')
    assert codes == []


def test_video_sizes() -> None:
    assert 'width="400" height="300"' in _render(f"[video {MP4} width=400 height=300]")[0]
    scaled = _render(f"[video {MP4} width=1000 height=500]", content_width=500)[0]
    assert scaled.startswith('<div style="width: 500px;"') and 'height="250"' in scaled
    html, codes = _render(f"[video {MP4} width=800px]")
    assert 'width="800"' in html and codes == ["SC403"]


def test_video_streams_and_poster() -> None:
    html, codes = _render('[video src="https://www.youtube.com/watch?v=abc" poster="javascript:x"]')
    assert '<source type="video/youtube" src="https://www.youtube.com/watch?v=abc&amp;_=1" />' \
        in html
    assert "poster" not in html and codes == ["SC403"]
    vimeo = _render("[video src=https://vimeo.com/1]")[0]
    assert 'type="video/vimeo"' in vimeo


def test_video_tracks_are_rebuilt_from_the_content() -> None:
    html, _ = _render(
        f'[video src="{MP4}"]<track kind="Captions" src="/c.vtt" srclang="en" label="<i>En</i>"'
        ' default onload="x"><track src="javascript:x"><p>other</p>[/video]')
    assert '<track kind="captions" src="/c.vtt" srclang="en" label="En" default="default" />' \
        in html
    assert html.count("<track") == 1 and "other" not in html and "onload" not in html


def test_video_unplayable_and_missing() -> None:
    assert _render("[video src=https://e.com/v.avi]")[0].startswith(
        '<a class="wp-embedded-video" href="https://e.com/v.avi">')
    assert _render("[video]") == ("", ["SC406"])


def test_video_data() -> None:
    assert _data(f"[video {MP4} width=320 height=180]") == {
        "sources": [{"src": MP4, "type": "video/mp4"}], "unplayable": None, "loop": False,
        "autoplay": False, "preload": "metadata", "poster": None, "width": 320, "height": 180}


# --- playlist ----------------------------------------------------------------------


def test_playlist_html() -> None:
    html, codes = _render('[playlist ids="3"]')
    assert html == (
        '<div class="wp-playlist wp-audio-playlist wp-playlist-light">\n'
        '<audio controls="controls" preload="none" width="640"><source type="audio/mpeg" '
        'src="https://example.com/song.mp3" /></audio>\n<ol class="wp-playlist-tracks">\n'
        '<li class="wp-playlist-item"><a class="wp-playlist-caption" href="https://example.com'
        '/song.mp3">1. <span class="wp-playlist-item-title">\u201cSong\u201d</span></a></li>\n'
        "</ol>\n</div>")
    assert codes == []


def test_playlist_video_and_options() -> None:
    html, codes = _render('[playlist type=video ids="4,3" tracknumbers=false tracklist=no '
                          "style=dark]")
    assert html.startswith('<div class="wp-playlist wp-video-playlist wp-playlist-dark">')
    assert '<video controls="controls" preload="none" width="640" height="360">' in html
    assert '<ol class="wp-playlist-tracks" hidden>' in html
    assert 'href="https://example.com/clip.mp4">A clip</a>' in html
    assert codes == ["SC406"]  # 3 is audio


def test_playlist_artists() -> None:
    song = type("Song", (), {"url": MP3, "title": "T", "caption": "", "alt": "", "artist": "B"})()
    assert '<span class="wp-playlist-item-artist"> \u2014 B</span>' in _render(
        "[playlist ids=1]", media={1: song})[0]
    assert "artist" not in _render("[playlist ids=1 artists=0]", media={1: song})[0]


def test_playlist_without_tracks() -> None:
    html, codes = _render("[playlist]")
    assert "<li" not in html and "<source" not in html
    assert codes == ["SC406"]


def test_playlist_data() -> None:
    assert _data('[playlist ids="3,9" images=no]') == {
        "type": "audio", "ids": [3, 9], "tracklist": True, "tracknumbers": True,
        "images": False, "artists": True,
        "tracks": [{"id": 3, "url": "https://example.com/song.mp3", "title": "Song",
                    "caption": "", "alt": "", "mime_type": "audio/mpeg"}]}


def test_data_of_every_handler_is_json_ready() -> None:
    post = (f'[caption width=3]<img src=a> c[/caption][gallery ids="1,9"][embed]{MP4}[/embed]'
            f'[audio {MP3}][video {MP4}]<track src="/t.vtt">[/video][playlist ids=3,4]')
    runs = render_data(post, registry=wordpress_core(), data={"media": MEDIA}).output
    assert json.loads(json.dumps(runs)) == runs
    assert [run["name"] for run in runs] == ["caption", "gallery", "embed", "audio", "video",
                                             "playlist"]


# --- galleries and playlists without ids: the post's attached files ------------------

ATTACHED: Mapping[int, MediaRecord] = {
    9: MediaRecord(url="https://example.com/b.jpg", title="B", parent_id=7),
    8: MediaRecord(url="https://example.com/a.jpg", title="A", parent_id=7),
    10: MediaRecord(url="https://example.com/song.mp3", title="Song", parent_id=7),
    11: MediaRecord(url="https://example.com/other.jpg", title="Other", parent_id=6),
}


def _sources(html: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', html)


def test_gallery_without_ids_shows_the_posts_attached_images_in_id_order() -> None:
    rendered = render_html("[gallery]", registry=wordpress_core(),
                           data={"media": ATTACHED, "post_id": 7})
    assert _sources(str(rendered.output)) == ["https://example.com/a.jpg",
                                              "https://example.com/b.jpg"]
    assert rendered.diagnostics == ()
    other = render_html("[gallery id=6]", registry=wordpress_core(),
                        data={"media": ATTACHED, "post_id": 7})
    assert _sources(str(other.output)) == ["https://example.com/other.jpg"]


def test_gallery_without_ids_or_attached_files_reports_what_is_missing() -> None:
    for data, why in (({"media": ATTACHED}, "without the post and its media"),
                      ({"media": ATTACHED, "post_id": 99}, "post 99 has no attached image")):
        rendered = render_html("[gallery]", registry=wordpress_core(), data=data)
        (diagnostic,) = rendered.diagnostics
        assert diagnostic.code == "SC406"
        assert why in diagnostic.message

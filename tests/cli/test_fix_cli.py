"""``shortcodes fix``: atomic writes, encodings kept, --diff, --check, unreadable files."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from shortcodes.cli import main

CURLED = "«700» مرحبا [card region=”EG” size=&#8221;10&#8243;]\r\n[b x=\"1\"y=\"2\"&nbsp;z=3]\r\n"
FIXED = "«700» مرحبا [card region=\"EG\" size=\"10\"]\r\n[b x=\"1\" y=\"2\" z=3]\r\n"


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    code = main(list(argv), stdin=stream, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("", encoding="utf-8")
    (tmp_path / "post.txt").write_bytes(CURLED.encode("utf-8"))
    (tmp_path / "clean.txt").write_bytes(FIXED.encode("utf-8"))
    return tmp_path


def test_fixes_in_place_keeping_crlf(site: Path) -> None:
    assert run("fix", "post.txt", "clean.txt") == (0, "Fixed post.txt\nFixed 1 file.\n", "")
    assert (site / "post.txt").read_bytes() == FIXED.encode("utf-8")
    assert run("fix", "post.txt") == (0, "Nothing to fix.\n", "")


def test_byte_order_mark_and_mode_are_kept(site: Path) -> None:
    path = site / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + CURLED.encode("utf-8"))
    path.chmod(0o640)
    assert run("fix", "bom.txt")[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_symbolic_link_target_is_rewritten(site: Path) -> None:
    link = site / "link.txt"
    link.symlink_to(site / "post.txt")
    assert run("fix", "link.txt")[0] == 0
    assert link.is_symlink()
    assert (site / "post.txt").read_bytes() == FIXED.encode("utf-8")


def test_atomic_write_leaves_the_original_when_replace_fails(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, err = run("fix", "post.txt")
    assert code == 2
    assert err == "shortcodes: cannot write post.txt: No space left on device\n"
    assert out == "Fixed 0 files; 1 file could not be read or written.\n"
    assert (site / "post.txt").read_bytes() == CURLED.encode("utf-8")
    assert sorted(p.name for p in site.iterdir()) == [".shortcodes.toml", "clean.txt",
                                                     "post.txt"]


def test_diff_writes_nothing(site: Path) -> None:
    code, out, err = run("fix", "post.txt", "clean.txt", "--diff")
    assert code == 0
    assert out == (
        "--- post.txt\n+++ post.txt\n@@ -1,2 +1,2 @@\n"
        "-«700» مرحبا [card region=”EG” size=&#8221;10&#8243;]\r\n"
        '-[b x="1"y="2"&nbsp;z=3]\r\n'
        '+«700» مرحبا [card region="EG" size="10"]\r\n'
        '+[b x="1" y="2" z=3]\r\n'
    )
    assert err == "1 file would be fixed.\n"
    assert (site / "post.txt").read_bytes() == CURLED.encode("utf-8")


def test_diff_marks_a_missing_final_newline(site: Path) -> None:
    (site / "end.txt").write_text("a\n[a x=”1”]", encoding="utf-8")
    out = run("fix", "end.txt", "--diff")[1]
    assert out.endswith('-[a x=”1”]\n\\ No newline at end of file\n'
                        '+[a x="1"]\n\\ No newline at end of file\n')


def test_check(site: Path) -> None:
    assert run("fix", "post.txt", "clean.txt", "--check") == \
        (1, "Would fix post.txt\n1 file would be fixed.\n", "")
    assert (site / "post.txt").read_bytes() == CURLED.encode("utf-8")
    assert run("fix", "clean.txt", "--check") == (0, "Nothing to fix.\n", "")
    code, out, _ = run("fix", "post.txt", "--check", "--diff")
    assert code == 1
    assert out.startswith("--- post.txt\n")


def test_unreadable_files_are_skipped_and_the_others_fixed(site: Path) -> None:
    (site / "latin1.txt").write_bytes("[a x=”1” y=\"caf\u00e9\"]".encode("cp1252"))
    code, out, err = run("fix", "latin1.txt", "missing.txt", "post.txt")
    assert code == 2
    assert out == "Fixed post.txt\nFixed 1 file; 2 files could not be read or written.\n"
    assert err.splitlines()[0].startswith("shortcodes: cannot read latin1.txt: not UTF-8")
    assert err.splitlines()[1] == \
        "shortcodes: cannot read missing.txt: No such file or directory"
    assert (site / "post.txt").read_bytes() == FIXED.encode("utf-8")


def test_directories_follow_include_and_exclude(site: Path) -> None:
    (site / "sub").mkdir()
    (site / "sub" / "a.md").write_text("[a x=”1”]", encoding="utf-8")
    (site / "sub" / "a.py").write_text("[a x=”1”]", encoding="utf-8")
    (site / "sub" / "skip.txt").write_text("[a x=”1”]", encoding="utf-8")
    code, out, _ = run("fix", ".", "--exclude", "skip.txt")
    assert code == 0
    assert out == "Fixed ./post.txt\nFixed ./sub/a.md\nFixed 2 files.\n"
    assert (site / "sub" / "a.py").read_text(encoding="utf-8") == "[a x=”1”]"
    assert (site / "sub" / "skip.txt").read_text(encoding="utf-8") == "[a x=”1”]"


def test_stdin_to_stdout() -> None:
    assert run("fix", "-", stdin=CURLED.encode("utf-8")) == (0, FIXED, "")
    assert run("fix", "-", stdin=b"\xef\xbb\xbf[a x=\xe2\x80\x9d1\xe2\x80\x9d]") == \
        (0, '\ufeff[a x="1"]', "")
    assert run("fix", "-", "--check", stdin=CURLED.encode("utf-8")) == (1, "", "")
    assert run("fix", "-", "--check", stdin=FIXED.encode("utf-8")) == (0, "", "")
    code, out, _ = run("fix", "-", "--diff", "--stdin-filename", "p.txt",
                       stdin=CURLED.encode("utf-8"))
    assert (code, out.splitlines()[0]) == (0, "--- p.txt")


def test_stdin_errors() -> None:
    code, out, err = run("fix", "-", stdin=b"[a \xff]")
    assert (code, out) == (2, "")
    assert err.startswith("shortcodes: cannot read -: not UTF-8")
    code, _, err = run("fix", "-", "post.txt")
    assert code == 2
    assert "cannot be combined" in err

"""The console entry point: exit codes reach the shell, and a closed pipe ends quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_exit_code_reaches_the_shell(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("[a x=”1”]", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "shortcodes", "lint", str(post)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "SC301" in done.stdout


def test_a_reader_closing_the_pipe_gets_no_traceback(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("[a x=”1”]\n" * 50_000, encoding="utf-8")
    with subprocess.Popen([sys.executable, "-m", "shortcodes", "lint", str(post)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # the reader goes away, as `| head -1` does
        error = process.stderr.read().decode()
        process.wait(timeout=120)
    assert "Traceback" not in error
    assert process.returncode == 141

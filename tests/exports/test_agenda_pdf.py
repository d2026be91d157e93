"""PDF agendas read back with poppler (pdftotext, pdftoppm): the Japanese names and every counterpart are
in the text, CJK is drawn with real glyphs (not the boxes of a font without them), nothing is fetched."""

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.exports.agenda_pdf import agenda_pdf, agendas_html, agendas_pdf, html_to_pdf
from missionmatch.models import Mission
from missionmatch.services.agenda_document import mission_agenda_documents
from tests.agenda_world import document_of, published_mission

# a fontconfig that knows only DejaVu (no CJK): what a server without fonts-noto-cjk would draw
NO_CJK_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""
RENDER = (
    "import sys; from missionmatch.exports.agenda_pdf import html_to_pdf as r; "
    "sys.stdout.buffer.write(r(sys.stdin.read()))"
)


def _text(pdf: bytes, tmp_path: Path, name: str = "agenda") -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _png(pdf: bytes, tmp_path: Path, name: str) -> bytes:
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    prefix = tmp_path / name
    subprocess.run(
        ["pdftoppm", "-r", "60", "-gray", "-singlefile", "-png", f"{prefix}.pdf", str(prefix)], check=True
    )
    return (tmp_path / f"{name}.png").read_bytes()


def _without_cjk_fonts(html: str, tmp_path: Path) -> bytes:
    config = tmp_path / "fonts.conf"
    config.write_text(NO_CJK_FONTS.format(cache=tmp_path / "fc-cache"))
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    done = subprocess.run(
        [sys.executable, "-c", RENDER], input=html.encode(), capture_output=True, env=env, check=True
    )
    return done.stdout


def test_pdf_text_has_the_japanese_name_in_japanese_order_and_every_counterpart(
    sqlite_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    published_mission(sqlite_factory)
    yamada = _text(agenda_pdf(document_of(sqlite_factory, "p-3")), tmp_path, "yamada")
    assert "山田 太郎" in yamada and "部長, Kansai Orbital KK" in yamada
    for counterpart in ("Anne Muller, CEO — LuxSat Services", "Hanako Sato, Engineer — Kansai Orbital KK"):
        assert counterpart in yamada.replace("\n", " ")
    assert "テーブル 2" in yamada and "通訳 フランス語–日本語" in yamada
    anne = _text(agenda_pdf(document_of(sqlite_factory, "p-1")), tmp_path, "anne")
    assert "山田 太郎, 部長 — Kansai Orbital KK" in anne
    assert "Votre heure : heure d’Europe centrale (Europe/Luxembourg) (deuxième colonne)" in anne
    assert "14:40–15:00" in anne and "07:40–08:00" in anne  # Tokyo, and Luxembourg in summer


def test_japanese_is_drawn_with_glyphs_not_the_boxes_of_a_font_without_cjk(
    sqlite_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    published_mission(sqlite_factory)
    with sqlite_factory() as session:
        documents = {
            d.participant.key: d for d in mission_agenda_documents(session, session.scalar(select(Mission)))
        }
    # control: an agenda without any Japanese character is drawn the same with or without the CJK fonts,
    # so a difference below can only come from how Japanese characters are drawn
    latin = agendas_html([replace(documents["p-2"], unscheduled=())])  # without the draft with 山田 太郎
    assert _png(html_to_pdf(latin), tmp_path, "latin") == _png(
        _without_cjk_fonts(latin, tmp_path), tmp_path, "latin-box"
    )
    japanese = agendas_html([documents["p-1"]])  # French, with 山田 太郎 and 部長 among the counterparts
    boxes = _png(_without_cjk_fonts(japanese, tmp_path), tmp_path, "boxes")
    assert _png(html_to_pdf(japanese), tmp_path, "glyphs") != boxes
    fonts = subprocess.run(["pdffonts", str(tmp_path / "glyphs.pdf")], capture_output=True, text=True).stdout
    assert (
        "Noto-Sans-CJK-JP" in fonts
        and "Noto-Sans-CJK-JP"
        not in subprocess.run(
            ["pdffonts", str(tmp_path / "boxes.pdf")], capture_output=True, text=True
        ).stdout
    )


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every path asked of it."""
    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()


def test_rendering_fetches_nothing_from_the_network_or_the_disk(web_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, asked = web_server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    html = (
        f'<link rel="stylesheet" href="{url}/style.css"><link rel="stylesheet" href="file://{secret}">'
        f'<style>@import url("{url}/import.css");'
        f' @font-face {{ font-family: X; src: url("{url}/font.woff") }}</style>'
        f'<p style="font-family: X">text</p><img src="{url}/image.png">'
    )
    assert html_to_pdf(html).startswith(b"%PDF")
    assert asked == []


def test_a_missions_pdf_holds_every_agenda_and_each_part_only_its_own(
    sqlite_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    published_mission(sqlite_factory)
    with sqlite_factory() as session:
        documents = mission_agenda_documents(session, session.scalar(select(Mission)))
    told: list[tuple[int, int]] = []
    whole, parts = agendas_pdf(documents, progress=lambda done, total: told.append((done, total)))
    assert told == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert sorted(parts) == ["p-1", "p-2", "p-3", "p-4"]
    names = {"p-1": "Anne Muller", "p-2": "Jonas Weber", "p-3": "山田 太郎", "p-4": "Hanako Sato"}
    for key, pdf in parts.items():
        first_lines = _text(pdf, tmp_path, key).splitlines()[:3]
        assert names[key] in first_lines, key
        assert "1" in _text(pdf, tmp_path, key).split()  # page numbers restart in every agenda
    text = _text(whole, tmp_path, "all")
    assert [line for line in text.splitlines() if line in names.values()] == list(names.values())
    alone, no_parts = agendas_pdf(documents, each=False)  # the bundle's PDF format: the parts are not written
    assert (no_parts, _text(alone, tmp_path, "alone")) == ({}, text)

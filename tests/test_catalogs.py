"""The translation catalogs are in step with the sources (issue 15): the messages that Babel extracts with
babel.cfg are the committed template's, and both catalogs translate exactly those, with the same
placeholders. A failure here means: run `make messages`, then translate what it left empty."""

import os
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from missionmatch.i18n import TRANSLATIONS_DIR, load_catalog

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "missionmatch"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

Message = str | tuple[str, ...]


def _ids(catalog: Catalog) -> set[Message]:
    return {message.id for message in catalog if message.id}


def _extracted() -> set[Message]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "mark": None}
    found: set[Message] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map, options_map, keywords
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def test_the_template_holds_every_message_of_the_sources_and_no_other() -> None:
    template = _ids(_read(TRANSLATIONS_DIR / "messages.pot"))
    extracted = _extracted()
    assert (sorted(map(str, extracted - template)), sorted(map(str, template - extracted))) == ([], [])
    assert len(template) > 500  # the pages, mails and exports: an empty extraction would pass the line above


@pytest.mark.parametrize("language", ["fr", "ja"])
def test_each_catalog_translates_the_template_with_the_same_placeholders(language: str) -> None:
    template = _ids(_read(TRANSLATIONS_DIR / "messages.pot"))
    catalog = _read(TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po")
    assert _ids(catalog) == template
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{language}: {message.id!r} is not translated"
        key = message.id if isinstance(message.id, str) else message.id[-1]
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= set(PLACEHOLDER.findall(key)), (language, key)


def _catalog_file(path: Path, greeting: str) -> None:
    catalog = Catalog(locale="fr")
    catalog.add("Hello", greeting)
    with path.open("wb") as out:
        (write_po if path.suffix == ".po" else write_mo)(out, catalog)


def test_a_compiled_catalog_is_used_only_while_it_is_as_new_as_its_source(tmp_path: Path) -> None:
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po, mo = folder / "messages.po", folder / "messages.mo"
    _catalog_file(po, "Bonjour")
    assert load_catalog(po).gettext("Hello") == "Bonjour"  # no build: compiled in memory
    _catalog_file(mo, "Salut")
    os.utime(mo, (po.stat().st_mtime + 1, po.stat().st_mtime + 1))
    assert load_catalog(po).gettext("Hello") == "Salut"  # built by make
    os.utime(po, (mo.stat().st_mtime + 1, mo.stat().st_mtime + 1))
    assert load_catalog(po).gettext("Hello") == "Bonjour"  # edited since the build: the source wins
    assert load_catalog(tmp_path / "de" / "messages.po").gettext("Hello") == "Hello"

"""Going through the import pages as a browser's forms would: upload, mapping, preview, apply."""

import re

from tests.web.conftest import Browser

_SELECT = re.compile(r'<select name="column-(\d+)"[^>]*>(.*?)</select>', re.S)
_SELECTED = re.compile(r'<option value="([^"]*)" selected>')
_FINGERPRINT = re.compile(r'name="fingerprint" value="([0-9a-f]{64})"')


def upload(browser: Browser, slug: str, name: str, content: bytes) -> str:
    """The mapping page's address of the uploaded file."""
    page = f"/missions/{slug}/import"
    response = browser.submit(page, page=page, files={"file": (name, content, "text/csv")})
    assert response.status_code == 303, response.text
    return response.headers["location"]


def suggested(page: str) -> dict[str, str]:
    """column-N -> the field the mapping page suggests for column N ("" to leave it out)."""
    found = {}
    for index, options in _SELECT.findall(page):
        chosen = _SELECTED.search(options)
        found[f"column-{index}"] = chosen.group(1) if chosen else ""
    return found


def choose(browser: Browser, mapping_url: str, changes: dict[str, str] | None = None, **form: str) -> object:
    """Posts the suggested mapping with `changes` (column-N -> field); `form`: key, update."""
    fields = suggested(browser.get(mapping_url).text) | (changes or {})
    return browser.submit(mapping_url, {"update": "on", **fields, **form}, page=mapping_url)


def fingerprint(page: str) -> str:
    match = _FINGERPRINT.search(page)
    assert match, "no apply form on the preview"
    return match.group(1)


def apply(browser: Browser, mapping_url: str, print_: str | None = None) -> object:
    preview = f"{mapping_url}/preview"
    sent = print_ or fingerprint(browser.get(preview).text)
    return browser.submit(f"{mapping_url}/apply", {"fingerprint": sent}, page=preview)


def import_file(browser: Browser, slug: str, name: str, content: bytes) -> object:
    """Upload, the suggested mapping, the preview, apply: the final page."""
    url = upload(browser, slug, name, content)
    assert choose(browser, url).status_code == 303
    return apply(browser, url)

"""PDF documents of an agreement: uploaded, listed, downloaded as they were; refused when too large, empty
or not a PDF, naming the field; only the mission's organisers reach them."""

import re

from missionmatch.services.agreement_documents import MAX_DOCUMENT_BYTES, clean_filename
from tests.web.api_client import errors_of, organiser_api
from tests.web.conftest import Browser, World
from tests.web.outcome_helpers import BASE, agreement

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _upload(browser: Browser, path: str, name: str, content: bytes):  # type: ignore[no-untyped-def]
    files = {"document": (name, content, "application/pdf")}
    return browser.post(
        f"{path}/documents", data={"csrf_token": browser.csrf(path)}, files=files, follow_redirects=False
    )


def test_an_uploaded_pdf_is_listed_and_downloaded_byte_for_byte(world: World) -> None:
    browser = world.organiser()
    path = f"{BASE}/{agreement(world).id}"
    response = _upload(browser, path, "MoU signé.pdf", PDF)
    assert response.headers["location"] == f"{path}?saved=1"
    [document] = agreement(world).documents
    assert (document.filename, document.size, document.uploaded_by) == (
        "MoU signé.pdf",
        len(PDF),
        "orga@a.lu",
    )
    page = browser.get(path).text
    assert re.search(rf'<a href="{path}/documents/{document.id}">MoU signé.pdf</a>', page)
    download = browser.get(f"{path}/documents/{document.id}")
    assert (download.status_code, download.content) == (200, PDF)
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"] == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''MoU%20sign%C3%A9.pdf"
    )


def test_a_file_over_the_limit_an_empty_one_or_not_a_pdf_is_refused_naming_the_field(world: World) -> None:
    browser = world.organiser()
    path = f"{BASE}/{agreement(world).id}"
    cases = [
        (PDF + b"0" * (MAX_DOCUMENT_BYTES - len(PDF) + 1), "The file is larger than 5 MB."),
        (b"", "Choose a PDF file."),
        (b"MZ\x90\x00 not a pdf", "This file is not a PDF."),
    ]
    for content, message in cases:
        response = _upload(browser, path, "x.pdf", content)
        assert response.status_code == 422
        assert f'<span id="error-document">{message}</span>' in response.text
    assert agreement(world).documents == []


def test_a_file_of_exactly_the_limit_is_taken(world: World) -> None:
    path = f"{BASE}/{agreement(world).id}"
    response = _upload(world.organiser(), path, "big.pdf", PDF + b"0" * (MAX_DOCUMENT_BYTES - len(PDF)))
    assert response.status_code == 303
    assert [d.size for d in agreement(world).documents] == [MAX_DOCUMENT_BYTES]


def test_deleting_a_document(world: World) -> None:
    browser = world.organiser()
    path = f"{BASE}/{agreement(world).id}"
    _upload(browser, path, "a.pdf", PDF)
    [document] = agreement(world).documents
    response = browser.submit(f"{path}/documents/{document.id}/delete", page=path)
    assert (response.status_code, agreement(world).documents) == (303, [])


def test_another_missions_organiser_and_participants_cannot_reach_documents(world: World) -> None:
    path = f"{BASE}/{agreement(world).id}"
    _upload(world.organiser(), path, "a.pdf", PDF)
    [document] = agreement(world).documents
    stranger = world.organiser("orga@b.lu")
    other_path = f"/missions/other-tokyo/agreements/{agreement(world).id}"
    assert stranger.get(f"{path}/documents/{document.id}").status_code == 404
    assert stranger.get(f"{other_path}/documents/{document.id}").status_code == 404
    refused = stranger.post(
        f"{other_path}/documents",
        data={"csrf_token": stranger.csrf("/missions")},
        files={"document": ("b.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert refused.status_code == 404
    participant = world.as_participant("test-osaka", "p-1")
    response = participant.get(f"{path}/documents/{document.id}", follow_redirects=False)
    assert response.status_code == 303
    assert [d.filename for d in agreement(world).documents] == ["a.pdf"]


def test_file_names_lose_folders_and_control_characters_and_end_in_pdf() -> None:
    assert clean_filename("../../etc/passwd") == "passwd.pdf"
    assert clean_filename("C:\\Users\\x\\contrat\r\n.PDF") == "contrat.PDF"
    assert clean_filename('a<b>"c".pdf') == "a_b_c_.pdf"
    assert clean_filename("") == "document.pdf"
    assert len(clean_filename("x" * 500 + ".pdf")) == 200


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(world: World) -> None:
    path = f"{BASE}/{agreement(world).id}"
    response = _upload(world.organiser(), path, "huge.pdf", PDF + b"0" * (MAX_DOCUMENT_BYTES + 200_000))
    assert response.status_code == 413
    assert agreement(world).documents == []


def test_the_api_answers_413_415_and_422_for_a_wrong_or_missing_document(world: World) -> None:
    client = organiser_api(world)
    path = f"/api/v1/missions/test-osaka/agreements/{agreement(world).id}/documents"
    cases = [
        (PDF + b"0" * (MAX_DOCUMENT_BYTES - len(PDF) + 1), 413, "document: The file is larger than 5 MB."),
        (PDF + b"0" * (MAX_DOCUMENT_BYTES + 200_000), 413, "document too large"),  # not even read
        (b"MZ\x90\x00 not a pdf", 415, "document: This file is not a PDF."),
        (b"", 415, "document: Choose a PDF file."),
    ]
    for content, status, detail in cases:
        response = client.post(path, files={"document": ("x.pdf", content, "application/pdf")})
        assert (response.status_code, response.json()) == (status, {"detail": detail})
    assert errors_of(client.post(path, files={"file": ("x.pdf", PDF, "application/pdf")})) == ["document"]
    assert agreement(world).documents == []

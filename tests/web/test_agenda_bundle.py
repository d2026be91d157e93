"""Every agenda of a mission in one download, through HTTP with a real queue (SQLite storage) whose tasks
are taken and run as the worker's consumer does: the page and the API start the job, the job page links the
file, the zip holds a PDF and an .ics per participant named by key, the PDF holds every participant's name;
a cancelled job makes no file; another mission's organiser finds nothing."""

import io
import subprocess
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from missionmatch.tasks.queue import JobQueue, build_queue
from missionmatch.web.app import create_app
from tests.web.conftest import PASSWORD, Browser, World

PARTICIPANTS = "/missions/test-osaka/participants"
JOB = "/missions/test-osaka/jobs"
API = "/api/v1/missions/test-osaka/agendas/all"
KEYS = ["p-1", "p-2", "p-3", "p-4"]
NAMES = ["Anne Muller", "Jonas Weber", "山田 太郎", "Hanako Sato"]


def _queue(world: World, tmp_path: Path) -> JobQueue:
    return build_queue(world.factory, f"sqlite:///{tmp_path / 'queue.db'}")


def _run_worker(queue: JobQueue) -> int:
    """Takes every task waiting on the queue and runs it, as `missionmatch worker` does; how many ran."""
    ran = 0
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)
        ran += 1
    return ran


def _browser(world: World, queue: JobQueue, email: str = "orga@a.lu") -> Browser:
    browser = Browser(create_app(world.factory, world.settings, queue))
    login = {"email": email, "password": PASSWORD}
    assert browser.submit("/login", login, page="/login").status_code == 303
    return browser


def _api(world: World, queue: JobQueue, email: str = "orga@a.lu") -> TestClient:
    app = create_app(world.factory, world.settings, queue)
    return TestClient(app, headers={"authorization": f"Bearer {world.api_token(organiser=email)}"})


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "all.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_participants_page_starts_the_zip_and_the_job_page_links_it(world: World, tmp_path: Path) -> None:
    queue = _queue(world, tmp_path)
    browser = _browser(world, queue)
    page = browser.get(PARTICIPANTS).text
    assert '<form method="post" action="/missions/test-osaka/agendas/all"' in page
    assert '<button type="submit" name="format" value="zip" class="secondary">' in page
    started = browser.submit("/missions/test-osaka/agendas/all", {"format": "zip"}, page=PARTICIPANTS)
    assert (started.status_code, started.headers["location"]) == (303, f"{JOB}/1")
    assert browser.get(f"{JOB}/1/file").status_code == 404  # waiting for the worker: no file yet
    waiting = browser.get(f"{JOB}/1").text  # job.js fills in the count as agendas are drawn
    assert '<span data-job-field="done">–</span> / <span data-job-field="total">–</span>' in waiting
    assert _run_worker(queue) == 1
    page = browser.get(f"{JOB}/1").text
    assert '<dd id="job-state" data-job-field="state_text">Done</dd>' in page
    assert '<span data-job-field="done">4</span> / <span data-job-field="total">4</span>' in page
    assert (
        f'<a class="button" href="{JOB}/1/file" download>Download agendas-test-osaka.zip</a> 4 agendas'
        in page
    )
    download = browser.get(f"{JOB}/1/file")
    assert (download.status_code, download.headers["content-type"]) == (200, "application/zip")
    assert download.headers["content-disposition"] == 'attachment; filename="agendas-test-osaka.zip"'
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert sorted(archive.namelist()) == sorted([f"{k}.pdf" for k in KEYS] + [f"{k}.ics" for k in KEYS])
    for key, name in zip(KEYS, NAMES, strict=True):
        assert archive.read(f"{key}.pdf").startswith(b"%PDF-")
        assert name in _pdf_text(archive.read(f"{key}.pdf"), tmp_path)
        assert archive.read(f"{key}.ics").startswith(b"BEGIN:VCALENDAR")
    assert browser.get("/jobs/1/file").content == download.content  # by the job's id alone
    assert [browser.get(f"/jobs/{i}/file").status_code for i in (2, 0, 2**70)] == [404, 404, 404]
    other = _browser(world, queue, "orga@b.lu")
    for path in (f"{JOB}/1/file", f"{JOB}/1", "/jobs/1/file"):
        assert other.get(path).status_code == 404
    assert other.get("/missions/other-tokyo/jobs/1/file").status_code == 404  # not a job of that mission


def test_a_format_that_is_neither_pdf_nor_zip_is_refused(world: World, tmp_path: Path) -> None:
    queue = _queue(world, tmp_path)
    browser = _browser(world, queue)
    refused = browser.submit("/missions/test-osaka/agendas/all", {"format": "docx"}, page=PARTICIPANTS)
    assert (refused.status_code, _run_worker(queue)) == (400, 0)


def test_the_api_queues_the_pdf_and_serves_it_once_done(world: World, tmp_path: Path) -> None:
    queue = _queue(world, tmp_path)
    client = _api(world, queue)
    started = client.post(API, json={"format": "pdf"})
    assert (started.status_code, started.headers["location"]) == (202, "/api/v1/jobs/1")
    assert (started.json()["kind"], started.json()["state"]) == ("agendas", "queued")
    waiting = client.get("/api/v1/jobs/1/file")
    assert (waiting.status_code, waiting.json()) == (404, {"detail": "job file not found"})
    assert _run_worker(queue) == 1
    job = client.get("/api/v1/jobs/1").json()
    assert (job["state"], job["done"], job["total"]) == ("done", 4, 4)
    download = client.get("/api/v1/jobs/1/file")
    assert (download.status_code, download.headers["content-type"]) == (200, "application/pdf")
    assert job["result"] == {
        "format": "pdf",
        "file_name": "agendas-test-osaka.pdf",
        "size": len(download.content),
        "agendas": 4,
    }
    text = _pdf_text(download.content, tmp_path)
    assert [name in text for name in NAMES] == [True] * 4
    other = _api(world, queue, "orga@b.lu")
    for path in ("/api/v1/jobs/1/file", "/api/v1/jobs/1"):
        assert (other.get(path).status_code, other.get(path).json()) == (404, {"detail": "job not found"})
    assert other.post(API, json={"format": "pdf"}).status_code == 404
    participant = TestClient(
        client.app, headers={"authorization": f"Bearer {world.api_token(participant=('test-osaka', 'p-1'))}"}
    )
    assert participant.get("/api/v1/jobs/1/file").status_code == 403


def test_a_cancelled_job_is_never_run_and_has_no_file(world: World, tmp_path: Path) -> None:
    queue = _queue(world, tmp_path)
    client = _api(world, queue)
    assert client.post(API, json={"format": "zip"}).status_code == 202
    assert client.delete("/api/v1/jobs/1").json()["state"] == "cancelled"
    assert _run_worker(queue) == 1  # the worker takes the task and finds the job cancelled
    job = client.get("/api/v1/jobs/1").json()
    assert (job["state"], job["started_at"], job["result"]) == ("cancelled", None, None)
    assert client.get("/api/v1/jobs/1/file").status_code == 404


def test_the_api_refuses_an_unknown_format(world: World, tmp_path: Path) -> None:
    queue = _queue(world, tmp_path)
    refused = _api(world, queue).post(API, json={"format": "docx"})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "format")
    assert _run_worker(queue) == 0

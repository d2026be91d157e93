"""How long a mission's agendas take to render: the demo's osaka-1 (96 participants) scheduled and published
in a fresh SQLite database, then every agenda as iCalendar, as one PDF split per participant (what
`missionmatch export agendas` and the coming bulk job do), and one participant's PDF
as the web page serves it.

    .venv/bin/python benchmarks/exports/agendas.py [--time-limit 5]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _timed(label: str, work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        os.environ["MISSIONMATCH_DATABASE_URL"] = f"sqlite:///{directory}/bench.db"
        subprocess.run([BIN / "missionmatch", "demo", "load"], check=True, capture_output=True)
        limit = str(args.time_limit)
        subprocess.run([BIN / "missionmatch", "schedule", "osaka-1", "--time-limit", limit], check=True)
        from missionmatch.db import make_engine, make_session_factory, transaction
        from missionmatch.exports.agenda_ical import agenda_ics
        from missionmatch.exports.agenda_pdf import agenda_pdf, agendas_pdf
        from missionmatch.services.agenda_document import mission_agenda_documents
        from missionmatch.services.missions import get_mission
        from missionmatch.services.schedule_publish import publish_schedule
        from missionmatch.settings import MailSettings

        factory = make_session_factory(make_engine())
        with transaction(factory) as session:
            publish_schedule(session, get_mission(session, "osaka-1"), mail=MailSettings())
        with factory() as session:
            mission = get_mission(session, "osaka-1")
            documents = _timed("read 96 agenda documents", lambda: mission_agenda_documents(session, mission))
        meetings = sum(len(d.meetings) for d in documents)
        print(f"{len(documents)} participants, {meetings} meeting entries")
        _timed("every agenda as iCalendar", lambda: [agenda_ics(d) for d in documents])
        _timed("one PDF (first render of the process)", lambda: agenda_pdf(documents[0]))
        _timed("one PDF", lambda: agenda_pdf(documents[1]))
        whole, parts = _timed("all.pdf and its 96 parts", lambda: agendas_pdf(documents))
        print(f"all.pdf {len(whole) // 1024} KiB, parts {sum(map(len, parts.values())) // 1024} KiB in all")


if __name__ == "__main__":
    main()

import json

from typer.testing import CliRunner

from missionmatch.cli import app
from tests.matching.support import MISSION


def test_recommend_command_writes_ranked_lists_and_reasons(tmp_path) -> None:
    profiles = {
        "profiles": [
            {
                "id": p.id,
                "delegation": p.side,
                "organization": p.organisation,
                "language": p.language,
                "sector": p.sectors[0],
                "offers": p.offers,
                "needs": p.needs,
            }
            for p in MISSION
        ]
    }
    src = tmp_path / "profiles.json"
    src.write_text(json.dumps(profiles, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "recs.json"
    run = CliRunner().invoke(
        app,
        [
            "recommend",
            str(src),
            "--top",
            "3",
            "--out",
            str(out),
            "--embedder",
            "use",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
    )
    assert run.exit_code == 0, run.output
    recs = json.loads(out.read_text(encoding="utf-8"))
    side = {p.id: p.side for p in MISSION}
    assert set(recs["recommendations"]) == set(side)
    for pid, lst in recs["recommendations"].items():
        assert 0 < len(lst) <= 3
        assert all(side[o] != side[pid] for o in lst)
        assert list(recs["reasons"][pid]) == lst
    assert recs["recommendations"]["lu-eole"][0] == "jp-shindo"
    why = recs["reasons"]["lu-eole"]["jp-shindo"]
    assert why["my_need_answered"]["offer_language"] == "ja"
    assert why["language_path"] == "fr → ja (interpreter)"
    assert ("jp-shindo", "lu-eole") in [(p["a"], p["b"]) for p in recs["suggested_pairs"]]
    assert (tmp_path / "cache" / "embeddings.sqlite").exists()


def test_recommend_command_rejects_a_file_that_is_not_profiles(tmp_path) -> None:
    src = tmp_path / "bad.json"
    src.write_text('{"people": []}', encoding="utf-8")
    run = CliRunner().invoke(app, ["recommend", str(src), "--out", str(tmp_path / "o.json")])
    assert run.exit_code == 1
    assert "not a profiles file" in run.output

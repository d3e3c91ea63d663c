"""``reader-cli`` with laws: 题注 fields in split and show, versions in import, list and show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

LAWS = Path(__file__).parent.parent / "corpus" / "fixtures" / "laws"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_split_json_carries_the_events(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "split", str(LAWS / "local_regulation.txt"), "--json")
    doc = json.loads(out)["documents"][0]
    assert code == 0
    assert doc["title"] == "江川市城市绿化条例"
    assert [e["kind"] for e in doc["events"]] == ["通过", "批准"]
    assert doc["date"] == "2012-11-29" and doc["effective"] == "2013-03-01"
    assert doc["promulgated"] is None


def test_a_folder_of_two_versions_imports_both_and_lists_the_newest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "laws"
    folder.mkdir()
    for name in ("judicial_interpretation_2015.txt", "judicial_interpretation.txt"):
        shutil.copy(LAWS / name, folder / name)
    data = tmp_path / "data"

    code, out, _ = _run(capsys, "--data-dir", str(data), "import", str(folder))
    assert code == 0
    assert "新版本 1 篇" in out.splitlines()[0]

    _, out, _ = _run(capsys, "--data-dir", str(data), "list", "--json")
    listed = [d for d in json.loads(out) if d["title"].startswith("最高人民法院关于审理民间借贷")]
    assert [d["date"] for d in listed] == ["2020-12-23"]
    _, out, _ = _run(capsys, "--data-dir", str(data), "list", "--all-versions", "--json")
    both = [d for d in json.loads(out) if d["title"].startswith("最高人民法院关于审理民间借贷")]
    assert sorted(d["date"] for d in both) == ["2015-06-23", "2020-12-23"]

    _, out, _ = _run(capsys, "--data-dir", str(data), "show", listed[0]["id"], "--format", "json")
    shown = json.loads(out)
    assert shown["versions"] == [d["id"] for d in both if d["id"] != listed[0]["id"]]
    assert [e["kind"] for e in shown["events"]] == ["通过", "修正", "修正"]
    assert shown["doc_number"] == "法释〔2020〕17号"


def test_notes_stay_on_the_version_they_were_made_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.library.library import Library
    from reader.notes.store import NotesStore
    from reader.paths import Paths

    data = tmp_path / "data"
    old_file = tmp_path / "judicial_interpretation_2015.txt"
    shutil.copy(LAWS / old_file.name, old_file)
    assert _run(capsys, "--data-dir", str(data), "import", str(old_file))[0] == 0
    paths = Paths(bundle=tmp_path, data_dir=data)
    library = Library.open_folder(paths.library_dir)
    old = next(s for s in library.documents() if s.date == "2015-06-23" and "民间借贷" in s.title)
    document = library.get(old.id)
    library.close()
    notes = NotesStore.open(paths.notes_db)
    mark = notes.bookmark_clause(document, document.clauses[0])
    notes.close()

    new_file = tmp_path / "judicial_interpretation.txt"
    shutil.copy(LAWS / new_file.name, new_file)
    code, out, _ = _run(capsys, "--data-dir", str(data), "import", str(new_file))
    assert code == 0 and "新版本 1 篇" in out.splitlines()[0]

    notes = NotesStore.open(paths.notes_db)
    try:
        kept = notes.bookmarks(old.id)
        assert [(b.id, b.anchor, b.orphan) for b in kept] == [(mark.id, mark.anchor, False)]
    finally:
        notes.close()


def test_split_json_lists_two_versions_printed_in_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = tmp_path / "两版.txt"
    both.write_text(
        (LAWS / "judicial_interpretation_2015.txt").read_text(encoding="utf-8")
        + (LAWS / "judicial_interpretation.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    _, out, _ = _run(capsys, "split", str(both), "--json")
    docs = json.loads(out)["documents"]
    assert [d["date"] for d in docs] == ["2015-06-23", "2020-12-23"]
    assert docs[0]["versions"] == [docs[1]["id"]] and docs[1]["versions"] == [docs[0]["id"]]

"""``reader-cli import | list | show | search`` as a person (or a script) uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.library import Library
from reader.paths import Paths
from tests.conftest import SEEDS
from tests.search.documents import SMALL_SEED, add_documents, gold_documents

DOCS = gold_documents()[:4]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A user data folder whose library already holds a few documents (no bundled copy)."""
    data = tmp_path / "data"
    library = Library.open_folder(Paths(bundle=tmp_path, data_dir=data).library_dir)
    add_documents(library, DOCS, SMALL_SEED)
    library.close()
    return data


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_follows_the_contract(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "search", "发改能源 2024 187", "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["query"] == "发改能源 2024 187"
    assert answer["total"] >= 1
    first = answer["hits"][0]
    assert set(first) == {"id", "title", "issuers", "doc_number", "date", "score", "snippet"}
    assert first["doc_number"] == "发改能源〔2024〕187号"
    assert "<mark>" in first["snippet"]


def test_search_filters_and_limit(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "--data-dir", str(data_dir), "search", "发展", "--limit", "2",
        "--from", "2024-02-06", "--to", "2024-12-31", "--issuer", "国家能源局", "--json",
    )
    answer = json.loads(out)
    assert code == 0 and 1 <= len(answer["hits"]) <= 2
    assert all(h["date"] >= "2024-02-06" for h in answer["hits"])
    assert all("国家能源局" in h["issuers"] for h in answer["hits"])


def test_list_and_show(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "list", "--year", "2024", "--json")
    listed = json.loads(out)
    assert code == 0 and [d["id"] for d in listed] == [d.id for d in DOCS if d.year == 2024]
    doc = DOCS[2]
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "show", doc.id, "--format", "json")
    shown = json.loads(out)
    assert shown["text"] == doc.text and shown["sources"][0]["file"] == SMALL_SEED
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "show", doc.id, "--format", "md")
    assert code == 0 and doc.title in out
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "show", doc.id)
    assert out.startswith(doc.title)


def test_unknown_ids_and_missing_files_are_plain_errors(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "show", "no-such-id")
    assert code == 1 and out == "" and "文档库中没有编号为 no-such-id 的文档" in err
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "import", "/no/such/file.txt")
    assert code == 1 and "没有这个文件或文件夹" in err


def test_import_reports_progress_on_stderr(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (SEEDS / SMALL_SEED).read_text(encoding="utf-8").split("\n")
    small = tmp_path / "two.txt"
    small.write_text("\n".join(lines[187:368]) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "import", str(small), str(empty))
    assert code == 1  # one of the two files could not be imported
    assert "two.txt：没有新增文档" in err and "[2/2]" in err and "empty.txt" in err
    assert "没有新文档：找到的 2 篇都已在文档库中" in out  # the fixture holds both already
    assert "跳过 1 个文件" in out and "empty.txt：文件为空" in out
    library = Library.open_folder(Paths(bundle=tmp_path, data_dir=data_dir).library_dir)
    assert "two.txt" in [s.name for s in library.sources()]


@pytest.fixture
def seed_data_dir(tmp_path: Path) -> Path:
    """A user data folder whose library holds every document of the small seed."""
    data = tmp_path / "seed-data"
    library = Library.open_folder(Paths(bundle=tmp_path, data_dir=data).library_dir)
    library.add_file(SEEDS / SMALL_SEED)
    library.close()
    return data


def test_list_by_issuer_takes_any_alias_of_the_organ(
    seed_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = []
    for typed in ("国家发展和改革委员会", "国家发展改革委", "国家发改委"):
        code, out, _ = _run(capsys, "--data-dir", str(seed_data_dir), "list", "--issuer", typed,
                            "--all-versions", "--json")
        assert code == 0
        found.append({doc["id"] for doc in json.loads(out)})
    assert found[0] and found[0] == found[1] == found[2]
    code, out, _ = _run(capsys, "--data-dir", str(seed_data_dir), "list", "--all-versions", "--json")
    issued = {doc["id"] for doc in json.loads(out)
              if any(name.startswith("国家发展改革委") for name in doc["issuers_canonical"])}
    assert found[0] == issued
    # A provincial organ by its printed name, as before.
    code, out, _ = _run(capsys, "--data-dir", str(seed_data_dir), "list", "--issuer", "江苏省财政厅",
                        "--json")
    assert code == 0 and all("江苏省财政厅" in doc["issuers"] for doc in json.loads(out))
    assert json.loads(out)

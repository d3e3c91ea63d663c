"""Where the bundled data is found in each of the three layouts, and the user's cache folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from reader.library.install import COMPLETE_MARKER
from reader.library.library import Library
from reader.paths import WHEEL_DATA, Layout, Paths, layout
from tests.conftest import REPO, SEEDS

SMALLEST_SEED = min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)


def _installed(tmp_path: Path) -> Path:
    """Lay ``reader`` out the way an installed wheel does (data inside the package);
    return the folder to put on the import path."""
    site = tmp_path / "site-packages"
    shutil.copytree(REPO / "reader", site / "reader", ignore=shutil.ignore_patterns("__pycache__"))
    data = site / "reader" / WHEEL_DATA
    shutil.copytree(REPO / "resources", data / "resources")
    (data / "seeds").mkdir()
    shutil.copy(SMALLEST_SEED, data / "seeds")
    return site


def _python(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with only ``site`` (not the checkout) providing ``reader``."""
    return subprocess.run(
        [sys.executable, *args], cwd=site.parent, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(site), **env},
    )


def test_a_checkout_reads_the_data_beside_the_package() -> None:
    assert layout() == Layout("source", REPO)
    paths = Paths.resolve()
    assert paths.seeds_dir == SEEDS
    assert (paths.resources_dir / "reading.css").is_file()


def test_an_installed_package_reads_the_data_inside_itself(tmp_path: Path) -> None:
    site = _installed(tmp_path)
    result = _python(site, "-c", "import reader.paths as p; print(p.__file__, p.layout().kind); "
                     "print(p.Paths.resolve().resources_dir)")
    assert result.returncode == 0, result.stderr
    where, kind, resources = result.stdout.split()
    assert Path(where).is_relative_to(site) and kind == "wheel"
    assert Path(resources) == site / "reader" / WHEEL_DATA / "resources"


def test_an_installed_build_index_writes_only_where_it_is_told(tmp_path: Path) -> None:
    site = _installed(tmp_path)
    data = site / "reader" / WHEEL_DATA
    before = sorted(p.name for p in data.rglob("*"))

    refused = _python(site, "-m", "reader.cli", "build-index")
    assert refused.returncode == 1
    assert "--out" in refused.stderr
    inside = _python(site, "-m", "reader.cli", "build-index", "--out", str(data / "index"))
    assert inside.returncode == 1
    assert "程序自带" in inside.stderr
    assert sorted(p.name for p in data.rglob("*")) == before

    out = tmp_path / "my-index"
    built = _python(site, "-m", "reader.cli", "build-index", "--out", str(out), "--workers", "1")
    assert built.returncode == 0, built.stderr
    assert (out / COMPLETE_MARKER).is_file()
    assert sorted(p.name for p in data.rglob("*")) == before
    library = Library.open_folder(out)
    assert library.documents()  # the wheel's seed, split and indexed
    assert {s.source.file for s in library.documents()} == {SMALLEST_SEED.name}
    library.close()


def test_jiebas_cache_goes_to_the_users_cache_folder(tmp_path: Path) -> None:
    cache, temp = tmp_path / "cache", tmp_path / "tmp"
    temp.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "from reader.search.analysis import preload_dictionary as p; p()"],
        cwd=REPO, capture_output=True, text=True, check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), "TMPDIR": str(temp)},
    )
    assert result.returncode == 0, result.stderr
    assert (cache / "policy-reader" / "jieba.cache").is_file()
    assert list(temp.iterdir()) == []

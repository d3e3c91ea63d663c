"""A smaller ICU data library for the bundle: the items Qt reads, without the rest.

Qt Core links ICU, whose data library (``libicudata.so.NN``, 32 MB) holds the data of every
ICU service: converters for legacy code pages, break-iterator dictionaries, transliterators,
and the names of languages, regions, currencies, units and time zones in every language.
Qt reads only some of it: collation (``QCollator``, the pinyin order of the library tree), the
locale and time-zone tables collation and ``QTimeZone`` resolve names with, and the converter
alias table. Qt formats numbers and dates, finds word and line breaks and converts UTF-8
and Latin-1 with its own code and tables.

This rebuilds the library the way ICU's own tools make a data subset: the common data
package is copied out of the library, ``icupkg`` (Debian's ``icu-devtools``) removes the
items below — refusing, as it does, to remove an item a kept one depends on — and the
package is linked into a shared library with the same SONAME exporting the same
``icudtNN_dat`` symbol, with nothing but binutils (``as``, ``ld``). ``icu_check.py`` then
compares what Qt computes with the original and the rebuilt library; any step that fails
stops the build.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Items removed from the package (``icupkg`` names, relative to the package), by pattern.
REMOVED = [
    "*.cnv",  # legacy code-page converters; UTF-8/16/32, ASCII and Latin-1 are built in
    "brkitr/*",  # break iterators: Qt finds text boundaries itself
    "translit/*",  # transliterators
    "rbnf/*",  # numbers spelled out
    "curr/*", "lang/*", "region/*", "unit/*", "zone/*",  # display names, in every language
    "unames.icu",  # Unicode character names
    "*.spp",  # StringPrep profiles (IDNA2003, XMPP, LDAP): Qt has its own IDNA
    "confusables.cfu",  # spoof checks
]
#: Locale data of the main tree (number, date and calendar formats): Qt has its own CLDR
#: tables. ``root.res``, ``pool.res`` and ``res_index.res`` stay: the kept items need them.
LOCALE_ITEM = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res")
KEPT_MAIN = {"root.res", "pool.res", "res_index.res"}


def removed(item: str) -> bool:
    """Whether the package item ``item`` (e.g. ``coll/zh.res``) is left out."""
    if any(fnmatch.fnmatchcase(item, pattern) for pattern in REMOVED):
        return True
    return "/" not in item and LOCALE_ITEM.fullmatch(item) is not None and item not in KEPT_MAIN


def run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd)
    if done.returncode != 0:
        raise SystemExit(f"icu_data: {' '.join(map(str, args))} failed:\n{done.stderr}")
    return done.stdout


def symbol_of(library: Path) -> tuple[str, int]:
    """The data symbol ``library`` exports (``icudtNN_dat``) and its size."""
    for line in run("nm", "-D", "-S", "--defined-only", library).splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[1], 16)
    raise SystemExit(f"icu_data: {library} exports no icudtNN_dat symbol")


def soname_of(library: Path) -> str:
    match = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", run("readelf", "-d", library))
    if match is None:
        raise SystemExit(f"icu_data: {library} has no SONAME")
    return match.group(1)


def extract_package(library: Path, symbol: str, size: int, out: Path) -> None:
    """Copy the common data package out of ``library`` (its .rodata holds only the symbol)."""
    run("objcopy", "-O", "binary", "-j", ".rodata", library, out)
    if out.stat().st_size != size:
        raise SystemExit(f"icu_data: .rodata of {library} is not just {symbol}")


def link_library(package: Path, symbol: str, soname: str, workdir: Path) -> Path:
    source = workdir / "icudata.s"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f"{symbol}:\n\t.incbin \"{package.name}\"\n\t.size {symbol}, . - {symbol}\n"
        "\t.section .note.GNU-stack,\"\",@progbits\n",
        encoding="ascii",
    )
    run("as", "-o", "icudata.o", source.name, cwd=workdir)
    library = workdir / soname
    run("ld", "-shared", "-soname", soname, "-o", soname, "icudata.o", cwd=workdir)
    if symbol_of(library)[0] != symbol or soname_of(library) != soname:
        raise SystemExit(f"icu_data: {library} does not export {symbol} as {soname}")
    return library


def build(library: Path, workdir: Path) -> Path:
    """Write the smaller ``libicudata`` into ``workdir`` and return its path."""
    for tool in ("icupkg", "objcopy", "nm", "readelf", "as", "ld"):
        if shutil.which(tool) is None:
            raise SystemExit(f"icu_data: {tool} is missing (Debian: icu-devtools, binutils)")
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    symbol, size = symbol_of(library)
    # The package's item names start with its name, e.g. icudt73l/ (l: little-endian).
    name = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
    full = workdir / "full" / f"{name}.dat"
    full.parent.mkdir()
    extract_package(library, symbol, size, full)
    items = run("icupkg", "-l", full).split()
    gone = [item for item in items if removed(item)]
    (workdir / "removed.txt").write_text("\n".join(gone) + "\n", encoding="ascii")
    package = workdir / f"{name}.dat"
    run("icupkg", "-r", workdir / "removed.txt", full, package)
    kept = run("icupkg", "-l", package).split()
    if len(kept) != len(items) - len(gone) or not any(i.startswith("coll/zh") for i in kept):
        raise SystemExit(f"icu_data: {package} does not hold the expected items")
    print(f"icu_data: {len(kept)} of {len(items)} items kept, "
          f"{size:,} → {package.stat().st_size:,} bytes", file=sys.stderr)
    return link_library(package, symbol, soname_of(library), workdir)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])))

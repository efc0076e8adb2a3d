"""Pickle cache of the merged knowledge base, so a warm start never imports PyYAML.

`sapassist ask --json` must start within ~130 ms of a bare interpreter; parsing YAML alone
costs more. So `load_kb()` first computes a *fingerprint* — package version, schema
version, the mtimes of the loader's own modules, and path + size + mtime_ns of every
knowledge file in every directory used — and, when the cache file for that list of
directories carries the same fingerprint, unpickles the merged `KnowledgeBase` (plus the
load warnings and problems) instead of reading YAML. Any change to a file, an added or
removed file, or a new version invalidates it.

File layout (in `assistant.paths.cache_dir()`): `kb-<key>.pickle`, where `<key>` is a
checksum of the list of directories, so different `--kb` combinations do not evict each other. Each
file is two pickles (protocol 5): a small header `(MAGIC, fingerprint)` read first, and the
payload, read only when the header matches. Writes go to a temp file + `os.replace`, so a
reader never sees half a file; a corrupt or unreadable cache is treated as a miss and a
cache dir that is not writable only costs the speed-up. `SAPASSIST_NO_CACHE=1` turns it off.

Derived data (e.g. the router's search index): call
`get_derived(result, "search-index-v1", build)` with the `LoadResult` and a function
`build(kb) -> value`. The value is memoised on `result.derived` and stored next to the KB
cache as `kb-<key>.<name>.pickle`, valid for the same fingerprint and the same mtime of
the builder's module (so editing the builder rebuilds it). Keep derived values to plain
data and ids (not `Message` objects), because they are pickled separately from the KB.

The cache lives in the user's own cache directory and is written only by sapassist, so
reading it with `pickle` trusts nothing that the user did not already trust.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assistant import __version__, paths

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.kb.load import LoadResult

SCHEMA_VERSION = 2  # 2: messages as a MessageTable
MAGIC = "sapassist-kb-cache"
PROTOCOL = 5
# the modules whose code shapes the cached base: editing one invalidates the cache
_CODE_FILES = (
    "model.py", "knowledge_base.py", "message_table.py", "yaml_lines.py", "schema.py",
    "parse.py", "layers.py", "load.py", "problem.py", "cache.py",
    "../yamlfile.py", "../safefile.py",
)
_SUFFIXES = (".yaml", ".yml")
MAX_CACHE_BYTES = 1024 * 1024 * 1024  # the 100,000-message benchmark pack caches in ~40 MB
STALE_TMP_SECONDS = 600  # a temp file this old belongs to a writer that was killed
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,80}")

T = TypeVar("T")


def disabled() -> bool:
    return os.environ.get("SAPASSIST_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def _key(text: str) -> str:
    """A short name for a list of directories. Not a check of anything: two lists that
    share a name only take turns in one file (the fingerprint inside names the
    directories). zlib, not hashlib: loading OpenSSL's hashes cost ~4 ms of each start."""
    import zlib

    data = text.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def cache_file(dirs: Sequence[Path | str]) -> Path:
    """The cache file for this list of knowledge directories."""
    key = _key("\n".join(os.path.abspath(d) for d in dirs))
    return paths.cache_dir() / f"kb-{key}.pickle"


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path} missing"
    return f"{path} {st.st_size} {st.st_mtime_ns}"


def _dir_stamps(d: str) -> list[str]:
    try:
        if not os.path.isdir(d):
            return [_stamp(d)]
        with os.scandir(d) as it:
            names = sorted(
                e.name for e in it
                if e.name.lower().endswith(_SUFFIXES) and not e.name.startswith(".")
            )
    except OSError as exc:
        return [f"{d} unreadable {exc.errno}"]
    return [_stamp(os.path.join(d, name)) for name in names]


def fingerprint(dirs: Sequence[Path | str]) -> str:
    """A string that changes whenever anything the merged base depends on changes: the
    stamps themselves (a few KB), compared whole — exact, and no hash module to load."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [MAGIC, __version__, str(SCHEMA_VERSION), sys.version]
    parts += [_stamp(os.path.join(here, name)) for name in _CODE_FILES]
    for d in dirs:
        path = os.path.abspath(d)
        parts.append(f"dir {path}")
        parts += _dir_stamps(path)
    return "\n".join(parts)


def _open(file: Path) -> Any:
    """The cache file through the shared bounded reader: something other than a regular
    file in its place (a FIFO would block `open`) or an oversized one is a miss."""
    from assistant.safefile import open_regular

    return open_regular(file, MAX_CACHE_BYTES, "knowledge-base cache")


def read(file: Path, fp: str) -> dict[str, Any] | None:
    """The cached payload if `file` holds one for fingerprint `fp`, else None (never raises)."""
    try:
        with _open(file) as f:
            if pickle.load(f) != (MAGIC, fp):
                return None
            payload = pickle.load(f)
    except Exception:  # missing, unreadable, truncated, corrupt, from an older layout …
        return None
    from assistant.kb.knowledge_base import KnowledgeBase  # loaded by the unpickling already

    if not isinstance(payload, dict) or not isinstance(payload.get("kb"), KnowledgeBase):
        return None
    return payload


def write(file: Path, header: tuple[Any, ...], payload: Any) -> bool:
    """Write atomically; False (and no exception) when the cache cannot be written."""
    tmp: str | None = None
    try:
        import tempfile

        file.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(file.parent)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f"{file.name}.{os.getpid()}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(header, f, protocol=PROTOCOL)
            pickle.dump(payload, f, protocol=PROTOCOL)
        os.replace(tmp, file)
        return True
    except Exception:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _writer_gone(name: str) -> bool:
    """`kb-….pickle.<pid>.<random>.tmp`: has the process that wrote it ended?"""
    parts = name.split(".")
    pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else 0
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # someone else's process: alive
        return False
    return False


def remove_stale_temporaries(folder: Path, *, older_than: float = STALE_TMP_SECONDS) -> int:
    """Delete `kb-*.pickle.*.tmp` files a killed writer left behind: those whose writer
    has ended, and any older than `older_than` seconds (a live writer's file is seconds
    old). Runs before each cache write. Returns how many; never raises."""
    import time

    removed = 0
    cutoff = time.time() - older_than
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries
                     if e.name.startswith("kb-") and e.name.endswith(".tmp") and ".pickle." in e.name
                     and e.is_file(follow_symlinks=False)
                     and (_writer_gone(e.name) or e.stat(follow_symlinks=False).st_mtime < cutoff)]
    except OSError:
        return 0
    for path in stale:
        try:
            os.unlink(path)
            removed += 1
        except OSError:
            pass
    return removed


def store(file: Path, fp: str, payload: dict[str, Any]) -> bool:
    return write(file, (MAGIC, fp), payload)


def _builder_stamp(builder: Callable[..., Any]) -> str:
    """Stamps of every module in the builder's package: a builder also depends on its
    helpers (e.g. the router index on the stemmer), so editing any of them rebuilds."""
    module = sys.modules.get(getattr(builder, "__module__", "") or "")
    source = getattr(module, "__file__", None)
    name = getattr(builder, "__qualname__", repr(builder))
    if not source:
        return f"{name} nofile"
    folder = os.path.dirname(source)
    try:
        files = sorted(f for f in os.listdir(folder) if f.endswith(".py"))
    except OSError:
        files = [os.path.basename(source)]
    return f"{name} " + " ".join(_stamp(os.path.join(folder, f)) for f in files)


def _derived_place(kb_file: Path, fp: str, name: str,
                   builder: Callable[..., Any]) -> tuple[Path, tuple[Any, ...]]:
    """The file of a derived value next to the KB cache `kb_file`, and the header it must carry."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"derived cache name must match {_NAME.pattern}: {name!r}")
    return kb_file.with_name(f"{kb_file.stem}.{name}.pickle"), (MAGIC, fp, name, _builder_stamp(builder))


_MISS = object()


def _read_derived(file: Path, header: tuple[Any, ...]) -> Any:
    """The value stored under `header`, else `_MISS` (a corrupt file is a miss too)."""
    try:
        with _open(file) as f:
            if pickle.load(f) == header:
                return pickle.load(f)
    except Exception:
        pass
    return _MISS


def peek_derived(dirs: Sequence[Path | str], name: str, builder: Callable[[KnowledgeBase], T]) -> T | None:
    """A derived value for these knowledge directories read straight from its file, without
    unpickling the base itself; None when it is not there or not current (then load the
    base and call `get_derived`). For a command that needs only the small derived data."""
    if disabled():
        return None
    file, header = _derived_place(cache_file(dirs), fingerprint(dirs), name, builder)
    value = _read_derived(file, header)
    return None if value is _MISS else value


def get_derived(result: LoadResult, name: str, builder: Callable[[KnowledgeBase], T]) -> T:
    """Data computed from the KB, cached with it (see the module docstring)."""
    if name in result.derived:
        return result.derived[name]
    if not _NAME.fullmatch(name):
        raise ValueError(f"derived cache name must match {_NAME.pattern}: {name!r}")
    file = None
    header: tuple[Any, ...] = ()
    if result.cache_file is not None and result.fingerprint is not None and not disabled():
        file, header = _derived_place(result.cache_file, result.fingerprint, name, builder)
        value = _read_derived(file, header)
        if value is not _MISS:
            result.derived[name] = value
            return value
    value = builder(result.kb)
    result.derived[name] = value
    if file is not None:
        write(file, header, value)
    return value

"""Engine creation, schema creation and the database URL resolution shared by the app and the CLI."""

from __future__ import annotations

import fcntl
import logging
import math
import os
import sqlite3
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import AddConstraint, DropIndex
from sqlalchemy.sql.ddl import CreateColumn, ExecutableDDLElement

from store.schema import INDEKS_USANG, TABEL_REKAP, meta, metadata, wilayah

ROOT = Path(__file__).resolve().parent.parent
SQLITE_BAWAAN = ROOT / "data" / "pantau.sqlite"
ENV_URL = "PANTAU_DB_URL"


# 16 KiB pages for a new SQLite file (default 4 KiB): fewer, fuller b-tree pages for tables of millions of rows; a
# first load of 10^6 families took 24.1-24.8 s instead of 25.5-27.0 s (BENCHMARKS.md)
PRAGMA_HALAMAN = "PRAGMA page_size=16384"
PRAGMA_CACHE = "PRAGMA cache_size=-65536"  # 64 MiB of SQLite pages per connection (default 2 MiB)
PRAGMA_CACHE_IMPOR = "PRAGMA cache_size=-1048576"  # up to 1 GiB while an import writes (transaksi_impor), taken as pages are touched
_RUSAK = ("malformed", "not a database", "file is encrypted")  # SQLite's words for a damaged file
_BUKAN_GANGGUAN = ("no such table", "no such column", "syntax error")  # programming errors, not outages
_PUTUS = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError, sqlite3.OperationalError)


def _rantai(exc: BaseException):
    """The exception, what SQLAlchemy wrapped (.orig) and its causes, each once."""
    dilihat: set[int] = set()
    tumpuk = [exc]
    while tumpuk:
        e = tumpuk.pop()
        if e is None or id(e) in dilihat:
            continue
        dilihat.add(id(e))
        yield e
        tumpuk += [getattr(e, "orig", None), e.__cause__, e.__context__]


def jenis_gangguan(exc: BaseException) -> str | None:
    """What a failure says about the database: 'db_rusak' for a damaged SQLite file, 'db_putus' for one that
    cannot be reached (refused, down, timed out, locked), None for anything else (a bug, not an outage)."""
    putus = False
    for e in _rantai(exc):
        pesan = str(e).lower()
        if any(k in pesan for k in _BUKAN_GANGGUAN):
            return None
        if isinstance(e, sqlite3.DatabaseError) and any(k in pesan for k in _RUSAK):
            return "db_rusak"
        psycopg_putus = type(e).__module__.startswith("psycopg") and type(e).__name__ in ("OperationalError", "InterfaceError")
        putus = putus or isinstance(e, _PUTUS) or psycopg_putus
    return "db_putus" if putus else None


def url_bawaan() -> str:
    """URL of the embedded default database (SQLite file under data/)."""
    return f"sqlite:///{SQLITE_BAWAAN}"


def url_dari_lingkungan() -> str | None:
    """Database URL from the PANTAU_DB_URL environment variable, if set."""
    return os.environ.get(ENV_URL) or None


def url_terkonfigurasi() -> tuple[str, bool]:
    """(URL, is_embedded_default) for the command line: PANTAU_DB_URL, .streamlit/secrets.toml, else SQLite."""
    url = url_dari_lingkungan()
    rahasia = ROOT / ".streamlit" / "secrets.toml"
    if not url and rahasia.exists():
        url = tomllib.loads(rahasia.read_text()).get("database", {}).get("url")
    return (url, False) if url else (url_bawaan(), True)


def buat_engine(url: str, tunggu: float = 30.0) -> Engine:
    """Create an engine; SQLite gets WAL and a busy timeout (tunggu seconds for another writer's lock) so readers
    and one writer coexist."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": tunggu, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragma(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute(PRAGMA_HALAMAN)  # before WAL: a new file takes it, an existing one keeps its own
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(PRAGMA_CACHE)
            cur.execute("PRAGMA temp_store=MEMORY")  # sorts of GROUP BY and window queries in memory, not temp files
            cur.close()
            try:  # SQLite builds without math functions lack floor(); the queries rely on it
                dbapi_conn.execute("SELECT floor(1.5)")
            except sqlite3.OperationalError:
                dbapi_conn.create_function("floor", 1, lambda x: None if x is None else float(math.floor(x)), deterministic=True)

        return engine
    return create_engine(url, pool_pre_ping=True)


TUNGGU_SEBENTAR = 0.5  # seconds a skippable write waits on SQLite for another writer (a long import) before giving up
_ENGINE_SEBENTAR: dict[str, Engine] = {}


def engine_tanpa_tunggu(engine: Engine) -> Engine:
    """For a write a page may skip (storing what it computed): on a SQLite file an engine on the same file whose
    writes wait at most TUNGGU_SEBENTAR for another writer's lock (this engine waits 30 s, for imports and
    sign-ins), made once per file; on other databases, and in memory, the engine itself."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return engine
    url = engine.url.render_as_string(hide_password=False)
    if url not in _ENGINE_SEBENTAR:
        _ENGINE_SEBENTAR[url] = buat_engine(url, TUNGGU_SEBENTAR)
    return _ENGINE_SEBENTAR[url]


class TambahKolom(ExecutableDDLElement):
    """ALTER TABLE ... ADD COLUMN for a column of the current schema, quoted by the dialect."""

    def __init__(self, kolom: Column):
        self.kolom = kolom


@compiles(TambahKolom)
def _kompilasi_tambah_kolom(elemen: TambahKolom, compiler, **kw) -> str:
    tabel = compiler.preparer.format_table(elemen.kolom.table)
    return "ALTER TABLE " + tabel + " ADD COLUMN " + compiler.process(CreateColumn(elemen.kolom), **kw)


def buat_skema(engine: Engine) -> list[str]:
    """Create or migrate: every missing table and index is created, columns added since a database
    was made are added (nullable, so existing rows stay valid). Idempotent; returns what was added."""
    metadata.create_all(engine)
    ditambah = []
    periksa = inspect(engine)
    with engine.begin() as conn:
        for tabel in metadata.sorted_tables:
            ada = {c["name"] for c in periksa.get_columns(tabel.name)}
            if tabel.name in TABEL_REKAP and _rekap_lain(conn, periksa, tabel, ada):  # a rollup of older make: made anew, rebuilt by rekap.pastikan
                tabel.drop(conn)
                tabel.create(conn)
                conn.execute(meta.delete().where(meta.c.kunci == "versi_rekap"))
                ditambah.append(f"{tabel.name} (dibuat ulang)")
                continue
            for kolom in tabel.columns:
                if kolom.name not in ada:
                    if not kolom.nullable:
                        raise RuntimeError(f"kolom wajib {tabel.name}.{kolom.name} tidak dapat ditambahkan ke tabel yang sudah ada")
                    conn.execute(TambahKolom(kolom))
                    ditambah.append(f"{tabel.name}.{kolom.name}")
        for tabel in metadata.sorted_tables:
            ditambah += _lebarkan(conn, periksa, tabel)
            indeks_ada = {i["name"] for i in periksa.get_indexes(tabel.name)}
            for nama in INDEKS_USANG.get(tabel.name, ()):
                if nama in indeks_ada:
                    conn.execute(DropIndex(Index(nama)))
                    ditambah.append(f"indeks {nama} (dihapus)")
            for indeks in tabel.indexes:
                if indeks.name not in indeks_ada:
                    indeks.create(conn)
                    ditambah.append(f"indeks {indeks.name}")
    return ditambah


def _rekap_lain(conn: Connection, periksa, tabel: Table, kolom_ada: set[str]) -> bool:
    """Whether a stored rollup differs from its definition: other columns, another key (columns in order) or, in
    SQLite, another storage (a rowid table where the definition says WITHOUT ROWID)."""
    if kolom_ada != {c.name for c in tabel.columns}:
        return True
    if periksa.get_pk_constraint(tabel.name)["constrained_columns"] != [c.name for c in tabel.primary_key.columns]:
        return True
    if conn.dialect.name != "sqlite" or tabel.dialect_options["sqlite"]["with_rowid"]:
        return False
    sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": tabel.name}).scalar() or ""
    return "WITHOUT ROWID" not in sql.upper()


def _lebarkan(conn: Connection, periksa, tabel: Table) -> list[str]:
    """Widen text columns a newer schema made longer (PostgreSQL enforces the length; SQLite does not)."""
    if conn.dialect.name != "postgresql":
        return []
    hasil = []
    lama = {c["name"]: c["type"] for c in periksa.get_columns(tabel.name)}
    for kolom in tabel.columns:
        panjang_baru = getattr(kolom.type, "length", None)
        panjang_lama = getattr(lama.get(kolom.name), "length", None)
        if isinstance(kolom.type, String) and panjang_baru and panjang_lama and panjang_lama < panjang_baru:
            conn.execute(UbahPanjang(kolom))
            hasil.append(f"{tabel.name}.{kolom.name} ({panjang_lama} -> {panjang_baru})")
    return hasil


class UbahPanjang(ExecutableDDLElement):
    """ALTER TABLE ... ALTER COLUMN ... TYPE for a text column of the current schema (PostgreSQL)."""

    def __init__(self, kolom: Column):
        self.kolom = kolom


@compiles(UbahPanjang)
def _kompilasi_ubah_panjang(elemen: UbahPanjang, compiler, **kw) -> str:
    kolom = elemen.kolom
    tipe = compiler.dialect.type_compiler_instance.process(kolom.type)
    return "ALTER TABLE " + compiler.preparer.format_table(kolom.table) + " ALTER COLUMN " + compiler.preparer.format_column(kolom) + " TYPE " + tipe


def skema_ada(engine: Engine) -> bool:
    return inspect(engine).has_table("wilayah")


def kosong(engine: Engine) -> bool:
    """True when the database has no areas loaded."""
    if not skema_ada(engine):
        return True
    with engine.connect() as conn:
        return conn.execute(select(wilayah.c.kode).limit(1)).first() is None


def baca_meta(engine: Engine) -> dict[str, str]:
    if not skema_ada(engine):
        return {}
    with engine.connect() as conn:
        return {r.kunci: r.nilai for r in conn.execute(select(meta))}


def tulis_meta(conn, nilai: dict[str, str]) -> None:
    """Upsert key/value facts about the database inside the caller's transaction."""
    for kunci, isi in nilai.items():
        conn.execute(meta.delete().where(meta.c.kunci == kunci))
        conn.execute(meta.insert().values(kunci=kunci, nilai=str(isi)))


POTONG_IN = 900  # values per IN (...) list or per batch of bound rows: below SQLite's bound-parameter limit
BARIS_PER_TULIS = 5000  # rows per INSERT batch
POTONG_BACA = 5000  # keys per IN (...) list of a bulk read
POTONG_EKSPRESI = 200  # OR-ed conditions per statement: below SQLite's expression depth


def potong(daftar: Sequence, ukuran: int = POTONG_IN) -> Iterator[Sequence]:
    """Consecutive slices of at most ukuran items: IN (...) lists below SQLite's parameter limit, insert batches,
    or reads whose memory must stay bounded. The one chunking helper of the write side."""
    for i in range(0, len(daftar), ukuran):
        yield daftar[i : i + ukuran]


def salah_satu(kolom, nilai: Sequence):
    """PostgreSQL: kolom equal to one of these values, as one bound array (= ANY): one statement for any number of
    keys, which an index serves, where chunked IN lists cost a statement and a compilation each."""
    return kolom == any_(bindparam(None, list(nilai), type_=ARRAY(kolom.type)))


def di_antara(kolom, nilai: Sequence, larik: bool):
    """kolom in nilai: one bound array (larik, PostgreSQL only, see salah_satu) or an IN list."""
    return salah_satu(kolom, nilai) if larik else kolom.in_(nilai)


def per_kunci(conn: Connection, kolom, nilai: Sequence, ukuran: int = POTONG_IN) -> Iterator:
    """The condition `kolom in nilai` in as few statements as the database allows: one bound array on PostgreSQL,
    IN lists of at most ukuran values on SQLite (its bound-parameter limit)."""
    if conn.dialect.name == "postgresql":
        if len(nilai):
            yield salah_satu(kolom, nilai)
        return
    for bagian in potong(nilai, ukuran):
        yield kolom.in_(bagian)


def sisipkan_banyak(conn: Connection, tabel: Table, baris: list[dict]) -> None:
    """Insert many new rows (dicts with the same keys, values already typed) by the driver's fastest path:
    COPY on PostgreSQL, the driver's own executemany on SQLite. Same rows as tabel.insert(), inside the
    caller's transaction."""
    if baris:  # column by column: one list comprehension per column instead of a generator per row
        sisipkan_kolom(conn, tabel, {k: [r[k] for r in baris] for k in baris[0]})


# PostgreSQL's binary COPY: the type each column's values are sent as (SmallInteger before Integer, its parent class)
TIPE_BINER = ((SmallInteger, "int2"), (BigInteger, "int8"), (Integer, "int4"), (Float, "float8"), (DateTime, "timestamp"), (Date, "date"), (String, "text"))


def _tipe_biner(tabel: Table, kolom: list[str]) -> list[str] | None:
    """The binary COPY type of each column, None when one has a type not in TIPE_BINER."""
    tipe = [next((nama for jenis, nama in TIPE_BINER if isinstance(tabel.c[k].type, jenis)), None) for k in kolom]
    return None if None in tipe else tipe


def sisipkan_kolom(conn: Connection, tabel: Table, kolom: dict[str, list], biner: bool = False) -> None:
    """sisipkan_banyak of rows given as columns (lists of equal length, values already typed). biner: on PostgreSQL
    in COPY's binary format, for values that are exactly Python's int, float, str, date, datetime or None of the
    columns' types (the server then parses no text: a first load's submissions went in 2-2.5 times as fast)."""
    if not kolom or not len(next(iter(kolom.values()))):
        return
    if conn.dialect.name == "postgresql":
        from psycopg import sql

        tipe = _tipe_biner(tabel, list(kolom)) if biner else None
        perintah = sql.SQL("COPY {} ({}) FROM STDIN" + (" (FORMAT BINARY)" if tipe else "")).format(
            sql.Identifier(tabel.name), sql.SQL(", ").join(sql.Identifier(k) for k in kolom)
        )
        with conn.connection.driver_connection.cursor() as cur, cur.copy(perintah) as salin:
            if tipe:
                salin.set_types(tipe)
            for r in zip(*kolom.values(), strict=True):
                salin.write_row(r)
        return
    perintah = tabel.insert().compile(dialect=conn.dialect, column_keys=list(kolom))
    urutan = list(perintah.positiontup)  # the order of the statement's ? placeholders
    kolom_nilai = []
    for k in urutan:
        nilai = kolom[k]
        if isinstance(tabel.c[k].type, Date):  # stored as ISO text, as SQLAlchemy's SQLite DATE does (a campaign has few days: each formatted once)
            teks = {v: v.isoformat() for v in set(nilai) if v is not None}
            nilai = [None if v is None else teks[v] for v in nilai]
        elif isinstance(tabel.c[k].type, DateTime):  # the text sqlite3's own adapter writes, made here: its per-value call cost 1.5-3 s per million
            nilai = [v.isoformat(" ") if type(v) is datetime else v for v in nilai]
        kolom_nilai.append(nilai)
    conn.exec_driver_sql(perintah.string, list(zip(*kolom_nilai, strict=True)))


@contextmanager
def transaksi_impor(engine: Engine) -> Iterator[Connection]:
    """An import's transaction. On SQLite its connection's page cache is PRAGMA_CACHE_IMPOR while it runs and
    PRAGMA_CACHE again after the commit: a first load of 10^6 families writes about 600 MB, and with 64 MiB its
    pages went out to the WAL and back several times before the commit (a load took 1.2 s longer)."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute(PRAGMA_CACHE_IMPOR)  # no statement through SQLAlchemy: begin() below opens the transaction
        try:
            with conn.begin():
                yield conn
        finally:
            if sqlite and not conn.invalidated:
                conn.connection.driver_connection.execute(PRAGMA_CACHE)


@contextmanager
def indeks_ditunda(conn: Connection, tabel: Table, ya: bool = True, kosong: bool = False) -> Iterator[None]:
    """A bulk load: the table's indexes are dropped while its rows go in and built once after (one sort instead of
    a b-tree insert per row). Inside the caller's transaction: a failed load rolls the indexes back with the rows.

    SQLite: the secondary indexes (a table WITHOUT ROWID is its primary key); readers see neither state.
    PostgreSQL: only with kosong, a load into a table that held no rows, by a caller holding the whole import lock
    (kunci_impor), and the primary key too. Dropping takes the table's exclusive lock: until the commit,
    readers of it wait instead of seeing the empty table, and no other import can have read it (two imports both
    waiting to drop would deadlock). A table with rows keeps its indexes, so readers are never kept waiting on one."""
    if not (ya and {"sqlite": True, "postgresql": kosong}.get(conn.dialect.name, False)):
        yield
        return
    kunci_utama = None
    if conn.dialect.name == "postgresql" and tabel.primary_key.columns:
        kunci_utama = inspect(conn).get_pk_constraint(tabel.name)["name"]
    for indeks in tabel.indexes:
        indeks.drop(conn)
    if kunci_utama:
        siapkan = conn.dialect.identifier_preparer  # names from the schema and the catalog, quoted
        conn.execute(text("ALTER TABLE " + siapkan.format_table(tabel) + " DROP CONSTRAINT " + siapkan.quote(kunci_utama)))
    yield
    if kunci_utama:
        # unnamed, as CREATE TABLE made it (PostgreSQL names it <table>_pkey again); not isolated, or later CREATE TABLEs would leave it out
        conn.execute(AddConstraint(tabel.primary_key, isolate_from_table=False))
    for indeks in tabel.indexes:
        indeks.create(conn)


KUNCI_IMPOR = 73172022  # PostgreSQL advisory-lock key: whole (one writer) or shared (by imports that lock provinces)
KUNCI_PROVINSI = 7317  # first key of the two-key advisory locks on a province; the second is its code
MENUNGGU = "menunggu impor lain selesai"
log = logging.getLogger("pantau.impor")


class PerluKunciPenuh(Exception):
    """An import holding only some provinces' locks met work that spans the whole database (a rollup to rebuild
    for every area, or a row another import holds): it is rolled back and runs again under the whole lock."""


def _tunggu(conn: Connection, coba: str, tunggu: str, param: dict, kemajuan: Callable[[str, int, int], None] | None) -> None:
    if not conn.execute(text(coba), param).scalar():
        log.info("impor menunggu: impor lain sedang berjalan")
        if kemajuan:
            kemajuan(MENUNGGU, 0, 1)
        conn.execute(text(tunggu), param)


def kunci_impor(conn: Connection, kemajuan: Callable[[str, int, int], None] | None = None) -> None:
    """On PostgreSQL, wait in line for the whole import lock, held until the caller's transaction ends: no other
    import or withdrawal runs beside this one. Whoever waits is told through kemajuan."""
    if conn.dialect.name != "postgresql":
        return
    _tunggu(conn, "SELECT pg_try_advisory_xact_lock(:k)", "SELECT pg_advisory_xact_lock(:k)", {"k": KUNCI_IMPOR}, kemajuan)


def kunci_bersama(conn: Connection, kemajuan: Callable[[str, int, int], None] | None = None) -> None:
    """PostgreSQL: the import lock shared, with other imports that lock their provinces (kunci_provinsi), until
    the transaction ends. It waits while a whole-lock holder (reference tables, withdrawals) runs, and keeps
    one from starting, so the reference tables and schedule stay as read."""
    _tunggu(conn, "SELECT pg_try_advisory_xact_lock_shared(:k)", "SELECT pg_advisory_xact_lock_shared(:k)", {"k": KUNCI_IMPOR}, kemajuan)


def kunci_provinsi(conn: Connection, provinsi: list[str], kemajuan: Callable[[str, int, int], None] | None = None) -> None:
    """PostgreSQL: each of these provinces' locks (two-digit codes), in code order, until the transaction ends.
    Imports under other provinces run beside; one under the same province waits. (Taken in one order by every
    importer, so two never wait on each other; a later addition out of order can deadlock, which PostgreSQL
    breaks by failing one, and that one runs again under the whole lock.)"""
    for kode in sorted(provinsi):
        param = {"a": KUNCI_PROVINSI, "b": int(kode)}
        _tunggu(conn, "SELECT pg_try_advisory_xact_lock(:a, :b)", "SELECT pg_advisory_xact_lock(:a, :b)", param, kemajuan)


@contextmanager
def antrean_sqlite(engine: Engine, kemajuan: Callable[[str, int, int], None] | None = None) -> Iterator[None]:
    """On a SQLite file, wait in line (a lock file beside the database) for as long as another import writes,
    instead of failing after the busy timeout. Nothing on PostgreSQL (see kunci_impor)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    with open(str(path) + ".impor.lock", "a") as berkas:
        try:
            fcntl.flock(berkas, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("impor menunggu: impor lain sedang berjalan")
            if kemajuan:
                kemajuan(MENUNGGU, 0, 1)
            fcntl.flock(berkas, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(berkas, fcntl.LOCK_UN)

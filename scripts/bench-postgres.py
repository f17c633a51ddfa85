#!/usr/bin/env python3
"""Benchmark of the fleet shipper (release build) against a throwaway PostgreSQL 15 cluster,
printing medians of several runs. Run as root (the cluster runs as the postgres user) or as
a user who may run initdb.

  scripts/bench-postgres.py [--runs 3] [--files 5000]

Per run, on a fresh state dir and a fresh database: the seeds made unique (as in
bench-daemon.py) dropped at once into a running daemon with [postgres] url set. Reports
ingest throughput (first drop to last archive), the time until the database holds every
record (lag 0), records shipped per second after the ingest ended, peak RSS, and the
database's size for those records against records/. A run with the shipper off gives the
ingest throughput to compare. Asserts nothing.
"""
import argparse, importlib.util, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("bench", os.path.join(ROOT, "scripts", "bench-daemon.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
PG = "/usr/lib/postgresql/15/bin"


def as_postgres(cmd):
    return (["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []) + cmd


class Cluster:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="ingestd-pgbench-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = os.path.join(self.dir, "data")
        q = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, close_fds=True)
        subprocess.run(as_postgres([PG + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]), **q)
        # the server's defaults (fsync on): shipping is measured against a durable database
        subprocess.run(as_postgres([PG + "/pg_ctl", "-D", data, "-o", "-k %s -c listen_addresses=''" % self.dir,
                                    "-l", os.path.join(self.dir, "log"), "-w", "start"]), **q)
        subprocess.run(as_postgres([PG + "/createdb", "-h", self.dir, "-U", "postgres", "fleet"]), **q)
        self.url = "postgres://postgres@/fleet?host=%s" % self.dir

    def scalar(self, sql):
        out = subprocess.run(as_postgres(["psql", "-h", self.dir, "-U", "postgres", "-d", "fleet", "-XAt", "-c", sql]),
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def close(self):
        subprocess.run(as_postgres([PG + "/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def one(files, fleet):
    cluster = Cluster() if fleet else None
    if cluster:
        os.environ["INGESTD_POSTGRES_URL"] = cluster.url
    else:
        os.environ.pop("INGESTD_POSTGRES_URL", None)
    tmp = tempfile.mkdtemp(prefix="ingestd-bench-")
    state = os.path.join(tmp, "var")
    p = bench.start(state)
    staging = os.path.join(tmp, "staging")
    os.makedirs(staging)
    for i in range(files):
        with open(os.path.join(staging, "p%05d.txt" % i), "wb") as f:
            f.write(bench.page(300000 + i))
    t0 = time.monotonic()
    for i in range(files):
        os.rename(os.path.join(staging, "p%05d.txt" % i), os.path.join(state, "inbox", "p%05d.txt" % i))
    t1 = bench.wait_archived(state, files)
    result = {"files_per_s": files / (t1 - t0)}
    if cluster:
        while True:
            pg = (bench.status(state) or {}).get("postgres", {})
            if pg.get("state") == "connected" and pg.get("lag_records") == 0:
                break
            time.sleep(0.02)
        t2 = time.monotonic()
        records = bench.articles(state)
        result.update(shipped_all_s=t2 - t0, after_ingest_s=t2 - t1,
                      records_per_s=records / (t2 - t0),
                      db_bytes=int(cluster.scalar("SELECT pg_total_relation_size('ingestd.records') + pg_total_relation_size('ingestd.sources')")),
                      records_bytes=sum(os.path.getsize(os.path.join(state, "records", f)) for f in os.listdir(os.path.join(state, "records"))),
                      stored=int(cluster.scalar("SELECT count(*) FROM ingestd.records")), records=records)
    result["rss_kib"] = bench.peak_rss_kib(p.pid)
    bench.stop(p)
    shutil.rmtree(tmp)
    if cluster:
        cluster.close()
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--files", type=int, default=5000)
    a = ap.parse_args()
    if not os.path.exists(bench.BIN):
        sys.exit("build it first: swift build -c release")
    off, on = [], []
    for _ in range(a.runs):
        off.append(one(a.files, False))
        on.append(one(a.files, True))
    med = lambda rows, k: statistics.median(r[k] for r in rows)
    print("%d pages per run, %d runs (medians; runs alternate off/on)" % (a.files, a.runs))
    print("ingest, shipper off: %.0f files/s, peak RSS %.1f MiB" % (med(off, "files_per_s"), med(off, "rss_kib") / 1024))
    print("ingest, shipper on:  %.0f files/s, peak RSS %.1f MiB" % (med(on, "files_per_s"), med(on, "rss_kib") / 1024))
    print("all %d records in PostgreSQL %.1f s after the first drop (%.1f s after the last archive): %.0f records/s shipped"
          % (on[0]["records"], med(on, "shipped_all_s"), med(on, "after_ingest_s"), med(on, "records_per_s")))
    print("stored once: %s; database %.1f MiB for %.1f MiB of records/ (%.2fx)"
          % (all(r["stored"] == r["records"] for r in on), med(on, "db_bytes") / 1048576, med(on, "records_bytes") / 1048576,
             med(on, "db_bytes") / med(on, "records_bytes")))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark of the running daemon (release build), printing medians of several runs.

  scripts/bench-daemon.py [--runs 3] [--files 5000] [--backlog 20000] [--latency 50]

Throughput: a corpus of realistic pages (the seeds, each made unique by an issue-number
line) dropped at once into a running daemon; files/s, MB/s and articles/s from the first
drop to the last archive. Latency: single files renamed into an idle daemon, time until
the source is archived (its records are durable before that). Backlog: the daemon
started on an inbox already holding N files; drain time and peak RSS (VmHWM).
Asserts nothing: targets are read from the output.
"""
import argparse, json, os, shutil, signal, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "ingestd")
SEEDS = sorted(os.path.join(ROOT, "seeds", f) for f in os.listdir(os.path.join(ROOT, "seeds")) if f.endswith(".txt"))
SEED_BYTES = [open(p, "rb").read() for p in SEEDS]


def page(n):
    return ("第%d期\n\n" % n).encode() + SEED_BYTES[n % len(SEED_BYTES)]


def status(state):
    try:
        with open(os.path.join(state, "status.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def start(state, workers=None):
    env = dict(os.environ, INGESTD_STATUS_INTERVAL_S="0.2", INGESTD_SETTLE_S="0")
    env.pop("NOTIFY_SOCKET", None)
    if workers:
        env["INGESTD_WORKERS"] = str(workers)
    p = subprocess.Popen([BIN, "run", "--state-dir", state], env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    while True:
        s = status(state)
        if s and s.get("state") == "running" and s.get("pid") == p.pid:
            return p
        if p.poll() is not None:
            sys.exit("daemon exited early")
        time.sleep(0.01)


def stop(p):
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=60)


def peak_rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def archived(state):
    n = 0
    for _, _, files in os.walk(os.path.join(state, "archive")):
        n += len(files)
    return n


def articles(state):
    n = 0
    d = os.path.join(state, "records")
    for f in os.listdir(d):
        with open(os.path.join(d, f), "rb") as fh:
            n += sum(1 for _ in fh)
    return n


def done_count(state):
    s = status(state) or {}
    c = s.get("counters", {})
    return c.get("files_ingested", 0) + c.get("duplicates", 0) + c.get("failed", 0)


def wait_archived(state, count, timeout=1800):
    """Polls status.json (cheap, refreshed every 0.5 s) until `count` files are done, then
    confirms with the archive; the end time is the first poll that saw the last file."""
    end = time.monotonic() + timeout
    while done_count(state) < count:
        if time.monotonic() > end:
            sys.exit("timed out: %d of %d done" % (done_count(state), count))
        time.sleep(0.02)
    t = time.monotonic()
    if archived(state) < count:
        sys.exit("status counted %d files but fewer are archived" % count)
    return t


def throughput(files):
    tmp = tempfile.mkdtemp(prefix="ingestd-bench-")
    state = os.path.join(tmp, "var")
    p = start(state)
    staging = os.path.join(tmp, "staging")
    os.makedirs(staging)
    total = 0
    for i in range(files):
        data = page(i)
        total += len(data)
        with open(os.path.join(staging, "p%05d.txt" % i), "wb") as f:
            f.write(data)
    t0 = time.monotonic()
    for i in range(files):
        os.rename(os.path.join(staging, "p%05d.txt" % i), os.path.join(state, "inbox", "p%05d.txt" % i))
    t1 = wait_archived(state, files)
    rss = peak_rss_kib(p.pid)
    stop(p)
    secs = t1 - t0
    result = (files / secs, total / secs / 1048576, articles(state) / secs, rss)
    shutil.rmtree(tmp)
    return result


def latency(samples):
    tmp = tempfile.mkdtemp(prefix="ingestd-bench-")
    state = os.path.join(tmp, "var")
    p = start(state)
    staging = os.path.join(tmp, "staging")
    os.makedirs(staging)
    times = []
    for i in range(samples):
        src = os.path.join(staging, "l%d.txt" % i)
        with open(src, "wb") as f:
            f.write(page(100000 + i))
        before = archived(state)
        t0 = time.monotonic()
        os.rename(src, os.path.join(state, "inbox", "l%d.txt" % i))
        while archived(state) == before:
            time.sleep(0.0002)
        times.append((time.monotonic() - t0) * 1000)
        time.sleep(0.05)
    stop(p)
    shutil.rmtree(tmp)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def backlog(files):
    tmp = tempfile.mkdtemp(prefix="ingestd-bench-")
    state = os.path.join(tmp, "var")
    inbox = os.path.join(state, "inbox")
    os.makedirs(inbox)
    for i in range(files):
        with open(os.path.join(inbox, "b%05d.txt" % i), "wb") as f:
            f.write(page(200000 + i))
    t0 = time.monotonic()
    p = start(state)
    t1 = wait_archived(state, files)
    rss = peak_rss_kib(p.pid)
    stop(p)
    shutil.rmtree(tmp)
    return t1 - t0, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--backlog", type=int, default=20000)
    ap.add_argument("--latency", type=int, default=50)
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: swift build -c release")
    print("ingestd daemon benchmark: %d cores, corpus of %d seed pages (mean %.1f KB), medians of %d runs"
          % (os.cpu_count(), len(SEEDS), sum(map(len, SEED_BYTES)) / len(SEED_BYTES) / 1024, a.runs))
    t = [throughput(a.files) for _ in range(a.runs)]
    print("throughput, %d files dropped at once: %.0f files/s, %.1f MB/s, %.0f articles/s, peak RSS %.1f MiB   [files/s: %s]"
          % (a.files, statistics.median(x[0] for x in t), statistics.median(x[1] for x in t), statistics.median(x[2] for x in t),
             statistics.median(x[3] for x in t) / 1024, " ".join("%.0f" % x[0] for x in t)))
    l = [latency(a.latency) for _ in range(a.runs)]
    print("latency, single file rename → archived (records durable): p50 %.2f ms, p95 %.2f ms   [p50s: %s]"
          % (statistics.median(x[0] for x in l), statistics.median(x[1] for x in l), " ".join("%.2f" % x[0] for x in l)))
    b = [backlog(a.backlog) for _ in range(a.runs)]
    print("backlog of %d files at start: drained in %.1f s (%.0f files/s), peak RSS %.1f MiB   [seconds: %s]"
          % (a.backlog, statistics.median(x[0] for x in b), a.backlog / statistics.median(x[0] for x in b),
             statistics.median(x[1] for x in b) / 1024, " ".join("%.1f" % x[0] for x in b)))


if __name__ == "__main__":
    main()

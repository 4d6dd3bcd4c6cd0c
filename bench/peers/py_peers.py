#!/usr/bin/python3
# The peers of bench/peers/run.sh that Debian's Python reaches: SQLite (the sqlite3 module) and
# pandas/numpy. The same two questions as window_link_peer on the same CSV files:
#   Q1 window linkage: Σ over tickets of their account's events in [created_at − DAYS, created_at)
#   Q2 weekly active accounts: Σ over weeks (Monday 00:00 UTC) of week_index × distinct accounts,
#      week_index = floor((epoch(ts) − 345600) / 604800)
# Usage: /usr/bin/python3 py_peers.py sqlite|pandas DIR [DAYS] [REPEAT]. Prints one JSON line.
import json
import sqlite3
import sys
import time

mode, data = sys.argv[1], sys.argv[2]
days = int(sys.argv[3]) if len(sys.argv) > 3 else 7
repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 3
window = days * 86400


def best_of(fn):
    best, value = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t0)
    return best, value


if mode == "sqlite":
    import csv
    t0 = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE events (account_id TEXT, ts INTEGER, name TEXT)")
    db.execute("CREATE TABLE tickets (ticket_id TEXT, account_id TEXT, created_at INTEGER)")
    with open(f"{data}/events.csv", newline="") as f:
        r = csv.reader(f)
        next(r)
        db.executemany("INSERT INTO events VALUES (?, CAST(strftime('%s', ?) AS INTEGER), ?)",
                       ((a, t, n) for t, a, n in r))
    with open(f"{data}/tickets.csv", newline="") as f:
        r = csv.reader(f)
        next(r)
        db.executemany("INSERT INTO tickets VALUES (?, ?, CAST(strftime('%s', ?) AS INTEGER))", r)
    db.execute("CREATE INDEX events_account_ts ON events (account_id, ts)")
    load_s = time.perf_counter() - t0
    q1_s, total = best_of(lambda: db.execute(
        "SELECT count(*) FROM tickets t JOIN events e ON e.account_id = t.account_id "
        "AND e.ts >= t.created_at - ? AND e.ts < t.created_at", (window,)).fetchone()[0])
    q2_s, wau = best_of(lambda: db.execute(
        "SELECT sum(w * n) FROM (SELECT (ts - 345600) / 604800 AS w, count(DISTINCT account_id) AS n "
        "FROM events GROUP BY w)").fetchone()[0])
    version = "SQLite " + sqlite3.sqlite_version
elif mode == "pandas":
    import numpy as np
    import pandas as pd
    t0 = time.perf_counter()
    ev = pd.read_csv(f"{data}/events.csv", dtype={"account_id": "string", "name": "category"})
    tk = pd.read_csv(f"{data}/tickets.csv", dtype={"ticket_id": "string", "account_id": "string"})
    ev["ts"] = pd.to_datetime(ev["ts"], utc=True).astype("int64") // 10**9
    tk["created_at"] = pd.to_datetime(tk["created_at"], utc=True).astype("int64") // 10**9
    load_s = time.perf_counter() - t0

    def q1():
        # Accounts as integer codes shared by both frames; key = code × 2^40 + ts, sorted: each
        # ticket's window is one searchsorted range.
        codes, uniques = pd.factorize(pd.concat([ev["account_id"], tk["account_id"]], ignore_index=True))
        ek = np.sort(codes[: len(ev)].astype(np.int64) * (1 << 40) + ev["ts"].to_numpy())
        tc = codes[len(ev):].astype(np.int64) * (1 << 40)
        c = tk["created_at"].to_numpy()
        return int((np.searchsorted(ek, tc + c, "left") - np.searchsorted(ek, tc + c - window, "left")).sum())

    def q2():
        w = (ev["ts"] - 345600) // 604800
        n = ev.groupby(w)["account_id"].nunique()
        return int((n.index.to_numpy() * n.to_numpy()).sum())

    q1_s, total = best_of(q1)
    q2_s, wau = best_of(q2)
    version = f"pandas {pd.__version__}, numpy {np.__version__}"
else:
    sys.exit("usage: py_peers.py sqlite|pandas DIR [DAYS] [REPEAT]")

print(json.dumps({"version": version, "load_s": load_s, "query_s": q1_s, "total": str(total),
                  "wau_s": q2_s, "wau_checksum": str(wau)}))

"""The dev cluster's CPU accounting (what scripts/bench_import.py prints for the server side):
it counts backends while they run and after they have exited, and never goes back."""

from __future__ import annotations

import time

import psycopg

BUSY = "SELECT sum(i) FROM generate_series(1, 4000000) AS i"  # about 0.3 s of server CPU


def test_server_cpu_counts_running_and_finished_backends(dev_cluster):
    before = dev_cluster.cpu_seconds()
    assert before is not None and before > 0
    with psycopg.connect(dev_cluster.admin_conninfo()) as conn:
        conn.execute(BUSY).fetchone()
        while_connected = dev_cluster.cpu_seconds()   # the backend is still alive
    assert while_connected - before >= 0.1
    time.sleep(0.5)                                  # the postmaster reaps the backend
    after_exit = dev_cluster.cpu_seconds()           # its time now in the reaped children's
    assert after_exit >= while_connected - 0.02     # (clock ticks round: 10 ms each)

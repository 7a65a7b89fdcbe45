"""The benchmark harness in its tiniest mode: it runs end to end and writes well-formed results.

The numbers of a toy run mean nothing, so nothing here looks at how fast anything was: only
that every measurement is present, counted and internally consistent, that the runs it drove
really happened (a completed sync, a console that quit by itself), and that it cleaned up.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "run.py"
GOALS = ("cold_start_ratio", "filter_p95_ms", "typing_filter_p95_ms", "typing_final_frames_wrong",
         "page_down_p95_ms", "page_down_anywhere_p95_ms", "memory_ratio", "sync_ratio",
         "sync_429_share", "ui_stall_ms", "worst_window_ms", "refresh_ratio",
         "refresh_changes_missing")


def _load(name: str):
    """A benchmarks module under a private name (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", ROOT / "benchmarks" /
                                                  f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_percentile_interpolates_between_ranks() -> None:
    common = _load("common")
    assert common.percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0
    assert common.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) == pytest.approx(4.8)
    assert common.percentile([7.0], 0.95) == 7.0
    assert math.isnan(common.percentile([], 0.5))
    stats = common.summary([0.010, 0.020, 0.030], scale=1000)
    assert stats == {"n": 3, "median": 20.0, "p95": 29.0, "min": 10.0, "max": 30.0}


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    results = out / "results.json"
    work = out / "work"
    process = subprocess.run(
        [sys.executable, str(RUN), "--tiny", "--output", str(results), "--workdir", str(work)],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert process.returncode == 0, process.stderr[-3000:]
    return json.loads(results.read_text(encoding="utf-8")), process.stdout, work


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@pytest.mark.slow
def test_tiny_run_writes_every_measurement(tiny_run) -> None:
    results, _, _ = tiny_run
    assert results["schema"] == 1 and results["mode"] == "tiny"
    # The commit measured and whether the tree had changes, and when.
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    assert results["git"]["commit"] == head
    assert isinstance(results["git"]["dirty"], bool)
    assert results["started_at"].startswith(("20",)) and results["started_at"].endswith("Z")
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["cpu"]
    from importlib import metadata

    assert machine["textual"] == metadata.version("textual")

    start = results["cold_start"]
    for program in ("console_s", "minimal_s", "datatable_s"):
        assert start[program]["n"] == 1 and start[program]["median"] > 0
    assert start["ratio_console_to_minimal"] == pytest.approx(
        start["console_s"]["median"] / start["minimal_s"]["median"], rel=1e-2)

    ui = results["interaction"]
    # One word of two letters: two keys typed, two erased, on each cache.
    assert ui["filter_ms"]["big_cache"]["n"] == 4
    assert ui["filter_ms"]["small_cache"]["n"] == 4
    for name in ("customers", "all_subscriptions"):
        assert ui["page_down_at_bottom_ms"][name]["n"] == 1
        window = ui["window_query_ms"][name]
        assert window["rows"] > 0 and all(_number(window[k]) for k in ("top", "middle", "bottom"))
    assert ui["echo_baseline_ms"]["n"] == 2
    # At typing speed: "šu" and "zq" typed and erased on both lists of the big cache, every
    # key timed, and the final frame of each of the four bursts shows the filter's rows.
    typing = ui["typing_speed_ms"]
    for name in ("customers", "all_subscriptions"):
        assert typing[name]["n"] == 8
        assert typing[name]["bursts"] == 4
        assert typing[name]["failures"] == []
        assert typing[name]["final_frames_correct"] == 4
        # never two keys closer than 30 ms
        assert typing[name]["key_interval_ms"]["min"] >= 30
    # Page down at the top, the middle (reached by dragging the scrollbar) and the bottom.
    for name in ("customers", "all_subscriptions"):
        places = ui["page_down_ms"][name]
        assert {where: places[where]["n"] for where in places} == {
            "top": 1, "middle": 1, "bottom": 1}
        assert _number(ui["jump_to_middle_ms"][name])
    # The drag put the cursor well below the first page of 120 customers.
    assert 20 <= ui["jump_to_middle_ms"]["customer_row_reached"] <= 100
    memory = ui["memory"]
    assert memory["peak_rss_mb_big"] > 0 and memory["peak_rss_mb_small"] > 0
    assert memory["ratio"] == pytest.approx(
        memory["peak_rss_mb_big"] / memory["peak_rss_mb_small"], rel=1e-2)


@pytest.mark.slow
def test_tiny_run_really_synced(tiny_run) -> None:
    results, _, _ = tiny_run
    sync = results["sync"]
    world = sync["world"]
    # the goal's shape: every listed customer has exactly five subscriptions
    assert world["customers_listed"] > 0
    assert world["subscriptions_listed"] == 5 * world["customers_listed"]
    for run in ("headless", "console"):
        outcome = sync[run]
        assert outcome["status"] == "ok"
        assert outcome["customers_listed"] == world["customers_listed"]
        assert outcome["customers_done"] == outcome["customers_listed"]
        assert outcome["customers_cached"] == outcome["customers_listed"]
        assert outcome["server_requests"] >= outcome["customers_listed"]
        assert _number(outcome["floor_s"]) and outcome["floor_s"] > 0
    stall = sync["console"]["stall"]
    assert stall["sync"]["ok"] is True
    assert stall["during_sync"]["samples"] > 0
    assert stall["during_sync"]["max_ms"] >= stall["during_sync"]["p99_ms"]


@pytest.mark.slow
def test_tiny_run_measured_a_refresh_cycle(tiny_run) -> None:
    results, table, _ = tiny_run
    refresh = results["refresh"]
    # A full read, then one refresh cycle that found every change for fewer requests.
    assert refresh["full_read"]["requests"] > refresh["refresh"]["requests"] > 0
    assert refresh["refresh"]["changes_in_cache"] == refresh["changes"]["made"] > 0
    assert refresh["ratio"] == round(refresh["refresh"]["requests"]
                                     / refresh["full_read"]["requests"], 4)
    assert "refresh:" in table


@pytest.mark.slow
def test_tiny_run_judges_every_goal_and_cleans_up(tiny_run, isolated_home) -> None:
    results, table, work = tiny_run
    assert set(results["goals"]) == set(GOALS)
    for goal in results["goals"].values():
        assert _number(goal["value"])
        assert isinstance(goal["met"], bool)
        assert goal["goal"].startswith("<= ")
        assert goal["what"] in table
    assert table.count("met") + table.count("MISSED") >= len(GOALS)
    # Every temporary home is gone, and nothing went to the caller's csp-tui home.
    assert list(work.iterdir()) == []
    assert list(isolated_home.iterdir()) == []


def test_only_a_full_run_writes_the_recorded_results_by_default() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    recorded = module.results_path("full")
    assert recorded.name == "results.json"
    assert module.results_path("quick") != recorded
    assert module.results_path("tiny") != recorded
    assert module.results_path("quick").parent == recorded.parent


def test_a_row_is_recognised_whole_or_cut_but_not_by_a_look_alike() -> None:
    interaction = _load_interaction()
    line = " ! Beskydská sklárna v.o.s.          beskydskasklarna2.onmic… reseller       8  "
    assert interaction._row_shown(line, ("Beskydská sklárna v.o.s.",
                                         "beskydskasklarna2.onmicrosoft.com"))
    # the same first words and domain start, another customer
    assert not interaction._row_shown(line, ("Beskydská sklárna a.s.",
                                             "beskydskasklarna.onmicrosoft.com"))
    # a cell cut at both ends around the filter's match
    cut = "…ný & Dvořák… Dynamics 365 Business…   100 active     6 Dec 2026   —"
    assert interaction._row_shown(cut, ("Černý & Dvořák s.r.o.",
                                        "Dynamics 365 Business Central Essentials"))
    assert not interaction._row_shown(cut, ("Černý & Dvořák s.r.o.", "Microsoft 365 E3"))


def _load_interaction():
    """interaction.py imports its siblings by their plain names."""
    folder = str(ROOT / "benchmarks")
    added = folder not in sys.path
    if added:
        sys.path.insert(0, folder)
    try:
        return _load("interaction")
    finally:
        if added:
            sys.path.remove(folder)

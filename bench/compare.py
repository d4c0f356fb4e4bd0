#!/usr/bin/python3
"""δHBV forward, single thread: dgm (bench-hbv) against the PyTorch peer, side by side.

Runs build/bin/bench-hbv (Google Benchmark, JSON) and bench/peers/hbv_torch.py (JSON)
for the same sizes in one run and prints Markdown:

  0. a check that both compute the same flows on the same inputs
     (check_same_inputs.py);
  1. the headline, 100 basins x 16 components x 730 days: dgm f64/f32 and PyTorch
     f64/f32, measured in --rounds alternating rounds (dgm, then the peer, then dgm
     again...) so that a change in the machine's load hits both sides alike; each
     time is the median over the rounds of each round's median. The peer runs as it
     is and with glibc malloc tuned (see MALLOC_TUNED);
  2. the same headline against the field's code as published (unless
     --no-hydrodl2): the peer's --style hydrodl2 (the operations of hydroDL2's Hbv,
     which records 16 series a day and returns 17) against
     bench/models/hbv_hydrodl2.dgm, which computes the same series (checked first
     with check_same_inputs.py --style hydrodl2), in the same rounds;
  3. how the time grows with basins (1..1000), components (1..64) and days
     (365..7300), for dgm and (unless --no-peer-scaling) for the peer.

Both sides time the forward pass only, on one thread, with inputs prepared
beforehand, on the real 01031500 forcings (each basin starting on a random day)
and random parameters within the bounds (BETA, BETAET dynamic). Times are wall
times (the peer's "median_s", Google Benchmark's real_time); CPU times are
reported next to them because the machine may be shared.

The Markdown goes to stdout and to bench/results/hbv_<UTC time>.md, the raw
numbers to the .json next to it, and a log-log plot to the .png when
matplotlib is installed (Debian: python3-matplotlib).

    /usr/bin/python3 bench/compare.py [--build-dir build] [--rounds 3] [--clock wall|cpu]
        [--no-scaling | --no-peer-scaling] [--scaling-peer tuned|default]
        [--no-hydrodl2] [--out bench/results]
"""

import argparse
import datetime
import json
import os
import re
import shlex
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEER = os.path.join(HERE, "peers", "hbv_torch.py")
PYTHON = "/usr/bin/python3"   # Debian's, with python3-torch

HEADLINE = (100, 16, 730)
SERIES = {
    "basins": [(b, 16, 730) for b in (1, 3, 10, 30, 100, 300, 1000)],
    "components": [(100, c, 730) for c in (1, 2, 4, 8, 16, 32, 64)],
    "days": [(100, 16, d) for d in (365, 730, 1825, 3650, 7300)],
}
AXIS = {"basins": 0, "components": 1, "days": 2}


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def git_revision():
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(cmd, log, allow_fail=False, env=None):
    """Runs cmd from the repository root with `env` added to the environment; logs it
    (with the env assignments and paths relative to the root)."""
    shown = [os.path.relpath(c, ROOT) if os.path.isabs(c) and c.startswith(ROOT + os.sep)
             else c for c in cmd]
    env = env or {}
    log.append(" ".join([f"{k}={v}" for k, v in env.items()] +
                        [shlex.quote(c) for c in shown]))
    print("  $ " + log[-1], file=sys.stderr, flush=True)
    p = subprocess.run(shown, capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, **env))
    if p.returncode != 0 and not (allow_fail and p.stdout):
        sys.stderr.write(p.stderr)
        raise SystemExit(f"failed ({p.returncode}): {log[-1]}")
    return p.stdout


# The target: dgm at least this many times faster than the peer at HEADLINE.
TARGET = 50


def size_regex(sizes):
    alts = "|".join(f"basins:{b}/components:{c}/days:{d}/" for b, c, d in sizes)
    return f"^hbv/f(32|64)/({alts})"


NAME = re.compile(r"^hbv/f(32|64)/basins:(\d+)/components:(\d+)/days:(\d+)/")


def run_dgm(bench, sizes, repetitions, log, lib_dir=None):
    """{(bits, B, C, T): {"real": [s...], "cpu": [s...], "lane_steps_s", "mean_q"}}.
    lib_dir: time the libhbv.so / libhbv_f32.so of that folder (DGM_BENCH_LIB_DIR)."""
    out = run([bench, f"--benchmark_filter={size_regex(sizes)}",
               f"--benchmark_repetitions={repetitions}", "--benchmark_format=json"], log,
              env={"DGM_BENCH_LIB_DIR": lib_dir} if lib_dir else None)
    res = {}
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        if b.get("error_occurred"):
            raise SystemExit(f"{b['name']}: {b.get('error_message')}")
        m = NAME.match(b["name"])
        key = (int(m.group(1)),) + tuple(int(m.group(i)) for i in (2, 3, 4))
        r = res.setdefault(key, {"real": [], "cpu": [], "mean_q": b["mean_Q"]})
        u = scale[b["time_unit"]]
        r["real"].append(b["real_time"] * u)
        r["cpu"].append(b["cpu_time"] * u)
    missing = [s for s in sizes for bits in (32, 64) if (bits,) + s not in res]
    if missing:
        raise SystemExit(f"bench-hbv did not report {missing}")
    return res


# The peer allocates and frees multi-MB tensors on every call (the forcings repeated
# over the components, the scaled dynamic parameters, Qsimmu). With glibc's default
# settings those are mmap'ed and unmapped, or trimmed, each time, so every call
# page-faults them in again. On this VM that makes the forward pass about 3x slower
# (0.3 s instead of 0.11 s at 100x16x730 f64). "default" runs the peer as it is;
# "tuned" keeps that memory in the process, which leaves the cost of PyTorch's own
# work. No line of the peer changes.
MALLOC_TUNED = {"MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "4294967296"}
PEER_MODES = {"default": {}, "tuned": MALLOC_TUNED}
PEER_LABEL = {"default": "as is", "tuned": "malloc tuned"}


def run_peer(size, dtype, repeat, log, mode="default", style="core"):
    b, c, d = size
    out = run([PYTHON, PEER, "--basins", str(b), "--nmul", str(c), "--days", str(d),
               "--dtype", dtype, "--repeat", str(repeat), "--threads", "1", "--json"] +
              (["--style", style] if style != "core" else []), log, env=PEER_MODES[mode])
    return json.loads(out.strip().splitlines()[-1])


def med(xs):
    return statistics.median(xs)


def fmt_ms(s):
    ms = s * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"


def fmt_ratio(x):
    return f"{x:.0f}×" if x >= 10 else f"{x:.1f}×"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                    help="build directory with bin/bench-hbv (default: build)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating dgm/peer rounds for the headline (default 3)")
    ap.add_argument("--repetitions", type=int, default=5,
                    help="Google Benchmark repetitions per dgm run (default 5)")
    ap.add_argument("--torch-repeat", type=int, default=10,
                    help="timed peer runs per headline round (default 10)")
    ap.add_argument("--scaling-repetitions", type=int, default=3)
    ap.add_argument("--scaling-torch-repeat", type=int, default=3)
    ap.add_argument("--scaling-peer", choices=sorted(PEER_MODES), default="tuned",
                    help="the peer's allocator settings in the scaling series (default "
                         "tuned: the lower, conservative peer times); the headline "
                         "runs both")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="time shown in the scaling tables and plot (default wall; "
                         "cpu = process CPU time, less disturbed by a busy machine)")
    ap.add_argument("--no-scaling", action="store_true", help="headline only")
    ap.add_argument("--no-peer-scaling", action="store_true",
                    help="scaling series for dgm only")
    ap.add_argument("--no-hydrodl2", action="store_true",
                    help="leave out the headline against the field's code as published "
                         "(hydroDL2's Hbv and bench/models/hbv_hydrodl2.dgm)")
    ap.add_argument("--out", default=os.path.join(HERE, "results"),
                    help="folder for the .md/.json/.png (default bench/results); "
                         "'' writes nothing")
    a = ap.parse_args(argv)

    bench = os.path.abspath(os.path.join(a.build_dir, "bin", "bench-hbv"))
    if not os.access(bench, os.X_OK):
        raise SystemExit(f"{bench} not found: ninja -C {a.build_dir} bench-hbv")
    import_check = subprocess.run([PYTHON, "-c", "import torch; print(torch.__version__)"],
                                  capture_output=True, text=True)
    if import_check.returncode != 0:
        raise SystemExit(f"{PYTHON} cannot import torch (apt-get install python3-torch)")

    command = " ".join([PYTHON, os.path.relpath(os.path.abspath(__file__), ROOT)] +
                       [shlex.quote(x) for x in (argv if argv is not None else sys.argv[1:])])
    started = datetime.datetime.now(datetime.timezone.utc)
    log, loads = [], [("start", loadavg())]
    raw = {"command": command, "started": started.isoformat(), "cpu": cpu_model(),
           "nproc": os.cpu_count(), "torch": import_check.stdout.strip(),
           "revision": git_revision(), "peer_modes": PEER_MODES}

    # 0. Same inputs, same outputs: the two sides compute the same model.
    styles = ["core"] + ([] if a.no_hydrodl2 else ["hydrodl2"])
    hydrodl2_dir = os.path.abspath(os.path.join(a.build_dir, "bench", "hydrodl2"))
    pow_free_dir = os.path.abspath(os.path.join(a.build_dir, "bench", "pow-free"))
    for style in styles:
        check = json.loads(run([PYTHON, os.path.join(HERE, "check_same_inputs.py"),
                                "--build-dir", os.path.abspath(a.build_dir), "--json",
                                "--style", style, "--basins", str(HEADLINE[0]),
                                "--components", str(HEADLINE[1]), "--days", str(HEADLINE[2])],
                               log, allow_fail=True))
        raw["check" if style == "core" else f"check_{style}"] = check
        if not check["f64"]["ok"]:
            raise SystemExit(f"dgm and the PyTorch peer (--style {style}) disagree on the "
                             "same inputs: " + json.dumps(check))
    check = raw["check"]

    # 1. Headline, alternating rounds: for each style, dgm, then the peer in each mode
    # and precision.
    print(f"headline {HEADLINE}, {a.rounds} rounds", file=sys.stderr)
    rounds = []
    for r in range(a.rounds):
        rnd = {}
        for style in styles:
            dgm = run_dgm(bench, [HEADLINE], a.repetitions, log,
                          hydrodl2_dir if style == "hydrodl2" else None)
            one = {"dgm": {}, "torch": {}}
            for bits in (64, 32):
                d = dgm[(bits,) + HEADLINE]
                one["dgm"][bits] = {"real": med(d["real"]), "cpu": med(d["cpu"]),
                                    "min": min(d["real"]), "mean_q": d["mean_q"]}
            for mode in PEER_MODES:
                for bits, dt in ((64, "float64"), (32, "float32")):
                    p = run_peer(HEADLINE, dt, a.torch_repeat, log, mode, style)
                    one["torch"][(mode, bits)] = {"real": p["median_s"],
                                                  "cpu": p["cpu_median_s"], "min": p["min_s"],
                                                  "mean_q": p["mean_routed_q"]}
            rnd[style] = one
        # The bound: δHBV with its two powers as products (bench/CMakeLists.txt).
        bound = run_dgm(bench, [HEADLINE], a.repetitions, log, pow_free_dir)
        rnd["pow_free"] = {bits: {"real": med(bound[(bits,) + HEADLINE]["real"]),
                                  "cpu": med(bound[(bits,) + HEADLINE]["cpu"]),
                                  "min": min(bound[(bits,) + HEADLINE]["real"])}
                           for bits in (64, 32)}
        rnd["load"] = loadavg()
        rounds.append(rnd)
        loads.append((f"after round {r + 1}", rnd["load"]))
    raw["rounds"] = [{"load": x["load"],
                      "pow_free": {f"f{b}": v for b, v in x["pow_free"].items()},
                      **{st: {"dgm": {f"f{b}": v for b, v in x[st]["dgm"].items()},
                              "torch": {f"{m}_f{b}": v for (m, b), v in x[st]["torch"].items()}}
                         for st in styles}}
                     for x in rounds]

    def over_rounds(get):
        return {"real": med([get(x)["real"] for x in rounds]),
                "cpu": med([get(x)["cpu"] for x in rounds]),
                "min": min(get(x)["min"] for x in rounds)}

    head, raw["headline"] = {}, {}
    for st in styles:
        keys = rounds[0][st]["torch"]
        h = {"dgm": {bits: over_rounds(lambda x, b=bits, st=st: x[st]["dgm"][b])
                     for bits in (64, 32)},
             "torch": {k: over_rounds(lambda x, k=k, st=st: x[st]["torch"][k]) for k in keys},
             "per_round": {k: [x[st]["torch"][k]["real"] / x[st]["dgm"][k[1]]["real"]
                               for x in rounds] for k in keys}}
        head[st] = h
        raw["headline"][st] = {"dgm": {f"f{b}": v for b, v in h["dgm"].items()},
                               "torch": {f"{m}_f{b}": v for (m, b), v in h["torch"].items()}}
    head_dgm = head["core"]["dgm"]
    pow_free = {bits: over_rounds(lambda x, b=bits: x["pow_free"][b]) for bits in (64, 32)}
    raw["headline"]["pow_free"] = {f"f{b}": v for b, v in pow_free.items()}

    # 2. Scaling.
    scaling = {}
    if not a.no_scaling:
        sizes = sorted({s for ss in SERIES.values() for s in ss})
        print(f"scaling: {len(sizes)} sizes", file=sys.stderr)
        dgm = run_dgm(bench, sizes, a.scaling_repetitions, log)
        loads.append(("after dgm scaling", loadavg()))
        for s in sizes:
            row = {}
            for bits, dt in ((64, "float64"), (32, "float32")):
                row[f"dgm{bits}_wall"] = med(dgm[(bits,) + s]["real"])
                row[f"dgm{bits}_cpu"] = med(dgm[(bits,) + s]["cpu"])
                if not a.no_peer_scaling:
                    p = run_peer(s, dt, a.scaling_torch_repeat, log, a.scaling_peer)
                    row[f"torch{bits}_wall"] = p["median_s"]
                    row[f"torch{bits}_cpu"] = p["cpu_median_s"]
            for k in list(row):   # the columns shown: --clock
                if k.endswith("_" + a.clock):
                    row[k[:-len(a.clock) - 1]] = row[k]
            scaling[s] = row
        if not a.no_peer_scaling:
            loads.append(("after peer scaling", loadavg()))
    raw["scaling"] = [{"basins": s[0], "components": s[1], "days": s[2], **v}
                      for s, v in scaling.items()]
    raw["loads"] = loads
    raw["subcommands"] = log

    # Markdown.
    md = []
    w = md.append
    w(f"## δHBV forward, single thread: dgm vs PyTorch ({started:%Y-%m-%d %H:%M} UTC)")
    w("")
    w(f"Command: `{command}` (from the repository root; "
      f"`--build-dir` is the build with `bin/bench-hbv`)")
    w("")
    w(f"Machine: {raw['nproc']} × {raw['cpu']} (`nproc`, /proc/cpuinfo); "
      f"PyTorch {raw['torch']} (Debian python3-torch), 1 thread; dgm {raw['revision']}. "
      "Load average (1/5/15 min): " +
      "; ".join(f"{what} {l[0]:.2f}/{l[1]:.2f}/{l[2]:.2f}" for what, l in loads) + ".")
    busy = max(l[0] for _, l in loads) > (raw["nproc"] or 1)
    if busy:
        w("")
        w("**The machine was busy** (1-min load above the number of CPUs): wall times "
          "include waiting for a CPU; the CPU-time columns are less affected.")
    w("")
    b, c, d = HEADLINE
    w(f"### {b} basins × {c} components × {d} days (forward)")
    w("")
    w(f"Median over {a.rounds} alternating rounds of each round's median "
      f"(dgm: {a.repetitions} Google Benchmark repetitions; PyTorch: "
      f"{a.torch_repeat} timed runs after a warm one). PyTorch *as is*: the peer with "
      "glibc's default malloc settings; *malloc tuned*: the same code with `" +
      " ".join(f"{k}={v}" for k, v in MALLOC_TUNED.items()) +
      "`, so that its multi-MB temporaries are not unmapped and page-faulted in again "
      "on every call (the lower PyTorch time, hence the conservative speed-up).")
    w("")
    def headline_table(st):
        w("| precision | PyTorch | dgm wall | PyTorch wall | speed-up (wall) | dgm CPU "
          "| PyTorch CPU | speed-up (CPU) | speed-up per round (wall) | best dgm / PyTorch "
          "| speed-up (best) |")
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for bits in (64, 32):
            for mode in PEER_MODES:
                h, t = head[st]["dgm"][bits], head[st]["torch"][(mode, bits)]
                w(f"| f{bits} | {PEER_LABEL[mode]} | {fmt_ms(h['real'])} ms "
                  f"| {fmt_ms(t['real'])} ms | **{fmt_ratio(t['real'] / h['real'])}** "
                  f"| {fmt_ms(h['cpu'])} ms | {fmt_ms(t['cpu'])} ms "
                  f"| {fmt_ratio(t['cpu'] / h['cpu'])} "
                  f"| {', '.join(fmt_ratio(x) for x in head[st]['per_round'][(mode, bits)])} "
                  f"| {fmt_ms(h['min'])} / {fmt_ms(t['min'])} ms "
                  f"| {fmt_ratio(t['min'] / h['min'])} |")

    headline_table("core")
    w("")
    bsteps = b * d
    w(f"dgm throughput (wall): f64 {bsteps / head_dgm[64]['real']:.3g} basin-steps/s, "
      f"{bsteps * c / head_dgm[64]['real']:.3g} lane-steps/s; "
      f"f32 {bsteps / head_dgm[32]['real']:.3g} basin-steps/s, "
      f"{bsteps * c / head_dgm[32]['real']:.3g} lane-steps/s (a lane-step: one component "
      "of one basin, one day).")
    w("")
    c64, c32 = check["f64"], check["f32"]
    first = rounds[0]["core"]
    w(f"Same inputs, same outputs (`bench/check_same_inputs.py`: the peer's inputs at "
      f"this size through both): max |dgm − PyTorch| / max |PyTorch| of the routed flow "
      f"{c64['q_routed']:.1e} in f64 (unrouted {c64['q_unrouted']:.1e}), "
      f"{c32['q_routed']:.1e} in f32. (The timed runs draw their random inputs "
      f"separately: mean routed Q dgm {first['dgm'][64]['mean_q']:.4f} (f64), "
      f"{first['dgm'][32]['mean_q']:.4f} (f32); PyTorch "
      f"{first['torch'][('default', 64)]['mean_q']:.4f} mm/d.)")
    w("")
    w(f"### What {TARGET}× would take")
    w("")
    w(f"The target is dgm {TARGET}× faster than the peer. *Without pow*: δHBV with its two "
      "powers x^BETA and x^BETAET replaced by products (`bench/MakePowFreeModel.cmake`; "
      "wrong numbers, all the other work of the step), timed in the same rounds: the "
      "fastest this code could be if `pow` cost nothing.")
    w("")
    w(f"| precision | PyTorch | PyTorch wall | {TARGET}× needs dgm at | dgm | dgm without pow "
      "| speed-up without pow |")
    w("|---|---|---|---|---|---|---|")
    for bits in (64, 32):
        for mode in PEER_MODES:
            t = head["core"]["torch"][(mode, bits)]["real"]
            w(f"| f{bits} | {PEER_LABEL[mode]} | {fmt_ms(t)} ms | {fmt_ms(t / TARGET)} ms "
              f"| {fmt_ms(head_dgm[bits]['real'])} ms | {fmt_ms(pow_free[bits]['real'])} ms "
              f"| {fmt_ratio(t / pow_free[bits]['real'])} |")
    if "hydrodl2" in styles:
        w("")
        w(f"### The same size against the field's code as published (forward)")
        w("")
        w("PyTorch: `hbv_torch.py --style hydrodl2`, the operations of hydroDL2's `Hbv` "
          "(used by dMG): every parameter expanded to [days, basins, components], 13 "
          "parameter slices and 16 recorded series a day, then the component means, four "
          "routed series and the baseflow index. dgm: `bench/models/hbv_hydrodl2.dgm`, "
          "the same model with the same 16 series as outputs (its per-component outputs "
          "written too). Same rounds as above.")
        w("")
        headline_table("hydrodl2")
        w("")
        ch = raw["check_hydrodl2"]
        w(f"Same inputs, same outputs (`bench/check_same_inputs.py --style hydrodl2`): "
          f"{len(ch['f64']['errors'])} series, max |dgm − PyTorch| / max |PyTorch| "
          f"{ch['f64']['max']:.1e} in f64 ({ch['f64']['worst']}), {ch['f32']['max']:.1e} "
          f"in f32.")

    if scaling:
        w("")
        w(f"### Scaling ({'wall' if a.clock == 'wall' else 'process CPU'} time, ms; median of "
          f"{a.scaling_repetitions} dgm repetitions" +
          ("" if a.no_peer_scaling else
           f", {a.scaling_torch_repeat} PyTorch runs, PyTorch {PEER_LABEL[a.scaling_peer]}")
          + ")")
        peer = not a.no_peer_scaling
        for series, sizes in SERIES.items():
            w("")
            other = [n for n in AXIS if n != series]
            fixed = ", ".join(f"{n} = {sizes[0][AXIS[n]]}" for n in other)
            w(f"Growing {series} ({fixed}):")
            w("")
            hdr = f"| {series} | dgm f64 | dgm f32 | dgm f64 lane-steps/s |"
            sep = "|---|---|---|---|"
            if peer:
                hdr += " PyTorch f64 | PyTorch f32 | speed-up f64 | speed-up f32 |"
                sep += "---|---|---|---|"
            w(hdr)
            w(sep)
            for s in sizes:
                r = scaling[s]
                line = (f"| {s[AXIS[series]]} | {fmt_ms(r['dgm64'])} | {fmt_ms(r['dgm32'])} "
                        f"| {s[0] * s[1] * s[2] / r['dgm64']:.3g} |")
                if peer:
                    line += (f" {fmt_ms(r['torch64'])} | {fmt_ms(r['torch32'])} "
                             f"| {fmt_ratio(r['torch64'] / r['dgm64'])} "
                             f"| {fmt_ratio(r['torch32'] / r['dgm32'])} |")
                w(line)
    w("")
    w("<details><summary>Commands run</summary>")
    w("")
    w("```sh")
    md.extend(log)
    w("```")
    w("</details>")
    text = "\n".join(md) + "\n"
    print(text)

    if a.out:
        os.makedirs(a.out, exist_ok=True)
        stem = os.path.join(a.out, f"hbv_{started:%Y%m%dT%H%M%SZ}")
        with open(stem + ".md", "w") as f:
            f.write(text)
        with open(stem + ".json", "w") as f:
            json.dump(raw, f, indent=1)
        written = [stem + ".md", stem + ".json"]
        if scaling and plot(scaling, stem + ".png", not a.no_peer_scaling, a.clock,
                            PEER_LABEL[a.scaling_peer]):
            written.append(stem + ".png")
        print("wrote " + ", ".join(os.path.relpath(p, ROOT) for p in written),
              file=sys.stderr)
    return 0


def plot(scaling, path, peer, clock, peer_label):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed (apt-get install python3-matplotlib): no plot",
              file=sys.stderr)
        return False
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    lines = [("dgm64", "dgm f64", "C0", "-"), ("dgm32", "dgm f32", "C0", "--")]
    if peer:
        lines += [("torch64", f"PyTorch f64 ({peer_label})", "C3", "-"),
                  ("torch32", f"PyTorch f32 ({peer_label})", "C3", "--")]
    for ax, (series, sizes) in zip(axes, SERIES.items()):
        xs = [s[AXIS[series]] for s in sizes]
        for key, label, color, style in lines:
            ax.plot(xs, [scaling[s][key] * 1e3 for s in sizes], style, color=color,
                    marker="o", ms=3, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(xs)
        ax.set_xticklabels([str(x) for x in xs], fontsize=8)
        ax.minorticks_off()
        ax.set_xlabel(series)
        ax.grid(True, which="both", alpha=0.3)
        other = [n for n in AXIS if n != series]
        ax.set_title(", ".join(f"{n} = {sizes[0][AXIS[n]]}" for n in other), fontsize=9)
    axes[0].set_ylabel(f"forward {'wall' if clock == 'wall' else 'CPU'} time, ms (1 thread)")
    axes[0].legend(fontsize=8)
    fig.suptitle("δHBV forward: dgm vs PyTorch (eager, dPL style)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


if __name__ == "__main__":
    sys.exit(main())

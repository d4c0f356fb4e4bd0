#!/usr/bin/python3
"""Check the PyTorch peer (hbv_torch.py) against dgm's HBV reference numbers.

Runs hbv_torch in float64 with nmul=1 on every case of
/work/shared/reference/hbv_01031500.json (forcings: rrmpg 01031500, PRCP->P, TAIR->T,
PET->PET), reports the max relative error of q_unrouted and q_routed, and, for the
cases that carry 'grad_routed_sum', compares torch.autograd's d(sum routed Q)/d(param)
(routing parameters included).

The reference JSON stores flows rounded to 12 decimal places, so a value of 1e-5 carries
a relative rounding error up to 5e-8. The pass test is therefore
    |peer - ref| <= 1e-9 * |ref| + 5e-13     (5e-13 = half a unit in the 12th decimal)
and the reported 'rel' is max |peer - ref| / max(|ref|, 5e-4), i.e. the relative error with
the rounding floor; the plain element-wise relative error is reported too.
Gradients must agree to 1e-6 relative (they are stored with ~16 significant digits).

Every case runs twice: hbv_forward(lean=False), the dPL-style code path, and lean=True.

Exit status: 0 if every case passes, 1 otherwise.

    /usr/bin/python3 bench/peers/check_reference.py [--reference FILE] [--data FILE]
"""

import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hbv_torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REF = "/work/shared/reference/hbv_01031500.json"
DATA_CANDIDATES = [
    "/work/shared/data/rrmpg_01031500/01031500_05_model_output.txt",
    os.path.normpath(os.path.join(HERE, "..", "..", "examples", "data", "rrmpg_01031500",
                                  "01031500_05_model_output.txt")),
]
Q_REL_TOL = 1e-9
Q_ABS_FLOOR = 5e-13          # half a unit in the 12th decimal of the JSON
GRAD_REL_TOL = 1e-6


def load_forcings(path):
    """rrmpg model output -> float64 tensor [n, 3] of P (PRCP), T (TAIR), PET."""
    with open(path) as f:
        header = f.readline().split()
        ip, it, ie = header.index("PRCP"), header.index("TAIR"), header.index("PET")
        rows = []
        for line in f:
            v = line.split()
            if v:
                rows.append([float(v[ip]), float(v[it]), float(v[ie])])
    return torch.tensor(rows, dtype=torch.float64)


def run_case(case, forcings, grad, lean):
    """Returns (q_unrouted, q_routed, grads or None)."""
    nday = case["warmup_days"] + case["days"]
    x = forcings[case["start_row"]:case["start_row"] + nday]
    assert x.shape[0] == nday, "forcing file too short for the case"
    P, T, PET = (x[:, i].reshape(nday, 1) for i in range(3))
    betaet = bool(case["betaet_exponent"])
    capillary = "C" in case["params"]
    leaves = {k: torch.tensor(float(v), dtype=torch.float64, requires_grad=grad)
              for k, v in case["params"].items()}
    params = {}
    for k, v in leaves.items():
        # dynamic: [days, basins, nmul]; static: [basins, nmul]; nmul = basins = 1
        params[k] = v.expand(nday, 1, 1) if k in hbv_torch.DYNAMIC else v.expand(1, 1)
    ra = torch.tensor(float(case["route_ab"][0]), dtype=torch.float64, requires_grad=grad)
    rb = torch.tensor(float(case["route_ab"][1]), dtype=torch.float64, requires_grad=grad)
    with torch.set_grad_enabled(grad):
        out = hbv_torch.hbv_forward(P, T, PET, params, ra.expand(1), rb.expand(1),
                                    warmup=case["warmup_days"], betaet=betaet,
                                    capillary=capillary, lean=lean)
        grads = None
        if grad:
            out["q_routed"].sum().backward()
            grads = {k: v.grad.item() if v.grad is not None else 0.0 for k, v in leaves.items()}
            grads["route_a"] = ra.grad.item()
            grads["route_b"] = rb.grad.item()
    return out["q_unrouted"][:, 0].detach(), out["q_routed"][:, 0].detach(), grads


def compare_series(peer, ref):
    ref = torch.tensor(ref, dtype=torch.float64)
    assert peer.shape == ref.shape, (peer.shape, ref.shape)
    err = (peer - ref).abs()
    ok = bool((err <= Q_REL_TOL * ref.abs() + Q_ABS_FLOOR).all())
    rel_floor = float(((err - Q_ABS_FLOOR).clamp(min=0.0) / ref.abs().clamp(min=1e-300)).max())
    rel_plain = float((err / ref.abs().clamp(min=1e-300)).max())
    return ok, rel_floor, rel_plain, float(err.max())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--reference", default=REF)
    ap.add_argument("--data", default=None)
    a = ap.parse_args(argv)
    data = a.data or next(p for p in DATA_CANDIDATES if os.path.exists(p))
    with open(a.reference) as f:
        ref = json.load(f)
    forcings = load_forcings(data)
    print(f"torch {torch.__version__}; reference {a.reference}; forcings {data}")

    all_ok = True
    cases = [(c, lean) for c in ref["cases"] for lean in (False, True)]
    for case, lean in cases:
        grad = "grad_routed_sum" in case
        qu, qr, grads = run_case(case, forcings, grad, lean)
        line = [f"{case['name'] + (' lean' if lean else ' dPL'):<24}"]
        for label, peer, key in (("unrouted", qu, "q_unrouted"), ("routed", qr, "q_routed")):
            ok, rel, rel_plain, abserr = compare_series(peer, case[key])
            all_ok &= ok
            line.append(f"{label}: rel {rel:.2e} beyond rounding (plain {rel_plain:.2e}, abs {abserr:.1e}) "
                        f"{'ok' if ok else 'FAIL'}")
        if "routed_sum" in case:
            s = float(qr.sum())
            rs = abs(s - case["routed_sum"]) / abs(case["routed_sum"])
            ok = rs <= Q_REL_TOL
            all_ok &= ok
            line.append(f"sum: rel {rs:.2e} {'ok' if ok else 'FAIL'}")
        print("  ".join(line))
        if grad:
            worst = 0.0
            for name, want in case["grad_routed_sum"].items():
                got = grads[name]
                rel = abs(got - want) / max(abs(want), 1e-300)
                worst = max(worst, rel)
                ok = rel <= GRAD_REL_TOL
                all_ok &= ok
                print(f"    d/d{name:<8} torch {got: .15e}  ref {want: .15e}  rel {rel:.2e}"
                      f"{'' if ok else '  FAIL'}")
            print(f"    max gradient rel. error {worst:.2e}")
    print("PASS" if all_ok else "FAIL")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())

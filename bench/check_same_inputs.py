#!/usr/bin/python3
"""dgm's compiled δHBV and the PyTorch peer on the very same benchmark inputs.

The timing benchmarks draw their random inputs separately (bench-hbv in C++, the
peer in torch), so their outputs differ. This script shows that the two compute the
same model at a benchmark size, with components and dynamic parameters. It makes the
peer's inputs (hbv_torch.synthetic_inputs: the real 01031500 forcings, network
outputs in [0, 1] scaled to the bounds). It runs them through the peer
(hbv_forward) and, via ctypes and the C ABI (runtime/include/dgm/abi.h), through
build/examples/libhbv.so (and libhbv_f32.so). It then compares the unrouted and the
routed flow.

    /usr/bin/python3 bench/check_same_inputs.py --build-dir build [--basins 100
        --components 16 --days 730] [--style core|hydrodl2] [--json]

--style hydrodl2 does the same for the comparison with the field's code as published:
the peer's hydrodl2_forward against bench/models/hbv_hydrodl2.dgm (built by
`ninja -C build bench-hbv` into build/bench/hydrodl2/), every series hydroDL2 returns
(hbv_torch.HYDRODL2_OUTPUTS) and its baseflow index.

Exit status 0 when f64 agrees to --tol (relative to the largest flow), 1 otherwise.
The f32 differences are reported, never checked: two float32 codes that round
differently drift apart by about 1e-6 relative per operation.
"""

import argparse
import ctypes
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "peers"))
import hbv_torch  # noqa: E402

DGM_PER_COMPONENT, DGM_DYNAMIC = 1, 2
DGM_ABI_VERSION = 3


class Variable(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("unit", ctypes.c_char_p),
                ("description", ctypes.c_char_p), ("kind", ctypes.c_int32),
                ("index", ctypes.c_int32), ("lower", ctypes.c_double),
                ("upper", ctypes.c_double), ("default_value", ctypes.c_double),
                ("flags", ctypes.c_uint32), ("reserved", ctypes.c_int32)]


class Model(ctypes.Structure):
    _fields_ = [("abi_version", ctypes.c_uint32), ("scalar_bits", ctypes.c_uint32),
                ("name", ctypes.c_char_p), ("source", ctypes.c_char_p),
                ("num_forcings", ctypes.c_int32), ("num_params", ctypes.c_int32),
                ("num_states", ctypes.c_int32), ("num_outputs", ctypes.c_int32),
                ("default_components", ctypes.c_int32), ("step_seconds", ctypes.c_int32),
                ("forcings", ctypes.POINTER(Variable)), ("params", ctypes.POINTER(Variable)),
                ("states", ctypes.POINTER(Variable)), ("outputs", ctypes.POINTER(Variable)),
                ("simulate", ctypes.c_void_p)]


def run_dgm(lib_path, x, par, route_a, route_b, nmul):
    """Runs the compiled model; returns {output name: tensor [T][C][B] or [T][B]}."""
    lib = ctypes.CDLL(lib_path)
    lib.dgm_get_model.restype = ctypes.POINTER(Model)
    m = lib.dgm_get_model().contents
    if m.abi_version != DGM_ABI_VERSION:
        raise SystemExit(f"{lib_path}: ABI version {m.abi_version}, expected {DGM_ABI_VERSION}")
    dtype = torch.float32 if m.scalar_bits == 32 else torch.float64
    days, basins = x.shape[0], x.shape[1]
    values = dict(par, route_a=route_a, route_b=route_b)

    def block(var, value):
        """One variable's values in the ABI layout [T][C][B] minus missing dims."""
        dyn, comp = var.flags & DGM_DYNAMIC, var.flags & DGM_PER_COMPONENT
        v = value
        if dyn and comp:        # peer [T][B][C] -> [T][C][B]
            v = v.permute(0, 2, 1)
        elif comp:              # [B][C] -> [C][B]
            v = v.t()
        return v.to(dtype).contiguous().reshape(-1)

    params = torch.cat([block(m.params[i], values[m.params[i].name.decode()])
                        for i in range(m.num_params)])
    fcol = {"P": 0, "T": 1, "PET": 2}
    forcings = torch.cat([x[:, :, fcol[m.forcings[i].name.decode()]].to(dtype).reshape(-1)
                          for i in range(m.num_forcings)])
    init = torch.cat([torch.full([nmul * basins] if m.states[i].flags & DGM_PER_COMPONENT
                                 else [basins], m.states[i].default_value, dtype=dtype)
                      for i in range(m.num_states)])
    sizes = []
    for i in range(m.num_outputs):
        comp = m.outputs[i].flags & DGM_PER_COMPONENT
        sizes.append((m.outputs[i].name.decode(),
                      [days, nmul, basins] if comp else [days, basins]))
    outputs = torch.full([sum(torch.Size(s).numel() for _, s in sizes)], float("nan"),
                         dtype=dtype)
    ptr = ctypes.POINTER(ctypes.c_float if dtype == torch.float32 else ctypes.c_double)
    simulate = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_int64, ctypes.c_int64,
                                ctypes.c_int64, ptr, ptr, ptr, ptr, ptr, ptr)(m.simulate)

    def p(t):
        return ctypes.cast(t.data_ptr(), ptr)

    rc = simulate(basins, nmul, days, p(params), p(init), p(forcings), p(outputs),
                  None, None)
    if rc != 0:
        raise SystemExit(f"{lib_path}: simulate returned {rc}")
    res, off = {}, 0
    for name, shape in sizes:
        n = torch.Size(shape).numel()
        res[name] = outputs[off:off + n].reshape(shape).double()
        off += n
    return res


def compare(a, b):
    scale = float(b.abs().max())
    return float((a - b).abs().max()) / scale if scale > 0 else float((a - b).abs().max())


def core_side(x, raw, rtwts, par, route_a, route_b, nmul, dtype):
    """--style core: hbv_forward, and the flows compared ({name: (dgm, torch)})."""
    with torch.no_grad():
        peer = hbv_torch.hbv_forward(
            x[:, :, 0].to(dtype), x[:, :, 1].to(dtype), x[:, :, 2].to(dtype),
            {k: v.to(dtype) for k, v in par.items()}, route_a.to(dtype), route_b.to(dtype))
    return peer["q_routed"], lambda dgm: {"q_unrouted": (dgm["Q_unrouted"], peer["q_unrouted"]),
                                          "q_routed": (dgm["Q"], peer["q_routed"])}


def hydrodl2_side(x, raw, rtwts, par, route_a, route_b, nmul, dtype):
    """--style hydrodl2: hydrodl2_forward, every series it returns and its BFI."""
    with torch.no_grad():
        peer = hbv_torch.hydrodl2_forward(x.to(dtype), raw.to(dtype), rtwts.to(dtype), nmul)

    def pairs(dgm):
        p = {name: (dgm[ours], peer[name])
             for name, ours in hbv_torch.HYDRODL2_OUTPUTS.items()}
        bfi = 100 * (dgm["Q2_routed"].sum(0) / (dgm["Q"].sum(0) + hbv_torch.NEARZERO))
        p["BFI"] = (bfi, peer["BFI"])
        return p
    return peer["streamflow"], pairs


# style: (the libraries' folder in the build, the peer's side)
STYLES = {"core": (("examples",), core_side),
          "hydrodl2": (("bench", "hydrodl2"), hydrodl2_side)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--basins", type=int, default=100)
    ap.add_argument("--components", type=int, default=16)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tol", type=float, default=1e-9,
                    help="f64: max |dgm - peer| / max |peer| (default 1e-9)")
    ap.add_argument("--style", choices=sorted(STYLES), default="core")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)

    torch.set_num_threads(1)
    nmul = a.components
    x, raw, rtwts = hbv_torch.synthetic_inputs(a.basins, a.days, nmul, torch.float64, a.seed)
    par = hbv_torch.scale_params(raw, nmul)
    route_a, route_b = hbv_torch.scale_route(rtwts)
    folder, side = STYLES[a.style]
    result = {"style": a.style, "basins": a.basins, "components": nmul, "days": a.days,
              "tol": a.tol}
    ok = True
    for bits, dtype, lib in ((64, torch.float64, "libhbv.so"),
                             (32, torch.float32, "libhbv_f32.so")):
        path = os.path.join(a.build_dir, *folder, lib)
        if not os.path.exists(path):
            raise SystemExit(f"{path} not found: ninja -C {a.build_dir} bench-hbv")
        routed, pairs = side(x, raw, rtwts, par, route_a, route_b, nmul, dtype)
        dgm = run_dgm(path, x, par, route_a, route_b, nmul)
        errors = {name: compare(ours, theirs.double())
                  for name, (ours, theirs) in pairs(dgm).items()}
        worst = max(errors, key=errors.get)
        # (The errors by name at the top level too: compare.py reads q_routed.)
        r = dict(errors, errors=errors, worst=worst, max=errors[worst],
                 mean_q_dgm=float(dgm["Q"].mean()), mean_q_torch=float(routed.double().mean()))
        if bits == 64:
            r["ok"] = r["max"] <= a.tol
            ok = ok and r["ok"]
        result[f"f{bits}"] = r
    if a.json:
        print(json.dumps(result))
    else:
        for bits in (64, 32):
            r = result[f"f{bits}"]
            verdict = ("" if bits == 32 else
                       "  ok" if r["ok"] else f"  FAIL (tolerance {a.tol:g})")
            print(f"f{bits}: {len(r['errors'])} series, max |dgm - torch| / max |torch| "
                  f"{r['max']:.2e} ({r['worst']}); mean routed Q dgm {r['mean_q_dgm']:.6f}, "
                  f"torch {r['mean_q_torch']:.6f}{verdict}")
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())

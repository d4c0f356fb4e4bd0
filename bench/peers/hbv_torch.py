#!/usr/bin/python3
"""dHBV 1.0 forward in PyTorch, written the way the field writes it: the peer of dgm's HBV.

This is the speed (and correctness) peer for dgm's HBV model. It follows
/work/shared/models/HBV.md step by step and is written in the style of the dPL /
hydroDL code of Feng et al. (2022, WRR, e2022WR032404) (class HBVMulTDET and
UH_gamma / UH_conv): one Python loop over days, each day a handful of whole-tensor
operations on [basins, nmul] tensors (torch.clamp / torch.min), parameters either
scaled from [0, 1] network outputs (``lo + s * (hi - lo)``) or given directly,
BETA and BETAET dynamic ([days, basins, nmul]), every other HBV parameter static
([basins, nmul]), the mean over the nmul components, then gamma unit-hydrograph
routing (15 ordinates) done as a grouped causal ``conv1d``.

Library use::

    import hbv_torch
    out = hbv_torch.hbv_forward(P, T, PET, params, route_a, route_b, warmup=365)
    out["q_routed"]          # [days - warmup, basins]

    # or from network outputs in [0, 1], as dPL does:
    out = hbv_torch.dhbv_forward(x, raw, rtwts, nmul=16, warmup=365)

CLI (benchmark)::

    /usr/bin/python3 hbv_torch.py --basins 100 --nmul 16 --days 730 \
        --dtype float32 --repeat 5 --threads 1 --json
"""

import argparse
import csv
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

# Parameter order = order of the network's output channels (HBV.md).
PARAM_NAMES = ["BETA", "FC", "K0", "K1", "K2", "LP", "PERC", "UZL",
               "TT", "CFMAX", "CFR", "CWH", "BETAET"]
PARAM_BOUNDS = [[1.0, 6.0], [50.0, 1000.0], [0.05, 0.9], [0.01, 0.5],
                [0.001, 0.2], [0.2, 1.0], [0.0, 10.0], [0.0, 100.0],
                [-2.5, 2.5], [0.5, 10.0], [0.0, 0.1], [0.0, 0.2], [0.3, 5.0]]
C_BOUNDS = [0.0, 1.0]              # HBV 1.1p capillary-rise parameter
ROUTE_BOUNDS = [[0.0, 2.9], [0.0, 6.5]]
DYNAMIC = ("BETA", "BETAET")       # dHBV 1.0: dynamic parameters
STATE_INIT = 0.001                 # mm, every state
PRECS = 1e-5                       # SM floor ("SM can not be zero for gradient tracking")
UH_LEN = 15


def uh_gamma(route_a, route_b, lenF=UH_LEN):
    """Gamma unit hydrograph, [basins] parameters -> weights [basins, lenF] summing to 1."""
    aa = F.relu(route_a).unsqueeze(-1) + 0.1          # alpha, minimum 0.1
    theta = F.relu(route_b).unsqueeze(-1) + 0.5       # minimum 0.5
    t = torch.arange(0.5, lenF * 1.0, dtype=aa.dtype, device=aa.device)
    denom = aa.lgamma().exp() * theta ** aa
    w = (1.0 / denom) * t ** (aa - 1.0) * torch.exp(-t / theta)
    return w / w.sum(-1, keepdim=True)


def uh_conv(q, w):
    """Causal convolution with zero history: q [days, basins], w [basins, L] -> [days, basins].

    Qr[t] = sum_k w[k] q[t-k]. As in hydroDL's UH_conv: conv1d computes a correlation,
    hence the flipped kernel, one group per basin, padding L-1 on both sides and the
    trailing L-1 outputs dropped.
    """
    ndays, nb = q.shape
    L = w.shape[-1]
    x = q.t().reshape(1, nb, ndays)
    k = torch.flip(w, [1]).reshape(nb, 1, L)
    y = F.conv1d(x, k, groups=nb, padding=L - 1)
    y = y[:, :, 0:ndays]
    return y.reshape(nb, ndays).t()


def _step(t, Pm, Tm, ETm, par, states, betaet, capillary, dynamic=DYNAMIC):
    """One daily HBV step (HBV.md order) for all basins and components.

    par[k][t] is the day's value of a parameter named in `dynamic`, par[k] that of any
    other. Returns (Q, Q0, Q1, Q2, ET, recharge, excess, evapfactor, tosoil, PERC) and
    the new states."""
    SNOWPACK, MELTWATER, SM, SUZ, SLZ = states
    parBETA = par["BETA"][t] if "BETA" in dynamic else par["BETA"]
    parFC, parK0, parK1, parK2 = par["FC"], par["K0"], par["K1"], par["K2"]
    parLP, parPERC, parUZL, parTT = par["LP"], par["PERC"], par["UZL"], par["TT"]
    parCFMAX, parCFR, parCWH = par["CFMAX"], par["CFR"], par["CWH"]

    PRECIP = Pm[t]
    TEMP = Tm[t]
    RAIN = PRECIP * (TEMP >= parTT).to(PRECIP.dtype)
    SNOW = PRECIP * (TEMP < parTT).to(PRECIP.dtype)

    # Snow
    SNOWPACK = SNOWPACK + SNOW
    melt = torch.clamp(parCFMAX * (TEMP - parTT), min=0.0)
    melt = torch.min(melt, SNOWPACK)
    MELTWATER = MELTWATER + melt
    SNOWPACK = SNOWPACK - melt
    refreezing = torch.clamp(parCFR * parCFMAX * (parTT - TEMP), min=0.0)
    refreezing = torch.min(refreezing, MELTWATER)
    SNOWPACK = SNOWPACK + refreezing
    MELTWATER = MELTWATER - refreezing
    tosoil = torch.clamp(MELTWATER - parCWH * SNOWPACK, min=0.0)
    MELTWATER = MELTWATER - tosoil

    # Soil and evaporation
    soil_wetness = torch.clamp((SM / parFC) ** parBETA, min=0.0, max=1.0)
    recharge = (RAIN + tosoil) * soil_wetness
    SM = SM + RAIN + tosoil - recharge
    excess = torch.clamp(SM - parFC, min=0.0)
    SM = SM - excess
    if betaet:
        evapfactor = (SM / (parLP * parFC)) ** (par["BETAET"][t] if "BETAET" in dynamic
                                                else par["BETAET"])
    else:
        evapfactor = SM / (parLP * parFC)
    evapfactor = torch.clamp(evapfactor, min=0.0, max=1.0)
    ETact = torch.min(SM, ETm[t] * evapfactor)
    SM = torch.clamp(SM - ETact, min=PRECS)
    if capillary:  # HBV 1.1p
        capil = torch.min(SLZ, par["C"] * SLZ * (1.0 - torch.clamp(SM / parFC, max=1.0)))
        SM = torch.clamp(SM + capil, min=PRECS)
        SLZ = torch.clamp(SLZ - capil, min=PRECS)

    # Groundwater boxes
    SUZ = SUZ + recharge + excess
    PERC = torch.min(SUZ, parPERC)
    SUZ = SUZ - PERC
    Q0 = parK0 * torch.clamp(SUZ - parUZL, min=0.0)
    SUZ = SUZ - Q0
    Q1 = parK1 * SUZ
    SUZ = SUZ - Q1
    SLZ = SLZ + PERC
    Q2 = parK2 * SLZ
    SLZ = SLZ - Q2
    return ((Q0 + Q1 + Q2, Q0, Q1, Q2, ETact, recharge, excess, evapfactor, tosoil, PERC),
            (SNOWPACK, MELTWATER, SM, SUZ, SLZ))


def hbv_forward(P, T, PET, params, route_a=None, route_b=None, warmup=0,
                betaet=True, capillary=False, states=None, components=False, lean=False):
    """dHBV 1.0 forward with physical parameters.

    P, T, PET : [days, basins] forcings (mm/d, degC, mm/d), days including warm-up.
    params    : dict name -> tensor. BETA and BETAET (if betaet) are dynamic,
                [days, basins, nmul] (anything that broadcasts and indexes by day,
                e.g. an expanded scalar); the others static, [basins, nmul] (or
                broadcastable). 'C' is required when capillary=True (HBV 1.1p).
    route_a, route_b : [basins] routing parameters (raw: relu(.)+0.1 / +0.5 applied
                inside uh_gamma). None: no routing.
    warmup    : first days only spin the states up (no_grad, no output), as in dPL.
    components: also record Q0, Q1, Q2 and actual ET each day (dPL's Qall outputs).
    lean      : False (default) is the dPL way: index the day out of the [days, ...]
                tensors (x[t]) and write each day's flow into a preallocated tensor
                (Qsimmu[t] = Q). Under autograd both cost O(days) per day in the backward
                pass (every select / copy-slice backward materialises a full [days, basins,
                nmul] gradient). True splits the day tensors once with unbind() and builds
                the output with stack(): same numbers, a backward that is linear in days.
    Returns dict with q_unrouted [days-warmup, basins], q_routed (or None), states,
    and with components=True q0, q1, q2, et (component means, [days-warmup, basins]).
    """
    ndays, nbasin = P.shape
    nmul = params["FC"].shape[-1]
    dtype = P.dtype
    # repeat the forcings over the components, as dPL does
    Pm = P.unsqueeze(2).repeat(1, 1, nmul)
    Tm = T.unsqueeze(2).repeat(1, 1, nmul)
    ETm = PET.unsqueeze(2).repeat(1, 1, nmul)
    if lean:
        Pm, Tm, ETm = Pm.unbind(0), Tm.unbind(0), ETm.unbind(0)
        params = dict(params)
        for k in DYNAMIC:
            if k in params:
                params[k] = params[k].unbind(0)
    if states is None:
        states = tuple(torch.zeros([nbasin, nmul], dtype=dtype, device=P.device) + STATE_INIT
                       for _ in range(5))

    if warmup > 0:
        with torch.no_grad():
            for t in range(warmup):
                _, states = _step(t, Pm, Tm, ETm, params, states, betaet, capillary)
        states = tuple(s.detach() for s in states)

    nrun = ndays - warmup
    if lean:
        rec = [[] for _ in range(5 if components else 1)]
        for t in range(warmup, ndays):
            fluxes, states = _step(t, Pm, Tm, ETm, params, states, betaet, capillary)
            for r, f in zip(rec, fluxes):
                r.append(f)
        Qsimmu = torch.stack(rec[0], 0)
        comp = [torch.stack(r, 0) for r in rec[1:]]
    else:
        Qsimmu = torch.zeros([nrun, nbasin, nmul], dtype=dtype, device=P.device)
        comp = [torch.zeros([nrun, nbasin, nmul], dtype=dtype, device=P.device)
                for _ in range(4 if components else 0)]
        for t in range(warmup, ndays):
            fluxes, states = _step(t, Pm, Tm, ETm, params, states, betaet, capillary)
            Qsimmu[t - warmup] = fluxes[0]   # dPL: Qsimmu[t, :, :] = Q0 + Q1 + Q2
            for c, f in zip(comp, fluxes[1:]):
                c[t - warmup] = f

    Qsimave = Qsimmu.mean(-1)                      # [days, basins]
    q_routed = None
    if route_a is not None:
        UH = uh_gamma(route_a, route_b, UH_LEN)
        q_routed = uh_conv(Qsimave, UH)
    out = {"q_unrouted": Qsimave, "q_routed": q_routed, "states": states}
    if components:
        for name, c in zip(("q0", "q1", "q2", "et"), comp):
            out[name] = c.mean(-1)
    return out


def scale_params(raw, nmul, staind=-1, betaet=True, capillary=False):
    """Network outputs in [0,1], raw [days, basins, nparam*nmul] -> dict of physical params.

    Channel layout follows dPL: reshape to [days, basins, nparam, nmul]. Static
    parameters are taken on day ``staind`` (the last day), BETA/BETAET kept dynamic.
    """
    names = list(PARAM_NAMES) if betaet else PARAM_NAMES[:12]
    bounds = list(PARAM_BOUNDS) if betaet else PARAM_BOUNDS[:12]
    if capillary:
        names = names + ["C"]
        bounds = bounds + [C_BOUNDS]
    ndays, nbasin = raw.shape[0], raw.shape[1]
    parAll = raw.view(ndays, nbasin, len(names), nmul)
    par = {}
    for ip, (name, (lo, hi)) in enumerate(zip(names, bounds)):
        if name in DYNAMIC:
            par[name] = lo + parAll[:, :, ip, :] * (hi - lo)
        else:
            par[name] = lo + parAll[staind, :, ip, :] * (hi - lo)
    return par


def scale_route(rtwts):
    """Routing network outputs in [0,1], [basins, 2] -> route_a, route_b."""
    a = ROUTE_BOUNDS[0][0] + rtwts[:, 0] * (ROUTE_BOUNDS[0][1] - ROUTE_BOUNDS[0][0])
    b = ROUTE_BOUNDS[1][0] + rtwts[:, 1] * (ROUTE_BOUNDS[1][1] - ROUTE_BOUNDS[1][0])
    return a, b


def dhbv_forward(x, raw, rtwts, nmul, warmup=0, betaet=True, capillary=False,
                 components=False, lean=False):
    """The dPL HBV forward: x [days, basins, 3] (P, T, PET), raw [days, basins, nparam*nmul]
    and rtwts [basins, 2] network outputs in [0,1]. Returns the routed flow [days-warmup, basins]."""
    par = scale_params(raw, nmul, betaet=betaet, capillary=capillary)
    route_a, route_b = scale_route(rtwts)
    out = hbv_forward(x[:, :, 0], x[:, :, 1], x[:, :, 2], par, route_a, route_b,
                      warmup=warmup, betaet=betaet, capillary=capillary,
                      components=components, lean=lean)
    return out["q_routed"]


# ---------------------------------------------------------------------------------------
# The field's code as published today: hydroDL2's HBV 1.0

# The series hydroDL2's Hbv.forward returns, as the mean over the components (or routed),
# [days, basins]: its output names, and the names of the dgm outputs that carry them in
# bench/models/hbv_hydrodl2.dgm. BFI, one number per basin, comes on top.
HYDRODL2_OUTPUTS = {
    "streamflow": "Q", "srflow": "Q0_routed", "ssflow": "Q1_routed", "gwflow": "Q2_routed",
    "AET_hydro": "ET", "PET_hydro": "PET_mean", "SWE": "SWE",
    "streamflow_no_rout": "Q_unrouted", "srflow_no_rout": "Q0_unrouted",
    "ssflow_no_rout": "Q1_unrouted", "gwflow_no_rout": "Q2_unrouted",
    "recharge": "recharge_mean", "excs": "excess_mean", "evapfactor": "evapfactor_mean",
    "tosoil": "tosoil_mean", "percolation": "perc_mean",
}
NEARZERO = 1e-5


def hydrodl2_forward(x, raw, rtwts, nmul, dynamic=DYNAMIC, dy_drop=0.0):
    """dHBV 1.0 the way the field runs it today: the operations of hydroDL2's Hbv
    (mhpi/hydrodl2, src/hydrodl2/models/hbv/hbv.py, as used by dMG / generic_deltamodel),
    from the network's outputs after its sigmoid, without warm-up.

    x [days, basins, 3] (P, T, PET); raw [days, basins, 13·nmul] in [0, 1]; rtwts
    [basins, 2] in [0, 1]. What that code does beyond hbv_forward:
      - every parameter is expanded to [days, basins, nmul]: a static one is the last
        day's value repeated over the days, a dynamic one is mixed with it through a
        Bernoulli(dy_drop) mask per basin (dy_drop = 0: the mask is all zeros);
      - each day selects all 13 parameters' day slices;
      - each day writes 16 [days, basins, nmul] series: Q, Q0, Q1, Q2, ET, SWE,
        recharge, excess, evapfactor, tosoil, PERC and the five states (which it
        records but does not return);
      - after the loop, the means over the components of 11 of them, the routed Q and
        routed Q0, Q1, Q2 (four convolutions), and the baseflow index.
    Returns {hydroDL2 output name: [days, basins]} (HYDRODL2_OUTPUTS) and "BFI" [basins].
    Same equations as hbv_forward, so the same numbers for the same parameters.
    """
    ndays, nbasin = x.shape[0], x.shape[1]
    dtype = x.dtype
    parAll = raw.view(ndays, nbasin, len(PARAM_NAMES), nmul)
    route_a, route_b = scale_route(rtwts)
    drop = torch.ones([1, nbasin, 1], dtype=dtype) * dy_drop
    par = {}
    for ip, (name, (lo, hi)) in enumerate(zip(PARAM_NAMES, PARAM_BOUNDS)):
        static = parAll[-1, :, ip, :].unsqueeze(0).repeat([ndays, 1, 1])
        if name in dynamic:
            mask = torch.bernoulli(drop)
            static = parAll[:, :, ip, :] * (1 - mask) + static * mask
        par[name] = static * (hi - lo) + lo

    Pm = x[:, :, 0].unsqueeze(2).repeat(1, 1, nmul)
    Tm = x[:, :, 1].unsqueeze(2).repeat(1, 1, nmul)
    ETm = x[:, :, 2].unsqueeze(-1).repeat(1, 1, nmul)

    def series(initial=0.0):
        z = torch.zeros(Pm.size(), dtype=dtype)
        return z + initial if initial else z
    Qsimmu, Q0s, Q1s, Q2s = series(0.001), series(0.0001), series(0.0001), series(0.0001)
    # ET, SWE, recharge, excess, evapfactor, tosoil, PERC
    AET, SWE, rech, exs, evf, tos, percs = (series() for _ in range(7))
    states_rec = [series() for _ in range(5)]
    states = tuple(torch.zeros([nbasin, nmul], dtype=dtype) + STATE_INIT for _ in range(5))

    day = {}
    for t in range(ndays):
        for k in par:
            day[k] = par[k][t, :, :]
        f, states = _step(t, Pm, Tm, ETm, day, states, True, False, dynamic=())
        Q, Q0, Q1, Q2, ETact, recharge, excess, evapfactor, tosoil, PERC = f
        Qsimmu[t, :, :] = Q
        Q0s[t, :, :] = Q0
        Q1s[t, :, :] = Q1
        Q2s[t, :, :] = Q2
        AET[t, :, :] = ETact
        SWE[t, :, :] = states[0]
        rech[t, :, :] = recharge
        exs[t, :, :] = excess
        evf[t, :, :] = evapfactor
        tos[t, :, :] = tosoil
        percs[t, :, :] = PERC
        for rec, s in zip(states_rec, states):
            rec[t, :, :] = s

    Qsim = Qsimmu.mean(-1)
    UH = uh_gamma(route_a, route_b, UH_LEN)
    Qs = uh_conv(Qsim, UH)
    Q0m, Q1m, Q2m = Q0s.mean(-1), Q1s.mean(-1), Q2s.mean(-1)
    Q0r, Q1r, Q2r = uh_conv(Q0m, UH), uh_conv(Q1m, UH), uh_conv(Q2m, UH)
    out = {
        "streamflow": Qs, "srflow": Q0r, "ssflow": Q1r, "gwflow": Q2r,
        "AET_hydro": AET.mean(-1), "PET_hydro": ETm.mean(-1), "SWE": SWE.mean(-1),
        "streamflow_no_rout": Qsim, "srflow_no_rout": Q0m, "ssflow_no_rout": Q1m,
        "gwflow_no_rout": Q2m, "recharge": rech.mean(-1), "excs": exs.mean(-1),
        "evapfactor": evf.mean(-1), "tosoil": tos.mean(-1), "percolation": percs.mean(-1),
    }
    out["BFI"] = 100 * (Q2r.sum(0) / (Qs.sum(0) + NEARZERO))
    return out


# ---------------------------------------------------------------------------------------
# Benchmark

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.normpath(os.path.join(HERE, "..", "..", "examples", "data",
                                            "01031500_daily.csv"))


def load_daily_csv(path=DEFAULT_CSV):
    """[n, 3] float64 tensor of P, T, PET from examples/data/01031500_daily.csv."""
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows.append([float(r["P"]), float(r["T"]), float(r["PET"])])
    return torch.tensor(rows, dtype=torch.float64)


def synthetic_inputs(basins, days, nmul, dtype, seed=0, betaet=True, capillary=False,
                     csv_path=DEFAULT_CSV):
    """Real 01031500 forcings, each basin starting on a different day of the 34-year
    series (wrapping around), and random network outputs in [0,1] (uniform)."""
    series = load_daily_csv(csv_path)
    n = series.shape[0]
    g = torch.Generator().manual_seed(seed)
    starts = torch.randint(0, n, (basins,), generator=g)
    idx = (starts.unsqueeze(0) + torch.arange(days).unsqueeze(1)) % n   # [days, basins]
    x = series[idx].to(dtype)                                           # [days, basins, 3]
    nparam = (13 if betaet else 12) + (1 if capillary else 0)
    raw = torch.rand([days, basins, nparam * nmul], generator=g, dtype=torch.float64).to(dtype)
    rtwts = torch.rand([basins, 2], generator=g, dtype=torch.float64).to(dtype)
    return x, raw, rtwts


def main(argv=None):
    ap = argparse.ArgumentParser(description="Time the dHBV 1.0 PyTorch forward pass.")
    ap.add_argument("--basins", type=int, default=100)
    ap.add_argument("--nmul", type=int, default=16)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--warmup", type=int, default=0,
                    help="warm-up days inside --days (states only, no_grad)")
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--no-betaet", action="store_true", help="ET exponent 1 (no BETAET)")
    ap.add_argument("--capillary", action="store_true", help="HBV 1.1p capillary rise (C)")
    ap.add_argument("--components", action="store_true",
                    help="also record Q0, Q1, Q2, ET each day (as dPL's Qall)")
    ap.add_argument("--backward", action="store_true",
                    help="time forward + backward of sum(routed Q) w.r.t. the physical "
                         "parameters (static, dynamic, routing) instead of the no_grad "
                         "forward from network outputs")
    ap.add_argument("--lean", action="store_true",
                    help="unbind()/stack() instead of dPL's per-day indexing and "
                         "Qsimmu[t] = Q (matters for --backward)")
    ap.add_argument("--style", choices=["core", "hydrodl2"], default="core",
                    help="core (default): dhbv_forward, the day loop of the field's code "
                         "and what it needs; hydrodl2: hydrodl2_forward, everything "
                         "hydroDL2's Hbv does and returns (forward only, no warm-up)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    if a.style == "hydrodl2":
        other = [f for f, on in (("--warmup", a.warmup), ("--no-betaet", a.no_betaet),
                                 ("--capillary", a.capillary), ("--components", a.components),
                                 ("--backward", a.backward), ("--lean", a.lean)) if on]
        if other:
            ap.error(f"--style hydrodl2 times hydroDL2's forward as it is; {other[0]} "
                     "applies to --style core only")

    torch.set_num_threads(a.threads)
    dtype = getattr(torch, a.dtype)
    betaet = not a.no_betaet
    x, raw, rtwts = synthetic_inputs(a.basins, a.days, a.nmul, dtype, a.seed,
                                     betaet=betaet, capillary=a.capillary)
    with torch.no_grad():
        par0 = scale_params(raw, a.nmul, betaet=betaet, capillary=a.capillary)
        ra0, rb0 = scale_route(rtwts)

    def once():
        if a.style == "hydrodl2":
            with torch.no_grad():
                return hydrodl2_forward(x, raw, rtwts, a.nmul)["streamflow"]
        if not a.backward:
            with torch.no_grad():
                return dhbv_forward(x, raw, rtwts, a.nmul, a.warmup, betaet, a.capillary,
                                    a.components, a.lean)
        par = {k: v.clone().requires_grad_(True) for k, v in par0.items()}
        ra, rb = ra0.clone().requires_grad_(True), rb0.clone().requires_grad_(True)
        q = hbv_forward(x[:, :, 0], x[:, :, 1], x[:, :, 2], par, ra, rb, a.warmup, betaet,
                        a.capillary, components=a.components, lean=a.lean)["q_routed"]
        q.sum().backward()
        return q.detach()

    times, cpu = [], []
    q = once()                                  # untimed warm run
    for _ in range(a.repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        q = once()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if not torch.isfinite(q).all():
        print("non-finite output", file=sys.stderr)
        return 1
    med, mn = statistics.median(times), min(times)
    steps = a.basins * a.days
    res = {
        "peer": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "basins": a.basins, "nmul": a.nmul, "days": a.days, "warmup": a.warmup,
        "dtype": a.dtype, "betaet": betaet, "capillary": a.capillary,
        "components": a.components, "backward": a.backward, "lean": a.lean,
        "style": a.style,
        "repeat": a.repeat,
        "median_s": med, "min_s": mn,
        # process CPU time (user+sys, all threads): close to the wall time on an idle
        # machine with --threads 1, and much less disturbed by other processes
        "cpu_median_s": statistics.median(cpu), "cpu_min_s": min(cpu),
        "basin_steps_per_s_median": steps / med, "basin_steps_per_s_min": steps / mn,
        "component_steps_per_s_median": steps * a.nmul / med,
        "mean_routed_q": float(q.double().mean()),
    }
    if a.json:
        print(json.dumps(res))
    else:
        mode = "forward+backward" if a.backward else "forward (no_grad)"
        mode += " lean" if a.lean else ""
        mode += " hydroDL2" if a.style == "hydrodl2" else ""
        print(f"dHBV torch {torch.__version__} {mode} {a.dtype} threads={res['threads']} "
              f"basins={a.basins} nmul={a.nmul} days={a.days} warmup={a.warmup}: "
              f"median {med:.4f} s, min {mn:.4f} s, "
              f"{steps / med:.4g} basin-steps/s (median), {steps / mn:.4g} (best); "
              f"CPU time median {statistics.median(cpu):.4f} s, min {min(cpu):.4f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

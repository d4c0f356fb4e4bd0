//===- HBVLanesTest.cpp - δHBV over many basins and components ------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The compiled examples/hbv/hbv.dgm run over 37 basins x 3 components (so
// that the vectorised lane loop, the last block that starts early and
// recomputes lanes 29-31 of the first, the inline pow and every array layout
// of ABI v2 are exercised: dynamic per-component BETA and
// BETAET, shared routing parameters, per-component and basin outputs)
// against an independent C++ implementation of HBV.md written here.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Simulation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace dgm::rt;

namespace {

/// HBV.md, one component: returns the component's daily Q and ET.
struct HBVReference {
  // BETA and BETAET per day; the others constant.
  std::vector<double> beta, betaet;
  double FC, K0, K1, K2, LP, PERC, UZL, TT, CFMAX, CFR, CWH;

  void run(const std::vector<double> &P, const std::vector<double> &T,
           const std::vector<double> &PET, std::vector<double> &Q,
           std::vector<double> &ET) const {
    double snow = 0.001, melt_water = 0.001, sm = 0.001, suz = 0.001,
           slz = 0.001;
    for (size_t t = 0; t < P.size(); ++t) {
      double rain = T[t] >= TT ? P[t] : 0, sn = T[t] < TT ? P[t] : 0;
      snow += sn;
      double melt = std::min(std::max(CFMAX * (T[t] - TT), 0.0), snow);
      melt_water += melt;
      snow -= melt;
      double refreeze =
          std::min(std::max(CFR * CFMAX * (TT - T[t]), 0.0), melt_water);
      snow += refreeze;
      melt_water -= refreeze;
      double tosoil = std::max(melt_water - CWH * snow, 0.0);
      melt_water -= tosoil;
      double soilwet = std::min(std::max(std::pow(sm / FC, beta[t]), 0.0), 1.0);
      double recharge = (rain + tosoil) * soilwet;
      sm += rain + tosoil - recharge;
      double excess = std::max(sm - FC, 0.0);
      sm -= excess;
      double evapfactor =
          std::min(std::max(std::pow(sm / (LP * FC), betaet[t]), 0.0), 1.0);
      double et = std::min(sm, PET[t] * evapfactor);
      sm = std::max(sm - et, 1e-5);
      suz += recharge + excess;
      double perc = std::min(suz, PERC);
      suz -= perc;
      double q0 = K0 * std::max(suz - UZL, 0.0);
      suz -= q0;
      double q1 = K1 * suz;
      suz -= q1;
      slz += perc;
      double q2 = K2 * slz;
      slz -= q2;
      Q.push_back(q0 + q1 + q2);
      ET.push_back(et);
    }
  }
};

/// The gamma unit hydrograph of HBV.md, routed with zero history.
std::vector<double> route(const std::vector<double> &q, double a, double b) {
  double alpha = std::max(a, 0.0) + 0.1, theta = std::max(b, 0.0) + 0.5;
  std::vector<double> w(15);
  double sum = 0;
  for (int k = 0; k < 15; ++k) {
    double t = k + 0.5;
    w[k] = std::pow(t, alpha - 1) * std::exp(-t / theta) /
           (std::exp(std::lgamma(alpha)) * std::pow(theta, alpha));
    sum += w[k];
  }
  std::vector<double> out(q.size());
  for (size_t t = 0; t < q.size(); ++t)
    for (size_t k = 0; k < 15 && k <= t; ++k)
      out[t] += w[k] / sum * q[t - k];
  return out;
}

double relativeError(double got, double want) {
  return std::fabs(got - want) / std::max(std::fabs(want), 1e-9);
}

TEST(HBVLanes, ManyBasinsAndComponentsMatchAnIndependentImplementation) {
  Result<LoadedModel> model = LoadedModel::load(DGM_EXAMPLES_DIR "/libhbv.so");
  ASSERT_TRUE(model.ok()) << model.error().message;
  const int64_t B = 37, C = 3, T = 400;
  Result<SimulationInputs> in = makeInputs(*model, B, T, C);
  ASSERT_TRUE(in.ok()) << in.error().message;

  std::mt19937_64 rng(20261130);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  // Synthetic but realistic forcing: seasonal temperature, showers.
  std::vector<std::vector<double>> P(B), Tm(B), PET(B);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < T; ++t) {
      double season = std::sin(2 * M_PI * (t + 10 * b) / 365.0);
      P[b].push_back(uniform(0, 1) < 0.4 ? uniform(0, 30) : 0);
      Tm[b].push_back(8 + 12 * season + uniform(-3, 3));
      PET[b].push_back(std::max(0.0, 2 + 2 * season + uniform(-0.5, 0.5)));
      in->forcing(0, t, b) = P[b].back();
      in->forcing(1, t, b) = Tm[b].back();
      in->forcing(2, t, b) = PET[b].back();
    }
  auto index = [&](const char *name) {
    return *model->indexOf(VarKind::Param, name);
  };
  auto draw = [&](size_t p) {
    const dgm_variable &v = model->params()[p];
    return uniform(v.lower, v.upper);
  };
  std::vector<std::vector<HBVReference>> refs(B, std::vector<HBVReference>(C));
  std::vector<double> routeA(B), routeB(B);
  for (int64_t b = 0; b < B; ++b) {
    routeA[b] = in->param(index("route_a"), b) = draw(index("route_a"));
    routeB[b] = in->param(index("route_b"), b) = draw(index("route_b"));
    for (int64_t c = 0; c < C; ++c) {
      HBVReference &r = refs[b][c];
      double *fields[] = {&r.FC,  &r.K0, &r.K1,    &r.K2,  &r.LP, &r.PERC,
                          &r.UZL, &r.TT, &r.CFMAX, &r.CFR, &r.CWH};
      const char *names[] = {"FC",  "K0", "K1",    "K2",  "LP", "PERC",
                             "UZL", "TT", "CFMAX", "CFR", "CWH"};
      for (size_t i = 0; i < 11; ++i)
        *fields[i] = in->param(index(names[i]), b, c) = draw(index(names[i]));
      for (int64_t t = 0; t < T; ++t) {
        r.beta.push_back(in->param(index("BETA"), b, c, t) =
                             draw(index("BETA")));
        r.betaet.push_back(in->param(index("BETAET"), b, c, t) =
                               draw(index("BETAET")));
      }
    }
  }

  Result<SimulationOutputs> out = simulate(*model, *in);
  ASSERT_TRUE(out.ok()) << out.error().message;
  auto output = [&](const char *name) {
    return *model->indexOf(VarKind::Output, name);
  };
  double worst = 0;
  for (int64_t b = 0; b < B; ++b) {
    std::vector<double> mean(T), meanET(T);
    for (int64_t c = 0; c < C; ++c) {
      std::vector<double> Q, ET;
      refs[b][c].run(P[b], Tm[b], PET[b], Q, ET);
      for (int64_t t = 0; t < T; ++t) {
        worst = std::max(
            worst, relativeError(out->output(output("Qc"), t, b, c), Q[t]));
        worst = std::max(
            worst, relativeError(out->output(output("ETc"), t, b, c), ET[t]));
        mean[t] += Q[t] / C;
        meanET[t] += ET[t] / C;
      }
    }
    std::vector<double> routed = route(mean, routeA[b], routeB[b]);
    for (int64_t t = 0; t < T; ++t) {
      worst =
          std::max(worst, relativeError(out->output(output("Q_unrouted"), t, b),
                                        mean[t]));
      worst = std::max(
          worst, relativeError(out->output(output("ET"), t, b), meanET[t]));
      worst = std::max(
          worst, relativeError(out->output(output("Q"), t, b), routed[t]));
      // HBV.md's SM = max(SM - ET, 1e-5) creates up to 1e-5 mm when the
      // soil dries out; otherwise the balance closes to rounding.
      for (int64_t c = 0; c < C; ++c)
        EXPECT_LE(std::fabs(out->output(output("balance_error"), t, b, c)),
                  1e-5 + 1e-9);
    }
  }
  EXPECT_LT(worst, 1e-12) << "largest relative difference";
}

/// A value for every input of δHBV that depends only on its indices (and
/// lies within the parameter's bounds), so that a run of the first k basins
/// gets exactly the inputs those basins have in a larger run.
double inputValue(int64_t kind, int64_t var, int64_t t, int64_t b, int64_t c) {
  uint64_t h = 1469598103934665603ull;
  for (int64_t x : {kind, var, t, b, c})
    h = (h ^ static_cast<uint64_t>(x + 7)) * 1099511628211ull;
  h ^= h >> 29;
  return static_cast<double>(h % 1000003) / 1000003.0; // [0, 1)
}

Result<SimulationOutputs> runFirstBasins(const LoadedModel &model, int64_t B,
                                         int64_t C, int64_t T) {
  Result<SimulationInputs> in = makeInputs(model, B, T, C);
  if (!in)
    return in.error();
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < T; ++t) {
      in->forcing(0, t, b) = 60 * std::pow(inputValue(0, 0, t, b, 0), 4);
      in->forcing(1, t, b) = -10 + 30 * inputValue(0, 1, t, b, 0);
      in->forcing(2, t, b) = 4 * inputValue(0, 2, t, b, 0);
    }
  for (size_t p = 0; p < model.params().size(); ++p) {
    const dgm_variable &v = model.params()[p];
    bool perComponent = v.flags & DGM_PER_COMPONENT;
    bool dynamic = v.flags & DGM_DYNAMIC;
    for (int64_t b = 0; b < B; ++b)
      for (int64_t c = 0; c < (perComponent ? C : 1); ++c)
        for (int64_t t = 0; t < (dynamic ? T : 1); ++t)
          in->param(p, b, c, t) =
              v.lower + (v.upper - v.lower) *
                            inputValue(1, static_cast<int64_t>(p), t, b, c);
  }
  SimulationOptions options;
  options.trajectory = true;
  return simulate(model, *in, options);
}

// The lanes of a run are cut into blocks two ways (docs/architecture.md,
// "The loop nest"): with 32 basins or more, blocks of basins per component;
// with fewer, blocks of lanes across the components (here 7 components of
// up to 31 basins: 217 lanes, two blocks, the second starting early). A
// basin's results must not depend on which: the same bits for the first k
// basins run alone as among 37. This also compares the two branches of
// dgm-split-lane-loops: one basin (7 lanes) runs the step unsplit, the
// other runs its pieces.
void checkBlockingDoesNotMatter(const char *library) {
  Result<LoadedModel> model = LoadedModel::load(library);
  ASSERT_TRUE(model.ok()) << model.error().message;
  const int64_t C = 7, T = 120;
  Result<SimulationOutputs> all = runFirstBasins(*model, 37, C, T);
  ASSERT_TRUE(all.ok()) << all.error().message;
  for (int64_t k : {1, 2, 5, 31}) {
    SCOPED_TRACE(::testing::Message() << k << " basins");
    Result<SimulationOutputs> few = runFirstBasins(*model, k, C, T);
    ASSERT_TRUE(few.ok()) << few.error().message;
    size_t mismatches = 0;
    for (size_t o = 0; o < model->outputs().size(); ++o) {
      bool perComponent = model->outputs()[o].flags & DGM_PER_COMPONENT;
      for (int64_t b = 0; b < k; ++b)
        for (int64_t c = 0; c < (perComponent ? C : 1); ++c)
          for (int64_t t = 0; t < T; ++t)
            if (few->output(o, t, b, c) != all->output(o, t, b, c) &&
                mismatches++ < 5)
              ADD_FAILURE() << model->outputs()[o].name << " t=" << t
                            << " b=" << b << " c=" << c << ": "
                            << few->output(o, t, b, c) << " alone, "
                            << all->output(o, t, b, c) << " among 37";
    }
    for (size_t s = 0; s < model->states().size(); ++s)
      for (int64_t b = 0; b < k; ++b)
        for (int64_t c = 0; c < C; ++c) {
          for (int64_t t = 0; t < T; ++t)
            if (few->state(s, t, b, c) != all->state(s, t, b, c))
              ++mismatches;
          if (few->finalState(s, b, c) != all->finalState(s, b, c))
            ++mismatches;
        }
    EXPECT_EQ(mismatches, 0u);
  }
}

TEST(HBVLanes, BlockingDoesNotChangeResultsF64) {
  checkBlockingDoesNotMatter(DGM_EXAMPLES_DIR "/libhbv.so");
}
TEST(HBVLanes, BlockingDoesNotChangeResultsF32) {
  checkBlockingDoesNotMatter(DGM_EXAMPLES_DIR "/libhbv_f32.so");
}

} // namespace

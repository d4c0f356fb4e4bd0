//===- Metrics.cpp - Goodness of fit of a simulation ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Metrics.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace dgm::rt;

namespace {

/// The usable pairs of two series, with two-pass moments (more accurate
/// than running sums when the mean is large against the spread).
struct Pairs {
  std::vector<double> obs, sim;
  double meanObs = 0, meanSim = 0;
  double ssObs = 0, ssSim = 0; // sums of squared deviations
  double coDev = 0;            // sum of products of deviations
  double sse = 0;              // sum of squared errors
};

Result<Pairs> collect(const char *metric, std::span<const double> observed,
                      std::span<const double> simulated, std::size_t minimum) {
  if (observed.size() != simulated.size())
    return Error{std::string(metric) + ": the observed and simulated series " +
                 "have different lengths (" + std::to_string(observed.size()) +
                 " and " + std::to_string(simulated.size()) + ")"};
  Pairs p;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (std::isfinite(observed[i]) && std::isfinite(simulated[i])) {
      p.obs.push_back(observed[i]);
      p.sim.push_back(simulated[i]);
    }
  }
  std::size_t n = p.obs.size();
  if (n < minimum)
    return Error{std::string(metric) + ": " + std::to_string(n) +
                 (n == 1 ? " time step has" : " time steps have") +
                 " both a finite observation and a finite simulation (of " +
                 std::to_string(observed.size()) + "); at least " +
                 std::to_string(minimum) + " needed"};
  for (std::size_t i = 0; i < n; ++i) {
    p.meanObs += p.obs[i];
    p.meanSim += p.sim[i];
  }
  p.meanObs /= static_cast<double>(n);
  p.meanSim /= static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    double dObs = p.obs[i] - p.meanObs, dSim = p.sim[i] - p.meanSim;
    double err = p.sim[i] - p.obs[i];
    p.ssObs += dObs * dObs;
    p.ssSim += dSim * dSim;
    p.coDev += dObs * dSim;
    p.sse += err * err;
  }
  if (!std::isfinite(p.meanObs) || !std::isfinite(p.meanSim) ||
      !std::isfinite(p.ssObs) || !std::isfinite(p.ssSim) ||
      !std::isfinite(p.coDev) || !std::isfinite(p.sse))
    return Error{std::string(metric) +
                 ": the values are too large to score (a sum overflows)"};
  return p;
}

Error noVariance(const char *metric, const char *series, std::size_t n) {
  return Error{std::string(metric) + ": the " + series + " values are " +
               "constant over the " + std::to_string(n) +
               " usable time steps, so the score is undefined"};
}

} // namespace

Result<Score> dgm::rt::nse(std::span<const double> observed,
                           std::span<const double> simulated) {
  Result<Pairs> p = collect("NSE", observed, simulated, 2);
  if (!p)
    return p.takeError();
  if (p->ssObs == 0.0)
    return noVariance("NSE", "observed", p->obs.size());
  return Score{1.0 - p->sse / p->ssObs, p->obs.size()};
}

Result<KgeScore> dgm::rt::kge(std::span<const double> observed,
                              std::span<const double> simulated) {
  Result<Pairs> p = collect("KGE", observed, simulated, 2);
  if (!p)
    return p.takeError();
  std::size_t n = p->obs.size();
  if (p->ssObs == 0.0)
    return noVariance("KGE", "observed", n);
  if (p->ssSim == 0.0)
    return Error{"KGE: the simulated values are constant over the " +
                 std::to_string(n) +
                 " usable time steps, so the correlation r is undefined"};
  if (p->meanObs == 0.0)
    return Error{"KGE: the mean of the observed values is 0 over the " +
                 std::to_string(n) +
                 " usable time steps, so beta = mean(sim) / mean(obs) is "
                 "undefined"};
  KgeScore s;
  s.count = n;
  // Clamped: rounding can put |r| a few ulps above 1.
  s.r = std::clamp(p->coDev / (std::sqrt(p->ssObs) * std::sqrt(p->ssSim)), -1.0,
                   1.0);
  s.alpha = std::sqrt(p->ssSim / p->ssObs);
  s.beta = p->meanSim / p->meanObs;
  s.value =
      1.0 - std::sqrt((s.r - 1) * (s.r - 1) + (s.alpha - 1) * (s.alpha - 1) +
                      (s.beta - 1) * (s.beta - 1));
  return s;
}

Result<Score> dgm::rt::rmse(std::span<const double> observed,
                            std::span<const double> simulated) {
  Result<Pairs> p = collect("RMSE", observed, simulated, 1);
  if (!p)
    return p.takeError();
  std::size_t n = p->obs.size();
  return Score{std::sqrt(p->sse / static_cast<double>(n)), n};
}

Result<Score> dgm::rt::bias(std::span<const double> observed,
                            std::span<const double> simulated) {
  Result<Pairs> p = collect("bias", observed, simulated, 1);
  if (!p)
    return p.takeError();
  return Score{p->meanSim - p->meanObs, p->obs.size()};
}

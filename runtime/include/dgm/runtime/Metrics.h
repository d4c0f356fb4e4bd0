//===- Metrics.h - Goodness of fit of a simulation --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The usual scores of a hydrological simulation against observations:
//
//   NSE  = 1 - sum (s - o)^2 / sum (o - mean(o))^2
//          (Nash & Sutcliffe 1970); 1 is perfect, 0 is as good as the
//          observed mean, and it is unbounded below.
//   KGE  = 1 - sqrt((r - 1)^2 + (alpha - 1)^2 + (beta - 1)^2)
//          (Gupta, Kling, Yilmaz & Martinez 2009, J. Hydrol. 377, eq. 9),
//          r the Pearson correlation of s and o, alpha = sigma_s / sigma_o,
//          beta = mu_s / mu_o. (Not the 2012 "KGE'" of Kling et al., which
//          uses the ratio of coefficients of variation.)
//   RMSE = sqrt(mean (s - o)^2)
//   bias = mean(s - o) = mean(s) - mean(o), in the units of the data
//          (positive: the simulation is too high).
//
// Only the time steps where both the observation and the simulation are
// finite count: a NaN (missing observation, CAMELS's -999 read by Camels.h or
// the CSV reader) or an infinity on either side drops the pair, and each
// score reports how many pairs it used. Standard deviations are population
// ones (divided by n); alpha does not depend on the choice.
//
// A score that cannot be computed is an error value, never a NaN: series of
// different lengths; fewer than 2 usable pairs for NSE and KGE (1 for RMSE
// and bias); observations without variance (NSE, KGE: the denominator is 0);
// for KGE also a zero observed mean (beta) and a simulation without variance
// (the correlation r is undefined); and values so large that a sum
// overflows.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_METRICS_H
#define DGM_RUNTIME_METRICS_H

#include "dgm/runtime/Result.h"

#include <cstddef>
#include <span>

namespace dgm::rt {

/// A score and the number of (observation, simulation) pairs it used.
struct Score {
  double value = 0.0;
  std::size_t count = 0;
};

/// KGE with its three components.
struct KgeScore {
  double value = 0.0; // KGE
  double r = 0.0;     // Pearson correlation
  double alpha = 0.0; // sigma_sim / sigma_obs
  double beta = 0.0;  // mean_sim / mean_obs
  std::size_t count = 0;
};

/// Nash-Sutcliffe efficiency.
Result<Score> nse(std::span<const double> observed,
                  std::span<const double> simulated);

/// Kling-Gupta efficiency (Gupta et al. 2009).
Result<KgeScore> kge(std::span<const double> observed,
                     std::span<const double> simulated);

/// Root mean square error, in the units of the data.
Result<Score> rmse(std::span<const double> observed,
                   std::span<const double> simulated);

/// Mean error, mean(simulated - observed), in the units of the data.
Result<Score> bias(std::span<const double> observed,
                   std::span<const double> simulated);

} // namespace dgm::rt

#endif // DGM_RUNTIME_METRICS_H

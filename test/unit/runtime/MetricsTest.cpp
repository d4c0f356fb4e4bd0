//===- MetricsTest.cpp - Tests of NSE, KGE, RMSE and bias -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Metrics.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <vector>

using namespace dgm::rt;

namespace {

using V = std::vector<double>;
const double NaN = std::numeric_limits<double>::quiet_NaN();
const double Inf = std::numeric_limits<double>::infinity();

template <typename T> T ok(Result<T> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : T{};
}

template <typename T> std::string failure(Result<T> r) {
  EXPECT_FALSE(r.ok()) << "the score was computed";
  return r.ok() ? "" : r.error().message;
}

TEST(Metrics, PerfectFit) {
  V obs = {1.0, 3.0, 2.0, 5.0, 4.0};
  Score n = ok(nse(obs, obs));
  EXPECT_EQ(n.value, 1.0);
  EXPECT_EQ(n.count, 5u);
  KgeScore k = ok(kge(obs, obs));
  EXPECT_NEAR(k.value, 1.0, 1e-15);
  EXPECT_NEAR(k.r, 1.0, 1e-15);
  EXPECT_EQ(k.alpha, 1.0);
  EXPECT_EQ(k.beta, 1.0);
  EXPECT_EQ(k.count, 5u);
  EXPECT_EQ(ok(rmse(obs, obs)).value, 0.0);
  EXPECT_EQ(ok(bias(obs, obs)).value, 0.0);
}

TEST(Metrics, MeanPredictionHasNseZero) {
  V obs = {1.0, 2.0, 6.0, 3.0};
  V sim(4, 3.0); // the observed mean
  EXPECT_NEAR(ok(nse(obs, sim)).value, 0.0, 1e-15);
  EXPECT_EQ(ok(bias(obs, sim)).value, 0.0);
  // RMSE = the population standard deviation of obs: sqrt(14 / 4).
  EXPECT_NEAR(ok(rmse(obs, sim)).value, std::sqrt(3.5), 1e-15);
  // A constant simulation has no correlation with anything.
  EXPECT_EQ(failure(kge(obs, sim)),
            "KGE: the simulated values are constant over the 4 usable time "
            "steps, so the correlation r is undefined");
}

// obs = 1 2 3 4, sim = 2 2 4 4. By hand: mean(obs) = 2.5, sum of squared
// deviations 5; squared errors 1 0 1 0, so NSE = 1 - 2/5 = 0.6.
// mean(sim) = 3, deviations -1 -1 1 1 (sum of squares 4), co-deviation
// 1.5 + 0.5 + 0.5 + 1.5 = 4: r = 4 / sqrt(20) = 0.894427, alpha =
// sqrt(4/5) = 0.894427, beta = 3 / 2.5 = 1.2; KGE = 1 - sqrt(2 * 0.105573^2
// + 0.2^2) = 0.750418. RMSE = sqrt(2/4), bias = 0.5.
TEST(Metrics, SmallExampleByHand) {
  V obs = {1, 2, 3, 4}, sim = {2, 2, 4, 4};
  EXPECT_NEAR(ok(nse(obs, sim)).value, 0.6, 1e-15);
  KgeScore k = ok(kge(obs, sim));
  EXPECT_NEAR(k.r, 0.894427191, 1e-9);
  EXPECT_NEAR(k.alpha, 0.894427191, 1e-9);
  EXPECT_NEAR(k.beta, 1.2, 1e-15);
  EXPECT_NEAR(k.value, 0.750418, 1e-6);
  EXPECT_NEAR(ok(rmse(obs, sim)).value, std::sqrt(0.5), 1e-15);
  EXPECT_NEAR(ok(bias(obs, sim)).value, 0.5, 1e-15);
  // Swapping the roles changes NSE's denominator and flips the bias.
  EXPECT_NEAR(ok(nse(sim, obs)).value, 0.5, 1e-15); // 1 - 2/4
  EXPECT_NEAR(ok(bias(sim, obs)).value, -0.5, 1e-15);
}

TEST(Metrics, ScaledAndShiftedSimulations) {
  V obs = {0.5, 1.0, 4.0, 2.5, 1.5};
  V twice, shifted, reversed;
  for (double o : obs) {
    twice.push_back(2 * o);
    shifted.push_back(o + 1);
  }
  reversed.assign(obs.rbegin(), obs.rend());
  // sim = 2 obs: r = 1, alpha = 2, beta = 2, KGE = 1 - sqrt(2).
  KgeScore k = ok(kge(obs, twice));
  EXPECT_NEAR(k.r, 1.0, 1e-15);
  EXPECT_NEAR(k.alpha, 2.0, 1e-15);
  EXPECT_NEAR(k.beta, 2.0, 1e-15);
  EXPECT_NEAR(k.value, 1.0 - std::sqrt(2.0), 1e-15);
  // sim = obs + 1: NSE = 1 - n / sum of squared deviations (= 7.7 here),
  // bias = 1, RMSE = 1, alpha = 1, r = 1.
  EXPECT_NEAR(ok(nse(obs, shifted)).value, 1.0 - 5.0 / 7.7, 1e-14);
  EXPECT_NEAR(ok(bias(obs, shifted)).value, 1.0, 1e-15);
  EXPECT_NEAR(ok(rmse(obs, shifted)).value, 1.0, 1e-15);
  EXPECT_NEAR(ok(kge(obs, shifted)).alpha, 1.0, 1e-15);
  // Reversed in time: same mean and spread, worse correlation.
  KgeScore rev = ok(kge(obs, reversed));
  EXPECT_NEAR(rev.alpha, 1.0, 1e-15);
  EXPECT_NEAR(rev.beta, 1.0, 1e-15);
  // co-deviation 0.56 - 0.54 + 4.41 - 0.54 + 0.56 = 4.45 over 7.7.
  EXPECT_NEAR(rev.r, 4.45 / 7.7, 1e-14);
  EXPECT_NEAR(rev.value, rev.r, 1e-15); // KGE = 1 - |r - 1| = r
}

TEST(Metrics, SkipsPairsWithNaNOrInfinity) {
  V obs = {1, NaN, 2, 3, 7, 4, -Inf};
  V sim = {2, 5.0, 2, 4, NaN, 4, 1.0};
  // Only (1,2) (2,2) (3,4) (4,4) are used: the small example above.
  Score n = ok(nse(obs, sim));
  EXPECT_NEAR(n.value, 0.6, 1e-15);
  EXPECT_EQ(n.count, 4u);
  KgeScore k = ok(kge(obs, sim));
  EXPECT_NEAR(k.value, 0.750418, 1e-6);
  EXPECT_EQ(k.count, 4u);
  EXPECT_EQ(ok(rmse(obs, sim)).count, 4u);
  EXPECT_NEAR(ok(bias(obs, sim)).value, 0.5, 1e-15);
}

TEST(Metrics, Errors) {
  V a = {1, 2, 3};
  V b = {1, 2};
  EXPECT_EQ(failure(nse(a, b)),
            "NSE: the observed and simulated series have different lengths "
            "(3 and 2)");
  EXPECT_EQ(failure(rmse(a, b)),
            "RMSE: the observed and simulated series have different lengths "
            "(3 and 2)");
  V oneUsable = {1, NaN, NaN}, sim = {1, 2, 3};
  EXPECT_EQ(failure(nse(oneUsable, sim)),
            "NSE: 1 time step has both a finite observation and a finite "
            "simulation (of 3); at least 2 needed");
  EXPECT_EQ(failure(kge(V{}, V{})),
            "KGE: 0 time steps have both a finite observation and a finite "
            "simulation (of 0); at least 2 needed");
  EXPECT_EQ(ok(rmse(oneUsable, sim)).count, 1u); // one pair is enough
  EXPECT_EQ(failure(bias(V{NaN}, V{1})),
            "bias: 0 time steps have both a finite observation and a finite "
            "simulation (of 1); at least 1 needed");
  V flat = {2, 2, 2};
  EXPECT_EQ(failure(nse(flat, sim)),
            "NSE: the observed values are constant over the 3 usable time "
            "steps, so the score is undefined");
  EXPECT_EQ(failure(kge(flat, sim)),
            "KGE: the observed values are constant over the 3 usable time "
            "steps, so the score is undefined");
  V zeroMean = {-1, 1, 0};
  EXPECT_EQ(failure(kge(zeroMean, sim)),
            "KGE: the mean of the observed values is 0 over the 3 usable "
            "time steps, so beta = mean(sim) / mean(obs) is undefined");
  EXPECT_TRUE(nse(zeroMean, sim).ok()); // NSE does not need the mean
  V huge = {1e300, -1e300, 1e300};
  EXPECT_EQ(failure(nse(huge, sim)),
            "NSE: the values are too large to score (a sum overflows)");
}

} // namespace

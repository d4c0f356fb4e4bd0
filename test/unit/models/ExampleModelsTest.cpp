//===- ExampleModelsTest.cpp - Compiled examples vs hand-written C++ ------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Each example is compiled by dgmc at build time. Here it is loaded through
// the bare C ABI and run for several basins with different parameters over
// synthetic weather that crosses every branch (frost and thaw, dry and wet
// spells); outputs, state trajectories and final states must agree with an
// independent C++ implementation to 1e-12.
//
//===----------------------------------------------------------------------===//

#include "ModelLibrary.h"
#include "ReferenceModels.h"

#include "linear_reservoir.h"
#include "snow_bucket.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <thread>

using namespace dgm::test;

namespace {

constexpr double kTolerance = 1e-12;

/// Relative agreement, with an absolute floor for values near zero.
::testing::AssertionResult agrees(double actual, double expected) {
  double scale = std::max(1.0, std::fabs(expected));
  if (std::fabs(actual - expected) <= kTolerance * scale)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << actual << ", expected " << expected << " (difference "
         << actual - expected << ")";
}

/// Daily weather for `numSteps` days: a seasonal temperature cycle from
/// about -15 to +25 degC, showers on roughly 40% of days, seasonal PET.
struct Weather {
  std::vector<double> P, T, PET;
  explicit Weather(int64_t numSteps, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int64_t t = 0; t < numSteps; ++t) {
      double season = std::sin(2 * M_PI * (t - 100) / 365.0);
      P.push_back(unit(rng) < 0.4 ? 30.0 * unit(rng) * unit(rng) : 0.0);
      T.push_back(5.0 + 20.0 * season + 4.0 * (unit(rng) - 0.5));
      PET.push_back(std::max(0.0, 2.0 + 2.0 * season + 0.5 * unit(rng)));
    }
  }
};

/// A parameter value drawn uniformly within the descriptor's bounds.
double drawWithinBounds(const dgm_variable &param, std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return param.lower + unit(rng) * (param.upper - param.lower);
}

/// index [variable][step][basin] of an ABI array.
size_t at(int64_t variable, int64_t step, int64_t basin, int64_t numSteps,
          int64_t numBasins) {
  return (variable * numSteps + step) * numBasins + basin;
}

//===----------------------------------------------------------------------===//
// The descriptor says what the .dgm file says
//===----------------------------------------------------------------------===//

TEST(LinearReservoir, DescriptorMatchesTheSource) {
  ModelLibrary library("linear_reservoir");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  EXPECT_EQ(m.abi_version, DGM_ABI_VERSION);
  EXPECT_EQ(m.scalar_bits, 64u);
  EXPECT_STREQ(m.name, "linear_reservoir");
  EXPECT_NE(std::strstr(m.source, "linear_reservoir.dgm"), nullptr);
  ASSERT_EQ(m.num_forcings, LINEAR_RESERVOIR_NUM_FORCINGS);
  ASSERT_EQ(m.num_params, LINEAR_RESERVOIR_NUM_PARAMS);
  ASSERT_EQ(m.num_states, LINEAR_RESERVOIR_NUM_STATES);
  ASSERT_EQ(m.num_outputs, LINEAR_RESERVOIR_NUM_OUTPUTS);
  ASSERT_EQ(m.num_forcings, 2);
  ASSERT_EQ(m.num_params, 2);
  ASSERT_EQ(m.num_states, 1);
  ASSERT_EQ(m.num_outputs, 2);

  const dgm_variable &P = m.forcings[LINEAR_RESERVOIR_FORCING_P];
  EXPECT_STREQ(P.name, "P");
  EXPECT_STREQ(P.unit, "mm/d");
  EXPECT_STREQ(P.description, "precipitation");
  EXPECT_EQ(P.kind, DGM_FORCING);
  EXPECT_TRUE(std::isnan(P.default_value));
  EXPECT_TRUE(std::isinf(P.lower) && P.lower < 0);

  const dgm_variable &k = m.params[LINEAR_RESERVOIR_PARAM_k];
  EXPECT_STREQ(k.name, "k");
  EXPECT_STREQ(k.unit, "1/d");
  EXPECT_EQ(k.kind, DGM_PARAM);
  EXPECT_EQ(k.index, LINEAR_RESERVOIR_PARAM_k);
  EXPECT_EQ(k.lower, 0.001);
  EXPECT_EQ(k.upper, 1.0);
  EXPECT_EQ(k.default_value, 0.05);

  const dgm_variable &S = m.states[LINEAR_RESERVOIR_STATE_S];
  EXPECT_STREQ(S.name, "S");
  EXPECT_EQ(S.kind, DGM_STATE);
  EXPECT_EQ(S.default_value, 10.0);

  const dgm_variable &ET = m.outputs[LINEAR_RESERVOIR_OUTPUT_ET];
  EXPECT_STREQ(ET.name, "ET");
  EXPECT_STREQ(ET.description, "actual evapotranspiration");
  EXPECT_EQ(ET.kind, DGM_OUTPUT);
  EXPECT_EQ(ET.index, 1);
}

TEST(SnowBucket, DescriptorMatchesTheSource) {
  ModelLibrary library("snow_bucket");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  EXPECT_STREQ(m.name, "snow_bucket");
  ASSERT_EQ(m.num_params, SNOW_BUCKET_NUM_PARAMS);
  const char *paramNames[] = {"TT", "CFMAX", "FC", "BETA",
                              "LP", "K1",    "K2", "PERC"};
  ASSERT_EQ(m.num_params, 8);
  for (int i = 0; i < m.num_params; ++i) {
    EXPECT_STREQ(m.params[i].name, paramNames[i]);
    EXPECT_EQ(m.params[i].index, i);
  }
  EXPECT_STREQ(m.params[SNOW_BUCKET_PARAM_CFMAX].unit, "mm/degC/d");
  EXPECT_EQ(m.params[SNOW_BUCKET_PARAM_TT].lower, -2.5);
  EXPECT_EQ(m.states[SNOW_BUCKET_STATE_SM].default_value, 100.0);
  EXPECT_STREQ(m.outputs[SNOW_BUCKET_OUTPUT_melt].name, "melt");
}

//===----------------------------------------------------------------------===//
// Simulations agree with the hand-written models
//===----------------------------------------------------------------------===//

TEST(LinearReservoir, AgreesWithHandWrittenModel) {
  ModelLibrary library("linear_reservoir");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();

  SimulationRun run;
  run.numBasins = 5;
  run.numSteps = 1000;
  Weather weather(run.numSteps, 42);
  std::mt19937_64 rng(7);
  run.params.resize(m.num_params * run.numBasins);
  for (int p = 0; p < m.num_params; ++p)
    for (int64_t b = 0; b < run.numBasins; ++b)
      run.params[p * run.numBasins + b] = drawWithinBounds(m.params[p], rng);
  for (int64_t b = 0; b < run.numBasins; ++b)
    run.initStates.push_back(5.0 * b);
  run.forcings.resize(m.num_forcings * run.numSteps * run.numBasins);
  for (int64_t t = 0; t < run.numSteps; ++t)
    for (int64_t b = 0; b < run.numBasins; ++b) {
      // Each basin gets its own rescaled weather.
      run.forcings[at(LINEAR_RESERVOIR_FORCING_P, t, b, run.numSteps,
                      run.numBasins)] = weather.P[t] * (1.0 + 0.1 * b);
      run.forcings[at(LINEAR_RESERVOIR_FORCING_PET, t, b, run.numSteps,
                      run.numBasins)] = weather.PET[t];
    }
  ASSERT_EQ(run.simulate(m), 0);

  for (int64_t b = 0; b < run.numBasins; ++b) {
    LinearReservoir ref{
        run.params[LINEAR_RESERVOIR_PARAM_k * run.numBasins + b],
        run.params[LINEAR_RESERVOIR_PARAM_fET * run.numBasins + b],
        run.initStates[b]};
    for (int64_t t = 0; t < run.numSteps; ++t) {
      ref.step(weather.P[t] * (1.0 + 0.1 * b), weather.PET[t]);
      auto out = [&](int o) {
        return run.outputs[at(o, t, b, run.numSteps, run.numBasins)];
      };
      ASSERT_TRUE(agrees(out(LINEAR_RESERVOIR_OUTPUT_Q), ref.Q))
          << "Q, basin " << b << ", step " << t;
      ASSERT_TRUE(agrees(out(LINEAR_RESERVOIR_OUTPUT_ET), ref.ET))
          << "ET, basin " << b << ", step " << t;
      ASSERT_TRUE(agrees(run.trajectory[at(LINEAR_RESERVOIR_STATE_S, t, b,
                                           run.numSteps, run.numBasins)],
                         ref.S))
          << "S, basin " << b << ", step " << t;
    }
    EXPECT_TRUE(agrees(run.finalStates[b], ref.S)) << "final S, basin " << b;
  }
}

/// Runs snow_bucket for `numBasins` basins and checks it against SnowBucket.
void checkSnowBucket(const dgm_model &m, int64_t numBasins, int64_t numSteps,
                     unsigned seed) {
  SimulationRun run;
  run.numBasins = numBasins;
  run.numSteps = numSteps;
  Weather weather(numSteps, seed);
  std::mt19937_64 rng(seed + 1);
  run.params.resize(m.num_params * numBasins);
  for (int p = 0; p < m.num_params; ++p)
    for (int64_t b = 0; b < numBasins; ++b)
      run.params[p * numBasins + b] = drawWithinBounds(m.params[p], rng);
  run.initStates.resize(m.num_states * numBasins);
  for (int s = 0; s < m.num_states; ++s)
    for (int64_t b = 0; b < numBasins; ++b)
      run.initStates[s * numBasins + b] = m.states[s].default_value + b;
  run.forcings.resize(m.num_forcings * numSteps * numBasins);
  for (int64_t t = 0; t < numSteps; ++t)
    for (int64_t b = 0; b < numBasins; ++b) {
      run.forcings[at(SNOW_BUCKET_FORCING_P, t, b, numSteps, numBasins)] =
          weather.P[t];
      run.forcings[at(SNOW_BUCKET_FORCING_T, t, b, numSteps, numBasins)] =
          weather.T[t] - 0.5 * b;
      run.forcings[at(SNOW_BUCKET_FORCING_PET, t, b, numSteps, numBasins)] =
          weather.PET[t];
    }
  ASSERT_EQ(run.simulate(m), 0);

  auto param = [&](int p, int64_t b) { return run.params[p * numBasins + b]; };
  auto init = [&](int s, int64_t b) {
    return run.initStates[s * numBasins + b];
  };
  for (int64_t b = 0; b < numBasins; ++b) {
    SnowBucket ref{
        param(SNOW_BUCKET_PARAM_TT, b),  param(SNOW_BUCKET_PARAM_CFMAX, b),
        param(SNOW_BUCKET_PARAM_FC, b),  param(SNOW_BUCKET_PARAM_BETA, b),
        param(SNOW_BUCKET_PARAM_LP, b),  param(SNOW_BUCKET_PARAM_K1, b),
        param(SNOW_BUCKET_PARAM_K2, b),  param(SNOW_BUCKET_PARAM_PERC, b),
        init(SNOW_BUCKET_STATE_SNOW, b), init(SNOW_BUCKET_STATE_SM, b),
        init(SNOW_BUCKET_STATE_UZ, b),   init(SNOW_BUCKET_STATE_LZ, b)};
    bool sawSnow = false, sawMelt = false;
    for (int64_t t = 0; t < numSteps; ++t) {
      ref.step(weather.P[t], weather.T[t] - 0.5 * b, weather.PET[t]);
      sawSnow |= ref.SNOW > 1.0;
      sawMelt |= ref.melt > 0.0;
      auto out = [&](int o) {
        return run.outputs[at(o, t, b, numSteps, numBasins)];
      };
      auto state = [&](int s) {
        return run.trajectory[at(s, t, b, numSteps, numBasins)];
      };
      ASSERT_TRUE(agrees(out(SNOW_BUCKET_OUTPUT_Q), ref.Q))
          << "Q, basin " << b << ", step " << t;
      ASSERT_TRUE(agrees(out(SNOW_BUCKET_OUTPUT_ET), ref.ET))
          << "ET, basin " << b << ", step " << t;
      ASSERT_TRUE(agrees(out(SNOW_BUCKET_OUTPUT_melt), ref.melt))
          << "melt, basin " << b << ", step " << t;
      ASSERT_TRUE(agrees(state(SNOW_BUCKET_STATE_SNOW), ref.SNOW));
      ASSERT_TRUE(agrees(state(SNOW_BUCKET_STATE_SM), ref.SM));
      ASSERT_TRUE(agrees(state(SNOW_BUCKET_STATE_UZ), ref.UZ));
      ASSERT_TRUE(agrees(state(SNOW_BUCKET_STATE_LZ), ref.LZ));
    }
    EXPECT_TRUE(
        agrees(run.finalStates[SNOW_BUCKET_STATE_LZ * numBasins + b], ref.LZ));
    // The weather must have exercised the snow branches, or this test
    // would not check them.
    EXPECT_TRUE(sawSnow && sawMelt) << "basin " << b;
  }
}

TEST(SnowBucket, AgreesWithHandWrittenModel) {
  ModelLibrary library("snow_bucket");
  ASSERT_TRUE(library.model()) << library.error();
  checkSnowBucket(*library.model(), /*numBasins=*/4, /*numSteps=*/1500, 3);
}

TEST(SnowBucket, OptionalOutputArraysMayBeNull) {
  ModelLibrary library("snow_bucket");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  SimulationRun full;
  full.numBasins = 2;
  full.numSteps = 50;
  full.params.assign(m.num_params * 2, 0);
  for (int p = 0; p < m.num_params; ++p)
    full.params[p * 2] = full.params[p * 2 + 1] = m.params[p].default_value;
  full.initStates.assign(m.num_states * 2, 1.0);
  full.forcings.assign(m.num_forcings * 50 * 2, 1.0);
  ASSERT_EQ(full.simulate(m), 0);

  std::vector<double> outputs(full.outputs.size(), -1.0);
  ASSERT_EQ(m.simulate(2, 1, 50, full.params.data(), full.initStates.data(),
                       full.forcings.data(), outputs.data(), nullptr, nullptr),
            0);
  EXPECT_EQ(outputs, full.outputs);
}

TEST(SnowBucket, ZeroBasinsOrStepsWriteNothing) {
  ModelLibrary library("snow_bucket");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  double sentinel = 123.0;
  EXPECT_EQ(m.simulate(0, 1, 10, nullptr, nullptr, nullptr, &sentinel, nullptr,
                       nullptr),
            0);
  std::vector<double> params(m.num_params, 1.0), init(m.num_states, 2.0),
      finalStates(m.num_states, -1.0);
  EXPECT_EQ(m.simulate(1, 1, 0, params.data(), init.data(), nullptr, &sentinel,
                       nullptr, finalStates.data()),
            0);
  EXPECT_EQ(sentinel, 123.0);
  // With no steps, the final states are the initial ones.
  EXPECT_EQ(finalStates, init);
}

//===----------------------------------------------------------------------===//
// No global state: concurrent simulations do not interfere
//===----------------------------------------------------------------------===//

TEST(SnowBucket, TwoThreadsSimulateAtOnce) {
  ModelLibrary library("snow_bucket");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  // Each thread checks its own run against the reference, many times over
  // so that the runs overlap in time.
  auto work = [&](unsigned seed) {
    for (int repeat = 0; repeat < 50; ++repeat)
      checkSnowBucket(m, /*numBasins=*/8, /*numSteps=*/2000, seed);
  };
  std::thread first(work, 11u), second(work, 23u);
  first.join();
  second.join();
}

} // namespace

//===- PublishedModelsTest.cpp - Published examples vs hand-written C++ ---===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The examples that implement published models (the Nash cascade, the
// HBV-light snow routine), compiled by dgmc at build time and loaded through
// the bare C ABI. Each is run for many basins at once, every basin with its
// own random parameter set within the declared bounds, its own initial states
// and its own ten-year window of the real forcing of CAMELS basin 01031500
// (examples/data/01031500_daily.csv). Outputs, state trajectories and final
// states must agree with ReferenceModels.cpp to a relative 1e-12; the water
// balance of each basin must close to 1e-9; the Nash cascade's response to a
// pulse must be the negative binomial of its closed form.
//
//===----------------------------------------------------------------------===//

#include "ModelLibrary.h"
#include "ReferenceModels.h"

#include "degree_day_snow.h"
#include "nash_cascade.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>

using namespace dgm::test;

namespace {

/// Relative agreement. The floor keeps a value that should be exactly zero
/// (an empty store) from needing to be bit-identical, and is far below the
/// smallest non-zero amount that matters in mm.
::testing::AssertionResult agrees(double actual, double expected,
                                  double tolerance = 1e-12) {
  double scale = std::max(std::fabs(expected), 1e-200);
  if (std::fabs(actual - expected) <= tolerance * scale)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << actual << ", expected " << expected << " (relative "
         << (actual - expected) / scale << ")";
}

/// The daily forcing of CAMELS basin 01031500, 1980-10-01..2014-12-31.
struct RealForcing {
  std::vector<double> P, T, PET;
  std::string error;

  RealForcing() {
    std::string path = std::string(DGM_DATA_DIR) + "/01031500_daily.csv";
    std::ifstream in(path);
    if (!in) {
      error = "cannot open " + path;
      return;
    }
    std::string line;
    std::getline(in, line);
    if (line != "date,P,T,PET,Qobs") {
      error = path + ": unexpected header '" + line + "'";
      return;
    }
    while (std::getline(in, line)) {
      std::stringstream row(line);
      std::string field[5];
      for (std::string &f : field)
        std::getline(row, f, ',');
      P.push_back(std::strtod(field[1].c_str(), nullptr));
      T.push_back(std::strtod(field[2].c_str(), nullptr));
      PET.push_back(std::strtod(field[3].c_str(), nullptr));
    }
  }

  static const RealForcing &get() {
    static const RealForcing forcing;
    return forcing;
  }
};

constexpr int64_t kRecordDays = 12510;
constexpr int64_t kTenYears = 3652;

double drawWithinBounds(const dgm_variable &param, std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return param.lower + unit(rng) * (param.upper - param.lower);
}

/// index [variable][step][basin] of an ABI array.
size_t at(int64_t variable, int64_t step, int64_t basin, int64_t numSteps,
          int64_t numBasins) {
  return (variable * numSteps + step) * numBasins + basin;
}

/// A run of `numBasins` basins over `numSteps` days: random parameters
/// within the bounds (the first two basins get all lower and all upper
/// bounds), initial states drawn from [0, maxInit[s]), and basin b's forcing
/// from row b * stride of the real record on. `columns` names, for each
/// forcing of the model in index order, the series it reads.
SimulationRun
realForcingRun(const dgm_model &m, int64_t numBasins, int64_t numSteps,
               int64_t stride,
               const std::vector<const std::vector<double> *> &columns,
               const std::vector<double> &maxInit, unsigned seed) {
  SimulationRun run;
  run.numBasins = numBasins;
  run.numSteps = numSteps;
  std::mt19937_64 rng(seed);
  run.params.resize(m.num_params * numBasins);
  for (int p = 0; p < m.num_params; ++p)
    for (int64_t b = 0; b < numBasins; ++b)
      run.params[p * numBasins + b] = b == 0 ? m.params[p].lower
                                      : b == 1
                                          ? m.params[p].upper
                                          : drawWithinBounds(m.params[p], rng);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  run.initStates.resize(m.num_states * numBasins);
  for (int s = 0; s < m.num_states; ++s)
    for (int64_t b = 0; b < numBasins; ++b)
      run.initStates[s * numBasins + b] = maxInit[s] * unit(rng);
  run.forcings.resize(m.num_forcings * numSteps * numBasins);
  for (int f = 0; f < m.num_forcings; ++f)
    for (int64_t t = 0; t < numSteps; ++t)
      for (int64_t b = 0; b < numBasins; ++b)
        run.forcings[at(f, t, b, numSteps, numBasins)] =
            (*columns[f])[b * stride + t];
  return run;
}

//===----------------------------------------------------------------------===//
// Nash cascade
//===----------------------------------------------------------------------===//

TEST(NashCascade, DescriptorMatchesTheSource) {
  ModelLibrary library("nash_cascade");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  EXPECT_EQ(m.abi_version, DGM_ABI_VERSION);
  EXPECT_EQ(m.scalar_bits, 64u);
  EXPECT_STREQ(m.name, "nash_cascade");
  EXPECT_EQ(m.default_components, 0);
  ASSERT_EQ(m.num_forcings, NASH_CASCADE_NUM_FORCINGS);
  ASSERT_EQ(m.num_params, NASH_CASCADE_NUM_PARAMS);
  ASSERT_EQ(m.num_states, NASH_CASCADE_NUM_STATES);
  ASSERT_EQ(m.num_outputs, NASH_CASCADE_NUM_OUTPUTS);
  ASSERT_EQ(m.num_forcings, 2);
  ASSERT_EQ(m.num_params, 1);
  ASSERT_EQ(m.num_states, 3);
  ASSERT_EQ(m.num_outputs, 3);
  const dgm_variable &k = m.params[NASH_CASCADE_PARAM_k];
  EXPECT_STREQ(k.unit, "1/d");
  EXPECT_EQ(k.lower, 0.01);
  EXPECT_EQ(k.upper, 1.0);
  EXPECT_EQ(k.default_value, 0.3);
  const char *states[] = {"S1", "S2", "S3"};
  for (int s = 0; s < 3; ++s) {
    EXPECT_STREQ(m.states[s].name, states[s]);
    EXPECT_STREQ(m.states[s].unit, "mm");
    EXPECT_EQ(m.states[s].default_value, 0.0);
  }
  EXPECT_STREQ(m.outputs[NASH_CASCADE_OUTPUT_Q].name, "Q");
  EXPECT_STREQ(m.outputs[NASH_CASCADE_OUTPUT_Q].unit, "mm/d");
}

/// Runs the cascade on the real forcing and checks every output and state
/// of every basin and day against NashCascade.
void checkNashCascade(const dgm_model &m, int64_t numBasins, unsigned seed) {
  const RealForcing &data = RealForcing::get();
  ASSERT_EQ(data.error, "");
  ASSERT_EQ(static_cast<int64_t>(data.P.size()), kRecordDays);
  int64_t stride = (kRecordDays - kTenYears) / numBasins;
  SimulationRun run = realForcingRun(m, numBasins, kTenYears, stride,
                                     {&data.P, &data.PET}, {50, 50, 50}, seed);
  ASSERT_EQ(run.simulate(m), 0);

  bool sawEvaporationLimited = false, sawPrecipitationLimited = false;
  for (int64_t b = 0; b < numBasins; ++b) {
    auto init = [&](int s) { return run.initStates[s * numBasins + b]; };
    NashCascade ref{run.params[NASH_CASCADE_PARAM_k * numBasins + b],
                    init(NASH_CASCADE_STATE_S1), init(NASH_CASCADE_STATE_S2),
                    init(NASH_CASCADE_STATE_S3)};
    for (int64_t t = 0; t < kTenYears; ++t) {
      double P = data.P[b * stride + t], PET = data.PET[b * stride + t];
      ref.step(P, PET);
      sawEvaporationLimited |= P > 0 && P < PET;
      sawPrecipitationLimited |= P > PET;
      auto out = [&](int o) {
        return run.outputs[at(o, t, b, kTenYears, numBasins)];
      };
      auto state = [&](int s) {
        return run.trajectory[at(s, t, b, kTenYears, numBasins)];
      };
      ASSERT_TRUE(agrees(out(NASH_CASCADE_OUTPUT_Q), ref.Q))
          << "Q, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(out(NASH_CASCADE_OUTPUT_ET), ref.ET))
          << "ET, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(out(NASH_CASCADE_OUTPUT_Peff), ref.Peff))
          << "Peff, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(state(NASH_CASCADE_STATE_S1), ref.S1))
          << "S1, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(state(NASH_CASCADE_STATE_S2), ref.S2))
          << "S2, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(state(NASH_CASCADE_STATE_S3), ref.S3))
          << "S3, basin " << b << ", day " << t;
    }
    auto final = [&](int s) { return run.finalStates[s * numBasins + b]; };
    EXPECT_TRUE(agrees(final(NASH_CASCADE_STATE_S1), ref.S1)) << b;
    EXPECT_TRUE(agrees(final(NASH_CASCADE_STATE_S2), ref.S2)) << b;
    EXPECT_TRUE(agrees(final(NASH_CASCADE_STATE_S3), ref.S3)) << b;
  }
  // Both branches of ET = min(PET, P) were taken.
  EXPECT_TRUE(sawEvaporationLimited && sawPrecipitationLimited);
}

TEST(NashCascade, AgreesWithHandWrittenModelOnRealForcing) {
  ModelLibrary library("nash_cascade");
  ASSERT_TRUE(library.model()) << library.error();
  // 4 x 32 basins, each with its own k, initial stores and decade of data.
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    checkNashCascade(*library.model(), /*numBasins=*/32, seed);
  }
}

TEST(NashCascade, ConservesMass) {
  ModelLibrary library("nash_cascade");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  const RealForcing &data = RealForcing::get();
  ASSERT_EQ(data.error, "");
  // Every basin over the whole 34-year record.
  const int64_t numBasins = 16;
  SimulationRun run = realForcingRun(m, numBasins, kRecordDays, 0,
                                     {&data.P, &data.PET}, {50, 50, 50}, 99);
  ASSERT_EQ(run.simulate(m), 0);
  for (int64_t b = 0; b < numBasins; ++b) {
    double in = 0, out = 0;
    for (int64_t t = 0; t < kRecordDays; ++t) {
      auto value = [&](int o) {
        return run.outputs[at(o, t, b, kRecordDays, numBasins)];
      };
      double P = data.P[t];
      in += P;
      out += value(NASH_CASCADE_OUTPUT_ET) + value(NASH_CASCADE_OUTPUT_Q);
      ASSERT_TRUE(agrees(
          value(NASH_CASCADE_OUTPUT_ET) + value(NASH_CASCADE_OUTPUT_Peff), P))
          << "ET + Peff = P, basin " << b << ", day " << t;
      for (int s = 0; s < m.num_states; ++s)
        ASSERT_GE(run.trajectory[at(s, t, b, kRecordDays, numBasins)], 0.0)
            << "a store went negative: basin " << b << ", day " << t;
    }
    double stored = 0;
    for (int s = 0; s < m.num_states; ++s)
      stored += run.finalStates[s * numBasins + b] -
                run.initStates[s * numBasins + b];
    // In = out + change in storage (dt = 1 d: rates and amounts agree).
    EXPECT_NEAR(in, out + stored, 1e-9 * in) << "basin " << b;
  }
}

TEST(NashCascade, PulseResponseIsTheDiscreteGammaUnitHydrograph) {
  // One millimetre on the first day into empty stores, no evaporation: the
  // outflow on day t is k^3 (t+1)(t+2)/2 (1-k)^t, a negative binomial (the
  // discrete Nash unit hydrograph), whose sum is 1.
  ModelLibrary library("nash_cascade");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  const double ks[] = {0.01, 0.1, 0.3, 0.5, 0.9, 1.0};
  const int64_t numBasins = std::size(ks), numSteps = 400;
  SimulationRun run;
  run.numBasins = numBasins;
  run.numSteps = numSteps;
  run.params.assign(std::begin(ks), std::end(ks));
  run.initStates.assign(m.num_states * numBasins, 0.0);
  run.forcings.assign(m.num_forcings * numSteps * numBasins, 0.0);
  for (int64_t b = 0; b < numBasins; ++b)
    run.forcings[at(NASH_CASCADE_FORCING_P, 0, b, numSteps, numBasins)] = 1.0;
  ASSERT_EQ(run.simulate(m), 0);
  for (int64_t b = 0; b < numBasins; ++b) {
    double k = ks[b], sum = 0;
    for (int64_t t = 0; t < numSteps; ++t) {
      double expected = k * k * k * (t + 1) * (t + 2) / 2 * std::pow(1 - k, t);
      double q =
          run.outputs[at(NASH_CASCADE_OUTPUT_Q, t, b, numSteps, numBasins)];
      ASSERT_TRUE(agrees(q, expected)) << "k " << k << ", day " << t;
      sum += q;
    }
    // k = 0.01 has a mean delay of 300 days; the others have drained.
    double remaining = 0;
    for (int s = 0; s < m.num_states; ++s)
      remaining += run.finalStates[s * numBasins + b];
    EXPECT_NEAR(sum + remaining, 1.0, 1e-12) << "k " << k;
    if (k >= 0.1)
      EXPECT_NEAR(sum, 1.0, 1e-12) << "k " << k;
  }
}

//===----------------------------------------------------------------------===//
// Degree-day snow (HBV-light)
//===----------------------------------------------------------------------===//

TEST(DegreeDaySnow, DescriptorMatchesTheSource) {
  ModelLibrary library("degree_day_snow");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  EXPECT_EQ(m.abi_version, DGM_ABI_VERSION);
  EXPECT_EQ(m.scalar_bits, 64u);
  EXPECT_STREQ(m.name, "degree_day_snow");
  EXPECT_EQ(m.default_components, 0);
  ASSERT_EQ(m.num_forcings, DEGREE_DAY_SNOW_NUM_FORCINGS);
  ASSERT_EQ(m.num_params, DEGREE_DAY_SNOW_NUM_PARAMS);
  ASSERT_EQ(m.num_states, DEGREE_DAY_SNOW_NUM_STATES);
  ASSERT_EQ(m.num_outputs, DEGREE_DAY_SNOW_NUM_OUTPUTS);
  const char *params[] = {"TT", "CFMAX", "SFCF", "CFR", "CWH"};
  ASSERT_EQ(m.num_params, 5);
  for (int p = 0; p < 5; ++p)
    EXPECT_STREQ(m.params[p].name, params[p]);
  EXPECT_STREQ(m.params[DEGREE_DAY_SNOW_PARAM_CFMAX].unit, "mm/degC/d");
  EXPECT_STREQ(m.params[DEGREE_DAY_SNOW_PARAM_TT].unit, "degC");
  EXPECT_EQ(m.params[DEGREE_DAY_SNOW_PARAM_SFCF].lower, 0.5);
  EXPECT_EQ(m.params[DEGREE_DAY_SNOW_PARAM_SFCF].upper, 1.2);
  ASSERT_EQ(m.num_states, 2);
  EXPECT_STREQ(m.states[DEGREE_DAY_SNOW_STATE_SP].name, "SP");
  EXPECT_STREQ(m.states[DEGREE_DAY_SNOW_STATE_WC].name, "WC");
  EXPECT_STREQ(m.outputs[DEGREE_DAY_SNOW_OUTPUT_outflow].name, "outflow");
  EXPECT_STREQ(m.outputs[DEGREE_DAY_SNOW_OUTPUT_outflow].unit, "mm/d");
}

void checkDegreeDaySnow(const dgm_model &m, int64_t numBasins, unsigned seed) {
  const RealForcing &data = RealForcing::get();
  ASSERT_EQ(data.error, "");
  ASSERT_EQ(static_cast<int64_t>(data.P.size()), kRecordDays);
  int64_t stride = (kRecordDays - kTenYears) / numBasins;
  SimulationRun run = realForcingRun(m, numBasins, kTenYears, stride,
                                     {&data.P, &data.T}, {100, 5}, seed);
  ASSERT_EQ(run.simulate(m), 0);

  auto param = [&](int p, int64_t b) { return run.params[p * numBasins + b]; };
  for (int64_t b = 0; b < numBasins; ++b) {
    auto init = [&](int s) { return run.initStates[s * numBasins + b]; };
    DegreeDaySnow ref{param(DEGREE_DAY_SNOW_PARAM_TT, b),
                      param(DEGREE_DAY_SNOW_PARAM_CFMAX, b),
                      param(DEGREE_DAY_SNOW_PARAM_SFCF, b),
                      param(DEGREE_DAY_SNOW_PARAM_CFR, b),
                      param(DEGREE_DAY_SNOW_PARAM_CWH, b),
                      init(DEGREE_DAY_SNOW_STATE_SP),
                      init(DEGREE_DAY_SNOW_STATE_WC)};
    bool sawSnowfall = false, sawMelt = false, sawMeltLimited = false,
         sawRefreeze = false, sawHeld = false, sawBareRain = false;
    for (int64_t t = 0; t < kTenYears; ++t) {
      double P = data.P[b * stride + t], T = data.T[b * stride + t];
      double packBefore = ref.SP;
      ref.step(P, T);
      sawSnowfall |= ref.snowfall > 0;
      sawMelt |= ref.melt > 0;
      sawMeltLimited |= ref.melt > 0 && ref.SP == 0 && packBefore > 0;
      sawRefreeze |= ref.refreeze > 0;
      sawHeld |= ref.SP > 0 && ref.WC > 0;
      sawBareRain |= packBefore == 0 && ref.SP == 0 && P > 0 && ref.outflow > 0;
      auto out = [&](int o) {
        return run.outputs[at(o, t, b, kTenYears, numBasins)];
      };
      auto state = [&](int s) {
        return run.trajectory[at(s, t, b, kTenYears, numBasins)];
      };
      ASSERT_TRUE(agrees(out(DEGREE_DAY_SNOW_OUTPUT_outflow), ref.outflow))
          << "outflow, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(out(DEGREE_DAY_SNOW_OUTPUT_snowfall), ref.snowfall))
          << "snowfall, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(out(DEGREE_DAY_SNOW_OUTPUT_melt), ref.melt))
          << "melt, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(out(DEGREE_DAY_SNOW_OUTPUT_refreeze), ref.refreeze))
          << "refreeze, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(state(DEGREE_DAY_SNOW_STATE_SP), ref.SP))
          << "SP, basin " << b << ", day " << t;
      ASSERT_TRUE(agrees(state(DEGREE_DAY_SNOW_STATE_WC), ref.WC))
          << "WC, basin " << b << ", day " << t;
    }
    auto final = [&](int s) { return run.finalStates[s * numBasins + b]; };
    EXPECT_TRUE(agrees(final(DEGREE_DAY_SNOW_STATE_SP), ref.SP)) << b;
    EXPECT_TRUE(agrees(final(DEGREE_DAY_SNOW_STATE_WC), ref.WC)) << b;
    // Ten Maine winters exercise every process, or this test would not
    // check them. (Basin 0 has CFR = CWH = 0: it holds no water and never
    // refreezes.)
    EXPECT_TRUE(sawSnowfall && sawMelt && sawMeltLimited && sawBareRain)
        << "basin " << b;
    // Water is held only with CWH > 0, and refreezes only if it is held.
    if (param(DEGREE_DAY_SNOW_PARAM_CWH, b) > 0)
      EXPECT_TRUE(sawHeld) << "basin " << b;
    if (param(DEGREE_DAY_SNOW_PARAM_CWH, b) > 0 &&
        param(DEGREE_DAY_SNOW_PARAM_CFR, b) > 0)
      EXPECT_TRUE(sawRefreeze) << "basin " << b;
  }
}

TEST(DegreeDaySnow, AgreesWithHandWrittenModelOnRealForcing) {
  ModelLibrary library("degree_day_snow");
  ASSERT_TRUE(library.model()) << library.error();
  for (unsigned seed : {5u, 6u, 7u, 8u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    checkDegreeDaySnow(*library.model(), /*numBasins=*/32, seed);
  }
}

TEST(DegreeDaySnow, ConservesMass) {
  ModelLibrary library("degree_day_snow");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  const RealForcing &data = RealForcing::get();
  ASSERT_EQ(data.error, "");
  const int64_t numBasins = 16;
  SimulationRun run = realForcingRun(m, numBasins, kRecordDays, 0,
                                     {&data.P, &data.T}, {100, 5}, 77);
  ASSERT_EQ(run.simulate(m), 0);
  for (int64_t b = 0; b < numBasins; ++b) {
    double TT = run.params[DEGREE_DAY_SNOW_PARAM_TT * numBasins + b];
    double SFCF = run.params[DEGREE_DAY_SNOW_PARAM_SFCF * numBasins + b];
    double in = 0, out = 0;
    for (int64_t t = 0; t < kRecordDays; ++t) {
      // The input is the rain and the corrected snowfall, from the forcing.
      in += data.T[t] >= TT ? data.P[t] : SFCF * data.P[t];
      out += run.outputs[at(DEGREE_DAY_SNOW_OUTPUT_outflow, t, b, kRecordDays,
                            numBasins)];
      for (int s = 0; s < m.num_states; ++s)
        ASSERT_GE(run.trajectory[at(s, t, b, kRecordDays, numBasins)], 0.0)
            << "basin " << b << ", day " << t;
    }
    double stored = 0;
    for (int s = 0; s < m.num_states; ++s)
      stored += run.finalStates[s * numBasins + b] -
                run.initStates[s * numBasins + b];
    EXPECT_NEAR(in, out + stored, 1e-9 * in) << "basin " << b;
  }
}

TEST(DegreeDaySnow, WithoutSnowTheRainPassesStraightThrough) {
  // Above TT with no pack, nothing is stored: outflow = P every day.
  ModelLibrary library("degree_day_snow");
  ASSERT_TRUE(library.model()) << library.error();
  const dgm_model &m = *library.model();
  const RealForcing &data = RealForcing::get();
  ASSERT_EQ(data.error, "");
  SimulationRun run;
  run.numBasins = 1;
  run.numSteps = 365;
  for (int p = 0; p < m.num_params; ++p)
    run.params.push_back(m.params[p].default_value);
  run.initStates.assign(m.num_states, 0.0);
  run.forcings.assign(m.num_forcings * run.numSteps, 0.0);
  for (int64_t t = 0; t < run.numSteps; ++t) {
    run.forcings[at(DEGREE_DAY_SNOW_FORCING_P, t, 0, run.numSteps, 1)] =
        data.P[t];
    run.forcings[at(DEGREE_DAY_SNOW_FORCING_T, t, 0, run.numSteps, 1)] = 10.0;
  }
  ASSERT_EQ(run.simulate(m), 0);
  for (int64_t t = 0; t < run.numSteps; ++t)
    ASSERT_EQ(
        run.outputs[at(DEGREE_DAY_SNOW_OUTPUT_outflow, t, 0, run.numSteps, 1)],
        data.P[t])
        << "day " << t;
  EXPECT_EQ(run.finalStates[DEGREE_DAY_SNOW_STATE_SP], 0.0);
  EXPECT_EQ(run.finalStates[DEGREE_DAY_SNOW_STATE_WC], 0.0);
}

} // namespace

//===- SimulationTest.cpp - Tests of simulate() and its checks ------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The expected values are worked out by hand from the linear reservoir
//   avail = S + P;  ET = min(fET * PET, avail);  Q = k * (avail - ET);
//   S += P - ET - Q
// with inputs chosen so that every intermediate is a short binary fraction,
// hence exact in double precision.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Simulation.h"

#include "gtest/gtest.h"

#include <cmath>
#include <string>

using namespace dgm::rt;

namespace {

class Simulation : public ::testing::Test {
protected:
  void SetUp() override {
    Result<LoadedModel> loaded =
        LoadedModel::load(DGM_FIXTURE_LINEAR_RESERVOIR);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    model.emplace(std::move(*loaded));
  }

  /// Two basins over four steps (see the hand calculation in each test).
  SimulationInputs twoBasins() {
    Result<SimulationInputs> made = makeInputs(*model, 2, 4);
    EXPECT_TRUE(made.ok());
    SimulationInputs in = std::move(*made);
    // basin 0: k = 0.5, fET = 0.5, S0 = 10; basin 1: k = 0.25, fET = 1, S0 = 4
    in.param(0, 0) = 0.5;
    in.param(1, 0) = 0.5;
    in.initState(0, 0) = 10;
    in.param(0, 1) = 0.25;
    in.param(1, 1) = 1;
    in.initState(0, 1) = 4;
    const double P[2][4] = {{2, 0, 4, 0}, {0, 8, 0, 0}};
    const double PET[2][4] = {{2, 2, 0, 0}, {1, 0, 0, 2}};
    for (int b = 0; b < 2; ++b)
      for (int t = 0; t < 4; ++t) {
        in.forcing(0, t, b) = P[b][t];
        in.forcing(1, t, b) = PET[b][t];
      }
    return in;
  }

  std::string simulateError(const SimulationInputs &in,
                            const SimulationOptions &options = {}) {
    Result<SimulationOutputs> out = simulate(*model, in, options);
    EXPECT_FALSE(out.ok()) << "simulate succeeded";
    return out.ok() ? "" : out.error().message;
  }

  std::optional<LoadedModel> model;
};

TEST_F(Simulation, DefaultsComeFromTheDescriptor) {
  Result<SimulationInputs> three = makeInputs(*model, 3, 1);
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->params,
            (std::vector<double>{0.05, 0.05, 0.05, 0.5, 0.5, 0.5}));
  EXPECT_EQ(three->initStates, (std::vector<double>{10, 10, 10}));
  Result<SimulationInputs> in = makeInputs(*model, 2, 3);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->params.size(), 4u);
  EXPECT_EQ(in->initStates.size(), 2u);
  ASSERT_EQ(in->forcings.size(), 12u); // 2 forcings x 3 steps x 2 basins
  for (double f : in->forcings)
    EXPECT_TRUE(std::isnan(f)); // unset forcings must not look like data
}

TEST_F(Simulation, HandComputedTwoBasins) {
  SimulationOptions options;
  options.trajectory = true;
  Result<SimulationOutputs> out = simulate(*model, twoBasins(), options);
  ASSERT_TRUE(out.ok()) << out.error().message;
  // Basin 0: avail 12, 5.5, 6.25, 3.125; ET 1, 1, 0, 0.
  const double Q0[] = {5.5, 2.25, 3.125, 1.5625};
  const double ET0[] = {1, 1, 0, 0};
  const double S0[] = {5.5, 2.25, 3.125, 1.5625};
  // Basin 1: avail 4, 10.25, 7.6875, 5.765625; ET 1, 0, 0, 2.
  const double Q1[] = {0.75, 2.5625, 1.921875, 0.94140625};
  const double ET1[] = {1, 0, 0, 2};
  const double S1[] = {2.25, 7.6875, 5.765625, 2.82421875};
  for (int t = 0; t < 4; ++t) {
    EXPECT_EQ(out->output(0, t, 0), Q0[t]) << "step " << t;
    EXPECT_EQ(out->output(1, t, 0), ET0[t]) << "step " << t;
    EXPECT_EQ(out->state(0, t, 0), S0[t]) << "step " << t;
    EXPECT_EQ(out->output(0, t, 1), Q1[t]) << "step " << t;
    EXPECT_EQ(out->output(1, t, 1), ET1[t]) << "step " << t;
    EXPECT_EQ(out->state(0, t, 1), S1[t]) << "step " << t;
  }
  EXPECT_EQ(out->finalState(0, 0), 1.5625);
  EXPECT_EQ(out->finalState(0, 1), 2.82421875);
  // The raw layout is [output][step][basin].
  EXPECT_EQ(out->outputs[(1 * 4 + 3) * 2 + 1], 2.0);
}

TEST_F(Simulation, TrajectoryAndFinalStatesAreOptional) {
  SimulationOptions options;
  options.trajectory = false;
  options.finalStates = false;
  Result<SimulationOutputs> out = simulate(*model, twoBasins(), options);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->trajectory.empty());
  EXPECT_TRUE(out->finalStates.empty());
  EXPECT_EQ(out->outputs.size(), 16u);
}

TEST_F(Simulation, ZeroStepsKeepsTheInitialState) {
  Result<SimulationInputs> in = makeInputs(*model, 1, 0);
  ASSERT_TRUE(in.ok());
  Result<SimulationOutputs> out = simulate(*model, *in);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_TRUE(out->outputs.empty());
  EXPECT_EQ(out->finalState(0, 0), 10.0);
}

TEST_F(Simulation, ShapeErrorsNameTheArray) {
  SimulationInputs in = twoBasins();
  in.params.pop_back();
  EXPECT_EQ(simulateError(in), "params has 3 values, expected 4 (2 parameters; "
                               "4 steps, 2 basins, 1 component)");

  in = twoBasins();
  in.initStates.push_back(1);
  EXPECT_EQ(simulateError(in),
            "init_states has 3 values, expected 2 (1 state; 4 steps, 2 "
            "basins, 1 component)");

  in = twoBasins();
  in.numSteps = 5; // the forcings hold 4 steps
  EXPECT_EQ(simulateError(in), "forcings has 16 values, expected 20 (2 "
                               "forcings; 5 steps, 2 basins, 1 component)");
}

TEST_F(Simulation, CountErrors) {
  SimulationInputs in = twoBasins();
  in.numBasins = 0;
  EXPECT_EQ(simulateError(in),
            "the number of basins must be at least 1, got 0");
  in = twoBasins();
  in.numSteps = -1;
  EXPECT_EQ(simulateError(in),
            "the number of steps must not be negative, got -1");
  in = twoBasins();
  in.numSteps = int64_t(1) << 62;
  EXPECT_EQ(simulateError(in), "2 basins x 1 component x "
                               "4611686018427387904 steps is too large: the "
                               "array sizes overflow");
  // Sizes that do not overflow but cannot be allocated are refused with the
  // reason, rather than ending the process with std::bad_alloc.
  Result<SimulationInputs> huge = makeInputs(*model, 2, int64_t(1) << 40);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().message.rfind(
                "2 basins x 1 component x 1099511627776 steps needs 32 TiB "
                "for its inputs, more than this machine's memory (",
                0),
            0u)
      << huge.error().message;
  Result<SimulationInputs> made = makeInputs(*model, 0, 4);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().message,
            "the number of basins must be at least 1, got 0");
}

TEST_F(Simulation, ParameterChecks) {
  SimulationInputs in = twoBasins();
  in.param(0, 1) = 1.5;
  EXPECT_EQ(simulateError(in), "parameter 'k' of basin 1 is 1.5, outside its "
                               "bounds [0.001, 1]");
  in.param(0, 1) = std::nan("");
  EXPECT_EQ(simulateError(in), "parameter 'k' of basin 1 has no value");

  // Bounds are inclusive.
  in.param(0, 1) = 1.0;
  in.param(1, 0) = 0.0;
  EXPECT_TRUE(simulate(*model, in).ok());

  // The check can be turned off (e.g. to probe a model outside its bounds).
  in.param(0, 1) = 1.5;
  SimulationOptions unchecked;
  unchecked.checkParameters = false;
  EXPECT_TRUE(simulate(*model, in, unchecked).ok());
}

TEST_F(Simulation, SingleBasinMessagesDoNotNameTheBasin) {
  Result<SimulationInputs> in = makeInputs(*model, 1, 1);
  ASSERT_TRUE(in.ok());
  in->param(1, 0) = -0.25;
  EXPECT_EQ(simulateError(*in), "parameter 'fET' is -0.25, outside its bounds "
                                "[0, 1]");
}

TEST_F(Simulation, MissingForcingsFlowThroughAsNaN) {
  SimulationInputs in = twoBasins();
  in.forcing(0, 2, 0) = std::nan(""); // P of basin 0 at step 2
  Result<SimulationOutputs> out = simulate(*model, in);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->output(0, 1, 0), 2.25); // before the gap: unaffected
  EXPECT_TRUE(std::isnan(out->output(0, 2, 0)));
  EXPECT_TRUE(std::isnan(out->finalState(0, 0)));
  EXPECT_EQ(out->finalState(0, 1), 2.82421875); // the other basin
}

/// The error of simulating one basin with the fixture at `path`, or "" if
/// it ran.
std::string simulationError(const char *path) {
  Result<LoadedModel> model = LoadedModel::load(path);
  if (!model.ok())
    return "cannot load: " + model.error().message;
  Result<SimulationInputs> in = makeInputs(*model, 1, 2);
  if (!in.ok())
    return "no inputs: " + in.error().message;
  Result<SimulationOutputs> out = simulate(*model, *in);
  return out.ok() ? "" : out.error().message;
}

TEST(SimulationStatus, NonZeroStatusIsAnError) {
  EXPECT_EQ(
      simulationError(DGM_FIXTURE_FAILING),
      "model 'linear_reservoir' failed: its simulate function returned 3");
}

// 1 is what compiled code returns when calloc fails (abi.h): said in words.
TEST(SimulationStatus, StatusOneIsOutOfMemory) {
  EXPECT_EQ(simulationError(DGM_FIXTURE_OUT_OF_MEMORY),
            "model 'linear_reservoir' failed: its simulate function returned "
            "1 (out of memory for the running sums of the aggregates of its "
            "internal outputs)");
}

} // namespace

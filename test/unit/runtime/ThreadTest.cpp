//===- ThreadTest.cpp - Concurrent simulations with one LoadedModel -------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The runtime promises that simulate() keeps no state of its own: threads
// sharing one LoadedModel must get exactly what a single-threaded run gives.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Simulation.h"

#include "gtest/gtest.h"

#include <random>
#include <thread>

using namespace dgm::rt;

namespace {

/// Inputs with distinct, seeded values per basin and step.
SimulationInputs randomInputs(const LoadedModel &model, unsigned seed) {
  const int64_t basins = 64, steps = 2000;
  Result<SimulationInputs> made = makeInputs(model, basins, steps);
  EXPECT_TRUE(made.ok());
  SimulationInputs in = std::move(*made);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int64_t b = 0; b < basins; ++b) {
    in.param(0, b) = 0.01 + 0.5 * unit(rng);
    in.param(1, b) = unit(rng);
    in.initState(0, b) = 50 * unit(rng);
  }
  for (double &f : in.forcings)
    f = 10 * unit(rng);
  return in;
}

TEST(Threads, ConcurrentRunsMatchSequentialRuns) {
  Result<LoadedModel> model = LoadedModel::load(DGM_FIXTURE_LINEAR_RESERVOIR);
  ASSERT_TRUE(model.ok()) << model.error().message;
  SimulationOptions options;
  options.trajectory = true;

  const unsigned seeds[] = {1, 2};
  SimulationInputs inputs[] = {randomInputs(*model, seeds[0]),
                               randomInputs(*model, seeds[1])};
  // Reference: one after the other on this thread.
  std::vector<SimulationOutputs> expected;
  for (const SimulationInputs &in : inputs) {
    Result<SimulationOutputs> out = simulate(*model, in, options);
    ASSERT_TRUE(out.ok());
    expected.push_back(std::move(*out));
  }
  // The two inputs really differ, so a mix-up between threads would show.
  ASSERT_NE(expected[0].outputs, expected[1].outputs);

  // Both at once, several rounds to give interleavings a chance.
  for (int round = 0; round < 20; ++round) {
    std::optional<SimulationOutputs> got[2];
    bool ok[2] = {false, false};
    std::thread threads[2];
    for (int i = 0; i < 2; ++i)
      threads[i] = std::thread([&, i] {
        Result<SimulationOutputs> out = simulate(*model, inputs[i], options);
        ok[i] = out.ok();
        if (out.ok())
          got[i].emplace(std::move(*out));
      });
    for (std::thread &t : threads)
      t.join();
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(ok[i]) << "thread " << i << " round " << round;
      // Exact equality: the same code on the same inputs.
      EXPECT_EQ(got[i]->outputs, expected[i].outputs) << "thread " << i;
      EXPECT_EQ(got[i]->trajectory, expected[i].trajectory) << "thread " << i;
      EXPECT_EQ(got[i]->finalStates, expected[i].finalStates) << "thread " << i;
    }
  }
}

} // namespace

//===- AggregatesTest.cpp - mean, sum and weighted_mean over components ---===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// inputs/aggregates.dgm, compiled in both precisions, against the same
// equations written here: each component's flow, then per basin and step its
// mean, sum and weighted mean over the components. The compiled code adds
// component by component in the order of this scalar loop, so the results
// must be the same bits. Basin counts below and above 32 (blocks of lanes
// across components, or per component) and above 128 (two blocks, the last
// one padded so that it recomputes lanes of the first).
//
// inputs/aggregates_internal.dgm is the same model with the flow (and the
// storage) `internal`: no per-component array, the step adds each lane into
// the aggregates' sums as it runs. Same bits again.
//
//===----------------------------------------------------------------------===//

#include "ModelLibrary.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

using dgm::test::ModelLibrary;

namespace {

template <typename Float> class Aggregates : public ::testing::Test {};
using Precisions = ::testing::Types<double, float>;
TYPED_TEST_SUITE(Aggregates, Precisions);

const int64_t kSteps = 40;
/// (basins, components): below and above 32 basins (lanes across components
/// or by component), above 128 (two blocks, the last padded), and with
/// enough lanes across components that a block starts in the middle of a
/// basin's components (31 x 10, 5 x 60: the lanes of distinct basins wrap).
const std::pair<int64_t, int64_t> kSizes[] = {
    {1, 5}, {7, 5}, {31, 5}, {31, 10}, {5, 60}, {33, 5}, {200, 5}, {257, 5}};

/// Random inputs in the ABI layout: params k [C][B], w [C][B]; states
/// S [C][B]; forcings P [T][B].
template <typename Float> struct Inputs {
  int64_t nb, nc, lanes;
  std::vector<Float> params, init, forcings;

  Inputs(std::pair<int64_t, int64_t> size, std::mt19937_64 &rng)
      : nb(size.first), nc(size.second), lanes(nb * nc), params(2 * lanes),
        init(lanes), forcings(kSteps * nb) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int64_t v = 0; v < lanes; ++v) {
      params[v] = static_cast<Float>(unit(rng));
      params[lanes + v] = static_cast<Float>(0.1 + 9.9 * unit(rng));
      init[v] = static_cast<Float>(10 * unit(rng));
    }
    for (Float &p : forcings)
      p = static_cast<Float>(unit(rng) < 0.3 ? 20 * unit(rng) : 0);
  }

  int32_t simulate(const dgm_model &model, std::vector<Float> &outputs) const {
    return model.simulate(
        nb, nc, kSteps, reinterpret_cast<const double *>(params.data()),
        reinterpret_cast<const double *>(init.data()),
        reinterpret_cast<const double *>(forcings.data()),
        reinterpret_cast<double *>(outputs.data()), nullptr, nullptr);
  }
};

/// The model as a scalar loop: per step, each lane's flow and storage, and
/// per basin the aggregates, summed component by component.
template <typename Float> struct Expected {
  std::vector<Float> flow;                       // [T][C][B]
  std::vector<Float> mean, sum, weighted, store; // [T][B]

  explicit Expected(const Inputs<Float> &in) {
    const int64_t nb = in.nb, lanes = in.lanes;
    std::vector<Float> state = in.init;
    for (int64_t t = 0; t < kSteps; ++t) {
      for (int64_t v = 0; v < lanes; ++v) {
        state[v] = state[v] + in.forcings[t * nb + v % nb];
        const Float q = in.params[v] * state[v];
        state[v] = state[v] - q;
        flow.push_back(q);
      }
      const Float *q = &flow[t * lanes];
      for (int64_t b = 0; b < nb; ++b) {
        Float total = 0, weightedTotal = 0, weights = 0, storage = 0;
        for (int64_t c = 0; c < in.nc; ++c) {
          const int64_t v = c * nb + b;
          total = total + q[v];
          const Float product = in.params[lanes + v] * q[v];
          weightedTotal = weightedTotal + product;
          weights = weights + in.params[lanes + v];
          storage = storage + state[v];
        }
        mean.push_back(total / static_cast<Float>(in.nc));
        sum.push_back(total);
        weighted.push_back(weightedTotal / weights);
        store.push_back(storage / static_cast<Float>(in.nc));
      }
    }
  }
};

/// `got[i]` equals `expected[i]` bit for bit, for every i of series `name`.
template <typename Float>
void expectSeries(const Float *got, const std::vector<Float> &expected,
                  const char *name, int64_t nb) {
  for (std::size_t i = 0; i < expected.size(); ++i)
    ASSERT_EQ(got[i], expected[i])
        << name << ", step " << i / nb << ", basin " << i % nb;
}

/// Runs `check` on inputs of every size of kSizes, each under its trace.
template <typename Float, typename Check>
void forEachSize(uint64_t seed, Check check) {
  std::mt19937_64 rng(seed);
  for (auto size : kSizes) {
    SCOPED_TRACE("basins " + std::to_string(size.first) + ", components " +
                 std::to_string(size.second));
    check(Inputs<Float>(size, rng));
  }
}

TYPED_TEST(Aggregates, MatchAScalarLoopBitForBit) {
  using Float = TypeParam;
  static ModelLibrary lib(sizeof(Float) == 4 ? "aggregates_f32" : "aggregates");
  ASSERT_NE(lib.model(), nullptr) << lib.error();
  const dgm_model &model = *lib.model();
  ASSERT_EQ(model.num_outputs, 4); // Qc, M, T, W
  forEachSize<Float>(42, [&](const Inputs<Float> &in) {
    const int64_t nb = in.nb;
    // outputs: Qc [T][C][B], then M, T, W [T][B].
    std::vector<Float> outputs(kSteps * in.lanes + 3 * kSteps * nb, Float(-1));
    ASSERT_EQ(in.simulate(model, outputs), 0);
    Expected<Float> want(in);
    const Float *qc = outputs.data();
    const Float *mean = qc + kSteps * in.lanes, *sum = mean + kSteps * nb,
                *weighted = sum + kSteps * nb;
    expectSeries(qc, want.flow, "Qc", in.lanes);
    expectSeries(mean, want.mean, "mean", nb);
    expectSeries(sum, want.sum, "sum", nb);
    expectSeries(weighted, want.weighted, "weighted_mean", nb);
  });
}

TYPED_TEST(Aggregates, OfInternalOutputsMatchAScalarLoopBitForBit) {
  using Float = TypeParam;
  static ModelLibrary lib(sizeof(Float) == 4 ? "aggregates_internal_f32"
                                             : "aggregates_internal");
  ASSERT_NE(lib.model(), nullptr) << lib.error();
  const dgm_model &model = *lib.model();
  // Qc and Sc are internal: only the basin outputs are in the arrays.
  ASSERT_EQ(model.num_outputs, 4); // M, T, W, E
  for (int32_t i = 0; i < model.num_outputs; ++i)
    EXPECT_EQ(model.outputs[i].flags & DGM_PER_COMPONENT, 0u)
        << model.outputs[i].name;
  forEachSize<Float>(43, [&](const Inputs<Float> &in) {
    const int64_t nb = in.nb;
    // outputs: M, T, W, E [T][B], and a guard after them.
    std::vector<Float> outputs(4 * kSteps * nb + 1, Float(-1));
    ASSERT_EQ(in.simulate(model, outputs), 0);
    Expected<Float> want(in);
    const Float *mean = outputs.data(), *sum = mean + kSteps * nb,
                *weighted = sum + kSteps * nb, *store = weighted + kSteps * nb;
    expectSeries(mean, want.mean, "mean", nb);
    expectSeries(sum, want.sum, "sum", nb);
    expectSeries(weighted, want.weighted, "weighted_mean", nb);
    expectSeries(store, want.store, "mean of the storage", nb);
    EXPECT_EQ(outputs.back(), Float(-1)) << "written past the outputs";
  });
}

} // namespace

//===- SimulateBenchmark.cpp - Throughput of compiled example models ------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Times one call of a compiled model's simulate entry for basins x steps,
// and reports basin-steps per second. Run:
//   build/bin/bench-simulate
//
//===----------------------------------------------------------------------===//

#include "dgm/abi.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <dlfcn.h>
#include <string>
#include <vector>

namespace {

const dgm_model *loadExample(const char *name) {
  std::string path = std::string(DGM_EXAMPLES_DIR) + "/lib" + name + ".so";
  void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return nullptr;
  auto getModel =
      reinterpret_cast<dgm_get_model_fn>(dlsym(handle, DGM_GET_MODEL_SYMBOL));
  return getModel ? getModel() : nullptr;
}

void simulate(benchmark::State &state, const char *example) {
  const dgm_model *model = loadExample(example);
  if (!model) {
    state.SkipWithError("cannot load the example library");
    return;
  }
  int64_t basins = state.range(0), steps = state.range(1);
  std::vector<double> params, init;
  for (int p = 0; p < model->num_params; ++p)
    params.insert(params.end(), basins, model->params[p].default_value);
  for (int s = 0; s < model->num_states; ++s)
    init.insert(init.end(), basins, model->states[s].default_value);
  // Seasonal weather so that every branch (snow, melt, dry soil) is taken.
  std::vector<double> forcings(model->num_forcings * steps * basins);
  for (int f = 0; f < model->num_forcings; ++f)
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t b = 0; b < basins; ++b)
        forcings[(f * steps + t) * basins + b] =
            5.0 + 10.0 * std::sin(0.0172 * t + f + 0.01 * b);
  std::vector<double> outputs(model->num_outputs * steps * basins);
  for (auto _ : state) {
    model->simulate(basins, 1, steps, params.data(), init.data(),
                    forcings.data(), outputs.data(), nullptr, nullptr);
    benchmark::DoNotOptimize(outputs.data());
    benchmark::ClobberMemory();
  }
  state.counters["basin_steps/s"] =
      benchmark::Counter(static_cast<double>(basins * steps),
                         benchmark::Counter::kIsIterationInvariantRate);
}

} // namespace

BENCHMARK_CAPTURE(simulate, linear_reservoir, "linear_reservoir")
    ->Args({1, 730})
    ->Args({100, 730})
    ->Args({100, 3650})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(simulate, snow_bucket, "snow_bucket")
    ->Args({1, 730})
    ->Args({100, 730})
    ->Args({100, 3650})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();

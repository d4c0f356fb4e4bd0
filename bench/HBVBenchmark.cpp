//===- HBVBenchmark.cpp - δHBV forward throughput, single thread ----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Times one forward run of the compiled δHBV model (examples/hbv/hbv.dgm,
// built at build time into build/examples/libhbv.so and, in single
// precision, libhbv_f32.so) on one thread: a call of the model's simulate
// entry (dgm/abi.h) for basins x components x days. Everything else (the
// library, the inputs, the output arrays) is prepared before the timed loop.
//
// The inputs are those of the PyTorch peer (bench/peers/hbv_torch.py):
//   - forcings: the real 01031500 series (examples/data/01031500_daily.csv,
//     columns P, T, PET); each basin starts on a random day of the 34 years
//     and wraps around;
//   - parameters: uniform within their bounds, one value per basin and
//     component for the static ones, per step, basin and component for the
//     dynamic ones (BETA, BETAET), per basin for the routing ones;
//   - states: the model's initial values (0.001 mm).
// The compiled model writes every output each step: Qc and ETc per
// component, their means Q_unrouted and ET, the routed Q, and the balance's
// closure error per component.
//
// Benchmarks are named hbv/<f64|f32>/basins:B/components:C/days:T. Sizes:
// the headline 100 x 16 x 730, and series over basins (1..1000, C = 16,
// T = 730), components (1..64, B = 100, T = 730) and days (365..7300,
// B = 100, C = 16), 100 x 16 x 73, whose data stays in cache, and 531 x 16 x
// 365, the CAMELS subset the field trains on. Counters: basin_steps/s = B*T per second,
// lane_steps/s = B*C*T per second, mean_Q = mean routed flow (mm/d) as a
// sanity check that f32 and f64 compute the same thing.
//
// Run (bench/compare.py runs it with JSON output next to the PyTorch peer):
//   ninja -C build bench-hbv && build/bin/bench-hbv
//   build/bin/bench-hbv --benchmark_filter='basins:100/components:16/days:730$'
//
//===----------------------------------------------------------------------===//

#include "dgm/abi.h"
#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Model.h"
#include "dgm/runtime/Simulation.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using dgm::rt::LoadedModel;
using dgm::rt::Result;
using dgm::rt::VarKind;

/// The compiled model of one precision, loaded once (nullptr + message on
/// failure).
struct Library {
  std::unique_ptr<LoadedModel> model;
  std::string error;
};

const Library &library(int bits) {
  static std::map<int, Library> cache;
  auto it = cache.find(bits);
  if (it != cache.end())
    return it->second;
  Library lib;
  // DGM_BENCH_LIB_DIR: time libraries built elsewhere (another commit, or
  // a variant of the model) with the same harness, for A/B comparisons.
  const char *dir = std::getenv("DGM_BENCH_LIB_DIR");
  std::string path = std::string(dir && *dir ? dir : DGM_EXAMPLES_DIR) +
                     (bits == 32 ? "/libhbv_f32.so" : "/libhbv.so");
  Result<LoadedModel> loaded = LoadedModel::load(path);
  if (!loaded) {
    lib.error = loaded.error().message;
  } else if (loaded->descriptor().scalar_bits != static_cast<uint32_t>(bits)) {
    lib.error = path + " computes in " +
                std::to_string(loaded->descriptor().scalar_bits) +
                "-bit floats, not " + std::to_string(bits);
  } else {
    lib.model = std::make_unique<LoadedModel>(std::move(*loaded));
  }
  return cache.emplace(bits, std::move(lib)).first->second;
}

/// P, T, PET of 01031500, one row per day.
struct Series {
  std::vector<std::array<double, 3>> days;
  std::string error;
};

const Series &forcingSeries() {
  static const Series series = [] {
    Series s;
    Result<dgm::rt::CsvTable> table = dgm::rt::CsvTable::readFile(DGM_HBV_CSV);
    if (!table) {
      s.error = table.error().message;
      return s;
    }
    std::array<std::vector<double>, 3> cols;
    const char *names[] = {"P", "T", "PET"};
    for (int c = 0; c < 3; ++c) {
      Result<dgm::rt::NumericColumn> col = table->numericColumn(names[c]);
      if (!col) {
        s.error = col.error().message;
        return s;
      }
      if (col->missingCount) {
        s.error = std::string(DGM_HBV_CSV) + ": column " + names[c] +
                  " has missing values";
        return s;
      }
      cols[c] = std::move(col->values);
    }
    for (std::size_t i = 0; i < cols[0].size(); ++i)
      s.days.push_back({cols[0][i], cols[1][i], cols[2][i]});
    if (s.days.empty())
      s.error = std::string(DGM_HBV_CSV) + " has no rows";
    return s;
  }();
  return series;
}

/// The inputs of one run, in the ABI layout of `model` (doubles: the f32
/// benchmark converts them once, outside the timed loop).
Result<dgm::rt::SimulationInputs> makeHbvInputs(const LoadedModel &model,
                                                int64_t basins,
                                                int64_t components,
                                                int64_t days) {
  const Series &series = forcingSeries();
  if (!series.error.empty())
    return dgm::rt::Error{series.error};
  Result<dgm::rt::SimulationInputs> made =
      dgm::rt::makeInputs(model, basins, days, components);
  if (!made)
    return made;
  dgm::rt::SimulationInputs &in = *made;
  std::mt19937_64 rng(20220901); // fixed: every run times the same inputs
  const int64_t n = static_cast<int64_t>(series.days.size());
  std::uniform_int_distribution<int64_t> startDay(0, n - 1);
  const char *forcingNames[] = {"P", "T", "PET"};
  std::array<std::size_t, 3> column;
  for (int c = 0; c < 3; ++c) {
    std::optional<std::size_t> f =
        model.indexOf(VarKind::Forcing, forcingNames[c]);
    if (!f || model.forcings().size() != 3)
      return dgm::rt::Error{"the model's forcings are not P, T, PET"};
    column[*f] = static_cast<std::size_t>(c);
  }
  for (int64_t b = 0; b < basins; ++b) {
    int64_t start = startDay(rng);
    for (int64_t t = 0; t < days; ++t)
      for (std::size_t f = 0; f < 3; ++f)
        in.forcing(f, t, b) = series.days[(start + t) % n][column[f]];
  }
  // Every value of every parameter block uniform within its bounds, as the
  // peer's network outputs in [0, 1] scaled to the bounds.
  for (std::size_t p = 0; p < model.params().size(); ++p) {
    const dgm_variable &v = model.params()[p];
    if (!std::isfinite(v.lower) || !std::isfinite(v.upper))
      return dgm::rt::Error{std::string("parameter ") + v.name +
                            " has no finite bounds"};
    std::uniform_real_distribution<double> value(v.lower, v.upper);
    std::size_t start = in.paramLayout.at(p, 0, 0, 0);
    for (std::size_t i = 0; i < in.paramLayout.blockSize(p); ++i)
      in.params[start + i] = value(rng);
  }
  if (Result<void> ok = dgm::rt::checkInputs(model, in); !ok)
    return ok.takeError();
  return made;
}

template <typename Scalar>
std::vector<Scalar> convert(const std::vector<double> &v) {
  return std::vector<Scalar>(v.begin(), v.end());
}

template <typename Scalar> void hbv(benchmark::State &state) {
  constexpr int bits = sizeof(Scalar) * 8;
  const Library &lib = library(bits);
  if (!lib.model) {
    state.SkipWithError(lib.error.c_str());
    return;
  }
  const LoadedModel &model = *lib.model;
  const int64_t basins = state.range(0), components = state.range(1),
                days = state.range(2);
  Result<dgm::rt::SimulationInputs> in =
      makeHbvInputs(model, basins, components, days);
  if (!in) {
    state.SkipWithError(in.error().message.c_str());
    return;
  }
  Result<dgm::rt::ArrayLayout> outLayout = dgm::rt::ArrayLayout::make(
      model, VarKind::Output, in->shape(), /*series=*/true);
  std::optional<std::size_t> qIndex = model.indexOf(VarKind::Output, "Q");
  if (!outLayout || !qIndex) {
    state.SkipWithError("cannot lay out the outputs (or no output Q)");
    return;
  }
  const std::vector<Scalar> params = convert<Scalar>(in->params),
                            init = convert<Scalar>(in->initStates),
                            forcings = convert<Scalar>(in->forcings);
  std::vector<Scalar> outputs(outLayout->size(), Scalar(NAN));
  using SimulateFn =
      int32_t (*)(int64_t, int64_t, int64_t, const Scalar *, const Scalar *,
                  const Scalar *, Scalar *, Scalar *, Scalar *);
  // The ABI passes doubles; a library built with --precision f32 takes
  // floats at the same positions (abi.h, scalar_bits).
  auto simulate = reinterpret_cast<SimulateFn>(model.descriptor().simulate);

  // One untimed run: touches every page and checks the result.
  if (simulate(basins, components, days, params.data(), init.data(),
               forcings.data(), outputs.data(), nullptr, nullptr) != 0) {
    state.SkipWithError("simulate returned an error");
    return;
  }
  double sumQ = 0;
  for (int64_t t = 0; t < days; ++t)
    for (int64_t b = 0; b < basins; ++b)
      sumQ += outputs[outLayout->at(*qIndex, t, 0, b)];
  for (Scalar x : outputs)
    if (!std::isfinite(x)) {
      state.SkipWithError("non-finite output");
      return;
    }

  for (auto _ : state) {
    simulate(basins, components, days, params.data(), init.data(),
             forcings.data(), outputs.data(), nullptr, nullptr);
    benchmark::DoNotOptimize(outputs.data());
    benchmark::ClobberMemory();
  }
  const double basinSteps = static_cast<double>(basins * days);
  state.counters["basin_steps/s"] = benchmark::Counter(
      basinSteps, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["lane_steps/s"] =
      benchmark::Counter(basinSteps * static_cast<double>(components),
                         benchmark::Counter::kIsIterationInvariantRate);
  state.counters["mean_Q"] = sumQ / basinSteps;
}

/// The headline size and the three scaling series, each size once.
void sizes(benchmark::internal::Benchmark *b) {
  std::set<std::array<int64_t, 3>> all;
  all.insert({100, 16, 730});
  for (int64_t basins : {1, 3, 10, 30, 100, 300, 1000})
    all.insert({basins, 16, 730});
  for (int64_t components : {1, 2, 4, 8, 16, 32, 64})
    all.insert({100, components, 730});
  for (int64_t days : {365, 730, 1825, 3650, 7300})
    all.insert({100, 16, days});
  // The headline with a tenth of the days: its arrays (about 9 MB in all)
  // stay in cache, so it times the arithmetic without the memory traffic.
  all.insert({100, 16, 73});
  // The 531 CAMELS basins the field trains on (Newman et al. 2017's
  // subset), one year: 531 = 4 x 128 + 19, so each component ends with a
  // partial block of lanes, the case that the headline's single block of
  // 100 never shows.
  all.insert({531, 16, 365});
  for (const auto &s : all)
    b->Args({s[0], s[1], s[2]});
  b->ArgNames({"basins", "components", "days"});
}

} // namespace

BENCHMARK_TEMPLATE(hbv, double)
    ->Name("hbv/f64")
    ->Apply(sizes)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(hbv, float)
    ->Name("hbv/f32")
    ->Apply(sizes)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();

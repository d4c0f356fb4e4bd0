//===- BasinRun.h - Running a model on one basin ----------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What `dgm run` and the REPL's `:run` share once a basin's series are
// loaded (BasinData.h): the simulation inputs (forcings, parameter values or
// series, initial states), the warm-up, the run, the scores against
// observations, the water-balance report and the hydrograph chart.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_BASINRUN_H
#define DGM_TOOLS_DGM_BASINRUN_H

#include "BasinData.h"
#include "Plot.h"

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Result.h"
#include "dgm/runtime/Simulation.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dgm::cli {

/// How to run and score one basin.
struct RunConfig {
  int64_t components = 0; ///< 0: the model's default
  int64_t warmup = 0;     ///< steps that only spin the states up
  /// The observations to score against; nullopt: "Qobs" when there is one.
  std::optional<std::string> obsName;
  std::string simName = "Q"; ///< the output scored and plotted
  bool simExplicit = false;  ///< simName was chosen (warn if missing)
  bool balance = false;      ///< report the water balance (balance_error)
  /// How the user gives a parameter a value, for advice in messages:
  /// "--param" (dgm run) or ":set" (the REPL).
  std::string setParam = "--param";
  /// The same for a run without warm-up.
  std::string noWarmup = "--warmup 0";
};

/// The goodness of fit of one basin: lines for the report and the values.
struct Scores {
  std::vector<std::string> lines;
  std::optional<double> nse, kge;
  /// With --balance: the closure error of largest magnitude (NaN if every
  /// step's is NaN) and where it is ("on 1983-04-02 (component 3)").
  std::optional<double> balanceWorst;
  std::string balanceWhere;
  /// With --balance: the steps (x components) whose closure error is NaN.
  int64_t balanceNaNs = 0;
};

/// One basin's run: its data, results and scores.
struct BasinRun {
  std::string id; ///< the --params row's basin; "" for a single run
  BasinData data;
  dgm::rt::SimulationOutputs results;
  std::size_t first = 0; ///< steps spent on warm-up
  Scores scores;
  /// Where the results stop being finite, and why (NonFiniteResults.h), for
  /// the caller to report: one basin's warning, or the first few of many.
  std::optional<std::string> nonFiniteWarning;
};

/// The inputs of steps [first, first + count) of `basin`: forcings and
/// dynamic parameters from its series (constant `paramValues` for dynamic
/// parameters without one, or those in `explicitParams`), static
/// parameters from `paramValues`, initial states from `initValues`, the
/// same for every component.
dgm::rt::Result<dgm::rt::SimulationInputs>
buildInputs(const dgm::rt::LoadedModel &model, const BasinData &basin,
            std::size_t first, std::size_t count, int64_t components,
            const std::vector<double> &paramValues,
            const std::vector<double> &initValues,
            const std::set<std::size_t> &explicitParams);

/// "NSE 0.712 ... / KGE 0.801 ..." of the output against the observations,
/// or why not.
Scores scoreRun(const dgm::rt::LoadedModel &model,
                const dgm::rt::SimulationOutputs &results,
                const BasinData &basin, std::size_t first, const RunConfig &s);

/// "balance: largest closure error 2.1e-15 mm on 1983-04-02 ..." from the
/// output balance_error: added to `scores` (its line, balanceWorst and
/// balanceWhere).
dgm::rt::Result<void> addBalanceReport(const dgm::rt::LoadedModel &model,
                                       const dgm::rt::SimulationOutputs &results,
                                       const BasinData &basin, std::size_t first,
                                       Scores &scores);

/// Spins up (s.warmup steps) and runs `model` on `data`, then scores it.
/// NaN in `paramValues` means unset: an error unless a series sets it.
dgm::rt::Result<BasinRun>
runOnBasin(const dgm::rt::LoadedModel &model, BasinData data,
           std::vector<double> paramValues,
           const std::set<std::size_t> &explicitParams,
           const std::vector<double> &initValues, const RunConfig &s);

/// Output or state `index` (of `kind`) of basin 0 at every step; the mean
/// over the components when it has a value per component.
std::vector<double> componentMean(const dgm::rt::LoadedModel &model,
                                  const dgm::rt::SimulationOutputs &results,
                                  dgm::rt::VarKind kind, std::size_t index);

/// The scored output (mean over components) and the observations.
LineChart hydrograph(const dgm::rt::LoadedModel &model, const BasinRun &run,
                     const RunConfig &s);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_BASINRUN_H

//===- Report.h - What `dgm run` prints and writes --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The results of a single-basin run, as a CSV file (one row per step: the
// forcing file's date or time column when it has one, then one column per
// output and, on request, per state) or as a summary table for a terminal.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_REPORT_H
#define DGM_TOOLS_DGM_REPORT_H

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Simulation.h"

#include <optional>
#include <string>
#include <vector>

namespace dgm::cli {

struct BasinData;

/// What one run of one basin produced.
struct RunReport {
  const dgm::rt::LoadedModel &model;
  /// One basin; with a trajectory when states are written or summarised.
  const dgm::rt::SimulationOutputs &results;
  const BasinData &basin;
  /// The basin's step of the results' first step (the warm-up before it).
  std::size_t firstStep = 0;
  /// Goodness of fit, one line each ("NSE  0.712  (Q vs Qobs, 365 days)").
  std::vector<std::string> scores;
};

/// One CSV row per step: the date (when the basin has dates), every output
/// (one column per component, `Q[c]`, for per-component outputs when there
/// are several components) and with `withStates` every state likewise.
/// With a `basinId`, the first column is `basin` with that value; without
/// `header`, the header row is left out (to append to a long table). A
/// `dateColumn` gives every row a date field of that name, empty where the
/// basin has no dates: a long table of basins with and without dates keeps
/// one set of columns.
std::string formatResultCsv(const RunReport &report, bool withStates,
                            const std::string &basinId = "",
                            bool header = true,
                            const std::optional<std::string> &dateColumn = {});

/// The summary of a run: for each output its min / mean / max / sum over
/// the steps, for each state its min / mean / max and final value (means
/// over the components when there are several), then the scores.
std::string formatSummary(const RunReport &report);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_REPORT_H

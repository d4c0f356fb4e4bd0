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

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Model.h"
#include "dgm/runtime/Simulation.h"

#include <optional>
#include <string>

namespace dgm::cli {

struct RunReport {
  const dgm::rt::LoadedModel &model;
  /// One basin; with a trajectory when states are written or summarised.
  const dgm::rt::SimulationOutputs &results;
  const dgm::rt::CsvTable &forcing;
  /// The forcing file's date/time column, copied as the first column.
  std::optional<std::size_t> timeColumn;
};

/// The column of `table` named date or time (in any case), if any.
std::optional<std::size_t> findTimeColumn(const dgm::rt::CsvTable &table);

/// The results as CSV; `withStates` adds a column per state (its value at
/// the end of each step).
std::string formatResultCsv(const RunReport &report, bool withStates);

/// The model, the run's size and, per output, min / mean / max / sum, and
/// per state min / mean / max over the steps and the final value.
std::string formatSummary(const RunReport &report);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_REPORT_H

//===- BasinTable.h - Many basins in one `dgm run` --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm run --params TABLE`: the table of basins and their parameter values
// in, one line per basin and the median scores out.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_BASINTABLE_H
#define DGM_TOOLS_DGM_BASINTABLE_H

#include "BasinRun.h"

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Result.h"

#include <set>
#include <string>
#include <vector>

namespace dgm::cli {

/// What varies between the basins of one invocation.
struct BasinJob {
  std::string id;
  std::vector<double> paramValues;
  /// The parameters set by --param or the table (not by a series).
  std::set<std::size_t> explicitParams;
  /// Initial values of states from the table's columns (state index,
  /// value): they replace the model's (or --init's) for this basin.
  std::vector<std::pair<std::size_t, double>> initialStates;
};

/// The basins of a --params table: a `basin` column (or `gauge`,
/// `gauge_id`, else the first column) and one column per parameter or
/// state to set (a state's column gives its initial value, as --init does
/// for every basin); the others keep the values of `defaults` (the
/// model's, or --param) and of --init.
dgm::rt::Result<std::vector<BasinJob>>
readParamsTable(const dgm::rt::LoadedModel &model, const std::string &path,
                const std::vector<double> &defaults);

/// One summary line per basin and the median scores.
std::string formatBasinTable(const std::vector<BasinRun> &runs,
                             const dgm::rt::LoadedModel &model,
                             const RunConfig &s);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_BASINTABLE_H

//===- NonFiniteResults.h - Where a run's numbers stop being finite -*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A run whose states or outputs become NaN or infinite must not look like a
// run that worked: the CSV would hold NaN columns and the scores would skip
// them. This finds the first step with a non-finite state or output and
// says what it is and whether a missing input explains it.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_NONFINITERESULTS_H
#define DGM_TOOLS_DGM_NONFINITERESULTS_H

#include "BasinData.h"

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Simulation.h"

#include <cstddef>
#include <optional>
#include <string>

namespace dgm::cli {

/// The warning for a run (of `inputs`, the steps from `first` on of
/// `basin`) whose states or outputs are not all finite, or nothing. It names
/// the first such step (its date when `basin` has dates), the first values
/// there, how many steps are affected, and the missing input of that step if
/// there is one; otherwise the usual causes in a model's own arithmetic.
/// Initial states that are not finite (a warm-up of `first` steps that
/// ended so) are named as the cause; `noWarmup` is how the user runs
/// without one ("--warmup 0", the REPL's ":warmup 0").
std::optional<std::string> nonFiniteWarning(
    const dgm::rt::LoadedModel &model, const dgm::rt::SimulationInputs &inputs,
    const dgm::rt::SimulationOutputs &results, const BasinData &basin,
    std::size_t first, const std::string &noWarmup = "--warmup 0");

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_NONFINITERESULTS_H

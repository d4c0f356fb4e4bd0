//===- NonFiniteResults.cpp - Where a run's numbers stop being finite -----===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "NonFiniteResults.h"

#include <cmath>
#include <vector>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {

/// "NaN", "+inf" or "-inf".
std::string describe(double value) {
  if (std::isnan(value))
    return "NaN";
  return value > 0 ? "+inf" : "-inf";
}

/// The components a variable has a value for in `results`.
int64_t componentsOf(const dgm_variable &var, VarKind kind,
                     const SimulationOutputs &results) {
  return kind == VarKind::State || (var.flags & DGM_PER_COMPONENT)
             ? results.numComponents
             : 1;
}

/// "state SM = NaN (component 3)".
std::string name(VarKind kind, const dgm_variable &var, double value,
                 int64_t component, int64_t components) {
  std::string text = std::string(kind == VarKind::State ? "state " : "output ") +
                     var.name + " = " + describe(value);
  if (components > 1)
    text += " (component " + std::to_string(component) + ")";
  return text;
}

/// The non-finite states and outputs of step t, first component first.
std::vector<std::string> nonFiniteAt(const LoadedModel &model,
                                     const SimulationOutputs &results,
                                     int64_t t) {
  std::vector<std::string> found;
  for (VarKind kind : {VarKind::State, VarKind::Output}) {
    if (kind == VarKind::State && results.trajectory.empty())
      continue;
    auto vars = model.variables(kind);
    for (std::size_t i = 0; i < vars.size(); ++i) {
      int64_t comps = componentsOf(vars[i], kind, results);
      for (int64_t c = 0; c < comps; ++c) {
        double v = kind == VarKind::State ? results.state(i, t, 0, c)
                                          : results.output(i, t, 0, c);
        if (!std::isfinite(v)) {
          found.push_back(name(kind, vars[i], v, c, comps));
          break; // one component per variable is enough to name it
        }
      }
    }
  }
  return found;
}

/// The inputs of step t that are missing (NaN): forcings and dynamic
/// parameters.
std::vector<std::string> missingInputsAt(const LoadedModel &model,
                                         const SimulationInputs &inputs,
                                         int64_t t) {
  std::vector<std::string> missing;
  auto forcings = model.forcings();
  for (std::size_t f = 0; f < forcings.size(); ++f)
    if (std::isnan(inputs.forcings[inputs.forcingLayout.at(f, t, 0, 0)]))
      missing.push_back("forcing " + std::string(forcings[f].name));
  auto params = model.params();
  for (std::size_t p = 0; p < params.size(); ++p) {
    if (!inputs.paramLayout.perStep(p))
      continue;
    for (int64_t c = 0; c < inputs.numComponents; ++c)
      if (std::isnan(inputs.params[inputs.paramLayout.at(p, t, c, 0)])) {
        missing.push_back("parameter " + std::string(params[p].name));
        break;
      }
  }
  return missing;
}

std::string joined(const std::vector<std::string> &items, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i)
    text += (i ? ", " : "") + items[i];
  if (items.size() > limit)
    text += " and " + std::to_string(items.size() - limit) + " more";
  return text;
}

} // namespace

std::optional<std::string> dgm::cli::nonFiniteWarning(
    const LoadedModel &model, const SimulationInputs &inputs,
    const SimulationOutputs &results, const BasinData &basin, std::size_t first,
    const std::string &noWarmup) {
  int64_t firstBad = -1, badSteps = 0;
  for (int64_t t = 0; t < results.numSteps; ++t)
    if (!nonFiniteAt(model, results, t).empty()) {
      if (firstBad < 0)
        firstBad = t;
      ++badSteps;
    }
  if (firstBad < 0)
    return std::nullopt;

  std::size_t step = first + static_cast<std::size_t>(firstBad);
  std::string when = basin.dates.empty()
                         ? "step " + std::to_string(step)
                         : basin.dates[step] + " (step " +
                               std::to_string(step) + ")";
  std::string message =
      basin.description + ": the results are not finite from " + when +
      " on: " + joined(nonFiniteAt(model, results, firstBad), 3) + "; " +
      std::to_string(badSteps) + " of " + std::to_string(results.numSteps) +
      " steps have a NaN or infinite state or output";

  // DGM_MODEL_INITIAL_BITS is no bad start: the model computes that value.
  bool badStart = false;
  for (double v : inputs.initStates)
    badStart |= !std::isfinite(v) && !isModelInitial(v);
  std::vector<std::string> missing = missingInputsAt(model, inputs, firstBad);
  if (badStart && first > 0)
    message += ". The warm-up of " + std::to_string(first) +
               " steps already ended with a state that is not finite; run "
               "with " +
               noWarmup + " to see where it starts";
  else if (badStart)
    message += ". An initial state is not finite";
  else if (!missing.empty())
    message += ". That step's " + joined(missing, 3) +
               (missing.size() == 1 ? " is" : " are") +
               " missing (NaN), and a NaN state stays NaN";
  else
    message += ". Every input of that step is finite, so the model's own "
               "arithmetic made it: look for 0/0, a log or root of a "
               "negative number, a negative number to a fractional power, "
               "an overflow, or a normalize() kernel whose weights sum to 0";
  return message;
}

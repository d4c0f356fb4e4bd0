//===- Simulation.cpp - Running a loaded dgm model ------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Simulation.h"
#include "dgm/runtime/Format.h"

#include <cmath>
#include <limits>
#include <string>

using namespace dgm::rt;

namespace {

/// a * b * c as a size, or nullopt when it overflows (the compiled code
/// indexes with int64_t, so we also keep it within that range).
std::optional<std::size_t> product(int64_t a, int64_t b, int64_t c = 1) {
  int64_t ab, abc;
  if (__builtin_mul_overflow(a, b, &ab) || __builtin_mul_overflow(ab, c, &abc))
    return std::nullopt;
  return static_cast<std::size_t>(abc);
}

Result<void> checkCounts(int64_t numBasins, int64_t numSteps) {
  if (numBasins < 1)
    return Error{"the number of basins must be at least 1, got " +
                 std::to_string(numBasins)};
  if (numSteps < 0)
    return Error{"the number of steps must not be negative, got " +
                 std::to_string(numSteps)};
  return success();
}

/// The expected sizes of every array, computed once with overflow checks.
struct Sizes {
  std::size_t params, states, forcings, outputs, trajectory;
};

Result<Sizes> computeSizes(const LoadedModel &model, int64_t numBasins,
                           int64_t numSteps) {
  if (Result<void> counts = checkCounts(numBasins, numSteps); !counts)
    return counts.takeError();
  auto n = [&](VarKind kind) {
    return static_cast<int64_t>(model.count(kind));
  };
  auto params = product(n(VarKind::Param), numBasins);
  auto states = product(n(VarKind::State), numBasins);
  auto forcings = product(n(VarKind::Forcing), numSteps, numBasins);
  auto outputs = product(n(VarKind::Output), numSteps, numBasins);
  auto trajectory = product(n(VarKind::State), numSteps, numBasins);
  if (!params || !states || !forcings || !outputs || !trajectory)
    return Error{std::to_string(numBasins) + " basins x " +
                 std::to_string(numSteps) +
                 " steps is too large: the array sizes overflow"};
  return Sizes{*params, *states, *forcings, *outputs, *trajectory};
}

/// "params has 3 values, expected 2 (2 parameters x 1 basin)".
Result<void> checkSize(const char *array, std::size_t actual,
                       std::size_t expected, std::size_t numVars, VarKind kind,
                       int64_t numSteps, int64_t numBasins, bool perStep) {
  if (actual == expected)
    return success();
  std::string shape = std::to_string(numVars) + " " +
                      (numVars == 1 ? kindName(kind) : kindNamePlural(kind));
  if (perStep)
    shape +=
        " x " + std::to_string(numSteps) + (numSteps == 1 ? " step" : " steps");
  shape += " x " + std::to_string(numBasins) +
           (numBasins == 1 ? " basin" : " basins");
  return Error{std::string(array) + " has " + std::to_string(actual) +
               " values, expected " + std::to_string(expected) + " (" + shape +
               ")"};
}

Result<void> checkParameterValues(const LoadedModel &model,
                                  const SimulationInputs &inputs) {
  auto params = model.params();
  for (std::size_t p = 0; p < params.size(); ++p) {
    const dgm_variable &var = params[p];
    for (int64_t b = 0; b < inputs.numBasins; ++b) {
      double value = inputs.params[p * inputs.numBasins + b];
      std::string where = "parameter '" + std::string(var.name) + "'";
      if (inputs.numBasins > 1)
        where += " of basin " + std::to_string(b);
      if (std::isnan(value))
        return Error{where + " has no value" +
                     (std::isnan(var.default_value)
                          ? ": the model gives it no default"
                          : std::string())};
      if (value < var.lower || value > var.upper)
        return Error{where + " is " + formatNumber(value) +
                     ", outside its bounds [" + formatNumber(var.lower) + ", " +
                     formatNumber(var.upper) + "]"};
    }
  }
  return success();
}

} // namespace

std::vector<double> dgm::rt::defaultParams(const LoadedModel &model,
                                           int64_t numBasins) {
  std::vector<double> values;
  if (numBasins < 1)
    return values;
  values.reserve(model.params().size() * numBasins);
  for (const dgm_variable &var : model.params())
    values.insert(values.end(), numBasins, var.default_value);
  return values;
}

std::vector<double> dgm::rt::defaultInitialStates(const LoadedModel &model,
                                                  int64_t numBasins) {
  std::vector<double> values;
  if (numBasins < 1)
    return values;
  values.reserve(model.states().size() * numBasins);
  for (const dgm_variable &var : model.states())
    values.insert(values.end(), numBasins, var.default_value);
  return values;
}

Result<SimulationInputs> dgm::rt::makeInputs(const LoadedModel &model,
                                             int64_t numBasins,
                                             int64_t numSteps) {
  Result<Sizes> sizes = computeSizes(model, numBasins, numSteps);
  if (!sizes)
    return sizes.takeError();
  SimulationInputs inputs;
  inputs.numBasins = numBasins;
  inputs.numSteps = numSteps;
  inputs.params = defaultParams(model, numBasins);
  inputs.initStates = defaultInitialStates(model, numBasins);
  inputs.forcings.assign(sizes->forcings,
                         std::numeric_limits<double>::quiet_NaN());
  return inputs;
}

Result<void> dgm::rt::checkInputs(const LoadedModel &model,
                                  const SimulationInputs &inputs,
                                  const SimulationOptions &options) {
  Result<Sizes> sizes = computeSizes(model, inputs.numBasins, inputs.numSteps);
  if (!sizes)
    return sizes.takeError();
  int64_t nb = inputs.numBasins, ns = inputs.numSteps;
  Result<void> ok = checkSize("params", inputs.params.size(), sizes->params,
                              model.count(VarKind::Param), VarKind::Param, ns,
                              nb, /*perStep=*/false);
  if (ok)
    ok = checkSize("init_states", inputs.initStates.size(), sizes->states,
                   model.count(VarKind::State), VarKind::State, ns, nb,
                   /*perStep=*/false);
  if (ok)
    ok = checkSize("forcings", inputs.forcings.size(), sizes->forcings,
                   model.count(VarKind::Forcing), VarKind::Forcing, ns, nb,
                   /*perStep=*/true);
  if (ok && options.checkParameters)
    ok = checkParameterValues(model, inputs);
  return ok;
}

Result<SimulationOutputs> dgm::rt::simulate(const LoadedModel &model,
                                            const SimulationInputs &inputs,
                                            const SimulationOptions &options) {
  if (Result<void> ok = checkInputs(model, inputs, options); !ok)
    return ok.takeError();
  Result<Sizes> sizes = computeSizes(model, inputs.numBasins, inputs.numSteps);
  if (!sizes)
    return sizes.takeError();

  SimulationOutputs out;
  out.numBasins = inputs.numBasins;
  out.numSteps = inputs.numSteps;
  // NaN-filled so that a value the model fails to write cannot pass for a
  // result.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.outputs.assign(sizes->outputs, nan);
  if (options.trajectory)
    out.trajectory.assign(sizes->trajectory, nan);
  if (options.finalStates)
    out.finalStates.assign(sizes->states, nan);

  // The ABI takes NULL for "do not write" only for trajectory and
  // final_states; the other arrays may be empty (count 0), when their
  // pointers are never dereferenced.
  int32_t status = model.descriptor().simulate(
      inputs.numBasins, inputs.numSteps, inputs.params.data(),
      inputs.initStates.data(), inputs.forcings.data(), out.outputs.data(),
      options.trajectory ? out.trajectory.data() : nullptr,
      options.finalStates ? out.finalStates.data() : nullptr);
  if (status != 0)
    return Error{"model '" + std::string(model.name()) +
                 "' failed: its simulate function returned " +
                 std::to_string(status)};
  return out;
}

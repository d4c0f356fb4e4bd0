//===- Simulation.cpp - Running a loaded dgm model ------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Simulation.h"

#include "dgm/runtime/Format.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <unistd.h>

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

std::string plural(int64_t n, const char *noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Result<void> checkShape(const LoadedModel &model, Shape shape) {
  if (shape.basins < 1)
    return Error{"the number of basins must be at least 1, got " +
                 std::to_string(shape.basins)};
  if (shape.steps < 0)
    return Error{"the number of steps must not be negative, got " +
                 std::to_string(shape.steps)};
  if (shape.components < 1)
    return Error{"the number of components must be at least 1, got " +
                 std::to_string(shape.components)};
  if (model.descriptor().default_components == 0 && shape.components != 1)
    return Error{"model '" + std::string(model.name()) +
                 "' has no components (no 'components N;'), so it runs "
                 "with exactly 1, not " +
                 std::to_string(shape.components)};
  return success();
}

/// The machine's physical memory in bytes (0 when unknown).
std::size_t physicalMemory() {
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return 0;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize);
}

/// "1.5 GiB".
std::string formatBytes(double bytes) {
  const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) {
    bytes /= 1024;
    ++u;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, u == 0 ? "%.0f %s" : "%.3g %s", bytes,
                units[u]);
  return buffer;
}

/// Refuses arrays of `values` doubles that cannot fit in memory: allocating
/// them would end the process (std::bad_alloc) instead of saying why.
Result<void> checkMemory(double values, const char *what, Shape shape) {
  double bytes = values * sizeof(double);
  std::size_t memory = physicalMemory();
  if (memory == 0 || bytes <= static_cast<double>(memory))
    return success();
  return Error{plural(shape.basins, "basin") + " x " +
               plural(shape.components, "component") + " x " +
               plural(shape.steps, "step") + " needs " + formatBytes(bytes) +
               " for " + what + ", more than this machine's memory (" +
               formatBytes(static_cast<double>(memory)) + ")"};
}

/// A single-precision model gets its inputs as floats: a value finite in
/// double but beyond float's range would become infinity and, a few steps
/// later, NaN everywhere. Refused with the variable it belongs to.
Result<void> checkFitsFloat(const LoadedModel &model, VarKind kind,
                            const char *word, const std::vector<double> &values,
                            const ArrayLayout &layout) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    double v = values[i];
    if (!std::isfinite(v) || std::fabs(v) <= FLT_MAX)
      continue;
    std::size_t var = 0, start = 0;
    while (var + 1 < layout.numVariables() && i >= start + layout.blockSize(var))
      start += layout.blockSize(var++);
    return Error{std::string(word) + " '" + model.variables(kind)[var].name +
                 "' holds " + formatNumber(v) +
                 ", beyond the range of a single-precision model (about "
                 "3.4e38); compile it with --precision f64"};
  }
  return success();
}

/// The three layouts of a simulation's inputs and the three of its outputs.
struct Layouts {
  ArrayLayout params, states, forcings, outputs, trajectory;
};

Result<Layouts> computeLayouts(const LoadedModel &model, Shape shape) {
  if (Result<void> ok = checkShape(model, shape); !ok)
    return ok.takeError();
  Layouts l;
  Result<ArrayLayout> params =
      ArrayLayout::make(model, VarKind::Param, shape, false);
  Result<ArrayLayout> states =
      ArrayLayout::make(model, VarKind::State, shape, false);
  Result<ArrayLayout> forcings =
      ArrayLayout::make(model, VarKind::Forcing, shape, true);
  Result<ArrayLayout> outputs =
      ArrayLayout::make(model, VarKind::Output, shape, true);
  Result<ArrayLayout> trajectory =
      ArrayLayout::make(model, VarKind::State, shape, true);
  for (Result<ArrayLayout> *r :
       {&params, &states, &forcings, &outputs, &trajectory})
    if (!*r)
      return r->takeError();
  return Layouts{*params, *states, *forcings, *outputs, *trajectory};
}

/// "params has 3 values, expected 2 (2 parameters; 1 basin x 1 component)".
Result<void> checkSize(const char *array, std::size_t actual,
                       std::size_t expected, std::size_t numVars, VarKind kind,
                       Shape shape) {
  if (actual == expected)
    return success();
  std::string detail = std::to_string(numVars) + " " +
                       (numVars == 1 ? kindName(kind) : kindNamePlural(kind));
  detail += "; " + plural(shape.steps, "step") + ", " +
            plural(shape.basins, "basin") + ", " +
            plural(shape.components, "component");
  return Error{std::string(array) + " has " + std::to_string(actual) +
               " values, expected " + std::to_string(expected) + " (" + detail +
               ")"};
}

Result<void> checkParameterValues(const LoadedModel &model,
                                  const SimulationInputs &inputs,
                                  const ArrayLayout &layout) {
  auto params = model.params();
  for (std::size_t p = 0; p < params.size(); ++p) {
    const dgm_variable &var = params[p];
    int64_t steps = layout.perStep(p) ? inputs.numSteps : 1;
    int64_t comps = layout.perComponent(p) ? inputs.numComponents : 1;
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t c = 0; c < comps; ++c)
        for (int64_t b = 0; b < inputs.numBasins; ++b) {
          double value = inputs.params[layout.at(p, t, c, b)];
          if (!std::isnan(value) && value >= var.lower && value <= var.upper)
            continue;
          std::string where = "parameter '" + std::string(var.name) + "'";
          if (inputs.numBasins > 1)
            where += " of basin " + std::to_string(b);
          if (comps > 1)
            where += ", component " + std::to_string(c);
          if (layout.perStep(p))
            where += " at step " + std::to_string(t);
          if (std::isnan(value))
            return Error{where + " has no value" +
                         (std::isnan(var.default_value)
                              ? ": the model gives it no default"
                              : std::string())};
          return Error{where + " is " + formatNumber(value) +
                       ", outside its bounds [" + formatNumber(var.lower) +
                       ", " + formatNumber(var.upper) + "]"};
        }
  }
  return success();
}

} // namespace

Result<ArrayLayout> ArrayLayout::make(const LoadedModel &model, VarKind kind,
                                      Shape shape, bool series) {
  ArrayLayout layout;
  layout.shape = shape;
  std::size_t offset = 0;
  for (const dgm_variable &var : model.variables(kind)) {
    uint32_t flags = var.flags & DGM_PER_COMPONENT;
    if (series || (var.flags & DGM_DYNAMIC))
      flags |= DGM_DYNAMIC;
    auto size =
        product(flags & DGM_DYNAMIC ? shape.steps : 1,
                flags & DGM_PER_COMPONENT ? shape.components : 1, shape.basins);
    if (!size || offset + *size < offset ||
        offset + *size > static_cast<std::size_t>(INT64_MAX))
      return Error{plural(shape.basins, "basin") + " x " +
                   plural(shape.components, "component") + " x " +
                   plural(shape.steps, "step") +
                   " is too large: the array sizes overflow"};
    layout.offsets.push_back(offset);
    layout.flags.push_back(flags);
    offset += *size;
  }
  layout.total = offset;
  return layout;
}

std::size_t ArrayLayout::blockSize(std::size_t var) const {
  std::size_t end = var + 1 < offsets.size() ? offsets[var + 1] : total;
  return end - offsets[var];
}

int64_t dgm::rt::defaultComponents(const LoadedModel &model) {
  int32_t n = model.descriptor().default_components;
  return n > 0 ? n : 1;
}

Result<SimulationInputs> dgm::rt::makeInputs(const LoadedModel &model,
                                             int64_t numBasins,
                                             int64_t numSteps,
                                             int64_t numComponents) {
  if (numComponents == 0)
    numComponents = defaultComponents(model);
  Shape shape{numBasins, numComponents, numSteps};
  Result<Layouts> layouts = computeLayouts(model, shape);
  if (!layouts)
    return layouts.takeError();
  if (Result<void> ok = checkMemory(
          static_cast<double>(layouts->params.size()) +
              static_cast<double>(layouts->states.size()) +
              static_cast<double>(layouts->forcings.size()),
          "its inputs", shape);
      !ok)
    return ok.takeError();
  SimulationInputs inputs;
  inputs.numBasins = numBasins;
  inputs.numComponents = numComponents;
  inputs.numSteps = numSteps;
  inputs.paramLayout = layouts->params;
  inputs.stateLayout = layouts->states;
  inputs.forcingLayout = layouts->forcings;
  inputs.params.resize(layouts->params.size());
  for (std::size_t p = 0; p < model.params().size(); ++p) {
    std::size_t start = layouts->params.at(p, 0, 0, 0);
    std::fill_n(inputs.params.begin() + start, layouts->params.blockSize(p),
                model.params()[p].default_value);
  }
  inputs.initStates.resize(layouts->states.size());
  for (std::size_t s = 0; s < model.states().size(); ++s) {
    std::size_t start = layouts->states.at(s, 0, 0, 0);
    std::fill_n(inputs.initStates.begin() + start, layouts->states.blockSize(s),
                model.states()[s].default_value);
  }
  inputs.forcings.assign(layouts->forcings.size(),
                         std::numeric_limits<double>::quiet_NaN());
  return inputs;
}

Result<void> dgm::rt::checkInputs(const LoadedModel &model,
                                  const SimulationInputs &inputs,
                                  const SimulationOptions &options) {
  Result<Layouts> layouts = computeLayouts(model, inputs.shape());
  if (!layouts)
    return layouts.takeError();
  Shape shape = inputs.shape();
  Result<void> ok =
      checkSize("params", inputs.params.size(), layouts->params.size(),
                model.count(VarKind::Param), VarKind::Param, shape);
  if (ok)
    ok = checkSize("init_states", inputs.initStates.size(),
                   layouts->states.size(), model.count(VarKind::State),
                   VarKind::State, shape);
  if (ok)
    ok = checkSize("forcings", inputs.forcings.size(), layouts->forcings.size(),
                   model.count(VarKind::Forcing), VarKind::Forcing, shape);
  if (ok && options.checkParameters)
    ok = checkParameterValues(model, inputs, layouts->params);
  return ok;
}

Result<SimulationOutputs> dgm::rt::simulate(const LoadedModel &model,
                                            const SimulationInputs &inputs,
                                            const SimulationOptions &options) {
  if (Result<void> ok = checkInputs(model, inputs, options); !ok)
    return ok.takeError();
  Result<Layouts> layouts = computeLayouts(model, inputs.shape());
  if (!layouts)
    return layouts.takeError();
  // Everything alive during the call: the inputs (allocated already), the
  // outputs, and for a single-precision model the float copies of both.
  double inputValues = static_cast<double>(inputs.params.size()) +
                       static_cast<double>(inputs.initStates.size()) +
                       static_cast<double>(inputs.forcings.size());
  double outputValues =
      static_cast<double>(layouts->outputs.size()) +
      (options.trajectory ? static_cast<double>(layouts->trajectory.size())
                          : 0.0);
  double floatCopies =
      model.descriptor().scalar_bits == 32 ? (inputValues + outputValues) / 2
                                           : 0.0;
  if (Result<void> ok =
          checkMemory(inputValues + outputValues + floatCopies,
                      "its inputs and outputs", inputs.shape());
      !ok)
    return ok.takeError();
  SimulationOutputs out;
  out.numBasins = inputs.numBasins;
  out.numComponents = inputs.numComponents;
  out.numSteps = inputs.numSteps;
  out.outputLayout = layouts->outputs;
  out.trajectoryLayout = layouts->trajectory;
  out.stateLayout = layouts->states;
  // NaN-filled so that a value the model fails to write cannot pass for a
  // result.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.outputs.assign(layouts->outputs.size(), nan);
  if (options.trajectory)
    out.trajectory.assign(layouts->trajectory.size(), nan);
  if (options.finalStates)
    out.finalStates.assign(layouts->states.size(), nan);
  // The ABI takes NULL for "do not write" only for trajectory and
  // final_states; the other arrays may be empty (count 0), when their
  // pointers are never dereferenced.
  int32_t status;
  if (model.descriptor().scalar_bits == 32) {
    for (Result<void> ok :
         {checkFitsFloat(model, VarKind::Param, "parameter", inputs.params,
                         layouts->params),
          checkFitsFloat(model, VarKind::State, "the initial value of state",
                         inputs.initStates, layouts->states),
          checkFitsFloat(model, VarKind::Forcing, "forcing", inputs.forcings,
                         layouts->forcings)})
      if (!ok)
        return ok.takeError();
    // A single-precision model: its arrays hold floats. Convert in and out;
    // the copies cost little next to the simulation.
    auto toFloat = [](const std::vector<double> &v) {
      return std::vector<float>(v.begin(), v.end());
    };
    std::vector<float> params = toFloat(inputs.params),
                       init = toFloat(inputs.initStates),
                       forcings = toFloat(inputs.forcings),
                       outputs(out.outputs.size()),
                       trajectory(out.trajectory.size()),
                       finalStates(out.finalStates.size());
    auto simulate32 = reinterpret_cast<int32_t (*)(
        int64_t, int64_t, int64_t, const float *, const float *, const float *,
        float *, float *, float *)>(model.descriptor().simulate);
    status =
        simulate32(inputs.numBasins, inputs.numComponents, inputs.numSteps,
                   params.data(), init.data(), forcings.data(), outputs.data(),
                   options.trajectory ? trajectory.data() : nullptr,
                   options.finalStates ? finalStates.data() : nullptr);
    std::copy(outputs.begin(), outputs.end(), out.outputs.begin());
    std::copy(trajectory.begin(), trajectory.end(), out.trajectory.begin());
    std::copy(finalStates.begin(), finalStates.end(), out.finalStates.begin());
  } else {
    status = model.descriptor().simulate(
        inputs.numBasins, inputs.numComponents, inputs.numSteps,
        inputs.params.data(), inputs.initStates.data(), inputs.forcings.data(),
        out.outputs.data(),
        options.trajectory ? out.trajectory.data() : nullptr,
        options.finalStates ? out.finalStates.data() : nullptr);
  }
  if (status != 0)
    return Error{"model '" + std::string(model.name()) +
                 "' failed: its simulate function returned " +
                 std::to_string(status) +
                 // abi.h: 1 is the one failure compiled code reports.
                 (status == 1 ? " (out of memory for the running sums of the "
                                "aggregates of its internal outputs)"
                              : "")};
  return out;
}

SimulationOutputs dgm::rt::stepsFrom(const LoadedModel &model,
                                     const SimulationOutputs &run,
                                     int64_t first) {
  Shape shape{run.numBasins, run.numComponents, run.numSteps - first};
  // The layouts of a run of `shape`, as simulate made them for `run`'s (a
  // shorter run than one that succeeded cannot fail to lay out).
  Layouts layouts = *computeLayouts(model, shape);
  SimulationOutputs tail;
  tail.numBasins = run.numBasins;
  tail.numComponents = run.numComponents;
  tail.numSteps = shape.steps;
  tail.outputLayout = layouts.outputs;
  tail.trajectoryLayout = layouts.trajectory;
  tail.stateLayout = run.stateLayout;
  tail.finalStates = run.finalStates;
  auto copy = [&](const ArrayLayout &from, const std::vector<double> &source,
                  const ArrayLayout &to, std::vector<double> &target) {
    target.resize(to.size());
    for (std::size_t v = 0; v < to.numVariables(); ++v) {
      int64_t comps = to.perComponent(v) ? shape.components : 1;
      for (int64_t t = 0; t < shape.steps; ++t)
        for (int64_t c = 0; c < comps; ++c)
          std::copy_n(
              source.begin() +
                  static_cast<std::ptrdiff_t>(from.at(v, first + t, c, 0)),
              shape.basins,
              target.begin() + static_cast<std::ptrdiff_t>(to.at(v, t, c, 0)));
    }
  };
  copy(run.outputLayout, run.outputs, tail.outputLayout, tail.outputs);
  if (!run.trajectory.empty())
    copy(run.trajectoryLayout, run.trajectory, tail.trajectoryLayout,
         tail.trajectory);
  return tail;
}

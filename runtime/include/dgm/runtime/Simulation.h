//===- Simulation.h - Running a loaded dgm model ----------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The inputs and outputs of dgm_simulate_fn (dgm/abi.h) as std::vectors in
// exactly the ABI layouts: every array holds one block per variable, in
// index order, and a block is [step][component][basin] (basins innermost)
// without the dimensions the variable does not have (its flags
// DGM_DYNAMIC and DGM_PER_COMPONENT; states and outputs have no step
// dimension except in the trajectory and outputs arrays). ArrayLayout
// computes where each value lives.
//
// simulate() checks every size against the descriptor before it calls the
// compiled code, which trusts its caller completely: a short array would be
// read or written out of bounds. It keeps no state of its own, so any number
// of threads may simulate with the same LoadedModel at once.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_SIMULATION_H
#define DGM_RUNTIME_SIMULATION_H

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Result.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dgm::rt {

/// The sizes of one simulation.
struct Shape {
  int64_t basins = 1;
  int64_t components = 1;
  int64_t steps = 0;
};

/// Where the values of each variable of one kind live in its ABI array.
class ArrayLayout {
public:
  /// `series`: the array has a step dimension for every variable (forcings,
  /// outputs, trajectory); otherwise only dynamic parameters have one.
  /// Fails when the sizes overflow.
  static Result<ArrayLayout> make(const LoadedModel &model, VarKind kind,
                                  Shape shape, bool series);
  ArrayLayout() = default;

  std::size_t size() const { return total; }
  std::size_t numVariables() const { return offsets.size(); }
  bool perStep(std::size_t var) const { return flags[var] & DGM_DYNAMIC; }
  bool perComponent(std::size_t var) const {
    return flags[var] & DGM_PER_COMPONENT;
  }
  /// The number of values of one variable.
  std::size_t blockSize(std::size_t var) const;
  /// The position of a value; `step` and `component` are ignored when the
  /// variable has no such dimension.
  std::size_t at(std::size_t var, int64_t step, int64_t component,
                 int64_t basin) const {
    std::size_t i = offsets[var];
    if (perStep(var))
      i += static_cast<std::size_t>(step) * stepStride(var);
    if (perComponent(var))
      i += static_cast<std::size_t>(component * shape.basins);
    return i + static_cast<std::size_t>(basin);
  }

private:
  std::size_t stepStride(std::size_t var) const {
    return static_cast<std::size_t>(shape.basins) *
           (perComponent(var) ? static_cast<std::size_t>(shape.components) : 1);
  }
  Shape shape;
  std::vector<std::size_t> offsets;
  /// DGM_DYNAMIC here means "has a step dimension in this array".
  std::vector<uint32_t> flags;
  std::size_t total = 0;
};

struct SimulationInputs {
  int64_t numBasins = 1;
  int64_t numComponents = 1;
  int64_t numSteps = 0;
  std::vector<double> params;     ///< per the ABI layout (paramLayout)
  std::vector<double> initStates; ///< [state][component][basin]
  std::vector<double> forcings;   ///< [forcing][step][basin]
  /// Set by makeInputs(); used by the accessors below.
  ArrayLayout paramLayout, stateLayout, forcingLayout;

  Shape shape() const { return {numBasins, numComponents, numSteps}; }
  double &param(std::size_t var, int64_t basin, int64_t component = 0,
                int64_t step = 0) {
    return params[paramLayout.at(var, step, component, basin)];
  }
  double &initState(std::size_t var, int64_t basin, int64_t component = 0) {
    return initStates[stateLayout.at(var, 0, component, basin)];
  }
  double &forcing(std::size_t var, int64_t step, int64_t basin) {
    return forcings[forcingLayout.at(var, step, 0, basin)];
  }
};

struct SimulationOptions {
  /// Fill SimulationOutputs::trajectory.
  bool trajectory = false;
  /// Fill SimulationOutputs::finalStates.
  bool finalStates = true;
  /// Reject a parameter that is NaN (no value given and no default) or
  /// outside its [lower, upper] bounds.
  bool checkParameters = true;
};

struct SimulationOutputs {
  int64_t numBasins = 0;
  int64_t numComponents = 1;
  int64_t numSteps = 0;
  std::vector<double> outputs;     ///< per outputLayout
  std::vector<double> trajectory;  ///< [state][step][component][basin]
                                   ///< or empty when not requested
  std::vector<double> finalStates; ///< [state][component][basin] or empty
  ArrayLayout outputLayout, trajectoryLayout, stateLayout;

  double output(std::size_t var, int64_t step, int64_t basin,
                int64_t component = 0) const {
    return outputs[outputLayout.at(var, step, component, basin)];
  }
  double state(std::size_t var, int64_t step, int64_t basin,
               int64_t component = 0) const {
    return trajectory[trajectoryLayout.at(var, step, component, basin)];
  }
  double finalState(std::size_t var, int64_t basin,
                    int64_t component = 0) const {
    return finalStates[stateLayout.at(var, 0, component, basin)];
  }
};

/// The number of components a model runs with by default: its
/// `components N;`, or 1.
int64_t defaultComponents(const LoadedModel &model);

/// Inputs of the right sizes: default parameters (NaN where a parameter
/// has no default: simulate() rejects it unless it is set), initial states,
/// and forcings filled with NaN so that a forcing left unset shows in the
/// outputs. numComponents 0 means defaultComponents(model). Fails when
/// numBasins < 1, numSteps < 0, the component count does not suit the
/// model, or the sizes overflow.
Result<SimulationInputs> makeInputs(const LoadedModel &model, int64_t numBasins,
                                    int64_t numSteps,
                                    int64_t numComponents = 0);

/// The checks simulate() makes before it calls the model: counts, the size
/// of each array (the error names the array and the expected and actual
/// sizes) and, with options.checkParameters, parameter values.
Result<void> checkInputs(const LoadedModel &model,
                         const SimulationInputs &inputs,
                         const SimulationOptions &options = {});

/// Runs the model. Thread-safe for a shared `model`.
Result<SimulationOutputs> simulate(const LoadedModel &model,
                                   const SimulationInputs &inputs,
                                   const SimulationOptions &options = {});

/// The steps of `run` from `first` on, as if they were a run of their own
/// (outputs, trajectory, final states): what a warm-up run continuously
/// through reports. 0 <= first < run.numSteps.
SimulationOutputs stepsFrom(const LoadedModel &model,
                            const SimulationOutputs &run, int64_t first);

} // namespace dgm::rt

#endif // DGM_RUNTIME_SIMULATION_H

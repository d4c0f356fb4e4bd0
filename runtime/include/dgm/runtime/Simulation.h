//===- Simulation.h - Running a loaded dgm model ----------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The inputs and outputs of dgm_simulate_fn (dgm/abi.h) as std::vectors in
// exactly the ABI layouts (row-major, basins innermost):
//
//   params       [num_params][num_basins]
//   init_states  [num_states][num_basins]
//   forcings     [num_forcings][num_steps][num_basins]
//   outputs      [num_outputs][num_steps][num_basins]
//   trajectory   [num_states][num_steps][num_basins]   (states after each step)
//   final_states [num_states][num_basins]
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

struct SimulationInputs {
  int64_t numBasins = 1;
  int64_t numSteps = 0;
  std::vector<double> params;     ///< [num_params][num_basins]
  std::vector<double> initStates; ///< [num_states][num_basins]
  std::vector<double> forcings;   ///< [num_forcings][num_steps][num_basins]

  double &param(std::size_t var, int64_t basin) {
    return params[var * numBasins + basin];
  }
  double &initState(std::size_t var, int64_t basin) {
    return initStates[var * numBasins + basin];
  }
  double &forcing(std::size_t var, int64_t step, int64_t basin) {
    return forcings[(var * numSteps + step) * numBasins + basin];
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
  int64_t numSteps = 0;
  std::vector<double> outputs;     ///< [num_outputs][num_steps][num_basins]
  std::vector<double> trajectory;  ///< [num_states][num_steps][num_basins]
                                   ///< or empty when not requested
  std::vector<double> finalStates; ///< [num_states][num_basins] or empty

  double output(std::size_t var, int64_t step, int64_t basin) const {
    return outputs[(var * numSteps + step) * numBasins + basin];
  }
  double state(std::size_t var, int64_t step, int64_t basin) const {
    return trajectory[(var * numSteps + step) * numBasins + basin];
  }
  double finalState(std::size_t var, int64_t basin) const {
    return finalStates[var * numBasins + basin];
  }
};

/// Parameters at their defaults for every basin: [num_params][numBasins].
/// A parameter without a default is NaN (simulate() rejects it unless it is
/// set).
std::vector<double> defaultParams(const LoadedModel &model, int64_t numBasins);

/// States at their initial values for every basin: [num_states][numBasins].
std::vector<double> defaultInitialStates(const LoadedModel &model,
                                         int64_t numBasins);

/// Inputs of the right sizes: default parameters, initial states, and
/// forcings filled with NaN so that a forcing left unset shows in the
/// outputs. Fails when numBasins < 1, numSteps < 0 or the sizes overflow.
Result<SimulationInputs> makeInputs(const LoadedModel &model, int64_t numBasins,
                                    int64_t numSteps);

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

} // namespace dgm::rt

#endif // DGM_RUNTIME_SIMULATION_H

//===- ModelLibrary.h - dlopen a compiled model for a test ------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The tests here use the bare C ABI (dlopen + dgm_get_model), as a program
// in any language would, rather than the runtime library: they check what
// the compiler produces, independently of the runtime's own checks.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TEST_UNIT_MODELS_MODELLIBRARY_H
#define DGM_TEST_UNIT_MODELS_MODELLIBRARY_H

#include "dgm/abi.h"

#include <string>
#include <vector>

namespace dgm::test {

/// A compiled example, loaded from the build's examples directory.
class ModelLibrary {
public:
  explicit ModelLibrary(const std::string &exampleName);
  ~ModelLibrary();
  ModelLibrary(const ModelLibrary &) = delete;
  ModelLibrary &operator=(const ModelLibrary &) = delete;

  const dgm_model *model() const { return descriptor; }
  const std::string &error() const { return loadError; }

private:
  void *handle = nullptr;
  const dgm_model *descriptor = nullptr;
  std::string loadError;
};

/// Everything one call of simulate reads and writes, in the ABI layouts.
struct SimulationRun {
  int64_t numBasins = 0, numSteps = 0;
  std::vector<double> params, initStates, forcings;
  std::vector<double> outputs, trajectory, finalStates;

  /// Sizes the output arrays for `model` and calls its simulate entry.
  int32_t simulate(const dgm_model &model);
};

} // namespace dgm::test

#endif // DGM_TEST_UNIT_MODELS_MODELLIBRARY_H

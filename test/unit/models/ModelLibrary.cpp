//===- ModelLibrary.cpp - dlopen a compiled model for a test --------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ModelLibrary.h"

#include <dlfcn.h>

using namespace dgm::test;

ModelLibrary::ModelLibrary(const std::string &exampleName) {
  std::string path =
      std::string(DGM_EXAMPLES_DIR) + "/lib" + exampleName + ".so";
  handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    loadError = dlerror();
    return;
  }
  auto getModel =
      reinterpret_cast<dgm_get_model_fn>(dlsym(handle, DGM_GET_MODEL_SYMBOL));
  if (!getModel) {
    loadError = path + " has no " DGM_GET_MODEL_SYMBOL;
    return;
  }
  descriptor = getModel();
}

ModelLibrary::~ModelLibrary() {
  if (handle)
    dlclose(handle);
}

int32_t SimulationRun::simulate(const dgm_model &model) {
  outputs.assign(model.num_outputs * numSteps * numBasins, -1.0);
  trajectory.assign(model.num_states * numSteps * numBasins, -1.0);
  finalStates.assign(model.num_states * numBasins, -1.0);
  return model.simulate(numBasins, 1, numSteps, params.data(),
                        initStates.data(), forcings.data(), outputs.data(),
                        trajectory.data(), finalStates.data());
}

//===- ReferenceModels.h - Hand-written C++ of the example models -*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Independent implementations of examples/*/*.dgm, written from the
// equations, one time step for one basin. The tests compare the compiled
// libraries against these to 1e-12.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TEST_UNIT_MODELS_REFERENCEMODELS_H
#define DGM_TEST_UNIT_MODELS_REFERENCEMODELS_H

namespace dgm::test {

struct LinearReservoir {
  // Parameters.
  double k, fET;
  // State.
  double S;
  // Outputs of the last step.
  double Q = 0, ET = 0;

  void step(double P, double PET);
};

struct SnowBucket {
  double TT, CFMAX, FC, BETA, LP, K1, K2, PERC;
  double SNOW, SM, UZ, LZ;
  double Q = 0, ET = 0, melt = 0;

  void step(double P, double T, double PET);
};

} // namespace dgm::test

#endif // DGM_TEST_UNIT_MODELS_REFERENCEMODELS_H

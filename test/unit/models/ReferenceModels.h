//===- ReferenceModels.h - Hand-written C++ of the example models -*- C++
//-*-===//
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

/// examples/nash_cascade: three equal linear reservoirs in series (Nash
/// 1957), each releasing k*S of its storage after taking in its inflow.
struct NashCascade {
  double k;
  double S1, S2, S3;
  double Q = 0, ET = 0, Peff = 0;

  void step(double P, double PET);
};

/// examples/degree_day_snow: the HBV-light snow routine (Seibert and Vis
/// 2012) with snowfall correction, refreezing and liquid-water retention.
struct DegreeDaySnow {
  double TT, CFMAX, SFCF, CFR, CWH;
  double SP, WC;
  double outflow = 0, snowfall = 0, melt = 0, refreeze = 0;

  void step(double P, double T);
};

} // namespace dgm::test

#endif // DGM_TEST_UNIT_MODELS_REFERENCEMODELS_H

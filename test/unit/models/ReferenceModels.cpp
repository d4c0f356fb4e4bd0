//===- ReferenceModels.cpp - Hand-written C++ of the example models -------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ReferenceModels.h"

#include <algorithm>
#include <cmath>

using namespace dgm::test;

void LinearReservoir::step(double P, double PET) {
  double available = S + P;
  ET = std::min(fET * PET, available);
  Q = k * (available - ET);
  S = S + P - ET - Q;
}

void SnowBucket::step(double P, double T, double PET) {
  double rain = T >= TT ? P : 0.0;
  double snow = P - rain;
  SNOW += snow;
  melt = std::min(std::max(CFMAX * (T - TT), 0.0), SNOW);
  SNOW -= melt;

  double input = rain + melt;
  double wetness = std::clamp(std::pow(SM / FC, BETA), 0.0, 1.0);
  double recharge = input * wetness;
  SM += input - recharge;
  double excess = std::max(SM - FC, 0.0);
  SM -= excess;
  double evapFactor = std::clamp(SM / (LP * FC), 0.0, 1.0);
  ET = std::min(SM, PET * evapFactor);
  SM = std::max(SM - ET, 1e-5);

  UZ += recharge + excess;
  double perc = std::min(UZ, PERC);
  UZ -= perc;
  double q1 = K1 * UZ;
  UZ -= q1;
  LZ += perc;
  double q2 = K2 * LZ;
  LZ -= q2;
  Q = q1 + q2;
}

// The step is one day; amounts (mm) and rates (mm/d) have the same numbers.

void NashCascade::step(double P, double PET) {
  ET = std::min(PET, P);
  Peff = P - ET;
  double stores[3] = {S1, S2, S3};
  double inflow = Peff;
  for (double &store : stores) {
    store += inflow;
    double outflow = k * store;
    store -= outflow;
    inflow = outflow;
  }
  Q = inflow;
  S1 = stores[0];
  S2 = stores[1];
  S3 = stores[2];
}

void DegreeDaySnow::step(double P, double T) {
  double rain = 0.0;
  snowfall = 0.0;
  melt = 0.0;
  refreeze = 0.0;
  if (T < TT) {
    snowfall = SFCF * P;
    SP += snowfall;
    refreeze = std::min(CFR * CFMAX * (TT - T), WC);
    SP += refreeze;
    WC -= refreeze;
  } else {
    rain = P;
    melt = std::min(CFMAX * (T - TT), SP);
    SP -= melt;
    WC += melt;
  }
  WC += rain;
  outflow = std::max(WC - CWH * SP, 0.0);
  WC -= outflow;
}

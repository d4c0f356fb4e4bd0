//===- Evapotranspiration.cpp - Temperature-based PET ---------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Evapotranspiration.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

using namespace dgm::rt;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double pi = std::numbers::pi;

bool validDay(int dayOfYear) { return dayOfYear >= 1 && dayOfYear <= 366; }

bool validLatitude(double latitude) {
  return latitude >= -90.0 && latitude <= 90.0; // false for NaN
}

} // namespace

double dgm::rt::inverseRelativeDistance(int dayOfYear) {
  if (!validDay(dayOfYear))
    return NaN;
  return 1.0 + 0.033 * std::cos(2.0 * pi * dayOfYear / 365.0);
}

double dgm::rt::solarDeclination(int dayOfYear) {
  if (!validDay(dayOfYear))
    return NaN;
  return 0.409 * std::sin(2.0 * pi * dayOfYear / 365.0 - 1.39);
}

double dgm::rt::sunsetHourAngle(double latitudeDegrees, int dayOfYear) {
  if (!validDay(dayOfYear) || !validLatitude(latitudeDegrees))
    return NaN;
  double phi = latitudeDegrees * pi / 180.0;
  double x = -std::tan(phi) * std::tan(solarDeclination(dayOfYear));
  // At +-90 degrees tan(phi) is huge (not infinite: pi / 2 is not exact), so
  // x is far outside [-1, 1] and the clamp gives polar day or night. An exact
  // equinox at a pole (x = 0 * huge) is not reachable with integer days.
  if (std::isnan(x))
    return NaN;
  return std::acos(std::clamp(x, -1.0, 1.0));
}

double dgm::rt::extraterrestrialRadiation(double latitudeDegrees,
                                          int dayOfYear) {
  double ws = sunsetHourAngle(latitudeDegrees, dayOfYear);
  if (std::isnan(ws))
    return NaN;
  double phi = latitudeDegrees * pi / 180.0;
  double delta = solarDeclination(dayOfYear);
  double ra = 24.0 * 60.0 / pi * solarConstant *
              inverseRelativeDistance(dayOfYear) *
              (ws * std::sin(phi) * std::sin(delta) +
               std::cos(phi) * std::cos(delta) * std::sin(ws));
  // Rounding can leave a tiny negative number in the polar night.
  return std::max(ra, 0.0);
}

double dgm::rt::daylightHours(double latitudeDegrees, int dayOfYear) {
  return 24.0 / pi * sunsetHourAngle(latitudeDegrees, dayOfYear);
}

double dgm::rt::hargreavesPet(double tmin, double tmax, double ra) {
  if (std::isnan(tmin) || std::isnan(tmax) || !(ra >= 0.0))
    return NaN;
  double tmean = 0.5 * (tmax + tmin);
  double pet = 0.0023 * (tmean + 17.8) * std::sqrt(std::max(tmax - tmin, 0.0)) *
               0.408 * ra;
  return std::max(pet, 0.0);
}

double dgm::rt::hargreavesPet(double tmin, double tmax, double latitudeDegrees,
                              int dayOfYear) {
  return hargreavesPet(tmin, tmax,
                       extraterrestrialRadiation(latitudeDegrees, dayOfYear));
}

double dgm::rt::saturationVaporPressureHpa(double temperature) {
  return 6.108 * std::exp(17.27 * temperature / (temperature + 237.3));
}

double dgm::rt::hamonPet(double temperature, double daylightHours,
                         double coefficient) {
  if (std::isnan(temperature) || std::isnan(coefficient) ||
      !(daylightHours >= 0.0 && daylightHours <= 24.0) ||
      !(temperature > -273.3))
    return NaN;
  double rhoSat =
      216.7 * saturationVaporPressureHpa(temperature) / (temperature + 273.3);
  return coefficient * 0.1651 * (daylightHours / 12.0) * rhoSat;
}


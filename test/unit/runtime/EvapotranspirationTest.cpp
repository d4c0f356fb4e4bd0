//===- EvapotranspirationTest.cpp - Tests of temperature-based PET --------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Calendar.h"
#include "dgm/runtime/Evapotranspiration.h"

#include "gtest/gtest.h"

#include <cmath>
#include <numbers>

using namespace dgm::rt;

namespace {

// FAO-56 (Allen et al. 1998), example 8: extraterrestrial radiation at
// 20 degrees south on 3 September (J = 246): dr = 0.985, delta = 0.120 rad,
// omega_s = 1.527 rad, Ra = 32.2 MJ m-2 d-1. The book rounds to the digits
// shown, so the tolerance is half a unit of the last one.
TEST(Evapotranspiration, FaoExample8) {
  EXPECT_EQ(dayOfYear(2001, 9, 3), 246);
  EXPECT_NEAR(inverseRelativeDistance(246), 0.985, 0.0005);
  EXPECT_NEAR(solarDeclination(246), 0.120, 0.0005);
  EXPECT_NEAR(sunsetHourAngle(-20.0, 246), 1.527, 0.0005);
  EXPECT_NEAR(extraterrestrialRadiation(-20.0, 246), 32.2, 0.05);
}

// FAO-56 example 9: the daylight hours of the same place and day, N = 11.7.
TEST(Evapotranspiration, FaoExample9DaylightHours) {
  EXPECT_NEAR(daylightHours(-20.0, 246), 11.7, 0.05);
}

// Hargreaves by hand at the place and day of example 8 (Ra = 32.194 to five
// digits from the equations): Tmax = 30, Tmin = 20, so Tmean = 25 and
// PET = 0.0023 * 42.8 * sqrt(10) * 0.408 * 32.194 = 4.0889 mm/d.
TEST(Evapotranspiration, HargreavesByHand) {
  EXPECT_NEAR(extraterrestrialRadiation(-20.0, 246), 32.194, 0.0005);
  EXPECT_NEAR(hargreavesPet(20.0, 30.0, -20.0, 246), 4.0889, 0.0005);
  // The form taking Ra directly: Tmean = 9.5, so
  // 0.0023 * 27.3 * 3 * 0.408 * 10 = 0.7685496.
  EXPECT_NEAR(hargreavesPet(5.0, 14.0, 10.0), 0.7685496, 1e-12);
}

TEST(Evapotranspiration, HargreavesProperties) {
  // No temperature range, no evaporation; a reversed range counts as none.
  EXPECT_EQ(hargreavesPet(15.0, 15.0, 30.0), 0.0);
  EXPECT_EQ(hargreavesPet(16.0, 15.0, 30.0), 0.0);
  // Below Tmean = -17.8 degC the formula is negative; PET is clamped at 0.
  EXPECT_EQ(hargreavesPet(-40.0, -30.0, 30.0), 0.0);
  EXPECT_GT(hargreavesPet(-20.0, -10.0, 30.0), 0.0);
  // Linear in Ra, increasing with the range and with the temperature.
  EXPECT_NEAR(hargreavesPet(10.0, 20.0, 20.0),
              2.0 * hargreavesPet(10.0, 20.0, 10.0), 1e-12);
  EXPECT_GT(hargreavesPet(5.0, 20.0, 20.0), hargreavesPet(10.0, 20.0, 20.0));
  EXPECT_GT(hargreavesPet(15.0, 25.0, 20.0), hargreavesPet(10.0, 20.0, 20.0));
  // Invalid inputs give NaN, not a crash or a number.
  EXPECT_TRUE(std::isnan(hargreavesPet(NAN, 20.0, 20.0)));
  EXPECT_TRUE(std::isnan(hargreavesPet(10.0, NAN, 20.0)));
  EXPECT_TRUE(std::isnan(hargreavesPet(10.0, 20.0, -1.0)));
  EXPECT_TRUE(std::isnan(hargreavesPet(10.0, 20.0, 91.0, 100)));
  EXPECT_TRUE(std::isnan(hargreavesPet(10.0, 20.0, 45.0, 0)));
  EXPECT_TRUE(std::isnan(hargreavesPet(10.0, 20.0, 45.0, 367)));
}

TEST(Evapotranspiration, SolarGeometryProperties) {
  // At the equator the day lasts 12 hours all year.
  for (int j : {1, 80, 172, 266, 355})
    EXPECT_NEAR(daylightHours(0.0, j), 12.0, 1e-12) << "day " << j;
  // The two hemispheres mirror each other: N(phi) + N(-phi) = 24 h.
  for (int j : {1, 100, 200, 300})
    EXPECT_NEAR(daylightHours(45.0, j) + daylightHours(-45.0, j), 24.0, 1e-12);
  // Long days in the northern summer, short in its winter.
  EXPECT_GT(daylightHours(45.0, 172), 15.0);
  EXPECT_LT(daylightHours(45.0, 355), 9.0);
  // Polar night: no sun, Ra = 0; polar day: 24 hours of sun.
  EXPECT_EQ(extraterrestrialRadiation(80.0, 355), 0.0);
  EXPECT_EQ(daylightHours(80.0, 355), 0.0);
  EXPECT_NEAR(daylightHours(80.0, 172), 24.0, 1e-12);
  EXPECT_GT(extraterrestrialRadiation(80.0, 172), 40.0);
  EXPECT_EQ(extraterrestrialRadiation(90.0, 355), 0.0);
  EXPECT_EQ(extraterrestrialRadiation(-90.0, 172), 0.0);
  // Ra is never negative, and the tropics get more in the year than the
  // high latitudes.
  double tropics = 0, north = 0;
  for (int j = 1; j <= 366; ++j) {
    for (double lat = -90; lat <= 90; lat += 7.5)
      ASSERT_GE(extraterrestrialRadiation(lat, j), 0.0)
          << "lat " << lat << " day " << j;
    tropics += extraterrestrialRadiation(10.0, j);
    north += extraterrestrialRadiation(60.0, j);
  }
  EXPECT_GT(tropics, 1.5 * north);
  EXPECT_TRUE(std::isnan(extraterrestrialRadiation(NAN, 100)));
  EXPECT_TRUE(std::isnan(extraterrestrialRadiation(-90.5, 100)));
  EXPECT_TRUE(std::isnan(sunsetHourAngle(45.0, -3)));
}

// Hamon by hand: T = 20 degC, N = 12 h, k = 1.
// e_s = 6.108 exp(17.27 * 20 / 257.3) = 23.383 hPa,
// rho_sat = 216.7 * 23.383 / 293.3 = 17.276 g m-3,
// PET = 0.1651 * 1 * 17.276 = 2.8523 mm/d, and Haith & Shoemaker's
// 29.8 * 12 * 2.3383 / 293.2 = 2.8519 is the same to 0.02 %.
TEST(Evapotranspiration, HamonByHand) {
  EXPECT_NEAR(saturationVaporPressureHpa(20.0), 23.383, 0.0005);
  // FAO-56 Annex 2, table 2.3: e_s(20 degC) = 2.338 kPa.
  EXPECT_NEAR(saturationVaporPressureHpa(20.0) / 10.0, 2.338, 0.0005);
  EXPECT_NEAR(hamonPet(20.0, 12.0), 2.8523, 0.0005);
  EXPECT_NEAR(hamonPet(20.0, 12.0), 2.8519, 0.002);
  EXPECT_NEAR(hamonPet(20.0, 12.0, 1.2), 1.2 * 2.8523, 0.0006);
}

TEST(Evapotranspiration, HamonProperties) {
  // Proportional to the day length and to the coefficient.
  EXPECT_NEAR(hamonPet(10.0, 16.0), 2.0 * hamonPet(10.0, 8.0), 1e-12);
  EXPECT_EQ(hamonPet(10.0, 0.0), 0.0);
  EXPECT_NEAR(hamonPet(10.0, 12.0, 1.2), 1.2 * hamonPet(10.0, 12.0), 1e-12);
  // Increasing with temperature, positive even below freezing.
  double previous = 0;
  for (double t = -30; t <= 40; t += 5) {
    double pet = hamonPet(t, 12.0);
    EXPECT_GT(pet, previous) << "T = " << t;
    previous = pet;
  }
  EXPECT_TRUE(std::isnan(hamonPet(NAN, 12.0)));
  EXPECT_TRUE(std::isnan(hamonPet(10.0, 25.0)));
  EXPECT_TRUE(std::isnan(hamonPet(10.0, -1.0)));
  EXPECT_TRUE(std::isnan(hamonPet(-300.0, 12.0)));
}

} // namespace

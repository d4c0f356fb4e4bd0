//===- Evapotranspiration.h - Temperature-based PET -------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Potential evapotranspiration from temperature, latitude and the day of the
// year, for forcing data that come without PET (CAMELS, Camels.h).
//
// Solar geometry follows FAO-56 (Allen, Pereira, Raes & Smith 1998, "Crop
// evapotranspiration", FAO Irrigation and Drainage Paper 56, chapter 3):
//
//   dr = 1 + 0.033 cos(2 pi J / 365)                        (eq. 23)
//   delta = 0.409 sin(2 pi J / 365 - 1.39)                  (eq. 24)
//   omega_s = arccos(-tan(phi) tan(delta))                  (eq. 25)
//   Ra = 24 * 60 / pi * Gsc * dr * (omega_s sin(phi) sin(delta)
//                       + cos(phi) cos(delta) sin(omega_s)) (eq. 21)
//   N = 24 / pi * omega_s                                   (eq. 34)
//
// with Gsc = 0.0820 MJ m-2 min-1, J the day of the year (1 = 1 January,
// 365 or 366 = 31 December), phi the latitude in radians (negative south).
// Beyond the polar circles the argument of arccos leaves [-1, 1] (polar day or
// night); it is clamped, which gives omega_s = pi (sun always up) or 0 (sun
// never up, Ra = 0).
//
// Hargreaves (Hargreaves & Samani 1985, in the FAO-56 form, eq. 52 with Ra
// converted to mm/d of evaporation by 0.408 = 1 / 2.45 MJ kg-1):
//
//   PET = 0.0023 * (Tmean + 17.8) * sqrt(max(Tmax - Tmin, 0)) * 0.408 * Ra
//
// with Tmean = (Tmax + Tmin) / 2 (FAO-56 recommends the mean of the daily
// extremes). Below Tmean = -17.8 degC the formula turns negative; the result
// is clamped at 0, since a potential evaporation cannot be negative.
//
// Hamon, in the form of Haith & Shoemaker (1987) as written by Lu, Sun,
// McNulty & Amatya (2005, JAWRA 41(3), 621-633, eq. for "Hamon"):
//
//   PET = k * 0.1651 * (N / 12) * rho_sat                        (mm/d)
//   rho_sat = 216.7 * e_s / (T + 273.3)    saturated vapour density, g m-3
//   e_s = 6.108 * exp(17.27 T / (T + 237.3))  saturation vapour pressure, hPa
//
// with N the daylight hours and T the daily mean temperature (degC). This is
// the same as Haith & Shoemaker's PET = 29.8 * N * e_s[kPa] / (T + 273.2) to
// within 0.1 % (0.1651 * 216.7 * 10 / 12 = 29.81). k = 1 is Haith &
// Shoemaker's form; Lu et al. (2005) calibrated k = 1.2 for the south-eastern
// United States. Hamon's 1961 original uses (N / 12) squared (as PRMS's
// potet_hamon does); that variant is NOT the one computed here.
//
// Every function is total: a NaN input, a latitude outside [-90, 90] or a
// day of the year outside [1, 366] gives NaN, never a crash.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_EVAPOTRANSPIRATION_H
#define DGM_RUNTIME_EVAPOTRANSPIRATION_H

namespace dgm::rt {

/// The solar constant Gsc of FAO-56, MJ m-2 min-1.
inline constexpr double solarConstant = 0.0820;

/// Inverse relative Earth-Sun distance dr (FAO-56 eq. 23), dimensionless.
double inverseRelativeDistance(int dayOfYear);

/// Solar declination delta (FAO-56 eq. 24), radians.
double solarDeclination(int dayOfYear);

/// Sunset hour angle omega_s (FAO-56 eq. 25), radians, in [0, pi]; clamped
/// at the poles' day and night (see above).
double sunsetHourAngle(double latitudeDegrees, int dayOfYear);

/// Extraterrestrial radiation Ra (FAO-56 eq. 21), MJ m-2 d-1.
double extraterrestrialRadiation(double latitudeDegrees, int dayOfYear);

/// Maximum possible daylight hours N (FAO-56 eq. 34), hours.
double daylightHours(double latitudeDegrees, int dayOfYear);

/// Hargreaves PET in mm/d from the daily extremes (degC) and Ra
/// (MJ m-2 d-1), clamped at 0; NaN if an input is NaN or Ra < 0.
double hargreavesPet(double tmin, double tmax, double ra);

/// Hargreaves PET in mm/d from the daily extremes, the latitude (degrees,
/// negative south) and the day of the year.
double hargreavesPet(double tmin, double tmax, double latitudeDegrees,
                     int dayOfYear);

/// Saturation vapour pressure over water, hPa (Tetens, as in Lu et al. 2005;
/// FAO-56 eq. 11 gives the same in kPa).
double saturationVaporPressureHpa(double temperature);

/// Hamon PET in mm/d (Haith & Shoemaker 1987 / Lu et al. 2005 form, see
/// above) from the daily mean temperature (degC) and the daylight hours N
/// (for instance CAMELS's dayl(s) / 3600, or daylightHours()); `coefficient`
/// is k. NaN if an input is NaN, N is outside [0, 24] or T <= -273.3.
double hamonPet(double temperature, double daylightHours,
                double coefficient = 1.0);

} // namespace dgm::rt

#endif // DGM_RUNTIME_EVAPOTRANSPIRATION_H

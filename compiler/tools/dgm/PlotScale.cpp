//===- PlotScale.cpp - Axes shared by the chart renderers -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "PlotScale.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

using namespace dgm::cli;

const char *const dgm::cli::kPaletteHex[kPaletteSize] = {
    "#1f77b4", "#222222", "#d62728", "#2ca02c", "#9467bd"};
const Rgb dgm::cli::kPaletteRgb[kPaletteSize] = {{0x1f, 0x77, 0xb4},
                                                 {0x22, 0x22, 0x22},
                                                 {0xd6, 0x27, 0x28},
                                                 {0x2c, 0xa0, 0x2c},
                                                 {0x94, 0x67, 0xbd}};

double dgm::cli::niceTickStep(double range, int ticks) {
  if (!(range > 0) || !std::isfinite(range) || ticks <= 0)
    return 1;
  double raw = range / ticks;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * power)
      return m * power;
  return 10 * power;
}

DataExtent dgm::cli::dataExtent(const LineChart &chart) {
  DataExtent e;
  double lo = INFINITY, hi = -INFINITY;
  for (const PlotSeries &s : chart.series) {
    e.steps = std::max(e.steps, s.values.size());
    for (double v : s.values)
      if (std::isfinite(v)) {
        ++e.finite;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  }
  if (e.finite > 0) {
    e.lo = lo;
    e.hi = hi;
  }
  return e;
}

double YAxis::fraction(double v) const {
  // Halves, so that neither difference can overflow.
  double span = hi / 2 - lo / 2;
  if (!(span > 0))
    return 0.5;
  return (v / 2 - lo / 2) / span;
}

YAxis dgm::cli::chooseYAxis(double lo, double hi, int maxTicks, bool roundOut) {
  maxTicks = std::max(maxTicks, 2);
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo <= hi)) {
    lo = 0;
    hi = 1;
  }
  double magnitude = std::max(std::fabs(lo), std::fabs(hi));
  if (hi / 2 - lo / 2 <= 0.5e-9 * magnitude) {
    // (Nearly) constant: a small range around the value, which sits in the
    // middle.
    double c = lo / 2 + hi / 2;
    double pad = c == 0 ? 1 : std::fabs(c) * 0.1;
    lo = std::max(c - pad, -DBL_MAX);
    hi = std::min(c + pad, DBL_MAX);
  } else if (lo >= 0 && lo < hi - lo) {
    lo = 0; // flows, rain: measured from zero
  } else if (hi <= 0 && -hi / 2 < hi / 2 - lo / 2) {
    hi = 0;
  }

  YAxis axis;
  axis.lo = lo;
  axis.hi = hi;
  double half = hi / 2 - lo / 2; // > 0 and finite
  int e0 = static_cast<int>(std::floor(std::log10(half))) - 3;
  double step = 0, first = 0, last = 0;
  for (int e = e0; e <= e0 + 8 && step == 0; ++e)
    for (double m : {1.0, 2.0, 5.0}) {
      double s = m * std::pow(10.0, e);
      if (!std::isfinite(s) || s <= 0)
        continue;
      double a = roundOut ? std::floor(lo / s) : std::ceil(lo / s);
      double b = roundOut ? std::ceil(hi / s) : std::floor(hi / s);
      if (b - a + 1 <= maxTicks && b >= a) {
        step = s;
        first = a;
        last = b;
        break;
      }
    }
  if (step == 0) { // cannot happen for finite input; keep the data range
    axis.step = hi / 2 - lo / 2;
    axis.ticks = {lo, hi};
    return axis;
  }
  axis.step = step;
  double alo = first * step, ahi = last * step;
  if (roundOut && std::isfinite(alo))
    axis.lo = alo;
  if (roundOut && std::isfinite(ahi))
    axis.hi = ahi;
  for (double k = first; k <= last; ++k) {
    double v = k * step + 0.0; // no "-0"
    if (std::isfinite(v) && v >= axis.lo && v <= axis.hi)
      axis.ticks.push_back(v);
  }
  return axis;
}

std::string dgm::cli::formatTick(double v, double step) {
  if (!std::isfinite(v))
    return "?";
  if (std::fabs(v) < std::fabs(step) * 1e-9)
    v = 0;
  v += 0.0;
  char buffer[48];
  int decimals = 0;
  if (step > 0 && step < 1)
    decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  if (std::fabs(v) < 1e7 && decimals <= 5) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  } else {
    int digits = 3;
    if (v != 0 && step > 0 && std::isfinite(step))
      digits = static_cast<int>(std::floor(std::log10(std::fabs(v))) -
                                std::floor(std::log10(step))) +
               1;
    digits = std::clamp(digits, 1, 6);
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
  }
  return buffer;
}

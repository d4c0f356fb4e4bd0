//===- PlotScale.h - Axes shared by the chart renderers ----------*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The pieces the SVG, PNG and terminal charts agree on: "nice" tick steps,
// the y range of a chart, tick labels and the series palette.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_PLOTSCALE_H
#define DGM_TOOLS_DGM_PLOTSCALE_H

#include "Plot.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dgm::cli {

/// A "nice" tick step (1, 2 or 5 times a power of ten) of about
/// `range / ticks`. Returns 1 for a range that is not positive and finite.
double niceTickStep(double range, int ticks);

/// The finite values of all series of `chart`.
struct DataExtent {
  std::size_t steps = 0;  ///< longest series
  std::size_t finite = 0; ///< number of finite values
  double lo = 0, hi = 0;  ///< their extremes (when finite > 0)
};
DataExtent dataExtent(const LineChart &chart);

/// A y axis: [lo, hi] with tick marks at `ticks` (ascending, inside it).
struct YAxis {
  double lo = 0, hi = 1;
  double step = 1;
  std::vector<double> ticks;
  /// The fraction (0 at lo, 1 at hi) of `v`, without overflow even when
  /// hi - lo exceeds the double range.
  double fraction(double v) const;
};

/// A y axis for data in [lo, hi] with at most `maxTicks` (>= 2) ticks at
/// multiples of a nice step (the smallest step that keeps to maxTicks).
/// With `roundOut` the ends move out to ticks (as in the SVG); without, the
/// axis ends at the data and the ticks lie inside it (no wasted rows in a
/// terminal). Data that starts at (or near) zero is drawn from zero; a
/// constant series sits in the middle of a small range around it.
YAxis chooseYAxis(double lo, double hi, int maxTicks, bool roundOut = true);

/// A short label for tick value `v` on an axis with step `step`.
std::string formatTick(double v, double step);

/// The series colours, as in the SVG chart.
struct Rgb {
  std::uint8_t r, g, b;
};
constexpr std::size_t kPaletteSize = 5;
extern const char *const kPaletteHex[kPaletteSize];
extern const Rgb kPaletteRgb[kPaletteSize];

/// Bresenham: calls `visit(x, y)` for every point of the line from
/// (x0, y0) to (x1, y1), both ends included.
template <typename Visit>
void forEachLinePoint(int x0, int y0, int x1, int y1, Visit visit) {
  int dx = x1 > x0 ? x1 - x0 : x0 - x1, sx = x0 < x1 ? 1 : -1;
  int dy = -(y1 > y0 ? y1 - y0 : y0 - y1), sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;
  for (;;) {
    visit(x0, y0);
    if (x0 == x1 && y0 == y1)
      return;
    int e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_PLOTSCALE_H

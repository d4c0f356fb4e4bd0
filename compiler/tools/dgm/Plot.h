//===- Plot.h - Line charts as SVG -------------------------------*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A hydrograph is easier to judge than a column of numbers: `dgm run --plot
// FILE.svg` draws the simulated and observed series. SVG is text, so no
// dependency is needed and any browser shows it.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_PLOT_H
#define DGM_TOOLS_DGM_PLOT_H

#include <string>
#include <vector>

namespace dgm::cli {

struct PlotSeries {
  std::string name;
  std::vector<double> values; ///< NaN leaves a gap
};

struct LineChart {
  std::string title;
  std::string yLabel;
  /// One label per step (dates), or empty for step numbers.
  std::vector<std::string> xLabels;
  std::vector<PlotSeries> series;
};

/// The chart as a standalone SVG document.
std::string renderSvg(const LineChart &chart);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_PLOT_H

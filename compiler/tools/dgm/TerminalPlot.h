//===- TerminalPlot.h - Line charts drawn in the terminal --------*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm repl`'s `:plot OUTPUT [OBS]` draws the chart right in the terminal,
// with Unicode braille characters (U+2800..U+28FF): each character cell holds
// 2 x 4 dots, so an 80 x 20 terminal area gives about 150 x 64 dots.
//
// Layout, top to bottom (`height` lines in all when it leaves room for at
// least two plot rows):
//   the title (and the y label in brackets);
//   the plot rows, with nice tick labels (3 to 5) left of a vertical axis
//   (the axis spans the data, from zero when the data start near zero, so
//   the top row need not carry a label);
//   the x axis line with ticks under the first, middle and last step;
//   their labels (chart.xLabels when given, else step numbers 1..n);
//   the legend (wrapped onto more lines when it does not fit).
//
// Consecutive finite values are joined by straight lines (Bresenham in dot
// space); a NaN (or infinite) value leaves a gap. When there are more steps
// than dot columns, every step still draws its line to the next, so each dot
// column covers at least the min..max range of the steps that fall into it:
// a one-day peak is never dropped by the down-sampling. (A NaN gap shorter
// than a dot column can be hidden by the neighbouring values, though.)
//
// Series are told apart by colour (opts.color: ANSI colours blue, default
// foreground, red, green, magenta, as the SVG's palette; where two series
// share a cell, the dots of both are shown in the later series' colour), or
// without colour by style: the first series is solid, the second and later
// are dotted (every 2nd, 3rd, ... dot along the line). Where the series
// overlap, their dots merge, which without colour cannot be told apart.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_TERMINALPLOT_H
#define DGM_TOOLS_DGM_TERMINALPLOT_H

#include "Plot.h"

#include <string>

namespace dgm::cli {

struct TerminalChartOptions {
  unsigned width = 80;  ///< columns in all, labels included
  unsigned height = 20; ///< lines in all, title and legend included
  bool color = false;   ///< ANSI colour escapes
};

/// The chart as UTF-8 text, each line ending in '\n'. A chart without any
/// finite value is the title and a "(no data: ...)" line.
std::string renderTerminalChart(const LineChart &chart,
                                const TerminalChartOptions &opts = {});

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_TERMINALPLOT_H

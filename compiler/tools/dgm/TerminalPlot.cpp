//===- TerminalPlot.cpp - Line charts drawn in the terminal ---------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "TerminalPlot.h"
#include "PlotScale.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace dgm::cli;

namespace {

constexpr int kMinPlotCols = 4;
constexpr int kMinPlotRows = 2;
constexpr int kMaxYTicks = 5;

/// ANSI foreground colours in the order of the SVG palette (blue, near-black
/// → the terminal's own foreground, red, green, purple).
const char *const kAnsi[kPaletteSize] = {"\x1b[34m", "\x1b[39m", "\x1b[31m",
                                         "\x1b[32m", "\x1b[35m"};
const char *const kReset = "\x1b[0m";

/// The UTF-8 encoding of braille pattern `bits` (U+2800 + bits).
std::string braille(std::uint8_t bits) {
  unsigned cp = 0x2800u + bits;
  std::string out;
  out += static_cast<char>(0xE0 | (cp >> 12));
  out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (cp & 0x3F));
  return out;
}

/// Bit of dot (dx, dy) in a braille cell, dx in 0..1, dy in 0..3.
std::uint8_t dotBit(int dx, int dy) {
  static const std::uint8_t bits[2][4] = {{0x01, 0x02, 0x04, 0x40},
                                          {0x08, 0x10, 0x20, 0x80}};
  return bits[dx][dy];
}

/// Number of code points (display columns, for the text we draw).
std::size_t columns(const std::string &s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80)
      ++n;
  return n;
}

/// `s` cut to at most `width` code points.
std::string clip(const std::string &s, std::size_t width) {
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n == width)
        break;
      ++n;
    }
  }
  return s.substr(0, i);
}

struct Canvas {
  int cols, rows; // character cells
  std::vector<std::uint8_t> dots;
  std::vector<int> color; // series index that last drew in the cell, or -1

  Canvas(int c, int r)
      : cols(c), rows(r), dots(static_cast<std::size_t>(c * r), 0),
        color(static_cast<std::size_t>(c * r), -1) {}
  int dotCols() const { return cols * 2; }
  int dotRows() const { return rows * 4; }
  void set(int x, int y, int series) {
    if (x < 0 || y < 0 || x >= dotCols() || y >= dotRows())
      return;
    std::size_t cell = static_cast<std::size_t>((y / 4) * cols + x / 2);
    dots[cell] |= dotBit(x % 2, y % 4);
    color[cell] = series;
  }
};

/// Draws one series: solid, or with every `every`-th dot along its path.
class Pen {
public:
  Pen(Canvas &canvas, int series, int every)
      : canvas(canvas), series(series), every(std::max(every, 1)) {}

  void point(int x, int y) {
    if (count++ % every == 0)
      canvas.set(x, y, series);
  }
  /// Bresenham from (x0, y0), already drawn, to (x1, y1).
  void lineTo(int x0, int y0, int x1, int y1) {
    forEachLinePoint(x0, y0, x1, y1, [&](int x, int y) {
      if (x != x0 || y != y0) // the start is already drawn
        point(x, y);
    });
  }

private:
  Canvas &canvas;
  int series, every;
  unsigned long count = 0;
};

std::string xLabel(const LineChart &chart, std::size_t t) {
  return t < chart.xLabels.size() ? chart.xLabels[t] : std::to_string(t + 1);
}

/// Places `text` into `line` at [at, at + size) unless that overlaps a
/// column already used (with one column of space around).
bool place(std::string &line, std::vector<bool> &used, long at,
           const std::string &text) {
  long n = static_cast<long>(text.size());
  if (at < 0 || at + n > static_cast<long>(line.size()))
    return false;
  for (long i = std::max(0L, at - 1);
       i < std::min<long>(at + n + 1, static_cast<long>(used.size())); ++i)
    if (used[static_cast<std::size_t>(i)])
      return false;
  for (long i = 0; i < n; ++i) {
    line[static_cast<std::size_t>(at + i)] = text[static_cast<std::size_t>(i)];
    used[static_cast<std::size_t>(at + i)] = true;
  }
  return true;
}

} // namespace

std::string dgm::cli::renderTerminalChart(const LineChart &chart,
                                          const TerminalChartOptions &opts) {
  const bool color = opts.color;
  std::string titleLine = chart.title;
  if (!chart.yLabel.empty())
    titleLine += (titleLine.empty() ? "[" : "  [") + chart.yLabel + "]";

  DataExtent extent = dataExtent(chart);
  if (extent.finite == 0) {
    std::string why = chart.series.empty() ? "no series to plot"
                      : extent.steps == 0  ? "the series are empty"
                                           : "all values are missing";
    std::string out;
    if (!titleLine.empty())
      out += clip(titleLine, std::max(opts.width, 1u)) + "\n";
    return out + "(no data: " + why + ")\n";
  }

  // The legend first: its length decides how many rows the plot gets.
  const int width = static_cast<int>(std::clamp(opts.width, 20u, 10000u));
  std::vector<std::string> legend(1);
  std::size_t legendCols = 0; // visible width of legend.back()
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    std::string marker;
    if (color) {
      marker = std::string(kAnsi[i % kPaletteSize]) + "━━" + kReset;
    } else {
      // The style the series is drawn in, as two cells of a flat line.
      Canvas sample(2, 1);
      Pen pen(sample, 0, i == 0 ? 1 : static_cast<int>(i) + 1);
      pen.point(0, 1);
      pen.lineTo(0, 1, 3, 1);
      marker = braille(sample.dots[0]) + braille(sample.dots[1]);
    }
    std::size_t entryCols = 3 + columns(chart.series[i].name);
    if (legendCols > 0 &&
        legendCols + 3 + entryCols > static_cast<std::size_t>(width)) {
      legend.emplace_back();
      legendCols = 0;
    }
    if (legendCols > 0) {
      legend.back() += "   ";
      legendCols += 3;
    }
    legend.back() += marker + " " + chart.series[i].name;
    legendCols += entryCols;
  }

  const int height = static_cast<int>(std::min(opts.height, 10000u));
  int rows =
      std::max(kMinPlotRows, height - 3 - static_cast<int>(legend.size()));
  YAxis axis =
      chooseYAxis(extent.lo, extent.hi,
                  std::min(kMaxYTicks, std::max(2, rows / 2 + 1)), false);
  std::vector<std::string> tickText;
  std::size_t labelWidth = 0;
  for (double v : axis.ticks) {
    tickText.push_back(formatTick(v, axis.step));
    labelWidth = std::max(labelWidth, tickText.back().size());
  }
  const int gutter = static_cast<int>(labelWidth) + 2; // label, ' ', axis
  const int cols = std::max(kMinPlotCols, width - gutter);

  Canvas canvas(cols, rows);
  const std::size_t steps = extent.steps;
  auto dotX = [&](std::size_t t) {
    if (steps <= 1)
      return (canvas.dotCols() - 1) / 2;
    return static_cast<int>(
        std::lround(static_cast<double>(t) * (canvas.dotCols() - 1) /
                    static_cast<double>(steps - 1)));
  };
  auto dotY = [&](double v) {
    double f = std::clamp(axis.fraction(v), 0.0, 1.0);
    return static_cast<int>(std::lround((1 - f) * (canvas.dotRows() - 1)));
  };

  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const std::vector<double> &values = chart.series[i].values;
    Pen pen(canvas, static_cast<int>(i),
            color || i == 0 ? 1 : static_cast<int>(i) + 1);
    bool joined = false;
    int px = 0, py = 0;
    for (std::size_t t = 0; t < values.size(); ++t) {
      if (!std::isfinite(values[t])) {
        joined = false;
        continue;
      }
      int x = dotX(t), y = dotY(values[t]);
      if (joined)
        pen.lineTo(px, py, x, y);
      else
        pen.point(x, y);
      joined = true;
      px = x;
      py = y;
    }
  }

  // y labels by row (the first tick to land on a row keeps it).
  std::vector<std::string> rowLabel(static_cast<std::size_t>(rows));
  std::vector<bool> rowTick(static_cast<std::size_t>(rows), false);
  for (std::size_t k = 0; k < axis.ticks.size(); ++k) {
    std::size_t r = static_cast<std::size_t>(dotY(axis.ticks[k]) / 4);
    if (!rowTick[r]) {
      rowTick[r] = true;
      rowLabel[r] = tickText[k];
    }
  }

  std::string out;
  out += clip(titleLine, static_cast<std::size_t>(width)) + "\n";
  for (int r = 0; r < rows; ++r) {
    const std::string &label = rowLabel[static_cast<std::size_t>(r)];
    std::string line(labelWidth - label.size(), ' ');
    line += label + " " + (rowTick[static_cast<std::size_t>(r)] ? "┤" : "│");
    int last = cols - 1;
    while (last >= 0 &&
           canvas.dots[static_cast<std::size_t>(r * cols + last)] == 0)
      --last;
    int current = -1;
    for (int c = 0; c <= last; ++c) {
      std::size_t cell = static_cast<std::size_t>(r * cols + c);
      if (canvas.dots[cell] == 0) {
        line += ' ';
        continue;
      }
      if (color && canvas.color[cell] != current) {
        current = canvas.color[cell];
        line += kAnsi[static_cast<std::size_t>(current) % kPaletteSize];
      }
      line += braille(canvas.dots[cell]);
    }
    if (current >= 0)
      line += kReset;
    out += line + "\n";
  }

  // The x axis, ticks under the first, middle and last step, their labels.
  std::string labels(static_cast<std::size_t>(gutter + cols), ' ');
  std::vector<bool> used(labels.size(), false);
  std::vector<int> tickCols;
  auto labelAt = [&](std::size_t t, int align) { // -1 left, 0 centre, 1 right
    std::string text = xLabel(chart, t);
    int col = gutter + dotX(t) / 2;
    long at = align < 0   ? col
              : align > 0 ? col - static_cast<long>(text.size()) + 1
                          : col - static_cast<long>(text.size()) / 2;
    if (place(labels, used, at, text))
      tickCols.push_back(col);
  };
  if (steps == 1) {
    labelAt(0, 0);
  } else {
    labelAt(0, -1);
    labelAt(steps - 1, 1);
    if (steps > 2)
      labelAt((steps - 1) / 2, 0);
  }
  std::string axisLine(labelWidth + 1, ' ');
  axisLine += "└";
  for (int c = 0; c < cols; ++c)
    axisLine += std::find(tickCols.begin(), tickCols.end(), gutter + c) !=
                        tickCols.end()
                    ? "┬"
                    : "─";
  while (!labels.empty() && labels.back() == ' ')
    labels.pop_back();
  out += axisLine + "\n" + labels + "\n";
  for (const std::string &line : legend)
    out += line + "\n";
  return out;
}

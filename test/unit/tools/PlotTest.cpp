//===- PlotTest.cpp - Tests of the chart renderers ------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The terminal chart is read back into a grid of braille dots and the PNG is
// decoded with zlib (signature, chunk CRCs, IHDR, pixels), so the tests check
// what is drawn, not how.
//
//===----------------------------------------------------------------------===//

#include "Plot.h"
#include "ChartImage.h"
#include "PlotScale.h"
#include "PngPlot.h"
#include "TerminalPlot.h"

#include "../runtime/TempDir.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <zlib.h>

using namespace dgm::cli;

namespace {

const double NaN = std::nan("");

LineChart chartOf(std::vector<double> values, std::string name = "Q") {
  LineChart chart;
  chart.title = "test chart";
  chart.series.push_back({std::move(name), std::move(values)});
  return chart;
}

std::vector<std::string> splitLines(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

/// Visible columns of a line: code points outside ANSI escapes.
std::size_t visibleWidth(const std::string &line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b') {
      while (i < line.size() && line[i] != 'm')
        ++i;
      continue;
    }
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
      ++n;
  }
  return n;
}

/// The plot area of a terminal chart read back as dots: dots[y][x].
struct DotGrid {
  std::vector<std::vector<bool>> dots;
  std::vector<std::string> rowPrefix; ///< text left of the cells (labels)
  std::vector<std::vector<bool>> blankCell;
  int width() const { return dots.empty() ? 0 : int(dots[0].size()); }
  int height() const { return int(dots.size()); }
  int litCount() const {
    int n = 0;
    for (const auto &row : dots)
      for (bool d : row)
        n += d;
    return n;
  }
};

DotGrid readDots(const std::string &text) {
  static const int bitX[8] = {0, 0, 0, 1, 1, 1, 0, 1};
  static const int bitY[8] = {0, 1, 2, 0, 1, 2, 3, 3};
  DotGrid grid;
  std::vector<std::string> lines = splitLines(text);
  std::size_t axis = 0;
  while (axis < lines.size() && lines[axis].find("└") == std::string::npos)
    ++axis;
  int cellCols = 0;
  std::string bottom = axis < lines.size() ? lines[axis] : "";
  if (std::size_t at = bottom.find("└"); at != std::string::npos)
    cellCols = int(visibleWidth(bottom.substr(at))) - 1;
  for (std::size_t r = 1; r < axis; ++r) {
    const std::string &line = lines[r];
    std::size_t at = line.find("┤");
    if (at == std::string::npos)
      at = line.find("│");
    EXPECT_NE(at, std::string::npos) << "plot row without axis: " << line;
    if (at == std::string::npos)
      continue;
    grid.rowPrefix.push_back(line.substr(0, at));
    std::vector<std::vector<bool>> rows(4, std::vector<bool>(2 * cellCols));
    std::vector<bool> blank(cellCols, true);
    std::size_t i = at + 3; // past the 3-byte axis character
    for (int c = 0; c < cellCols && i < line.size(); ++c) {
      if (line[i] == '\x1b') { // colour escape
        while (i < line.size() && line[i] != 'm')
          ++i;
        ++i;
        --c;
        continue;
      }
      if (line[i] == ' ') {
        ++i;
        continue;
      }
      unsigned cp = (unsigned(line[i] & 0x0F) << 12) |
                    (unsigned(line[i + 1] & 0x3F) << 6) |
                    unsigned(line[i + 2] & 0x3F);
      EXPECT_GE(cp, 0x2800u);
      EXPECT_LE(cp, 0x28FFu);
      unsigned bits = cp - 0x2800;
      blank[c] = bits == 0;
      for (int b = 0; b < 8; ++b)
        if (bits >> b & 1)
          rows[bitY[b]][2 * c + bitX[b]] = true;
      i += 3;
    }
    for (auto &row : rows)
      grid.dots.push_back(row);
    grid.blankCell.push_back(blank);
  }
  return grid;
}

//===--- Terminal ---------------------------------------------------------===//

TEST(TerminalPlot, StraightLineIsTheDiagonalWithNiceLabels) {
  std::vector<double> v;
  for (int t = 0; t <= 100; ++t)
    v.push_back(t);
  TerminalChartOptions opts;
  opts.width = 40;
  opts.height = 12;
  std::string text = renderTerminalChart(chartOf(v), opts);
  std::vector<std::string> lines = splitLines(text);
  ASSERT_EQ(lines.size(), 12u) << text;
  EXPECT_EQ(lines[0], "test chart");
  for (const std::string &line : lines)
    EXPECT_LE(visibleWidth(line), 40u) << line;

  DotGrid grid = readDots(text);
  ASSERT_EQ(grid.height(), 8 * 4) << text; // 12 - title, axis, labels, legend
  const int w = grid.width(), h = grid.height();
  ASSERT_GT(w, 50);
  // The axis runs 0..100 with ticks 0, 50, 100: top, middle, bottom rows.
  EXPECT_EQ(grid.rowPrefix.front(), "100 ");
  EXPECT_EQ(grid.rowPrefix.back(), "  0 ");
  int labelled = 0;
  for (const std::string &p : grid.rowPrefix)
    labelled += p.find_first_not_of(' ') != std::string::npos;
  EXPECT_EQ(labelled, 3) << text;
  EXPECT_NE(text.find(" 50 ┤"), std::string::npos) << text;
  // Every dot column is lit, only along the diagonal.
  for (int x = 0; x < w; ++x) {
    double expected = double(w - 1 - x) * (h - 1) / (w - 1);
    int lit = 0;
    for (int y = 0; y < h; ++y)
      if (grid.dots[y][x]) {
        ++lit;
        EXPECT_LE(std::fabs(y - expected), 1.0) << "x=" << x << " y=" << y;
      }
    EXPECT_GE(lit, 1) << "x=" << x;
  }
  // Step numbers under the first, middle and last step.
  EXPECT_EQ(lines[10].find("1 "), lines[9].find("└") + 1) << lines[10];
  EXPECT_NE(lines[10].find(" 51 "), std::string::npos) << lines[10];
  EXPECT_EQ(lines[10].substr(lines[10].size() - 3), "101") << lines[10];
  EXPECT_NE(lines[11].find("Q"), std::string::npos);
}

TEST(TerminalPlot, NaNLeavesAGap) {
  std::vector<double> v;
  for (int t = 0; t <= 100; ++t)
    v.push_back(t >= 30 && t <= 70 ? NaN : 50.0 + (t % 7));
  TerminalChartOptions opts;
  opts.width = 60;
  std::string text = renderTerminalChart(chartOf(v), opts);
  DotGrid grid = readDots(text);
  const int w = grid.width();
  auto dotX = [&](int t) { return int(std::lround(t * (w - 1) / 100.0)); };
  for (int x = dotX(29) + 1; x < dotX(71); ++x)
    for (int y = 0; y < grid.height(); ++y)
      EXPECT_FALSE(grid.dots[y][x]) << "x=" << x << "\n" << text;
  // Whole character columns are blank in the middle...
  int blankColumns = 0;
  for (int c = 0; c < w / 2; ++c) {
    bool blank = true;
    for (const auto &row : grid.blankCell)
      blank = blank && row[c];
    blankColumns += blank;
  }
  EXPECT_GE(blankColumns, w / 2 / 3) << text;
  // ...while both ends are drawn.
  int left = 0, right = 0;
  for (int y = 0; y < grid.height(); ++y) {
    left += grid.dots[y][0];
    right += grid.dots[y][w - 1];
  }
  EXPECT_GT(left, 0);
  EXPECT_GT(right, 0);
}

TEST(TerminalPlot, LongSeriesKeepsAOneDaySpike) {
  std::vector<double> v(5000, 1.0);
  v[2501] = 100; // one step in 5000, ~33 steps per dot column
  std::string text = renderTerminalChart(chartOf(v), {});
  DotGrid grid = readDots(text);
  ASSERT_GT(grid.height(), 0);
  int top = 0;
  for (int x = 0; x < grid.width(); ++x)
    top += grid.dots[0][x];
  EXPECT_GE(top, 1) << text;
  // The baseline is drawn the whole way.
  int bottomRows = 0;
  for (int x = 0; x < grid.width(); ++x)
    for (int y = grid.height() - 4; y < grid.height(); ++y)
      if (grid.dots[y][x]) {
        ++bottomRows;
        break;
      }
  EXPECT_EQ(bottomRows, grid.width()) << text;
  EXPECT_EQ(splitLines(text).size(), 20u);
}

TEST(TerminalPlot, ConstantSeriesIsAFlatLineInTheMiddle) {
  std::string text =
      renderTerminalChart(chartOf(std::vector<double>(50, 5.0)), {});
  DotGrid grid = readDots(text);
  ASSERT_GT(grid.height(), 8);
  int row = -1;
  for (int y = 0; y < grid.height(); ++y)
    for (int x = 0; x < grid.width(); ++x)
      if (grid.dots[y][x]) {
        if (row < 0)
          row = y;
        EXPECT_EQ(y, row) << text;
      }
  EXPECT_NEAR(row, (grid.height() - 1) / 2.0, 1.0) << text;
  EXPECT_NE(text.find("5.0 ┤"), std::string::npos) << text;
  EXPECT_NE(text.find("4.6 ┤"), std::string::npos) << text;
  EXPECT_NE(text.find("5.4 ┤"), std::string::npos) << text;
}

TEST(TerminalPlot, NoDataSaysSo) {
  LineChart none;
  none.title = "nothing";
  EXPECT_EQ(renderTerminalChart(none, {}),
            "nothing\n(no data: no series to plot)\n");
  EXPECT_NE(renderTerminalChart(chartOf({}), {})
                .find("(no data: the series are empty)"),
            std::string::npos);
  EXPECT_NE(renderTerminalChart(chartOf({NaN, NaN, INFINITY}), {})
                .find("(no data: all values are missing)"),
            std::string::npos);
}

TEST(TerminalPlot, OnePointIsOneDot) {
  std::string text = renderTerminalChart(chartOf({3.0}), {});
  DotGrid grid = readDots(text);
  EXPECT_EQ(grid.litCount(), 1) << text;
  std::vector<std::string> lines = splitLines(text);
  EXPECT_EQ(lines[lines.size() - 2].find_first_not_of(' '),
            lines[lines.size() - 2].size() - 1); // the label "1"
  EXPECT_EQ(lines[lines.size() - 2].back(), '1');
}

TEST(TerminalPlot, OddInputsDoNotBreakTheLayout) {
  std::vector<std::vector<double>> inputs = {
      {-50, -10, -30, -20},
      {-1e308, 1e308, 0},
      {-DBL_MAX, DBL_MAX},
      {DBL_MAX, DBL_MAX},
      {0, 1e300},
      {1e-300, 2e-300, 1.5e-300},
      {1e9, 1e9 + 1e-6},
      {0, 0, 0},
      {-3, -3},
      {NaN, 2, NaN, INFINITY, -INFINITY, 4},
      {1e-9, 3e-9}};
  for (const auto &values : inputs)
    for (unsigned width : {10u, 40u, 80u, 200u})
      for (unsigned height : {1u, 5u, 20u}) {
        TerminalChartOptions opts{width, height, false};
        std::string text = renderTerminalChart(chartOf(values), opts);
        std::vector<std::string> lines = splitLines(text);
        ASSERT_GE(lines.size(), 6u) << text;
        if (height >= 6)
          EXPECT_EQ(lines.size(), height) << text;
        DotGrid grid = readDots(text);
        EXPECT_GE(grid.litCount(), 1) << text;
        for (const std::string &p : grid.rowPrefix)
          EXPECT_EQ(p.find("nan"), std::string::npos) << text;
        EXPECT_EQ(text.find("inf"), std::string::npos) << text;
        if (width >= 40)
          for (const std::string &line : lines)
            EXPECT_LE(visibleWidth(line), width) << text;
      }
  // Negative data near zero is drawn up to zero, like flows from zero.
  std::string negative = renderTerminalChart(chartOf({-50, -10}), {});
  EXPECT_NE(negative.find("  0 ┤"), std::string::npos) << negative;
  EXPECT_NE(negative.find("-40 ┤"), std::string::npos) << negative;
  std::string far = renderTerminalChart(chartOf({-50, -45}), {});
  EXPECT_NE(far.find("-50 ┤"), std::string::npos) << far;
  EXPECT_EQ(far.find("  0 ┤"), std::string::npos) << far;
}

TEST(TerminalPlot, TicksAreThreeToFive) {
  for (double hi : {1.0, 1.1, 3.0, 7.0, 9.9, 10.0, 12.5, 99.0, 1234.0, 0.003}) {
    YAxis axis = chooseYAxis(0, hi, 5);
    EXPECT_GE(axis.ticks.size(), 3u) << hi;
    EXPECT_LE(axis.ticks.size(), 5u) << hi;
    EXPECT_LE(axis.lo, 0);
    EXPECT_GE(axis.hi, hi);
    YAxis tight = chooseYAxis(0, hi, 5, false); // as in the terminal
    EXPECT_GE(tight.ticks.size(), 3u) << hi;
    EXPECT_LE(tight.ticks.size(), 5u) << hi;
    EXPECT_EQ(tight.lo, 0);
    EXPECT_EQ(tight.hi, hi);
    EXPECT_LE(tight.ticks.back(), hi);
  }
  for (double lo : {0.31, 17.0, -3.3})
    for (double span : {0.08, 1.0, 13.0}) {
      YAxis tight = chooseYAxis(lo, lo + span, 5, false);
      EXPECT_GE(tight.ticks.size(), 2u) << lo << " " << span;
      EXPECT_LE(tight.ticks.size(), 5u) << lo << " " << span;
    }
}

TEST(TerminalPlot, ColourPerSeriesAndDatesOnTheAxis) {
  LineChart chart;
  chart.title = "hydrograph";
  chart.yLabel = "Q (mm/d)";
  chart.series.push_back({"Q simulated", {1, 2, 3, 2, 1}});
  chart.series.push_back({"Qobs observed", {1, 3, 2, 2, 1}});
  chart.xLabels = {"2000-01-01", "2000-01-02", "2000-01-03", "2000-01-04",
                   "2000-01-05"};
  TerminalChartOptions opts;
  opts.color = true;
  std::string text = renderTerminalChart(chart, opts);
  EXPECT_NE(text.find("\x1b[34m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[39m"), std::string::npos);
  EXPECT_NE(text.find("hydrograph  [Q (mm/d)]"), std::string::npos);
  std::vector<std::string> lines = splitLines(text);
  ASSERT_EQ(lines.size(), 20u);
  EXPECT_NE(lines[18].find("2000-01-01"), std::string::npos) << lines[18];
  EXPECT_NE(lines[18].find("2000-01-03"), std::string::npos) << lines[18];
  EXPECT_NE(lines[18].find("2000-01-05"), std::string::npos) << lines[18];
  EXPECT_NE(lines[19].find("Q simulated"), std::string::npos);
  EXPECT_NE(lines[19].find("Qobs observed"), std::string::npos);
  for (const std::string &line : lines) {
    EXPECT_LE(visibleWidth(line), 80u) << line;
    if (std::size_t last = line.rfind("\x1b["); last != std::string::npos)
      EXPECT_EQ(line.substr(last, 4), "\x1b[0m") << line; // colour is reset
  }

  opts.color = false;
  std::string plain = renderTerminalChart(chart, opts);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(plain.find("⠒⠒ Q simulated   ⠂⠂ Qobs observed"), std::string::npos)
      << plain;
}

TEST(TerminalPlot, SecondSeriesIsDottedWithoutColour) {
  LineChart chart = chartOf({NaN, NaN}, "sim");
  chart.series.push_back({"obs", std::vector<double>(100, 2.0)});
  std::string text = renderTerminalChart(chart, {});
  DotGrid grid = readDots(text);
  int w = grid.width();
  EXPECT_NEAR(grid.litCount(), w / 2, 1) << text;
  chart.series[0] = chart.series[1]; // the first series is solid
  chart.series.pop_back();
  EXPECT_EQ(readDots(renderTerminalChart(chart, {})).litCount(), w);
}

//===--- PNG --------------------------------------------------------------===//

struct Png {
  unsigned width = 0, height = 0;
  std::vector<std::uint8_t> rgb;
  std::string error;
  std::array<int, 3> at(unsigned x, unsigned y) const {
    std::size_t i = (std::size_t(y) * width + x) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
};

std::uint32_t be32(const std::string &s, std::size_t at) {
  return std::uint32_t(std::uint8_t(s[at])) << 24 |
         std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
         std::uint32_t(std::uint8_t(s[at + 2])) << 8 |
         std::uint32_t(std::uint8_t(s[at + 3]));
}

Png decode(const std::string &bytes) {
  Png png;
  if (bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    png.error = "bad signature";
    return png;
  }
  std::string idat;
  bool ended = false;
  for (std::size_t at = 8; at < bytes.size() && !ended;) {
    if (at + 12 > bytes.size()) {
      png.error = "truncated chunk";
      return png;
    }
    std::uint32_t len = be32(bytes, at);
    std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + len > bytes.size()) {
      png.error = "truncated " + type;
      return png;
    }
    std::string data = bytes.substr(at + 8, len);
    uLong crc = crc32(0, reinterpret_cast<const Bytef *>(bytes.data() + at + 4),
                      len + 4);
    if (crc != be32(bytes, at + 8 + len)) {
      png.error = "bad CRC in " + type;
      return png;
    }
    if (type == "IHDR") {
      png.width = be32(data, 0);
      png.height = be32(data, 4);
      if (data.substr(8) != std::string("\x08\x02\x00\x00\x00", 5))
        png.error = "not 8-bit RGB";
    } else if (type == "IDAT") {
      idat += data;
    } else if (type == "IEND") {
      ended = true;
      if (at + 12 != bytes.size())
        png.error = "bytes after IEND";
    }
    at += 12 + len;
  }
  if (!ended)
    png.error = "no IEND";
  if (!png.error.empty())
    return png;
  std::size_t rowBytes = 1 + 3 * std::size_t(png.width);
  std::vector<Bytef> raw(rowBytes * png.height + 1);
  uLongf size = raw.size();
  if (uncompress(raw.data(), &size,
                 reinterpret_cast<const Bytef *>(idat.data()),
                 idat.size()) != Z_OK ||
      size != rowBytes * png.height) {
    png.error = "bad IDAT";
    return png;
  }
  for (unsigned y = 0; y < png.height; ++y) {
    if (raw[y * rowBytes] != 0)
      png.error = "unexpected filter";
    png.rgb.insert(png.rgb.end(), raw.begin() + long(y * rowBytes + 1),
                   raw.begin() + long((y + 1) * rowBytes));
  }
  return png;
}

const std::array<int, 3> kBlue = {0x1f, 0x77, 0xb4};
const std::array<int, 3> kWhiteRgb = {255, 255, 255};
const std::array<int, 3> kGridRgb = {0xdd, 0xdd, 0xdd};

TEST(PngPlot, DiagonalInSeriesColourOnWhite) {
  std::vector<double> v;
  for (int t = 0; t < 100; ++t)
    v.push_back(t);
  Png png = decode(encodePng(chartOf(v), 640, 300));
  ASSERT_EQ(png.error, "");
  ASSERT_EQ(png.width, 640u);
  ASSERT_EQ(png.height, 300u);
  EXPECT_EQ(png.at(0, 0), kWhiteRgb);
  EXPECT_EQ(png.at(639, 150), kWhiteRgb);
  // The blue pixels form a line falling (in image rows) from left to right.
  int firstX = -1, lastX = -1;
  double firstY = 0, lastY = 0;
  int blue = 0;
  for (unsigned x = 0; x < png.width; ++x) {
    double sum = 0;
    int n = 0;
    for (unsigned y = 0; y < png.height; ++y)
      if (png.at(x, y) == kBlue) {
        sum += y;
        ++n;
      }
    if (n == 0)
      continue;
    blue += n;
    if (firstX < 0) {
      firstX = int(x);
      firstY = sum / n;
    }
    lastX = int(x);
    lastY = sum / n;
  }
  ASSERT_GE(firstX, 0);
  EXPECT_GT(blue, 2 * (lastX - firstX)); // 2 px wide
  EXPECT_GT(lastX - firstX, 400);
  EXPECT_GT(firstY - lastY, 150);
  // Above the line, left: white except the grey grid lines.
  int white = 0, total = 0;
  for (unsigned x = 160; x < 256; ++x)
    for (unsigned y = 60; y < 110; ++y) {
      std::array<int, 3> c = png.at(x, y);
      EXPECT_TRUE(c == kWhiteRgb || c == kGridRgb) << x << "," << y;
      white += c == kWhiteRgb;
      ++total;
    }
  EXPECT_GT(white, total * 9 / 10);
}

TEST(PngPlot, NaNGapAndNoData) {
  std::vector<double> v(200, 1.0);
  for (int t = 60; t < 140; ++t)
    v[t] = NaN;
  v[10] = 3;
  Png png = decode(encodePng(chartOf(v)));
  ASSERT_EQ(png.error, "");
  std::vector<bool> column(png.width, false);
  for (unsigned x = 0; x < png.width; ++x)
    for (unsigned y = 0; y < png.height; ++y)
      if (png.at(x, y) == kBlue && y < png.height - 30) // not the legend
        column[x] = true;
  int longestGap = 0, gap = 0, seen = 0;
  for (unsigned x = 0; x < png.width; ++x) {
    if (column[x]) {
      if (seen)
        longestGap = std::max(longestGap, gap);
      gap = 0;
      ++seen;
    } else {
      ++gap;
    }
  }
  EXPECT_GT(longestGap, 300); // 80 of 200 steps over ~910 px
  EXPECT_LT(longestGap, 400);

  for (const LineChart &chart :
       {LineChart{}, chartOf({}), chartOf({NaN, NaN}), chartOf({7}),
        chartOf({-1e308, 1e308}), chartOf({5, 5, 5})}) {
    Png empty = decode(encodePng(chart, 10, 10)); // clamped to 200 x 200
    EXPECT_EQ(empty.error, "");
    EXPECT_EQ(empty.width, 200u);
    EXPECT_EQ(empty.height, 200u);
  }
}

//===--- Files ------------------------------------------------------------===//

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ChartImage, ChoosesTheFormatByExtension) {
  dgm::test::TempDir dir;
  LineChart chart = chartOf({1, 2, 3});
  std::string error;
  ASSERT_TRUE(writeChartImage(chart, dir.path("a.PNG"), error)) << error;
  EXPECT_EQ(decode(slurp(dir.path("a.PNG"))).error, "");
  ASSERT_TRUE(writeChartImage(chart, dir.path("b.svg"), error)) << error;
  EXPECT_EQ(slurp(dir.path("b.svg")).rfind("<svg", 0), 0u);
  EXPECT_NE(slurp(dir.path("b.svg")).find("#1f77b4"), std::string::npos);

  EXPECT_FALSE(writeChartImage(chart, dir.path("c.jpg"), error));
  EXPECT_EQ(error, "unsupported image format '.jpg'; use .png or .svg");
  EXPECT_FALSE(writeChartImage(chart, dir.path("plot"), error));
  EXPECT_NE(error.find("use .png or .svg"), std::string::npos);

  // An existing file is replaced; no temporary file is left behind.
  dir.write("d.png", "old");
  ASSERT_TRUE(writePng(chart, dir.path("d.png"), error, 300, 200)) << error;
  Png png = decode(slurp(dir.path("d.png")));
  EXPECT_EQ(png.error, "");
  EXPECT_EQ(png.width, 300u);
  std::vector<std::string> names;
  for (const auto &entry : std::filesystem::directory_iterator(dir.path("")))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.PNG", "b.svg", "d.png"}));
}

TEST(ChartImage, ReportsWhyItCannotWrite) {
  dgm::test::TempDir dir;
  std::string error;
  std::string path = dir.path("missing/x.png");
  EXPECT_FALSE(writeChartImage(chartOf({1, 2}), path, error));
  EXPECT_EQ(error, "cannot write '" + path + "': No such file or directory");
  EXPECT_FALSE(std::filesystem::exists(path));
  // A directory in the way: the rename fails, the temporary file goes.
  std::filesystem::create_directory(dir.path("taken.svg"));
  EXPECT_FALSE(writeChartImage(chartOf({1, 2}), dir.path("taken.svg"), error));
  EXPECT_EQ(error,
            "cannot write '" + dir.path("taken.svg") + "': Is a directory");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path("")),
                          std::filesystem::directory_iterator()),
            1);
}

} // namespace

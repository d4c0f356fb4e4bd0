//===- Plot.cpp - Line charts as SVG --------------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Plot.h"
#include "PlotScale.h"

#include "dgm/runtime/Format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace dgm::cli;

namespace {

/// `text` as XML character data: markup characters escaped, and what XML
/// may not hold (bytes that are not UTF-8, as in a file name from another
/// encoding, and control characters) shown as U+FFFD, so that the SVG
/// stays well-formed.
std::string escape(const std::string &text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t codePoint = 0;
    std::size_t n = dgm::rt::decodeUtf8(std::string_view(text).substr(i),
                                        codePoint);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 0 || (c < 0x20 && c != '\t' && c != '\n')) {
      out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
      i += n ? n : 1;
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out.append(text, i, n);
    }
    i += n;
  }
  return out;
}

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

} // namespace

std::string dgm::cli::renderSvg(const LineChart &chart) {
  const double width = 1000, height = 420, left = 70, right = 20, top = 40,
               bottom = 60;
  const double plotW = width - left - right, plotH = height - top - bottom;
  // The y range and ticks of the other renderers (PlotScale.h), which stay
  // finite for any data, even values near the largest double.
  DataExtent extent = dataExtent(chart);
  size_t steps = extent.steps;
  YAxis axis = chooseYAxis(extent.lo, extent.hi, 7);
  auto x = [&](double t) {
    return left + (steps > 1 ? t / double(steps - 1) : 0.5) * plotW;
  };
  auto y = [&](double v) {
    return top + plotH * (1 - std::clamp(axis.fraction(v), 0.0, 1.0));
  };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    number(width) + "\" height=\"" + number(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                    "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + number(width / 2) +
         "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" +
         escape(chart.title) + "</text>\n";
  // Axes, horizontal grid lines and y ticks.
  for (double v : axis.ticks) {
    svg += "<line x1=\"" + number(left) + "\" x2=\"" + number(left + plotW) +
           "\" y1=\"" + number(y(v)) + "\" y2=\"" + number(y(v)) +
           "\" stroke=\"#ddd\"/>\n<text x=\"" + number(left - 6) + "\" y=\"" +
           number(y(v) + 4) + "\" text-anchor=\"end\">" +
           escape(formatTick(v, axis.step)) + "</text>\n";
  }
  svg += "<text transform=\"translate(16," + number(top + plotH / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + escape(chart.yLabel) +
         "</text>\n";
  // x ticks: about 8 labels.
  size_t every = std::max<size_t>(1, steps / 8);
  for (size_t t = 0; t < steps; t += every) {
    std::string label =
        t < chart.xLabels.size() ? chart.xLabels[t] : std::to_string(t);
    svg += "<line x1=\"" + number(x(t)) + "\" x2=\"" + number(x(t)) +
           "\" y1=\"" + number(top + plotH) + "\" y2=\"" +
           number(top + plotH + 5) + "\" stroke=\"black\"/>\n<text x=\"" +
           number(x(t)) + "\" y=\"" + number(top + plotH + 20) +
           "\" text-anchor=\"middle\">" + escape(label) + "</text>\n";
  }
  svg += "<rect x=\"" + number(left) + "\" y=\"" + number(top) + "\" width=\"" +
         number(plotW) + "\" height=\"" + number(plotH) +
         "\" fill=\"none\" stroke=\"black\"/>\n";
  // The series, each a polyline broken at NaN.
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const PlotSeries &s = chart.series[i];
    const char *color = kPaletteHex[i % kPaletteSize];
    std::string points;
    auto flush = [&] {
      if (!points.empty())
        svg += "<polyline fill=\"none\" stroke=\"" + std::string(color) +
               "\" stroke-width=\"1\" points=\"" + points + "\"/>\n";
      points.clear();
    };
    for (size_t t = 0; t < s.values.size(); ++t) {
      if (!std::isfinite(s.values[t])) {
        flush();
        continue;
      }
      points += number(x(t)) + "," + number(y(s.values[t])) + " ";
    }
    flush();
    double lx = left + 10 + 150 * i, ly = height - 14;
    svg += "<line x1=\"" + number(lx) + "\" x2=\"" + number(lx + 24) +
           "\" y1=\"" + number(ly - 4) + "\" y2=\"" + number(ly - 4) +
           "\" stroke=\"" + color + "\" stroke-width=\"2\"/>\n<text x=\"" +
           number(lx + 30) + "\" y=\"" + number(ly) + "\">" + escape(s.name) +
           "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

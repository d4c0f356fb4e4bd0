//===- PngPlot.cpp - Line charts as PNG images ----------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "PngPlot.h"
#include "ChartImage.h"
#include "PlotScale.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <zlib.h>

using namespace dgm::cli;

namespace {

/// A 5x7 font for ASCII 32..126: five columns per glyph, bit 0 the top row.
/// (The classic HD44780-style LCD glyph shapes.)
const std::uint8_t kFont[95][5] = {
    {0x00, 0x00, 0x00, 0x00, 0x00}, // ' '
    {0x00, 0x00, 0x5F, 0x00, 0x00}, // !
    {0x00, 0x07, 0x00, 0x07, 0x00}, // "
    {0x14, 0x7F, 0x14, 0x7F, 0x14}, // #
    {0x24, 0x2A, 0x7F, 0x2A, 0x12}, // $
    {0x23, 0x13, 0x08, 0x64, 0x62}, // %
    {0x36, 0x49, 0x55, 0x22, 0x50}, // &
    {0x00, 0x05, 0x03, 0x00, 0x00}, // '
    {0x00, 0x1C, 0x22, 0x41, 0x00}, // (
    {0x00, 0x41, 0x22, 0x1C, 0x00}, // )
    {0x08, 0x2A, 0x1C, 0x2A, 0x08}, // *
    {0x08, 0x08, 0x3E, 0x08, 0x08}, // +
    {0x00, 0x50, 0x30, 0x00, 0x00}, // ,
    {0x08, 0x08, 0x08, 0x08, 0x08}, // -
    {0x00, 0x60, 0x60, 0x00, 0x00}, // .
    {0x20, 0x10, 0x08, 0x04, 0x02}, // /
    {0x3E, 0x51, 0x49, 0x45, 0x3E}, // 0
    {0x00, 0x42, 0x7F, 0x40, 0x00}, // 1
    {0x42, 0x61, 0x51, 0x49, 0x46}, // 2
    {0x21, 0x41, 0x45, 0x4B, 0x31}, // 3
    {0x18, 0x14, 0x12, 0x7F, 0x10}, // 4
    {0x27, 0x45, 0x45, 0x45, 0x39}, // 5
    {0x3C, 0x4A, 0x49, 0x49, 0x30}, // 6
    {0x01, 0x71, 0x09, 0x05, 0x03}, // 7
    {0x36, 0x49, 0x49, 0x49, 0x36}, // 8
    {0x06, 0x49, 0x49, 0x29, 0x1E}, // 9
    {0x00, 0x36, 0x36, 0x00, 0x00}, // :
    {0x00, 0x56, 0x36, 0x00, 0x00}, // ;
    {0x08, 0x14, 0x22, 0x41, 0x00}, // <
    {0x14, 0x14, 0x14, 0x14, 0x14}, // =
    {0x00, 0x41, 0x22, 0x14, 0x08}, // >
    {0x02, 0x01, 0x51, 0x09, 0x06}, // ?
    {0x32, 0x49, 0x79, 0x41, 0x3E}, // @
    {0x7E, 0x11, 0x11, 0x11, 0x7E}, // A
    {0x7F, 0x49, 0x49, 0x49, 0x36}, // B
    {0x3E, 0x41, 0x41, 0x41, 0x22}, // C
    {0x7F, 0x41, 0x41, 0x22, 0x1C}, // D
    {0x7F, 0x49, 0x49, 0x49, 0x41}, // E
    {0x7F, 0x09, 0x09, 0x09, 0x01}, // F
    {0x3E, 0x41, 0x49, 0x49, 0x7A}, // G
    {0x7F, 0x08, 0x08, 0x08, 0x7F}, // H
    {0x00, 0x41, 0x7F, 0x41, 0x00}, // I
    {0x20, 0x40, 0x41, 0x3F, 0x01}, // J
    {0x7F, 0x08, 0x14, 0x22, 0x41}, // K
    {0x7F, 0x40, 0x40, 0x40, 0x40}, // L
    {0x7F, 0x02, 0x0C, 0x02, 0x7F}, // M
    {0x7F, 0x04, 0x08, 0x10, 0x7F}, // N
    {0x3E, 0x41, 0x41, 0x41, 0x3E}, // O
    {0x7F, 0x09, 0x09, 0x09, 0x06}, // P
    {0x3E, 0x41, 0x51, 0x21, 0x5E}, // Q
    {0x7F, 0x09, 0x19, 0x29, 0x46}, // R
    {0x46, 0x49, 0x49, 0x49, 0x31}, // S
    {0x01, 0x01, 0x7F, 0x01, 0x01}, // T
    {0x3F, 0x40, 0x40, 0x40, 0x3F}, // U
    {0x1F, 0x20, 0x40, 0x20, 0x1F}, // V
    {0x3F, 0x40, 0x38, 0x40, 0x3F}, // W
    {0x63, 0x14, 0x08, 0x14, 0x63}, // X
    {0x07, 0x08, 0x70, 0x08, 0x07}, // Y
    {0x61, 0x51, 0x49, 0x45, 0x43}, // Z
    {0x00, 0x7F, 0x41, 0x41, 0x00}, // [
    {0x02, 0x04, 0x08, 0x10, 0x20}, // backslash
    {0x00, 0x41, 0x41, 0x7F, 0x00}, // ]
    {0x04, 0x02, 0x01, 0x02, 0x04}, // ^
    {0x40, 0x40, 0x40, 0x40, 0x40}, // _
    {0x00, 0x01, 0x02, 0x04, 0x00}, // `
    {0x20, 0x54, 0x54, 0x54, 0x78}, // a
    {0x7F, 0x48, 0x44, 0x44, 0x38}, // b
    {0x38, 0x44, 0x44, 0x44, 0x20}, // c
    {0x38, 0x44, 0x44, 0x48, 0x7F}, // d
    {0x38, 0x54, 0x54, 0x54, 0x18}, // e
    {0x08, 0x7E, 0x09, 0x01, 0x02}, // f
    {0x0C, 0x52, 0x52, 0x52, 0x3E}, // g
    {0x7F, 0x08, 0x04, 0x04, 0x78}, // h
    {0x00, 0x44, 0x7D, 0x40, 0x00}, // i
    {0x20, 0x40, 0x44, 0x3D, 0x00}, // j
    {0x7F, 0x10, 0x28, 0x44, 0x00}, // k
    {0x00, 0x41, 0x7F, 0x40, 0x00}, // l
    {0x7C, 0x04, 0x18, 0x04, 0x78}, // m
    {0x7C, 0x08, 0x04, 0x04, 0x78}, // n
    {0x38, 0x44, 0x44, 0x44, 0x38}, // o
    {0x7C, 0x14, 0x14, 0x14, 0x08}, // p
    {0x08, 0x14, 0x14, 0x18, 0x7C}, // q
    {0x7C, 0x08, 0x04, 0x04, 0x08}, // r
    {0x48, 0x54, 0x54, 0x54, 0x20}, // s
    {0x04, 0x3F, 0x44, 0x40, 0x20}, // t
    {0x3C, 0x40, 0x40, 0x20, 0x7C}, // u
    {0x1C, 0x20, 0x40, 0x20, 0x1C}, // v
    {0x3C, 0x40, 0x30, 0x40, 0x3C}, // w
    {0x44, 0x28, 0x10, 0x28, 0x44}, // x
    {0x0C, 0x50, 0x50, 0x50, 0x3C}, // y
    {0x44, 0x64, 0x54, 0x4C, 0x44}, // z
    {0x00, 0x08, 0x36, 0x41, 0x00}, // {
    {0x00, 0x00, 0x7F, 0x00, 0x00}, // |
    {0x00, 0x41, 0x36, 0x08, 0x00}, // }
    {0x08, 0x04, 0x08, 0x10, 0x08}, // ~
};
constexpr int kGlyphAdvance = 6; // 5 columns and a space
constexpr int kGlyphHeight = 7;

const Rgb kBlack{0, 0, 0}, kGrid{0xdd, 0xdd, 0xdd}, kText{0x22, 0x22, 0x22};

/// The glyph of the code point starting at s[i] ('?' for non-ASCII), and
/// i moved past it.
const std::uint8_t *nextGlyph(const std::string &s, std::size_t &i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c >= 0x80)
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
      ++i;
  if (c < 32 || c > 126)
    c = '?';
  return kFont[c - 32];
}

std::size_t glyphCount(const std::string &s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80)
      ++n;
  return n;
}

class Image {
public:
  Image(int w, int h)
      : w(w), h(h), px(static_cast<std::size_t>(w) * h * 3, 255) {}
  int width() const { return w; }
  int height() const { return h; }
  const std::vector<std::uint8_t> &pixels() const { return px; }

  void set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= w || y >= h)
      return;
    std::size_t i = (static_cast<std::size_t>(y) * w + x) * 3;
    px[i] = c.r;
    px[i + 1] = c.g;
    px[i + 2] = c.b;
  }
  void fill(int x0, int y0, int x1, int y1, Rgb c) { // inclusive
    for (int y = std::max(y0, 0); y <= std::min(y1, h - 1); ++y)
      for (int x = std::max(x0, 0); x <= std::min(x1, w - 1); ++x)
        set(x, y, c);
  }
  /// Bresenham with a `pen` x `pen` square brush.
  void line(int x0, int y0, int x1, int y1, Rgb c, int pen = 1) {
    int lo = -(pen - 1) / 2, hi = pen / 2;
    forEachLinePoint(x0, y0, x1, y1, [&](int x, int y) {
      fill(x + lo, y + lo, x + hi, y + hi, c);
    });
  }
  static int textWidth(const std::string &s, int scale) {
    std::size_t n = glyphCount(s);
    return n == 0 ? 0 : static_cast<int>(n * kGlyphAdvance - 1) * scale;
  }
  /// Text with its top-left corner at (x, y).
  void text(int x, int y, const std::string &s, Rgb c, int scale = 1) {
    for (std::size_t i = 0; i < s.size();) {
      const std::uint8_t *g = nextGlyph(s, i);
      for (int col = 0; col < 5; ++col)
        for (int row = 0; row < kGlyphHeight; ++row)
          if (g[col] >> row & 1)
            fill(x + col * scale, y + row * scale, x + (col + 1) * scale - 1,
                 y + (row + 1) * scale - 1, c);
      x += kGlyphAdvance * scale;
    }
  }
  /// Text turned 90 degrees anticlockwise (read bottom to top), starting
  /// at the bottom-left corner (x, y).
  void textUp(int x, int y, const std::string &s, Rgb c) {
    for (std::size_t i = 0; i < s.size();) {
      const std::uint8_t *g = nextGlyph(s, i);
      for (int col = 0; col < 5; ++col)
        for (int row = 0; row < kGlyphHeight; ++row)
          if (g[col] >> row & 1)
            set(x + row, y - col, c);
      y -= kGlyphAdvance;
    }
  }

private:
  int w, h;
  std::vector<std::uint8_t> px;
};

void bigEndian(std::string &out, std::uint32_t v) {
  out += static_cast<char>(v >> 24);
  out += static_cast<char>(v >> 16 & 0xFF);
  out += static_cast<char>(v >> 8 & 0xFF);
  out += static_cast<char>(v & 0xFF);
}

void chunk(std::string &out, const char type[5], const std::string &data) {
  bigEndian(out, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  out += body;
  uLong crc = ::crc32(0L, Z_NULL, 0);
  crc = ::crc32(crc, reinterpret_cast<const Bytef *>(body.data()),
                static_cast<uInt>(body.size()));
  bigEndian(out, static_cast<std::uint32_t>(crc));
}

std::string encodeRgb(const Image &image) {
  const int w = image.width(), h = image.height();
  const std::vector<std::uint8_t> &px = image.pixels();
  // Each row: filter type 0 (none), then the RGB bytes.
  std::vector<Bytef> raw;
  raw.reserve(static_cast<std::size_t>(h) * (1 + 3 * w));
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);
    auto row = px.begin() + static_cast<long>(y) * w * 3;
    raw.insert(raw.end(), row, row + w * 3);
  }
  uLongf size = ::compressBound(static_cast<uLong>(raw.size()));
  std::string packed(size, '\0');
  // zlib's default level: level 9 took 35 ms per chart (a --params run of
  // 200 basins with --plot '{basin}.png': 7.0 s), level 6 15 ms (3.0 s) for
  // a file of 14 KB; level 1 saved little more time and doubled the size.
  if (::compress2(reinterpret_cast<Bytef *>(packed.data()), &size, raw.data(),
                  static_cast<uLong>(raw.size()), 6) != Z_OK)
    return {};
  packed.resize(size);

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  bigEndian(header, static_cast<std::uint32_t>(w));
  bigEndian(header, static_cast<std::uint32_t>(h));
  header += std::string("\x08\x02\x00\x00\x00", 5); // 8 bit RGB, no interlace
  chunk(png, "IHDR", header);
  chunk(png, "IDAT", packed);
  chunk(png, "IEND", "");
  return png;
}

void draw(Image &img, const LineChart &chart) {
  const int width = img.width(), height = img.height();
  DataExtent extent = dataExtent(chart);
  const int top = 40, right = 20, bottom = 60;
  const int plotH = height - top - bottom;
  YAxis axis = chooseYAxis(extent.lo, extent.hi, std::clamp(plotH / 40, 3, 8));
  std::vector<std::string> tickText;
  int labelW = 0;
  for (double v : axis.ticks) {
    tickText.push_back(formatTick(v, axis.step));
    labelW = std::max(labelW, Image::textWidth(tickText.back(), 1));
  }
  const int left = std::max(70, labelW + 30);
  const int plotW = width - left - right;
  auto y = [&](double v) {
    double f = std::clamp(axis.fraction(v), 0.0, 1.0);
    return top + static_cast<int>(std::lround((1 - f) * plotH));
  };
  const std::size_t steps = extent.steps;
  auto x = [&](std::size_t t) {
    double f = steps > 1 ? static_cast<double>(t) / double(steps - 1) : 0.5;
    return left + static_cast<int>(std::lround(f * plotW));
  };

  // Title, y label.
  std::string title = chart.title;
  int titleScale = Image::textWidth(title, 2) <= width - 20 ? 2 : 1;
  img.text((width - Image::textWidth(title, titleScale)) / 2, 12, title, kBlack,
           titleScale);
  if (!chart.yLabel.empty())
    img.textUp(8, top + plotH / 2 + Image::textWidth(chart.yLabel, 1) / 2,
               chart.yLabel, kText);

  // Grid lines and y ticks.
  for (std::size_t k = 0; k < axis.ticks.size(); ++k) {
    int ty = y(axis.ticks[k]);
    img.line(left, ty, left + plotW, ty, kGrid);
    img.line(left - 5, ty, left, ty, kBlack);
    img.text(left - 8 - Image::textWidth(tickText[k], 1), ty - 3, tickText[k],
             kText);
  }

  if (extent.finite == 0) {
    std::string msg = "no data";
    img.text(left + (plotW - Image::textWidth(msg, 2)) / 2, top + plotH / 2 - 7,
             msg, kText, 2);
  }

  // x ticks: as many labels as fit, at most about 8.
  if (steps > 0) {
    int widest = 0;
    for (std::size_t t = 0; t < steps;
         t += std::max<std::size_t>(1, steps / 50))
      widest = std::max(widest, Image::textWidth(t < chart.xLabels.size()
                                                     ? chart.xLabels[t]
                                                     : std::to_string(t + 1),
                                                 1));
    std::size_t fit =
        static_cast<std::size_t>(std::max(1, plotW / std::max(1, widest + 24)));
    std::size_t labels = std::min<std::size_t>({8, fit, steps});
    std::size_t every = // ceil((steps - 1) / (labels - 1))
        labels <= 1 ? steps : (steps - 1 + labels - 2) / (labels - 1);
    every = std::max<std::size_t>(every, 1);
    int lastEnd = -1000;
    for (std::size_t t = 0; t < steps; t += every) {
      std::string label =
          t < chart.xLabels.size() ? chart.xLabels[t] : std::to_string(t + 1);
      int tx = x(t), tw = Image::textWidth(label, 1);
      int at = std::clamp(tx - tw / 2, 0, width - tw);
      img.line(tx, top + plotH, tx, top + plotH + 5, kBlack);
      if (at > lastEnd + 8) {
        img.text(at, top + plotH + 10, label, kText);
        lastEnd = at + tw;
      }
    }
  }

  // The series, each broken at NaN, 2 px wide.
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const std::vector<double> &values = chart.series[i].values;
    Rgb color = kPaletteRgb[i % kPaletteSize];
    bool joined = false;
    int px = 0, py = 0;
    for (std::size_t t = 0; t < values.size(); ++t) {
      if (!std::isfinite(values[t])) {
        joined = false;
        continue;
      }
      int cx = x(t), cy = y(values[t]);
      bool alone =
          !joined && (t + 1 >= values.size() || !std::isfinite(values[t + 1]));
      if (alone) // a point without neighbours: a visible square
        img.fill(cx - 2, cy - 2, cx + 2, cy + 2, color);
      else
        img.line(joined ? px : cx, joined ? py : cy, cx, cy, color, 2);
      joined = true;
      px = cx;
      py = cy;
    }
  }

  // The frame (over the series' ends), then the legend.
  img.line(left, top, left + plotW, top, kBlack);
  img.line(left, top + plotH, left + plotW, top + plotH, kBlack);
  img.line(left, top, left, top + plotH, kBlack);
  img.line(left + plotW, top, left + plotW, top + plotH, kBlack);
  int lx = left + 10, ly = height - 18;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const std::string &name = chart.series[i].name;
    img.line(lx, ly + 3, lx + 24, ly + 3, kPaletteRgb[i % kPaletteSize], 2);
    img.text(lx + 30, ly, name, kText);
    lx += 30 + Image::textWidth(name, 1) + 30;
  }
}

} // namespace

std::string dgm::cli::encodePng(const LineChart &chart, unsigned width,
                                unsigned height) {
  Image img(static_cast<int>(std::clamp(width, 200u, 8000u)),
            static_cast<int>(std::clamp(height, 200u, 8000u)));
  draw(img, chart);
  return encodeRgb(img);
}

bool dgm::cli::writePng(const LineChart &chart, const std::string &path,
                        std::string &error, unsigned width, unsigned height) {
  std::string png = encodePng(chart, width, height);
  if (png.empty()) {
    error = "cannot write '" + path + "': PNG encoding failed";
    return false;
  }
  return writeFileAtomically(path, png, error);
}

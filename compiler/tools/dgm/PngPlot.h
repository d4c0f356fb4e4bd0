//===- PngPlot.h - Line charts as PNG images ---------------------*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `:plot ... -o FILE.png` in `dgm repl`: the same chart as renderSvg (same
// layout, palette and y range rules as the other renderers, see PlotScale.h),
// rasterised into an RGB image with a built-in 5x7 bitmap font and encoded as
// PNG with zlib. Lines are 2 pixels wide; there is no antialiasing.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_PNGPLOT_H
#define DGM_TOOLS_DGM_PNGPLOT_H

#include "Plot.h"

#include <string>

namespace dgm::cli {

/// The chart as the bytes of an RGB8 PNG image of width x height pixels
/// (each clamped to 200..8000). Empty if zlib fails (out of memory).
std::string encodePng(const LineChart &chart, unsigned width = 1000,
                      unsigned height = 420);

/// Writes encodePng(chart, width, height) to `path` through a temporary file
/// in the same directory and a rename, so a failed write never leaves part
/// of a file; an existing file is replaced. On failure returns false with
/// `error` such as "cannot write 'x.png': No such file or directory".
bool writePng(const LineChart &chart, const std::string &path,
              std::string &error, unsigned width = 1000, unsigned height = 420);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_PNGPLOT_H

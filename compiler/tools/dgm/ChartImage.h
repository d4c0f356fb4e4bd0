//===- ChartImage.h - Chart image files by extension ------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_CHARTIMAGE_H
#define DGM_TOOLS_DGM_CHARTIMAGE_H

#include "Plot.h"

#include <optional>
#include <string>
#include <string_view>

namespace dgm::cli {

enum class ImageFormat { Svg, Png };

/// The extension of the file name in `path`, with its dot (".PNG"), or ""
/// when it has none (a leading dot, as in ".svg", starts a name).
std::string fileExtension(const std::string &path);

/// The image format that `path`'s extension names (.svg or .png, any case).
std::optional<ImageFormat> imageFormatOf(const std::string &path);

/// Writes the chart as SVG or PNG, chosen by the extension of `path`
/// (.svg or .png, any case), replacing an existing file. Otherwise returns
/// false with `error`: "unsupported image format '.jpg'; use .png or .svg",
/// or "cannot write 'path': <reason>".
bool writeChartImage(const LineChart &chart, const std::string &path,
                     std::string &error);

/// Writes `bytes` to `path` through a temporary file next to it and a
/// rename: on failure nothing (new) is left at `path`. The file gets the
/// usual 0666 & ~umask permissions. A stream file (/dev/null, a pipe) is
/// written in place. Error: "cannot write 'path': <reason>".
bool writeFileAtomically(const std::string &path, std::string_view bytes,
                         std::string &error);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_CHARTIMAGE_H

//===- ChartImage.cpp - Chart image files by extension --------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ChartImage.h"
#include "PngPlot.h"

#include "dgm/runtime/File.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dgm::cli;

bool dgm::cli::writeFileAtomically(const std::string &given,
                                   std::string_view bytes, std::string &error) {
  auto fail = [&](int err) {
    error = "cannot write '" + given + "': " + std::strerror(err);
    return false;
  };
  if (given.empty())
    return fail(ENOENT);
  // A symbolic link is written through, to the file it names, as -o's CSV
  // is (and as `cp` does); the rename below would replace the link itself.
  std::string path = given;
  char resolved[PATH_MAX];
  struct stat link;
  if (::lstat(given.c_str(), &link) == 0 && S_ISLNK(link.st_mode) &&
      ::realpath(given.c_str(), resolved))
    path = resolved;
  if (dgm::rt::isStreamFile(path)) {
    // /dev/null or a pipe: written in place; a rename would replace the
    // device node itself.
    dgm::rt::Result<void> written = dgm::rt::writeTextFile(
        path, bytes, dgm::rt::Overwrite::Replace);
    if (!written)
      error = written.error().message;
    return static_cast<bool>(written);
  }
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty())
    return fail(EISDIR);
  std::string temp = dir + "." + base + ".tmp-XXXXXX";
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0)
    return fail(errno);
  auto abandon = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    return fail(err);
  };
  const char *data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return abandon(errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  // mkstemp makes the file 0600; give it the mode a plain create would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0)
    return abandon(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return fail(err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return fail(err);
  }
  return true;
}

std::string dgm::cli::fileExtension(const std::string &path) {
  std::size_t slash = path.rfind('/');
  std::size_t dot = path.rfind('.');
  if (dot != std::string::npos &&
      (slash == std::string::npos || dot > slash + 1))
    return path.substr(dot);
  return "";
}

std::optional<ImageFormat> dgm::cli::imageFormatOf(const std::string &path) {
  std::string lower;
  for (char c : fileExtension(path))
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == ".svg")
    return ImageFormat::Svg;
  if (lower == ".png")
    return ImageFormat::Png;
  return std::nullopt;
}

bool dgm::cli::writeChartImage(const LineChart &chart, const std::string &path,
                               std::string &error) {
  std::optional<ImageFormat> format = imageFormatOf(path);
  if (!format && rt::isStreamFile(path))
    format = ImageFormat::Svg; // /dev/null, a pipe: the name says nothing
  if (format == ImageFormat::Svg)
    return writeFileAtomically(path, renderSvg(chart), error);
  if (format == ImageFormat::Png) {
    std::string png = encodePng(chart);
    if (png.empty()) {
      error = "cannot write '" + path + "': PNG encoding failed";
      return false;
    }
    return writeFileAtomically(path, png, error);
  }
  std::string ext = fileExtension(path);
  if (ext.empty())
    error = "'" + path + "' has no image extension; use .png or .svg";
  else
    error = "unsupported image format '" + ext + "'; use .png or .svg";
  return false;
}

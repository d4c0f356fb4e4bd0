//===- File.cpp - Whole-file reads and writes for the dgm runtime ---------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/File.h"

#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace dgm::rt;

namespace {
Error systemError(const char *verb, const std::string &path, int err) {
  return Error{std::string("cannot ") + verb + " '" + path +
               "': " + std::strerror(err)};
}
} // namespace

namespace {
/// Reads `path` in chunks of 64 KiB, handing each to `consume` until it
/// returns false; the errors of readTextFile.
template <typename Consume>
Result<void> readChunks(const std::string &path, Consume consume) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return systemError("read", path, errno);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{"cannot read '" + path + "': it is a directory"};
  }
  char buffer[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0)
      break;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int err = errno;
      ::close(fd);
      return systemError("read", path, err);
    }
    if (!consume(buffer, static_cast<std::size_t>(n)))
      break;
  }
  ::close(fd);
  return success();
}
} // namespace

Result<std::string> dgm::rt::readTextFile(const std::string &path) {
  std::string contents;
  Result<void> read = readChunks(path, [&](const char *bytes, std::size_t n) {
    contents.append(bytes, n);
    return true;
  });
  if (!read)
    return read.takeError();
  return contents;
}

Result<std::size_t> dgm::rt::countLines(const std::string &path,
                                        LineKind kind,
                                        std::size_t stopAbove) {
  std::size_t count = 0;
  bool atLineStart = true; // the next byte starts a line
  Result<void> read = readChunks(path, [&](const char *bytes, std::size_t n) {
    for (std::size_t i = 0; i < n && count <= stopAbove; ++i) {
      char c = bytes[i];
      if (atLineStart)
        count += kind == LineKind::Any || (c >= '0' && c <= '9');
      atLineStart = c == '\n';
    }
    return count <= stopAbove;
  });
  if (!read)
    return read.takeError();
  return count;
}

bool dgm::rt::fileExists(const std::string &path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool dgm::rt::isDirectory(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool dgm::rt::isStreamFile(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 &&
         (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

bool dgm::rt::wouldOverwrite(const std::string &path) {
  return fileExists(path) && !isStreamFile(path);
}

Result<void> dgm::rt::writeTextFile(const std::string &path,
                                    std::string_view contents,
                                    Overwrite overwrite) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
  flags |= overwrite == Overwrite::Refuse ? O_EXCL : O_TRUNC;
  int fd = ::open(path.c_str(), flags, 0666);
  if (fd < 0 && errno == EEXIST && isStreamFile(path))
    fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == EEXIST)
      return Error{"'" + path + "' already exists"};
    return systemError("write", path, errno);
  }
  const char *data = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int err = errno;
      ::close(fd);
      return systemError("write", path, err);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    return systemError("write", path, errno);
  return success();
}

std::optional<std::string>
dgm::rt::unwritablePathReason(const std::string &path) {
  if (isDirectory(path)) {
    std::string base = path;
    while (base.size() > 1 && base.back() == '/')
      base.pop_back();
    return "'" + path + "' is a folder; give a file name in it, such as '" +
           base + "/NAME'";
  }
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos)
    return std::nullopt; // the current folder
  std::string dir = path.substr(0, slash + 1);
  if (isDirectory(dir))
    return std::nullopt;
  // The deepest existing part of the folder: a file there is the mistake.
  std::string part = dir;
  while (!part.empty()) {
    while (!part.empty() && part.back() == '/')
      part.pop_back();
    if (part.empty())
      break;
    if (fileExists(part))
      return isDirectory(part)
                 ? "the folder '" + dir + "' does not exist"
                 : "'" + part + "' is a file, not a folder";
    std::size_t up = part.rfind('/');
    part = up == std::string::npos ? "" : part.substr(0, up + 1);
  }
  return "the folder '" + dir + "' does not exist";
}

std::string dgm::rt::fileKey(const std::string &path) {
  // An existing file is its device and inode: hard links (and any other
  // names of it) share them, where their paths differ.
  struct stat info;
  if (::stat(path.c_str(), &info) == 0)
    return "inode " + std::to_string(info.st_dev) + ":" +
           std::to_string(info.st_ino);
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec)
    return fs::absolute(path, ec).lexically_normal().string();
  return canonical.string();
}

//===- File.h - Whole-file reads and writes for the dgm runtime -*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Reading a whole file and writing one without clobbering: results are never
// written over an existing file unless the caller asks for it, and the check
// is made by the open itself (O_EXCL), so it cannot race with another writer.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_FILE_H
#define DGM_RUNTIME_FILE_H

#include "dgm/runtime/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dgm::rt {

/// The bytes of `path`, or "cannot read 'path': <reason>".
Result<std::string> readTextFile(const std::string &path);

/// Which lines countLines counts.
enum class LineKind {
  Any,               ///< every line (a last one without '\n' too)
  StartingWithDigit, ///< lines whose first byte is 0-9
};

/// Counts the lines of `kind` in `path` without keeping its bytes (the
/// errors of readTextFile): a cheap upper bound on the rows a table file
/// holds, for checks made before reading many files in full. Reading stops
/// once more than `stopAbove` are found, so a result above `stopAbove`
/// means only "more than `stopAbove`".
Result<std::size_t> countLines(const std::string &path,
                               LineKind kind = LineKind::Any,
                               std::size_t stopAbove = SIZE_MAX);

/// How writeTextFile treats an existing file.
enum class Overwrite { Refuse, Replace };

/// Writes `contents` to `path`. With Overwrite::Refuse an existing file is
/// left alone and the error is "'path' already exists"; a stream file
/// (isStreamFile) is written either way.
Result<void> writeTextFile(const std::string &path, std::string_view contents,
                           Overwrite overwrite);

/// Whether `path` names an existing file (of any type).
bool fileExists(const std::string &path);

/// Whether `path` is (or links to) a directory.
bool isDirectory(const std::string &path);

/// Whether `path` is (or links to) a character device, a pipe or a socket:
/// /dev/null, /dev/stdout, a FIFO. Writing to one replaces no file, so it
/// needs no --force; and it must be written in place, never renamed over
/// (that would replace the device node itself). Block devices are not
/// included: writing one overwrites a disk.
bool isStreamFile(const std::string &path);

/// Whether writing `path` would replace an existing file: it exists and is
/// not a stream file.
bool wouldOverwrite(const std::string &path);

/// Why a new file cannot be written at `path`, checked before long work:
/// "'out' is a folder; give a file name in it, such as 'out/NAME'",
/// "the folder 'x/' does not exist", "'a.csv' is a file, not a folder".
/// nullopt when the path may be written (permissions are left to the
/// write itself).
std::optional<std::string> unwritablePathReason(const std::string &path);

/// A key that is the same for two names of one file: for an existing file
/// its device and inode (so symbolic and hard links share it), otherwise the
/// path made absolute and normal, with the symbolic links of its existing
/// part resolved ("out/./x.csv" and "out/x.csv" have one key).
std::string fileKey(const std::string &path);

} // namespace dgm::rt

#endif // DGM_RUNTIME_FILE_H

//===- TempDir.h - A scratch directory for one test -------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A fresh directory per test (mkdtemp), removed with its contents at the end,
// so that tests can run in parallel and leave nothing behind.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TEST_UNIT_RUNTIME_TEMPDIR_H
#define DGM_TEST_UNIT_RUNTIME_TEMPDIR_H

#include "gtest/gtest.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace dgm::test {

class TempDir {
public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "dgm-rt-XXXXXX";
    if (char *made = ::mkdtemp(pattern.data()))
      dir = made;
    else
      ADD_FAILURE() << "mkdtemp failed for " << pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  std::string path(std::string_view name) const {
    return dir + "/" + std::string(name);
  }
  /// Creates `name` with `contents` and returns its path.
  std::string write(std::string_view name, std::string_view contents) const {
    std::string p = path(name);
    std::FILE *f = std::fopen(p.c_str(), "wb");
    if (!f) {
      ADD_FAILURE() << "cannot create " << p;
      return p;
    }
    std::fwrite(contents.data(), 1, contents.size(), f);
    std::fclose(f);
    return p;
  }

private:
  std::string dir;
};

} // namespace dgm::test

#endif // DGM_TEST_UNIT_RUNTIME_TEMPDIR_H

//===- FileTest.cpp - Tests of whole-file reads and writes ----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/File.h"

#include "TempDir.h"

#include "gtest/gtest.h"

using namespace dgm::rt;

namespace {

TEST(File, WriteRefusesToOverwrite) {
  dgm::test::TempDir dir;
  std::string path = dir.write("out.csv", "precious\n");
  EXPECT_TRUE(fileExists(path));
  Result<void> r = writeTextFile(path, "new\n", Overwrite::Refuse);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "'" + path + "' already exists");
  Result<std::string> text = readTextFile(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "precious\n");
}

TEST(File, WriteReplacesWhenAsked) {
  dgm::test::TempDir dir;
  std::string path = dir.write("out.csv", "a much longer old content\n");
  ASSERT_TRUE(writeTextFile(path, "new\n", Overwrite::Replace).ok());
  Result<std::string> text = readTextFile(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "new\n");
}

TEST(File, WriteCreatesNewFile) {
  dgm::test::TempDir dir;
  std::string path = dir.path("new.csv");
  EXPECT_FALSE(fileExists(path));
  ASSERT_TRUE(writeTextFile(path, "x\n", Overwrite::Refuse).ok());
  Result<std::string> text = readTextFile(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "x\n");
}

TEST(File, Errors) {
  dgm::test::TempDir dir;
  Result<void> w =
      writeTextFile(dir.path("no/such/dir.csv"), "x", Overwrite::Replace);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().message, "cannot write '" + dir.path("no/such/dir.csv") +
                                   "': No such file or directory");
  Result<std::string> r = readTextFile(dir.path(""));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "cannot read '" + dir.path("") + "': it is a directory");
}

} // namespace

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

TEST(File, CountLines) {
  dgm::test::TempDir dir;
  struct Case {
    const char *text;
    std::size_t lines, digits;
  } cases[] = {{"", 0, 0},
               {"\n", 1, 0},
               {"a\n1\n", 2, 1},
               {"a\n1\n2", 3, 2}, // no newline at the end
               {" 4\n\n12 x\n", 3, 1}};
  for (const Case &c : cases) {
    std::string path = dir.write("t.txt", c.text);
    Result<std::size_t> lines = countLines(path);
    ASSERT_TRUE(lines.ok()) << lines.error().message;
    EXPECT_EQ(*lines, c.lines) << "'" << c.text << "'";
    Result<std::size_t> digits =
        countLines(path, LineKind::StartingWithDigit);
    ASSERT_TRUE(digits.ok());
    EXPECT_EQ(*digits, c.digits) << "'" << c.text << "'";
  }
  // Lines that straddle the 64 KiB reads are counted once.
  std::string big = "header\n";
  for (int i = 0; i < 30000; ++i)
    big += std::to_string(i % 10) + "abc\n";
  std::string path = dir.write("big.txt", big);
  EXPECT_EQ(*countLines(path), 30001u);
  EXPECT_EQ(*countLines(path, LineKind::StartingWithDigit), 30000u);
  // Stopping early: exact up to the limit, "more" beyond it.
  EXPECT_EQ(*countLines(path, LineKind::Any, 30001), 30001u);
  EXPECT_EQ(*countLines(path, LineKind::Any, 30000), 30001u);
  EXPECT_EQ(*countLines(path, LineKind::Any, 10), 11u);
  EXPECT_EQ(*countLines(path, LineKind::StartingWithDigit, 10), 11u);
  EXPECT_EQ(*countLines(path, LineKind::StartingWithDigit, 0), 1u);
  EXPECT_FALSE(countLines(dir.path("absent.txt")).ok());
  EXPECT_FALSE(countLines(dir.path("")).ok());
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

//===- ExcerptTest.cpp - Source lines in error excerpts -------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Format.h"

#include <gtest/gtest.h>

#include <string>

using namespace dgm::rt;

TEST(Excerpt, ShortLinesAreShownWhole) {
  std::size_t col = 5;
  EXPECT_EQ(excerptWindow("P,PET,Qobs", col), "P,PET,Qobs");
  EXPECT_EQ(col, 5u);
}

// A line of a megabyte (a CSV row of 100 000 columns) is cut around the
// column, and the caret still lands on the same character.
TEST(Excerpt, LongLinesAreCutAroundTheColumn) {
  std::string line;
  for (int i = 0; i < 100000; ++i)
    line += "c" + std::to_string(i) + ",";
  std::size_t at = line.find("c50000,");
  std::size_t col = at + 1;
  std::string shown = excerptWindow(line, col);
  EXPECT_LE(shown.size(), kExcerptWidth + 6);
  EXPECT_TRUE(shown.starts_with("..."));
  EXPECT_TRUE(shown.ends_with("..."));
  EXPECT_EQ(shown.substr(col - 1, 7), "c50000,");
  std::string caret = caretLine(shown, col);
  EXPECT_EQ(caret.size(), col);
  EXPECT_EQ(caret.back(), '^');

  // Near the start: nothing cut before.
  col = 3;
  shown = excerptWindow(line, col);
  EXPECT_TRUE(shown.starts_with("c0,c1,"));
  EXPECT_EQ(col, 3u);
}

// The cut never splits a UTF-8 sequence.
TEST(Excerpt, CutsAtCharacterBoundaries) {
  std::string line;
  for (int i = 0; i < 200; ++i)
    line += "\xC2\xB0"; // a degree sign, two bytes
  line += "x";
  std::size_t col = line.size(); // the x
  std::string shown = excerptWindow(line, col);
  EXPECT_EQ(shown.substr(col - 1, 1), "x");
  // After the "...", whole two-byte characters.
  EXPECT_EQ(shown.substr(3, 2), "\xC2\xB0");
}

// formatLocatedError (CSV cells) shows the cut line too.
TEST(Excerpt, LocatedErrorsUseTheWindow) {
  std::string line(5000, 'a');
  line[2500] = 'X';
  std::string message = formatLocatedError("f.csv", 2, 2501, line, "bad");
  EXPECT_LT(message.size(), 600u);
  EXPECT_NE(message.find("f.csv:2:2501: error: bad"), std::string::npos);
  std::size_t textLine = message.find('\n') + 1;
  std::size_t caretLineStart = message.find('\n', textLine) + 1;
  std::size_t caretAt = message.find('^', caretLineStart) - caretLineStart;
  EXPECT_EQ(message[textLine + caretAt], 'X');
}

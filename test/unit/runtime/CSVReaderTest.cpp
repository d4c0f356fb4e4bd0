//===- CSVReaderTest.cpp - Tests of the strict CSV reader -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/CSV.h"

#include "TempDir.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace dgm::rt;

namespace {

CsvTable parseOk(std::string text, const CsvOptions &options = {}) {
  Result<CsvTable> table = CsvTable::parse(std::move(text), "f.csv", options);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  if (!table.ok())
    return std::move(*CsvTable::parse("x\n", "empty.csv"));
  return std::move(*table);
}

std::string parseError(std::string text, const CsvOptions &options = {}) {
  Result<CsvTable> table = CsvTable::parse(std::move(text), "f.csv", options);
  EXPECT_FALSE(table.ok()) << "the text parsed without an error";
  return table.ok() ? "" : table.error().message;
}

std::vector<double> numbers(const CsvTable &table, std::string_view column) {
  Result<NumericColumn> values = table.numericColumn(column);
  EXPECT_TRUE(values.ok()) << (values.ok() ? "" : values.error().message);
  return values.ok() ? values->values : std::vector<double>{};
}

std::string numericError(const CsvTable &table, std::string_view column) {
  Result<NumericColumn> values = table.numericColumn(column);
  EXPECT_FALSE(values.ok()) << "column '" << column << "' parsed";
  return values.ok() ? "" : values.error().message;
}

TEST(CSVReader, ReadsHeaderAndRows) {
  CsvTable t =
      parseOk(" date , P,PET \n2000-01-01,1.5,2\n2000-01-02, 0 ,-3e-2\n");
  EXPECT_EQ(t.columnNames(), (std::vector<std::string>{"date", "P", "PET"}));
  ASSERT_EQ(t.numRows(), 2u);
  EXPECT_EQ(t.cell(0, 0), "2000-01-01");
  EXPECT_EQ(t.cell(1, 1), "0");
  EXPECT_EQ(t.lineNumber(0), 2u);
  EXPECT_EQ(t.lineNumber(1), 3u);
  EXPECT_EQ(t.columnNumber(1, 1), 13u); // after "2000-01-02, "
  EXPECT_EQ(numbers(t, "P"), (std::vector<double>{1.5, 0.0}));
  EXPECT_EQ(numbers(t, "PET"), (std::vector<double>{2.0, -0.03}));
  EXPECT_EQ(t.columnIndex("PET"), 2u);
  EXPECT_EQ(t.columnIndex("pet"), std::nullopt);
}

TEST(CSVReader, AcceptsPlusSign) {
  CsvTable t = parseOk("x\n+1.5\n-2\n1e300\n");
  std::vector<double> x = numbers(t, "x");
  ASSERT_EQ(x.size(), 3u);
  EXPECT_EQ(x[0], 1.5);
  EXPECT_EQ(x[1], -2);
  EXPECT_EQ(x[2], 1e300);
}

// An infinity is never a measurement: an error at its cell, not a value
// whose NaNs would appear far from it in a model's results.
TEST(CSVReader, InfinityIsAnError) {
  for (const char *text : {"inf", "-inf", "+Infinity", "INF"})
    EXPECT_EQ(numericError(parseOk(std::string("x\n1\n") + text + "\n"), "x"),
              std::string("f.csv:3:1: error: an infinite value in column 'x': '") +
                  text +
                  "'; write a missing value as an empty cell, NA or NaN\n" +
                  text + "\n^");
}

TEST(CSVReader, QuotedFields) {
  CsvTable t = parseOk("\"name, full\",\"v\"\n"
                       "\"Smith, J.\" , \"1.25\"\n"
                       "\"say \"\"hi\"\"\",\"\"\n");
  EXPECT_EQ(t.columnNames(), (std::vector<std::string>{"name, full", "v"}));
  EXPECT_EQ(t.cell(0, 0), "Smith, J.");
  EXPECT_EQ(t.cell(1, 0), "say \"hi\"");
  EXPECT_EQ(t.cell(1, 1), "");
  Result<NumericColumn> v = t.numericColumn("v");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->values[0], 1.25);
  EXPECT_TRUE(std::isnan(v->values[1])); // "" is a missing value
  EXPECT_EQ(v->missingCount, 1u);
}

TEST(CSVReader, CRLFLineEndings) {
  CsvTable t = parseOk("a,b\r\n1,2\r\n3,4\r\n");
  EXPECT_EQ(t.columnNames(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(numbers(t, "b"), (std::vector<double>{2, 4}));
  // The excerpt of an error shows the line without its '\r'.
  CsvTable bad = parseOk("a,b\r\n1,x\r\n");
  EXPECT_EQ(numericError(bad, "b"),
            "f.csv:2:3: error: expected a number in column 'b', found 'x'\n"
            "1,x\n"
            "  ^");
}

TEST(CSVReader, NulByteIsShownNotCut) {
  // A NUL inside a cell used to end the message where it was printed.
  CsvTable bad = parseOk(std::string("a,b\n1,2\0\n", 9));
  EXPECT_EQ(numericError(bad, "b"),
            "f.csv:2:3: error: expected a number in column 'b', found "
            "'2\xE2\x90\x80'\n"
            "1,2\xE2\x90\x80\n"
            "  ^");
}

TEST(CSVReader, StrayCarriageReturnIsAnError) {
  EXPECT_EQ(parseError("a,b\r1,2\r"),
            "f.csv:1:4: error: unexpected carriage return inside a line; "
            "lines must end with LF or CRLF\n"
            "a,b\xE2\x90\x8D" // the carriage return, shown as U+240D
            "1,2\n"
            "   ^");
}

TEST(CSVReader, SkipsCommentsBlankLinesAndByteOrderMark) {
  CsvTable t = parseOk("\xEF\xBB\xBF# station 42\n"
                       "\n"
                       "  # units: mm/d\n"
                       "P\n"
                       "1\n"
                       "# a gap in the record\n"
                       "   \n"
                       "2\n");
  EXPECT_EQ(t.columnNames(), (std::vector<std::string>{"P"}));
  ASSERT_EQ(t.numRows(), 2u);
  EXPECT_EQ(numbers(t, "P"), (std::vector<double>{1, 2}));
  EXPECT_EQ(t.lineNumber(0), 5u);
  EXPECT_EQ(t.lineNumber(1), 8u);
}

TEST(CSVReader, OnlyUsedColumnsAreParsed) {
  CsvTable t =
      parseOk("date,station,P\n2000-01-01,Lyon,3\n2000-01-02,Lyon,4\n");
  EXPECT_EQ(numbers(t, "P"), (std::vector<double>{3, 4}));
  EXPECT_EQ(numericError(t, "date"),
            "f.csv:2:1: error: expected a number in column 'date', found "
            "'2000-01-01'\n"
            "2000-01-01,Lyon,3\n"
            "^");
}

TEST(CSVReader, NotANumberPointsAtTheField) {
  CsvTable t = parseOk("date,P,PET\n2000-01-01,1.0,2\n2000-01-02,abc,2\n");
  EXPECT_EQ(numericError(t, "P"),
            "f.csv:3:12: error: expected a number in column 'P', found 'abc'\n"
            "2000-01-02,abc,2\n"
            "           ^");
}

TEST(CSVReader, CaretFollowsTabs) {
  CsvTable t = parseOk("a,b\n\t1,\tx\n");
  EXPECT_EQ(numericError(t, "b"),
            "f.csv:2:5: error: expected a number in column 'b', found 'x'\n"
            "\t1,\tx\n"
            "\t  \t^");
}

TEST(CSVReader, RejectsPartialAndOddNumbers) {
  for (const char *text :
       {"1.5e", "0x10", "1,5", "1_000", "--1", "+-1", "1 2"}) {
    CsvTable t = parseOk(std::string("a;b\n") + text + ";0\n",
                         CsvOptions{.separator = ';'});
    EXPECT_EQ(numericError(t, "a"),
              std::string("f.csv:2:1: error: expected a number in column "
                          "'a', found '") +
                  text + "'\n" + text + ";0\n^")
        << text;
  }
}

TEST(CSVReader, NumberOutOfRange) {
  CsvTable t = parseOk("a\n1e999\n");
  EXPECT_EQ(numericError(t, "a"),
            "f.csv:2:1: error: in column 'a': '1e999' is too large for a "
            "double (the largest is 1.8e308)\n"
            "1e999\n"
            "^");
  // Too small to be anything but 0 is out of range too (it would be read as
  // 0 silently); a subnormal number is a number.
  CsvTable small = parseOk("a\n1\n-1e-400\n");
  EXPECT_EQ(numericError(small, "a"),
            "f.csv:3:1: error: in column 'a': '-1e-400' is too small for a "
            "double (the smallest is 4.9e-324); write 0 if you mean zero\n"
            "-1e-400\n"
            "^");
  CsvTable subnormal = parseOk("a\n1e-310\n");
  Result<NumericColumn> column = subnormal.numericColumn("a");
  ASSERT_TRUE(column.ok());
  EXPECT_EQ(column->values[0], 1e-310);
}

// A terminal shows CJK characters two columns wide: the caret must count
// them twice to land under the cell (the column number counts bytes).
TEST(CSVReader, CaretCountsWideCharactersTwice) {
  CsvTable t = parseOk("station,P\n\u5317\u4eac\u7ad9,abc\n");
  EXPECT_EQ(numericError(t, "P"),
            "f.csv:2:11: error: expected a number in column 'P', found 'abc'\n"
            "\u5317\u4eac\u7ad9,abc\n"
            "       ^");
}

TEST(CSVReader, MissingValuesAreNaNAndCounted) {
  CsvTable t = parseOk(
      "d,P\n1,1\n2,\n3,NA\n4,NaN\n5,nan\n6,-999\n7,-999.0\n8,NAN\n9,-9999\n"
      "10,2\n");
  Result<NumericColumn> p = t.numericColumn("P");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->values.size(), 10u);
  EXPECT_EQ(p->values[0], 1.0);
  for (std::size_t i = 1; i <= 8; ++i)
    EXPECT_TRUE(std::isnan(p->values[i])) << "row " << i;
  EXPECT_EQ(p->values[9], 2.0);
  EXPECT_EQ(p->missingCount, 8u);
  EXPECT_EQ(p->firstMissingRow, 1u);
  EXPECT_EQ(p->firstMissingLine, 3u);
}

TEST(CSVReader, MissingValueSentinelIsConfigurable) {
  CsvOptions options;
  options.missingValues = {-9999};
  options.missingTokens.push_back("NULL");
  CsvTable t = parseOk("P\n-999\n-9999\nNULL\n", options);
  Result<NumericColumn> p = t.numericColumn("P");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->values[0], -999.0);
  EXPECT_TRUE(std::isnan(p->values[1]));
  EXPECT_TRUE(std::isnan(p->values[2]));
  EXPECT_EQ(p->missingCount, 2u);
  EXPECT_EQ(p->firstMissingLine, 3u);
}

TEST(CSVReader, TruncatedLastLine) {
  EXPECT_EQ(parseError("date,P,PET\n2000-01-01,1,2\n2000-01-02,3"),
            "f.csv:3:13: error: expected 3 fields as in the header, found 2 "
            "(is the file truncated?)\n"
            "2000-01-02,3\n"
            "            ^");
}

// The same with a final newline (and a blank line after): still the last
// row of the file, so still possibly cut off; a short row in the middle is
// not (TooFewFields).
TEST(CSVReader, TruncatedLastLineWithNewline) {
  EXPECT_EQ(parseError("date,P,PET\n2000-01-01,1,2\n2000-01-02,3\n\n"),
            "f.csv:3:13: error: expected 3 fields as in the header, found 2 "
            "(is the file truncated?)\n"
            "2000-01-02,3\n"
            "            ^");
}

TEST(CSVReader, TooFewFields) {
  EXPECT_EQ(parseError("a,b,c\n1,2\n3,4,5\n"),
            "f.csv:2:4: error: expected 3 fields as in the header, found 2\n"
            "1,2\n"
            "   ^");
}

TEST(CSVReader, TooManyFields) {
  EXPECT_EQ(parseError("a,b\n1,2\n3,4, 5\n"),
            "f.csv:3:6: error: expected 2 fields as in the header, found 3\n"
            "3,4, 5\n"
            "     ^");
  // A trailing separator is an extra (empty) field.
  EXPECT_EQ(parseError("a\n1,\n"),
            "f.csv:2:3: error: expected 1 field as in the header, found 2\n"
            "1,\n"
            "  ^");
}

TEST(CSVReader, EmptyFileAndNoHeader) {
  EXPECT_EQ(parseError(""),
            "f.csv: error: the file is empty; expected a first line of column "
            "names such as 'date,P,PET'");
  EXPECT_EQ(parseError("# only a comment\n\n"),
            "f.csv: error: the file has no header row; expected a first line "
            "of column names such as 'date,P,PET'");
}

TEST(CSVReader, HeaderOnlyHasNoRows) {
  CsvTable t = parseOk("a,b\n");
  EXPECT_EQ(t.numRows(), 0u);
  EXPECT_TRUE(numbers(t, "a").empty());
}

TEST(CSVReader, DuplicateColumnName) {
  EXPECT_EQ(
      parseError("date,P,PET, P\n"),
      "f.csv:1:13: error: duplicate column name 'P'; it is also column 2\n"
      "date,P,PET, P\n"
      "            ^");
}

TEST(CSVReader, EmptyColumnName) {
  EXPECT_EQ(parseError("a,,b\n1,2,3\n"),
            "f.csv:1:3: error: empty column name in the header (column 2); "
            "every column needs a name\n"
            "a,,b\n"
            "  ^");
}

TEST(CSVReader, UnterminatedQuote) {
  EXPECT_EQ(parseError("a,b\n1,\"2\n"),
            "f.csv:2:3: error: unterminated quoted field; a quoted field must "
            "end with '\"' on the same line\n"
            "1,\"2\n"
            "  ^");
}

TEST(CSVReader, TextAfterClosingQuote) {
  EXPECT_EQ(parseError("a,b\n\"1\"x,2\n"),
            "f.csv:2:4: error: unexpected 'x' after the closing quote of a "
            "field; expected ',' or the end of the line\n"
            "\"1\"x,2\n"
            "   ^");
}

TEST(CSVReader, UnknownColumn) {
  CsvTable t = parseOk("date,P\n1,2\n");
  EXPECT_EQ(numericError(t, "PET"),
            "f.csv: error: no column 'PET'; the columns are 'date', 'P'");
}

TEST(CSVReader, ReadFile) {
  dgm::test::TempDir dir;
  std::string path = dir.write("in.csv", "P\n1\n2\n");
  Result<CsvTable> t = CsvTable::readFile(path);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->fileName(), path);
  EXPECT_EQ(numbers(*t, "P"), (std::vector<double>{1, 2}));

  Result<CsvTable> missing = CsvTable::readFile(dir.path("nope.csv"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "cannot read '" + dir.path("nope.csv") +
                                         "': No such file or directory");
}

TEST(CSVReader, ErrorsNameTheFile) {
  dgm::test::TempDir dir;
  std::string path = dir.write("bad.csv", "a,b\n1\n");
  Result<CsvTable> t = CsvTable::readFile(path);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message.rfind(path + ":2:2: error: ", 0), 0u)
      << t.error().message;
}

} // namespace

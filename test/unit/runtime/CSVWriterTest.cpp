//===- CSVWriterTest.cpp - Tests of CSV writing and number formatting -----===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Format.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace dgm::rt;

namespace {

TEST(Format, ShortestRoundTrip) {
  EXPECT_EQ(formatNumber(0.1), "0.1");
  EXPECT_EQ(formatNumber(5.5), "5.5");
  EXPECT_EQ(formatNumber(2.0), "2");
  EXPECT_EQ(formatNumber(-0.0), "-0");
  EXPECT_EQ(formatNumber(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(formatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(formatNumber(1e-300), "1e-300");
  EXPECT_EQ(formatNumber(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(formatNumber(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(formatNumber(std::numeric_limits<double>::infinity()), "inf");
}

TEST(CSVWriter, HeaderAndRows) {
  CsvWriter w;
  w.field("date");
  w.field("Q");
  w.endRow();
  w.field("2000-01-01");
  w.number(5.5);
  w.endRow();
  w.field("2000-01-02");
  w.number(std::nan(""));
  w.endRow();
  EXPECT_EQ(w.text(), "date,Q\n2000-01-01,5.5\n2000-01-02,NaN\n");
}

TEST(CSVWriter, QuotesOnlyWhenNeeded) {
  CsvWriter w;
  w.field("plain");
  w.field("a,b");
  w.field("say \"hi\"");
  w.field(" padded");
  w.field("");
  w.field("#not-first");
  w.endRow();
  w.field("#first");
  w.endRow();
  w.field("");
  w.endRow();
  EXPECT_EQ(w.text(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\" padded\",,#not-first\n"
            "\"#first\"\n"
            "\"\"\n");
}

TEST(CSVWriter, ReadsBackUnchanged) {
  const std::vector<std::string> texts = {"a,b", "say \"hi\"", " x ", "#c", ""};
  CsvWriter w;
  w.field("t");
  w.endRow();
  for (const std::string &t : texts) {
    w.field(t);
    w.endRow();
  }
  Result<CsvTable> table = CsvTable::parse(w.take(), "w.csv");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->numRows(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i)
    EXPECT_EQ(table->cell(i, 0), texts[i]);
}

TEST(CSVWriter, NumbersRoundTripBitForBit) {
  std::mt19937_64 rng(12345);
  std::vector<double> values = {0.0,      -0.0,     1.0 / 3.0,
                                1e-310,   5e-324,   1.7976931348623157e308,
                                -123.456, 0.1 + 0.2};
  for (int i = 0; i < 2000; ++i) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d))
      values.push_back(d);
  }
  CsvWriter w;
  w.field("x");
  w.endRow();
  for (double v : values) {
    w.number(v);
    w.endRow();
  }
  CsvOptions options;
  options.missingValues.clear(); // -999 is not in the data, but be explicit
  Result<CsvTable> table = CsvTable::parse(w.take(), "w.csv", options);
  ASSERT_TRUE(table.ok()) << table.error().message;
  Result<NumericColumn> x = table->numericColumn("x");
  ASSERT_TRUE(x.ok()) << x.error().message;
  ASSERT_EQ(x->values.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(std::memcmp(&x->values[i], &values[i], sizeof(double)), 0)
        << "value " << values[i] << " at row " << i;
}

} // namespace

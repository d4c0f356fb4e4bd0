//===- UnitTextTest.cpp - Reading a descriptor's unit texts ---------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/UnitText.h"

#include <gtest/gtest.h>

using namespace dgm::rt;

TEST(UnitText, ReadsPowers) {
  EXPECT_EQ(parseUnitText("mm/d"), (UnitPowers{{"mm", 1}, {"d", -1}}));
  EXPECT_EQ(parseUnitText("mm/(degC*d)"),
            (UnitPowers{{"mm", 1}, {"degC", -1}, {"d", -1}}));
  EXPECT_EQ(parseUnitText("m^3/s"), (UnitPowers{{"m", 3}, {"s", -1}}));
  EXPECT_EQ(parseUnitText("1"), UnitPowers{});
  EXPECT_EQ(parseUnitText("1/d"), (UnitPowers{{"d", -1}}));
  EXPECT_EQ(parseUnitText("d^-1"), (UnitPowers{{"d", -1}}));
  EXPECT_EQ(parseUnitText(" W / m^2 "), (UnitPowers{{"W", 1}, {"m", -2}}));
  // Powers that cancel leave no entry.
  EXPECT_EQ(parseUnitText("mm*d/d"), (UnitPowers{{"mm", 1}}));
}

TEST(UnitText, SameDimensionsWhateverTheSpelling) {
  EXPECT_TRUE(sameUnit("mm/d", "mm*d^-1"));
  EXPECT_TRUE(sameUnit("mm/d", "(1/d)*mm"));
  EXPECT_TRUE(sameUnit("mm/degC/d", "mm/(degC*d)"));
  // dgm converts nothing: other symbols are other units.
  EXPECT_FALSE(sameUnit("mm/d", "m/s"));
  EXPECT_FALSE(sameUnit("degC", "K"));
  EXPECT_FALSE(sameUnit("mm", "mm/d"));
}

TEST(UnitText, RejectsWhatIsNoUnit) {
  for (const char *bad : {"", "mm/", "mm^", "mm^x", "(mm", "mm)", "10", "2mm",
                          "mm d", "mm^99999999"})
    EXPECT_FALSE(parseUnitText(bad).has_value()) << "'" << bad << "'";
  std::string deep(100, '(');
  deep += "mm" + std::string(100, ')');
  EXPECT_FALSE(parseUnitText(deep).has_value());
  // Texts that are no units compare by spelling.
  EXPECT_TRUE(sameUnit("mm d", "mm d"));
  EXPECT_FALSE(sameUnit("mm d", "mm"));
}

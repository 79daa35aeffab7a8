// Value parsers of the data contract and the id checks.
#include "data/fields.h"

#include <gtest/gtest.h>

namespace banenmonitor::data {
namespace {

TEST(Fields, DatesMustBeRealCalendarDays) {
  EXPECT_EQ(ParseDate("1970-01-01"), 0);
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2023-13-01"));
  EXPECT_FALSE(ParseDate("2023-1-01"));
  EXPECT_FALSE(ParseDate("01-01-2023"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(Fields, Months) {
  EXPECT_EQ(ParseMonth("2023-10"), MakeMonth(2023, 10));
  EXPECT_FALSE(ParseMonth("2023-00"));
  EXPECT_FALSE(ParseMonth("2023-13"));
  EXPECT_FALSE(ParseMonth("2023/10"));
  EXPECT_EQ(FirstDayOf(MakeMonth(2023, 11)) , *ParseDate("2023-11-01"));
  EXPECT_EQ(LastDayOf(MakeMonth(2024, 2)), *ParseDate("2024-02-29"));
}

TEST(Fields, HoursAreExactMicroHours) {
  EXPECT_EQ(ParseMicroHours("12"), 12'000'000);
  EXPECT_EQ(ParseMicroHours("12.5"), 12'500'000);
  EXPECT_EQ(ParseMicroHours("0.01"), 10'000);
  EXPECT_EQ(ParseMicroHours(".5"), 500'000);
  EXPECT_EQ(ParseMicroHours("1.0000005"), 1'000'001);  // half up at the 7th decimal
  EXPECT_EQ(ParseMicroHours("0"), 0);
  EXPECT_FALSE(ParseMicroHours("-3"));
  EXPECT_FALSE(ParseMicroHours("abc"));
  EXPECT_FALSE(ParseMicroHours("1,5"));
  EXPECT_FALSE(ParseMicroHours("1e3"));
  EXPECT_FALSE(ParseMicroHours("."));
  EXPECT_FALSE(ParseMicroHours(""));
}

// The one-pass form (digits, mark, at most 6 digits) and the forms it leaves to the full parser
// give what the full parser gives.
TEST(Fields, HoursAtTheEdgesOfThePlainForm) {
  EXPECT_EQ(ParseMicroHours("136.70"), 136'700'000);
  EXPECT_EQ(ParseMicroHours("12."), 12'000'000);
  EXPECT_EQ(ParseMicroHours("1.123456"), 1'123'456);
  EXPECT_EQ(ParseMicroHours("1.1234564"), 1'123'456);  // 7 decimals: rounded, not cut off or refused
  EXPECT_EQ(ParseMicroHours("1.12345651"), 1'123'457);
  EXPECT_EQ(ParseMicroHours("999999999999"), 999'999'999'999 * kMicroPerHour);  // 12 digits
  EXPECT_FALSE(ParseMicroHours("1000000000000"));                              // 13 digits
  EXPECT_EQ(ParseMicroHours("0000000000001.5"), 1'500'000);                    // leading zeros
  EXPECT_EQ(ParseMicroHours(" 12.5\t"), 12'500'000);                           // spaces around
  EXPECT_FALSE(ParseMicroHours("12.5x"));
  EXPECT_FALSE(ParseMicroHours("12.5.1"));
  EXPECT_FALSE(ParseMicroHours("1 2"));
  EXPECT_EQ(ParseMicroHours("12,5", ','), 12'500'000);
  EXPECT_EQ(ParseMicroHours("1.234,5", ','), 1'234'500'000);  // Dutch thousands
  EXPECT_FALSE(ParseMicroHours("12.5", ','));
  EXPECT_FALSE(ParseMicroHours("12,5", '.'));
}

TEST(Fields, MonthsAtTheEdgesOfThePlainForm) {
  EXPECT_EQ(ParseMonth("1900-01"), MakeMonth(1900, 1));
  EXPECT_EQ(ParseMonth("2199-12"), MakeMonth(2199, 12));
  EXPECT_FALSE(ParseMonth("1899-12"));
  EXPECT_FALSE(ParseMonth("2200-01"));
  EXPECT_EQ(ParseMonth(" 2023-10 "), MakeMonth(2023, 10));
  EXPECT_FALSE(ParseMonth("2023-1a"));
  EXPECT_FALSE(ParseMonth("20a3-10"));
  EXPECT_FALSE(ParseMonth("2023-1"));
}

TEST(Fields, Decimals) {
  EXPECT_DOUBLE_EQ(*ParseDecimal("-0.5"), -0.5);
  EXPECT_DOUBLE_EQ(*ParseDecimal("2"), 2.0);
  EXPECT_FALSE(ParseDecimal("2,0"));
  EXPECT_FALSE(ParseDecimal("x"));
}

TEST(Fields, BsnElfproef) {
  EXPECT_TRUE(IsValidBsn("999900018"));
  EXPECT_TRUE(IsValidBsn("999999990"));
  EXPECT_FALSE(IsValidBsn("999900019"));
  EXPECT_FALSE(IsValidBsn("000000000"));
  EXPECT_FALSE(IsValidBsn("12345678"));
  EXPECT_TRUE(LooksLikeBsn("123456789"));
  EXPECT_FALSE(LooksLikeBsn("a23456789"));
}

TEST(Fields, Loonheffingennummer) {
  EXPECT_TRUE(IsValidEmployerId("123456789L01"));
  EXPECT_FALSE(IsValidEmployerId("12345678L01"));
  EXPECT_FALSE(IsValidEmployerId("123456789l01"));
  EXPECT_FALSE(IsValidEmployerId("123456789L1"));
  EXPECT_FALSE(IsValidEmployerId("123456789X01"));
}

TEST(Fields, Utf8) {
  EXPECT_TRUE(IsValidUtf8("Gemeente Súdwest-Fryslân"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
}

TEST(Fields, QuoteEscapesControlCharactersAndTruncates) {
  EXPECT_EQ(Quote("a\tb"), "'a\\x09b'");
  EXPECT_EQ(Quote(std::string(50, 'x')), "'" + std::string(40, 'x') + "...'");
}

}  // namespace
}  // namespace banenmonitor::data

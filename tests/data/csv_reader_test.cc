// The CSV reader: RFC 4180 quoting, BOM, line endings, positions.
#include "data/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace banenmonitor::data {
namespace {

struct Parsed {
  std::vector<std::vector<std::string>> records;
  std::vector<std::int64_t> lines;
  std::vector<std::string> errors;
};

Parsed Parse(const std::string& text, std::size_t buffer = 64, char separator = ',') {
  std::FILE* f = fmemopen(const_cast<char*>(text.data()), text.size(), "rb");
  if (text.empty()) f = std::tmpfile();
  Parsed out;
  CsvReader reader(f, buffer, separator);
  CsvRecord rec;
  CsvError err;
  while (reader.Next(rec, err)) {
    out.records.emplace_back(rec.fields.begin(), rec.fields.end());
    out.lines.push_back(rec.line);
    out.errors.push_back(err.message);
  }
  std::fclose(f);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, SimpleRecords) {
  auto p = Parse("a,b,c\n1,2,3\n");
  EXPECT_EQ(p.records, (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(p.lines, (std::vector<std::int64_t>{1, 2}));
}

TEST(CsvReader, CrLfAndNoFinalNewline) {
  auto p = Parse("a,b\r\n1,2\r\n3,4");
  EXPECT_EQ(p.records, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST(CsvReader, ByteOrderMarkIsDropped) {
  auto p = Parse("\xEF\xBB\xBFperson_id,x\n1,2\n");
  EXPECT_EQ(p.records[0][0], "person_id");
}

TEST(CsvReader, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto p = Parse("name,x\n\"Gemeente \"\"A\"\", B\",1\n\"two\nlines\",2\nlast,3\n");
  EXPECT_EQ(p.records, (Rows{{"name", "x"}, {"Gemeente \"A\", B", "1"}, {"two\nlines", "2"}, {"last", "3"}}));
  EXPECT_EQ(p.lines, (std::vector<std::int64_t>{1, 2, 3, 5}));
  for (const auto& e : p.errors) EXPECT_EQ(e, "");
}

TEST(CsvReader, EmptyFieldsAndEmptyLines) {
  auto p = Parse("a,b,c\n\n,,\n\"\",x,\n");
  EXPECT_EQ(p.records, (Rows{{"a", "b", "c"}, {"", "", ""}, {"", "x", ""}}));
  EXPECT_EQ(p.lines, (std::vector<std::int64_t>{1, 3, 4}));
}

TEST(CsvReader, RecordsLongerThanTheBufferAreJoined) {
  std::string big(1000, 'x');
  auto p = Parse("a,b\n" + big + ",\"" + big + "\"\n1,2\n", 64);
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[1][0], big);
  EXPECT_EQ(p.records[1][1], big);
  EXPECT_EQ(p.records[2], (std::vector<std::string>{"1", "2"}));
}

TEST(CsvReader, UnclosedQuoteIsAnError) {
  auto p = Parse("a,b\n1,\"open\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_NE(p.errors[1], "");
}

TEST(CsvReader, StrayQuoteInUnquotedFieldIsAnError) {
  auto p = Parse("a,b\n1,ab\"c\n");
  EXPECT_NE(p.errors[1], "");
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  auto p = Parse("a,b\n\"x\"y,1\n");
  EXPECT_NE(p.errors[1], "");
}

TEST(CsvReader, EmptyInputHasNoRecords) { EXPECT_TRUE(Parse("").records.empty()); }

TEST(CsvReader, HashCoversAllBytes) {
  std::string text = "a,b\n1,2\n";
  std::FILE* f = fmemopen(text.data(), text.size(), "rb");
  CsvReader reader(f, 64);
  CsvRecord rec;
  CsvError err;
  while (reader.Next(rec, err)) {
  }
  EXPECT_EQ(reader.bytes_read(), text.size());
  EXPECT_EQ(reader.Sha256Hex(), Sha256::Of(text));
  std::fclose(f);
}

// Issue 15 item 4: a record over 1 MiB is an error on its first line, returned
// as one empty field, and the records behind it keep their lines.
TEST(CsvReader, ARecordLongerThanOneMebibyteIsSkippedWithItsLine) {
  const std::string longest(kMaxRecordBytes - 2, 'x');  // with ",1": exactly the bound, accepted
  const std::string text = "a,b\n" + longest + ",1\n" + std::string(kMaxRecordBytes + 1, 'x') + ",1\n2,3\n\"" +
                           std::string(kMaxRecordBytes, 'y') + "\nz\",1\n4,5";
  for (std::size_t buffer : {std::size_t{64}, std::size_t{1} << 20, std::size_t{8} << 20}) {
    auto p = Parse(text, buffer);
    ASSERT_EQ(p.records.size(), 6u) << buffer;
    EXPECT_EQ(p.lines, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 7}));
    EXPECT_EQ(p.records[1][0], longest);
    EXPECT_EQ(p.errors[1], "");
    EXPECT_EQ(p.records[2], std::vector<std::string>{""});
    EXPECT_EQ(p.errors[2], "line 3 is longer than 1 MiB and is skipped (expected one row per line of at most "
                           "1,048,576 bytes: is this a CSV file?)");
    EXPECT_EQ(p.records[3], (std::vector<std::string>{"2", "3"}));
    EXPECT_EQ(p.records[4], std::vector<std::string>{""});
    EXPECT_NE(p.errors[4].find("the row from line 5 on is longer than 1 MiB"), std::string::npos) << p.errors[4];
    EXPECT_EQ(p.records[5], (std::vector<std::string>{"4", "5"}));
  }
}

TEST(CsvReader, AnUnclosedQuoteOverMoreThanOneMebibyteIsOneRecordTooLong) {
  auto p = Parse("a,b\n\"open," + std::string(3u << 20, 'x') + "\n1,2\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_NE(p.errors[1].find("the row from line 2 on is longer than 1 MiB"), std::string::npos) << p.errors[1];
}

// Issue 15 item 5: the separator of a delivery file is found in its header.
TEST(CsvReader, TheSeparatorIsDetectedFromTheFirstRecord) {
  auto dutch = Parse("a;b;\"c;d\"\n1;\"2,5\";3\n", 64, '\0');
  EXPECT_EQ(dutch.records, (Rows{{"a", "b", "c;d"}, {"1", "2,5", "3"}}));
  auto both = Parse("a;b,c\n1;2,3\n", 64, '\0');
  EXPECT_EQ(both.records, (Rows{{"a;b", "c"}, {"1;2", "3"}}));
  auto blank_first = Parse("  \n;;\na;b\n", 64, '\0');  // blank lines before the header decide nothing
  EXPECT_EQ(blank_first.records.back(), (std::vector<std::string>{"a", "b"}));
}

// A part of a file without quotes (the parallel reader's memory mode) is split
// in one pass per line (SplitToLineEnd, 16 bytes at a time): it must give the
// records, lines and errors of the stream reader, for separators and line ends
// on every position of a 16-byte block, CRLF, empty and "\r" lines, a missing
// final line break and a line over 1 MiB.
Parsed ParseQuoteFreePart(std::string text, char separator) {
  Parsed out;
  CsvReader reader(text.data(), text.data() + text.size(), 1, /*quote_free=*/true, separator);
  CsvRecord rec;
  CsvError err;
  while (reader.Next(rec, err)) {
    out.records.emplace_back(rec.fields.begin(), rec.fields.end());
    out.lines.push_back(rec.line);
    out.errors.push_back(err.message);
  }
  return out;
}

TEST(CsvReader, AQuoteFreePartSplitsAsTheStreamReader) {
  std::vector<std::string> texts = {"a,b,c\n1,2,3\n", "a,b\r\n1,2\r\n3,4", "\n\n,,\n\r\n,\r\nx", "", ",", "\r",
                                    std::string(kMaxRecordBytes + 1, 'x') + ",1\n2,3\n"};
  std::string wide;
  for (int width = 0; width < 40; ++width) {  // every field width, so separators fall on every block position
    for (int n = 1; n < 7; ++n) wide += std::string(static_cast<std::size_t>(width), 'a' + n) + (n < 6 ? "," : "");
    wide += width % 3 == 0 ? "\r\n" : "\n";
    if (width % 5 == 0) wide += "\n";
  }
  texts.push_back(wide);
  texts.push_back(wide.substr(0, wide.size() - 1));  // no final line break
  for (char separator : {',', ';'}) {
    for (std::string text : texts) {
      if (separator == ';') std::replace(text.begin(), text.end(), ',', ';');
      Parsed stream = Parse(text, 64, separator);
      Parsed part = ParseQuoteFreePart(text, separator);
      EXPECT_EQ(part.records, stream.records) << text.substr(0, 80);
      EXPECT_EQ(part.lines, stream.lines) << text.substr(0, 80);
      EXPECT_EQ(part.errors, stream.errors) << text.substr(0, 80);
    }
  }
  EXPECT_EQ(ParseQuoteFreePart("ab,cdefghijklmnopq,r\ns", ',').records, (Rows{{"ab", "cdefghijklmnopq", "r"}, {"s"}}));
}

}  // namespace
}  // namespace banenmonitor::data

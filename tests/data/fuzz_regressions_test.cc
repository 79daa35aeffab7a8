// Inputs that the fuzz targets (fuzz/, scripts/fuzz.sh) stopped on, kept as
// tests. fuzz_csv_reader-crash-b25b0fbf (one byte, 0x99: memory mode with an
// empty part) was a fault of the target itself (memchr on a null pointer); the
// reader's side of it, an empty part, is checked here.
#include <gtest/gtest.h>

#include "data/csv_reader.h"

namespace banenmonitor::data {
namespace {

TEST(FuzzRegressions, AnEmptyPartInMemoryHasNoRecords) {
  char byte = 'x';
  for (bool quote_free : {false, true}) {
    CsvReader reader(&byte, &byte, 1, quote_free);
    CsvRecord record;
    CsvError error;
    EXPECT_FALSE(reader.Next(record, error));
    EXPECT_TRUE(error.message.empty());
  }
}

}  // namespace
}  // namespace banenmonitor::data

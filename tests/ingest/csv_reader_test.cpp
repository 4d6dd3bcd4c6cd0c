#include "ticketlens/ingest/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ticketlens/ingest/byte_source.hpp"

namespace ticketlens::ingest {
namespace {

struct Record {
  std::int64_t line = 0;
  std::vector<std::string> fields;
  std::string error;
};

// Every record of `text`, copied out (views die at the next call), read `chunk` bytes at a time.
std::vector<Record> read_all(const std::string& text, std::size_t chunk) {
  auto source = memory_source(text, "test.csv");
  CsvReader reader(*source, chunk);
  std::vector<Record> out;
  CsvRecord record;
  while (reader.next(record)) {
    Record r;
    r.line = record.line;
    r.error = record.error;
    if (record.error.empty())
      for (auto f : record.fields) r.fields.emplace_back(f);
    out.push_back(std::move(r));
  }
  return out;
}

using Fields = std::vector<std::string>;

// Every case runs at several chunk sizes: records then straddle refills at every byte offset.
class CsvReaderTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  std::vector<Record> read(const std::string& text) const { return read_all(text, GetParam()); }
};

TEST_P(CsvReaderTest, ReadsPlainRecordsWithLineNumbers) {
  const auto r = read("a,b,c\n1,2,3\nx,,z\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(r[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(r[2].fields, (Fields{"x", "", "z"}));
  EXPECT_EQ(r[0].line, 1);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].line, 3);
}

TEST_P(CsvReaderTest, LastRecordWithoutNewline) {
  const auto r = read("a,b\n1,2");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].fields, (Fields{"1", "2"}));
}

TEST_P(CsvReaderTest, QuotedCommasNewlinesAndDoubledQuotes) {
  const auto r =
      read("id,text\n1,\"a, b\"\n2,\"line one\nline two\"\n3,\"say \"\"hi\"\" now\"\n4,\"\"\"\"\n");
  ASSERT_EQ(r.size(), 5u);
  for (const auto& rec : r) EXPECT_EQ(rec.error, "");
  EXPECT_EQ(r[1].fields, (Fields{"1", "a, b"}));
  EXPECT_EQ(r[2].fields, (Fields{"2", "line one\nline two"}));
  EXPECT_EQ(r[3].fields, (Fields{"3", "say \"hi\" now"}));
  EXPECT_EQ(r[4].fields, (Fields{"4", "\""}));
}

TEST_P(CsvReaderTest, SeveralDoubledQuoteFieldsInOneRecord) {
  const auto r = read("\"a\"\"1\",\"b\"\"2\",\"c\"\"\"\"3\"\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (Fields{"a\"1", "b\"2", "c\"\"3"}));
}

TEST_P(CsvReaderTest, EmptyQuotedFieldAndTrailingComma) {
  const auto r = read("\"\",x,\n\"\"\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"", "x", ""}));
  EXPECT_EQ(r[1].fields, (Fields{""}));
}

TEST_P(CsvReaderTest, TrailingCommaAtEndOfInput) {
  const auto r = read("a,b,");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b", ""}));
}

TEST_P(CsvReaderTest, CrlfLineEnds) {
  const auto r = read("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(r[1].fields, (Fields{"1", "x\r\ny"}));
  EXPECT_EQ(r[2].fields, (Fields{"2", "3"}));
  EXPECT_EQ(r[2].line, 4);
}

TEST_P(CsvReaderTest, CrlfAtEndOfInput) {
  const auto r = read("a,b\r\n1,2\r\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].fields, (Fields{"1", "2"}));
}

TEST_P(CsvReaderTest, LoneCarriageReturnEndsALine) {
  const auto r = read("a,b\r1,2\r\r3,\"x\ry\"\r4,5");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].fields, (Fields{"3", "x\ry"}));
  EXPECT_EQ(r[2].line, 4);
  EXPECT_EQ(r[3].fields, (Fields{"4", "5"}));
  EXPECT_EQ(r[3].line, 6);
}

TEST_P(CsvReaderTest, SkipsUtf8ByteOrderMark) {
  const auto r = read(
      "\xEF\xBB\xBF"
      "account_id,name\na1,Acme\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"account_id", "name"}));
  EXPECT_EQ(r[0].line, 1);
}

TEST_P(CsvReaderTest, ByteOrderMarkAloneIsAnEmptyFile) {
  EXPECT_TRUE(read("\xEF\xBB\xBF").empty());
}

TEST_P(CsvReaderTest, KeepsUtf8Text) {
  const auto r = read("name\n\"Café, Zürich\"\n日本語\n\xF0\x9F\x98\x80\n");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[1].fields, (Fields{"Café, Zürich"}));
  EXPECT_EQ(r[2].fields, (Fields{"日本語"}));
  EXPECT_EQ(r[3].fields, (Fields{"\xF0\x9F\x98\x80"}));
}

TEST_P(CsvReaderTest, InvalidUtf8IsAnErrorWithItsLine) {
  const auto r = read("a,b\n1,ok\n2,bad\xFF\n3,\"also\xC3\x28\"\n4,fine\n");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[1].error, "");
  EXPECT_NE(r[2].error.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(r[2].line, 3);
  EXPECT_NE(r[3].error.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(r[3].line, 4);
  EXPECT_EQ(r[4].error, "");
  EXPECT_EQ(r[4].fields, (Fields{"4", "fine"}));
}

TEST_P(CsvReaderTest, OverlongAndSurrogateUtf8AreInvalid) {
  for (const std::string bad :
       {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    const auto r = read("x\n" + bad + "\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_NE(r[1].error.find("invalid UTF-8"), std::string::npos);
  }
}

TEST_P(CsvReaderTest, EmptyFileHasNoRecords) {
  EXPECT_TRUE(read("").empty());
  EXPECT_TRUE(read("\n\n\r\n").empty());
}

TEST_P(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  const auto r = read("a\n\n\nb\r\n\r\nc");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].line, 1);
  EXPECT_EQ(r[1].line, 4);
  EXPECT_EQ(r[2].line, 6);
}

TEST_P(CsvReaderTest, LineNumbersAfterMultiLineQuotedFields) {
  const auto r = read("id,body\n1,\"one\ntwo\nthree\"\n2,x\n3,\"a\r\nb\"\n4,y\n");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].line, 5);
  EXPECT_EQ(r[3].line, 6);
  EXPECT_EQ(r[4].line, 8);
}

TEST_P(CsvReaderTest, UnterminatedQuoteIsAnErrorAtTheEnd) {
  const auto r = read("a,b\n1,\"never closed\n2,3\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_NE(r[1].error.find("unterminated"), std::string::npos);
}

TEST_P(CsvReaderTest, ResynchronisesAtACarriageReturnToo) {
  const auto r = read("\"x\"y,2\r\n3,4\r5,6");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NE(r[0].error, "");
  EXPECT_EQ(r[1].fields, (Fields{"3", "4"}));
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].fields, (Fields{"5", "6"}));
  EXPECT_EQ(r[2].line, 3);
}

TEST_P(CsvReaderTest, CharacterAfterClosingQuoteResynchronisesAtTheNextLine) {
  const auto r = read("a,b\n\"x\"y,2\n3,4\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NE(r[1].error.find("after a closing quote"), std::string::npos);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].error, "");
  EXPECT_EQ(r[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(r[2].line, 3);
}

TEST_P(CsvReaderTest, QuoteInsideUnquotedFieldIsLiteral) {
  const auto r = read("5\" screen,b\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (Fields{"5\" screen", "b"}));
}

TEST_P(CsvReaderTest, RecordLongerThanTheChunkGrowsTheBuffer) {
  const std::string longer(1000, 'x');
  const auto r = read("a," + longer + "\n\"" + longer + "\"\"" + longer + "\",b\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"a", longer}));
  EXPECT_EQ(r[1].fields, (Fields{longer + "\"" + longer, "b"}));
}

// Splitting every input at every byte is what a tiny chunk does; this checks that the records
// come out the same whatever the chunk size, on an input that mixes every feature.
TEST_P(CsvReaderTest, SameRecordsAsOneBigChunk) {
  const std::string text =
      "\xEF\xBB\xBFid,text,n\r\n1,\"a,\"\"b\"\"\r\nc\",3\r\n\r\n2,,\n3,\"\",\"x\"\n4,\"é\n\"\"\",9";
  const auto expected = read_all(text, kDefaultChunkSize);
  const auto got = read(text);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].line, expected[i].line) << i;
    EXPECT_EQ(got[i].fields, expected[i].fields) << i;
    EXPECT_EQ(got[i].error, expected[i].error) << i;
  }
  ASSERT_EQ(expected.size(), 5u);
  EXPECT_EQ(expected[1].fields, (Fields{"1", "a,\"b\"\r\nc", "3"}));
  EXPECT_EQ(expected[4].fields, (Fields{"4", "é\n\"", "9"}));
  EXPECT_EQ(expected[4].line, 7);
}

INSTANTIATE_TEST_SUITE_P(ChunkSizes, CsvReaderTest,
                         ::testing::Values(std::size_t{1}, std::size_t{2}, std::size_t{3},
                                           std::size_t{7}, std::size_t{64}, kDefaultChunkSize));

TEST(Utf8Test, ValidatesSequences) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("abcdefgh\xC3"));  // truncated after the fast path
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x41"));
}

}  // namespace
}  // namespace ticketlens::ingest

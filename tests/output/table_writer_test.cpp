#include "output/table_writer.h"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "output/hdf5_handle.h"
#include "output/output_error.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

class TableWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    QuietHdf5Errors();
    path_ = fs::temp_directory_path() /
            ("diplosim_table_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".h5");
    file_ = H5Handle(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    ASSERT_TRUE(file_.valid());
  }
  void TearDown() override {
    file_.Reset();
    fs::remove(path_);
  }

  // Re-opens the file read-only, so what is checked is what reached the disk.
  H5Handle Reopen() {
    file_.Reset();
    return H5Handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  }

  fs::path path_;
  H5Handle file_;
};

// A string column, stored as a netCDF character array (rows × characters of
// one byte, null-padded), read back as strings; *width is its character count.
std::vector<std::string> ReadStrings(hid_t file, const std::string& column, std::size_t* width) {
  H5Handle ds(H5Dopen2(file, column.c_str(), H5P_DEFAULT));
  EXPECT_TRUE(ds.valid());
  H5Handle type(H5Dget_type(ds.get()));
  EXPECT_EQ(H5Tget_class(type.get()), H5T_STRING);
  EXPECT_EQ(H5Tis_variable_str(type.get()), 0);
  EXPECT_EQ(H5Tget_size(type.get()), 1u);  // netCDF char; arrays of wider fixed strings crash netCDF-C < 4.9.1
  H5Handle space(H5Dget_space(ds.get()));
  EXPECT_EQ(H5Sget_simple_extent_ndims(space.get()), 2);
  hsize_t dims[2] = {0, 0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  *width = dims[1];
  std::vector<char> bytes(dims[0] * dims[1]);
  if (!bytes.empty()) {
    EXPECT_GE(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), 0);
  }
  std::vector<std::string> out;
  for (hsize_t r = 0; r < dims[0]; ++r) {
    std::string v(bytes.data() + r * dims[1], dims[1]);
    v.resize(v.find('\0') == std::string::npos ? v.size() : v.find('\0'));
    out.push_back(v);
  }
  EXPECT_EQ(ReadStringAttribute(ds.get(), "_Encoding"), "utf-8");
  // The character dimension is a netCDF dimension without a coordinate variable.
  H5Handle strlen_scale(H5Dopen2(file, (column + "_strlen").c_str(), H5P_DEFAULT));
  EXPECT_EQ(H5DSis_attached(ds.get(), strlen_scale.get(), 1), 1) << column;
  EXPECT_EQ(ReadStringAttribute(strlen_scale.get(), "NAME").rfind("This is a netCDF dimension but not a netCDF variable.", 0),
            0u);
  H5Handle scale_space(H5Dget_space(strlen_scale.get()));
  EXPECT_EQ(static_cast<hsize_t>(H5Sget_simple_extent_npoints(scale_space.get())), dims[1]);
  return out;
}

std::vector<long long> ReadInts(hid_t file, const std::string& column) {
  H5Handle ds(H5Dopen2(file, column.c_str(), H5P_DEFAULT));
  H5Handle space(H5Dget_space(ds.get()));
  std::vector<long long> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  EXPECT_GE(H5Dread(ds.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), 0);
  return out;
}

// The dimension scale attached to the column, and the scale's list of the datasets using it.
void ExpectAttachedOnce(hid_t file, const std::string& column, const std::string& scale) {
  H5Handle ds(H5Dopen2(file, column.c_str(), H5P_DEFAULT));
  H5Handle dim(H5Dopen2(file, scale.c_str(), H5P_DEFAULT));
  EXPECT_EQ(H5DSis_attached(ds.get(), dim.get(), 0), 1) << column;
  EXPECT_EQ(H5DSget_num_scales(ds.get(), 0), 1) << column;
}

// Rows over three flushes (two full chunks and a partial one) with empty, long
// and multi-byte values: the character dimension grows to the longest value
// and every earlier row reads back unchanged.
TEST_F(TableWriterTest, RowsRoundTripAsTheCharacterDimensionGrows) {
  std::vector<std::string> names, notes;
  const std::string long_utf8 = std::string(100, 'x') + "Ḥamāh, الرقة, Алеппо" + std::string(150, 'y');
  for (int r = 0; r < 9000; ++r) {
    names.push_back(r % 7 == 0 ? "" : "n" + std::to_string(r % 5));           // 2 bytes until row 5000
    notes.push_back(r < 4096 ? "ab" : r < 8192 ? "a bit longer note" : "c");  // grows at the second flush
  }
  names[5000] = std::string(40, 'w');
  names[8500] = long_utf8;  // grows at the third flush
  {
    TableWriter table(file_.get(), "log", "row",
                      {{"replicate", TableWriter::Type::kInt, {}},
                       {"name", TableWriter::Type::kString, {{"long_name", "what happened"}}},
                       {"note", TableWriter::Type::kString, {}}});
    for (int r = 0; r < 9000; ++r) {
      table.Int(r);
      table.String(names[r]);
      table.String(notes[r]);
      table.EndRow();
    }
    table.Flush();
    EXPECT_EQ(table.rows(), 9000);
    EXPECT_EQ(table.width(1), long_utf8.size());
    EXPECT_EQ(table.width(2), 17u);
  }
  H5Handle f = Reopen();
  ASSERT_TRUE(f.valid());
  std::size_t width = 0;
  EXPECT_EQ(ReadStrings(f.get(), "log/name", &width), names);
  EXPECT_EQ(width, long_utf8.size());
  EXPECT_EQ(ReadStrings(f.get(), "log/note", &width), notes);
  EXPECT_EQ(width, 17u);
  std::vector<long long> expected(9000);
  for (int r = 0; r < 9000; ++r) expected[r] = r;
  EXPECT_EQ(ReadInts(f.get(), "log/replicate"), expected);
  EXPECT_EQ(ReadInts(f.get(), "log/row"), expected);
  for (const char* column : {"log/replicate", "log/name", "log/note"}) ExpectAttachedOnce(f.get(), column, "log/row");
  H5Handle name(H5Dopen2(f.get(), "log/name", H5P_DEFAULT));
  EXPECT_EQ(ReadStringAttribute(name.get(), "long_name"), "what happened");
}

// One very long value (a negotiation listing thousands of actors) widens the
// column; it is written in chunk-wide bands of characters and reads back whole.
TEST_F(TableWriterTest, VeryLongValuesReadBackWhole) {
  std::vector<std::string> values(1000, "short");
  values[10] = std::string(50000, 'a');
  values[999] = "last";
  {
    TableWriter table(file_.get(), "log", "row", {{"actors", TableWriter::Type::kString, {}}});
    for (const auto& v : values) {
      table.String(v);
      table.EndRow();
    }
    table.Flush();
  }
  H5Handle f = Reopen();
  std::size_t width = 0;
  EXPECT_EQ(ReadStrings(f.get(), "log/actors", &width), values);
  EXPECT_EQ(width, 50000u);
}

// Numbers with random bits: deflate cannot shrink their chunk, which is then
// stored shuffled but not deflated (its filter mask says so) and reads back.
TEST_F(TableWriterTest, NumbersDeflateCannotShrinkReadBack) {
  std::mt19937_64 gen(5);
  std::vector<double> values(5000);
  for (double& v : values) {
    const std::uint64_t bits = gen();  // every byte random, NaNs too: compared bit for bit
    std::memcpy(&v, &bits, sizeof v);
  }
  {
    TableWriter table(file_.get(), "log", "row", {{"value", TableWriter::Type::kDouble, {}}});
    for (double v : values) {
      table.Double(v);
      table.EndRow();
    }
    table.Flush();
  }
  H5Handle f = Reopen();
  H5Handle ds(H5Dopen2(f.get(), "log/value", H5P_DEFAULT));
  ASSERT_TRUE(ds.valid());
  std::vector<double> back(values.size());
  ASSERT_GE(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()), 0);
  EXPECT_EQ(std::memcmp(back.data(), values.data(), values.size() * sizeof(double)), 0);
  hsize_t first[1] = {0};
  std::uint32_t mask = 0;
  ASSERT_GE(H5Dget_chunk_info_by_coord(ds.get(), first, &mask, nullptr, nullptr), 0);
  EXPECT_EQ(mask, 2u);  // shuffle applied, deflate skipped
}

// Only the last chunk may be partial: rows after it are refused, not misplaced.
TEST_F(TableWriterTest, RowsAfterAPartialFlushAreRefused) {
  TableWriter table(file_.get(), "log", "row", {{"replicate", TableWriter::Type::kInt, {}}});
  table.Int(1);
  table.EndRow();
  table.Flush();
  table.Int(2);
  table.EndRow();
  EXPECT_THROW(table.Flush(), OutputError);
}

TEST_F(TableWriterTest, EmptyTableHasItsColumns) {
  { TableWriter table(file_.get(), "log", "row", {{"name", TableWriter::Type::kString, {}}}); }
  H5Handle f = Reopen();
  std::size_t width = 0;
  EXPECT_TRUE(ReadStrings(f.get(), "log/name", &width).empty());
  EXPECT_EQ(width, 1u);
  ExpectAttachedOnce(f.get(), "log/name", "log/row");
}

}  // namespace
}  // namespace diplosim

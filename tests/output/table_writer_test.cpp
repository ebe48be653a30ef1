#include "output/table_writer.h"

#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <filesystem>
#include <string>
#include <vector>

#include "output/hdf5_handle.h"

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

// A string column, read as variable-length UTF-8 strings.
std::vector<std::string> ReadStrings(hid_t file, const std::string& column) {
  H5Handle ds(H5Dopen2(file, column.c_str(), H5P_DEFAULT));
  EXPECT_TRUE(ds.valid());
  H5Handle type(H5Dget_type(ds.get()));
  EXPECT_EQ(H5Tget_class(type.get()), H5T_STRING);
  EXPECT_GT(H5Tis_variable_str(type.get()), 0);  // netCDF-C < 4.9.1 crashes on fixed-length string arrays
  EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8);
  H5Handle space(H5Dget_space(ds.get()));
  const auto rows = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  if (rows == 0) return {};
  std::vector<char*> ptrs(rows, nullptr);
  H5Handle mem = Utf8StringType();
  EXPECT_GE(H5Dread(ds.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), 0);
  std::vector<std::string> out;
  for (char* p : ptrs) out.push_back(p ? p : "");
  EXPECT_GE(H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data()), 0);
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

// Rows over three flushes (two full chunks and a partial one), with empty,
// long and multi-byte values, come back exactly, every column on the row scale.
TEST_F(TableWriterTest, RowsRoundTripOverSeveralFlushes) {
  std::vector<std::string> names, notes;
  const std::string long_utf8 = std::string(100, 'x') + "Ḥamāh, الرقة, Алеппо" + std::string(150, 'y');
  for (int r = 0; r < 9000; ++r) {
    names.push_back(r % 7 == 0 ? "" : "n" + std::to_string(r % 5));
    notes.push_back(r < 4096 ? "ab" : r < 8192 ? "a bit longer note" : "c");
  }
  names[5000] = std::string(40, 'w');
  names[8500] = long_utf8;
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
  }
  H5Handle f = Reopen();
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(ReadStrings(f.get(), "log/name"), names);
  EXPECT_EQ(ReadStrings(f.get(), "log/note"), notes);
  std::vector<long long> expected(9000);
  for (int r = 0; r < 9000; ++r) expected[r] = r;
  EXPECT_EQ(ReadInts(f.get(), "log/replicate"), expected);
  EXPECT_EQ(ReadInts(f.get(), "log/row"), expected);
  for (const char* column : {"log/replicate", "log/name", "log/note"}) ExpectAttachedOnce(f.get(), column, "log/row");
  H5Handle name(H5Dopen2(f.get(), "log/name", H5P_DEFAULT));
  EXPECT_EQ(ReadStringAttribute(name.get(), "long_name"), "what happened");
}

TEST_F(TableWriterTest, EmptyTableHasItsColumns) {
  { TableWriter table(file_.get(), "log", "row", {{"name", TableWriter::Type::kString, {}}}); }
  H5Handle f = Reopen();
  EXPECT_TRUE(ReadStrings(f.get(), "log/name").empty());
  ExpectAttachedOnce(f.get(), "log/name", "log/row");
}

}  // namespace
}  // namespace diplosim

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

// Column `name` of group `group`, read with its own (fixed-length) file type.
std::vector<std::string> ReadStrings(hid_t file, const std::string& column, std::size_t* width) {
  H5Handle ds(H5Dopen2(file, column.c_str(), H5P_DEFAULT));
  EXPECT_TRUE(ds.valid());
  H5Handle type(H5Dget_type(ds.get()));
  EXPECT_EQ(H5Tget_class(type.get()), H5T_STRING);
  EXPECT_EQ(H5Tis_variable_str(type.get()), 0);
  EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8);
  *width = H5Tget_size(type.get());
  H5Handle space(H5Dget_space(ds.get()));
  const auto rows = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  std::vector<char> bytes(rows * *width);
  EXPECT_GE(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), 0);
  std::vector<std::string> out;
  for (std::size_t r = 0; r < rows; ++r) {
    std::string s(bytes.data() + r * *width, *width);
    s.resize(s.find('\0') == std::string::npos ? *width : s.find('\0'));
    out.push_back(s);
  }
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

// Strings whose longest grows over three flushes: the column is rewritten
// wider each time and every earlier row survives byte for byte.
TEST_F(TableWriterTest, StringColumnsWidenWithoutLosingRows) {
  std::vector<std::string> names, notes;
  const std::string long_utf8 = std::string(100, 'x') + "Ḥamāh, الرقة, Алеппо" + std::string(150, 'y');
  for (int r = 0; r < 9000; ++r) {
    names.push_back(r % 7 == 0 ? "" : "n" + std::to_string(r % 5));           // widest 2 bytes until row 5000
    notes.push_back(r < 4096 ? "ab" : r < 8192 ? "a bit longer note" : "c");  // grows at the second flush
  }
  names[5000] = std::string(40, 'w');
  names[8500] = long_utf8;  // multi-byte characters, grows at the third flush
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
    EXPECT_EQ(table.width(1), long_utf8.size());  // never truncated; at most twice the longest
    EXPECT_EQ(table.width(2), 17u);
    EXPECT_EQ(table.width(0), 0u);
  }
  H5Handle f = Reopen();
  ASSERT_TRUE(f.valid());
  std::size_t width = 0;
  EXPECT_EQ(ReadStrings(f.get(), "log/name", &width), names);
  EXPECT_EQ(width, long_utf8.size());
  EXPECT_EQ(ReadStrings(f.get(), "log/note", &width), notes);
  std::vector<long long> expected(9000);
  for (int r = 0; r < 9000; ++r) expected[r] = r;
  EXPECT_EQ(ReadInts(f.get(), "log/replicate"), expected);
  EXPECT_EQ(ReadInts(f.get(), "log/row"), expected);
  for (const char* column : {"log/replicate", "log/name", "log/note"}) ExpectAttachedOnce(f.get(), column, "log/row");
  // Attributes survive the rewrite; the temporary column does not.
  H5Handle name(H5Dopen2(f.get(), "log/name", H5P_DEFAULT));
  EXPECT_EQ(ReadStringAttribute(name.get(), "long_name"), "what happened");
  EXPECT_EQ(ReadStringAttribute(name.get(), "_Encoding"), "utf-8");
  H5G_info_t info;
  ASSERT_GE(H5Gget_info_by_name(f.get(), "log", &info, H5P_DEFAULT), 0);
  EXPECT_EQ(info.nlinks, 4u);  // row, replicate, name, note
}

// A very long value (a negotiation among hundreds of actors lists them all)
// makes the column wide; its chunks then hold fewer rows, so neither a chunk
// nor the buffer that fills it grows past about a MiB.
TEST_F(TableWriterTest, WideColumnsKeepChunksSmall) {
  std::vector<std::string> values(1000, "short");
  values[10] = std::string(20000, 'a');
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
  EXPECT_EQ(width, 20000u);
  H5Handle ds(H5Dopen2(f.get(), "log/actors", H5P_DEFAULT));
  H5Handle props(H5Dget_create_plist(ds.get()));
  hsize_t chunk[1] = {0};
  ASSERT_EQ(H5Pget_chunk(props.get(), 1, chunk), 1);
  EXPECT_EQ(chunk[0], (1u << 20) / 20000u);  // 52 rows of 20,000 bytes
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

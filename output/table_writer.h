#pragma once

#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/hdf5_handle.h"

namespace diplosim {

// A table stored as one HDF5 group of equal-length 1-D columns sharing a
// dimension (so xarray opens the group as a Dataset along `dim`). Rows are
// buffered and appended to extendible, chunked datasets.
//
// Rows are appended a whole chunk at a time (the last one padded), which
// TableWriter encodes itself for H5Dwrite_chunk; readers decode them through
// the datasets' own filter pipeline.
//
// String columns are netCDF character arrays: a 2-D dataset of bytes (row ×
// `<column>_strlen`, null-padded UTF-8, `_Encoding = "utf-8"`), which xarray
// decodes to str and every netCDF-C reads. Variable-length strings cost one
// global-heap object each (the tables took as long to write as the simulation);
// 1-D fixed-length strings crash netCDF-C before 4.9.1. The second dimension is
// extendible and grows to the longest value, so nothing is truncated or copied.
class TableWriter {
 public:
  enum class Type { kInt, kDouble, kString };
  struct Column {
    std::string name;
    Type type;
    std::vector<std::pair<std::string, std::string>> attributes;  // e.g. units
  };

  TableWriter(hid_t parent, const std::string& group, const std::string& dim, std::vector<Column> columns);

  void Int(long long v) { ints_[next_col_++].push_back(v); }
  void Double(double v) { doubles_[next_col_++].push_back(v); }
  void String(std::string_view v) {
    StringColumn& column = strings_[next_col_++];
    column.chars.insert(column.chars.end(), v.begin(), v.end());
    column.ends.push_back(column.chars.size());
  }
  void EndRow();
  // Appends buffered rows to the file. Whole chunks are flushed by EndRow; a
  // call with a partial chunk buffered ends the table (OutputError if rows follow).
  void Flush();
  long long rows() const { return written_ + pending_; }
  // Bytes per value of string column `c` in the file (0 for other types).
  std::size_t width(std::size_t c) const { return widths_[c]; }

 private:
  void WriteStrings(std::size_t c, hsize_t offset, hsize_t count);

  H5Handle group_;
  H5Handle dim_scale_;
  std::vector<Column> columns_;
  std::vector<H5Handle> datasets_;
  std::vector<H5Handle> length_scales_;  // per string column: its character dimension
  std::vector<std::size_t> widths_;
  // Per column, only the buffer matching its type is used.
  std::vector<std::vector<long long>> ints_;
  std::vector<std::vector<double>> doubles_;
  // A string column's buffered values, end to end, without one allocation per value.
  struct StringColumn {
    std::vector<char> chars;
    std::vector<std::size_t> ends;  // value k is chars[ends[k − 1], ends[k])
  };
  std::vector<StringColumn> strings_;
  std::vector<unsigned char> chunk_;   // one chunk being encoded
  std::vector<unsigned char> packed_;  // its deflate stream
  std::size_t next_col_ = 0;
  long long written_ = 0;
  long long pending_ = 0;
};

}  // namespace diplosim

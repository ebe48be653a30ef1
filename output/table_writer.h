#pragma once

#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

#include "output/hdf5_handle.h"

namespace diplosim {

// A table stored as one HDF5 group of equal-length 1-D columns sharing a
// dimension (so xarray opens the group as a Dataset along `dim`). Rows are
// buffered and appended to extendible, chunked datasets.
//
// String columns are fixed-length UTF-8 (null-padded, `_Encoding = "utf-8"`,
// which xarray decodes to str): variable-length strings cost a global-heap
// object each and made the tables slower to write than the simulation. A column
// starts one byte wide and is rewritten at least twice as wide when a longer
// string arrives, so the width is the longest string's, never truncated.
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
  void String(std::string v) { strings_[next_col_++].push_back(std::move(v)); }
  void EndRow();
  // Appends buffered rows to the file.
  void Flush();
  long long rows() const { return written_ + pending_; }
  // Bytes per value of string column `c` in the file (0 for other types).
  std::size_t width(std::size_t c) const { return widths_[c]; }

 private:
  H5Handle CreateColumn(std::size_t c, const std::string& link_name);
  // Replaces string column c by a copy `width` bytes wide holding the rows written so far.
  void Widen(std::size_t c, std::size_t width);

  H5Handle group_;
  H5Handle dim_scale_;
  std::vector<Column> columns_;
  std::vector<H5Handle> datasets_;
  std::vector<std::size_t> widths_;
  // Per column, only the buffer matching its type is used.
  std::vector<std::vector<long long>> ints_;
  std::vector<std::vector<double>> doubles_;
  std::vector<std::vector<std::string>> strings_;
  std::vector<char> packed_;  // string column being written, width bytes per row
  std::size_t next_col_ = 0;
  long long written_ = 0;
  long long pending_ = 0;
};

}  // namespace diplosim

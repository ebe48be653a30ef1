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
  void String(std::string v) { strings_[next_col_++].push_back(std::move(v)); }
  void EndRow();
  // Appends buffered rows to the file.
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
  std::vector<std::vector<std::string>> strings_;
  std::vector<char> packed_;  // a block of one string column's rows, width bytes each
  std::size_t next_col_ = 0;
  long long written_ = 0;
  long long pending_ = 0;
};

}  // namespace diplosim

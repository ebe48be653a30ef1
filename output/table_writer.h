#pragma once

#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

#include "output/hdf5_handle.h"

namespace diplosim {

// A table stored as one HDF5 group of equal-length 1-D columns sharing a
// dimension (so xarray opens the group as a Dataset along `dim`). Rows are
// buffered and appended to extendible, chunked datasets. Strings are
// variable-length UTF-8: fixed-length ones were 5× faster to write, but
// netCDF-C before 4.9.1 (Debian 12's ncdump, R's ncdf4) crashes reading them.
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

 private:
  H5Handle group_;
  H5Handle dim_scale_;
  std::vector<Column> columns_;
  std::vector<H5Handle> datasets_;
  // Per column, only the buffer matching its type is used.
  std::vector<std::vector<long long>> ints_;
  std::vector<std::vector<double>> doubles_;
  std::vector<std::vector<std::string>> strings_;
  std::size_t next_col_ = 0;
  long long written_ = 0;
  long long pending_ = 0;
};

}  // namespace diplosim

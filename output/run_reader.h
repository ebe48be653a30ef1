#pragma once

#include <memory>
#include <string>
#include <vector>

namespace diplosim {

// Reads a result file back (for `diplosim info` and the tests). Opening checks
// that the file is a diplosim result of a format version this build reads.
class RunReader {
 public:
  explicit RunReader(const std::string& path);
  ~RunReader();

  struct Array {
    std::vector<unsigned long long> shape;
    std::vector<double> values;  // row-major
  };

  std::string StringAttribute(const std::string& name) const;
  long long IntAttribute(const std::string& name) const;
  bool HasAttribute(const std::string& name) const;
  bool HasDataset(const std::string& path) const;
  std::vector<std::string> Strings(const std::string& dataset) const;
  std::vector<long long> Ints(const std::string& dataset) const;
  Array Doubles(const std::string& dataset) const;
  // Names of the datasets at the root with at least two axes (the variables).
  std::vector<std::string> Variables() const;
  std::vector<std::string> DimensionNames(const std::string& dataset) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace diplosim

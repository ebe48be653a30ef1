#include <gtest/gtest.h>
#include <hdf5.h>

#include <string>

#include "output/hdf5_handle.h"

namespace diplosim {
namespace {

// Pushes the error HDF5's sec2 driver records when flock fails.
void PushLockFailure(const std::string& message) {
  H5Epush2(H5E_DEFAULT, __FILE__, "H5FD_sec2_lock", __LINE__, H5E_ERR_CLS, H5E_VFL, H5E_CANTLOCKFILE, "%s",
           message.c_str());
}

TEST(FileLockProblem, NamesAHeldLockAndARefusedOneAndNothingElse) {
  QuietHdf5Errors();
  H5Eclear2(H5E_DEFAULT);
  EXPECT_EQ(FileLockProblem(), "");

  PushLockFailure("unable to lock file, errno = 11, error message = 'Resource temporarily unavailable'");
  const std::string held = FileLockProblem();
  EXPECT_EQ(held.rfind("another process has it open for writing (HDF5's file lock: unable to lock file, errno = 11", 0),
            0u)
      << held;

  H5Eclear2(H5E_DEFAULT);
  PushLockFailure("unable to lock file, errno = 37, error message = 'No locks available'");
  const std::string refused = FileLockProblem();
  EXPECT_NE(refused.find("its file system refused HDF5's file lock"), std::string::npos) << refused;
  EXPECT_NE(refused.find("HDF5_USE_FILE_LOCKING=FALSE"), std::string::npos) << refused;

  H5Eclear2(H5E_DEFAULT);
  H5Epush2(H5E_DEFAULT, __FILE__, "H5F_open", __LINE__, H5E_ERR_CLS, H5E_FILE, H5E_CANTOPENFILE, "%s",
           "unable to open file: name = 'x.h5', errno = 2");
  EXPECT_EQ(FileLockProblem(), "");
  H5Eclear2(H5E_DEFAULT);
}

// A lock held against us needs a second process: tested end to end (test_cli_errors.py).
TEST(FileLockProblem, ReadsTheStackLeftByARealFailedOpen) {
  QuietHdf5Errors();
  const H5Handle fapl = InputFileAccess();
  const hid_t id = H5Fopen("/nonexistent/diplosim.h5", H5F_ACC_RDONLY, fapl.get());
  EXPECT_LT(id, 0);
  EXPECT_EQ(FileLockProblem(), "");  // not found is no lock problem, and the walk copes with a real stack
}

// Any other failure to create or open a file is named in the system's words.
TEST(OpenFailureReason, GivesTheSystemsMessageOrTheLockProblem) {
  QuietHdf5Errors();
  H5Eclear2(H5E_DEFAULT);
  EXPECT_EQ(OpenFailureReason(), "");
  {
    const H5Handle fapl = OutputFileAccess();
    const hid_t id = H5Fcreate("/nonexistent/diplosim.h5", H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get());
    EXPECT_LT(id, 0);
    EXPECT_EQ(OpenFailureReason(), "No such file or directory");
  }
  H5Eclear2(H5E_DEFAULT);
  PushLockFailure("unable to lock file, errno = 11, error message = 'Resource temporarily unavailable'");
  EXPECT_EQ(OpenFailureReason(), FileLockProblem());
  EXPECT_NE(OpenFailureReason().find("another process has it open"), std::string::npos);
  H5Eclear2(H5E_DEFAULT);
  // A description that opens a quote and never closes it gives nothing rather than a torn word.
  H5Epush2(H5E_DEFAULT, __FILE__, "H5FD_sec2_open", __LINE__, H5E_ERR_CLS, H5E_VFL, H5E_CANTOPENFILE, "%s",
           "unable to open file: name = 'x.h5', errno = 13, error message = 'Permission den");
  EXPECT_EQ(OpenFailureReason(), "");
  H5Eclear2(H5E_DEFAULT);
}

}  // namespace
}  // namespace diplosim

// Output files are written atomically: a failed or interrupted write never leaves a half-written
// target, and concurrent writers never interleave.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace {

using materia_test::slurp;

namespace fs = std::filesystem;

// A fresh, empty directory per test, removed afterwards.
class AtomicWrite : public ::testing::Test {
 protected:
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  const materia_test::ScratchDir scratch_;
  const fs::path& dir_ = scratch_.path();
};

TEST_F(AtomicWrite, MissingDirectoryIsAnInputErrorNamingTheFile) {
  const std::string path = (dir_ / "no-such-dir" / "out.json").string();
  try {
    materia::write_file_atomic(path, "{}");
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_EQ(std::string(e.what()), path + ": cannot write: No such file or directory");
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicWrite, ParentThatIsAFileIsAnInputError) {
  std::ofstream(dir_ / "plain") << "x";
  const std::string path = (dir_ / "plain" / "out.json").string();
  try {
    materia::write_file_atomic(path, "{}");
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot write: Not a directory");
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"plain"});
}

TEST_F(AtomicWrite, ReplacesAnExistingFileWhole) {
  std::ofstream(dir_ / "out.json") << "old content that is longer than the new";
  materia::write_file_atomic((dir_ / "out.json").string(), "new");
  EXPECT_EQ(slurp(dir_ / "out.json"), "new");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

// A target that is not a regular file (a pipe here; /dev/null or /dev/stdout in use) is
// written as it is: renaming a temporary onto it would replace the pipe with a file.
TEST_F(AtomicWrite, WritesIntoAPipeInsteadOfReplacingIt) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  materia::write_file_atomic(fifo.string(), "through the pipe");
  reader.join();
  EXPECT_EQ(received, "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));
  EXPECT_EQ(entries(), std::vector<std::string>{"pipe"});
}

TEST_F(AtomicWrite, ALinkStaysALinkAndItsFileIsReplaced) {
  std::ofstream(dir_ / "real.json") << "old";
  fs::create_symlink("real.json", dir_ / "link.json");
  materia::write_file_atomic((dir_ / "link.json").string(), "new");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir_ / "link.json")));
  EXPECT_EQ(slurp(dir_ / "real.json"), "new");
  EXPECT_EQ(entries(), (std::vector<std::string>{"link.json", "real.json"}));
}

TEST_F(AtomicWrite, ADirectoryIsAnInputErrorAndStaysADirectory) {
  fs::create_directory(dir_ / "out.json");
  const std::string path = (dir_ / "out.json").string();
  try {
    materia::write_file_atomic(path, "{}");
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_EQ(std::string(e.what()), path + ": is a directory, not a file");
  }
  EXPECT_TRUE(fs::is_directory(dir_ / "out.json"));
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

// A full disk, simulated with a file size limit in a child process (SIGXFSZ ignored, so write()
// fails with EFBIG as it would with ENOSPC): the error is reported, the old file is intact and
// no temporary file is left behind.
TEST_F(AtomicWrite, FullDiskKeepsTheOldFileAndLeavesNoTemporary) {
  const fs::path target = dir_ / "out.json";
  std::ofstream(target) << "previous result\n";
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      materia::write_file_atomic(target.string(), std::string(1 << 20, 'x'));
      ::_exit(10);  // no error: wrong
    } catch (const materia::Error& e) {
      bool expected =
          std::string(e.what()) == target.string() + ": cannot write the whole file (disk full?)";
      ::_exit(expected ? 0 : 11);
    } catch (...) {
      ::_exit(12);
    }
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: no error, 11: wrong message, 12: other exception";
  EXPECT_EQ(slurp(target), "previous result\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.json"});
}

// Threads writing the same file each use their own temporary: the result is one writer's content,
// whole, never a mixture.
TEST_F(AtomicWrite, ConcurrentWritersNeverInterleave) {
  const std::string target = (dir_ / "out.txt").string();
  constexpr int kWriters = 8;
  std::vector<std::string> contents;
  for (int i = 0; i < kWriters; ++i)
    contents.emplace_back(std::size_t{1} << 18, static_cast<char>('a' + i));
  for (int round = 0; round < 5; ++round) {
    std::vector<std::thread> writers;
    std::vector<std::string> errors(kWriters);
    for (int i = 0; i < kWriters; ++i)
      writers.emplace_back([&, i] {
        try {
          materia::write_file_atomic(target, contents[i]);
        } catch (const std::exception& e) {
          errors[i] = e.what();  // a shared temporary makes a rename fail or mixes contents
        }
      });
    for (auto& writer : writers)
      writer.join();
    for (const auto& error : errors)
      EXPECT_EQ(error, "") << "round " << round;
    std::string result = slurp(target);
    EXPECT_NE(std::find(contents.begin(), contents.end(), result), contents.end())
        << "round " << round << ": mixed content";
    EXPECT_EQ(entries(), std::vector<std::string>{"out.txt"});
  }
}

#ifdef MATERIA_CLI_PATH
// The CLI killed in the middle of writing (SIGXFSZ at 4 KiB, as an abrupt kill would be) never
// leaves a half-written output: the previous file is untouched.
TEST_F(AtomicWrite, InterruptedCliWriteLeavesThePreviousOutput) {
  const fs::path target = dir_ / "result.json";
  std::ofstream(target) << "previous result\n";
  std::string command = "ulimit -f 4; exec " + std::string(MATERIA_CLI_PATH) +
                        " analyze --sample fintech-2024 --format json -o " + target.string() +
                        " 2>/dev/null";
  int status = std::system(("sh -c '" + command + "'").c_str());
  ASSERT_NE(status, 0) << "the write should have been interrupted";
  EXPECT_EQ(slurp(target), "previous result\n");
  // Without the interruption the same command writes the whole result.
  status = std::system((std::string(MATERIA_CLI_PATH) +
                        " analyze --sample fintech-2024 --format json -o " + target.string())
                           .c_str());
  ASSERT_EQ(status, 0);
  EXPECT_GT(slurp(target).size(), 4096u);
  EXPECT_EQ(slurp(target).back(), '\n');
}

TEST_F(AtomicWrite, CliOutputIntoAMissingDirectoryExitsWith3) {
  const std::string target = (dir_ / "missing" / "result.json").string();
  std::string command = std::string(MATERIA_CLI_PATH) +
                        " analyze --sample fintech-2024 --format csv -o " + target + " 2> " +
                        (dir_ / "err").string();
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
  EXPECT_EQ(slurp(dir_ / "err"),
            "materia: error: " + target + ": cannot write: No such file or directory\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"err"});
}
#endif

}  // namespace

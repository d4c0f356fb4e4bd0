//===- LineEditorTest.cpp - The line input of `dgm repl` ------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The parts that need no terminal: plain lines from a stream, file-name
// completion, the history file's location. The libedit reader is driven
// through a real pseudo-terminal by test/dgm/repl-pty.test and by the
// line-editor-pty test here (line-editor-demo).
//
//===----------------------------------------------------------------------===//

#include "LineEditor.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

using namespace dgm::cli;
namespace fs = std::filesystem;

namespace {

/// A FILE* reading `text` (fmemopen keeps NUL-free text as is).
struct MemoryFile {
  explicit MemoryFile(const std::string &text) : text(text) {
    file = fmemopen(this->text.data(), this->text.size(), "r");
  }
  ~MemoryFile() {
    if (file)
      std::fclose(file);
  }
  std::string text;
  std::FILE *file = nullptr;
};

std::vector<std::string> readAll(const std::string &text) {
  MemoryFile in(text);
  EXPECT_NE(in.file, nullptr);
  auto reader = createStreamLineReader(in.file);
  EXPECT_FALSE(reader->interactive());
  std::vector<std::string> lines;
  while (std::optional<std::string> line = reader->readLine("dgm> "))
    lines.push_back(*line);
  // Still at the end when asked again.
  EXPECT_EQ(reader->readLine("dgm> "), std::nullopt);
  return lines;
}

using Lines = std::vector<std::string>;

TEST(StreamLineReader, Lines) {
  EXPECT_EQ(readAll(":help\n:load m.dgm\n"), (Lines{":help", ":load m.dgm"}));
}

TEST(StreamLineReader, EmptyLinesAreLines) {
  EXPECT_EQ(readAll("a\n\n\nb\n"), (Lines{"a", "", "", "b"}));
}

TEST(StreamLineReader, CRLF) {
  EXPECT_EQ(readAll(":help\r\n:quit\r\n"), (Lines{":help", ":quit"}));
}

TEST(StreamLineReader, LastLineWithoutNewline) {
  EXPECT_EQ(readAll("a\n:quit"), (Lines{"a", ":quit"}));
}

TEST(StreamLineReader, EmptyInputIsEOF) { EXPECT_EQ(readAll(""), Lines{}); }

TEST(StreamLineReader, SpacesKept) {
  EXPECT_EQ(readAll("  x = 1  \n"), (Lines{"  x = 1  "}));
}

TEST(StreamLineReader, AddHistoryIsHarmless) {
  MemoryFile in("a\nb\n");
  auto reader = createStreamLineReader(in.file);
  EXPECT_EQ(reader->readLine(""), "a");
  reader->addHistory("a");
  EXPECT_EQ(reader->readLine(""), "b");
}

TEST(EditLineReader, NotATerminalFallsBackToStream) {
  // ctest runs without a terminal on standard input; then the "editing"
  // reader must not be libedit.
  if (isatty(STDIN_FILENO))
    GTEST_SKIP() << "standard input is a terminal";
  auto reader = createEditLineReader("", nullptr);
  EXPECT_FALSE(reader->interactive());
}

/// The line after TAB, given the text before the cursor.
std::string afterTab(std::string_view before, const Lines &candidates) {
  CompletionEdit edit = planCompletion(before, candidates);
  EXPECT_LE(edit.replace, before.size());
  return std::string(before.substr(0, before.size() - edit.replace)) +
         edit.insert;
}

TEST(Completion, OneCandidateGetsASpace) {
  EXPECT_EQ(afterTab(":he", {":help"}), ":help ");
  EXPECT_EQ(afterTab(":load m.dgm", {"m.dgm"}), ":load m.dgm ");
}

TEST(Completion, FolderGetsNoSpace) {
  EXPECT_EQ(afterTab(":load mo", {"models/"}), ":load models/");
}

TEST(Completion, SeveralGiveTheirCommonPrefix) {
  CompletionEdit edit = planCompletion(":set BET", {"BETAET", "BETA"});
  EXPECT_EQ(edit.replace, 3u);
  EXPECT_EQ(edit.insert, "BETA");
  EXPECT_EQ(edit.candidates, (Lines{"BETA", "BETAET"}));
}

TEST(Completion, NothingToAdd) {
  // The line stays as it is (the reader beeps, and lists on a second TAB).
  EXPECT_EQ(afterTab(":set K", {"K2", "K0", "K1", "K0"}), ":set K");
  EXPECT_EQ(planCompletion(":set K", {"K2", "K0", "K1", "K0"}).candidates,
            (Lines{"K0", "K1", "K2"}));
}

TEST(Completion, WordInsideOtherText) {
  // The completer may complete an identifier, not the whole blank-separated
  // word: only the end the candidates go on from is replaced.
  EXPECT_EQ(afterTab("x = f(sq", {"sqrt"}), "x = f(sqrt ");
  EXPECT_EQ(afterTab("exp(", {"exp", "exp2"}), "exp(exp");
  EXPECT_EQ(afterTab("a+ex", {"exp", "exp2"}), "a+exp");
}

TEST(Completion, EmptyWord) {
  EXPECT_EQ(afterTab(":load ", {"data.csv"}), ":load data.csv ");
  EXPECT_EQ(afterTab("", {":help", ":hist"}), ":h");
}

TEST(Completion, NoCandidates) {
  CompletionEdit edit = planCompletion(":load zz", {});
  EXPECT_TRUE(edit.candidates.empty());
  EXPECT_EQ(edit.replace, 0u);
  EXPECT_EQ(edit.insert, "");
  EXPECT_TRUE(planCompletion(":load zz", {""}).candidates.empty());
}

TEST(Completion, MultibyteCommonPrefixIsWholeCharacters) {
  // "é" is C3 A9, "è" is C3 A8: the common prefix must not end in C3.
  EXPECT_EQ(afterTab("caf", {"café", "cafè"}), "caf");
}

/// A temporary folder that is the working folder for the test.
class FileNames : public ::testing::Test {
protected:
  void SetUp() override {
    previous = fs::current_path();
    std::string pattern =
        (fs::temp_directory_path() / "dgm-lineeditor-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root = pattern;
    fs::create_directories(root / "models" / "hbv");
    fs::create_directories(root / ".hidden_dir");
    touch(root / "models" / "hbv.dgm");
    touch(root / "models" / "hbv_1_1p.dgm");
    touch(root / "models" / "gr4j.dgm");
    touch(root / "models" / ".secret.dgm");
    touch(root / "forcing.csv");
    touch(root / ".dotfile");
    fs::create_directory_symlink(root / "models", root / "link_to_models");
    fs::current_path(root);
  }
  void TearDown() override {
    fs::current_path(previous);
    fs::remove_all(root);
  }
  static void touch(const fs::path &p) { std::ofstream(p) << "x\n"; }

  fs::path previous, root;
};

TEST_F(FileNames, FilesAndFoldersInWorkingFolder) {
  EXPECT_EQ(completeFileName(""),
            (Lines{"forcing.csv", "link_to_models/", "models/"}));
  EXPECT_EQ(completeFileName("mo"), (Lines{"models/"}));
  EXPECT_EQ(completeFileName("f"), (Lines{"forcing.csv"}));
  EXPECT_EQ(completeFileName("nothing"), Lines{});
}

TEST_F(FileNames, InsideAFolder) {
  EXPECT_EQ(completeFileName("models/"),
            (Lines{"models/gr4j.dgm", "models/hbv.dgm", "models/hbv/",
                   "models/hbv_1_1p.dgm"}));
  EXPECT_EQ(completeFileName("models/hb"),
            (Lines{"models/hbv.dgm", "models/hbv/", "models/hbv_1_1p.dgm"}));
  EXPECT_EQ(completeFileName("models/g"), (Lines{"models/gr4j.dgm"}));
  EXPECT_EQ(completeFileName("missing/"), Lines{});
}

TEST_F(FileNames, SymlinkToFolderIsAFolder) {
  EXPECT_EQ(completeFileName("li"), (Lines{"link_to_models/"}));
}

TEST_F(FileNames, HiddenOnlyWhenAskedFor) {
  EXPECT_EQ(completeFileName("."), (Lines{".dotfile", ".hidden_dir/"}));
  EXPECT_EQ(completeFileName(".h"), (Lines{".hidden_dir/"}));
  EXPECT_EQ(completeFileName("models/."), (Lines{"models/.secret.dgm"}));
  EXPECT_EQ(completeFileName("models/s"), Lines{});
}

TEST_F(FileNames, AbsolutePath) {
  std::string dir = root.string() + "/models/";
  EXPECT_EQ(completeFileName(dir + "gr"), (Lines{dir + "gr4j.dgm"}));
}

TEST_F(FileNames, DotSlashKept) {
  EXPECT_EQ(completeFileName("./for"), (Lines{"./forcing.csv"}));
}

TEST_F(FileNames, TildeIsHomeAndKept) {
  const char *old = std::getenv("HOME");
  std::string saved = old ? old : "";
  setenv("HOME", root.c_str(), 1);
  Lines got = completeFileName("~/models/gr");
  if (old)
    setenv("HOME", saved.c_str(), 1);
  else
    unsetenv("HOME");
  EXPECT_EQ(got, (Lines{"~/models/gr4j.dgm"}));
}

/// Sets or unsets environment variables for one test and puts them back.
class Environment {
public:
  void set(const char *name, const char *value) {
    if (!saved.count(name)) {
      const char *old = std::getenv(name);
      saved[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
  ~Environment() {
    for (auto &[name, value] : saved) {
      if (value)
        setenv(name.c_str(), value->c_str(), 1);
      else
        unsetenv(name.c_str());
    }
  }

private:
  std::map<std::string, std::optional<std::string>> saved;
};

TEST(DefaultHistoryFile, ExplicitFileFirst) {
  Environment env;
  env.set("DGM_HISTORY_FILE", "/tmp/h/my_history");
  env.set("XDG_STATE_HOME", "/xdg/state");
  env.set("HOME", "/home/someone");
  EXPECT_EQ(defaultHistoryFile(), "/tmp/h/my_history");
}

TEST(DefaultHistoryFile, ThenXdgStateHome) {
  Environment env;
  env.set("DGM_HISTORY_FILE", nullptr);
  env.set("XDG_STATE_HOME", "/xdg/state");
  env.set("HOME", "/home/someone");
  EXPECT_EQ(defaultHistoryFile(), "/xdg/state/dgm/repl_history");
}

TEST(DefaultHistoryFile, ThenHome) {
  Environment env;
  env.set("DGM_HISTORY_FILE", nullptr);
  env.set("XDG_STATE_HOME", nullptr);
  env.set("HOME", "/home/someone");
  EXPECT_EQ(defaultHistoryFile(),
            "/home/someone/.local/state/dgm/repl_history");
}

TEST(DefaultHistoryFile, EmptyCountsAsUnset) {
  Environment env;
  env.set("DGM_HISTORY_FILE", "");
  env.set("XDG_STATE_HOME", "");
  env.set("HOME", "/home/someone");
  EXPECT_EQ(defaultHistoryFile(),
            "/home/someone/.local/state/dgm/repl_history");
}

TEST(DefaultHistoryFile, NothingSet) {
  Environment env;
  env.set("DGM_HISTORY_FILE", nullptr);
  env.set("XDG_STATE_HOME", nullptr);
  env.set("HOME", nullptr);
  EXPECT_EQ(defaultHistoryFile(), "");
}

} // namespace

//===- LineEditorDemo.cpp - A stand-in REPL for the line editor -----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `line-editor-demo`: the smallest session on LineEditor.h, so that the
// pseudo-terminal script (test/dgm/Inputs/repl_pty.py) can check the line
// input alone. It keeps the `dgm repl` contract that script relies on:
// prompt "dgm> ", ":help" lists the commands, ":load FILE", ":set NAME
// VALUE" (names from a fixed list), ":quit" ends with status 0. TAB
// completes the commands, file names after ":load" and the names after
// ":set".
//
//===----------------------------------------------------------------------===//

#include "LineEditor.h"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

using namespace dgm::cli;

namespace {

const std::vector<std::string> commands = {":help", ":load", ":quit", ":set"};
const std::vector<std::string> parameters = {"BETA", "BETAET", "CFMAX", "FC",
                                             "K0",   "K1",     "K2"};

std::vector<std::string> startingWith(const std::vector<std::string> &words,
                                      std::string_view prefix) {
  std::vector<std::string> result;
  for (const std::string &w : words)
    if (w.compare(0, prefix.size(), prefix) == 0)
      result.push_back(w);
  return result;
}

std::vector<std::string> complete(std::string_view line) {
  size_t space = line.find_last_of(" \t");
  std::string_view word =
      space == std::string_view::npos ? line : line.substr(space + 1);
  if (space == std::string_view::npos)
    return startingWith(commands, word);
  if (line.rfind(":load ", 0) == 0) {
    // As dgm repl: folders and .dgm files only.
    std::vector<std::string> files;
    for (std::string &f : completeFileName(word))
      if (f.ends_with('/') || f.ends_with(".dgm"))
        files.push_back(std::move(f));
    return files;
  }
  if (line.rfind(":set ", 0) == 0 &&
      line.find_first_of(" \t", 5) == std::string_view::npos)
    return startingWith(parameters, word);
  return {};
}

} // namespace

int main() {
  std::unique_ptr<LineReader> reader =
      createEditLineReader(defaultHistoryFile(), complete);
  while (std::optional<std::string> line = reader->readLine("dgm> ")) {
    // As dgm repl: an unfinished line ("... +") continues on the next,
    // and Ctrl-C there drops the whole entry.
    bool cancelled = false;
    while (!cancelled && !line->empty() && line->back() == '+') {
      std::optional<std::string> more = reader->readLine("...> ", &cancelled);
      if (!more)
        return 0;
      *line += " " + *more;
    }
    if (cancelled)
      continue;
    reader->addHistory(*line);
    // Completion leaves a space after a word: trailing blanks do not count.
    std::string_view l = *line;
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t'))
      l.remove_suffix(1);
    if (l.empty())
      continue;
    if (l == ":quit")
      return 0;
    if (l == ":help") {
      std::printf("commands:\n  :help\n  :load FILE\n  :set NAME VALUE\n"
                  "  :quit\n");
    } else if (l.rfind(":load ", 0) == 0) {
      std::printf("loaded '%s'\n", std::string(l.substr(6)).c_str());
    } else if (l.rfind(":set ", 0) == 0) {
      std::printf("set %s\n", std::string(l.substr(5)).c_str());
    } else {
      std::printf("error: unknown command '%s'\n", std::string(l).c_str());
    }
    std::fflush(stdout);
  }
  return 0;
}

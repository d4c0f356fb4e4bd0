//===- Repl.h - `dgm repl` --------------------------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm repl [MODEL] [options]` (and `dgm` alone): the interactive session.
// On a terminal it edits lines with libedit, keeps a history and completes
// with TAB; with standard input not a terminal it reads commands from it,
// prints results without prompts or colour and exits with 1 if any command
// failed. docs/repl.md is the guide.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_REPL_H
#define DGM_TOOLS_DGM_REPL_H

#include <string>
#include <vector>

namespace dgm::cli {

/// Runs `dgm repl` with the arguments after "repl"; returns the exit status.
int replCommand(const std::vector<std::string> &args);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_REPL_H

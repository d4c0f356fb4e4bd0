//===- RunCommand.h - `dgm run` ---------------------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm run MODEL --forcing FILE [options]`: compile (through the cache) or
// load a model, read its forcings from a CSV file, run it for one basin and
// write the results as CSV or print a summary. docs/cli.md is the reference.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_RUNCOMMAND_H
#define DGM_TOOLS_DGM_RUNCOMMAND_H

#include <string>
#include <vector>

namespace dgm::cli {

/// Runs `dgm run` with the arguments after "run"; returns the exit status
/// (0, 1 for an error, 2 for a usage error).
int runCommand(const std::vector<std::string> &args);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_RUNCOMMAND_H

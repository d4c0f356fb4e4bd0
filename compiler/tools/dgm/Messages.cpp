//===- Messages.cpp - How the dgm tool reports problems -------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Messages.h"

#include <cstdio>
#include <string>

using namespace dgm::cli;

int dgm::cli::reportError(const dgm::rt::Error &error) {
  const std::string &m = error.message;
  if (m.empty())
    return exitError;
  std::string_view firstLine = std::string_view(m).substr(0, m.find('\n'));
  bool located = firstLine.find(": error: ") != std::string_view::npos;
  std::fprintf(stderr, "%s%s\n", located ? "" : "dgm: error: ", m.c_str());
  return exitError;
}

int dgm::cli::reportUsageError(std::string_view message,
                               std::string_view command) {
  std::fprintf(stderr,
               "dgm: error: %.*s\nTry '%.*s --help' for more information.\n",
               static_cast<int>(message.size()), message.data(),
               static_cast<int>(command.size()), command.data());
  return exitUsage;
}

void dgm::cli::reportWarning(std::string_view message) {
  std::fprintf(stderr, "dgm: warning: %.*s\n", static_cast<int>(message.size()),
               message.data());
}

void dgm::cli::reportNote(std::string_view message) {
  std::fprintf(stderr, "dgm: note: %.*s\n", static_cast<int>(message.size()),
               message.data());
}

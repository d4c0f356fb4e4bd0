//===- Suggest.h - "Did you mean" for the dgm tool --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Typos in option, parameter, state and column names are the most common
// mistakes on a command line; every "unknown name" message offers the
// closest valid name when one is close enough to be a likely typo.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_SUGGEST_H
#define DGM_TOOLS_DGM_SUGGEST_H

#include <string>
#include <string_view>
#include <vector>

namespace dgm::cli {

/// The candidate closest to `name`: one that differs only in case, else the
/// one with the smallest edit distance if that is at most a third of the
/// name's length (at least 1). "" when none is close.
std::string closestMatch(std::string_view name,
                         const std::vector<std::string> &candidates);

/// "; did you mean 'x'?" or "" when there is no close candidate.
std::string didYouMean(std::string_view name,
                       const std::vector<std::string> &candidates);

/// "a, b, c" (or "(none)" when empty).
std::string joinNames(const std::vector<std::string> &names);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_SUGGEST_H

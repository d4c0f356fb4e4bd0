//===- Suggest.cpp - "Did you mean" for the dgm tool ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Suggest.h"

#include <algorithm>
#include <cctype>

using namespace dgm::cli;

namespace {

/// Edit distance counting an insertion, deletion, substitution or swap of
/// two neighbours as one edit (optimal string alignment), so that "rnu" is
/// one edit from "run".
std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(
      a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

std::string dgm::cli::closestMatch(std::string_view name,
                                   const std::vector<std::string> &candidates) {
  for (const std::string &c : candidates)
    if (equalsIgnoringCase(name, c))
      return c;
  std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::string best;
  std::size_t bestDistance = limit + 1;
  for (const std::string &c : candidates) {
    std::size_t d = editDistance(name, c);
    // Never a change of half the name: 'Q' for 'S' is noise.
    if (d < bestDistance && 2 * d <= name.size()) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::string dgm::cli::didYouMean(std::string_view name,
                                 const std::vector<std::string> &candidates) {
  std::string match = closestMatch(name, candidates);
  return match.empty() ? "" : "; did you mean '" + match + "'?";
}

std::string dgm::cli::joinNames(const std::vector<std::string> &names) {
  if (names.empty())
    return "(none)";
  std::string out;
  for (const std::string &n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

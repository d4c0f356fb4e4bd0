//===- UnitText.cpp - Units as a model's descriptor spells them -----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/UnitText.h"

#include <cctype>
#include <climits>

using namespace dgm::rt;

namespace {

/// A recursive-descent reader over the text; `ok` turns false at the first
/// thing that is not a unit.
class Reader {
public:
  explicit Reader(std::string_view text) : text(text) {}

  std::optional<UnitPowers> read() {
    UnitPowers powers = unit();
    skipSpace();
    if (!ok || pos != text.size())
      return std::nullopt;
    for (auto it = powers.begin(); it != powers.end();)
      it = it->second == 0 ? powers.erase(it) : std::next(it);
    return powers;
  }

private:
  std::string_view text;
  std::size_t pos = 0;
  bool ok = true;
  int depth = 0;

  void skipSpace() {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
      ++pos;
  }
  bool eat(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }

  static void add(UnitPowers &into, const UnitPowers &term, long sign) {
    for (const auto &[symbol, power] : term)
      into[symbol] += sign * power;
  }

  UnitPowers unit() {
    UnitPowers powers = factor();
    while (ok) {
      if (eat('*'))
        add(powers, factor(), 1);
      else if (eat('/'))
        add(powers, factor(), -1);
      else
        break;
    }
    return powers;
  }

  UnitPowers factor() {
    UnitPowers base = atom();
    if (!ok || !eat('^'))
      return base;
    bool negative = eat('-');
    skipSpace();
    long exponent = 0;
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) &&
           exponent < 1000000)
      exponent = exponent * 10 + (text[pos++] - '0');
    if (pos == start || exponent >= 1000000) {
      ok = false;
      return {};
    }
    for (auto &[symbol, power] : base)
      power *= negative ? -exponent : exponent;
    return base;
  }

  UnitPowers atom() {
    skipSpace();
    if (pos >= text.size()) {
      ok = false;
      return {};
    }
    char c = text[pos];
    if (c == '(') {
      ++pos;
      if (++depth > 64) { // a unit nested this deep is no unit
        ok = false;
        return {};
      }
      UnitPowers inner = unit();
      --depth;
      if (!eat(')'))
        ok = false;
      return inner;
    }
    if (c == '1') {
      ++pos;
      return {};
    }
    std::size_t start = pos;
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_'))
      ++pos;
    if (pos == start || std::isdigit(static_cast<unsigned char>(text[start]))) {
      ok = false;
      return {};
    }
    return {{std::string(text.substr(start, pos - start)), 1}};
  }
};

} // namespace

std::optional<UnitPowers> dgm::rt::parseUnitText(std::string_view text) {
  return Reader(text).read();
}

bool dgm::rt::sameUnit(std::string_view a, std::string_view b) {
  std::optional<UnitPowers> pa = parseUnitText(a), pb = parseUnitText(b);
  if (pa && pb)
    return *pa == *pb;
  return a == b;
}

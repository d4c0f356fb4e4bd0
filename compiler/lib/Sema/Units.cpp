//===- Units.cpp - Physical units as values -------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Units.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <utility>

using namespace dgm;

//===----------------------------------------------------------------------===//
// Rational
//===----------------------------------------------------------------------===//

Rational::Rational(int64_t num, int64_t den) : n(num), d(den) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  int64_t g = std::gcd(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  if (n == 0)
    d = 1;
}

Rational Rational::invalid() {
  Rational r;
  r.n = 1;
  r.d = 0;
  return r;
}

Rational Rational::bounded() const {
  if (!isValid() || n > kMaxMagnitude || n < -kMaxMagnitude ||
      d > kMaxMagnitude)
    return invalid();
  return *this;
}

Rational Rational::operator+(Rational o) const {
  int64_t a, b, num, den;
  if (!isValid() || !o.isValid() || __builtin_mul_overflow(n, o.d, &a) ||
      __builtin_mul_overflow(o.n, d, &b) || __builtin_add_overflow(a, b, &num) ||
      __builtin_mul_overflow(d, o.d, &den))
    return invalid();
  return Rational(num, den).bounded();
}

Rational Rational::operator*(Rational o) const {
  int64_t num, den;
  if (!isValid() || !o.isValid() || __builtin_mul_overflow(n, o.n, &num) ||
      __builtin_mul_overflow(d, o.d, &den))
    return invalid();
  return Rational(num, den).bounded();
}

std::optional<Rational> Rational::fromDouble(double value) {
  if (!std::isfinite(value) || std::fabs(value) > 1000)
    return std::nullopt;
  // Close enough to be the fraction computed in double (1 / 3, 0.1 * 3),
  // not merely near it: 2 + 1e-10 is not 2, and a nonzero power is not 0.
  for (int64_t den = 1; den <= 100; ++den) {
    double num = std::round(value * static_cast<double>(den));
    if ((num != 0 || value == 0) &&
        std::fabs(num / static_cast<double>(den) - value) <=
            1e-12 * std::max(1.0, std::fabs(value)))
      return Rational(static_cast<int64_t>(num), den);
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Unit
//===----------------------------------------------------------------------===//

std::optional<double> dgm::secondsPerTimeUnit(const std::string &symbol) {
  static const std::pair<const char *, double> times[] = {
      {"s", 1}, {"min", 60}, {"h", 3600}, {"d", 86400}};
  for (const auto &[name, seconds] : times)
    if (symbol == name)
      return seconds;
  return std::nullopt;
}

std::optional<std::string>
dgm::conventionalSpelling(const std::string &symbol) {
  struct Alias {
    const char *symbol, *write, *what;
  };
  static const Alias aliases[] = {
      {"day", "d", "days"},          {"days", "d", "days"},
      {"hr", "h", "hours"},          {"hrs", "h", "hours"},
      {"hour", "h", "hours"},        {"hours", "h", "hours"},
      {"sec", "s", "seconds"},       {"secs", "s", "seconds"},
      {"second", "s", "seconds"},    {"seconds", "s", "seconds"},
      {"minute", "min", "minutes"},  {"minutes", "min", "minutes"},
      {"mins", "min", "minutes"},    {"celsius", "degC", "degrees Celsius"},
      {"Celsius", "degC", "degrees Celsius"},
      {"deg_C", "degC", "degrees Celsius"},
      {"degreeC", "degC", "degrees Celsius"},
      {"oC", "degC", "degrees Celsius"},
      {"meter", "m", "metres"},      {"meters", "m", "metres"},
      {"metre", "m", "metres"},      {"metres", "m", "metres"},
      {"millimeter", "mm", "millimetres"},
      {"millimeters", "mm", "millimetres"},
      {"millimetre", "mm", "millimetres"},
      {"millimetres", "mm", "millimetres"},
      {"m3", "m^3", "cubic metres"},
      {"m2", "m^2", "square metres"},
      {"km2", "km^2", "square kilometres"},
  };
  // Case slips too ('Day', 'mm/D', 'DegC'); the conventional symbols
  // themselves are fine, and one-letter symbols other than d and h ('M',
  // 'S') may be a model's own units.
  static const Alias caseSlips[] = {
      {"d", "d", "days"},
      {"h", "h", "hours"},
      {"min", "min", "minutes"},
      {"mm", "mm", "millimetres"},
      {"km", "km", "kilometres"},
      {"degc", "degC", "degrees Celsius"},
  };
  std::string lower;
  for (char c : symbol)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const Alias *match = nullptr;
  for (const Alias &a : aliases)
    if (symbol == a.symbol || lower == a.symbol)
      match = &a;
  for (const Alias &a : caseSlips)
    if (lower == a.symbol && symbol != a.write)
      match = &a;
  if (!match)
    return std::nullopt;
  std::string text = std::string("write '") + match->write + "' for " +
                     match->what + "; '" + symbol +
                     "' would be a unit of its own that nothing converts to '" +
                     match->write + "'";
  if (secondsPerTimeUnit(match->write))
    text += ", and dt is in s, min, h or d";
  return text;
}

Unit Unit::symbol(const std::string &symbol) {
  Unit u;
  u.powers.emplace(symbol, Rational(1));
  return u;
}

Unit Unit::fromAnnotation(const ast::UnitAnnotation &annotation) {
  Unit u;
  for (const ast::UnitTerm &term : annotation.terms) {
    Rational &p = u.powers[term.symbol];
    p = p + Rational(term.exponent);
    if (p.isZero())
      u.powers.erase(term.symbol);
  }
  u.spelling = annotation.spelling;
  return u;
}

Unit Unit::operator*(const Unit &o) const {
  Unit u = *this;
  u.spelling.clear();
  for (const auto &[symbol, power] : o.powers) {
    Rational &p = u.powers[symbol];
    p = p + power;
    if (p.isZero())
      u.powers.erase(symbol);
  }
  return u;
}

Unit Unit::operator/(const Unit &o) const {
  return *this * o.pow(Rational(-1));
}

Unit Unit::pow(Rational exponent) const {
  Unit u;
  if (exponent.isZero())
    return u;
  for (const auto &[symbol, power] : powers)
    u.powers.emplace(symbol, power * exponent);
  return u;
}

static std::string factor(const std::string &symbol, Rational power) {
  if (!power.isValid())
    return symbol + "^(huge)";
  if (power == Rational(1))
    return symbol;
  if (power.isInteger())
    return symbol + "^" + std::to_string(power.num());
  return symbol + "^(" + std::to_string(power.num()) + "/" +
         std::to_string(power.den()) + ")";
}

std::string Unit::canonical() const {
  std::string num, den;
  unsigned numDen = 0;
  for (const auto &[symbol, power] : powers) {
    if (power.num() > 0) {
      num += (num.empty() ? "" : "*") + factor(symbol, power);
    } else {
      den += (den.empty() ? "" : "*") + factor(symbol, -power);
      ++numDen;
    }
  }
  if (num.empty())
    num = "1";
  if (numDen == 0)
    return num;
  return num + "/" + (numDen > 1 ? "(" + den + ")" : den);
}

std::string Unit::str() const {
  return spelling.empty() ? canonical() : spelling;
}

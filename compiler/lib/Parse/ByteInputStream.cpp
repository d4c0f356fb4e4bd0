//===- ByteInputStream.cpp - ANTLR input that reads a file as bytes -------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "ByteInputStream.h"

#include "misc/Interval.h"

using namespace dgm::parse;

ByteInputStream::ByteInputStream(llvm::StringRef bytes,
                                 llvm::StringRef sourceName)
    : antlr4::ANTLRInputStream(""), bytes(bytes) {
  _data.resize(bytes.size());
  for (size_t i = 0, e = bytes.size(); i != e; ++i)
    _data[i] = static_cast<unsigned char>(bytes[i]);
  // A UTF-8 byte order mark, which some editors put first, is read as
  // blanks: the columns after it still count bytes, as the carets do.
  if (bytes.starts_with("\xEF\xBB\xBF"))
    _data[0] = _data[1] = _data[2] = ' ';
  name = sourceName.str();
}

std::string ByteInputStream::getText(const antlr4::misc::Interval &interval) {
  if (interval.a < 0 || interval.b < interval.a ||
      static_cast<size_t>(interval.a) >= bytes.size())
    return "";
  size_t start = interval.a;
  size_t stop = std::min<size_t>(interval.b, bytes.size() - 1);
  return bytes.slice(start, stop + 1).str();
}

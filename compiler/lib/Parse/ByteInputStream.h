//===- ByteInputStream.h - ANTLR input that reads a file as bytes -*- C++
//-*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// ANTLR's own ANTLRInputStream decodes UTF-8 into code points. That throws on
// invalid UTF-8 (any binary file), and its columns count code points while
// llvm::SourceMgr, which prints our carets, counts bytes. This stream hands
// the lexer one symbol per byte instead: the grammar is ASCII, other bytes
// only occur inside strings and comments (copied through unchanged) or as
// stray characters (reported as errors), and every column matches the caret.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_PARSE_BYTEINPUTSTREAM_H
#define DGM_LIB_PARSE_BYTEINPUTSTREAM_H

#include "ANTLRInputStream.h"

#include "llvm/ADT/StringRef.h"

namespace dgm::parse {

class ByteInputStream : public antlr4::ANTLRInputStream {
public:
  ByteInputStream(llvm::StringRef bytes, llvm::StringRef sourceName);

  /// The original bytes of [a, b] (token text), not re-encoded code points.
  std::string getText(const antlr4::misc::Interval &interval) override;

private:
  llvm::StringRef bytes;
};

} // namespace dgm::parse

#endif // DGM_LIB_PARSE_BYTEINPUTSTREAM_H

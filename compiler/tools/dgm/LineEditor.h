//===- LineEditor.h - Line input of `dgm repl` ------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Where `dgm repl` gets its lines from. On a terminal: libedit (BSD licence,
// not GPL readline) with a prompt, emacs-style editing (or whatever ~/.editrc
// says for the program name "dgm"), a history kept between sessions and tab
// completion. Otherwise (a pipe, a file): plain lines, no prompt, no editing,
// so that scripts get only the results.
//
// The history:
//   - file: defaultHistoryFile() (DGM_HISTORY_FILE, else
//     $XDG_STATE_HOME/dgm/repl_history, else ~/.local/state/dgm/repl_history);
//     the folder is created when missing. libedit's format: a first line
//     "_HiStOrY_V2_", then one entry a line with spaces and other special
//     characters escaped in octal as strvis(3) does ("\040" for a space);
//     mode 0600.
//   - size: the last 1000 entries (kHistorySize).
//   - entries lose their trailing blanks (completion leaves a space after
//     the last word); blank lines and exact repeats of the previous entry
//     are not recorded.
//   - the file is rewritten after each entry, so a session that is killed
//     loses nothing; when it cannot be written, one warning line goes to
//     standard error (once a session) and the session goes on.
//
// Ctrl-C while a line is being typed abandons that line: the reader prints
// "^C", a newline and the prompt again. It does so with a SIGINT handler
// installed only while it waits for a line (and the previous handler is back
// when readLine returns), so Ctrl-C at any other time, e.g. during a long run,
// does whatever the program had set up (by default: ends it).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_LINEEDITOR_H
#define DGM_TOOLS_DGM_LINEEDITOR_H

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dgm::cli {

/// The number of entries the history keeps (and saves).
inline constexpr int kHistorySize = 1000;

/// Returns the candidates that complete the word ending at the cursor;
/// `lineBeforeCursor` is the text before the cursor. Each candidate is a
/// whole word that starts with the end of the line it completes: the part
/// replaced is the longest end of the text after the last space or tab that
/// all candidates start with, so "f(sq" with "sqrt" gives "f(sqrt" and
/// ":load ex" with "examples/" gives ":load examples/". A candidate ending
/// in '/' is a folder: completing to it adds no space, so that the next TAB
/// goes on into it.
using Completer =
    std::function<std::vector<std::string>(std::string_view lineBeforeCursor)>;

class LineReader {
public:
  virtual ~LineReader();
  /// The next line without its newline; nullopt at end of input (Ctrl-D on an
  /// empty line, EOF). An interactive reader shows `prompt` first; it may
  /// hold terminal escapes (colour) if each is wrapped in '\1' characters, as
  /// in "\1\033[1m\1dgm>\1\033[0m\1 ".
  /// With `cancelled`, Ctrl-C does not just abandon the line being typed:
  /// readLine returns "" and sets *cancelled, so that the caller can drop a
  /// whole entry of several lines.
  virtual std::optional<std::string> readLine(const std::string &prompt,
                                              bool *cancelled = nullptr) = 0;
  /// Remember a line entered (interactive readers save it to the history
  /// file, without trailing blanks; blank lines and a repeat of the previous
  /// entry are skipped).
  virtual void addHistory(const std::string &line) {}
  /// True for the libedit reader (on a terminal).
  virtual bool interactive() const = 0;
};

/// Plain lines from `in`: no prompt printed, no editing, no history. A line
/// ends at "\n" or "\r\n"; a last line without a newline still counts.
std::unique_ptr<LineReader> createStreamLineReader(std::FILE *in);

/// libedit: prompt, editing, history loaded from/saved to `historyFile`
/// (created with its folder if missing; a failure to save is a one-line
/// warning, not an error), tab completion through `completer`: one
/// candidate: insert it plus a space (no space after a folder's "/");
/// several: complete their common prefix, and a second TAB with nothing more
/// to complete lists them (like bash). Needs standard input to be a
/// terminal; the prompt and echo go to standard output, or to standard error
/// when only that is a terminal. When neither output is a terminal, or
/// standard input is not one, this returns createStreamLineReader(stdin),
/// so libedit never reads from a pipe.
///
/// Keys beyond libedit's emacs defaults: TAB completes, ^R searches the
/// history backwards. Non-ASCII text needs LC_CTYPE set from the environment
/// (setlocale(LC_CTYPE, "")) before this is called.
std::unique_ptr<LineReader> createEditLineReader(const std::string &historyFile,
                                                 Completer completer);

/// What TAB does to the line (the part of the completion that needs no
/// terminal): the last `replace` bytes before the cursor become `insert`.
/// One candidate: it, plus a space unless it is a folder ("/"). Several:
/// their common prefix; when that adds nothing, TAB beeps and a second TAB
/// lists `candidates` (sorted, without repeats or empty ones; none: beep).
struct CompletionEdit {
  size_t replace = 0;
  std::string insert;
  std::vector<std::string> candidates;
};
CompletionEdit planCompletion(std::string_view lineBeforeCursor,
                              std::vector<std::string> candidates);

/// $DGM_HISTORY_FILE, else $XDG_STATE_HOME/dgm/repl_history, else
/// ~/.local/state/dgm/repl_history (empty variables count as unset; "" when
/// not even HOME is set, and then no history is saved).
std::string defaultHistoryFile();

/// Completion of file names for the word (for :load/:forcing arguments): the
/// files and folders whose names start with the last part of `word`, in the
/// folder its earlier parts name (relative to the working folder; a leading
/// "~/" means the home folder and is kept). Each candidate is the whole word
/// completed, folders with a "/" added; hidden entries only when the last
/// part starts with "."; "." and ".." never. Sorted.
std::vector<std::string> completeFileName(std::string_view word);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_LINEEDITOR_H

//===- LineEditor.cpp - Line input of `dgm repl` --------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The stream reader is getline(3). The terminal reader is libedit's native
// API (histedit.h): el_gets for the line, a History for Up/Down and ^R and
// for the file, an EL_ADDFN function bound to TAB for completion, and our
// own character reader (EL_GETCFN) so that Ctrl-C is never missed.
//
//===----------------------------------------------------------------------===//

#include "LineEditor.h"

#include <histedit.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace dgm::cli {

LineReader::~LineReader() = default;

namespace {

//===----------------------------------------------------------------------===//
// Plain lines
//===----------------------------------------------------------------------===//

class StreamLineReader final : public LineReader {
public:
  explicit StreamLineReader(std::FILE *in) : in(in) {}
  ~StreamLineReader() override { std::free(buffer); }

  std::optional<std::string> readLine(const std::string &, bool *) override {
    ssize_t n = ::getline(&buffer, &capacity, in);
    if (n < 0)
      return std::nullopt;
    std::string line(buffer, static_cast<size_t>(n));
    if (!line.empty() && line.back() == '\n')
      line.pop_back();
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    return line;
  }

  bool interactive() const override { return false; }

private:
  std::FILE *in;
  char *buffer = nullptr;
  size_t capacity = 0;
};

//===----------------------------------------------------------------------===//
// libedit
//===----------------------------------------------------------------------===//

// Ctrl-C while a line is typed. A SIGINT handler installed only while
// readLine waits sets `interrupted` and writes a byte to a pipe; the
// character reader (readChar) waits on the terminal and on that pipe, so a
// Ctrl-C is seen whenever it comes (during a read, between two reads, in the
// completion function, in whichever thread the signal lands) and el_gets
// then fails with EINTR.
volatile std::sig_atomic_t interrupted = 0;
volatile std::sig_atomic_t wakeFd = -1;

extern "C" void onSigint(int) {
  int saved = errno;
  interrupted = 1;
  if (wakeFd >= 0) {
    char byte = 'c';
    [[maybe_unused]] ssize_t ignored = ::write(wakeFd, &byte, 1);
  }
  errno = saved;
}

/// Installs onSigint for its lifetime (writing to `pipeWrite`) and puts the
/// previous handler back after.
class SigintScope {
public:
  explicit SigintScope(int pipeWrite) {
    interrupted = 0;
    wakeFd = pipeWrite;
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = onSigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    installed = sigaction(SIGINT, &action, &previous) == 0;
  }
  ~SigintScope() {
    if (installed)
      sigaction(SIGINT, &previous, nullptr);
    wakeFd = -1;
  }
  SigintScope(const SigintScope &) = delete;
  SigintScope &operator=(const SigintScope &) = delete;

private:
  struct sigaction previous;
  bool installed = false;
};

bool isBlank(const std::string &line) {
  return line.find_first_not_of(" \t\r\n") == std::string::npos;
}

size_t codePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80)
      ++n;
  return n;
}

std::string commonPrefix(const std::vector<std::string> &words) {
  std::string prefix = words.front();
  for (const std::string &w : words) {
    size_t i = 0;
    while (i < prefix.size() && i < w.size() && prefix[i] == w[i])
      ++i;
    prefix.resize(i);
  }
  // Do not stop inside a UTF-8 sequence.
  size_t lead = prefix.size();
  while (lead > 0 &&
         (static_cast<unsigned char>(prefix[lead - 1]) & 0xC0) == 0x80)
    --lead;
  if (lead > 0) {
    unsigned char c = static_cast<unsigned char>(prefix[lead - 1]);
    size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (prefix.size() - (lead - 1) < length)
      prefix.resize(lead - 1);
  }
  return prefix;
}

/// What a listing shows of a candidate: its last path part (with the "/" of
/// a folder), as bash does.
std::string displayName(const std::string &candidate) {
  std::string_view s = candidate;
  bool folder = s.size() > 1 && s.back() == '/';
  if (folder)
    s.remove_suffix(1);
  size_t slash = s.rfind('/');
  std::string name(slash == std::string_view::npos ? s : s.substr(slash + 1));
  if (folder)
    name += '/';
  return name;
}

class EditLineReader final : public LineReader {
public:
  EditLineReader(std::FILE *out, std::string historyFile, Completer completer)
      : out(out), historyFile(std::move(historyFile)),
        completer(std::move(completer)) {
    history = ::history_init();
    ::history(history, &event, H_SETSIZE, kHistorySize);
    ::history(history, &event, H_SETUNIQUE, 1);
    loadHistory();

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
      wakeRead = fds[0];
      wakeWrite = fds[1];
    }

    el = ::el_init("dgm", stdin, out, stderr);
    ::el_set(el, EL_CLIENTDATA, this);
    ::el_set(el, EL_GETCFN, &EditLineReader::readChar);
    ::el_set(el, EL_EDITOR, "emacs");
    ::el_set(el, EL_PROMPT_ESC, &EditLineReader::promptOf, '\1');
    ::el_set(el, EL_HIST, ::history, history);
    ::el_set(el, EL_ADDFN, "dgm-complete",
             "Complete the word before the cursor", &EditLineReader::onTab);
    ::el_set(el, EL_BIND, "^I", "dgm-complete", nullptr);
    ::el_set(el, EL_BIND, "^R", "em-inc-search-prev", nullptr);
    // $EDITRC or ~/.editrc may change the keys (lines for "dgm" or all).
    ::el_source(el, nullptr);
  }

  ~EditLineReader() override {
    ::el_end(el);
    ::history_end(history);
    if (wakeRead >= 0) {
      ::close(wakeRead);
      ::close(wakeWrite);
    }
  }

  std::optional<std::string> readLine(const std::string &newPrompt,
                                      bool *cancelled) override {
    prompt = newPrompt;
    lastListable.reset();
    SigintScope sigint(wakeWrite);
    for (;;) {
      drainWakePipe();
      leaveLineMode();
      int count = 0;
      const char *text = ::el_gets(el, &count);
      if (text && count > 0) {
        std::string line(text, static_cast<size_t>(count));
        if (!line.empty() && line.back() == '\n')
          line.pop_back();
        if (!line.empty() && line.back() == '\r')
          line.pop_back();
        return line;
      }
      if (count < 0 && errno == EINTR) {
        // Ctrl-C abandons the line (another signal just repeats the prompt),
        // or the caller's whole entry when it asks.
        bool wasInterrupted = interrupted;
        if (wasInterrupted)
          std::fputs("^C\n", out);
        interrupted = 0;
        lastListable.reset();
        std::fflush(out);
        if (wasInterrupted && cancelled) {
          *cancelled = true;
          return std::string();
        }
        continue;
      }
      // Ctrl-D on an empty line, end of input or a read error: leave the
      // shell's prompt on a line of its own.
      std::fputc('\n', out);
      std::fflush(out);
      return std::nullopt;
    }
  }

  void addHistory(const std::string &line) override {
    if (isBlank(line))
      return;
    // Completion leaves a space after the last word; ":help " and ":help"
    // are one entry.
    std::string entry = line.substr(0, line.find_last_not_of(" \t\r\n") + 1);
    ::history(history, &event, H_ENTER, entry.c_str());
    saveHistory();
  }

  bool interactive() const override { return true; }

private:
  static EditLineReader *self(EditLine *el) {
    void *data = nullptr;
    ::el_get(el, EL_CLIENTDATA, &data);
    return static_cast<EditLineReader *>(data);
  }

  static char *promptOf(EditLine *el) {
    return const_cast<char *>(self(el)->prompt.c_str());
  }

  static unsigned char onTab(EditLine *el, int) { return self(el)->complete(); }

  /// libedit prints the prompt first and only then leaves the terminal's
  /// line mode (at the first read): keys typed in between, such as a quick
  /// Ctrl-D, would go to the terminal's own line editing (an EOF that
  /// libedit never sees, a doubled echo). Leave line mode before el_gets;
  /// libedit still restores the settings it found at el_init when it
  /// returns (it only learns new ones from a terminal in line mode).
  void leaveLineMode() {
    int fd = ::fileno(stdin);
    struct termios mode;
    if (::tcgetattr(fd, &mode) != 0 || !(mode.c_lflag & ICANON))
      return;
    mode.c_lflag &= ~(ICANON | ECHO | ECHONL);
    mode.c_cc[VMIN] = 1;
    mode.c_cc[VTIME] = 0;
    ::tcsetattr(fd, TCSANOW, &mode);
  }

  void drainWakePipe() {
    char bytes[64];
    while (wakeRead >= 0 && ::read(wakeRead, bytes, sizeof bytes) > 0) {
    }
  }

  /// libedit's character reader (EL_GETCFN): one character from the
  /// terminal, decoded in the locale's encoding; 1, 0 at end of input, -1
  /// with errno EINTR after a Ctrl-C (or errno of a failed read).
  static int readChar(EditLine *el, wchar_t *c) {
    EditLineReader *reader = self(el);
    int fd = ::fileno(stdin);
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    for (;;) {
      if (interrupted) {
        reader->drainWakePipe();
        errno = EINTR;
        return -1;
      }
      struct pollfd wait[2] = {{fd, POLLIN, 0}, {reader->wakeRead, POLLIN, 0}};
      int ready = ::poll(wait, reader->wakeRead >= 0 ? 2 : 1, -1);
      if (ready < 0) {
        if (errno == EINTR)
          continue; // `interrupted` says whether it was Ctrl-C.
        return -1;
      }
      if (ready > 0 && wait[1].revents)
        continue; // The handler's byte: `interrupted` is set.
      ssize_t got = ::read(fd, bytes + count, 1);
      if (got < 0) {
        if (errno == EINTR || errno == EAGAIN)
          continue;
        return -1;
      }
      if (got == 0) {
        *c = L'\0';
        return 0;
      }
      ++count;
      std::mbstate_t state{};
      size_t used = std::mbrtowc(c, bytes, count, &state);
      if (used == static_cast<size_t>(-2) && count < sizeof bytes)
        continue; // The rest of a multibyte character.
      if (used == static_cast<size_t>(-1) || used == static_cast<size_t>(-2)) {
        count = 0; // Not a character in this locale: drop the bytes.
        continue;
      }
      return 1;
    }
  }

  /// The line and cursor offset now, to tell a repeated TAB.
  std::pair<std::string, size_t> lineState() const {
    const LineInfo *info = ::el_line(el);
    return {std::string(info->buffer, info->lastchar),
            static_cast<size_t>(info->cursor - info->buffer)};
  }

  unsigned char complete() {
    if (!completer)
      return CC_ERROR;
    const LineInfo *info = ::el_line(el);
    std::string before(info->buffer, info->cursor);
    CompletionEdit edit = planCompletion(before, completer(before));
    if (edit.candidates.empty()) {
      lastListable.reset();
      return CC_ERROR;
    }
    std::string_view replaced =
        std::string_view(before).substr(before.size() - edit.replace);
    if (edit.insert != replaced) {
      // Progress: the only candidate, or as far as all agree; after the
      // latter, the next TAB (with the line unchanged) lists them.
      ::el_insertstr(el, edit.insert.substr(edit.replace).c_str());
      if (edit.candidates.size() > 1)
        lastListable = lineState();
      else
        lastListable.reset();
      return CC_REFRESH;
    }
    if (lastListable && *lastListable == lineState()) {
      list(edit.candidates);
      return CC_REDISPLAY;
    }
    lastListable = lineState();
    return CC_ERROR;
  }

  /// The candidates in columns below the line, sorted down the columns.
  void list(const std::vector<std::string> &candidates) {
    std::vector<std::string> names;
    size_t width = 0;
    for (const std::string &c : candidates) {
      names.push_back(displayName(c));
      width = std::max(width, codePoints(names.back()));
    }
    int screen = 80;
    if (::el_get(el, EL_GETTC, "co", &screen) != 0 || screen <= 0)
      screen = 80;
    size_t column = width + 2;
    size_t columns =
        std::max<size_t>(1, (static_cast<size_t>(screen) + 2) / column);
    size_t rows = (names.size() + columns - 1) / columns;
    std::fputc('\n', out);
    for (size_t r = 0; r < rows; ++r) {
      std::string row;
      for (size_t c = 0; c < columns; ++c) {
        size_t i = c * rows + r;
        if (i >= names.size())
          break;
        row += names[i];
        if (c + 1 < columns && i + rows < names.size())
          row.append(column - codePoints(names[i]), ' ');
      }
      std::fprintf(out, "%s\n", row.c_str());
    }
    std::fflush(out);
  }

  void loadHistory() {
    if (historyFile.empty())
      return;
    std::FILE *f = std::fopen(historyFile.c_str(), "r");
    if (!f)
      return; // Not there yet: the first save creates it.
    char head[16] = {0};
    size_t n = std::fread(head, 1, sizeof head - 1, f);
    std::fclose(f);
    if (n == 0)
      return;
    if (std::strncmp(head, "_HiStOrY_V2_", 12) != 0) {
      // Not ours (or another format): do not overwrite it.
      std::fprintf(stderr,
                   "dgm: warning: '%s' is not a libedit history file; the "
                   "history of this session will not be saved\n",
                   historyFile.c_str());
      saveFailed = true;
      return;
    }
    ::history(history, &event, H_LOAD, historyFile.c_str());
  }

  void saveHistory() {
    if (historyFile.empty() || saveFailed)
      return;
    std::error_code ec;
    fs::path parent = fs::path(historyFile).parent_path();
    if (!parent.empty())
      fs::create_directories(parent, ec);
    errno = 0;
    if (::history(history, &event, H_SAVE, historyFile.c_str()) >= 0)
      return;
    int error = errno;
    if (ec)
      error = ec.value();
    saveFailed = true;
    std::fprintf(stderr, "dgm: warning: cannot save the history to '%s'%s%s\n",
                 historyFile.c_str(), error ? ": " : "",
                 error ? std::strerror(error) : "");
  }

  std::FILE *out;
  std::string historyFile;
  Completer completer;
  EditLine *el = nullptr;
  History *history = nullptr;
  HistEvent event;
  std::string prompt;
  int wakeRead = -1, wakeWrite = -1;
  bool saveFailed = false;
  /// The line (and cursor) after an ambiguous TAB: a TAB on the same line
  /// lists the candidates.
  std::optional<std::pair<std::string, size_t>> lastListable;
};

std::string getenvOrEmpty(const char *name) {
  const char *value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

} // namespace

CompletionEdit planCompletion(std::string_view lineBeforeCursor,
                              std::vector<std::string> candidates) {
  CompletionEdit edit;
  candidates.erase(std::remove(candidates.begin(), candidates.end(), ""),
                   candidates.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()),
                   candidates.end());
  if (candidates.empty())
    return edit;
  size_t blank = lineBeforeCursor.find_last_of(" \t");
  std::string_view word = blank == std::string_view::npos
                              ? lineBeforeCursor
                              : lineBeforeCursor.substr(blank + 1);
  std::string prefix = commonPrefix(candidates);
  // The longest end of the word that the candidates go on from.
  size_t length = std::min(word.size(), prefix.size());
  while (length > 0 && word.substr(word.size() - length) !=
                           std::string_view(prefix).substr(0, length))
    --length;
  edit.replace = length;
  edit.insert = prefix;
  if (candidates.size() == 1 && prefix.back() != '/')
    edit.insert += ' ';
  edit.candidates = std::move(candidates);
  return edit;
}

std::unique_ptr<LineReader> createStreamLineReader(std::FILE *in) {
  return std::make_unique<StreamLineReader>(in);
}

std::unique_ptr<LineReader> createEditLineReader(const std::string &historyFile,
                                                 Completer completer) {
  if (!::isatty(STDIN_FILENO))
    return createStreamLineReader(stdin);
  std::FILE *out = ::isatty(STDOUT_FILENO)   ? stdout
                   : ::isatty(STDERR_FILENO) ? stderr
                                             : nullptr;
  if (!out)
    return createStreamLineReader(stdin);
  return std::make_unique<EditLineReader>(out, historyFile,
                                          std::move(completer));
}

std::string defaultHistoryFile() {
  if (std::string file = getenvOrEmpty("DGM_HISTORY_FILE"); !file.empty())
    return file;
  if (std::string state = getenvOrEmpty("XDG_STATE_HOME"); !state.empty())
    return state + "/dgm/repl_history";
  if (std::string home = getenvOrEmpty("HOME"); !home.empty())
    return home + "/.local/state/dgm/repl_history";
  return "";
}

std::vector<std::string> completeFileName(std::string_view word) {
  // "dir/part": list `dir` (as typed, with "~/" read as the home folder).
  size_t slash = word.rfind('/');
  std::string typedFolder(slash == std::string_view::npos
                              ? std::string_view()
                              : word.substr(0, slash + 1));
  std::string part(slash == std::string_view::npos ? word
                                                   : word.substr(slash + 1));
  std::string folder = typedFolder;
  if (folder.rfind("~/", 0) == 0) {
    std::string home = getenvOrEmpty("HOME");
    if (home.empty())
      return {};
    folder = home + folder.substr(1);
  }
  if (folder.empty())
    folder = ".";

  std::vector<std::string> result;
  std::error_code ec;
  fs::directory_iterator it(folder, ec), end;
  if (ec)
    return result;
  bool hidden = !part.empty() && part.front() == '.';
  for (; it != end; it.increment(ec)) {
    if (ec)
      break;
    std::string name = it->path().filename().string();
    if (name == "." || name == "..")
      continue;
    if (name.front() == '.' && !hidden)
      continue;
    if (name.compare(0, part.size(), part) != 0)
      continue;
    std::error_code statError;
    bool folderEntry = it->is_directory(statError); // Follows symlinks.
    result.push_back(typedFolder + name + (folderEntry ? "/" : ""));
  }
  std::sort(result.begin(), result.end());
  return result;
}

} // namespace dgm::cli

#!/usr/bin/env python3
"""Drive `dgm repl` (or line-editor-demo) through a real pseudo-terminal.

usage: repl_pty.py --examples DIR [--work DIR] [--timeout S]
                   [--load-timeout S] -- COMMAND [ARGS...]

Checks, in two sessions sharing one history file (DGM_HISTORY_FILE, in a
folder that does not exist yet):
  session 1
    (a) ":he" TAB completes to ":help"; Enter runs it (a list of commands).
    (b) ":load mo" TAB completes the folder "models/", TAB again the only
        file in it; Ctrl-C abandons that line.
    (c) ":load examples/hbv/hbv.dgm", then ":set BET" TAB completes to the
        common prefix "BETA" without a listing, TAB again lists BETA and
        BETAET; Ctrl-C. ":set K" TAB adds nothing and lists nothing, TAB
        again lists K0 K1 K2.
    (e) ":hel" Ctrl-C gives a fresh prompt and ":help" then works (the
        abandoned text is gone); an empty line and ":help" twice; Ctrl-D
        on the empty line ends the session with status 0.
  the history file: exists, holds ":help" and the :load line, no empty
    entries, no entry repeating the one before.
  session 2
    (d) Up arrow (ESC [ A) shows ":help" and Enter runs it again; ":quit"
        ends with status 0.

The contract: prompt "dgm> ", ":help" lists the commands (":load" and
":quit" among them), ":quit" ends with status 0. Only the Python standard
library (pty, os, select). Every wait has a timeout: a hang is a failure.
Prints "ok: ..." for each check passed; exits 1 with the recent output on
the first failure.
"""

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import tempfile
import termios
import time

PROMPT = "dgm> "
# $REPL_PTY_TRANSCRIPT: a file to append everything the sessions printed to.
args_transcript = os.environ.get("REPL_PTY_TRANSCRIPT")
ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"      # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL or ST
    r"|\x1b[()][0-9A-Za-z]"          # character set selection
    r"|\x1b[=>78NOM]"                # keypad modes, save/restore cursor
)


class Failure(Exception):
    pass


def clean(raw):
    """The text a reader would see: no escapes, bells or carriage returns;
    a backspace erases the character before it."""
    text = ESCAPES.sub("", raw.decode("utf-8", "replace"))
    out = []
    for ch in text:
        if ch == "\b":
            if out and out[-1] != "\n":
                out.pop()
        elif ch in "\r\x07\x00":
            continue
        else:
            out.append(ch)
    return "".join(out)


class Session:
    def __init__(self, command, cwd, env, timeout, name):
        self.timeout = timeout
        self.name = name
        self.raw = b""
        self.mark = 0
        self.status = None
        pid, fd = pty.fork()
        if pid == 0:  # The child, on the pty's slave side.
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ,
                            struct.pack("HHHH", 50, 200, 0, 0))
                os.chdir(cwd)
                os.execvpe(command[0], command, env)
            except OSError as error:
                os.write(2, f"cannot run {command[0]}: {error}\n".encode())
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    # Output
    def _read(self, deadline):
        """Reads what is there (waiting until `deadline`); False at EOF."""
        wait = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal.
            return False
        if not data:
            return False
        self.raw += data
        return True

    def text(self):
        """What was printed since the last mark()."""
        return clean(self.raw[self.mark:])

    def mark_here(self):
        self.mark = len(self.raw)

    def expect(self, pattern, what, timeout=None):
        """Waits until the text since the mark matches `pattern`."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            match = regex.search(self.text())
            if match:
                return match
            if time.monotonic() >= deadline:
                raise Failure(f"{self.name}: {what}: no {pattern!r} after "
                              f"{timeout or self.timeout} s; the screen "
                              f"since the last input:\n{self.text()[-1500:]}")
            if not self._read(deadline):
                match = regex.search(self.text())
                if match:
                    return match
                raise Failure(f"{self.name}: {what}: the program ended "
                              f"before {pattern!r}; the screen since the "
                              f"last input:\n{self.text()[-1500:]}")

    def settle(self, seconds=0.5):
        """Reads for `seconds` (to check that something did not appear)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._read(deadline):
            pass

    # Input
    def send(self, data):
        self.mark_here()
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def command(self, line, what, timeout=None):
        """Types `line`, Enter, and waits for the next prompt; returns the
        output in between."""
        self.send(line + "\r")
        match = self.expect(r"(?s)^.*?\n(.*)" + re.escape(PROMPT) + r"$",
                            what, timeout)
        return match.group(1)

    def wait_exit(self, what):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self._read(min(deadline, time.monotonic() + 0.1))
        raise Failure(f"{self.name}: {what}: still running after "
                      f"{self.timeout} s")

    def kill(self):
        if args_transcript:
            with open(args_transcript, "ab") as f:
                f.write(f"\n===== {self.name} =====\n".encode() + self.raw)
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass


def ok(message):
    print("ok:", message, flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)


def unvis(entry):
    """Undoes the octal escapes (strvis) of libedit's history file."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)),
                  entry).replace("\\\\", "\\")


def history_entries(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    check(lines and lines[0] == "_HiStOrY_V2_",
          f"history file {path} does not start with _HiStOrY_V2_: {lines[:1]}")
    return [unvis(line) for line in lines[1:]]


def run(args):
    if args.work:
        return run_in(args, os.path.abspath(args.work))
    with tempfile.TemporaryDirectory(prefix="dgm-repl-pty-") as work:
        return run_in(args, work)


def run_in(args, work):
    os.makedirs(os.path.join(work, "cwd", "models"), exist_ok=True)
    with open(os.path.join(work, "cwd", "models", "only_model.dgm"), "w") as f:
        f.write("// completion target\n")
    # Not a model: :load does not offer it, so only_model.dgm is the one.
    with open(os.path.join(work, "cwd", "models", "notes.txt"), "w") as f:
        f.write("not a model\n")
    with open(os.path.join(work, "cwd", "data.csv"), "w") as f:
        f.write("date\n")
    history = os.path.join(work, "state", "new folder", "repl_history")
    shutil.rmtree(os.path.join(work, "state"), ignore_errors=True)
    editrc = os.path.join(work, "editrc")
    open(editrc, "w").close()

    env = dict(os.environ)
    env.update({"DGM_HISTORY_FILE": history, "TERM": "xterm",
                "EDITRC": editrc, "COLUMNS": "200", "LINES": "50"})
    hbv = os.path.join(os.path.abspath(args.examples), "hbv", "hbv.dgm")
    cwd = os.path.join(work, "cwd")
    if os.sep in args.command[0]:  # The sessions run in `cwd`.
        args.command[0] = os.path.abspath(args.command[0])

    # Session 1
    s = Session(args.command, cwd, env, args.timeout, "session 1")
    try:
        s.expect(re.escape(PROMPT) + "$", "first prompt",
                 args.load_timeout)
        ok("prompt")

        # (a) a command name
        s.send(":he\t")
        s.expect(r":help $", "TAB after ':he'")
        s.send("\r")
        s.expect(re.escape(PROMPT) + "$", "prompt after :help")
        out = s.text()
        check(":load" in out and ":quit" in out,
              f":help does not list :load and :quit:\n{out}")
        ok("TAB completes ':he' to ':help', which lists the commands")

        # (b) a file name, a folder first
        s.send(":load mo\t")
        s.expect(r":load models/$", "TAB after ':load mo'")
        s.send("\t")
        s.expect(r"only_model\.dgm $", "TAB after ':load models/'")
        s.send("\x03")
        s.expect(re.escape(PROMPT) + "$", "prompt after Ctrl-C")
        ok("TAB completes file names: 'mo' -> 'models/' -> "
           "'models/only_model.dgm' (the .txt beside it is not a model)")

        # (c) parameter names of the loaded model
        s.command(":load " + hbv, ":load hbv.dgm", args.load_timeout)
        s.send(":set BET\t")
        s.expect(r":set BETA$", "TAB after ':set BET'")
        s.settle()
        check("BETAET" not in s.text(),
              f"the first TAB listed the candidates already:\n{s.text()}")
        s.send("\t")
        s.expect(r"BETA +BETAET\s*\n", "second TAB after ':set BETA'")
        s.expect(re.escape(PROMPT) + r":set BETA$",
                 "the line again after the listing")
        s.send("\x03")
        s.expect(re.escape(PROMPT) + "$", "prompt after Ctrl-C")
        ok("TAB completes ':set BET' to 'BETA'; a second TAB lists "
           "BETA and BETAET")
        # Nothing to add ("K0", "K1", "K2"): the first TAB only beeps.
        s.send(":set K\t")
        s.expect(r":set K$", "echo of ':set K'")
        s.settle()
        check("K0" not in s.text(),
              f"a TAB that completes nothing listed already:\n{s.text()}")
        s.send("\t")
        s.expect(r"K0 +K1 +K2\s*\n", "second TAB after ':set K'")
        s.send("\x03")
        s.expect(re.escape(PROMPT) + "$", "prompt after Ctrl-C")
        ok("with nothing to complete, the first TAB does not list, the "
           "second lists K0 K1 K2")

        # (d1) dgm repl only (not the line-editor demo): TAB completes the
        # standard library's functions, imported in every session.
        if "line-editor-demo" not in os.path.basename(args.command[0]):
            s.send("hamo\t")
            s.expect(r"hamon $", "TAB after 'hamo'")
            s.send("\x03")
            s.expect(re.escape(PROMPT) + "$", "prompt after Ctrl-C")
            ok("TAB completes the standard library's 'hamo' to 'hamon'")

        # (d2) Ctrl-C on a continuation line drops the whole unfinished
        # entry: the next line is an input of its own, not part of it.
        s.send("fn unfinished(x) = (x +\r")
        s.expect(r"\.\.\.> $", "continuation prompt")
        s.send("\x03")
        s.expect(r"\n" + re.escape(PROMPT) + "$", "fresh prompt after Ctrl-C")
        out = s.command(":set BETA=2", "a command after the dropped entry")
        # (Had the entry been kept, this line would continue it: no prompt.)
        check("error" not in out,
              f"':set BETA=2' after Ctrl-C on a continuation line:\n{out}")
        ok("Ctrl-C on a continuation line drops the whole entry")

        # (e) Ctrl-C abandons a half-typed line, the session goes on
        s.send(":hel")
        s.expect(r":hel$", "echo of ':hel'")
        s.send("\x03")
        s.expect(r"\n" + re.escape(PROMPT) + "$", "fresh prompt after Ctrl-C")
        out = s.command(":help", ":help after Ctrl-C")
        check(":quit" in out,
              f"':help' after Ctrl-C did not list the commands:\n{out}")
        ok("Ctrl-C abandons the line and the session goes on")


        # Not recorded: an empty line, an exact repeat.
        s.command("", "empty line")
        s.command(":help", "second :help")
        s.send("\x04")
        status = s.wait_exit("Ctrl-D on an empty line")
        check(status == 0, f"Ctrl-D ended with status {status}")
        ok("Ctrl-D on an empty line ends the session with status 0")
    finally:
        s.kill()

    # The history file
    check(os.path.isfile(history), f"no history file {history}")
    entries = history_entries(history)
    check(":help" in entries and ":load " + hbv in entries,
          f"history lacks ':help' or the :load line: {entries}")
    check(all(e.strip() for e in entries), f"an empty entry: {entries}")
    check(all(a != b for a, b in zip(entries, entries[1:])),
          f"an entry repeats the one before: {entries}")
    check(entries[-1] == ":help", f"last entry is not ':help': {entries}")
    check(entries.count(":help") == 2,
          f"':help' (completed as ':help ') not recorded twice: {entries}")
    check(":hel" not in entries and ":set BETA" not in entries,
          f"abandoned lines were recorded: {entries}")
    ok("the history file holds the commands entered, without blanks or "
       "repeats")

    # Session 2: the history is back
    s = Session(args.command, cwd, env, args.timeout, "session 2")
    try:
        s.expect(re.escape(PROMPT) + "$", "first prompt", args.load_timeout)
        s.send("\x1b[A")
        s.expect(r":help$", "Up arrow")
        s.send("\r")
        s.expect(re.escape(PROMPT) + "$", "prompt after the recalled :help")
        out = s.text()
        check(":load" in out and ":quit" in out,
              f"the recalled ':help' did not run:\n{out}")
        ok("Up arrow in a new session recalls ':help' and Enter runs it")
        s.send(":quit\r")
        status = s.wait_exit(":quit")
        check(status == 0, f":quit ended with status {status}")
        ok(":quit ends the session with status 0")
    finally:
        s.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", required=True)
    parser.add_argument("--work", help="scratch folder (default: a new one)")
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--load-timeout", type=float, default=180,
                        help="for the start and :load (compiles the model)")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    try:
        run(args)
    except Failure as failure:
        print(f"FAIL: {failure}", flush=True)
        return 1
    print("PASS", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

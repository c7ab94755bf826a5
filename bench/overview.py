#!/usr/bin/env python3
"""Latency of the workspace overview (issue 22) and the state lock's longest hold (issue 16).

Starts newsls on a workspace folder as an editor would (pull diagnostics, inlay hints, code
lenses, progress), waits for the index, then times, over fresh requests:

- the overview of the whole workspace: `workspace/diagnostic`, `newsls/workspaceEntities`,
  `newsls/workspaceQuotes`, `newsls/entityMentions` of the most mentioned entity;
- what one open article draws: `textDocument/inlayHint` and `textDocument/codeLens`;
- typing in that article with hover and references in flight (requests sent without waiting
  between the edits), then `shutdown`: the server logs its longest lock hold (NEWSLS_LOG=info),
  which is printed.

    python3 bench/overview.py WORKSPACE [--file FILE] [--server target/release/newsls]
        [--repeat 5] [--edits 200]

Standard library only. Times are wall clock, from the request written to its answer read.
"""

import argparse
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


class Server:
    """A stdio LSP connection that answers the server's own requests."""

    def __init__(self, command, env):
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=env)
        self.next_id = 0
        self.answers = {}
        self.cond = threading.Condition()
        self.notes = queue.Queue()
        self.stderr = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = out.read(length)
            now = time.perf_counter()
            message = json.loads(body)
            if "method" in message and "id" in message:
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "method" in message:
                self.notes.put(message)
            else:
                with self.cond:
                    self.answers[message["id"]] = (now, message)
                    self.cond.notify_all()

    def _send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def send(self, method, params):
        """Sends a request; returns its id and the time it was written."""
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id, time.perf_counter()

    def wait(self, request_id, timeout=120):
        with self.cond:
            if not self.cond.wait_for(lambda: request_id in self.answers, timeout):
                raise TimeoutError(f"no answer to request {request_id}")
            return self.answers.pop(request_id)

    def call(self, method, params):
        """The answer's result and how long it took, in milliseconds."""
        request_id, sent = self.send(method, params)
        at, answer = self.wait(request_id)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"], (at - sent) * 1000

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_note(self, test, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            note = self.notes.get(timeout=max(0.01, deadline - time.monotonic()))
            if test(note):
                return note


CAPABILITIES = {
    "window": {"workDoneProgress": True},
    "workspace": {"configuration": True, "diagnostics": {"refreshSupport": True},
                  "inlayHint": {"refreshSupport": True}, "codeLens": {"refreshSupport": True}},
    "textDocument": {"diagnostic": {}, "inlayHint": {}, "codeLens": {},
                     "publishDiagnostics": {"versionSupport": True}},
}


def timed(server, method, params, repeat):
    times, result = [], None
    for _ in range(repeat):
        result, ms = server.call(method, params)
        times.append(ms)
    return result, times


def row(name, times, size):
    print(f"{name:34} median {statistics.median(times):8.2f} ms   max {max(times):8.2f} ms   {size}")


def typing(server, uri, text, edits):
    """Edits at the end of the first line, each followed by a hover and references requests
    that are not waited for before the next edit."""
    first = text.split("\n", 1)[0]
    line_end = len(first.encode("utf-16-le")) // 2
    word = re.search(r"[A-Z][a-z]+ [A-Z][a-z]+", text)
    before = text[:word.start()] if word else ""
    at = {"line": before.count("\n"), "character": len(before.rsplit("\n", 1)[-1].encode("utf-16-le")) // 2}
    pending = []
    for version in range(2, edits + 2):
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": line_end},
                                          "end": {"line": 0, "character": line_end}},
                                "text": "x"}]})
        line_end += 1
        doc = {"textDocument": {"uri": uri}, "position": at}
        pending.append(server.send("textDocument/hover", doc)[0])
        pending.append(server.send("textDocument/references",
                                   {**doc, "context": {"includeDeclaration": True}})[0])
        time.sleep(0.02)
    for request_id in pending:
        server.wait(request_id)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--file", type=Path, help="article to open (default: the first .txt by name)")
    ap.add_argument("--server", default="target/release/newsls")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--edits", type=int, default=200)
    args = ap.parse_args()
    root = args.workspace.resolve()
    path = (args.file or min(root.glob("*.txt"))).resolve()
    env = dict(os.environ, NEWSLS_LOG="info")
    server = Server([args.server], env)
    server.call("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                               "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                               "capabilities": CAPABILITIES})
    clock = time.perf_counter()
    server.notify("initialized", {})
    server.wait_note(lambda n: n["method"] == "$/progress"
                     and n["params"]["value"].get("kind") == "end")
    print(f"workspace {root.name}: indexed in {time.perf_counter() - clock:.1f} s")

    uri, text = path.as_uri(), path.read_text()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "news", "version": 1, "text": text}})
    report, times = timed(server, "workspace/diagnostic", {"previousResultIds": []}, args.repeat)
    row("workspace/diagnostic", times, f"{len(report['items'])} files")
    entities, times = timed(server, "newsls/workspaceEntities", {}, args.repeat)
    row("newsls/workspaceEntities", times, f"{len(entities)} entities")
    top = {"id": entities[0]["id"]} if entities else {"id": ""}
    mentions, times = timed(server, "newsls/entityMentions", top, args.repeat)
    row("newsls/entityMentions (top entity)", times, f"{len(mentions)} mentions")
    groups, times = timed(server, "newsls/workspaceQuotes", {}, args.repeat)
    row("newsls/workspaceQuotes", times, f"{sum(len(g['quotes']) for g in groups)} quotes")
    lines = text.count("\n") + 1
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}}
    hints, times = timed(server, "textDocument/inlayHint",
                         {"textDocument": {"uri": uri}, "range": whole}, args.repeat * 4)
    row(f"textDocument/inlayHint ({len(text.encode()) // 1024} KiB)", times, f"{len(hints or [])} hints")
    lenses, times = timed(server, "textDocument/codeLens", {"textDocument": {"uri": uri}},
                          args.repeat * 4)
    row(f"textDocument/codeLens ({len(text.encode()) // 1024} KiB)", times, f"{len(lenses or [])} lenses")

    clock = time.perf_counter()
    typing(server, uri, text, args.edits)
    print(f"typing: {args.edits} edits with a hover and references each in flight, "
          f"{time.perf_counter() - clock:.1f} s")
    server.call("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=10)
    time.sleep(0.1)
    held = [line.strip() for line in server.stderr if "longest hold" in line]
    print(held[-1] if held else "the server logged no lock hold (is NEWSLS_LOG honoured?)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

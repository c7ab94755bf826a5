//! A small LSP client over stdio for end-to-end tests: starts the real `newsls` binary,
//! frames JSON-RPC messages, answers the server's own requests, and keeps every
//! notification so tests can wait for the ones they expect.
#![allow(dead_code)]

pub mod cursor;
pub mod typed;

#[allow(unused_imports)]
pub use cursor::{at, covered, cursor, find, position_of, uri};

use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::request::WorkspaceSymbolRequest;
use tower_lsp_server::ls_types::{WorkspaceSymbolParams, WorkspaceSymbolResponse};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Deterministic pseudo-random numbers (xorshift), so failures are reproducible.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// The server binary under test: `NEWSLS_BIN` when set (so the heavy tests can run against a
/// release build; relative paths are taken from the crate root), else the one cargo built.
pub fn bin() -> PathBuf {
    match std::env::var_os("NEWSLS_BIN") {
        Some(path) => Path::new(env!("CARGO_MANIFEST_DIR")).join(path),
        None => PathBuf::from(env!("CARGO_BIN_EXE_newsls")),
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn seed(name_prefix: &str) -> (PathBuf, String) {
    let dir = fixtures().join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(name_prefix)
        })
        .expect("seed fixture");
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// Every seed article, one after another: real text to build big inputs from.
pub fn seed_text() -> String {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A fresh temporary directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsls-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received so far, in order.
    pub seen: Vec<Value>,
    /// The reply given to `workspace/configuration` requests.
    pub configuration: Value,
    /// Whether the server's own requests are answered (false: a client that never answers).
    pub answers: bool,
}

impl Client {
    pub fn start() -> Client {
        Client::start_with(Command::new(bin()))
    }

    /// Starts the server with a command of the caller's (e.g. under a tracer).
    pub fn start_with(mut command: Command) -> Client {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .env("NEWSLS_LOG", "warn")
            .spawn()
            .expect("start newsls");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 1,
            seen: Vec::new(),
            configuration: Value::Null,
            answers: true,
        }
    }

    /// Starts the server and initializes it with `capabilities`, the root folder and options.
    pub fn initialized(
        capabilities: Value,
        root: Option<&Path>,
        options: Value,
    ) -> (Client, Value) {
        Client::start().initialize(capabilities, root, options)
    }

    /// Initializes a started server with `capabilities`, the root folder and options.
    pub fn initialize(
        self,
        capabilities: Value,
        root: Option<&Path>,
        options: Value,
    ) -> (Client, Value) {
        let mut client = self;
        let root_uri = root.map(file_uri);
        let folders = root.map(|r| json!([{"uri": file_uri(r), "name": "root"}]));
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "workspaceFolders": folders,
                   "capabilities": capabilities, "initializationOptions": options}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and returns its result; panics on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.response(id);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for the response to request `id` (result or error).
    pub fn response(&mut self, id: i64) -> Value {
        self.response_to(&json!(id))
    }

    /// Waits for the response to the request with this id, of any JSON type.
    pub fn response_to(&mut self, id: &Value) -> Value {
        self.wait(|m| m.get("id") == Some(id) && m.get("method").is_none())
    }

    /// Waits for the response to request `id` and for `nulls` responses with a null id (the
    /// answers to messages that could not be read), in whatever order they come.
    pub fn response_and_nulls(&mut self, id: i64, nulls: usize) -> (Value, Vec<Value>) {
        let (mut response, mut found) = (None, Vec::new());
        while response.is_none() || found.len() < nulls {
            let message = self.wait(|m| {
                m.get("method").is_none() && (m["id"] == id || m.get("id") == Some(&Value::Null))
            });
            if message["id"].is_null() {
                found.push(message);
            } else {
                response = Some(message);
            }
        }
        (response.unwrap(), found)
    }

    /// Waits for the responses to all of `ids`, in whatever order they come.
    pub fn responses(&mut self, ids: &[i64]) -> HashMap<i64, Value> {
        let mut found = HashMap::new();
        while found.len() < ids.len() {
            let response = self.wait(|m| {
                m.get("method").is_none() && m["id"].as_i64().is_some_and(|id| ids.contains(&id))
            });
            found.insert(response["id"].as_i64().unwrap(), response);
        }
        found
    }

    /// Waits for a response with a null id (the answer to a message that could not be read).
    pub fn response_null_id(&mut self) -> Value {
        self.wait(|m| m.get("id") == Some(&Value::Null) && m.get("error").is_some())
    }

    /// Waits for a notification or server request matching `method` and `pred`, looking at
    /// those already received first.
    pub fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(found) = self
            .seen
            .iter()
            .find(|m| m["method"] == method && pred(&m["params"]))
        {
            return found.clone();
        }
        self.wait(|m| m["method"] == method && pred(&m["params"]))
    }

    /// The diagnostics published for `uri` at exactly `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!("timed out; seen: {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => panic!("server closed its output"),
            };
            self.answer_server_request(&message);
            if message.get("method").is_some() {
                self.seen.push(message.clone());
            }
            if pred(&message) {
                return message;
            }
        }
    }

    /// Answers requests the server sends to the client, as an editor would.
    fn answer_server_request(&mut self, message: &Value) {
        let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) else {
            return;
        };
        if !self.answers {
            return;
        }
        let result = match method {
            "workspace/configuration" => json!([self.configuration]),
            "workspace/applyEdit" => json!({"applied": true}),
            _ => Value::Null,
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The file names (last path segment) the workspace index names `query` in, sorted, once
    /// each.
    pub fn indexed_in(&mut self, query: &str) -> Vec<String> {
        let found = self.call::<WorkspaceSymbolRequest>(WorkspaceSymbolParams {
            query: query.into(),
            ..Default::default()
        });
        let Some(WorkspaceSymbolResponse::Flat(found)) = found else {
            panic!("flat workspace symbols expected: {found:?}");
        };
        let mut names: Vec<String> = found
            .iter()
            .map(|s| {
                s.location
                    .uri
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Asks until the index names `query` in exactly `files` (the server re-reads changed
    /// files in the background), then checks it one last time.
    pub fn wait_indexed(&mut self, query: &str, files: &[&str]) {
        for _ in 0..100 {
            if self.indexed_in(query) == files {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(self.indexed_in(query), files, "{query}");
    }

    /// Reports changes on disk: (path, LSP FileChangeType: 1 created, 2 changed, 3 deleted).
    pub fn watched(&mut self, changes: &[(&Path, u32)]) {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(path, typ)| json!({"uri": file_uri(path), "type": typ}))
            .collect();
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": changes}),
        );
    }

    /// The server's copy of a document: (version, text).
    pub fn server_text(&mut self, uri: &str) -> (i64, String) {
        let copy = self.document_text(&cursor::uri(uri));
        (copy.version.into(), copy.text)
    }

    /// Shuts down cleanly and returns the exit status.
    pub fn shutdown(mut self) -> std::process::ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.stdin.take();
        self.wait_exit()
    }

    /// The server's process id (for reading its memory use from /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the process the client started (and reaps it, so it is gone, not a zombie).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    pub fn wait_exit(&mut self) -> std::process::ExitStatus {
        self.exit_within(TIMEOUT)
    }

    /// Waits at most `limit` for the server to exit; panics if it is still running then.
    pub fn exit_within(&mut self, limit: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "server did not exit within {limit:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Applies the text edits of a workspace edit for `uri` (from `changes` or `documentChanges`)
/// to `text`, last edit first so earlier positions stay valid.
pub fn apply_workspace_edit(text: &str, edit: &Value, uri: &str, encoding: &str) -> String {
    let mut edits: Vec<Value> = Vec::new();
    if let Some(changes) = edit["changes"][uri].as_array() {
        edits.extend(changes.iter().cloned());
    }
    for change in edit["documentChanges"].as_array().into_iter().flatten() {
        if change["textDocument"]["uri"] == uri {
            edits.extend(change["edits"].as_array().unwrap().iter().cloned());
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"], encoding)));
    edits.iter().fold(text.to_string(), |text, e| {
        apply_edit(&text, &e["range"], e["newText"].as_str().unwrap(), encoding)
    })
}

/// Client-side model of a document: applies LSP edits naively, char by char, in `encoding`.
pub fn apply_edit(text: &str, range: &Value, new_text: &str, encoding: &str) -> String {
    let start = offset(text, &range["start"], encoding);
    let end = offset(text, &range["end"], encoding);
    format!("{}{}{}", &text[..start], new_text, &text[end..])
}

/// Byte offset of an LSP position, computed the slow obvious way.
pub fn offset(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let mut line_start = 0;
    let mut current = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while current < line && i < bytes.len() {
        if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            current += 1;
            line_start = i + 1;
        }
        i += 1;
    }
    let mut units = 0;
    for (at, c) in text[line_start..].char_indices() {
        if c == '\n' || c == '\r' || units >= character {
            return line_start + at;
        }
        units += match encoding {
            "utf-8" => c.len_utf8(),
            "utf-16" => c.len_utf16(),
            _ => 1,
        };
    }
    text.len()
}

/// The LSP position of byte `at`, computed the slow obvious way.
pub fn position(text: &str, at: usize, encoding: &str) -> Value {
    let before = &text[..at];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let character: usize = before[line_start..]
        .chars()
        .map(|c| match encoding {
            "utf-8" => c.len_utf8(),
            "utf-16" => c.len_utf16(),
            _ => 1,
        })
        .sum();
    json!({"line": line, "character": character})
}

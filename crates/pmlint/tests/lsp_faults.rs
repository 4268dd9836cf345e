//! Fault injection into `pmlint lsp` by a client that writes raw bytes: malformed JSON,
//! wrong and absurd Content-Length headers, unknown methods, requests before
//! `initialize`, changes to documents never opened, out-of-range positions, versions
//! going backwards, a burst of a thousand edits, and the client vanishing. The server
//! must answer with JSON-RPC errors or carry on, and exit when its input closes: no
//! panic, no hang. Every wait is bounded, so a hang fails the test instead of stalling it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Generous: a loaded CI machine is slow, but a hang is forever.
const WAIT: Duration = Duration::from_secs(60);

const URI: &str = "file:///tmp/pmlint-faults/incidents/postmortem.md";

const POSTMORTEM: &str = "# Postmortem: Queue backlog\n\n**Date:** 2025-01-10\n\n## Summary\n\nThe queue backed up 😀 for 20 minutes because the on-call engineer forgot the limit.\n\n## Timeline\n\n- 10:00 UTC backlog starts\n";

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    stderr: std::thread::JoinHandle<String>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pmlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("pmlint lsp starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Server {
            stdin: child.stdin.take(),
            child,
            messages,
            stderr,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the server reads its input");
        stdin.flush().expect("the server reads its input");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn request(&mut self, id: i64, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message that satisfies `wanted`, skipping the others; panics after WAIT.
    fn wait_for(&self, what: &str, mut wanted: impl FnMut(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {WAIT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server exited before {what}"),
            }
        }
    }

    fn response(&self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| m["id"] == json!(id))
    }

    fn initialize(&mut self) {
        self.request(
            1,
            "initialize",
            json!({"capabilities": {}, "processId": null}),
        );
        let answer = self.response(1);
        assert!(answer["result"]["capabilities"].is_object(), "{answer}");
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, text: &str) {
        self.open_at(URI, text);
    }

    fn open_at(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    /// Closes the server's input (the client is gone) and returns its stderr once it
    /// has exited; panics if it does not exit or panicked.
    fn hang_up(mut self) -> String {
        self.stdin.take();
        self.exited()
    }

    /// Waits for the server to exit and returns its stderr; panics if it does not exit
    /// or panicked. The input stays open as long as `self` holds it.
    fn exited(mut self) -> String {
        let deadline = Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("waitable") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {WAIT:?} of its input closing");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let stderr = self.stderr.join().expect("stderr reader");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            status.code().is_some(),
            "killed by a signal: {status:?}\n{stderr}"
        );
        stderr
    }
}

/// One `Content-Length` framed message from the server.
fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
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
        if let Some(n) = line.strip_prefix("Content-Length:") {
            length = n.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes valid JSON"))
}

fn error_code(message: &Value) -> i64 {
    message["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("an error response: {message}"))
}

fn hover(line: u64, character: u64) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

#[test]
fn requests_before_initialize_unknown_methods_and_bad_params_get_errors() {
    let mut server = Server::start();
    server.request(7, "textDocument/hover", hover(0, 0));
    assert_eq!(
        error_code(&server.response(7)),
        -32002,
        "server not initialized"
    );
    server.initialize();
    server.request(8, "pmlint/nonsense", json!({}));
    assert_eq!(error_code(&server.response(8)), -32601, "method not found");
    server.notify("$/unknownNotification", json!({"x": 1}));
    server.request(
        9,
        "textDocument/hover",
        json!({"textDocument": "not an object"}),
    );
    assert_eq!(error_code(&server.response(9)), -32602, "invalid params");
    server.request(10, "textDocument/hover", json!(null));
    assert_eq!(error_code(&server.response(10)), -32602, "invalid params");
    server.request(11, "shutdown", json!(null));
    assert_eq!(server.response(11)["result"], Value::Null);
    server.notify("exit", json!(null));
    server.hang_up();
}

#[test]
fn exit_ends_the_server_while_the_client_keeps_its_input_open() {
    // Clients such as pytest-lsp wait for the process to end before closing its stdin.
    let mut server = Server::start();
    server.initialize();
    server.request(1, "shutdown", json!(null));
    server.response(1);
    server.notify("exit", json!(null));
    server.exited();
}

#[test]
fn malformed_frames_are_survived_and_the_next_message_is_served() {
    let mut server = Server::start();
    server.initialize();
    // Not JSON, then JSON that is not JSON-RPC, then invalid UTF-8.
    server.raw(b"Content-Length: 9\r\n\r\n{not json");
    server.raw(b"Content-Length: 2\r\n\r\n[]");
    server.raw(b"Content-Length: 4\r\n\r\n\"\xff\xfe\"");
    // Headers that lie: no length, a length that is not a number, a length too short
    // (the rest of the body reads as garbage headers).
    server.raw(b"Content-Type: application/json\r\n\r\n{}");
    server.raw(b"Content-Length: ten\r\n\r\n{}");
    let body = json!({"jsonrpc": "2.0", "id": 20, "method": "shutdown"}).to_string();
    server.raw(format!("Content-Length: 5\r\n\r\n{body}").as_bytes());
    // The server resynchronises on the next well-formed header.
    for id in 21..24 {
        server.request(id, "pmlint/nonsense", json!({}));
    }
    assert_eq!(error_code(&server.response(23)), -32601);
    server.open(POSTMORTEM);
    server.wait_for("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    server.hang_up();
}

#[test]
fn an_absurd_content_length_neither_allocates_it_nor_hangs_after_hang_up() {
    let mut server = Server::start();
    server.initialize();
    server.raw(b"Content-Length: 999999999999999\r\n\r\n{\"jsonrpc\":\"2.0\"");
    server.hang_up();
}

#[test]
fn unopened_documents_hostile_positions_and_stale_versions_are_harmless() {
    let mut server = Server::start();
    server.initialize();
    // A change to a document never opened, then requests about it.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///never/opened.md", "version": 2},
               "contentChanges": [{"text": "# x"}]}),
    );
    server.request(30, "textDocument/hover", json!({"textDocument": {"uri": "file:///never/opened.md"}, "position": {"line": 0, "character": 0}}));
    assert!(server.response(30).get("error").is_none());
    server.open(POSTMORTEM);
    server.wait_for("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    // Positions past every line and column, and a range given end first.
    server.request(
        31,
        "textDocument/hover",
        hover(u32::MAX as u64, u32::MAX as u64),
    );
    assert!(server.response(31).get("error").is_none());
    server.request(
        32,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI},
               "range": {"start": {"line": 99, "character": 5}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    assert!(server.response(32).get("error").is_none());
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 4000000000u64, "character": 7}, "end": {"line": 2, "character": 4000000000u64}}, "text": "tail 中文\n"}]}),
    );
    // A version going backwards is ignored, with a warning in the log.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 1}, "contentChanges": [{"text": "# gone"}]}),
    );
    let warning = server.wait_for("a stale-version warning", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("already at version 2"))
    });
    assert_eq!(warning["params"]["type"], 2, "{warning}");
    server.request(33, "pmlint/score", json!({"textDocument": {"uri": URI}}));
    assert_eq!(server.response(33)["result"]["version"], 2);
    server.hang_up();
}

#[test]
fn a_burst_of_a_thousand_edits_ends_in_diagnostics_for_the_last_version() {
    let mut server = Server::start();
    server.initialize();
    server.open(POSTMORTEM);
    const EDITS: i64 = 1000;
    for version in 2..=EDITS + 1 {
        let text = if version % 2 == 0 { "x" } else { "😀" };
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version},
                   "contentChanges": [{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}}, "text": text}]}),
        );
    }
    let mut published = 0;
    server.wait_for("diagnostics of the last version", |m| {
        if m["method"] != "textDocument/publishDiagnostics" {
            return false;
        }
        published += 1;
        m["params"]["version"] == json!(EDITS + 1)
    });
    assert!(
        published < EDITS,
        "debounced: {published} publications for {EDITS} edits"
    );
    server.request(40, "pmlint/score", json!({"textDocument": {"uri": URI}}));
    assert_eq!(server.response(40)["result"]["version"], EDITS + 1);
    server.hang_up();
}

#[test]
fn the_server_exits_when_the_client_vanishes_mid_message_and_mid_lint() {
    let mut server = Server::start();
    server.initialize();
    // A large document being linted, and half a message, when the client disappears.
    server.open(&POSTMORTEM.repeat(2000));
    server.raw(b"Content-Length: 80\r\n\r\n{\"jsonrpc\":\"2.0\",");
    server.hang_up();
}

/// Parity: the language server's `pmlint/score` is the CLI's score, breakdown included
/// (the WebAssembly build is held to the CLI by editor-web/tests/parity.test.mjs).
#[test]
fn the_language_server_scores_as_the_cli_does() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let dir = tempfile::tempdir().unwrap();
    for (id, entry) in std::fs::read_dir(examples).unwrap().enumerate() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let path = dir.path().join(format!("pm{id}.md"));
        std::fs::write(&path, &text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_pmlint"))
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut server = Server::start();
        server.initialize();
        server.open(&text);
        server.request(2, "pmlint/score", json!({"textDocument": {"uri": URI}}));
        let lsp = server.response(2);
        assert_eq!(lsp["result"]["score"], cli["files"][0]["score"], "{path:?}");
        server.hang_up();
    }
}

/// Parity on communications: the language server's kind and seed 000's rubric are the
/// CLI's, for every executive update and customer notice of eval/comms (the file name
/// decides the kind of those without front matter; the WebAssembly build is held to the
/// CLI by editor-web/tests/parity.test.mjs).
#[test]
fn the_language_server_gives_the_clis_rubric() {
    let comms = concat!(env!("CARGO_MANIFEST_DIR"), "/../../eval/comms");
    let mut files: Vec<_> = std::fs::read_dir(comms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 24, "{files:?}");
    let out = Command::new(env!("CARGO_BIN_EXE_pmlint"))
        .args(["check", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut server = Server::start();
    server.initialize();
    for (id, path) in files.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy();
        let uri = format!("file:///tmp/pmlint-parity/{name}");
        server.open_at(&uri, &std::fs::read_to_string(path).unwrap());
        let id = id as i64 + 2;
        server.request(id, "pmlint/score", json!({"textDocument": {"uri": uri}}));
        let lsp = server.response(id);
        let file = cli["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(&*name))
            .unwrap();
        assert_ne!(file["kind"], "postmortem", "{name}");
        assert_eq!(lsp["result"]["kind"], file["kind"], "{name}");
        assert_eq!(
            lsp["result"]["score"]["rubric"], file["score"]["rubric"],
            "{name}"
        );
        assert_eq!(
            lsp["result"]["score"]["average"], file["score"]["average"],
            "{name}"
        );
    }
    server.hang_up();
}

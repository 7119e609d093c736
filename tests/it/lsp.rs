//! `slac lsp` driven as an editor drives it: JSON-RPC over its standard
//! input and output (initialize, didOpen, didChange, hover, definition,
//! references, documentSymbol, completion, formatting, shutdown, exit).
//! URIs in snapshots are relative to a root named `ROOT`, so they are the
//! same on every machine.

use crate::repo;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// A client talking to one `slac lsp` process.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for a response.
    queued: VecDeque<Value>,
    next_id: i64,
    /// The URI prefix replaced by `file:///ROOT` in what is shown.
    root: String,
}

/// A `file:` URI for a path, as editors send it (spaces and non-ASCII
/// percent-encoded).
fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    /// Start `slac lsp` and initialize it; `utf8` offers UTF-8 positions.
    fn start(root: &Path, utf8: bool) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_slac"))
            .arg("lsp")
            .current_dir(repo())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("slac lsp starts");
        let stdin = child.stdin.take().expect("a piped stdin");
        let stdout = child.stdout.take().expect("a piped stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap_or(0)];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(msg) = serde_json::from_slice(&body) else { return };
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        let mut client = Client { child, stdin, incoming, queued: VecDeque::new(), next_id: 1, root: uri(root) };
        let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": encodings}}}),
        );
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("slac lsp reads");
        self.stdin.flush().expect("slac lsp reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        // Generous: a hung server fails the test rather than the run.
        self.incoming.recv_timeout(Duration::from_secs(60)).expect("slac lsp answers")
    }

    /// Send a request and wait for its response (its `result`, or
    /// `{"error": ...}`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.receive();
            if msg.get("id") == Some(&json!(id)) {
                return match msg.get("error") {
                    Some(e) => json!({"error": e}),
                    None => msg["result"].clone(),
                };
            }
            self.queued.push_back(msg);
        }
    }

    /// The next diagnostics published for a file.
    fn diagnostics(&mut self, file: &Path) -> Value {
        let uri = uri(file);
        let is_ours = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
        if let Some(i) = self.queued.iter().position(is_ours) {
            return self.queued.remove(i).expect("queued")["params"].clone();
        }
        loop {
            let msg = self.receive();
            if is_ours(&msg) {
                return msg["params"].clone();
            }
            self.queued.push_back(msg);
        }
    }

    fn open(&mut self, file: &Path, text: &str) {
        let doc = json!({"uri": uri(file), "languageId": "sla", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    fn change(&mut self, file: &Path, version: i64, changes: Value) {
        let doc = json!({"uri": uri(file), "version": version});
        self.notify("textDocument/didChange", json!({"textDocument": doc, "contentChanges": changes}));
    }

    /// A request about a position of a file.
    fn at(&mut self, method: &str, file: &Path, line: u32, character: u32) -> Value {
        let mut params =
            json!({"textDocument": {"uri": uri(file)}, "position": {"line": line, "character": character}});
        if method == "textDocument/references" {
            params["context"] = json!({"includeDeclaration": true});
        }
        self.request(method, params)
    }

    /// Shut down and exit; the exit code.
    fn finish(mut self) -> Option<i32> {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().ok().and_then(|s| s.code())
    }

    /// A value as shown in a snapshot: pretty JSON with the root's URI
    /// replaced.
    fn show(&self, v: &Value) -> String {
        serde_json::to_string_pretty(v).expect("JSON").replace(&self.root, "file:///ROOT")
    }
}

/// The line and UTF-16 column of the `nth` occurrence of `needle`, plus
/// `into` characters into it.
fn find(text: &str, needle: &str, nth: usize, into: u32) -> (u32, u32) {
    let at = text.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..at].matches('\n').count() as u32;
    let column = text[line_start..at].encode_utf16().count() as u32;
    (line, column + into)
}

/// The hover's Markdown, or `null`.
fn hover_text(v: &Value) -> String {
    v["contents"]["value"].as_str().map_or("null".into(), str::to_owned)
}

/// A scratch directory for files the test writes.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lsp-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn a_session_over_a_shipped_contract() {
    let file = repo().join("contracts/bestsign-esign-platform.sla");
    let text = std::fs::read_to_string(&file).unwrap();
    let (mut c, init) = Client::start(repo(), false);
    let mut log = String::new();
    let caps = &init["capabilities"];
    log.push_str(&format!("## capabilities\n{}\n", c.show(caps)));
    c.open(&file, &text);
    let diags = c.diagnostics(&file);
    log.push_str(&format!("## diagnostics on open\n{}\n", c.show(&diags["diagnostics"])));
    for (what, needle, nth, into) in [
        ("availability target", "target 99.99%", 0, 2),
        ("tier", "tier L1", 0, 5),
        ("calendar, where a channel uses it", "hours office", 0, 8),
        ("exclusion category", "exempt third_party", 0, 9),
        ("citation", "§ \"4.14.1(2)\"", 0, 3),
        ("24x7", "clock 24x7", 0, 7),
        ("keyword", "  durability esign", 0, 4),
    ] {
        let (line, col) = find(&text, needle, nth, into);
        let h = c.at("textDocument/hover", &file, line, col);
        log.push_str(&format!("## hover: {what} ({line}:{col})\n{}\n{}\n", hover_text(&h), c.show(&h["range"])));
    }
    // A lint rule named in an attribute: its `slac explain` page.
    let (line, col) = find(&text, "allow(unmeasurable-objective", 0, 8);
    let page = hover_text(&c.at("textDocument/hover", &file, line, col));
    assert!(page.starts_with("# L108 `unmeasurable-objective`"), "{page}");
    assert!(page.contains("## Why it matters"), "{page}");
    let (line, col) = find(&text, "hours office", 0, 8);
    let def = c.at("textDocument/definition", &file, line, col);
    log.push_str(&format!("## definition of `office`\n{}\n", c.show(&def)));
    let refs = c.at("textDocument/references", &file, line, col);
    log.push_str(&format!("## references of `office`\n{}\n", c.show(&refs)));
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri(&file)}}));
    let outline: Vec<String> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{} [{}]", s["name"].as_str().unwrap(), s["detail"].as_str().unwrap_or("")))
        .take(14)
        .collect();
    log.push_str(&format!("## outline: {} (the first 14 clauses)\n{}\n", symbols[0]["name"], outline.join("\n")));
    // Completion at the start of a line inside a tier: the tier's fields.
    let (line, _) = find(&text, "    respond within 15min", 0, 0);
    let items = c.at("textDocument/completion", &file, line, 4);
    let labels: Vec<&str> = items.as_array().unwrap().iter().filter_map(|i| i["label"].as_str()).collect();
    log.push_str(&format!("## completion in a tier\n{}\n", labels.join(", ")));
    let fmt = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri(&file)}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    log.push_str(&format!("## formatting\n{}\n", c.show(&fmt)));
    // Type a mistake: `99.99%` becomes `99.99` (no unit).
    let (line, col) = find(&text, "target 99.99%", 0, 12);
    let range = json!({"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}});
    c.change(&file, 2, json!([{"range": range, "text": ""}]));
    let diags = c.diagnostics(&file);
    log.push_str(&format!(
        "## diagnostics after deleting the `%` (version {})\n{}\n",
        diags["version"],
        c.show(&diags["diagnostics"])
    ));
    let unknown = c.request("slac/nothing", json!({}));
    log.push_str(&format!("## an unknown request\n{}\n", c.show(&unknown)));
    assert_eq!(c.finish(), Some(0));
    insta::assert_snapshot!("lsp_session", log);
}

#[test]
fn positions_after_chinese_text_count_utf16_units_or_bytes() {
    let dir = scratch("chinese");
    let file = dir.join("合同.sla");
    let text = "contract \"c\" {\n  timezone \"Asia/Shanghai\"\n  calendar office \"工作日\" = mon-fri 09:00-18:00 except holidays cn\n  channel hotline \"热线电话\" { hours office }\n  tier L1 \"一级故障\" {\n    respond within 8h\n    clock office\n  }\n}\n";
    std::fs::write(&file, text).unwrap();
    let mut log = String::new();
    for utf8 in [false, true] {
        let (mut c, init) = Client::start(&dir, utf8);
        log.push_str(&format!("## position encoding {}\n", init["capabilities"]["positionEncoding"]));
        c.open(&file, text);
        c.diagnostics(&file);
        // `office` after `"热线电话"`: 4 characters, 4 UTF-16 units, 12 bytes.
        let (line, col) = find(text, "hours office", 0, 6);
        let at = if utf8 { col + 8 } else { col };
        let h = c.at("textDocument/hover", &file, line, at);
        log.push_str(&format!("hover at {line}:{at}\n{}\n{}\n", hover_text(&h), c.show(&h["range"])));
        let def = c.at("textDocument/definition", &file, line, at);
        log.push_str(&format!("definition\n{}\n", c.show(&def)));
        // Type after the Chinese: a change whose range is in the client's
        // units replaces `office` with `24x7`.
        let range = json!({"start": {"line": line, "character": at}, "end": {"line": line, "character": at + 6}});
        c.change(&file, 2, json!([{"range": range, "text": "24x7"}]));
        let h = c.at("textDocument/hover", &file, line, 11);
        log.push_str(&format!("the channel after typing `24x7` for `office`\n{}\n", hover_text(&h)));
        let (line, col) = find(text, "clock office", 0, 7);
        let h = c.at("textDocument/hover", &file, line, col);
        log.push_str(&format!("tier L1\n{}\n", hover_text(&c.at("textDocument/hover", &file, line - 2, 8))));
        assert!(hover_text(&h).starts_with("**calendar `office`**"));
        assert_eq!(c.finish(), Some(0));
    }
    insta::assert_snapshot!("lsp_chinese_positions", log);
}

#[test]
fn imports_and_slac_toml_are_honoured_and_dependants_rechecked() {
    let dir = scratch("imports");
    let shared = dir.join("shared.sla");
    let main = dir.join("contract.sla");
    let shared_text = "calendar office \"工作日\" = mon-fri 09:00-18:00 except holidays cn\n";
    let main_text = "import \"shared.sla\"\n\ncontract \"c\" {\n  timezone \"Asia/Shanghai\"\n  service esign \"电子签约\"\n  tier L1 \"一级\" {\n    respond within 8h\n    clock office\n  }\n  availability esign {\n    target 99.95%\n    period month\n    budget at most 21.6min per month\n  }\n}\n";
    std::fs::write(&shared, shared_text).unwrap();
    std::fs::write(&main, main_text).unwrap();
    std::fs::write(dir.join("slac.toml"), "[lints]\nbudget-claim-mismatch = \"deny\"\n").unwrap();
    let (mut c, _) = Client::start(&dir, false);
    let mut log = String::new();
    c.open(&main, main_text);
    let d = c.diagnostics(&main);
    log.push_str(&format!("## the contract, with slac.toml denying L206\n{}\n", c.show(&d["diagnostics"])));
    let (line, col) = find(main_text, "clock office", 0, 7);
    let def = c.at("textDocument/definition", &main, line, col);
    log.push_str(&format!("## `office` is defined in the import\n{}\n", c.show(&def)));
    let (line, col) = find(main_text, "shared.sla", 0, 2);
    let def = c.at("textDocument/definition", &main, line, col);
    log.push_str(&format!("## the import's path\n{}\n", c.show(&def)));
    let refs = c.at("textDocument/references", &main, line, col);
    log.push_str(&format!("## references of the import: the file and the `import`\n{}\n", c.show(&refs)));
    let (line, col) = find(main_text, "target 99.95%", 0, 9);
    log.push_str(&format!("## hover on the target\n{}\n", hover_text(&c.at("textDocument/hover", &main, line, col))));
    // The imported file is opened and broken, unsaved: the contract is
    // checked again against the buffer.
    c.open(&shared, shared_text);
    c.diagnostics(&shared);
    // References from the import: its uses in the contract open beside it.
    let refs = c.at("textDocument/references", &shared, 0, 11);
    log.push_str(&format!("## references of `office` from the import\n{}\n", c.show(&refs)));
    let range = json!({"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 15}});
    c.change(&shared, 2, json!([{"range": range, "text": "offices"}]));
    let d = c.diagnostics(&main);
    log.push_str(&format!("## the contract after `office` is renamed in the import\n{}\n", c.show(&d["diagnostics"])));
    // An error inside the import is shown on the `import` line, with its
    // own place related.
    c.change(&shared, 3, json!([{"text": "calendar office = mon-fri 09:00-18:00 except holidays cnn\n"}]));
    let d = c.diagnostics(&main);
    log.push_str(&format!("## an error inside the import\n{}\n", c.show(&d["diagnostics"][0])));
    // Closed unsaved: the file on disk counts again.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": uri(&shared)}}));
    let d = c.diagnostics(&shared);
    assert_eq!(d["diagnostics"], json!([]));
    let d = c.diagnostics(&main);
    log.push_str(&format!(
        "## after the import is closed unsaved\n{} diagnostics\n",
        d["diagnostics"].as_array().unwrap().len()
    ));
    // A broken slac.toml, reported by the editor's file watcher: the
    // contract is checked again, still checked, and told why it is not
    // linted.
    std::fs::write(dir.join("slac.toml"), "[lints]\nno-such-rule = \"deny\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&dir.join("slac.toml")), "type": 2}]}));
    let d = c.diagnostics(&main);
    log.push_str(&format!("## with a slac.toml naming no rule\n{}\n", c.show(&d["diagnostics"])));
    assert_eq!(c.finish(), Some(0));
    insta::assert_snapshot!("lsp_imports", log.replace(&dir.display().to_string(), "ROOT"));
}

#[test]
fn a_half_typed_file_gets_diagnostics_and_answers() {
    let dir = scratch("half");
    let file = dir.join("new.sla");
    let (mut c, _) = Client::start(&dir, false);
    let mut text = String::new();
    c.open(&file, &text);
    let mut log = String::new();
    let typed = "contract \"x\" {\n  timezone \"Asia/Sh\n  tier L1 {\n    res";
    // One character at a time, as typed; diagnostics for the last version.
    for (version, ch) in typed.chars().enumerate() {
        let (line, col) = find(&format!("{text}\u{0}"), "\u{0}", 0, 0);
        let at = json!({"line": line, "character": col});
        c.change(&file, version as i64 + 2, json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}]));
        text.push(ch);
    }
    let mut d = c.diagnostics(&file);
    while d["version"] != json!(typed.chars().count() as i64 + 1) {
        d = c.diagnostics(&file);
    }
    log.push_str(&format!("## diagnostics\n{}\n", c.show(&d["diagnostics"])));
    let (line, col) = find(&text, "res", 0, 3);
    let items = c.at("textDocument/completion", &file, line, col);
    let labels: Vec<&str> = items.as_array().unwrap().iter().filter_map(|i| i["label"].as_str()).collect();
    log.push_str(&format!("## completion after `res`\n{}\n", labels.join(", ")));
    let h = c.at("textDocument/hover", &file, 2, 3);
    log.push_str(&format!("## hover\n{}\n", c.show(&h)));
    assert_eq!(c.finish(), Some(0));
    insta::assert_snapshot!("lsp_half_typed", log);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let (mut c, _) = Client::start(repo(), false);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().ok().and_then(|s| s.code()), Some(1));
}

#[test]
fn fee_bases_lead_to_the_lines_that_set_them() {
    let dir = scratch("fees");
    let file = dir.join("fees.sla");
    let text = "contract \"c\" {\n  timezone \"Asia/Shanghai\"\n  currency CNY\n  value CNY 100000.00\n  service esign \"签约\" {\n    fee CNY 1000.00 per month\n  }\n  service api \"接口\" {\n    fee CNY 300.00 per month\n  }\n  availability api {\n    target 99.9%\n  }\n  credit api {\n    basis monthly_fee\n    band [99.00%, 99.90%) => 10%\n    cap 10% of contract_value\n  }\n}\n";
    std::fs::write(&file, text).expect("a scratch file");
    let (mut c, _) = Client::start(&dir, false);
    c.open(&file, text);
    c.diagnostics(&file);
    let mut log = String::new();
    for needle in ["monthly_fee", "contract_value"] {
        let (line, col) = find(text, needle, 0, 3);
        let def = c.at("textDocument/definition", &file, line, col);
        let h = c.at("textDocument/hover", &file, line, col);
        log.push_str(&format!("## {needle}\n{}\ndefinition: {}\n", hover_text(&h), c.show(&def["range"])));
    }
    // The credit is about `api`: its fee, not the first service's.
    let (fee_line, _) = find(text, "fee CNY 300.00", 0, 0);
    let (line, col) = find(text, "monthly_fee", 0, 3);
    let def = c.at("textDocument/definition", &file, line, col);
    assert_eq!(def["range"]["start"]["line"], json!(fee_line));
    assert_eq!(c.finish(), Some(0));
    insta::assert_snapshot!("lsp_fee_bases", log);
}

#[test]
fn an_amendment_shows_its_own_terms() {
    let dir = scratch("amendment");
    let file = dir.join("amended.sla");
    let text = "contract \"c\" {\n  timezone \"Asia/Shanghai\"\n  service esign \"签约\"\n  tier L1 \"一级\" {\n    respond within 30min\n  }\n  availability esign {\n    target 99.9%\n  }\n  amendment \"2025-07\" effective 2025-07-01 {\n    tier L1 \"一级\" {\n      respond within 10min\n    }\n    availability esign {\n      target 99.95%\n    }\n  }\n}\n";
    std::fs::write(&file, text).expect("a scratch file");
    let (mut c, _) = Client::start(&dir, false);
    c.open(&file, text);
    c.diagnostics(&file);
    let mut log = String::new();
    for (what, needle, nth, into) in [
        ("the tier", "tier L1", 0, 5),
        ("the amended tier", "tier L1", 1, 5),
        ("the amended target", "target 99.95%", 0, 9),
    ] {
        let (line, col) = find(text, needle, nth, into);
        log.push_str(&format!("## {what}\n{}\n", hover_text(&c.at("textDocument/hover", &file, line, col))));
    }
    assert_eq!(c.finish(), Some(0));
    insta::assert_snapshot!("lsp_amendment", log);
}

#[test]
fn formatting_gives_slac_fmt_s_layout_and_refuses_a_buffer_that_does_not_parse() {
    let dir = scratch("fmt");
    let file = dir.join("untidy.sla");
    let (mut c, _) = Client::start(&dir, false);
    c.open(&file, "contract \"c\" {\n    timezone   \"Asia/Shanghai\" // zone\n}\n");
    let params = json!({"textDocument": {"uri": uri(&file)}, "options": {"tabSize": 2, "insertSpaces": true}});
    let edits = c.request("textDocument/formatting", params.clone());
    assert_eq!(edits[0]["newText"], "contract \"c\" {\n  timezone \"Asia/Shanghai\"  // zone\n}\n", "{edits}");
    c.change(&file, 2, json!([{"text": "contract \"c\" {\n  timezone \"Asia/Sh\n}\n"}]));
    let refused = c.request("textDocument/formatting", params);
    assert!(refused["error"]["message"].as_str().is_some_and(|m| m.contains("only a file that parses")), "{refused}");
    assert_eq!(c.finish(), Some(0));
}

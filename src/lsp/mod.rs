//! `slac lsp`: a Language Server Protocol server over a [`Connection`]
//! (standard input and output for `slac lsp`). It reuses the compiler:
//! every buffer is checked by `inputs::check_file`, as `slac check` checks
//! a file, through [`documents::Overlay`], which serves open buffers in
//! place of their files.
//!
//! The server is synchronous. Diagnostics are published on open at once and
//! after changes once typing pauses ([`DEBOUNCE`]); a request is answered
//! from a check of the buffer as it is at that moment. A panic while
//! handling a message is caught: the request gets an error, the buffer a
//! diagnostic that says so, and the server keeps running.

mod analysis;
mod completion;
mod definition;
mod diagnostics;
mod documents;
mod format;
mod hover;
mod locate;
mod position;
mod symbols;
mod words;

use analysis::Analysis;
use documents::{Documents, path_of, uri_of};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;
use position::{Encoding, LineIndex};
use serde_json::Value;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long after the last change a buffer is checked and its diagnostics
/// published: long enough not to check on every keystroke of a fast typist,
/// short enough to feel immediate.
pub const DEBOUNCE: Duration = Duration::from_millis(80);

/// Whether the server goes on after a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// `exit` received; `true` when `shutdown` came first (exit code 0).
    Exit(bool),
}

/// The server's state: the open buffers, their last checks, and the
/// buffers waiting to be checked.
pub struct Server {
    documents: Documents,
    analyses: BTreeMap<PathBuf, (i32, Analysis)>,
    pending: BTreeMap<PathBuf, Instant>,
    encoding: Encoding,
    shut_down: bool,
}

impl Server {
    pub fn new(params: &InitializeParams) -> Server {
        Server {
            documents: Documents::default(),
            analyses: BTreeMap::new(),
            pending: BTreeMap::new(),
            encoding: negotiate(params),
            shut_down: false,
        }
    }

    /// What the server answers to `initialize`.
    pub fn initialize_result(&self) -> InitializeResult {
        let encoding = match self.encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        };
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["\"".into(), "/".into()]),
                    ..Default::default()
                }),
                document_formatting_provider: Some(OneOf::Left(true)),
                ..Default::default()
            },
            server_info: Some(ServerInfo { name: "slac".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        }
    }

    /// Handle one message from the client; what to send back goes to
    /// `out`. Never panics: a failure becomes an error response.
    pub fn handle(&mut self, msg: Message, out: &mut Vec<Message>) -> Flow {
        match msg {
            Message::Request(r) => {
                let id = r.id.clone();
                let method = r.method.clone();
                let response = match catch_unwind(AssertUnwindSafe(|| self.request(r))) {
                    Ok(Ok(value)) => Response::new_ok(id, value),
                    Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
                    Err(panic) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("slac failed while answering {method}: {}; please report it", panic_text(&panic)),
                    ),
                };
                out.push(response.into());
                Flow::Continue
            }
            Message::Notification(n) => {
                if n.method == notif::Exit::METHOD {
                    return Flow::Exit(self.shut_down);
                }
                let method = n.method.clone();
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.notification(n, out))) {
                    eprintln!("slac lsp: failed on {method}: {}", panic_text(&panic));
                }
                Flow::Continue
            }
            Message::Response(_) => Flow::Continue,
        }
    }

    /// When the next buffer waiting to be checked is due.
    pub fn deadline(&self) -> Option<Instant> {
        self.pending.values().min().copied()
    }

    /// Check every buffer due by `now` and publish its diagnostics.
    pub fn flush(&mut self, now: Instant, out: &mut Vec<Message>) {
        let due: Vec<PathBuf> = self.pending.iter().filter(|(_, t)| **t <= now).map(|(p, _)| p.clone()).collect();
        for path in due {
            self.pending.remove(&path);
            self.publish(&path, out);
        }
    }

    /// Check every waiting buffer now (for tests and before exiting).
    pub fn flush_all(&mut self, out: &mut Vec<Message>) {
        let far = Instant::now() + Duration::from_secs(3600);
        self.flush(far, out);
    }

    fn publish(&mut self, path: &Path, out: &mut Vec<Message>) {
        let Some(doc) = self.documents.get(path) else { return };
        let (uri, version) = (doc.uri.clone(), doc.version);
        let enc = self.encoding;
        let diagnostics = match catch_unwind(AssertUnwindSafe(|| {
            self.analysis(path).map(|a| diagnostics::for_editor(a, &uri, enc)).unwrap_or_default()
        })) {
            Ok(d) => d,
            Err(panic) => vec![lsp_types::Diagnostic {
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("slac".into()),
                message: format!(
                    "slac failed while checking this file ({}); the diagnostics shown may be incomplete. Please report it",
                    panic_text(&panic)
                ),
                ..Default::default()
            }],
        };
        let params = PublishDiagnosticsParams { uri, diagnostics, version: Some(version) };
        out.push(Notification::new(notif::PublishDiagnostics::METHOD.into(), params).into());
    }

    /// The check of an open buffer as it is now, made if stale.
    fn analysis(&mut self, path: &Path) -> Option<&Analysis> {
        let version = self.documents.get(path)?.version;
        let fresh = self.analyses.get(path).is_some_and(|(v, _)| *v == version);
        if !fresh {
            let a = analysis::analyse(path, &self.documents);
            if let Some(doc) = self.documents.get_mut(path) {
                doc.reads = a.reads().collect();
            }
            self.analyses.insert(path.to_path_buf(), (version, a));
        }
        self.analyses.get(path).map(|(_, a)| a)
    }

    /// A file changed: every open buffer that read it is checked again
    /// once typing pauses.
    fn changed(&mut self, path: &Path, delay: Duration) {
        let at = Instant::now() + delay;
        for reader in self.documents.readers_of(path) {
            self.analyses.remove(&reader);
            self.pending.insert(reader, at);
        }
    }

    fn recheck_all(&mut self) {
        let at = Instant::now() + DEBOUNCE;
        self.analyses.clear();
        let open: Vec<PathBuf> = self.documents.paths().cloned().collect();
        for path in open {
            self.pending.insert(path, at);
        }
    }

    fn notification(&mut self, n: Notification, out: &mut Vec<Message>) {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else { return };
                let d = p.text_document;
                // Buffers importing this file read it from disk until now:
                // they are checked again only if the buffer differs.
                let same_as_disk = std::fs::read_to_string(path_of(&d.uri)).is_ok_and(|disk| disk == d.text);
                let path = self.documents.open(d.uri, d.version, d.text);
                if !same_as_disk {
                    self.changed(&path, Duration::ZERO);
                }
                self.analyses.remove(&path);
                self.pending.remove(&path);
                self.publish(&path, out);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else { return };
                let d = p.text_document;
                if let Some(path) = self.documents.change(&d.uri, d.version, p.content_changes, self.encoding) {
                    self.changed(&path, DEBOUNCE);
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else { return };
                // A saved `slac.toml` or holiday file is read from disk.
                self.changed(&path_of(&p.text_document.uri), DEBOUNCE);
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri;
                if let Some(_closed) = self.documents.close(&uri) {
                    let path = path_of(&uri);
                    self.analyses.remove(&path);
                    self.pending.remove(&path);
                    // Buffers importing it read the file on disk now.
                    self.changed(&path, DEBOUNCE);
                    let params = PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None };
                    out.push(Notification::new(notif::PublishDiagnostics::METHOD.into(), params).into());
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) else { return };
                for change in p.changes {
                    let path = path_of(&change.uri);
                    if path.extension().is_some_and(|e| e == "sla") {
                        self.changed(&path, DEBOUNCE);
                    } else {
                        // A `slac.toml` or a holiday file: read by lint
                        // and by the checker from disk, not recorded as
                        // a source; every open buffer is checked again.
                        self.recheck_all();
                    }
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, r: Request) -> Result<Value, (ErrorCode, String)> {
        if self.shut_down {
            return Err((ErrorCode::InvalidRequest, "the server is shutting down".into()));
        }
        let enc = self.encoding;
        let json = |v: Result<Value, serde_json::Error>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            req::HoverRequest::METHOD => {
                let p: HoverParams = params(r.params)?;
                let at = p.text_document_position_params;
                let Some((a, offset, text)) = self.at(&at.text_document.uri, at.position) else {
                    return Ok(Value::Null);
                };
                let index = LineIndex::new(&text);
                let hover = hover::hover(a, offset).map(|(markdown, span)| Hover {
                    contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
                    range: Some(index.range(span.start as usize, span.end as usize, enc)),
                });
                json(serde_json::to_value(hover))
            }
            req::GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(r.params)?;
                let at = p.text_document_position_params;
                let uri = at.text_document.uri.clone();
                let Some((a, offset, _)) = self.at(&uri, at.position) else { return Ok(Value::Null) };
                let location = match definition::definition(a, offset) {
                    Some(definition::Target::Span(span)) => diagnostics::location(a, span, &uri, enc),
                    Some(definition::Target::File(path)) => {
                        uri_of(&path).map(|uri| Location { uri, range: Range::default() })
                    }
                    None => None,
                };
                json(serde_json::to_value(location.map(GotoDefinitionResponse::Scalar)))
            }
            req::References::METHOD => {
                let p: ReferenceParams = params(r.params)?;
                let at = p.text_document_position;
                let uri = at.text_document.uri.clone();
                let Some((a, offset, _)) = self.at(&uri, at.position) else { return Ok(Value::Null) };
                let spans = definition::references(a, offset, p.context.include_declaration);
                let mut locations: Vec<Location> =
                    spans.into_iter().filter_map(|s| diagnostics::location(a, s, &uri, enc)).collect();
                let name = a.names.at(a.main_file(), offset).map(|d| d.name.clone());
                if let Some(name) = name {
                    locations.extend(self.uses_in_importers(&path_of(&uri), &name));
                }
                json(serde_json::to_value(locations))
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: DocumentSymbolParams = params(r.params)?;
                let Some((a, _, text)) = self.at(&p.text_document.uri, Position::default()) else {
                    return Ok(Value::Null);
                };
                let symbols = a.tree(a.main_file()).map(|t| symbols::outline(t, &text, enc)).unwrap_or_default();
                json(serde_json::to_value(DocumentSymbolResponse::Nested(symbols)))
            }
            req::Completion::METHOD => {
                let p: CompletionParams = params(r.params)?;
                let at = p.text_document_position;
                let Some((a, offset, text)) = self.at(&at.text_document.uri, at.position) else {
                    return Ok(Value::Null);
                };
                let items = completion::complete(&text, offset, Some(a));
                json(serde_json::to_value(CompletionResponse::Array(items)))
            }
            req::Formatting::METHOD => {
                let p: DocumentFormattingParams = params(r.params)?;
                let path = path_of(&p.text_document.uri);
                let Some(doc) = self.documents.get(&path) else { return Ok(Value::Null) };
                let formatted = format::format_document(&doc.text).map_err(|why| (ErrorCode::RequestFailed, why))?;
                if formatted == doc.text {
                    return json(serde_json::to_value(Vec::<TextEdit>::new()));
                }
                let index = LineIndex::new(&doc.text);
                let edit = TextEdit { range: index.range(0, doc.text.len(), enc), new_text: formatted };
                json(serde_json::to_value(vec![edit]))
            }
            other => Err((ErrorCode::MethodNotFound, format!("slac lsp does not answer {other}"))),
        }
    }

    /// The uses of a name of `path` in the other open buffers that import
    /// it (a shared calendar's uses in the contracts open beside it).
    fn uses_in_importers(&mut self, path: &Path, name: &str) -> Vec<Location> {
        let enc = self.encoding;
        let readers: Vec<PathBuf> = self.documents.readers_of(path).into_iter().filter(|r| r != path).collect();
        let mut out = Vec::new();
        for reader in readers {
            let Some(uri) = self.documents.get(&reader).map(|d| d.uri.clone()) else { continue };
            let Some(a) = self.analysis(&reader) else { continue };
            let own = a.names.uses_of(name).filter(|s| s.file == a.main_file());
            out.extend(own.filter_map(|s| diagnostics::location(a, s, &uri, enc)).collect::<Vec<_>>());
        }
        out
    }

    /// The check of the buffer a request names, the byte offset of the
    /// position in it, and its text.
    fn at(&mut self, uri: &Uri, pos: Position) -> Option<(&Analysis, usize, std::sync::Arc<str>)> {
        let path = path_of(uri);
        let enc = self.encoding;
        let a = self.analysis(&path)?;
        let text = a.source(a.main_file())?.text.clone();
        let offset = LineIndex::new(&text).offset(pos, enc);
        Some((a, offset, text))
    }
}

fn params<P: serde::de::DeserializeOwned>(v: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

/// UTF-8 positions when the client offers them (no counting of UTF-16
/// units), else UTF-16, the protocol's default.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into())
}

/// Serve one client over `connection` until it exits. `Ok(true)`: it
/// shut the server down before exiting, as the protocol asks.
pub fn serve(connection: &Connection) -> Result<bool, String> {
    let (id, init) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(init).unwrap_or_default();
    let mut server = Server::new(&params);
    let result = serde_json::to_value(server.initialize_result()).map_err(|e| e.to_string())?;
    send(connection, Response::new_ok(id, result).into())?;
    loop {
        let received = match server.deadline() {
            Some(due) => match connection.receiver.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(m) => Some(m),
                Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => None,
                Err(_) => return Ok(false),
            },
            None => match connection.receiver.recv() {
                Ok(m) => Some(m),
                Err(_) => return Ok(false),
            },
        };
        let mut out = Vec::new();
        if let Some(msg) = received
            && let Flow::Exit(clean) = server.handle(msg, &mut out)
        {
            for m in out {
                send(connection, m)?;
            }
            return Ok(clean);
        }
        server.flush(Instant::now(), &mut out);
        for m in out {
            send(connection, m)?;
        }
    }
}

fn send(connection: &Connection, msg: Message) -> Result<(), String> {
    connection.sender.send(msg).map_err(|_| "the client closed the connection".to_owned())
}

#[cfg(test)]
mod tests;

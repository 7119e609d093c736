//! `slac lsp` on a 365-line contract (`contracts/bestsign-esign-platform.sla`,
//! Chinese text throughout): what a client waits for. The server is driven
//! through its handler, as `slac lsp` drives it, without the pipe.
//!
//! - `check after an edit`: a one-character change, then the check that
//!   publishes its diagnostics (compile, imports, lint, conversion);
//! - `hover`, `completion`, `definition`, `outline` on the checked buffer.
//!
//! `docs/performance.md` records the figures.

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types::*;
use serde_json::json;
use slac::lsp::Server;
use std::hint::black_box;
use std::path::Path;

fn contract() -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts/bestsign-esign-platform.sla");
    let text = std::fs::read_to_string(&path).expect("the shipped contract");
    (format!("file://{}", path.display()), text)
}

fn at(uri: &str, text: &str, needle: &str) -> serde_json::Value {
    let offset = text.find(needle).expect("needle in the contract");
    let line = text[..offset].matches('\n').count();
    let start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let character = text[start..offset].encode_utf16().count() + 2;
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn server(c: &mut Criterion) {
    let (uri, text) = contract();
    let mut server = Server::new(&InitializeParams::default());
    let mut out = Vec::new();
    let open = json!({"textDocument": {"uri": uri, "languageId": "sla", "version": 1, "text": text}});
    server.handle(Notification::new("textDocument/didOpen".into(), open).into(), &mut out);
    let mut version = 1;
    c.bench_function("lsp check after an edit", |b| {
        b.iter(|| {
            version += 1;
            // Type a space at the end of the first line, and check.
            let change = json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 2}}, "text": " "}]
            });
            let mut out = Vec::new();
            server.handle(Notification::new("textDocument/didChange".into(), change).into(), &mut out);
            server.flush_all(&mut out);
            black_box(out)
        })
    });
    let requests = [
        ("lsp hover on a target", "textDocument/hover", at(&uri, &text, "target  99.99%")),
        ("lsp hover on a tier", "textDocument/hover", at(&uri, &text, "tier L1")),
        ("lsp completion", "textDocument/completion", at(&uri, &text, "clock 24x7")),
        ("lsp definition", "textDocument/definition", at(&uri, &text, "hours office")),
        ("lsp outline", "textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})),
    ];
    for (name, method, params) in requests {
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                let request = Request::new(RequestId::from(1), method.into(), params.clone());
                server.handle(Message::Request(request), &mut out);
                black_box(out)
            })
        });
    }
}

criterion_group!(benches, server);
criterion_main!(benches);

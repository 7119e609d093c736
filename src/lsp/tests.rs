//! The server driven through its handler, as a client would drive it:
//! random edits of the shipped contracts never crash it, every check
//! publishes, and every request is answered without an internal error.

use super::*;
use proptest::prelude::*;

fn contract(name: &str) -> (Uri, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (uri_of(&path).unwrap(), text)
}

fn notify(method: &str, params: impl serde::Serialize) -> Message {
    Notification::new(method.into(), params).into()
}

fn request(id: i32, method: &str, params: impl serde::Serialize) -> Message {
    Request::new(lsp_server::RequestId::from(id), method.into(), params).into()
}

/// Messages that say the server failed: an internal error answer, or a
/// diagnostic saying the check itself failed.
fn failures(out: &[Message]) -> Vec<String> {
    out.iter()
        .filter_map(|m| match m {
            Message::Response(r) => r
                .response_result
                .as_ref()
                .err()
                .filter(|e| e.code == ErrorCode::InternalError as i32)
                .map(|e| e.message.clone()),
            Message::Notification(n) if n.params.to_string().contains("slac failed") => Some(n.params.to_string()),
            _ => None,
        })
        .collect()
}

fn published(out: &[Message]) -> usize {
    out.iter()
        .filter(|m| matches!(m, Message::Notification(n) if n.method == notif::PublishDiagnostics::METHOD))
        .count()
}

/// The position of a byte offset, as the client counts it.
fn pos(text: &str, offset: usize) -> Position {
    LineIndex::new(text).position(offset, Encoding::Utf16)
}

/// The shipped contracts, and contracts with clauses they lack (pauses,
/// status histories, per-instance services, examples).
const CONTRACTS: [&str; 8] = [
    "contracts/bestsign-esign-platform.sla",
    "contracts/ecommerce-cs-ops-2025.sla",
    "contracts/fadada-econtract-platform.sla",
    "contracts/guanghuanyun-aws-vap-support.sla",
    "contracts/jdcloud-baas.sla",
    "tests/examples/pauses.sla",
    "tests/examples/cloud.sla",
    "tests/fixtures/contracts/objstore.sla",
];

/// An edit: replace `len` bytes at a fraction of the text with `insert`.
fn edits() -> impl Strategy<Value = Vec<(usize, u8, String)>> {
    let insert = prop_oneof![
        Just(String::new()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("\"".to_owned()),
        Just("\"\"\"".to_owned()),
        Just("§".to_owned()),
        Just("#[allow(".to_owned()),
        Just("中文".to_owned()),
        Just("\n".to_owned()),
        "[a-z0-9%:. -]{0,8}",
    ];
    prop::collection::vec((0usize..10_000, 0u8..40, insert), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn random_edits_never_crash_and_always_publish(which in 0usize..CONTRACTS.len(), changes in edits(), probe in 0usize..10_000) {
        let (uri, mut text) = contract(CONTRACTS[which]);
        let mut server = Server::new(&InitializeParams::default());
        let mut out = Vec::new();
        let open = DidOpenTextDocumentParams {
            text_document: TextDocumentItem { uri: uri.clone(), language_id: "sla".into(), version: 1, text: text.clone() },
        };
        server.handle(notify(notif::DidOpenTextDocument::METHOD, open), &mut out);
        prop_assert_eq!(published(&out), 1);
        for (version, (at, len, insert)) in changes.into_iter().enumerate() {
            // An edit at a character boundary, as an editor makes it.
            let mut start = at * text.len() / 10_000;
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + usize::from(len)).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            let range = Range { start: pos(&text, start), end: pos(&text, end) };
            text.replace_range(start..end, &insert);
            let change = DidChangeTextDocumentParams {
                text_document: VersionedTextDocumentIdentifier { uri: uri.clone(), version: version as i32 + 2 },
                content_changes: vec![TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: insert }],
            };
            server.handle(notify(notif::DidChangeTextDocument::METHOD, change), &mut out);
        }
        let mut diags = Vec::new();
        server.flush_all(&mut diags);
        prop_assert_eq!(published(&diags), 1);
        // The server's text is the client's.
        let held = &server.documents.get(&path_of(&uri)).unwrap().text;
        prop_assert_eq!(held, &text);
        let mut offset = probe * text.len() / 10_000;
        while !text.is_char_boundary(offset) { offset -= 1; }
        let at = TextDocumentPositionParams { text_document: TextDocumentIdentifier { uri: uri.clone() }, position: pos(&text, offset) };
        let mut answers = Vec::new();
        server.handle(request(1, req::HoverRequest::METHOD, HoverParams { text_document_position_params: at.clone(), work_done_progress_params: Default::default() }), &mut answers);
        server.handle(request(2, req::GotoDefinition::METHOD, GotoDefinitionParams { text_document_position_params: at.clone(), work_done_progress_params: Default::default(), partial_result_params: Default::default() }), &mut answers);
        server.handle(request(3, req::Completion::METHOD, CompletionParams { text_document_position: at.clone(), work_done_progress_params: Default::default(), partial_result_params: Default::default(), context: None }), &mut answers);
        server.handle(request(4, req::DocumentSymbolRequest::METHOD, DocumentSymbolParams { text_document: at.text_document.clone(), work_done_progress_params: Default::default(), partial_result_params: Default::default() }), &mut answers);
        server.handle(request(5, req::References::METHOD, ReferenceParams { text_document_position: at, work_done_progress_params: Default::default(), partial_result_params: Default::default(), context: ReferenceContext { include_declaration: true } }), &mut answers);
        prop_assert_eq!(answers.len(), 5);
        let failed = failures(&diags).into_iter().chain(failures(&answers)).collect::<Vec<_>>();
        prop_assert!(failed.is_empty(), "{:?}", failed);
    }
}

#[test]
fn every_contract_opens_without_errors_and_answers_everywhere() {
    for name in CONTRACTS {
        let (uri, text) = contract(name);
        let mut server = Server::new(&InitializeParams::default());
        let mut out = Vec::new();
        let open = DidOpenTextDocumentParams {
            text_document: TextDocumentItem {
                uri: uri.clone(),
                language_id: "sla".into(),
                version: 1,
                text: text.clone(),
            },
        };
        server.handle(notify(notif::DidOpenTextDocument::METHOD, open), &mut out);
        let Message::Notification(n) = &out[0] else { panic!("{out:?}") };
        let p: PublishDiagnosticsParams = serde_json::from_value(n.params.clone()).unwrap();
        assert!(p.diagnostics.iter().all(|d| d.severity != Some(DiagnosticSeverity::ERROR)), "{name}: {p:?}");
        // A hover at every 7th character: no failure anywhere.
        let mut answers = Vec::new();
        for (i, (offset, _)) in text.char_indices().step_by(7).enumerate() {
            let at = TextDocumentPositionParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                position: pos(&text, offset),
            };
            let params =
                HoverParams { text_document_position_params: at, work_done_progress_params: Default::default() };
            server.handle(request(i as i32, req::HoverRequest::METHOD, params), &mut answers);
        }
        assert!(failures(&answers).is_empty(), "{name}: {:?}", failures(&answers));
        let hovers = answers
            .iter()
            .filter(|m| matches!(m, Message::Response(r) if r.response_result.as_ref().is_ok_and(|v| !v.is_null())))
            .count();
        assert!(hovers > 20, "{name}: only {hovers} hovers");
    }
}

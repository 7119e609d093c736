//! The outline of a file: its clauses, nested as written.

use super::position::{Encoding, LineIndex};
use crate::syntax::{Statement, SyntaxFile, ValueKind};
use lsp_types::{DocumentSymbol, SymbolKind};

pub fn outline(tree: &SyntaxFile, text: &str, enc: Encoding) -> Vec<DocumentSymbol> {
    let index = LineIndex::new(text);
    tree.statements.iter().filter_map(|s| symbol(s, &index, enc, 0)).collect()
}

/// A statement as a symbol: its keyword and name (`tier L1`), its display
/// name or citation as detail, its block's clauses as children.
fn symbol(stmt: &Statement, index: &LineIndex<'_>, enc: Encoding, depth: usize) -> Option<DocumentSymbol> {
    let keyword = stmt.keyword()?;
    let name_value = stmt.values.get(1);
    let name = match name_value.map(|v| &v.kind) {
        Some(ValueKind::Word(w)) => format!("{keyword} {w}"),
        Some(ValueKind::Str(s)) if keyword == "contract" || keyword == "example" || keyword == "import" => {
            format!("{keyword} \"{s}\"")
        }
        _ => keyword.to_owned(),
    };
    let title = stmt.values.iter().skip(1).find_map(|v| match &v.kind {
        ValueKind::Str(s) if !s.contains('\n') => Some(s.clone()),
        _ => None,
    });
    let cite = stmt.citation.as_ref().map(|c| format!("§ {}", c.section));
    let detail = match (title, cite) {
        (Some(t), Some(c)) => Some(format!("{t} {c}")),
        (t, c) => t.or(c),
    };
    let children: Vec<DocumentSymbol> = if depth < 3 {
        stmt.block.iter().flat_map(|b| &b.statements).filter_map(|s| symbol(s, index, enc, depth + 1)).collect()
    } else {
        Vec::new()
    };
    let selection = name_value.filter(|v| matches!(v.kind, ValueKind::Word(_))).map_or(stmt.head_span(), |v| v.span);
    #[allow(deprecated)]
    Some(DocumentSymbol {
        name,
        detail,
        kind: kind(keyword),
        tags: None,
        deprecated: None,
        range: index.range(stmt.span.start as usize, stmt.span.end as usize, enc),
        selection_range: index.range(selection.start as usize, selection.end as usize, enc),
        children: (!children.is_empty()).then_some(children),
    })
}

fn kind(keyword: &str) -> SymbolKind {
    match keyword {
        "contract" => SymbolKind::MODULE,
        "service" => SymbolKind::CLASS,
        "tier" => SymbolKind::ENUM_MEMBER,
        "calendar" | "holidays" => SymbolKind::EVENT,
        "availability" | "durability" | "objective" => SymbolKind::PROPERTY,
        "credit" | "penalty" | "entitlement" | "liability" => SymbolKind::OPERATOR,
        "exclusions" | "maintenance" => SymbolKind::NAMESPACE,
        "prose" => SymbolKind::STRING,
        "example" => SymbolKind::METHOD,
        "import" => SymbolKind::FILE,
        "channel" => SymbolKind::INTERFACE,
        _ => SymbolKind::FIELD,
    }
}

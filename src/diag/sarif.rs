//! SARIF 2.1.0, for code-scanning tools: one run of `slac`, its rules, and a
//! result per diagnostic, located by line and column (columns count
//! characters: `columnKind` is `unicodeCodePoints`).

use super::{Diagnostic, Severity};
use crate::source::{LineCol, SourceFile, SourceMap, Span};
use serde_json::{Value, json};

/// A rule as SARIF's `reportingDescriptor` describes it.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// `L101` or `slac::type::unit_mismatch`.
    pub id: String,
    /// `missing-exclusions`, for lints.
    pub name: Option<String>,
    pub summary: String,
    /// A longer text, for lints the rule's docs.
    pub full: Option<String>,
    /// `error`, `warning`, `note` or `none`.
    pub default_level: &'static str,
    pub category: Option<String>,
}

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One SARIF log for every diagnostic of every compilation.
pub fn log(items: &[(&Diagnostic, &SourceMap)], rules: &[RuleInfo], version: &str) -> Value {
    let results: Vec<Value> = items.iter().map(|(d, sources)| result(d, sources, rules)).collect();
    let rules: Vec<Value> = rules.iter().map(descriptor).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "slac",
                "version": version,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn descriptor(r: &RuleInfo) -> Value {
    let mut v = json!({
        "id": r.id,
        "shortDescription": { "text": r.summary },
        "defaultConfiguration": { "level": r.default_level },
    });
    if let Some(name) = &r.name {
        v["name"] = json!(name);
    }
    if let Some(full) = &r.full {
        v["fullDescription"] = json!({ "text": full });
        v["help"] = json!({ "text": full });
    }
    if let Some(cat) = &r.category {
        v["properties"] = json!({ "tags": [cat] });
    }
    v
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A file name as a relative URI reference: forward slashes, spaces and
/// percent signs escaped.
fn uri(name: &str) -> String {
    name.replace('\\', "/").replace('%', "%25").replace(' ', "%20")
}

fn location(file: &SourceFile, span: Span) -> Value {
    let start = file.line_col(span.start as usize);
    let end: LineCol = file.line_col(span.end as usize);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.name) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
                "snippet": { "text": file.slice(span) },
            },
        },
    })
}

fn result(d: &Diagnostic, sources: &SourceMap, rules: &[RuleInfo]) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    if let Some(c) = &d.citation {
        text.push_str(&format!("\nthe clause cites § {c} of the agreement"));
    }
    let mut v = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
    });
    if let Some(i) = rules.iter().position(|r| r.id == d.code) {
        v["ruleIndex"] = json!(i);
    }
    if let Some(file) = sources.get(d.span.file) {
        v["locations"] = json!([location(file, d.span)]);
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let file = sources.get(r.span.file)?;
            let mut loc = location(file, r.span);
            loc["id"] = json!(i);
            loc["message"] = json!({ "text": r.message });
            Some(loc)
        })
        .collect();
    if !related.is_empty() {
        v["relatedLocations"] = json!(related);
    }
    let mut props = json!({});
    if let Some(name) = d.name {
        props["name"] = json!(name);
    }
    if !d.label.is_empty() {
        props["label"] = json!(d.label);
    }
    if props.as_object().is_some_and(|o| !o.is_empty()) {
        v["properties"] = props;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn a_result_has_its_rule_level_and_region() {
        let mut sources = SourceMap::new();
        let f = sources.add("contracts/a b.sla", None, "ab\n中文x\n");
        let d = Diagnostic::error(Code::UnitMismatch, Span::new(f, 9, 10), "bad").help("fix it");
        let rules = vec![RuleInfo {
            id: d.code.to_owned(),
            name: None,
            summary: "s".into(),
            full: None,
            default_level: "error",
            category: None,
        }];
        let v = log(&[(&d, &sources)], &rules, "0.1.0");
        assert_eq!(v["version"], "2.1.0");
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "slac::type::unit_mismatch");
        assert_eq!(r["ruleIndex"], 0);
        assert_eq!(r["level"], "error");
        assert_eq!(r["message"]["text"], "bad\nhelp: fix it");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "contracts/a%20b.sla");
        assert_eq!(loc["region"]["startLine"], 2);
        assert_eq!(loc["region"]["startColumn"], 3);
        assert_eq!(loc["region"]["endColumn"], 4);
        assert_eq!(loc["region"]["snippet"]["text"], "x");
    }
}

//! Telling which tool exported a file, where the file makes it
//! unambiguous:
//!
//! | looks like | is read as |
//! |---|---|
//! | a JSON object with `page` and `incidents`, `incident` or `scheduled_maintenances`; incidents with `incident_updates` | `statuspage` |
//! | JSON incidents with `incident_number`, or `urgency` and `service`; `data` rows with `seconds_to_resolve` | `pagerduty` |
//! | JSON incidents with `begin` and `service_name` or `affected_products` | `gcp` |
//! | a CSV header with `Issue key` | `jsm` |
//! | a CSV header with `created_on` and `seconds_to_resolve`, `resolved_on` or `seconds_to_first_ack` | `pagerduty-csv` |
//!
//! Anything else is read as slac's canonical schema. A file that looks
//! like two tools' asks for `--incidents-format`.

use super::jsonpath::key;
use super::{NativeFormat, strip_bom};
use crate::events::format::Format;
use serde_json::Value;

/// What a file looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detected {
    Native(NativeFormat),
    /// slac's own schema (or nothing recognisable: the canonical reader
    /// then names what is missing).
    Canonical,
    /// Looks like more than one tool's export.
    Ambiguous(Vec<NativeFormat>),
}

/// Looks at a file read as `layout`.
pub fn detect(bytes: &[u8], layout: Format) -> Detected {
    let found = match layout {
        Format::Csv => csv_header(bytes).map(|h| from_header(&h)).unwrap_or_default(),
        Format::Json => match serde_json::from_slice::<Value>(strip_bom(bytes)) {
            Ok(doc) => from_json(&doc),
            Err(_) => Vec::new(),
        },
        Format::Ndjson => Vec::new(),
    };
    match found.as_slice() {
        [] => Detected::Canonical,
        [one] => Detected::Native(*one),
        _ => Detected::Ambiguous(found),
    }
}

fn csv_header(bytes: &[u8]) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(strip_bom(bytes));
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record).ok()?.then(|| record.iter().map(|c| c.trim().to_ascii_lowercase()).collect())
}

fn from_header(header: &[String]) -> Vec<NativeFormat> {
    let has = |n: &str| header.iter().any(|h| h == n);
    let mut found = Vec::new();
    if has("issue key") {
        found.push(NativeFormat::Jsm);
    }
    if has("created_on") && (has("seconds_to_resolve") || has("resolved_on") || has("seconds_to_first_ack")) {
        found.push(NativeFormat::PagerdutyCsv);
    }
    found
}

fn from_json(doc: &Value) -> Vec<NativeFormat> {
    let mut found = Vec::new();
    let mut add = |f: NativeFormat| {
        if !found.contains(&f) {
            found.push(f)
        }
    };
    match doc {
        Value::Object(_) => {
            let has = |k: &str| key(doc, k).is_some();
            let wrapped = has("page") && (has("incidents") || has("incident") || has("scheduled_maintenances"));
            if wrapped || has("incident_updates") {
                add(NativeFormat::Statuspage);
            }
            for k in ["incidents", "incident", "data"] {
                match key(doc, k) {
                    Some(Value::Array(items)) => items.iter().take(3).flat_map(from_record).for_each(&mut add),
                    Some(v @ Value::Object(_)) => from_record(v).into_iter().for_each(&mut add),
                    _ => {}
                }
            }
            if found.len() > 1 && found.contains(&NativeFormat::Statuspage) && has("page") {
                // Statuspage incidents carry their own updates: the
                // `page` wrapper settles it.
                found.retain(|f| *f == NativeFormat::Statuspage);
            }
        }
        Value::Array(items) => items.iter().take(3).flat_map(from_record).for_each(&mut add),
        _ => {}
    }
    found
}

/// The tools whose incident objects look like this one.
fn from_record(record: &Value) -> Vec<NativeFormat> {
    let has = |k: &str| key(record, k).is_some();
    let mut found = Vec::new();
    if has("incident_updates") {
        found.push(NativeFormat::Statuspage);
    }
    if has("begin") && (has("service_name") || has("affected_products")) {
        found.push(NativeFormat::Gcp);
    }
    if has("incident_number") || (has("urgency") && has("service")) || has("seconds_to_first_ack") {
        found.push(NativeFormat::Pagerduty);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Detected {
        detect(text.as_bytes(), Format::Json)
    }

    #[test]
    fn json_documents() {
        assert_eq!(json(r#"{"page":{"id":"x"},"incidents":[]}"#), Detected::Native(NativeFormat::Statuspage));
        assert_eq!(json(r#"{"page":{},"scheduled_maintenances":[]}"#), Detected::Native(NativeFormat::Statuspage));
        assert_eq!(json(r#"[{"id":"a","incident_updates":[]}]"#), Detected::Native(NativeFormat::Statuspage));
        assert_eq!(
            json(r#"{"incidents":[{"id":"P1","incident_number":4,"urgency":"high"}],"more":false}"#),
            Detected::Native(NativeFormat::Pagerduty)
        );
        assert_eq!(
            json(r#"{"data":[{"id":"P1","seconds_to_first_ack":4}]}"#),
            Detected::Native(NativeFormat::Pagerduty)
        );
        assert_eq!(
            json(r#"[{"id":"x","begin":"2025-01-01T00:00:00+00:00","service_name":"GKE"}]"#),
            Detected::Native(NativeFormat::Gcp)
        );
        assert_eq!(json(r#"[{"id":"A1","opened_at":"2025-01-01 00:00"}]"#), Detected::Canonical);
        assert_eq!(json("not json"), Detected::Canonical);
        assert_eq!(
            json(r#"[{"id":"x","begin":"t","service_name":"a","incident_number":3}]"#),
            Detected::Ambiguous(vec![NativeFormat::Gcp, NativeFormat::Pagerduty])
        );
    }

    #[test]
    fn csv_headers() {
        let csv = |t: &str| detect(t.as_bytes(), Format::Csv);
        assert_eq!(csv("\u{feff}Summary,Issue key,Issue id\r\n"), Detected::Native(NativeFormat::Jsm));
        assert_eq!(
            csv("id,incident_number,description,service_name,created_on,resolved_on,seconds_to_first_ack\n"),
            Detected::Native(NativeFormat::PagerdutyCsv)
        );
        assert_eq!(csv("id,opened_at\n"), Detected::Canonical);
        assert_eq!(
            csv("Issue key,created_on,resolved_on\n"),
            Detected::Ambiguous(vec![NativeFormat::Jsm, NativeFormat::PagerdutyCsv])
        );
    }
}

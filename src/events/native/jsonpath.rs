//! Field paths into JSON records, as mappings and presets name them:
//!
//! - `created_at`: a key (matched exactly, else ignoring ASCII case);
//! - `service.summary`: a key inside an object;
//! - `affected_products[].title`: the key of every element of an array;
//! - `log_entries[type=acknowledge_log_entry].created_at`: of the elements
//!   whose `type` is that text.
//!
//! A path gives every value it reaches; `null` and empty text are absent.
//! A path that ends at an array of scalars gives each of them.

use serde_json::Value;

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step<'p> {
    Key(&'p str),
    Each(&'p str),
    Where(&'p str, &'p str, &'p str),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    path.split('.')
        .map(|part| {
            let Some((key, rest)) = part.split_once('[') else { return Step::Key(part) };
            let inner = rest.strip_suffix(']').unwrap_or(rest);
            match inner.split_once('=') {
                Some((k, v)) => Step::Where(key, k.trim(), v.trim()),
                None => Step::Each(key),
            }
        })
        .collect()
}

/// A key of an object: exactly, else ignoring ASCII case.
pub fn key<'v>(object: &'v Value, name: &str) -> Option<&'v Value> {
    let map = object.as_object()?;
    map.get(name).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

/// Every value `path` reaches in `record`, in document order. A path may
/// end in `?key=text`: it then reaches nothing unless the record's `key`
/// is that text (`last_status_change_at?status=resolved`).
pub fn values<'v>(record: &'v Value, path: &str) -> Vec<&'v Value> {
    let (path, condition) = match path.split_once('?') {
        Some((p, c)) => (p, Some(c)),
        None => (path, None),
    };
    if let Some((k, wanted)) = condition.and_then(|c| c.split_once('=')) {
        if key(record, k.trim()).and_then(scalar).as_deref() != Some(wanted.trim()) {
            return Vec::new();
        }
    }
    let mut frontier = vec![record];
    for step in steps(path) {
        let mut next = Vec::new();
        for v in frontier {
            match step {
                Step::Key(k) => next.extend(key(v, k)),
                Step::Each(k) => {
                    let inner = if k.is_empty() { Some(v) } else { key(v, k) };
                    if let Some(Value::Array(items)) = inner {
                        next.extend(items.iter());
                    }
                }
                Step::Where(k, field, wanted) => {
                    let inner = if k.is_empty() { Some(v) } else { key(v, k) };
                    if let Some(Value::Array(items)) = inner {
                        next.extend(
                            items.iter().filter(|item| key(item, field).and_then(scalar).as_deref() == Some(wanted)),
                        );
                    }
                }
            }
        }
        frontier = next;
    }
    let mut out = Vec::new();
    for v in frontier {
        match v {
            Value::Null => {}
            Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
                out.extend(items.iter().filter(|i| !i.is_null()))
            }
            other => out.push(other),
        }
    }
    out.retain(|v| !matches!(v, Value::String(s) if s.trim().is_empty()));
    out
}

/// A scalar as text: strings trimmed, numbers as written, booleans as
/// `true`/`false`; `None` for null, empty text, objects and arrays.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What a value is, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The texts `path` reaches, or what is not a scalar.
pub fn texts(record: &Value, path: &str) -> Result<Vec<String>, &'static str> {
    values(record, path).into_iter().map(|v| scalar(v).ok_or_else(|| kind_of(v))).collect()
}

/// The first text of `path`, if any (non-scalars are skipped).
pub fn text(record: &Value, path: &str) -> Option<String> {
    values(record, path).into_iter().find_map(scalar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_reach_nested_and_repeated_values() {
        let r = json!({
            "id": "P1", "Urgency": "high",
            "service": {"summary": "Checkout"},
            "affected_products": [{"title": "Cloud SQL"}, {"title": "GKE"}],
            "labels": ["a", null, "b"],
            "log_entries": [
                {"type": "trigger_log_entry", "created_at": "t0"},
                {"type": "acknowledge_log_entry", "created_at": "t1"},
                {"type": "acknowledge_log_entry", "created_at": "t2"}
            ],
            "empty": "  ", "none": null
        });
        assert_eq!(texts(&r, "service.summary").unwrap(), ["Checkout"]);
        assert_eq!(texts(&r, "urgency").unwrap(), ["high"]);
        assert_eq!(texts(&r, "affected_products[].title").unwrap(), ["Cloud SQL", "GKE"]);
        assert_eq!(texts(&r, "labels").unwrap(), ["a", "b"]);
        assert_eq!(texts(&r, "log_entries[type=acknowledge_log_entry].created_at").unwrap(), ["t1", "t2"]);
        assert!(texts(&r, "empty").unwrap().is_empty());
        assert!(texts(&r, "none").unwrap().is_empty());
        assert!(texts(&r, "missing.deeper[].x").unwrap().is_empty());
        assert_eq!(texts(&r, "service"), Err("an object"));
        assert_eq!(text(&r, "service"), None);
        assert_eq!(texts(&r, "id?urgency=high").unwrap(), ["P1"]);
        assert!(texts(&r, "id?urgency=low").unwrap().is_empty());
    }
}

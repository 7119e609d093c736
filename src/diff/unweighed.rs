//! The safety net: a part of a contract that changed but that no rule
//! weighs is reported as changed, never passed over as no change.

use super::{Change, Clause, Verdict};
use crate::ir::Contract;
use serde::Serialize;
use serde_json::{Map, Value};

/// The contract's parts the rules weigh, by their key in the IR, and the
/// parts that promise nothing (lint attributes, `example` blocks, where
/// things were written).
const WEIGHED: &[&str] = &[
    "ir_version",
    "id",
    "header",
    "availability",
    "calendars",
    "tiers",
    "exclusions",
    "exclusions_span",
    "maintenance",
    "credits",
    "penalties",
    "liability",
    "prose",
    "durability",
    "channels",
    "backups",
    "duties",
    "locations",
    "escalation",
    // Weighed tier by tier, as each tier takes them.
    "pauses",
    "updates",
    "objectives",
    "retention",
    "lint_attributes",
    "examples",
    "span",
];

/// The contract's parts no rule weighs yet (durability, objectives,
/// channels, amendments ...), each that differs as one change.
pub(super) fn contract(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    let header = Clause::new("contract", None, None);
    rest(&header, &old.header, &new.header, &["title", "provider", "customer", "version", "source", "timezone"], out);
    let (Some(o), Some(n)) = (object(old), object(new)) else { return };
    for key in keys(&o, &n) {
        if WEIGHED.contains(&key.as_str()) {
            continue;
        }
        let (a, b) = (o.get(&key).map(stripped), n.get(&key).map(stripped));
        if a != b {
            out.push(Clause::new(key.replace('_', " "), None, None).change(
                "(not weighed)",
                a.map(|v| v.to_string()),
                b.map(|v| v.to_string()),
                Verdict::Changed,
                "slac diff does not weigh this kind of clause yet: compare the two versions by hand",
            ));
        }
    }
}

/// After the rules compared one clause field by field: the fields none of
/// them weighs (`weighed` names those that were), where they differ.
pub(super) fn rest<T: Serialize>(clause: &Clause, old: &T, new: &T, weighed: &[&str], out: &mut Vec<Change>) {
    let (Some(o), Some(n)) = (object(old), object(new)) else { return };
    let mut fields = Vec::new();
    let (mut was, mut now) = (Map::new(), Map::new());
    for key in keys(&o, &n) {
        if weighed.contains(&key.as_str()) || is_place(&key) {
            continue;
        }
        let (a, b) = (o.get(&key).map(stripped), n.get(&key).map(stripped));
        if a != b {
            fields.push(key.replace('_', " "));
            was.insert(key.clone(), a.unwrap_or(Value::Null));
            now.insert(key, b.unwrap_or(Value::Null));
        }
    }
    if !fields.is_empty() {
        let why = "slac diff does not weigh this part of the clause yet: compare the two versions by hand";
        out.push(clause.change(
            &fields.join(", "),
            Some(Value::Object(was).to_string()),
            Some(Value::Object(now).to_string()),
            Verdict::Changed,
            why,
        ));
    }
}

fn object<T: Serialize>(value: &T) -> Option<Map<String, Value>> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// Every key of either, in order, once.
fn keys(o: &Map<String, Value>, n: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = o.keys().cloned().collect();
    keys.extend(n.keys().filter(|k| !o.contains_key(*k)).cloned());
    keys
}

/// Where something was written, or which section it cites: not what it
/// means (a moved citation is reported by the clause's own rules).
fn is_place(key: &str) -> bool {
    key == "span" || key.ends_with("_span") || key == "citation" || key == "scope"
}

/// A value without the places anything in it was written.
fn stripped(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().filter(|(k, _)| !is_place(k)).map(|(k, v)| (k.clone(), stripped(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(stripped).collect()),
        other => other.clone(),
    }
}

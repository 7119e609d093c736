//! `docs/report.md` documents every field the JSON report has, and its
//! example is a real report.

use super::harness::Case;
use std::collections::BTreeSet;

fn keys(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_report_field_is_documented() {
    let doc = std::fs::read_to_string("docs/report.md").expect("docs/report.md");
    let mut all = BTreeSet::new();
    for case in [
        "worked-a",
        "credit-bands",
        "penalties",
        "seed-fadada",
        "objectives",
        "durability",
        "causes",
        "bad-rows",
        "amendment-july",
        "amendment-tiers",
        "pause-business-clock",
        "reprioritised",
        "amendment-new-tier",
        "cadence-hourly",
        "scoped-exclusions",
        "eligibility",
        "denominators",
    ] {
        let json: serde_json::Value =
            serde_json::from_str(&slac::report::json(&Case::new(case).report())).expect("the report is JSON");
        keys(&json, &mut all);
    }
    let missing: Vec<&String> = all.iter().filter(|k| !doc.contains(&format!("`{k}`"))).collect();
    assert!(missing.is_empty(), "docs/report.md does not document {missing:?}");
}

#[test]
fn the_example_in_the_docs_is_a_report_of_worked_example_b() {
    let doc = std::fs::read_to_string("docs/report.md").expect("docs/report.md");
    let block = doc.split("```json\n").nth(1).and_then(|rest| rest.split("\n```").next()).expect("a JSON example");
    let example: serde_json::Value = serde_json::from_str(block).expect("the example is JSON");
    let r = Case::new("worked-b")
        .with(|q| {
            q.to = Some("2025-01".into());
        })
        .report();
    let real: serde_json::Value = serde_json::from_str(&slac::report::json(&r)).expect("JSON");
    // The example keeps instance i-2 of the real report, field for field.
    let i2 = real["availability"].as_array().and_then(|a| a.iter().find(|l| l["instance"] == "i-2")).cloned();
    assert_eq!(Some(example["availability"][0].clone()), i2);
    assert_eq!(example["credits"][0], real["credits"][0]);
    assert_eq!(example["verdict"], real["verdict"]);
    let mut doc_keys = BTreeSet::new();
    keys(&example, &mut doc_keys);
    let mut real_keys = BTreeSet::new();
    keys(&real, &mut real_keys);
    assert_eq!(doc_keys, real_keys);
}

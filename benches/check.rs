//! The front end (parse + check, no I/O) over 1,000 contract files.
//!
//! The files are variations of a realistic contract of about a hundred and
//! thirty lines (`tests/fixtures/contracts/objstore.sla`): other names,
//! targets, limits and fees, and up to three extra tiers. Every one checks
//! clean, so the figure is that of the usual case. One iteration checks all
//! 1,000 files; `docs/performance.md` records the result.

use criterion::{Criterion, criterion_group, criterion_main};
use slac::driver::compile_source;
use std::hint::black_box;
use std::time::Duration;

const BASE: &str = include_str!("../tests/fixtures/contracts/objstore.sla");
const FILES: usize = 1000;

/// The `i`-th variation of the base contract.
fn variation(i: usize) -> String {
    let targets = ["99.9%", "99.95%", "99.99%", "99.5%"];
    let mut text = BASE
        .replace("\"demo-objstore\"", &format!("\"demo-{i}\""))
        .replace("target  99.95%", &format!("target  {}", targets[i % targets.len()]))
        .replace(
            "respond within 15min\n    resolve within 4h",
            &format!("respond within {}min\n    resolve within {}h", 5 + i % 25, 1 + i % 8),
        )
        .replace("fee CNY 20000.00", &format!("fee CNY {}.00", 10_000 + 7 * i));
    let extra: String = (0..i % 4)
        .map(|k| {
            format!(
                "  tier X{k} \"附加级别 {k}\" labels \"X{k}\" {{\n    respond within {}h\n    resolve within {}d\n    clock office\n  }}\n",
                1 + k,
                2 + k
            )
        })
        .collect();
    if let Some(end) = text.rfind('}') {
        text.insert_str(end, &extra);
    }
    text
}

fn front_end(c: &mut Criterion) {
    let files: Vec<(String, String)> = (0..FILES).map(|i| (format!("contract-{i}.sla"), variation(i))).collect();
    for (name, text) in &files {
        let compiled = compile_source(name, text);
        assert!(compiled.diags.is_empty() && compiled.contract.is_some(), "{name} does not check clean");
    }
    let lines: usize = files.iter().map(|(_, t)| t.lines().count()).sum();
    eprintln!("{FILES} files, {lines} lines, {} bytes", files.iter().map(|(_, t)| t.len()).sum::<usize>());
    c.bench_function("front end: parse + check 1000 contracts", |b| {
        b.iter(|| {
            for (name, text) in &files {
                black_box(compile_source(name, text));
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10));
    targets = front_end
}
criterion_main!(benches);

//! The front end (parse + check, no I/O) over 1,000 contract files.
//!
//! The files are variations of a realistic contract of about a hundred and
//! thirty lines (`tests/fixtures/contracts/objstore.sla`): other names,
//! targets, limits and fees, and up to three extra tiers. Every one checks
//! clean, so the figure is that of the usual case. One iteration checks all
//! 1,000 files; `docs/performance.md` records the result.

use criterion::{Criterion, criterion_group, criterion_main};
use slac::diag::render::{self, HumanStyle};
use slac::driver::compile_source;
use slac::lint::{LintConfig, lint};
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

/// One contract of many clauses: 5,000 services each with an availability
/// promise, 5,000 credit bands and 5,000 tiers. Checking, linting and
/// rendering every finding for a person must grow with the size of the
/// file, not its square (docs/performance.md, "Wide contracts").
fn wide_contract() -> String {
    const N: usize = 5000;
    let mut text = String::from("contract \"wide\" {\n  timezone \"Asia/Shanghai\"\n");
    for i in 0..N {
        text.push_str(&format!("  service s{i} \"S{i}\"\n  availability s{i} {{ target 99.9% }}\n"));
    }
    text.push_str("  credit s0 {\n    basis monthly_fee\n");
    for i in 0..N {
        // Every band overlaps the next: the worst case for the overlap rule.
        text.push_str(&format!(
            "    band [{}.{:03}%, {}.{:03}%] => 1%\n",
            i / 1000,
            i % 1000,
            (i + 2) / 1000,
            (i + 2) % 1000
        ));
    }
    text.push_str("    cap 25% of monthly_fee\n  }\n");
    for i in 0..N {
        text.push_str(&format!("  tier T{i} {{\n    respond within {}min\n  }}\n", 1 + (i * 7919) % 600));
    }
    text + "}\n"
}

fn wide(c: &mut Criterion) {
    let text = wide_contract();
    eprintln!("wide contract: {} lines, {} bytes", text.lines().count(), text.len());
    let config = LintConfig::default();
    c.bench_function("front end: check, lint and render a contract of 20,000 clauses", |b| {
        b.iter(|| {
            let mut compiled = compile_source("wide.sla", &text);
            compiled.lint_with(|checked| lint(checked, &config));
            let shown: usize =
                compiled.diags.iter().map(|d| render::human(d, &compiled.sources, HumanStyle::plain()).len()).sum();
            black_box(shown)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10));
    targets = front_end, wide
}
criterion_main!(benches);

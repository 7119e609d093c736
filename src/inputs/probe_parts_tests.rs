//! A probe file read in chunks on several threads gives the report that one
//! thread gives, byte for byte: many series, a minute's rows split over
//! chunks, targets first met in a later chunk, rows with a region, rows no
//! service takes, bad rows, blank lines; stopping at the first bad row or
//! listing them all.

use super::files::{Files, Opened};
use super::{Request, evaluate_files_reading};
use crate::events::chunked::Parallelism;
use proptest::prelude::*;
use std::io;
use std::path::Path;

/// `api` is measured per instance; `db` is judged per region, so its rows
/// must name one.
const CONTRACT: &str = r#"contract "p" {
  timezone "Asia/Shanghai"
  currency USD
  service api "API" {
    measured per instance
    fee USD 100.00
  }
  service db "DB" { fee USD 100.00 }
  availability api {
    target 99.9%
    period month
    minute down when all attempts fail
  }
  availability db {
    target 99.9%
    period month
    minute down when success below 90%
    per region
  }
  credit api {
    basis monthly_fee
    band [99.0%, 99.9%) => 10%
    form cash
  }
}
"#;

struct Two(String);

impl Files for Two {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        let text = match path.to_str() {
            Some("p.sla") => CONTRACT,
            Some("probes.csv") => self.0.as_str(),
            _ => return Err(io::ErrorKind::NotFound.into()),
        };
        Ok(Opened { reader: Box::new(text.as_bytes()), size: text.len() as u64 })
    }
}

/// One row of a probe file: most are the usual row of one of many
/// instances; `kind` picks the rarer ones.
fn row(kind: u8, instance: u8, minute: u16) -> String {
    let ts = format!("2025-03-{:02}T{:02}:{:02}:00+08:00", 1 + minute / 1440, minute % 1440 / 60, minute % 60);
    let (ok, total) = (u32::from(instance % 3) * 10, 20);
    match kind % 12 {
        0 => format!("{ts},db,,{ok},{total},r-{}\n", instance % 3),
        1 => format!("{ts},db,,{ok},{total},\n"),
        2 => format!("{ts},zz,i-{instance},{ok},{total},\n"),
        3 => format!("{ts},api,i-{instance},{total},{ok}\n"),
        4 => "\n".to_owned(),
        5 => format!("{ts},api,i-{instance},1,1,r-1\n"),
        _ => format!("{ts},api,i-{instance},{ok},{total},\n"),
    }
}

fn probe_file(rows: &[(u8, u8, u16)]) -> String {
    let mut text = String::from("ts,service,instance,ok,total,region\n");
    for (kind, instance, minute) in rows {
        text.push_str(&row(*kind, *instance, *minute));
    }
    text
}

/// The report as JSON, or the error as its message.
fn report(probes: &str, skip: bool, parallelism: Parallelism) -> String {
    let request = Request {
        contract: "p.sla".into(),
        probes: Some("probes.csv".into()),
        as_of: Some("2025-04-01T00:00:00+08:00".into()),
        skip_bad_rows: skip,
        ..Request::default()
    };
    match evaluate_files_reading(&request, &Two(probes.to_owned()), parallelism) {
        Ok(evaluated) => serde_json::to_string(&evaluated.report).unwrap_or_default(),
        Err(e) => format!("error: {e}"),
    }
}

/// Rows mostly usual (kinds 6 and up), over up to 40 instances and the
/// first days of March, in file order by minute as exports are.
fn rows() -> impl Strategy<Value = Vec<(u8, u8, u16)>> {
    proptest::collection::vec((prop_oneof![4 => 6u8..12, 1 => 0u8..6], 0u8..40, 0u16..4000), 0..400).prop_map(
        |mut rows| {
            rows.sort_by_key(|r| r.2);
            rows
        },
    )
}

/// Where two reports part, with some text around it.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| s.get(at.saturating_sub(200)..(at + 100).min(s.len())).unwrap_or_default().to_owned();
    format!("at byte {at}:\n{}\n---\n{}", around(a), around(b))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn many_series_read_on_several_threads_report_as_one(
        rows in rows(),
        skip in any::<bool>(),
        chunk in 16usize..2000,
    ) {
        let file = probe_file(&rows);
        let one = report(&file, skip, Parallelism { threads: 1, chunk });
        // Bad rows set aside leave a report; otherwise the first stops it.
        prop_assert!(one.starts_with('{') || !skip && one.starts_with("error: "), "{}", one);
        for threads in 2..=3 {
            let many = report(&file, skip, Parallelism { threads, chunk });
            prop_assert!(many == one, "{} threads: {}", threads, first_difference(&many, &one));
        }
    }
}

/// A hand-made case: instance i-1 is down (0 of 20) for 3 minutes whose
/// rows lie in different chunks; each minute has two rows of 0/10, so a
/// sum of 0/20 each. 3 of March's 44,640 minutes down: 44,637 / 44,640 =
/// 99.99327...%, shown cut to 99.9932%: met.
#[test]
fn a_minute_s_rows_in_different_chunks_add_up() {
    let mut text = String::from("ts,service,instance,ok,total,region\n");
    for m in 0..3 {
        for i in 0..50 {
            let ok = if i == 1 { 0 } else { 10 };
            text.push_str(&format!("2025-03-01T00:0{m}:00+08:00,api,i-{i},{ok},10,\n"));
            text.push_str(&format!("2025-03-01T00:0{m}:00+08:00,api,i-{i},{ok},10,\n"));
        }
    }
    let one = report(&text, false, Parallelism { threads: 1, chunk: 1 << 18 });
    let i1 = one.find(r#""instance":"i-1","#).map(|at| &one[at..]).unwrap_or_default();
    assert!(i1.contains(r#""unavailable_minutes":3,"#) && i1.contains(r#""percent":"99.9932""#), "{one}");
    for (threads, chunk) in [(2, 64), (3, 100), (2, 1000)] {
        assert_eq!(report(&text, false, Parallelism { threads, chunk }), one, "{threads} threads, chunks of {chunk}");
    }
}

/// The first row of a target can be set aside when its service is judged
/// per region and the row names none: the target is numbered all the same,
/// and the targets met after it must keep their rows. Each file below sets
/// aside the first row of `db` (no region), then has two rows of `api`
/// i-1 at 0 of 10 and one of i-2 at 0 of 10: i-1 is down 2 minutes and
/// i-2 one, on one thread and on several. (Before, i-1's rows were
/// dropped and i-2's counted for i-1: 0 and 0 minutes.)
#[test]
fn a_target_first_met_on_a_row_set_aside_keeps_the_numbers_after_it() {
    let rows = "2025-03-01T00:00:00+08:00,api,i-1,0,10,\n\
                2025-03-01T00:01:00+08:00,api,i-1,0,10,\n\
                2025-03-01T00:01:00+08:00,api,i-2,0,10,\n";
    let header = "ts,service,instance,ok,total,region\n";
    let unplaced = "2025-03-01T00:00:00+08:00,db,,5,10,\n";
    // The row set aside first, between two targets, and after them.
    let (first, second) = rows.split_at(rows.find("2025-03-01T00:01:00+08:00,api,i-2").unwrap_or(0));
    for file in [
        format!("{header}{unplaced}{rows}"),
        format!("{header}{first}{unplaced}{second}"),
        format!("{header}{rows}{unplaced}"),
    ] {
        for (threads, chunk) in [(1, 1 << 18), (2, 40), (3, 60)] {
            let report = report(&file, true, Parallelism { threads, chunk });
            let minutes = |instance: &str| {
                let at = report.find(&format!(r#""instance":"{instance}","#)).unwrap_or(0);
                let from = report[at..].find(r#""unavailable_minutes":"#).map(|i| at + i + 22).unwrap_or(at);
                report[from..].split(',').next().unwrap_or_default().to_owned()
            };
            assert_eq!((minutes("i-1"), minutes("i-2")), ("2".into(), "1".into()), "{threads} threads: {file}");
            assert!(report.contains("names no region"), "{report}");
        }
    }
}

//! Running a case: `tests/eval/<case>/` holds `contract.sla`, the event files
//! (`incidents.*`, `maintenance.*`, `probes.*`, `usage.*`, `metrics.*`), a
//! `case.toml` with the options (`from`, `to`, `as_of`, ...) and a
//! `README.md` with the arithmetic worked by hand. The report is read through
//! the library's entry point, as `slac eval` reads it
//! ([`slac::inputs::evaluate_files`]), and
//! snapshotted next to the case (`report.snap`, `table.snap`).

use crate::run::{Ran, Slac};
use serde::Deserialize;
use slac::inputs::{Request, evaluate_files_on_disk};
use slac::report::{AvailabilityLedger, ClockResult, IncidentReport, Report};
use std::path::{Path, PathBuf};

/// Options a case gives in `case.toml`; paths are relative to the case.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseOptions {
    /// Another contract than `contract.sla`, relative to the repository.
    contract: Option<String>,
    from: Option<String>,
    to: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    skip_bad_rows: bool,
    contract_value: Option<String>,
    #[serde(default)]
    holidays: Vec<String>,
}

/// One evaluation to run: a case directory and the request built from it.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub dir: PathBuf,
    pub request: Request,
}

/// The case directory, relative to the repository root (the tests' working
/// directory), so that reports name files the same way on every machine.
fn case_dir(name: &str) -> PathBuf {
    Path::new("tests").join("eval").join(name)
}

/// The first file in `dir` named `stem.csv`, `stem.json` or `stem.ndjson`.
fn find(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["csv", "json", "ndjson", "jsonl"].iter().map(|ext| dir.join(format!("{stem}.{ext}"))).find(|p| p.is_file())
}

impl Case {
    pub fn new(name: &str) -> Case {
        let dir = case_dir(name);
        assert!(dir.is_dir(), "no case directory {}", dir.display());
        let options: CaseOptions = match std::fs::read_to_string(dir.join("case.toml")) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| panic!("{}/case.toml: {e}", dir.display())),
            Err(_) => CaseOptions::default(),
        };
        let contract = options.contract.map(PathBuf::from).unwrap_or_else(|| dir.join("contract.sla"));
        let request = Request {
            contract,
            incidents: find(&dir, "incidents"),
            maintenance: find(&dir, "maintenance"),
            probes: find(&dir, "probes"),
            usage: find(&dir, "usage"),
            metrics: find(&dir, "metrics"),
            inventory: find(&dir, "inventory"),
            from: options.from,
            to: options.to,
            as_of: options.as_of,
            input_format: None,
            skip_bad_rows: options.skip_bad_rows,
            holidays: options.holidays.iter().map(|h| in_dir(&dir, h)).collect(),
            contract_value: options.contract_value,
            exports: Default::default(),
            status_changes: find(&dir, "status_changes"),
            updates: find(&dir, "updates"),
        };
        Case { name: name.to_owned(), dir, request }
    }

    /// The same events under another contract file of the case.
    pub fn contract(mut self, file: &str) -> Case {
        self.request.contract = self.dir.join(file);
        self
    }

    pub fn with(mut self, change: impl FnOnce(&mut Request)) -> Case {
        change(&mut self.request);
        self
    }

    /// Evaluate; the case must succeed.
    pub fn report(&self) -> Report {
        evaluate_files_on_disk(&self.request)
            .map(|e| e.report)
            .unwrap_or_else(|e| panic!("case {} failed: {e}", self.name))
    }

    /// Evaluate; the case must fail with a message (in the library's
    /// words: `run` gives the CLI's, with its flags).
    pub fn error(&self) -> String {
        match evaluate_files_on_disk(&self.request) {
            Ok(_) => panic!("case {} was expected to fail", self.name),
            Err(e) => e.to_string(),
        }
    }

    /// The command line `slac eval` would take for this case.
    pub fn args(&self) -> Vec<String> {
        let r = &self.request;
        let mut a = vec!["eval".to_owned(), r.contract.display().to_string()];
        let mut opt = |flag: &str, v: &Option<PathBuf>| {
            if let Some(p) = v {
                a.push(flag.to_owned());
                a.push(p.display().to_string());
            }
        };
        opt("--incidents", &r.incidents);
        opt("--maintenance", &r.maintenance);
        opt("--probes", &r.probes);
        opt("--usage", &r.usage);
        opt("--metrics", &r.metrics);
        opt("--inventory", &r.inventory);
        opt("--status-changes", &r.status_changes);
        opt("--updates", &r.updates);
        for (flag, v) in
            [("--from", &r.from), ("--to", &r.to), ("--as-of", &r.as_of), ("--contract-value", &r.contract_value)]
        {
            if let Some(v) = v {
                a.push(flag.to_owned());
                a.push(v.clone());
            }
        }
        for h in &r.holidays {
            a.push("--holidays".into());
            a.push(h.clone());
        }
        if r.skip_bad_rows {
            a.push("--skip-bad-rows".into());
        }
        a
    }

    /// Run the binary on the case; `extra` arguments go last.
    pub fn run(&self, extra: &[&str]) -> Ran {
        let mut args = self.args();
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        slac(&args)
    }

    /// Snapshot the report as JSON (`report.snap`) beside the case.
    pub fn snapshot_json(&self, report: &Report) {
        self.snapshot("report", slac::report::json(report));
    }

    /// Snapshot the table rendering (`table.snap`) beside the case.
    pub fn snapshot_table(&self, report: &Report) {
        self.snapshot("table", slac::report::table::render(report));
    }

    fn snapshot(&self, name: &str, text: String) {
        // Snapshot paths are relative to this source file.
        let path = Path::new("../../eval").join(&self.name);
        insta::with_settings!({ snapshot_path => path, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

/// `SET=FILE` or `FILE`, with the file relative to the case.
fn in_dir(dir: &Path, arg: &str) -> String {
    match arg.split_once('=') {
        Some((set, file)) => format!("{set}={}", dir.join(file).display()),
        None => dir.join(arg).display().to_string(),
    }
}

/// Run `slac` with arguments, from the repository root.
pub fn slac(args: &[String]) -> Ran {
    Slac::new(args).run()
}

/// The ledger of a period (and instance, for per-instance series).
pub fn ledger<'r>(r: &'r Report, instance: Option<&str>, period: &str) -> &'r AvailabilityLedger {
    r.availability
        .iter()
        .find(|l| l.period == period && l.instance.as_deref() == instance)
        .unwrap_or_else(|| panic!("no availability ledger for {instance:?} {period}"))
}

/// The incident of that id, read from the report's list (which may be
/// spooled: each is read back as a value).
pub fn incident(r: &Report, id: &str) -> IncidentReport {
    r.incidents.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("incident {id} is not in the report"))
}

pub fn response(r: &Report, id: &str) -> ClockResult {
    incident(r, id).response.unwrap_or_else(|| panic!("incident {id} has no response clock"))
}

pub fn resolution(r: &Report, id: &str) -> ClockResult {
    incident(r, id).resolution.unwrap_or_else(|| panic!("incident {id} has no resolution clock"))
}

/// `(E, U, numerator, denominator, status)` of a ledger, for compact asserts.
pub fn numbers(l: &AvailabilityLedger) -> (i64, i64, i64, i64, &str) {
    let (n, d) = l.ratio.as_ref().map_or((0, 0), |r| (r.numerator, r.denominator));
    (l.excused_minutes, l.unavailable_minutes, n, d, l.status.as_str())
}

/// An exact decimal from text.
pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

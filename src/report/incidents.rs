//! The report's incidents: held in memory while they are few, spooled to an
//! anonymous temporary file once they are many, and read back one at a time
//! when the report is written.
//!
//! A report of a million incidents lists a million judged clocks: about
//! 2 KB each in memory, 2 GB in all, for a list that is only ever read from
//! start to end. Spooled, each costs its JSON on disk (about 1.3 KB) and
//! nothing in memory; the renderings read the entries back in order, so
//! every format writes the same bytes from either. The file has no name
//! (`tempfile::tempfile`): nothing is left behind, even when the process is
//! killed.

use super::model::IncidentReport;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// How many incidents a list holds in memory before it spools them: a few
/// megabytes, so that every usual report stays in memory.
pub const SPOOL_AFTER: usize = 4096;

/// How much of the spool a reader reads at a time.
const READ_CHUNK: usize = 256 * 1024;

/// The incidents of a report, in the order they were pushed.
#[derive(Debug)]
pub struct IncidentList {
    /// Spooled entries come first, then these.
    held: Vec<IncidentReport>,
    spool: Option<Mutex<Spool>>,
    spooled: usize,
    spool_after: usize,
    /// The first failure to write or read the spool; the list then reads
    /// as cut short, and writing the report fails with it.
    failure: Mutex<Option<String>>,
}

/// The temporary file and how many bytes of entries it holds: each entry is
/// its length (4 bytes, little-endian) and its JSON as the report writes
/// it, pretty and indented for its place in the list (`fragment`), so that
/// the JSON report copies it as it is and the other renderings read it back.
#[derive(Debug)]
struct Spool {
    file: File,
    bytes: u64,
}

impl Default for IncidentList {
    fn default() -> Self {
        IncidentList::spooling_after(SPOOL_AFTER)
    }
}

impl IncidentList {
    /// A list that spools once it holds `n` incidents in memory (0 or 1:
    /// from the first).
    pub fn spooling_after(n: usize) -> IncidentList {
        IncidentList { held: Vec::new(), spool: None, spooled: 0, spool_after: n.max(1), failure: Mutex::new(None) }
    }

    /// A list that never spools.
    pub fn in_memory(incidents: Vec<IncidentReport>) -> IncidentList {
        IncidentList { held: incidents, ..IncidentList::spooling_after(usize::MAX) }
    }

    pub fn len(&self) -> usize {
        self.spooled + self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether some incidents are on disk rather than in memory.
    pub fn is_spooled(&self) -> bool {
        self.spooled > 0
    }

    pub fn push(&mut self, incident: IncidentReport) {
        self.held.push(incident);
        if self.held.len() >= self.spool_after && self.failure().is_none() {
            if let Err(e) = self.spool_held() {
                self.fail(format!("cannot spool the report's incidents to a temporary file: {e}"));
            }
        }
    }

    /// Every incident, in order, each read back (or cloned) as it comes.
    pub fn iter(&self) -> Iter<'_> {
        Iter { list: self, buf: Vec::new(), at: 0, read_to: 0, next_held: 0 }
    }

    /// Why the list could not be kept or read whole, if it could not.
    pub fn failure(&self) -> Option<String> {
        self.failure.lock().map(|f| f.clone()).unwrap_or_else(|p| p.into_inner().clone())
    }

    /// `Err` when the list could not be kept or read whole: a report
    /// written from it would be short.
    pub fn check(&self) -> io::Result<()> {
        match self.failure() {
            Some(why) => Err(io::Error::other(why)),
            None => Ok(()),
        }
    }

    fn fail(&self, why: String) {
        let mut slot = self.failure.lock().unwrap_or_else(|p| p.into_inner());
        slot.get_or_insert(why);
    }

    /// Writes the held incidents at the end of the spool and lets them go.
    fn spool_held(&mut self) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(self.held.len() * 1400);
        for incident in &self.held {
            let at = bytes.len();
            bytes.extend_from_slice(&[0; 4]);
            fragment(&mut bytes, incident)?;
            let len = u32::try_from(bytes.len() - at - 4).map_err(io::Error::other)?;
            bytes[at..at + 4].copy_from_slice(&len.to_le_bytes());
        }
        let spool = match &mut self.spool {
            Some(s) => s,
            None => self.spool.insert(Mutex::new(Spool { file: tempfile::tempfile()?, bytes: 0 })),
        };
        let spool = spool.get_mut().unwrap_or_else(|p| p.into_inner());
        spool.file.seek(SeekFrom::Start(spool.bytes))?;
        spool.file.write_all(&bytes)?;
        spool.bytes += bytes.len() as u64;
        self.spooled += self.held.len();
        self.held.clear();
        Ok(())
    }

    /// Reads up to `want` bytes of the spool from `from` onto `buf`.
    fn read_spool(&self, from: u64, want: usize, buf: &mut Vec<u8>) -> io::Result<usize> {
        let Some(spool) = &self.spool else { return Ok(0) };
        let mut spool = spool.lock().unwrap_or_else(|p| p.into_inner());
        let want = want.min(usize::try_from(spool.bytes.saturating_sub(from)).unwrap_or(usize::MAX));
        spool.file.seek(SeekFrom::Start(from))?;
        let start = buf.len();
        buf.resize(start + want, 0);
        spool.file.read_exact(&mut buf[start..])?;
        Ok(want)
    }

    /// The list's entries as the pretty JSON report has them inside
    /// `"incidents": [` and `]`: each on a new line, indented two levels,
    /// separated by commas. Spooled entries are copied as they are.
    pub fn write_json_elements(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut iter = self.iter();
        let mut first = true;
        let mut held = Vec::new();
        loop {
            let entry: &[u8] = if iter.list.spooled > 0 && (iter.buffered() > 0 || iter.read_to < self.spool_bytes()) {
                let total = self.spool_bytes();
                let len = iter.raw_entry(total)?;
                &iter.buf[iter.at - len..iter.at]
            } else {
                let Some(incident) = self.held.get(iter.next_held) else { break };
                iter.next_held += 1;
                held.clear();
                fragment(&mut held, incident)?;
                &held
            };
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            out.write_all(entry)?;
            first = false;
        }
        self.check()
    }

    fn spool_bytes(&self) -> u64 {
        self.spool.as_ref().map_or(0, |s| s.lock().map_or_else(|p| p.into_inner().bytes, |s| s.bytes))
    }
}

impl Clone for IncidentList {
    /// A copy with its own spool: the entries are read and pushed again.
    fn clone(&self) -> Self {
        let mut copy = IncidentList::spooling_after(self.spool_after);
        for incident in self.iter() {
            copy.push(incident);
        }
        if let Some(why) = self.failure() {
            copy.fail(why);
        }
        copy
    }
}

impl<'a> IntoIterator for &'a IncidentList {
    type Item = IncidentReport;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Reads a list's incidents in order: the spool a chunk at a time, then
/// those held in memory.
pub struct Iter<'a> {
    list: &'a IncidentList,
    /// Spool bytes read and not yet decoded, from `at`.
    buf: Vec<u8>,
    at: usize,
    /// The spool offset just past `buf`.
    read_to: u64,
    next_held: usize,
}

impl Iter<'_> {
    /// The next spooled entry, `None` past the last (or after a failure,
    /// which the list records).
    fn next_spooled(&mut self) -> Option<IncidentReport> {
        let total = self.list.spool_bytes();
        match self.entry(total) {
            Ok(entry) => entry,
            Err(e) => {
                self.list.fail(format!("cannot read the report's incidents back from their temporary file: {e}"));
                // Nothing more is read: not the spool, not the held ones.
                self.read_to = total;
                self.buf.clear();
                self.at = 0;
                self.next_held = self.list.held.len();
                None
            }
        }
    }

    fn entry(&mut self, total: u64) -> io::Result<Option<IncidentReport>> {
        if self.buffered() == 0 && self.read_to >= total {
            return Ok(None);
        }
        let len = self.raw_entry(total)?;
        let body = &self.buf[self.at - len..self.at];
        serde_json::from_slice(body).map(Some).map_err(io::Error::other)
    }

    /// Moves past the next entry, which then ends at `at`; its length.
    fn raw_entry(&mut self, total: u64) -> io::Result<usize> {
        self.fill(4, total)?;
        let mut len = [0u8; 4];
        len.copy_from_slice(&self.buf[self.at..self.at + 4]);
        let len = u32::from_le_bytes(len) as usize;
        self.fill(4 + len, total)?;
        self.at += 4 + len;
        Ok(len)
    }

    fn buffered(&self) -> usize {
        self.buf.len() - self.at
    }

    /// Makes `need` bytes available from `at`, reading more of the spool.
    fn fill(&mut self, need: usize, total: u64) -> io::Result<()> {
        if self.buffered() >= need {
            return Ok(());
        }
        self.buf.drain(..self.at);
        self.at = 0;
        let want = READ_CHUNK.max(need - self.buf.len());
        self.read_to += self.list.read_spool(self.read_to, want, &mut self.buf)? as u64;
        if self.buf.len() < need {
            let at = self.read_to.min(total);
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the spool ends inside an entry at {at}"),
            ));
        }
        Ok(())
    }
}

impl Iterator for Iter<'_> {
    type Item = IncidentReport;

    fn next(&mut self) -> Option<IncidentReport> {
        if self.list.spooled > 0
            && (self.buffered() > 0 || self.read_to < self.list.spool_bytes())
            && let Some(incident) = self.next_spooled()
        {
            return Some(incident);
        }
        let incident = self.list.held.get(self.next_held)?.clone();
        self.next_held += 1;
        Some(incident)
    }
}

impl Serialize for IncidentList {
    /// A sequence, as a `Vec` is: the JSON report is the same bytes whether
    /// the list was spooled or not. A list cut short is an error, never a
    /// shorter report.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for incident in self.iter() {
            seq.serialize_element(&incident)?;
        }
        if let Some(why) = self.failure() {
            return Err(S::Error::custom(why));
        }
        seq.end()
    }
}

/// An incident as the pretty JSON report writes it inside the list: the
/// object pretty-printed, each of its lines after the first indented by two
/// more levels (a JSON string never holds a raw line break, so every line
/// break is the layout's own).
fn fragment(out: &mut Vec<u8>, incident: &IncidentReport) -> io::Result<()> {
    struct Indented<'a>(&'a mut Vec<u8>);
    impl Write for Indented<'_> {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            for piece in bytes.split_inclusive(|&b| b == b'\n') {
                self.0.extend_from_slice(piece);
                if piece.ends_with(b"\n") {
                    self.0.extend_from_slice(b"    ");
                }
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer_pretty(Indented(out), incident).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{
        AvailabilityLedger, ClockResult, PausedInterval, Report, TierChange, UpdateGap, UpdatesResult,
    };
    use crate::report::status::{ClockKind, ClockStatus, PeriodStatus, UpdatesStatus};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// Text of every kind a report may carry: quotes, backslashes, line
    /// breaks, Chinese, `|` and commas (which the renderings escape).
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 \"\\\\\n\t|,<>&中文故障-]{0,12}"
    }

    fn time() -> impl Strategy<Value = String> {
        (1u32..29, 0u32..24, 0u32..60).prop_map(|(d, h, m)| format!("2025-01-{d:02}T{h:02}:{m:02}:00+08:00"))
    }

    fn status() -> impl Strategy<Value = ClockStatus> {
        prop_oneof![
            Just(ClockStatus::Met),
            Just(ClockStatus::Breached),
            Just(ClockStatus::Open),
            Just(ClockStatus::Paused),
            Just(ClockStatus::Exempt),
        ]
    }

    fn clock() -> impl Strategy<Value = ClockResult> {
        let paused = (time(), proptest::option::of(time()), 0i64..9999, text()).prop_map(
            |(from, until, business_seconds, status)| PausedInterval { from, until, business_seconds, status },
        );
        (
            (time(), proptest::option::of(time()), -5i64..100_000, 0u32..40_000, status()),
            (proptest::option::of(0i64..9999), proptest::option::of(text()), proptest::option::of(text())),
            (proptest::collection::vec(paused, 0..3), proptest::option::of(text()), proptest::option::of(time())),
        )
            .prop_map(
                |((deadline, stopped_at, secs, minutes, status), (over, escalation, note), (paused, limit, from))| {
                    ClockResult {
                        kind: ClockKind::Resolve,
                        limit_seconds: 3600,
                        deadline,
                        stopped_at,
                        business_seconds: secs,
                        business_minutes: Decimal::new(i64::from(minutes), 4),
                        status,
                        over_seconds: over,
                        elapsed_percent: escalation.as_ref().map(|_| "12.5".into()),
                        escalation,
                        escalation_on: note.as_ref().map(|_| "both".into()),
                        escalation_citation: None,
                        note,
                        paused_seconds: (!paused.is_empty()).then_some(60),
                        paused,
                        judged_by_tier: limit.as_ref().map(|_| "P1".into()),
                        reprioritised: limit.as_ref().map(|_| "from change".into()),
                        measured_from: from,
                        deadline_rule: limit.clone(),
                        limit,
                        counted_from: None,
                    }
                },
            )
    }

    fn updates() -> impl Strategy<Value = UpdatesResult> {
        let gap = (time(), time(), 0i64..9999, any::<bool>()).prop_map(|(from, until, secs, first)| UpdateGap {
            from,
            until,
            business_seconds: secs,
            business_minutes: Decimal::new(secs, 2),
            limit_seconds: 3600,
            over_seconds: secs,
            first,
            open: !first,
        });
        (proptest::collection::vec(gap, 0..3), any::<bool>(), proptest::option::of(time())).prop_map(
            |(gaps, measured, next_due)| UpdatesResult {
                every_seconds: 3600,
                first_within_seconds: measured.then_some(900),
                every_rule: None,
                first_within_rule: None,
                status: if measured { UpdatesStatus::Missed } else { UpdatesStatus::NotMeasured },
                measured_from: "2025-01-01T00:00:00+08:00".into(),
                measured_until: "2025-01-02T00:00:00+08:00".into(),
                updates: gaps.len() as u64,
                internal: 1,
                outside: 0,
                missed: gaps.len() as u32,
                longest_gap_seconds: 7200,
                next_due,
                gaps,
                note: None,
            },
        )
    }

    fn incident() -> impl Strategy<Value = IncidentReport> {
        let change = (time(), text()).prop_map(|(at, to_severity)| TierChange {
            at,
            from: "P2".into(),
            to: "P1".into(),
            from_severity: None,
            to_severity,
        });
        (
            (text(), time(), proptest::option::of(text()), proptest::option::of(text()), any::<bool>()),
            (proptest::option::of(clock()), proptest::option::of(clock())),
            (proptest::collection::vec(change, 0..2), proptest::option::of(updates()), proptest::option::of(text())),
        )
            .prop_map(
                |(
                    (id, opened_at, cause, override_name, esign),
                    (response, resolution),
                    (tier_history, updates, terms),
                )| {
                    IncidentReport {
                        source: format!("incidents.csv:{}", id.len()),
                        service: Some(if esign { "esign".into() } else { id.clone() }),
                        instance: None,
                        severity: Some("1".into()),
                        tier: Some("P1".into()),
                        tier_name: Some("P1 紧急".into()),
                        opened_at,
                        cause,
                        override_name,
                        clock: Some("24x7".into()),
                        response,
                        resolution,
                        citation: Some("3.2".into()),
                        terms,
                        tier_history,
                        updates,
                        id,
                    }
                },
            )
    }

    /// A report around the incidents, with a ledger of the service they
    /// mostly name, so that the page draws them in its chart.
    fn report(incidents: IncidentList) -> Report {
        let ledger = AvailabilityLedger {
            service: "esign".into(),
            period: "2025-01".into(),
            status: PeriodStatus::Met,
            target: "99.9%".into(),
            total_minutes: 44640,
            ..Default::default()
        };
        Report {
            report_version: 1,
            as_of: "2025-02-01T00:00:00+08:00".into(),
            from: "2025-01".into(),
            to: "2025-01".into(),
            availability: vec![ledger],
            incidents,
            ..Default::default()
        }
    }

    /// Every rendering of a report, the JSON both as serde writes it and as
    /// the report writer splices it.
    fn renderings(r: &mut Report) -> Vec<String> {
        let mut spliced = Vec::new();
        crate::report::json_out::write(r, &mut spliced).expect("the JSON is written");
        let csv = crate::report::csv_out::render(r).expect("the CSV is written");
        vec![
            crate::report::json(r),
            String::from_utf8(spliced).expect("UTF-8"),
            csv,
            crate::report::table::render(r),
            crate::report::markdown::render(r),
            crate::report::html::render(r),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// A spooled list gives every rendering the same bytes as the same
        /// incidents held in memory, wherever the spool starts.
        #[test]
        fn spooled_reports_are_the_bytes_of_reports_in_memory(
            incidents in proptest::collection::vec(incident(), 0..12),
            after in 1usize..5,
        ) {
            let mut spooled = IncidentList::spooling_after(after);
            for i in &incidents {
                spooled.push(i.clone());
            }
            prop_assert_eq!(spooled.is_spooled(), incidents.len() >= after);
            prop_assert_eq!(spooled.len(), incidents.len());
            let mut in_memory = report(IncidentList::in_memory(incidents.clone()));
            let mut from_spool = report(spooled);
            let expected = renderings(&mut in_memory);
            prop_assert_eq!(&expected[0], &format!("{}\n", serde_json::to_string_pretty(&in_memory).expect("JSON")));
            prop_assert_eq!(&expected[0], &expected[1]);
            prop_assert_eq!(renderings(&mut from_spool), expected);
            prop_assert!(from_spool.incidents.check().is_ok());
            // Read back whole, and copied.
            let back: Vec<String> = from_spool.incidents.iter().map(|i| serde_json::to_string(&i).expect("JSON")).collect();
            let held: Vec<String> = incidents.iter().map(|i| serde_json::to_string(i).expect("JSON")).collect();
            prop_assert_eq!(&back, &held);
            let copy: Vec<String> = from_spool.incidents.clone().iter().map(|i| i.id).collect();
            prop_assert_eq!(copy, incidents.iter().map(|i| i.id.clone()).collect::<Vec<_>>());
        }
    }

    /// Iterators of one list read it independently, even interleaved.
    #[test]
    fn two_readers_of_one_spool_do_not_disturb_each_other() {
        let mut list = IncidentList::spooling_after(2);
        for n in 0..7 {
            list.push(IncidentReport { id: format!("I{n}"), ..Default::default() });
        }
        let (mut a, mut b) = (list.iter(), list.iter());
        let mut seen = Vec::new();
        while let (Some(x), Some(y)) = (a.next(), b.next()) {
            seen.push((x.id, y.id));
        }
        let ids: Vec<(String, String)> = (0..7).map(|n| (format!("I{n}"), format!("I{n}"))).collect();
        assert_eq!(seen, ids);
        assert!(list.is_spooled());
    }

    /// A spool that cannot be read back whole makes the JSON an error,
    /// never a report with fewer incidents.
    #[test]
    fn a_spool_cut_short_is_an_error_not_a_shorter_report() {
        let mut list = IncidentList::spooling_after(2);
        for n in 0..4 {
            list.push(IncidentReport { id: format!("I{n}"), ..Default::default() });
        }
        if let Some(spool) = &list.spool {
            let spool = spool.lock().expect("not poisoned");
            spool.file.set_len(spool.bytes - 10).expect("the temporary file is cut");
        }
        let mut r = report(list);
        assert!(serde_json::to_string(&r).is_err());
        assert!(crate::report::json_out::write(&mut r, &mut Vec::new()).is_err());
        assert!(r.incidents.check().is_err());
    }
}

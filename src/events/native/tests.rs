//! No reader panics, whatever the bytes: arbitrary input, and the
//! fixtures of `tests/inputs/` cut short or with bytes changed. The
//! end-to-end tests are in `tests/it/inputs.rs`.

use super::history::{self, HistoryFormat};
use super::translate::{ContractView, Maps, Unmapped, translate};
use super::{NativeFormat, NativeOptions, Spec, detect::detect, read_mapped, read_native};
use crate::events::format::Format;
use proptest::prelude::*;

const FIXTURES: [(&[u8], NativeFormat); 5] = [
    (include_bytes!("../../../tests/inputs/statuspage/incidents.json"), NativeFormat::Statuspage),
    (include_bytes!("../../../tests/inputs/pagerduty/incidents.json"), NativeFormat::Pagerduty),
    (include_bytes!("../../../tests/inputs/pagerduty/incidents.csv"), NativeFormat::PagerdutyCsv),
    (include_bytes!("../../../tests/inputs/jsm/export.csv"), NativeFormat::Jsm),
    (include_bytes!("../../../tests/inputs/gcp/incidents.json"), NativeFormat::Gcp),
];

/// Tools' status histories (`--status-changes`), as the end-to-end cases hold them.
const HISTORIES: [(&[u8], HistoryFormat); 3] = [
    (include_bytes!("../../../tests/eval/history-jira/status_changes.json"), HistoryFormat::Jira),
    (include_bytes!("../../../tests/eval/history-servicenow/status_changes.json"), HistoryFormat::ServiceNow),
    (include_bytes!("../../../tests/eval/history-pagerduty/status_changes.json"), HistoryFormat::PagerDuty),
];

/// Every fixture, to damage.
fn seeds() -> Vec<&'static [u8]> {
    FIXTURES.iter().map(|f| f.0).chain(HISTORIES.iter().map(|h| h.0)).collect()
}

struct AnyContract;

impl ContractView for AnyContract {
    fn knows_service(&self, name: &str) -> bool {
        name.len() % 2 == 0
    }
    fn has_tiers(&self) -> bool {
        true
    }
    fn tier_of(&self, label: &str) -> Result<String, String> {
        if label.is_empty() { Err("is no tier".into()) } else { Ok("T1".into()) }
    }
    fn tiers_described(&self) -> String {
        "T1".into()
    }
}

/// Reads `bytes` every way there is; only panics count as failures.
fn read_every_way(bytes: &[u8]) {
    let mut options = NativeOptions::new(chrono_tz::Asia::Shanghai);
    for skip in [false, true] {
        options.skip_bad_rows = skip;
        for format in NativeFormat::ALL {
            if let Ok(read) = read_native(bytes, "f", format, None, &options) {
                let rows = read.rows;
                let maps = Maps { skip_bad_rows: skip, unmapped: Unmapped::Warn, ..Maps::default() };
                // The ledger: every source record is used or set aside, once.
                if let Ok(t) = translate(read, &maps, &AnyContract) {
                    assert_eq!(rows, t.rows_used + t.set_aside.len() as u64, "{format}: {t:?}");
                }
            }
        }
        let mapping = crate::events::mapping::parse(
            "[columns]\nid = [\"id\", \"#1\"]\nopened_at = [\"opened_at\", \"#2\", \"a[].b\"]\nservice = \"x[k=v].y\"\n",
            "m.toml",
        )
        .map(|m| m.spec)
        .unwrap_or_else(|_| Spec::default());
        for layout in [Format::Csv, Format::Json, Format::Ndjson] {
            let _ = read_mapped(bytes, "f", layout, &mapping, &options);
            let _ = detect(bytes, layout);
            let _ = history::detect(bytes, layout);
            for format in HistoryFormat::ALL {
                if let Ok(read) = history::read_history(bytes, "f", format, layout, &options) {
                    // Every entry of a field read is a change or skipped, once.
                    let counted = read.changes.len() as u64 + read.skipped.len() as u64;
                    assert_eq!(read.rows, counted, "{format}: {read:?}");
                }
            }
        }
    }
}

#[test]
fn the_fixtures_read_cleanly() {
    let options = NativeOptions::new(chrono_tz::Asia::Shanghai);
    for (bytes, format) in FIXTURES {
        let read = read_native(bytes, "f", format, None, &options).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(read.rows > 0 && read.skipped.is_empty(), "{format}: {read:?}");
    }
    for (bytes, format) in HISTORIES {
        assert_eq!(history::detect(bytes, Format::Json), Some(format));
        let read = history::read_history(bytes, "f", format, Format::Json, &options)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(read.rows > 0 && read.skipped.is_empty(), "{format}: {read:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        read_every_way(&bytes);
    }

    #[test]
    fn damaged_fixtures_never_panic(
        which in 0..FIXTURES.len() + HISTORIES.len(),
        cut in any::<prop::sample::Index>(),
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = seeds()[which].to_vec();
        for (at, byte) in changes {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        read_every_way(&bytes);
        let len = cut.index(bytes.len() + 1);
        read_every_way(&bytes[..len]);
    }

    #[test]
    fn json_of_any_shape_never_panics(text in r#"[\[\]{}":,0-9a-z_ .\-]{0,200}"#) {
        read_every_way(text.as_bytes());
    }
}

/// serde_json's "at line L column C" is said once, by the location, not
/// again inside the message: for a whole document and for an NDJSON line.
#[test]
fn broken_json_names_its_place_once() {
    let options = NativeOptions::new(chrono_tz::Asia::Shanghai);
    let e = read_native(b"{\"page\": {\n  \"id\": }", "f.json", NativeFormat::Statuspage, None, &options)
        .expect_err("broken JSON");
    assert_eq!(e.to_string(), "f.json:2: invalid JSON: expected value (column 9)");
    let mapping =
        crate::events::mapping::parse("[columns]\nid = \"id\"\nopened_at = \"t\"\n", "m.toml").expect("a mapping");
    let e = read_mapped(b"{\"id\": 1, \"t\": }\n", "f.ndjson", Format::Ndjson, &mapping.spec, &options)
        .expect_err("broken JSON");
    assert_eq!(e.to_string(), "f.ndjson:1: invalid JSON: expected value (column 16)");
}

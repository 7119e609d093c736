use super::*;
use chrono_tz::{America::New_York, Asia::Shanghai, Australia::Lord_Howe};

fn read(zone: Tz, text: &str) -> Result<String, EventErrorKind> {
    Timestamps::new(zone).read(text).map(|t| t.to_rfc3339())
}

fn ok(zone: Tz, text: &str) -> String {
    read(zone, text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn naive_times_are_read_in_the_contract_zone() {
    assert_eq!(ok(Shanghai, "2025-03-01 08:15:00"), "2025-03-01T00:15:00+00:00");
    assert_eq!(ok(Shanghai, "2025-03-01T08:15:00"), "2025-03-01T00:15:00+00:00");
    assert_eq!(ok(Shanghai, "2025-03-01t08:15"), "2025-03-01T00:15:00+00:00");
}

#[test]
fn offsets_and_z_give_the_instant() {
    assert_eq!(ok(Shanghai, "2025-03-01T08:15:00+08:00"), "2025-03-01T00:15:00+00:00");
    assert_eq!(ok(Shanghai, "2025-03-01T00:15:00Z"), "2025-03-01T00:15:00+00:00");
    assert_eq!(ok(Shanghai, "2025-03-01 00:15:00z"), "2025-03-01T00:15:00+00:00");
    assert_eq!(ok(Shanghai, "2025-02-28T20:15:00-04:30"), "2025-03-01T00:45:00+00:00");
}

#[test]
fn fractions_of_a_second_are_kept() {
    assert_eq!(ok(Shanghai, "2025-03-01 08:15:00.25"), "2025-03-01T00:15:00.250+00:00");
    assert_eq!(ok(Shanghai, "2025-03-01T08:15:00.123456789123+08:00"), "2025-03-01T00:15:00.123456789+00:00");
}

#[test]
fn rarer_layouts_go_through_chrono() {
    for text in [
        "2025-03-01 08:15:00 +0800",
        "2025-03-01T08:15:00+0800",
        "2025/03/01 08:15:00",
        "2025/3/1 8:15",
        "2025-3-1 08:15:00",
    ] {
        assert_eq!(ok(Shanghai, text), "2025-03-01T00:15:00+00:00", "{text}");
    }
}

#[test]
fn the_fast_path_agrees_with_chrono() {
    for text in ["2024-02-29 23:59:59", "2000-01-01T00:00", "1999-12-31 12:00:00"] {
        let fast = parse_fixed(text.as_bytes(), &mut None);
        let slow = parse_other(text);
        assert!(fast.is_some());
        assert_eq!(fast, slow, "{text}");
    }
}

#[test]
fn a_remembered_date_does_not_hide_a_bad_time() {
    let mut t = Timestamps::new(Shanghai);
    assert!(t.read("2025-03-01 08:15:00").is_ok());
    assert!(t.read("2025-03-01 25:15:00").is_err());
    assert!(t.read("2025-03-01X08:15:00").is_err());
    assert!(t.read("\0\0\0\0\0\0\0\0\0\0 08:15:00").is_err());
    assert_eq!(t.read("2025-03-01 09:15:00").map(|d| d.to_rfc3339()), Ok("2025-03-01T01:15:00+00:00".into()));
}

#[test]
fn unreadable_timestamps_say_what_was_expected() {
    for text in [
        "2025-13-01 00:00:00",
        "2025-02-29 00:00:00",
        "2025-03-01",
        "2025-03-01 24:00:00",
        "2025-03-01 08:15:00+25:00",
        "yesterday",
        "2025-03-01 08:15:00 extra",
        "03/01/2025 08:15",
    ] {
        let err = read(Shanghai, text).unwrap_err();
        assert_eq!(
            err,
            EventErrorKind::Invalid { found: format!("{text:?}"), expected: Expected::Timestamp },
            "{text}"
        );
    }
}

#[test]
fn a_time_in_a_dst_gap_is_an_error() {
    let err = read(New_York, "2025-03-09 02:30:00").unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"2025-03-09 02:30:00\" does not exist in America/New_York (the clocks \
         skip it); write the time with its UTC offset"
    );
    // With an offset it is an instant like any other.
    assert_eq!(ok(New_York, "2025-03-09T02:30:00-05:00"), "2025-03-09T07:30:00+00:00");
}

#[test]
fn a_repeated_time_is_the_earlier_instant() {
    // 01:30 happens first at -04:00 (05:30Z), then at -05:00 (06:30Z).
    assert_eq!(ok(New_York, "2025-11-02 01:30:00"), "2025-11-02T05:30:00+00:00");
}

#[test]
fn the_hour_cache_follows_transitions() {
    let mut t = Timestamps::new(New_York);
    let mut read = |s: &str| t.read(s).map(|d| d.to_rfc3339()).unwrap();
    assert_eq!(read("2025-03-09 01:59:00"), "2025-03-09T06:59:00+00:00");
    assert_eq!(read("2025-03-09 01:00:00"), "2025-03-09T06:00:00+00:00");
    assert_eq!(read("2025-03-09 03:00:00"), "2025-03-09T07:00:00+00:00");
    assert_eq!(read("2025-11-02 00:59:00"), "2025-11-02T04:59:00+00:00");
    assert_eq!(read("2025-11-02 02:00:00"), "2025-11-02T07:00:00+00:00");
    assert_eq!(read("2025-11-02 00:30:00"), "2025-11-02T04:30:00+00:00");
}

#[test]
fn half_hour_transitions_are_exact() {
    // Lord Howe goes from +11:00 to +10:30 at 02:00 local: 01:30..02:00 twice.
    assert_eq!(ok(Lord_Howe, "2025-04-06 01:15:00"), "2025-04-05T14:15:00+00:00");
    assert_eq!(ok(Lord_Howe, "2025-04-06 01:45:00"), "2025-04-05T14:45:00+00:00");
    assert_eq!(ok(Lord_Howe, "2025-04-06 02:15:00"), "2025-04-05T15:45:00+00:00");
}

#[test]
fn only_text_is_a_timestamp() {
    let err = Timestamps::new(Shanghai).read_value(Value::UInt(1_740_787_200)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a timestamp such as 2025-03-01 08:15:00 or \
         2025-03-01T08:15:00+08:00, found 1740787200"
    );
}

#[test]
fn civil_days_match_chrono_over_centuries() {
    for days in (-800_000i64..800_000).step_by(997) {
        let date = DateTime::from_timestamp(days * 86_400, 0).unwrap().date_naive();
        use chrono::Datelike;
        let computed = days_from_civil(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
        assert_eq!(computed, days, "{date}");
    }
}

proptest::proptest! {
    #[test]
    fn instants_from_the_date_cache_match_chrono(
        times in proptest::collection::vec(
            (-100_000_000_000i64..100_000_000_000, 0u32..2_000_000_000),
            1..20,
        ),
        near in 0i64..86_400,
    ) {
        let mut t = Timestamps::new(Shanghai);
        for (seconds, nanos) in times {
            // Every other instant shares a day with the one before.
            for s in [seconds, seconds + near] {
                proptest::prop_assert_eq!(t.instant(s, nanos), DateTime::from_timestamp(s, nanos));
            }
        }
    }
}

proptest::proptest! {
    /// A reader that has read other texts (the same one just before, too)
    /// reads each text as a fresh reader does: its caches never leak.
    #[test]
    fn a_text_reads_the_same_whatever_came_before(picks in proptest::collection::vec(0usize..8, 1..40)) {
        const TEXTS: [&str; 8] = [
            "2025-03-01T00:00:00+08:00",
            "2025-03-01 00:00:00",
            "2025-03-01T00:00:00Z",
            "2025-03-09 02:30:00",
            "2025-11-02 01:30:00",
            "not a time",
            "2025-03-01T00:00:00.5+08:00",
            "2025-03-02",
        ];
        let zone = chrono_tz::America::New_York;
        let mut reader = Timestamps::new(zone);
        for i in picks {
            let fresh = Timestamps::new(zone).read(TEXTS[i]);
            proptest::prop_assert_eq!(reader.read(TEXTS[i]), fresh);
        }
    }
}

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn reads_a_break_with_exclusive_dtend_and_a_makeup_day() {
    let text = calendar(
        "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20250128\r\nDTEND;VALUE=DATE:20250205\r\nSUMMARY:春节\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20250126\r\nSUMMARY:春节补班\r\nEND:VEVENT\r\n",
    );
    let days = parse(&text).unwrap();
    // Jan 28 .. Feb 4 is 8 days; DTEND Feb 5 is not one of them.
    assert_eq!(days.values().filter(|d| d.kind == DayKind::Holiday).count(), 8);
    assert!(!days.contains_key(&date(2025, 2, 5)));
    assert_eq!(days[&date(2025, 2, 4)].name, "春节");
    // No DTEND: one day.
    assert_eq!(days[&date(2025, 1, 26)].kind, DayKind::Workday);
    assert!(!days.contains_key(&date(2025, 1, 27)));
}

#[test]
fn categories_decide_before_the_summary() {
    let text = calendar(
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250208\r\nCATEGORIES:WORKDAY\r\nSUMMARY:Spring Festival\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20251001\r\nCATEGORIES:Holiday,Public\r\nSUMMARY:班级假日\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nDTSTART:20250928\r\nSUMMARY:National Day (working day)\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20251011\r\nSUMMARY:班\r\nEND:VEVENT\r\n",
    );
    let days = parse(&text).unwrap();
    assert_eq!(days[&date(2025, 2, 8)].kind, DayKind::Workday);
    assert_eq!(days[&date(2025, 10, 1)].kind, DayKind::Holiday);
    assert_eq!(days[&date(2025, 9, 28)].kind, DayKind::Workday);
    assert_eq!(days[&date(2025, 10, 11)].kind, DayKind::Workday);
}

#[test]
fn unfolds_lines_and_unescapes_text() {
    // RFC 5545 3.1: CRLF followed by one space or tab continues the line.
    let text = calendar(
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DA\r\n TE:20250501\r\nDURATION:P5D\r\nSUMMARY:Labour\r\n\t Day\\, 劳动节\r\nEND:VEVENT\r\n",
    );
    let days = parse(&text).unwrap();
    assert_eq!(days.len(), 5);
    assert_eq!(days[&date(2025, 5, 5)].name, "Labour Day, 劳动节");
}

#[test]
fn lf_only_and_nested_alarms_and_cancelled_events() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nSUMMARY:元旦\nBEGIN:VALARM\nDTSTART;VALUE=DATE:20990101\nEND:VALARM\nEND:VEVENT\n\
                BEGIN:VEVENT\nSTATUS:CANCELLED\nDTSTART;VALUE=DATE:20250102\nEND:VEVENT\nEND:VCALENDAR\n";
    let days = parse(text).unwrap();
    assert_eq!(days.keys().copied().collect::<Vec<_>>(), vec![date(2025, 1, 1)]);
}

#[test]
fn errors_name_line_and_property() {
    assert_eq!(
        error("BEGIN:VEVENT\nDTSTART:20250101T090000\nEND:VEVENT\n"),
        "line 2, field `DTSTART`: expected an all-day date such as `DTSTART;VALUE=DATE:20250101`, found `20250101T090000`"
    );
    assert_eq!(
        error("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250105\nDTEND;VALUE=DATE:20250105\nEND:VEVENT\n"),
        "line 3, field `DTEND`: DTEND 2025-01-05 is not after DTSTART 2025-01-05; expected the day after the last day off (DTEND is exclusive)"
    );
    assert_eq!(
        error("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"),
        "line 1, field `DTSTART`: the event has no DTSTART; expected `DTSTART;VALUE=DATE:YYYYMMDD`"
    );
    assert_eq!(
        error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\n"),
        "line 2, field `BEGIN`: `BEGIN:VEVENT` is never closed; expected `END:VEVENT`"
    );
    assert!(
        error("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nRRULE:FREQ=YEARLY\nEND:VEVENT\n")
            .starts_with("line 3, field `RRULE`")
    );
    assert!(
        error("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nDURATION:PT8H\nEND:VEVENT\n")
            .starts_with("line 3, field `DURATION`")
    );
    assert_eq!(error("garbage\n"), "line 1: expected `NAME:value`, found `garbage`");
}

#[test]
fn conflicting_events_are_an_error() {
    let text = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nDURATION:P2D\nSUMMARY:A\nEND:VEVENT\n\
                BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250102\nSUMMARY:补班\nEND:VEVENT\n";
    assert!(
        error(text)
            .starts_with("line 7, field `DTSTART`: 2025-01-02 is listed as a workday here but as a holiday on line 2")
    );
}

#[test]
fn implausible_lengths_are_an_error() {
    // 2025-01-01 up to (not including) 2026-01-03 is 367 days: surely a typo.
    assert_eq!(
        error("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nDTEND;VALUE=DATE:20260103\nEND:VEVENT\n"),
        "line 3, field `DTEND`: the event lasts 367 days; expected 1 to 366"
    );
    assert_eq!(
        error("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nDURATION:P0D\nEND:VEVENT\n"),
        "line 3, field `DURATION`: the event lasts 0 days; expected 1 to 366"
    );
}

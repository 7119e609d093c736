use super::*;
use crate::events::model::ChangedField;
use chrono::{DateTime, Utc};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("a test instant").with_timezone(&Utc)
}

fn options() -> NativeOptions {
    NativeOptions::new(chrono_tz::Asia::Shanghai)
}

fn read(text: &str, format: HistoryFormat, layout: Format, options: &NativeOptions) -> Result<HistoryRead, String> {
    read_history(text.as_bytes(), "h", format, layout, options).map_err(|e| e.to_string())
}

/// (incident, at, field, from, to) of a change.
type Fact = (String, DateTime<Utc>, ChangedField, Option<String>, String);

fn facts(r: &HistoryRead) -> Vec<Fact> {
    r.changes.iter().map(|c| (c.incident.clone(), c.at, c.field, c.from.clone(), c.to.clone())).collect()
}

const JIRA: &str = r#"{"startAt":0,"maxResults":50,"total":1,"issues":[{"id":"10001","key":"SUP-1",
 "fields":{"summary":"x"},
 "changelog":{"startAt":0,"maxResults":2,"total":2,"histories":[
  {"id":"1","created":"2025-03-10T10:40:00.000+0800","items":[
    {"field":"status","fieldtype":"jira","from":"3","fromString":"In Progress","to":"10002","toString":"Waiting for customer"},
    {"field":"assignee","fieldtype":"jira","fromString":"Ann","toString":"Bob"}]},
  {"id":"2","created":"2025-03-10T11:00:00.000+0800","items":[
    {"field":"priority","fieldtype":"jira","fromString":"Medium","toString":"High"},
    {"field":"resolution","fromString":null,"toString":"Done"}]}]}}]}"#;

#[test]
fn jira_status_and_priority_items_are_read_and_others_counted() {
    let r = read(JIRA, HistoryFormat::Jira, Format::Json, &options()).unwrap();
    assert_eq!(
        facts(&r),
        [
            (
                "SUP-1".into(),
                utc("2025-03-10T02:40:00Z"),
                ChangedField::Status,
                Some("In Progress".into()),
                "Waiting for customer".into()
            ),
            ("SUP-1".into(), utc("2025-03-10T03:00:00Z"), ChangedField::Severity, Some("Medium".into()), "High".into()),
        ]
    );
    assert_eq!(r.rows, 2);
    assert_eq!(r.ignored, BTreeMap::from([("assignee".into(), 1), ("resolution".into(), 1)]));
    assert_eq!(r.changes[0].source.pointer.as_deref(), Some("/issues/0/changelog/histories/0/items/0"));
}

#[test]
fn jira_bad_items_are_located_and_skipped_when_asked() {
    let bad = JIRA.replace("2025-03-10T11:00:00.000+0800", "tomorrow");
    let e = read(&bad, HistoryFormat::Jira, Format::Json, &options()).unwrap_err();
    assert!(e.starts_with("h at /issues/0/changelog/histories/1/created: expected a timestamp"), "{e}");
    let mut skipping = options();
    skipping.skip_bad_rows = true;
    let r = read(&bad, HistoryFormat::Jira, Format::Json, &skipping).unwrap();
    assert_eq!((r.rows, r.changes.len(), r.skipped.len()), (2, 1, 1));
    let one = read(r#"{"values":[]}"#, HistoryFormat::Jira, Format::Json, &options()).unwrap_err();
    assert!(one.contains("does not name its issue"), "{one}");
}

const AUDIT_JSON: &str = r#"{"result":[
 {"sys_id":"a1","tablename":"incident","documentkey":"9d385017c611228701d22104cc95c371","fieldname":"state","oldvalue":"2","newvalue":"3","sys_created_on":"2025-03-14 09:00:00","user":"beth"},
 {"sys_id":"a2","tablename":"incident","documentkey":"9d385017c611228701d22104cc95c371","fieldname":"hold_reason","oldvalue":"","newvalue":"1","sys_created_on":"2025-03-14 09:00:00"},
 {"sys_id":"a3","tablename":"incident","documentkey":"9d385017c611228701d22104cc95c371","fieldname":"priority","oldvalue":{"value":"3","display_value":"3"},"newvalue":{"value":"1","display_value":"1"},"sys_created_on":{"value":"2025-03-14 10:00:00","display_value":"2025-03-14 18:00:00"}},
 {"sys_id":"a4","tablename":"sys_user","documentkey":"x","fieldname":"state","newvalue":"1","sys_created_on":"2025-03-14 10:00:00"},
 {"sys_id":"a5","tablename":"incident","documentkey":"9d385017c611228701d22104cc95c371","fieldname":"state","oldvalue":"3","newvalue":"12","sys_created_on":"2025-03-14 11:00:00"}]}"#;

#[test]
fn servicenow_states_and_priorities_are_named_in_utc() {
    let r = read(AUDIT_JSON, HistoryFormat::ServiceNow, Format::Json, &options()).unwrap();
    let key = "9d385017c611228701d22104cc95c371".to_string();
    assert_eq!(
        facts(&r),
        [
            (
                key.clone(),
                utc("2025-03-14T09:00:00Z"),
                ChangedField::Status,
                Some("In Progress".into()),
                "On Hold".into()
            ),
            (
                key.clone(),
                utc("2025-03-14T10:00:00Z"),
                ChangedField::Severity,
                Some("3 - Moderate".into()),
                "1 - Critical".into()
            ),
            // a state the default table does not have: kept as written
            (key, utc("2025-03-14T11:00:00Z"), ChangedField::Status, Some("On Hold".into()), "12".into()),
        ]
    );
    assert_eq!(r.ignored, BTreeMap::from([("hold_reason".into(), 1), ("table sys_user".into(), 1)]));
}

#[test]
fn servicenow_csv_times_are_in_the_date_zone_and_rows_located() {
    let csv = "\u{feff}\"sys_id\",\"documentkey\",\"tablename\",\"fieldname\",\"oldvalue\",\"newvalue\",\"sys_created_on\"\r\n\
               \"a1\",\"k1\",\"incident\",\"state\",\"1\",\"2\",\"2025-03-14 17:00:00\"\r\n\
               \"a2\",\"k1\",\"incident\",\"state\",\"2\",\"3\",\"14 March\"\r\n";
    let mut london = options();
    london.date_zone = Some(chrono_tz::Europe::London);
    let e = read(csv, HistoryFormat::ServiceNow, Format::Csv, &london).unwrap_err();
    assert!(e.starts_with("h:3: field sys_created_on:"), "{e}");
    london.skip_bad_rows = true;
    let r = read(csv, HistoryFormat::ServiceNow, Format::Csv, &london).unwrap();
    assert_eq!(
        facts(&r),
        [("k1".into(), utc("2025-03-14T17:00:00Z"), ChangedField::Status, Some("New".into()), "In Progress".into())]
    );
    assert_eq!((r.rows, r.skipped.len()), (2, 1));
    let e = read("documentkey,fieldname\n", HistoryFormat::ServiceNow, Format::Csv, &options()).unwrap_err();
    assert!(e.contains("no `newvalue` column"), "{e}");
}

const LOG: &str = r#"{"log_entries":[
 {"id":"R3","type":"resolve_log_entry","created_at":"2025-03-05T04:00:00Z","incident":{"id":"PT4KHLK","type":"incident_reference"}},
 {"id":"R2","type":"acknowledge_log_entry","created_at":"2025-03-05T02:10:00Z","incident":{"id":"PT4KHLK"}},
 {"id":"R1b","type":"notify_log_entry","created_at":"2025-03-05T02:00:05Z","incident":{"id":"PT4KHLK"}},
 {"id":"R1a","type":"priority_change_log_entry","created_at":"2025-03-05T02:30:00Z","summary":"Priority changed from \"P3\" to \"P1\"","incident":{"id":"PT4KHLK"}},
 {"id":"R1","type":"trigger_log_entry","created_at":"2025-03-05T02:00:00Z","incident":{"id":"PT4KHLK"}}],
 "limit":25,"offset":0,"more":false}"#;

#[test]
fn pagerduty_moves_and_priority_changes() {
    let r = read(LOG, HistoryFormat::PagerDuty, Format::Json, &options()).unwrap();
    let id = "PT4KHLK".to_string();
    assert_eq!(
        facts(&r),
        [
            (
                id.clone(),
                utc("2025-03-05T04:00:00Z"),
                ChangedField::Status,
                Some("acknowledged".into()),
                "resolved".into()
            ),
            (
                id.clone(),
                utc("2025-03-05T02:10:00Z"),
                ChangedField::Status,
                Some("triggered".into()),
                "acknowledged".into()
            ),
            (id.clone(), utc("2025-03-05T02:30:00Z"), ChangedField::Severity, Some("P3".into()), "P1".into()),
            (id, utc("2025-03-05T02:00:00Z"), ChangedField::Status, None, "triggered".into()),
        ]
    );
    assert_eq!(r.ignored, BTreeMap::from([("notify_log_entry".into(), 1)]));
}

#[test]
fn files_are_told_apart() {
    let json = |t: &str| detect(t.as_bytes(), Format::Json);
    assert_eq!(json(JIRA), Some(HistoryFormat::Jira));
    assert_eq!(json(r#"{"key":"SUP-1","changelog":{"histories":[]}}"#), Some(HistoryFormat::Jira));
    assert_eq!(json(AUDIT_JSON), Some(HistoryFormat::ServiceNow));
    assert_eq!(json(LOG), Some(HistoryFormat::PagerDuty));
    assert_eq!(json(r#"[{"incident":"A","at":"2025-01-01 00:00","to":"x"}]"#), None);
    assert_eq!(json(r#"[{"type":"incident"}]"#), None);
    assert_eq!(json("not json"), None);
    let csv = |t: &str| detect(t.as_bytes(), Format::Csv);
    assert_eq!(
        csv("Document key,Table name,Field name,Old value,New value,Created\n"),
        Some(HistoryFormat::ServiceNow)
    );
    assert_eq!(csv("incident,at,from,to,field\n"), None);
    assert_eq!("snow".parse::<HistoryFormat>(), Ok(HistoryFormat::ServiceNow));
    assert!("bugzilla".parse::<HistoryFormat>().unwrap_err().to_string().contains("jira, servicenow, pagerduty"));
}

use super::*;
use crate::events::{Impact, IncidentBuilder, MaintenanceBuilder};

fn incidents(input: &str) -> Result<(Vec<crate::events::Incident>, ReadSummary), EventError> {
    read(IncidentBuilder::new(Shanghai), Format::Csv, "incidents.csv", input.as_bytes())
}

fn incident_error(input: &str) -> String {
    error(IncidentBuilder::new(Shanghai), Format::Csv, "incidents.csv", input.as_bytes())
}

#[test]
fn a_bom_and_crlf_line_ends_are_fine() {
    let input = include_bytes!("../../../tests/events/bom_crlf.csv");
    let (records, summary) = read(IncidentBuilder::new(Shanghai), Format::Csv, "f.csv", input).unwrap();
    assert_eq!(summary.rows, 3);
    let a1 = &records[0];
    assert_eq!(&*a1.id, "A1");
    assert_eq!(a1.severity.as_deref(), Some("1"));
    assert_eq!(utc(a1.opened_at), "2025-01-10T02:00:00Z");
    assert_eq!(a1.impact, Impact::Outage);
    assert_eq!(a1.cause(), None);
    assert_eq!(a1.source.to_string(), "f.csv:2");
    assert_eq!(records[1].resolved_at.map(utc).as_deref(), Some("2025-01-12T02:04:30Z"));
    let a9 = &records[2];
    assert_eq!(a9.severity.as_deref(), Some("三级故障"));
    assert_eq!((a9.responded_at, a9.resolved_at), (None, None));
    assert_eq!(a9.impact, Impact::Degraded);
}

#[test]
fn crlf_with_quoted_last_cells_and_blank_lines() {
    let input = "id,opened_at,cause\r\n\r\nA1,2025-01-10 10:00:00,\"third_party\"\r\n\r\n\
                 A2,2025-01-10 10:00:00,\"a\r\nb\"\r\nA3,never,\r\n";
    let options = ReadOptions::new(Format::Csv, Shanghai).skipping_bad_rows();
    let (records, summary) = read_with(IncidentBuilder::new(Shanghai), options, "i.csv", input.as_bytes()).unwrap();
    assert_eq!(records[0].cause(), Some("third_party"));
    assert_eq!(records[0].source.line, Some(3));
    assert_eq!(records[1].cause(), Some("a\r\nb"));
    assert_eq!(records[1].source.line, Some(5));
    assert_eq!(summary.skipped[0].at.line, Some(7));
}

#[test]
fn columns_in_any_order_unknown_ones_ignored() {
    let input = "note,Opened_At , ID,extra,note\nx,2025-01-10 10:00:00,A1,,y\n";
    let (records, _) = incidents(input).unwrap();
    assert_eq!(&*records[0].id, "A1");
    assert_eq!(records[0].impact, Impact::None);
}

#[test]
fn cells_are_trimmed_and_empty_ones_are_absent() {
    let input = "id,opened_at,service,impact\n A1 , 2025-01-10 10:00:00 ,  , outage \n";
    let (records, _) = incidents(input).unwrap();
    assert_eq!(&*records[0].id, "A1");
    assert_eq!(records[0].service, None);
    assert_eq!(records[0].impact, Impact::Outage);
}

#[test]
fn a_missing_required_column_names_file_and_column() {
    assert_eq!(incident_error("id,severity\nA1,1\n"), "incidents.csv: missing required column: opened_at");
    assert_eq!(incident_error(""), "incidents.csv: missing required column: id");
    let err = error(MaintenanceBuilder::new(Shanghai), Format::Csv, "maintenance.csv", b"id,kind,start,end\n");
    assert_eq!(err, "maintenance.csv: missing required column: announced_at");
}

#[test]
fn a_wanted_column_given_twice_is_an_error() {
    assert_eq!(incident_error("id,opened_at,ID\n"), "incidents.csv: column id appears more than once in the header");
}

#[test]
fn a_row_of_the_wrong_length_is_malformed() {
    let input = "id,opened_at\nA1,2025-01-10 10:00:00\nA2\nA3,2025-01-10 10:00:00,x\n";
    assert_eq!(incident_error(input), "incidents.csv:3: the row has 1 field but the header has 2");
    let (records, summary) =
        read_skipping(IncidentBuilder::new(Shanghai), Format::Csv, "incidents.csv", input.as_bytes());
    assert_eq!(records.len(), 1);
    let skipped: Vec<String> = summary.skipped.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        skipped,
        [
            "incidents.csv:3: the row has 1 field but the header has 2",
            "incidents.csv:4: the row has 3 fields but the header has 2",
        ]
    );
}

#[test]
fn lines_count_from_the_header_even_across_quoted_newlines() {
    let input = "id,cause,opened_at\nA1,\"two\nlines\",2025-01-10 10:00:00\nA2,,never\n";
    assert_eq!(
        incident_error(input),
        "incidents.csv:4: field opened_at: expected a timestamp such as \
         2025-03-01 08:15:00 or 2025-03-01T08:15:00+08:00, found \"never\""
    );
}

#[test]
fn bytes_that_are_not_utf8_are_named() {
    let mut input = b"id,opened_at,junk\nA1,2025-01-10 10:00:00,\xff\n".to_vec();
    // Not UTF-8 in a column nobody reads: fine.
    assert!(read(IncidentBuilder::new(Shanghai), Format::Csv, "i.csv", &input).is_ok());
    input.extend_from_slice(b"A\xff,2025-01-10 10:00:00,\n");
    let err = error(IncidentBuilder::new(Shanghai), Format::Csv, "i.csv", &input);
    assert_eq!(err, "i.csv:3: field id: expected text or a number, found bytes that are not UTF-8");
}

#[test]
fn an_unreadable_input_is_a_file_error() {
    struct Broken;
    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let options = ReadOptions::new(Format::Csv, Shanghai);
    let err = crate::events::read_incidents(Broken, "i.csv", &options, |_| Ok::<(), EventError>(())).unwrap_err();
    assert_eq!(err.to_string(), "i.csv: cannot read the file: disk on fire");
}

#[test]
fn the_callback_can_stop_the_read() {
    #[derive(Debug)]
    enum Stop {
        Enough,
        Event(EventError),
    }
    impl From<EventError> for Stop {
        fn from(e: EventError) -> Stop {
            Stop::Event(e)
        }
    }
    let input = "id,opened_at\nA1,2025-01-10 10:00:00\nA2,2025-01-10 10:00:00\n";
    let options = ReadOptions::new(Format::Csv, Shanghai);
    let mut seen = 0;
    let result = crate::events::read_incidents(input.as_bytes(), "i.csv", &options, |_| {
        seen += 1;
        Err(Stop::Enough)
    });
    match result {
        Err(Stop::Enough) => {}
        Err(Stop::Event(e)) => panic!("{e}"),
        Ok(summary) => panic!("not stopped: {summary}"),
    }
    assert_eq!(seen, 1);
}

#[test]
fn a_reader_can_be_opened_with_the_file_s_own_names() {
    let names =
        ["number", "service", "instance", "priority", "created", "acked", "closed", "impact", "cause", "region"];
    let input = "number,created,priority\nINC1,2025-01-10 10:00:00,P1\nINC2,,P2\n";
    let options = ReadOptions::new(Format::Csv, Shanghai).skipping_bad_rows();
    let mut records = Vec::new();
    let summary = crate::events::read_records_named(
        input.as_bytes(),
        "export.csv",
        &options,
        &names,
        IncidentBuilder::new(Shanghai),
        |r| {
            records.push(r);
            Ok::<(), EventError>(())
        },
    )
    .unwrap();
    assert_eq!(&*records[0].id, "INC1");
    assert_eq!(records[0].severity.as_deref(), Some("P1"));
    assert_eq!(summary.skipped[0].to_string(), "export.csv:3: field created: a value is required");
}

/// Empty lines are skipped and still counted: a bad row is named by its
/// line in the file (the CSV parser's own count leaves empty lines out).
#[test]
fn empty_lines_count_in_a_bad_row_s_line() {
    let header = "id,severity,opened_at\n";
    assert!(incident_error(&format!("{header}\n\nA1,1,nope\n")).starts_with("incidents.csv:4:"));
    assert!(
        incident_error(&format!("{header}A1,1,2025-03-01 10:00\n\n\n\nA2,1,nope\n")).starts_with("incidents.csv:6:")
    );
    assert!(incident_error(&format!("\n{header}A1,1,nope\n")).starts_with("incidents.csv:3:"));
    assert!(
        incident_error(&format!("{header}A1,1,2025-03-01 10:00\r\n\r\n\nA2,1,nope\r\n"))
            .starts_with("incidents.csv:5:")
    );
}

/// Rows naming the same service, severity or cause share one copy of the
/// text; an incident without instance, cause, outage or region carries no
/// box for them; a repeated id is still refused, naming its first line.
#[test]
fn repeated_texts_are_shared_and_rare_fields_absent() {
    let input = "id,service,severity,opened_at,cause,region\n\
                 A1,api,P1,2025-01-10 10:00:00,,\n\
                 A2,api,P1,2025-01-10 11:00:00,power,\n\
                 A3,api,P2,2025-01-10 12:00:00,power,EMEA\n";
    let (records, _) = incidents(input).unwrap();
    let shared = |a: &Option<crate::events::Text>, b: &Option<crate::events::Text>| match (a, b) {
        (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
        _ => false,
    };
    assert!(shared(&records[0].service, &records[2].service));
    assert!(shared(&records[0].severity, &records[1].severity));
    assert!(records[0].rare.is_none());
    assert_eq!((records[1].cause(), records[1].region()), (Some("power"), None));
    assert_eq!((records[2].cause(), records[2].region()), (Some("power"), Some("EMEA")));
    let a = records[1].rare.as_ref().and_then(|r| r.cause.as_ref());
    let b = records[2].rare.as_ref().and_then(|r| r.cause.as_ref());
    assert!(a.zip(b).is_some_and(|(a, b)| std::sync::Arc::ptr_eq(a, b)));
    let repeated = incident_error("id,opened_at\nA1,2025-01-10 10:00:00\nA1,2025-01-10 11:00:00\n");
    assert!(repeated.contains("incidents.csv:2"), "{repeated}");
}

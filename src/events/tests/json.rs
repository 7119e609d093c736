use super::*;
use crate::events::{Impact, Incident, IncidentBuilder};
use std::io::Read;

fn incidents(input: &str) -> Result<(Vec<Incident>, ReadSummary), EventError> {
    read(IncidentBuilder::new(Shanghai), Format::Json, "incidents.json", input.as_bytes())
}

fn incident_error(input: &str) -> String {
    error(IncidentBuilder::new(Shanghai), Format::Json, "incidents.json", input.as_bytes())
}

#[test]
fn an_array_of_objects_with_a_bom_and_crlf() {
    let input = include_bytes!("../../../tests/events/bom_crlf.json");
    let (records, summary) = read(IncidentBuilder::new(Shanghai), Format::Json, "i.json", input).unwrap();
    assert_eq!(summary.rows, 2);
    assert_eq!(records[0].impact, Impact::Outage);
    // Numbers stand for text where the field is text.
    assert_eq!(&*records[1].id, "2");
    assert_eq!(records[1].severity.as_deref(), Some("1"));
    assert_eq!(records[1].source.to_string(), "i.json at /1");
}

#[test]
fn field_errors_carry_a_json_pointer() {
    let input = r#"[{"id":"A1","opened_at":"2025-01-10 10:00:00"},
                    {"id":"A2","opened_at":"soon"}]"#;
    assert_eq!(
        incident_error(input),
        "incidents.json at /1/opened_at: expected a timestamp such as \
         2025-03-01 08:15:00 or 2025-03-01T08:15:00+08:00, found \"soon\""
    );
}

#[test]
fn null_and_empty_strings_are_absent() {
    let input = r#"[{"id":"A1","opened_at":"2025-01-10 10:00:00","resolved_at":null,
                     "service":"  ","impact":null}]"#;
    let (records, _) = incidents(input).unwrap();
    assert_eq!(records[0].resolved_at, None);
    assert_eq!(records[0].service, None);
    assert_eq!(records[0].impact, Impact::None);
    assert_eq!(
        incident_error(r#"[{"id":null,"opened_at":"2025-01-10 10:00:00"}]"#),
        "incidents.json at /0/id: a value is required"
    );
}

#[test]
fn elements_that_are_not_flat_objects_are_bad_rows() {
    let input = r#"[7, {"id":"A1","opened_at":"2025-01-10 10:00:00","cause":["x"]},
                    {"id":"A2","ID":"A3","opened_at":"2025-01-10 10:00:00"},
                    {"id":"A4","opened_at":"2025-01-10 10:00:00","extra":{"deep":[1,2]}}]"#;
    let (records, summary) = read_skipping(IncidentBuilder::new(Shanghai), Format::Json, "i.json", input.as_bytes());
    let skipped: Vec<String> = summary.skipped.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        skipped,
        [
            "i.json at /0: expected an object, found a number",
            "i.json at /1/cause: expected text or a number, found an array",
            "i.json at /2/id: given more than once",
        ]
    );
    assert_eq!(records.len(), 1);
    assert_eq!(&*records[0].id, "A4");
}

#[test]
fn broken_json_ends_the_file_even_when_skipping() {
    let input = "[{\"id\":\"A1\",\"opened_at\":\"2025-01-10 10:00:00\"},\n {\"id\": }]";
    let options = ReadOptions::new(Format::Json, Shanghai).skipping_bad_rows();
    let err = read_with(IncidentBuilder::new(Shanghai), options, "i.json", input.as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), "i.json:2: invalid JSON: expected value (column 9)");
}

#[test]
fn the_top_level_must_be_an_array() {
    assert_eq!(
        incident_error(r#"{"id":"A1"}"#),
        "incidents.json:1: invalid JSON: invalid type: map, expected an array of objects (column 1)"
    );
    assert_eq!(incident_error("[] []"), "incidents.json:1: invalid JSON: trailing characters (column 4)");
    let (records, summary) = incidents(" [ ] ").unwrap();
    assert!(records.is_empty());
    assert_eq!(summary.rows, 0);
}

/// Hands out `prefix`, then fails: a stand-in for an array too large to
/// hold, to show records arrive before the array ends.
struct FailsAfter<'a> {
    prefix: &'a [u8],
}

impl Read for FailsAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.prefix.is_empty() {
            return Err(std::io::Error::other("no more"));
        }
        let n = self.prefix.read(buf)?;
        Ok(n)
    }
}

#[test]
fn elements_are_handed_on_as_they_are_read() {
    let input = FailsAfter { prefix: br#"[{"id":"A1","opened_at":"2025-01-10 10:00:00"},"# };
    let options = ReadOptions::new(Format::Json, Shanghai);
    let mut ids = Vec::new();
    let err = crate::events::read_incidents(input, "big.json", &options, |i| {
        ids.push(i.id.to_string());
        Ok::<(), EventError>(())
    })
    .unwrap_err();
    assert_eq!(ids, ["A1"]);
    assert_eq!(err.to_string(), "big.json: cannot read the file: no more");
}

#[test]
fn escaped_strings_are_read() {
    let input = r#"[{"id":"A\u00311","opened_at":"2025-01-10 10:00:00","cause":"third\"party"}]"#;
    let (records, _) = incidents(input).unwrap();
    assert_eq!(&*records[0].id, "A11");
    assert_eq!(records[0].cause(), Some("third\"party"));
}

/// A repeated id in a JSON array names its first use by pointer (rows of a
/// JSON document have no line; ids of rows with lines are kept by line).
#[test]
fn a_repeated_id_names_its_first_use_by_pointer() {
    let input = r#"[{"id":"A1","opened_at":"2025-01-10 10:00:00"},
                    {"id":"A2","opened_at":"2025-01-10 11:00:00"},
                    {"id":"A1","opened_at":"2025-01-10 12:00:00"}]"#;
    assert_eq!(incident_error(input), "incidents.json at /2/id: duplicate id \"A1\" (first at incidents.json at /0)");
}

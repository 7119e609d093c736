//! The rules of each record kind, through CSV (the formats share them).

use super::*;
use crate::events::{
    IncidentBuilder, InventoryBuilder, MaintenanceBuilder, MaintenanceKind, MetricBuilder, UsageBuilder,
};

fn csv_error<B: RecordBuilder>(builder: B, file: &str, input: &str) -> String {
    error(builder, Format::Csv, file, input.as_bytes())
}

#[test]
fn an_incident_resolved_before_it_opened() {
    let input = "id,opened_at,resolved_at\nA1,2025-01-10 10:00:00,2025-01-10T01:00:00Z\n";
    assert_eq!(
        csv_error(IncidentBuilder::new(Shanghai), "incidents.csv", input),
        "incidents.csv:2: field resolved_at: \"2025-01-10T01:00:00Z\" is before \
         opened_at \"2025-01-10 10:00:00\""
    );
}

#[test]
fn an_incident_responded_to_before_it_opened() {
    let input = "id,opened_at,responded_at\nA1,2025-01-10 10:00:00,2025-01-10 09:59:59\n";
    assert_eq!(
        csv_error(IncidentBuilder::new(Shanghai), "incidents.csv", input),
        "incidents.csv:2: field responded_at: \"2025-01-10 09:59:59\" is before \
         opened_at \"2025-01-10 10:00:00\""
    );
}

#[test]
fn responded_after_resolved_is_allowed() {
    // Worked example A1: the response clock is judged on its own.
    let input = "id,opened_at,responded_at,resolved_at\n\
                 A1,2025-01-10 10:00:00,2025-01-10 10:05:00,2025-01-10 10:04:00\n";
    let (records, _) = read(IncidentBuilder::new(Shanghai), Format::Csv, "i.csv", input.as_bytes()).unwrap();
    assert_eq!(records.len(), 1);
}

#[test]
fn an_unknown_impact() {
    let input = "id,opened_at,impact\nA1,2025-01-10 10:00:00,partial\n";
    assert_eq!(
        csv_error(IncidentBuilder::new(Shanghai), "incidents.csv", input),
        "incidents.csv:2: field impact: expected outage, degraded or none, found \"partial\""
    );
}

#[test]
fn a_required_value_that_is_empty() {
    let input = "id,opened_at\n,2025-01-10 10:00:00\n";
    assert_eq!(
        csv_error(IncidentBuilder::new(Shanghai), "incidents.csv", input),
        "incidents.csv:2: field id: a value is required"
    );
}

#[test]
fn a_duplicate_id_keeps_the_first_when_skipping() {
    let input = "id,opened_at\n\
                 A1,2025-01-10 10:00:00\n\
                 A2,bad\n\
                 A2,2025-01-10 10:00:00\n\
                 A1,2025-01-11 10:00:00\n";
    let (records, summary) =
        read_skipping(IncidentBuilder::new(Shanghai), Format::Csv, "incidents.csv", input.as_bytes());
    let ids: Vec<&str> = records.iter().map(|r| &*r.id).collect();
    assert_eq!(ids, ["A1", "A2"], "a skipped row does not claim its id");
    assert_eq!(
        summary.skipped[1].to_string(),
        "incidents.csv:5: field id: duplicate id \"A1\" (first at incidents.csv:2)"
    );
}

#[test]
fn maintenance_records_and_their_defaults() {
    let input = "id,kind,start,end,announced_at,impact\n\
                 M1,planned,2025-01-13 10:03:00,2025-01-13 10:04:00,2025-01-13 10:03:00,\n\
                 M2,Emergency,2025-01-25 00:00:00,2025-01-25 01:00:00,2025-01-25 00:00:01,none\n";
    let (records, _) = read(MaintenanceBuilder::new(Shanghai), Format::Csv, "m.csv", input.as_bytes()).unwrap();
    assert_eq!(records[0].kind, MaintenanceKind::Planned);
    assert!(records[0].downtime);
    assert_eq!(records[1].kind, MaintenanceKind::Emergency);
    assert!(!records[1].downtime);
    assert_eq!(utc(records[1].announced_at), "2025-01-24T16:00:01Z");
}

#[test]
fn maintenance_errors() {
    let head = "id,kind,start,end,announced_at,impact\n";
    let cases = [
        (
            "M1,planned,2025-01-13 10:03:00,2025-01-13 10:02:00,2025-01-13 10:00:00,",
            "m.csv:2: field end: \"2025-01-13 10:02:00\" is before start \"2025-01-13 10:03:00\"",
        ),
        (
            "M1,unplanned,2025-01-13 10:03:00,2025-01-13 10:04:00,2025-01-13 10:00:00,",
            "m.csv:2: field kind: expected planned or emergency, found \"unplanned\"",
        ),
        (
            "M1,planned,2025-01-13 10:03:00,2025-01-13 10:04:00,2025-01-13 10:00:00,degraded",
            "m.csv:2: field impact: expected outage or none, found \"degraded\"",
        ),
        ("M1,planned,2025-01-13 10:03:00,2025-01-13 10:04:00,,", "m.csv:2: field announced_at: a value is required"),
    ];
    for (row, message) in cases {
        let input = format!("{head}{row}\n");
        assert_eq!(csv_error(MaintenanceBuilder::new(Shanghai), "m.csv", &input), message);
    }
}

#[test]
fn usage_rows() {
    let input = "period,service,instance,monthly_fee\n\
                 2025-01,baas,i-2,CNY 1000.00\n\
                 2025-01,baas,,CNY 2000.00\n";
    let (records, _) = read(UsageBuilder, Format::Csv, "u.csv", input.as_bytes()).unwrap();
    assert_eq!(records[0].instance.as_deref(), Some("i-2"));
    let fee = records[1].monthly_fee.as_ref().map(ToString::to_string);
    assert_eq!(fee.as_deref(), Some("CNY 2000.00"));
    assert_eq!(records[1].source.to_string(), "u.csv:3");
}

#[test]
fn usage_errors() {
    let head = "period,monthly_fee,objects_total,objects_lost\n";
    let cases = [
        ("2025-1,,,", "u.csv:2: field period: expected a month such as 2025-03, found \"2025-1\""),
        (
            "2025-01,12000,,",
            "u.csv:2: field monthly_fee: expected an amount below 10^15 with its currency, \
             such as CNY 12000.00, found \"12000\"",
        ),
        (
            // 10^15 is the first amount too large to compute credits with.
            "2025-01,CNY 1000000000000000,,",
            "u.csv:2: field monthly_fee: expected an amount below 10^15 with its currency, \
             such as CNY 12000.00, found \"CNY 1000000000000000\"",
        ),
        (
            "2025-01,CNY 79228162514264337593543950336,,",
            "u.csv:2: field monthly_fee: expected an amount below 10^15 with its currency, \
             such as CNY 12000.00, found \"CNY 79228162514264337593543950336\"",
        ),
        ("2025-01,,10,11", "u.csv:2: field objects_lost: 11 is more than objects_total 10"),
    ];
    for (row, message) in cases {
        let input = format!("{head}{row}\n");
        assert_eq!(csv_error(UsageBuilder, "u.csv", &input), message);
    }
}

#[test]
fn metric_rows() {
    let input = r#"[{"period":"2025-01","objective":"rto","value":99.95,"unit":"%"},
                    {"period":"2025-01","objective":"rto","value":"x"}]"#;
    let (records, summary) = read_skipping(MetricBuilder, Format::Json, "m.json", input.as_bytes());
    assert_eq!(records[0].value.to_string(), "99.95");
    assert_eq!(
        summary.skipped[0].to_string(),
        "m.json at /1/value: expected a decimal number such as 99.95, found \"x\""
    );
}

#[test]
fn an_update_row_needs_an_incident_and_a_time() {
    use crate::events::UpdateBuilder;
    let no_at = "incident,kind\nH1,public\n";
    assert_eq!(
        csv_error(UpdateBuilder::new(Shanghai), "updates.csv", no_at),
        "updates.csv: missing required column: at"
    );
    let bad_at = "incident,at,kind\nH1,2025-04-01 10:30:00,public\nH1,soon,public\n";
    let e = csv_error(UpdateBuilder::new(Shanghai), "updates.csv", bad_at);
    assert!(e.starts_with("updates.csv:3: field at: expected a timestamp"), "{e}");
    let no_incident = "incident,at\n,2025-04-01 10:30:00\n";
    let e = csv_error(UpdateBuilder::new(Shanghai), "updates.csv", no_incident);
    assert!(e.starts_with("updates.csv:2: field incident"), "{e}");
}

#[test]
fn every_update_but_an_internal_one_is_customer_facing() {
    use crate::events::UpdateBuilder;
    let input = "incident,at,kind\nH1,2025-04-01 10:30:00,public\nH1,2025-04-01 10:31:00, Internal \n\
                 H1,2025-04-01 10:32:00,\nH1,2025-04-01 10:33:00,customer\nH1,2025-04-01 10:34:00,internal note\n";
    let (rows, _) = read(UpdateBuilder::new(Shanghai), Format::Csv, "updates.csv", input.as_bytes()).expect("read");
    let facing: Vec<bool> = rows.iter().map(|u| u.customer_facing()).collect();
    assert_eq!(facing, [true, false, true, true, true]);
    assert_eq!(rows[2].kind, None);
    assert_eq!(utc(rows[0].at), "2025-04-01T02:30:00Z");
}

#[test]
fn an_inventory_row_stopped_before_it_started() {
    let input = "service,instance,started,stopped\nvm,a1,2025-06-10 10:00:00,2025-06-10 09:59:59\n";
    assert_eq!(
        csv_error(InventoryBuilder::new(Shanghai), "inventory.csv", input),
        "inventory.csv:2: field stopped: \"2025-06-10 09:59:59\" is before started \"2025-06-10 10:00:00\""
    );
}

#[test]
fn an_inventory_instance_listed_twice_names_the_first() {
    let input = "service,instance,zone\nvm,a1,z1\nvm,a1,z2\n";
    let e = csv_error(InventoryBuilder::new(Shanghai), "inventory.csv", input);
    assert!(e.starts_with("inventory.csv:3: field instance: duplicate id"), "{e}");
    assert!(e.contains("inventory.csv:2"), "{e}");
    // The same name under two services is two instances.
    let input = "service,instance,zone\nvm,a1,z1\ndb,a1,z1\n";
    let (records, _) = read(InventoryBuilder::new(Shanghai), Format::Csv, "i.csv", input.as_bytes()).unwrap();
    assert_eq!(records.len(), 2);
}

#[test]
fn an_inventory_needs_the_instance_column() {
    let e = csv_error(InventoryBuilder::new(Shanghai), "inventory.csv", "service,zone\nvm,z1\n");
    assert!(e.contains("instance"), "{e}");
}

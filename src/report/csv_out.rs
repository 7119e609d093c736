//! The report as CSV: one row per period and per incident (and per credit
//! and penalty), with a `record` column saying which.

use super::model::*;
use super::status::PeriodStatus;

const COLUMNS: &[&str] = &[
    "record",
    "service",
    "instance",
    "period",
    "status",
    "total_minutes",
    "excused_minutes",
    "unavailable_minutes",
    "achieved_percent",
    "target",
    "allowed_minutes",
    "remaining_minutes",
    "incident",
    "tier",
    "opened_at",
    "response_deadline",
    "response_business_minutes",
    "response_status",
    "resolution_deadline",
    "resolution_business_minutes",
    "resolution_status",
    "amount",
    "currency",
];

/// The CSV as text.
pub fn render(r: &Report) -> Result<String, csv::Error> {
    let mut bytes = Vec::new();
    write(r, &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The service of a `per region` cell, as the table names it:
/// `ec2 @ us-east-1`.
fn in_region(service: &str, region: &Option<String>) -> String {
    match region {
        Some(r) => format!("{service} @ {r}"),
        None => service.to_owned(),
    }
}

/// Write the CSV to any writer, row by row.
pub fn write(r: &Report, out: &mut dyn std::io::Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    let cur = r.contract.currency.clone().unwrap_or_default();
    for l in &r.availability {
        let mut row = blank();
        row[0] = "availability".into();
        row[1] = in_region(&l.service, &l.region);
        row[2] = l.instance.clone().unwrap_or_default();
        row[3] = l.period.clone();
        row[4] = l.status.to_string();
        if !matches!(l.status, PeriodStatus::Skipped | PeriodStatus::NotCovered) {
            row[5] = l.total_minutes.to_string();
            row[6] = l.excused_minutes.to_string();
            row[7] = l.unavailable_minutes.to_string();
        }
        row[8] = l.ratio.as_ref().map(|x| x.percent.clone()).unwrap_or_default();
        row[9] = l.target.clone();
        row[10] = l.allowed_minutes.map(|d| d.to_string()).unwrap_or_default();
        row[11] = l.remaining_minutes.map(|d| d.to_string()).unwrap_or_default();
        w.write_record(&row)?;
    }
    for l in &r.durability {
        let mut row = blank();
        row[0] = "durability".into();
        row[1] = l.service.clone();
        row[3] = l.period.clone();
        row[4] = l.status.to_string();
        row[8] = l.ratio.as_ref().map(|x| x.percent.clone()).unwrap_or_default();
        row[9] = l.target.clone();
        w.write_record(&row)?;
    }
    for i in &r.incidents {
        let mut row = blank();
        row[0] = "incident".into();
        row[1] = i.service.clone().unwrap_or_default();
        row[2] = i.instance.clone().unwrap_or_default();
        row[12] = i.id.clone();
        row[13] = i.tier.clone().unwrap_or_default();
        row[14] = i.opened_at.clone();
        if let Some(c) = &i.response {
            row[15] = c.deadline.clone();
            row[16] = c.business_minutes.to_string();
            row[17] = c.status.to_string();
        }
        if let Some(c) = &i.resolution {
            row[18] = c.deadline.clone();
            row[19] = c.business_minutes.to_string();
            row[20] = c.status.to_string();
        }
        w.write_record(&row)?;
    }
    for c in &r.credits {
        let mut row = blank();
        row[0] = "credit".into();
        row[1] = in_region(&c.service, &c.region);
        row[2] = c.instance.clone().unwrap_or_default();
        row[3] = c.period.clone();
        row[4] = if c.provisional { "provisional".into() } else { "owed".into() };
        row[8] = c.achieved.trim_end_matches('%').to_owned();
        row[21] = c.amount.to_string();
        row[22] = cur.clone();
        w.write_record(&row)?;
    }
    for p in &r.penalties {
        let mut row = blank();
        row[0] = "penalty".into();
        row[4] = if p.provisional { "provisional".into() } else { "owed".into() };
        row[12] = p.incident.clone();
        row[13] = p.tier.clone();
        row[21] = p.amount.to_string();
        row[22] = cur.clone();
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn blank() -> Vec<String> {
    vec![String::new(); COLUMNS.len()]
}

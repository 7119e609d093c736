//! The objectives slac can measure: the names an input file (the metrics
//! file of `slac eval --metrics`) gives figures for. An `objective` whose
//! name is not here has nothing to be measured with (`unmeasurable-objective`).

use crate::ir::Measure;

/// What kind of figure a metric is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricKind {
    /// A length of time: `15min`, `4h`.
    Duration,
    /// A share: `99.9%`.
    Percent,
    /// A plain number: `3`.
    Count,
}

impl MetricKind {
    pub fn name(self) -> &'static str {
        match self {
            MetricKind::Duration => "a duration",
            MetricKind::Percent => "a percentage",
            MetricKind::Count => "a count",
        }
    }

    /// Can an objective's value be compared with a figure of this kind?
    pub fn accepts(self, value: &Measure) -> bool {
        match (self, value) {
            (MetricKind::Duration, Measure::Duration(_))
            | (MetricKind::Percent, Measure::Percent(_))
            | (MetricKind::Count, Measure::Count(_)) => true,
            // Durations below a second are written in milliseconds.
            (MetricKind::Duration, Measure::Quantity { unit, .. }) => unit == "ms",
            _ => false,
        }
    }
}

/// One measurable objective name.
#[derive(Clone, Copy, Debug)]
pub struct Metric {
    pub name: &'static str,
    pub kind: MetricKind,
    /// What the figure is, for the docs.
    pub meaning: &'static str,
}

const fn m(name: &'static str, kind: MetricKind, meaning: &'static str) -> Metric {
    Metric { name, kind, meaning }
}

/// Every objective name slac can measure, with the kind of figure.
pub static METRICS: &[Metric] = &[
    m("rto", MetricKind::Duration, "recovery time objective: the longest time from a failure to restored service"),
    m("rpo", MetricKind::Duration, "recovery point objective: the most recent data a failure may lose, as a time span"),
    m("disaster_recovery_time", MetricKind::Duration, "the time to bring the service up at the disaster-recovery site"),
    m("failover_time", MetricKind::Duration, "the time an automatic failover takes"),
    m("system_response_time", MetricKind::Duration, "the system's response time to a request"),
    m("api_response_time", MetricKind::Duration, "an API's response time"),
    m("scale_out_time", MetricKind::Duration, "the time to add capacity once scaling starts"),
    m("vulnerability_fix_time", MetricKind::Duration, "the time to fix a high-risk vulnerability once found"),
    m("backup_success_rate", MetricKind::Percent, "the share of scheduled backups that succeeded"),
    m("backup_restore_success_rate", MetricKind::Percent, "the share of restore drills that succeeded"),
    m("request_success_rate", MetricKind::Percent, "the share of requests answered normally"),
    m("failure_probability", MetricKind::Percent, "the share of operations (uploads, signings) that failed"),
    m("metering_accuracy", MetricKind::Percent, "the share of usage records billed correctly"),
    m("customer_satisfaction", MetricKind::Percent, "the share of satisfied answers in customer surveys (CSAT)"),
    m("first_contact_resolution_rate", MetricKind::Percent, "the share of tickets solved at the first contact"),
    m("incident_count", MetricKind::Count, "the number of incidents in the period"),
    m("restore_drill_count", MetricKind::Count, "the number of backup restore drills held in the period"),
    m("vulnerability_scan_count", MetricKind::Count, "the number of vulnerability scans run in the period"),
];

pub fn find(name: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.name == name)
}

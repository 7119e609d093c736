//! A service measured as a whole judged by its instances (`set down when
//! any instance is down` / `... all instances are down`): incidents,
//! maintenance and probes each judged per instance, then combined minute by
//! minute (semantics.md section 4, "Sets").

use super::availability::Tagged;
use super::minutes::MinuteSet;
use crate::ir::{Availability, MeasuredBy, SetRule};
use std::collections::HashSet;

/// The set's down minutes (and milliseconds) and the records that made its instances down
/// (for the causes of each run). `down_of` gives one instance's marks.
pub(super) fn set_down<R>(
    rule: SetRule,
    members: &[(String, R)],
    mut down_of: impl FnMut(&str, &R) -> Vec<Tagged>,
) -> (MinuteSet, MinuteSet, Vec<Tagged>) {
    let mut set: Option<(MinuteSet, MinuteSet)> = None;
    let mut tagged = Vec::new();
    let mut seen: HashSet<((i64, i64), std::sync::Arc<str>)> = HashSet::new();
    for (name, records) in members {
        let mut down = down_of(name, records);
        // Probe minutes are the instance's own: say whose they are.
        for t in &mut down {
            if &*t.label == "probes" || &*t.label == "no probe data" {
                t.label = format!("{} ({name})", t.label).into();
            }
        }
        // Minutes, and milliseconds for outages measured by their length.
        let own = MinuteSet::from_intervals(down.iter().map(|t| t.span).collect());
        let own_ms = MinuteSet::from_intervals(down.iter().map(Tagged::millis).collect());
        set = Some(match (set, rule) {
            (None, _) => (own, own_ms),
            (Some((s, ms)), SetRule::Any) => (s.union(&own), ms.union(&own_ms)),
            (Some((s, ms)), SetRule::All) => (s.intersect(&own), ms.intersect(&own_ms)),
        });
        // A record that concerns every instance is in each member's list.
        for t in down {
            if seen.insert((t.span, t.label.clone())) {
                tagged.push(t);
            }
        }
    }
    let (set, set_ms) = set.unwrap_or_default();
    (set, set_ms, tagged)
}

/// The ledger's words for the rule, naming the instances judged; `None`
/// when the promise has no set rule or the service no named instance.
pub(super) fn ledger_text<R>(promise: &Availability, measured: MeasuredBy, members: &[(String, R)]) -> Option<String> {
    let rule = promise.set_down.filter(|_| measured == MeasuredBy::Service && !members.is_empty())?;
    let names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
    Some(format!("{} ({})", rule.text(), names.join(", ")))
}

//! `per region`: one availability promise judged for each region the
//! incident rows name (semantics.md section 4, "Regions").

use super::prepare::PreparedIncident;
use super::probes::ProbeGrid;
use std::collections::BTreeMap;

/// The region a row names, trimmed; `None` when blank.
fn region_of(inc: &PreparedIncident) -> Option<&str> {
    inc.incident.region().map(str::trim).filter(|r| !r.is_empty())
}

/// One region's share of the rows.
pub struct Cell {
    /// The region as the first row spells it; `None`: no row names one.
    pub name: Option<String>,
    /// Trimmed and lower-cased: how rows are matched to the region.
    pub key: Option<String>,
    pub incidents: Vec<PreparedIncident>,
}

/// The cells of a service: each region its incident or probe rows name
/// (trimmed, ASCII case ignored, as `clock by region` compares them; the
/// cell is named as the first incident, else probe, row spells it), in
/// order, with the incidents it is judged on: the
/// region's own, and every row that names no region (an outage of this
/// service without one was refused when the rows were read; the rest are
/// other services' rows, or rows whose cause may still excuse). No region
/// named at all: one cell, `None`, with every incident.
pub fn cells(service: &str, incidents: &[PreparedIncident], probes: &ProbeGrid) -> Vec<Cell> {
    // lower-cased region -> (its first spelling, its incidents).
    let mut per: BTreeMap<String, (String, Vec<PreparedIncident>)> = BTreeMap::new();
    for inc in incidents.iter().filter(|i| i.target.service == service) {
        if let Some(r) = region_of(inc) {
            per.entry(r.to_ascii_lowercase()).or_insert_with(|| (r.to_owned(), Vec::new()));
        }
    }
    for (key, name) in probes.regions_of(service) {
        per.entry(key.to_owned()).or_insert_with(|| (name.to_owned(), Vec::new()));
    }
    if per.is_empty() {
        return vec![Cell { name: None, key: None, incidents: incidents.to_vec() }];
    }
    for inc in incidents {
        match region_of(inc) {
            // Another service's regions make no cell of this one.
            Some(r) if inc.target.service == service => {
                if let Some((_, v)) = per.get_mut(&r.to_ascii_lowercase()) {
                    v.push(inc.clone());
                }
            }
            Some(_) => {}
            None => per.values_mut().for_each(|(_, v)| v.push(inc.clone())),
        }
    }
    per.into_iter().map(|(key, (name, incidents))| Cell { name: Some(name), key: Some(key), incidents }).collect()
}

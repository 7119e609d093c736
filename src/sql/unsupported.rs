//! The one list of what the SQL cannot compute yet. Each clause a contract
//! uses that is on it is a compile error naming the clause at its span
//! (`slac::sql::unsupported`): a contract gets SQL that computes everything
//! `slac eval` would, or an honest refusal, never SQL that silently leaves
//! a clause out. A part left out on purpose (`--leave-out tiers`) is named
//! in the SQL's header instead.

use super::LeaveOut;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Availability, Basis, Contract, OutageMeasure, Tier};
use crate::source::Span;

/// Every clause of `c` the SQL cannot express, as errors in file order,
/// and the parts that leaving out would let the rest compile (empty when
/// some refusal cannot be left out).
pub fn check(c: &Contract, leave_out: &[LeaveOut]) -> (Vec<Diagnostic>, Vec<LeaveOut>) {
    let mut out = Refusals { diags: Vec::new(), leave_out, parts: Vec::new(), only_parts: true };
    // Each version of an amended contract is compiled on its own: every
    // one must be expressible (a clause the versions share is named once).
    if c.amendments.is_empty() {
        out.contract(c);
    } else {
        for v in c.versions() {
            out.contract(&v.contract);
        }
    }
    out.diags.sort_by_key(|d| (d.span.file, d.span.start));
    out.diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    out.parts.sort();
    out.parts.dedup();
    let parts = if out.only_parts { out.parts } else { Vec::new() };
    (out.diags, parts)
}

struct Refusals<'a> {
    diags: Vec<Diagnostic>,
    leave_out: &'a [LeaveOut],
    parts: Vec<LeaveOut>,
    /// No refusal so far that cannot be left out.
    only_parts: bool,
}

impl Refusals<'_> {
    /// A clause the SQL does not compute; `part` is the `--leave-out` that
    /// would let the rest compile, where one does.
    fn refuse(&mut self, span: Span, clause: &str, part: Option<LeaveOut>) {
        if part.is_some_and(|p| self.leave_out.contains(&p)) {
            return;
        }
        match part {
            Some(p) => self.parts.push(p),
            None => self.only_parts = false,
        }
        let help = match part {
            Some(p) => format!(
                "evaluate this contract with `slac eval`, or compile the rest with {} left out (the SQL then says so)",
                p.name()
            ),
            None => "evaluate this contract with `slac eval`; docs/scale.md lists what the SQL computes".to_owned(),
        };
        self.diags.push(
            Diagnostic::error(Code::SqlUnsupported, span, format!("the SQL cannot compute {clause} yet"))
                .label("not expressible in SQL yet")
                .help(help),
        );
    }

    fn contract(&mut self, c: &Contract) {
        for t in &c.tiers {
            self.tier(t);
        }
        for p in &c.pauses {
            self.refuse(p.span, "clock pauses (they need the incidents' status history)", Some(LeaveOut::Tiers));
        }
        if let Some(r) = &c.reprioritised {
            self.refuse(r.span, "re-prioritisation (it needs the incidents' severity history)", Some(LeaveOut::Tiers));
        }
        if let Some(u) = &c.updates {
            self.refuse(u.span, "the update cadence (it needs the updates sent)", Some(LeaveOut::Tiers));
        }
        for p in &c.penalties {
            if matches!(p.of, Basis::FeesPaid | Basis::MonthlyFee) {
                self.refuse(p.span, "a penalty on the fees paid", Some(LeaveOut::Tiers));
            }
        }
        for (i, e) in c.entitlements.iter().enumerate() {
            if c.entitlements[..i].iter().any(|o| o.service == e.service) {
                self.refuse(e.span, &format!("a second entitlement for `{}`", e.service), Some(LeaveOut::Entitlements));
            }
        }
        for a in &c.availability {
            self.availability(a);
        }
        for (i, credit) in c.credits.iter().enumerate() {
            if c.credits[..i].iter().any(|o| o.service == credit.service) {
                self.refuse(credit.span, &format!("a second credit clause for `{}`", credit.service), None);
            }
        }
    }

    /// What of a tier's clocks the SQL does not compute: what needs an
    /// incident's history or updates.
    fn tier(&mut self, t: &Tier) {
        let what = |clause: &str| format!("{clause} in tier `{}`", t.id);
        if let Some(p) = t.pauses.first() {
            self.refuse(p.span, &what("clock pauses (they need the incidents' status history)"), Some(LeaveOut::Tiers));
        }
        if t.updates.is_some() {
            self.refuse(t.span, &what("an update cadence (it needs the updates sent)"), Some(LeaveOut::Tiers));
        }
    }

    fn availability(&mut self, a: &Availability) {
        let what = |clause: &str| format!("`{clause}` in the availability of `{}`", a.service);
        // A set's outages by duration would be its instances' combined in
        // milliseconds (`eval::sets`), which the SQL does not do.
        if matches!(a.outages, Some(OutageMeasure::Duration { .. })) && a.set_down.is_some() {
            self.refuse(a.span, &what("outages by duration of a set judged by its instances"), None);
        }
        if let Some(e) = a.eligibility.first() {
            self.refuse(e.span, &what("covers when"), None);
        }
        if a.total_minutes.is_some() {
            self.refuse(a.span, &what("total minutes"), None);
        }
        // A set per region would combine each region's instances minute
        // by minute (`eval::sets` in each cell), which the SQL does not do.
        if a.per_region && a.set_down.is_some() {
            self.refuse(a.span, &what("per region of a set judged by its instances"), None);
        }
    }
}

//! What a miss earns: credits (matched by service), penalties and
//! liability caps (matched by id).

use super::tiers::combine;
use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{Cap, CapAmount, ClaimWindow, Contract, Credit, CreditBand, Penalty, Percent};
use rust_decimal::Decimal;

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    for (o, n) in pair_by(&old.credits, &new.credits, |c| c.service.clone()) {
        let service = o.or(n).map(|c| c.service.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("credit {service}"),
            o.and_then(|c| c.citation.as_ref()),
            n.and_then(|c| c.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => credit(&clause, o, n, out),
            (Some(o), None) => out.push(clause.change(
                "clause",
                Some(bands_text(&o.bands)),
                None,
                Verdict::Weaker,
                "a miss earns no credit any more",
            )),
            (None, Some(n)) => out.push(clause.change(
                "clause",
                None,
                Some(bands_text(&n.bands)),
                Verdict::Stronger,
                "a miss earns a credit",
            )),
            (None, None) => {}
        }
    }
    for (o, n) in pair_by(&old.penalties, &new.penalties, |p| p.id.clone()) {
        let id = o.or(n).map(|p| p.id.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("penalty {id}"),
            o.and_then(|p| p.citation.as_ref()),
            n.and_then(|p| p.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => penalty(&clause, o, n, out),
            (Some(o), None) => out.push(clause.change(
                "clause",
                Some(o.rate.to_string()),
                None,
                Verdict::Weaker,
                "a late resolution costs the provider nothing any more",
            )),
            (None, Some(n)) => {
                out.push(clause.change("clause", None, Some(n.rate.to_string()), Verdict::Stronger, "a new penalty"))
            }
            (None, None) => {}
        }
    }
    for (o, n) in pair_by(&old.liability, &new.liability, |l| l.id.clone()) {
        let id = o.or(n).map(|l| l.id.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("liability {id}"),
            o.and_then(|l| l.citation.as_ref()),
            n.and_then(|l| l.citation.as_ref()),
        );
        cap(&clause, o.map(|l| &l.cap), n.map(|l| &l.cap), "what the provider owes for the loss is capped lower", out);
        if let (Some(o), Some(n)) = (o, n) {
            super::unweighed::rest(&clause, o, n, &["id", "cap"], out);
        }
    }
}

fn credit(clause: &Clause, o: &Credit, n: &Credit, out: &mut Vec<Change>) {
    if let Some((v, why)) = compare_bands(&o.bands, &n.bands) {
        out.push(clause.change("bands", Some(bands_text(&o.bands)), Some(bands_text(&n.bands)), v, why));
    }
    if o.basis != n.basis || o.basis_excluding != n.basis_excluding {
        let text = |c: &Credit| {
            let mut t = c.basis.as_ref().map(|b| b.name()).unwrap_or_else(|| "monthly_fee".into());
            if !c.basis_excluding.is_empty() {
                let parts: Vec<&str> = c.basis_excluding.iter().map(|f| f.name()).collect();
                t.push_str(&format!(" excluding {}", parts.join(", ")));
            }
            t
        };
        let only_exclusions = o.basis == n.basis;
        let v = match only_exclusions {
            true if n.basis_excluding.iter().all(|f| o.basis_excluding.contains(f)) => Verdict::Stronger,
            true if o.basis_excluding.iter().all(|f| n.basis_excluding.contains(f)) => Verdict::Weaker,
            _ => Verdict::Changed,
        };
        let why = match v {
            Verdict::Changed => {
                "the credit is a percentage of another amount: which is larger depends on the fees and the contract value"
            }
            _ => "the parts of the fee left out of the basis a credit is a percentage of",
        };
        out.push(clause.change("basis", Some(text(o)), Some(text(n)), v, why));
    }
    cap(clause, o.cap.as_ref(), n.cap.as_ref(), "the most a period's credit can reach is lower", out);
    claim(clause, o.claim.as_ref(), n.claim.as_ref(), out);
    let terms = |m: &Option<crate::ir::MinimumCredit>| m.as_ref().map(|m| (m.amount.clone(), m.strict));
    if terms(&o.minimum) != terms(&n.minimum) {
        let amount = |m: &Option<crate::ir::MinimumCredit>| m.as_ref().map(|m| m.amount.amount).unwrap_or_default();
        let v = match (&o.minimum, &n.minimum) {
            (Some(a), Some(b)) if a.amount.currency != b.amount.currency => Verdict::Changed,
            _ => Verdict::less_is_better(&amount(&o.minimum), &amount(&n.minimum)).unwrap_or(Verdict::Changed),
        };
        let why = "a credit smaller than the minimum is not issued";
        out.push(clause.change(
            "minimum",
            o.minimum.as_ref().map(|m| m.text()),
            n.minimum.as_ref().map(|m| m.text()),
            v,
            why,
        ));
    }
    if o.form != n.form {
        let text = |c: &Credit| c.form.as_ref().map(|f| format!("{f:?}").to_lowercase());
        out.push(clause.change(
            "form",
            text(o),
            text(n),
            Verdict::Changed,
            "the credit is paid another way; which is worth more to the customer is theirs to judge",
        ));
    }
    let weighed = ["service", "basis", "basis_excluding", "bands", "cap", "claim", "minimum", "form"];
    super::unweighed::rest(clause, o, n, &weighed, out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

pub(super) fn bands_text(bands: &[CreditBand]) -> String {
    bands.iter().map(CreditBand::text).collect::<Vec<_>>().join("; ")
}

/// The credit each table earns at an achieved ratio (the largest of the
/// bands that hold it; none: 0%).
fn credit_at(bands: &[CreditBand], ratio: Decimal) -> Decimal {
    bands
        .iter()
        .filter(|b| {
            let above = ratio > b.low.0 || (ratio == b.low.0 && b.low_inclusive);
            let below = ratio < b.high.0 || (ratio == b.high.0 && b.high_inclusive);
            above && below
        })
        .map(|b| b.credit.0)
        .max()
        .unwrap_or_default()
}

/// Compare two credit tables at every ratio: the credit is a step function
/// of the achieved ratio, so comparing it at every bound of either table
/// and between each two neighbouring bounds compares it everywhere.
fn compare_bands(o: &[CreditBand], n: &[CreditBand]) -> Option<(Verdict, String)> {
    let mut bounds: Vec<Decimal> = o.iter().chain(n).flat_map(|b| [b.low.0, b.high.0]).collect();
    bounds.extend([Decimal::ZERO, Decimal::ONE_HUNDRED]);
    bounds.sort();
    bounds.dedup();
    let mut points = bounds.clone();
    points.extend(bounds.windows(2).map(|w| (w[0] + w[1]) / Decimal::TWO));
    points.sort();
    let (mut less, mut more) = (None, None);
    for p in points {
        let (a, b) = (credit_at(o, p), credit_at(n, p));
        if b < a && less.is_none() {
            less = Some((p, a, b));
        }
        if b > a && more.is_none() {
            more = Some((p, a, b));
        }
    }
    let at = |(p, a, b): (Decimal, Decimal, Decimal)| {
        format!("at an achieved {} the credit is {} -> {}", Percent(p.normalize()), Percent(a), Percent(b))
    };
    match (less, more) {
        (None, None) if band_terms(o) == band_terms(n) => None,
        (None, None) => Some((Verdict::Neutral, "the same credit at every ratio, written in other bands".into())),
        (Some(l), None) => Some((Verdict::Weaker, at(l))),
        (None, Some(m)) => Some((Verdict::Stronger, at(m))),
        (Some(l), Some(m)) => {
            Some((Verdict::Changed, format!("less at some ratios, more at others: {}; {}", at(l), at(m))))
        }
    }
}

/// The bands without where they were written.
fn band_terms(bands: &[CreditBand]) -> Vec<(Percent, bool, Percent, bool, Percent)> {
    bands.iter().map(|b| (b.low, b.low_inclusive, b.high, b.high_inclusive, b.credit)).collect()
}

fn cap_text(c: &Cap) -> String {
    match &c.amount {
        CapAmount::Percent { percent, of } => format!("{percent} of {}", of.name()),
        CapAmount::Multiple { times, of } => format!("{times}x {}", of.name()),
        CapAmount::Fixed(m) => m.to_string(),
    }
}

/// A cap limits what the customer gets: lower is weaker, none is the
/// strongest. Caps of different kinds or bases compare only with the data.
fn cap(clause: &Clause, o: Option<&Cap>, n: Option<&Cap>, lower: &str, out: &mut Vec<Change>) {
    let v = match (o, n) {
        (None, None) => return,
        (Some(_), None) => Some(Verdict::Stronger),
        (None, Some(_)) => Some(Verdict::Weaker),
        (Some(a), Some(b)) => match (&a.amount, &b.amount) {
            (x, y) if x == y => None,
            (CapAmount::Percent { percent: p, of: x }, CapAmount::Percent { percent: q, of: y }) if x == y => {
                Verdict::more_is_better(p, q)
            }
            (CapAmount::Multiple { times: p, of: x }, CapAmount::Multiple { times: q, of: y }) if x == y => {
                Verdict::more_is_better(p, q)
            }
            (CapAmount::Fixed(p), CapAmount::Fixed(q)) if p.currency == q.currency => {
                Verdict::more_is_better(&p.amount, &q.amount)
            }
            _ => Some(Verdict::Changed),
        },
    };
    let Some(v) = v else { return };
    let why = match v {
        Verdict::Weaker => lower.to_owned(),
        Verdict::Stronger => "the cap is higher, or gone".to_owned(),
        _ => "a cap of another kind: which is lower depends on the fees and the contract value".to_owned(),
    };
    out.push(clause.change("cap", o.map(cap_text), n.map(cap_text), v, why));
}

fn claim_text(c: &ClaimWindow) -> String {
    let mut parts = Vec::new();
    if let Some(d) = c.opens_business_day {
        parts.push(format!("opens business day {d} of next period"));
    }
    if let Some(m) = c.closes_months_after {
        parts.push(format!("closes {m} months after period"));
    }
    if let Some(d) = c.closes_days_after {
        parts.push(format!("closes {} {}days after period", d.days, if d.business { "business " } else { "" }));
    }
    parts.join(", ")
}

/// The days after the period a claim window stays open at least and at
/// most (months are 28 to 31 days; a business day is one to several
/// calendar days, so it is compared only with business days).
fn claim_close(c: &ClaimWindow) -> Option<(bool, u32, u32)> {
    if let Some(m) = c.closes_months_after {
        return Some((false, m * 28, m * 31));
    }
    c.closes_days_after.map(|d| (d.business, d.days, d.days))
}

fn claim(clause: &Clause, o: Option<&ClaimWindow>, n: Option<&ClaimWindow>, out: &mut Vec<Change>) {
    let v = match (o, n) {
        (None, None) => return,
        (Some(a), Some(b)) if claim_text(a) == claim_text(b) && a.business_calendar == b.business_calendar => return,
        // A window with no close is no deadline for the customer.
        (Some(_), None) => Verdict::Stronger,
        (None, Some(_)) => Verdict::Weaker,
        (Some(a), Some(b)) => {
            let close = match (claim_close(a), claim_close(b)) {
                (None, None) => None,
                (Some(_), None) => Some(Verdict::Stronger),
                (None, Some(_)) => Some(Verdict::Weaker),
                (Some((ab, alo, ahi)), Some((bb, blo, bhi))) if ab == bb => {
                    if bhi < alo || (bhi <= ahi && blo < alo) {
                        Some(Verdict::Weaker)
                    } else if blo > ahi || (blo >= alo && bhi > ahi) {
                        Some(Verdict::Stronger)
                    } else if (alo, ahi) == (blo, bhi) {
                        None
                    } else {
                        Some(Verdict::Changed)
                    }
                }
                _ => Some(Verdict::Changed),
            };
            let opens = Verdict::less_is_better(&a.opens_business_day.unwrap_or(0), &b.opens_business_day.unwrap_or(0));
            let all: Vec<Verdict> = close.into_iter().chain(opens).collect();
            combine(&all).unwrap_or(Verdict::Changed)
        }
    };
    let why = match v {
        Verdict::Weaker => "the customer has less time to claim a credit",
        Verdict::Stronger => "the customer has more time to claim a credit",
        _ => "the window opens or closes differently: which is longer depends on the calendar",
    };
    out.push(clause.change("claim window", o.map(claim_text), n.map(claim_text), v, why));
}

fn penalty(clause: &Clause, o: &Penalty, n: &Penalty, out: &mut Vec<Change>) {
    if o.of == n.of {
        if let Some(v) = Verdict::more_is_better(&o.rate, &n.rate) {
            let why =
                format!("each counted hour over the limit costs {} of {} instead of {}", n.rate, n.of.name(), o.rate);
            out.push(clause.change("rate", Some(o.rate.to_string()), Some(n.rate.to_string()), v, why));
        }
    } else {
        let text = |p: &Penalty| format!("{} of {}", p.rate, p.of.name());
        let why = "a percentage of another amount: which is larger depends on the fees and the contract value";
        out.push(clause.change("rate", Some(text(o)), Some(text(n)), Verdict::Changed, why));
    }
    if o.tiers != n.tiers {
        // Empty: every tier.
        let covers = |p: &Penalty, t: &String| p.tiers.is_empty() || p.tiers.contains(t);
        let wider = o.tiers.iter().all(|t| covers(n, t)) && (n.tiers.is_empty() || !o.tiers.is_empty());
        let narrower = n.tiers.iter().all(|t| covers(o, t)) && (o.tiers.is_empty() || !n.tiers.is_empty());
        let v = match (wider, narrower) {
            (true, false) => Verdict::Stronger,
            (false, true) => Verdict::Weaker,
            _ => Verdict::Changed,
        };
        let text = |p: &Penalty| if p.tiers.is_empty() { "every tier".to_owned() } else { p.tiers.join(", ") };
        out.push(clause.change(
            "applies to",
            Some(text(o)),
            Some(text(n)),
            v,
            "the tiers whose late resolutions cost the provider",
        ));
    }
    if o.clock == n.clock && o.counting != n.counting {
        // Every whole hour over is a started one: started hours are never
        // fewer.
        let text = |p: &Penalty| format!("{:?} hours", p.counting).to_lowercase();
        let v = if n.counting == crate::ir::HourCounting::Whole { Verdict::Weaker } else { Verdict::Stronger };
        let why = "an hour begun over the limit counts only when hours are counted as started";
        out.push(clause.change("counting", Some(text(o)), Some(text(n)), v, why));
    } else if o.clock != n.clock {
        let text = |p: &Penalty| format!("{:?} {:?}", p.counting, p.clock).to_lowercase();
        let why = "hours are counted another way: which gives more depends on the incidents";
        out.push(clause.change("counting", Some(text(o)), Some(text(n)), Verdict::Changed, why));
    }
    cap(clause, o.cap.as_ref(), n.cap.as_ref(), "the most the penalty can reach is lower", out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

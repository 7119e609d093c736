//! L209: an internal agreement (`underpins "..."`) whose target is not
//! stricter than the customer contract's it underpins.

use crate::ir::{Availability, ClockRef, Contract, LabelMatch, Limit, Tier, Underpins};
use crate::lint::config::Peer;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L209",
    name: "ola-not-stricter",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "an internal agreement's target is not stricter than the customer's it underpins",
    what: "A contract that says `underpins \"NAME\"` is an internal agreement (an OLA) under the \
customer contract named NAME. When both are checked in the same run (`slac check ola.sla \
customer.sla`, or a directory holding both), this rule compares them: each customer tier with \
the internal tier that answers to its name or labels, limit by limit (a response limit, a \
resolution limit, an advice limit), and each availability promise with the internal one for \
the same service. It finds an internal limit that is not shorter, an internal target that is \
not higher, an internal promise measured over a longer period, and a customer tier or promise \
the internal agreement has nothing for. Limits are compared only where the comparison is sure: \
both on the same hours (`24x7`, or calendars with the same hours, zone and holidays), or the \
internal one on `24x7`, which never runs slower than a business clock (an equal limit on \
`24x7` is accepted there). An internal limit on business hours under a customer limit on other \
hours is reported as not comparable.",
    why: "An OLA exists so that the team behind a promise finishes before the promise runs out. \
An internal response limit equal to the customer's leaves no time for the hand-over, and one \
on office hours under a `24x7` customer limit stops overnight while the customer's clock runs: \
the customer promise breaks while every internal target is met.",
    example: r#"contract "esign-ops-ola" {
  timezone "Asia/Shanghai"
  underpins "esign-customer-sla"
  service esign "电子签约"
  tier L1 {
    respond within 15min
    resolve within 4h
  }
  availability esign { target 99.90% }
}
"#,
    fix: "Give the internal agreement limits shorter than the customer's and targets higher, on \
a clock that runs at least as fast, and a counterpart for every customer tier and promise.",
    fixed: r#"contract "esign-ops-ola" {
  timezone "Asia/Shanghai"
  underpins "esign-customer-sla"
  service esign "电子签约"
  tier L1 {
    respond within 10min
    resolve within 3h
  }
  availability esign { target 99.95% }
}
"#,
    peer_example: Some(
        r#"contract "esign-customer-sla" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  tier L1 "一级故障" {
    respond within 15min
    resolve within 4h
  }
  availability esign { target 99.90% }
}
"#,
    ),
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let internal = cx.contract;
    let Some(underpins) = &internal.header.underpins else { return };
    if underpins.contract == internal.id {
        out.push(
            Finding::new(underpins.span, format!("`{}` names itself as the contract it underpins", internal.id))
                .label("this contract")
                .help("name the customer contract this internal agreement serves, as its `contract \"...\"` line does"),
        );
        return;
    }
    let Some(peer) = cx.peers.get(&underpins.contract) else { return };
    let cmp = Comparison { internal, customer: &peer.contract, peer, underpins };
    for tier in &peer.contract.tiers {
        cmp.tier(tier, out);
    }
    for promise in &peer.contract.availability {
        cmp.availability(promise, out);
    }
}

/// Reads one of a tier's limits.
type LimitOf = fn(&Tier) -> Option<Limit>;

struct Comparison<'a> {
    internal: &'a Contract,
    customer: &'a Contract,
    peer: &'a Peer,
    underpins: &'a Underpins,
}

/// Whether an internal limit is sure to run out before the customer's.
enum Verdict {
    Stricter,
    NotStricter,
    /// The clocks are such that no comparison is sure.
    NotComparable,
}

impl Comparison<'_> {
    /// The internal tier that answers to a customer tier: by its id, then
    /// its name, then its labels, under the one label rule.
    fn counterpart(&self, tier: &Tier) -> Option<&Tier> {
        let names =
            std::iter::once(tier.id.as_str()).chain(tier.name.as_deref()).chain(tier.labels.iter().map(String::as_str));
        names
            .filter_map(|n| match self.internal.tier_for_label(n) {
                LabelMatch::Tier(i) => self.internal.tiers.get(i),
                LabelMatch::Unknown | LabelMatch::Ambiguous(_) => None,
            })
            .next()
    }

    fn whose(&self) -> String {
        format!("`{}`", self.customer.id)
    }

    fn tier(&self, theirs: &Tier, out: &mut Vec<Finding>) {
        let Some(ours) = self.counterpart(theirs) else {
            out.push(
                Finding::new(
                    self.underpins.span,
                    format!(
                        "the customer's tier `{}` of {} has no internal tier ({})",
                        theirs.id,
                        self.whose(),
                        self.peer.locate(theirs.span)
                    ),
                )
                .label("underpinned contract")
                .help(format!(
                    "add a tier `{}` to this agreement, or give one of its tiers the label `{}`",
                    theirs.id, theirs.id
                )),
            );
            return;
        };
        let limits: [(&str, LimitOf); 2] = [("response", |t| t.response), ("resolution", |t| t.resolution)];
        for (what, get) in limits {
            let Some(their_limit) = get(theirs) else { continue };
            // A rule (business days, a cut-off) is not an amount of open
            // time to compare.
            if !their_limit.rule.is_open_time() || get(ours).is_some_and(|l| !l.rule.is_open_time()) {
                continue;
            }
            let Some(our_limit) = get(ours) else {
                out.push(
                    Finding::new(
                        ours.span,
                        format!(
                            "internal tier `{}` has no {what} limit; the customer's tier `{}` has {} ({})",
                            ours.id,
                            theirs.id,
                            their_limit.seconds,
                            self.peer.locate(their_limit.span)
                        ),
                    )
                    .label(format!("no {what} limit"))
                    .help(format!("give `{}` a {what} limit shorter than {}", ours.id, their_limit.seconds))
                    .cite(ours.citation.as_ref()),
                );
                continue;
            };
            let verdict = self.compare(ours, our_limit, theirs, their_limit);
            let (message, label) = match verdict {
                Verdict::Stricter => continue,
                Verdict::NotStricter => (
                    format!(
                        "internal tier `{}` allows {} for {what}, no less than the customer's tier `{}` of {} ({}, {})",
                        ours.id,
                        our_limit.seconds,
                        theirs.id,
                        self.whose(),
                        their_limit.seconds,
                        self.peer.locate(their_limit.span)
                    ),
                    "not stricter than the customer's".to_owned(),
                ),
                Verdict::NotComparable => (
                    format!(
                        "internal tier `{}`'s {what} limit runs on {}, the customer's tier `{}` on {} ({}): \
the internal clock can stop while the customer's runs",
                        ours.id,
                        clock_name(&ours.clock_or_default()),
                        theirs.id,
                        clock_name(&theirs.clock_or_default()),
                        self.peer.locate(their_limit.span)
                    ),
                    "not comparable with the customer's".to_owned(),
                ),
            };
            out.push(
                Finding::new(our_limit.span, message)
                    .label(label)
                    .help(format!(
                        "give `{}` a {what} limit shorter than {} on `24x7` or on the customer's hours",
                        ours.id, their_limit.seconds
                    ))
                    .cite(ours.citation.as_ref()),
            );
        }
    }

    /// Is our limit sure to run out first? Both on the same hours: when it
    /// is shorter. Ours on `24x7` and theirs on business hours: when it is
    /// no longer (open time never passes faster than wall time).
    fn compare(&self, ours: &Tier, our_limit: Limit, theirs: &Tier, their_limit: Limit) -> Verdict {
        let (our_clock, their_clock) = (ours.clock_or_default(), theirs.clock_or_default());
        if self.same_hours(&our_clock, &their_clock) {
            if our_limit.seconds < their_limit.seconds { Verdict::Stricter } else { Verdict::NotStricter }
        } else if our_clock == ClockRef::Always {
            if our_limit.seconds <= their_limit.seconds { Verdict::Stricter } else { Verdict::NotStricter }
        } else {
            Verdict::NotComparable
        }
    }

    /// Two clocks with the same open hours: both `24x7`, or calendars with
    /// equal hours and holiday sets in contracts of the same zone.
    fn same_hours(&self, ours: &ClockRef, theirs: &ClockRef) -> bool {
        match (ours, theirs) {
            (ClockRef::Always, ClockRef::Always) => true,
            (ClockRef::Calendar(a), ClockRef::Calendar(b)) => {
                match (self.internal.calendar(a), self.customer.calendar(b)) {
                    (Some(a), Some(b)) => {
                        self.internal.header.timezone == self.customer.header.timezone && same_week(a, b)
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn availability(&self, theirs: &Availability, out: &mut Vec<Finding>) {
        let Some(ours) = self.internal.availability.iter().find(|a| a.service == theirs.service) else {
            out.push(
                Finding::new(
                    self.underpins.span,
                    format!(
                        "the customer's availability promise for `{}` of {} has none in this agreement ({})",
                        theirs.service,
                        self.whose(),
                        self.peer.locate(theirs.span)
                    ),
                )
                .label("underpinned contract")
                .help(format!(
                    "add `availability {} {{ target ... }}` with a target above {}",
                    theirs.service, theirs.target
                )),
            );
            return;
        };
        if ours.target <= theirs.target {
            out.push(
                Finding::new(
                    ours.target_span,
                    format!(
                        "internal availability target {} for `{}` is not above the customer's {} ({})",
                        ours.target,
                        ours.service,
                        theirs.target,
                        self.peer.locate(theirs.target_span)
                    ),
                )
                .label("not stricter than the customer's")
                .help(format!("give the internal promise a target above {}", theirs.target))
                .cite(ours.citation.as_ref()),
            );
        }
        let (our_period, their_period) = (ours.period_or_default(), theirs.period_or_default());
        if our_period.months() > their_period.months() {
            out.push(
                Finding::new(
                    ours.span,
                    format!(
                        "internal availability for `{}` is measured per {}, the customer's per {} ({}): \
a bad {} can hide in a good {}",
                        ours.service,
                        our_period.name(),
                        their_period.name(),
                        self.peer.locate(theirs.span),
                        their_period.name(),
                        our_period.name()
                    ),
                )
                .label("longer period than the customer's")
                .help(format!("measure the internal promise per {} or shorter", their_period.name()))
                .cite(ours.citation.as_ref()),
            );
        }
    }
}

fn clock_name(clock: &ClockRef) -> String {
    match clock {
        ClockRef::Always => "`24x7`".into(),
        ClockRef::Calendar(id) => format!("calendar `{id}`"),
    }
}

/// The same open hours, day class by day class, and the same holiday set.
fn same_week(a: &crate::ir::Calendar, b: &crate::ir::Calendar) -> bool {
    let (a, b) = (&a.hours, &b.hours);
    a.always == b.always
        && a.weekdays == b.weekdays
        && a.makeup_hours() == b.makeup_hours()
        && a.holiday == b.holiday
        && a.holidays.as_ref().map(|s| &s.name) == b.holidays.as_ref().map(|s| &s.name)
}

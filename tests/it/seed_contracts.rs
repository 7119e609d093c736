//! The contracts in `contracts/` check without errors, and hold the facts the
//! worked examples (`design/worked-examples.md`) rely on.

use slac::driver::{Compilation, compile_source, compile_with};
use slac::ir::{
    Basis, CapAmount, ClockRef, ClockStart, Contract, CreditForm, Formula, LabelMatch, MeasuredBy, MinuteRule,
    PartialPolicy, Percent, PeriodKind, ResolutionKind, Seconds,
};
use std::path::{Path, PathBuf};

fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts")
}

fn compile(path: &Path) -> Compilation {
    compile_with(path, &|p: &Path| std::fs::read_to_string(p))
}

fn contract(file: &str) -> Contract {
    let c = compile(&contracts_dir().join(file));
    let errors: Vec<_> = c.diags.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    assert!(errors.is_empty(), "{file}: {errors:?}");
    c.contract.unwrap_or_else(|| panic!("{file} holds no contract"))
}

fn percent(s: &str) -> Percent {
    Percent(s.parse().expect("a decimal"))
}

#[test]
fn every_contract_checks_without_errors() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(contracts_dir())
        .expect("contracts/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sla"))
        .collect();
    files.sort();
    let names: Vec<String> =
        files.iter().map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
    // One contract per seed agreement.
    assert_eq!(
        names,
        [
            "bestsign-esign-platform.sla",
            "ecommerce-cs-ops-2025.sla",
            "fadada-econtract-platform.sla",
            "guanghuanyun-aws-vap-support.sla",
            "jdcloud-baas.sla",
        ]
    );
    for name in names {
        let c = contract(&name);
        assert_eq!(c.header.timezone, chrono_tz::Tz::Asia__Shanghai, "{name}");
        assert_eq!(c.header.currency.as_deref(), Some("CNY"), "{name}");
        assert!(c.header.source.is_some(), "{name} names its source");
        assert!(!c.prose.is_empty(), "{name} keeps its prose clauses");
    }
}

/// Seed 000, as worked example A uses it.
#[test]
fn bestsign_holds_the_facts_of_example_a() {
    let c = contract("bestsign-esign-platform.sla");
    for (label, tier) in [("1", "L1"), ("一级", "L1"), ("2", "L2"), ("3", "L3"), ("三级故障", "L3")] {
        let found = match c.tier_for_label(label) {
            LabelMatch::Tier(i) => Some(c.tiers[i].id.as_str()),
            _ => None,
        };
        assert_eq!(found, Some(tier), "label {label}");
    }
    for t in &c.tiers {
        assert_eq!(t.clock_or_default(), ClockRef::Always, "tier {}", t.id);
    }
    let l1 = c.tier("L1").expect("L1");
    assert_eq!(l1.response.map(|l| l.seconds), Some(Seconds::minutes(15)));
    assert_eq!(l1.resolution.map(|l| l.seconds), Some(Seconds::hours(2)));
    assert_eq!(l1.exempt_from_resolution, ["third_party"]);
    let l3 = c.tier("L3").expect("L3");
    assert_eq!(l3.response.map(|l| l.seconds), Some(Seconds::minutes(30)));
    assert_eq!(l3.resolution.map(|l| l.seconds), Some(Seconds::hours(24)));
    assert_eq!(l3.resolution_kind, ResolutionKind::Advise);

    let av = &c.availability[0];
    assert_eq!(av.target, percent("99.99"));
    assert_eq!(av.period_or_default(), PeriodKind::Month);
    assert_eq!(av.partial_or_default(), PartialPolicy::Skipped);
    assert_eq!(av.minute_rule_or_default(), MinuteRule::SuccessBelow(percent("90")));
    assert_eq!(av.minimum_outage_minutes(), 5);
    assert_eq!(av.formula_or_default(), Formula::ExcludingExcused);

    assert!(c.exclusion_for_cause("force_majeure").is_some());
    assert!(c.exclusion_for_cause("third_party").is_some());
    // A cause of planned maintenance is no exclusion by itself (A7).
    assert!(c.exclusion_for_cause("planned_maintenance").is_none());
    let maintenance = c.exclusions.iter().find(|e| e.category == "maintenance").expect("maintenance exclusion");
    assert_eq!(maintenance.notice, Some(Seconds::ZERO));
    assert!(maintenance.within_window.is_none());

    let en = &c.entitlements[0];
    assert_eq!(en.options.len(), 2);
    assert!(!en.cash);
}

/// Seed 002, as worked example B uses it.
#[test]
fn jdcloud_holds_the_facts_of_example_b() {
    let c = contract("jdcloud-baas.sla");
    assert!(c.tiers.is_empty(), "severity is ignored: no tiers");
    assert_eq!(c.service("baas").map(|s| s.measured), Some(MeasuredBy::Instance));
    let av = &c.availability[0];
    assert_eq!(av.target, percent("99.80"));
    assert_eq!(av.minute_rule_or_default(), MinuteRule::AllAttemptsFail);
    assert_eq!(av.minimum_outage_minutes(), 1);
    assert_eq!(av.formula_or_default(), Formula::OverTotal);
    assert_eq!(av.partial_or_default(), PartialPolicy::AsWhole);
    assert!(c.exclusion_for_cause("attack").is_some());

    let cr = &c.credits[0];
    assert_eq!(cr.basis, Some(Basis::MonthlyFee));
    let bands: Vec<_> = cr.bands.iter().map(|b| (b.low, b.low_inclusive, b.high, b.high_inclusive, b.credit)).collect();
    assert_eq!(
        bands,
        [
            (percent("99.00"), true, percent("99.80"), false, percent("10")),
            (percent("0"), true, percent("99.00"), false, percent("25")),
        ]
    );
    let cap = cr.cap.as_ref().map(|c| &c.amount);
    assert_eq!(cap, Some(&CapAmount::Percent { percent: percent("25"), of: Basis::MonthlyFee }));
    assert_eq!(cr.form, Some(CreditForm::Voucher));
    let claim = cr.claim.as_ref().expect("claim window");
    assert_eq!(claim.opens_business_day, Some(5));
    assert_eq!(claim.closes_months_after, Some(2));
}

/// Seed 003: yearly target, maintenance window and notices, escalation.
#[test]
fn guanghuanyun_holds_its_notices_and_thresholds() {
    let c = contract("guanghuanyun-aws-vap-support.sla");
    let av = &c.availability[0];
    assert_eq!(av.target, percent("99.9"));
    assert_eq!(av.period_or_default(), PeriodKind::Year);
    let m = &c.maintenance;
    assert_eq!(m.planned_notice.as_ref().map(|n| n.seconds), Some(Seconds::hours(72)));
    assert_eq!(m.emergency_notice.as_ref().map(|n| n.seconds), Some(Seconds::hours(2)));
    assert_eq!(m.recovery_notice.as_ref().map(|n| n.seconds), Some(Seconds::minutes(30)));
    assert_eq!(m.planned_within_window.as_deref(), Some("second_sunday"));
    let at: Vec<_> = c.escalation.iter().map(|e| e.at).collect();
    assert_eq!(at, [percent("80"), percent("90"), percent("95"), percent("100")]);
    assert_eq!(c.tiers.len(), 5);
    assert!(c.tiers.iter().all(|t| t.resolution_from == ClockStart::Confirmation));
}

/// Seed 004: peak-season overrides for level 1 and the per-hour penalty.
#[test]
fn ecommerce_ops_holds_its_overrides_and_penalty() {
    let c = contract("ecommerce-cs-ops-2025.sla");
    let l1 = c.tier("L1").expect("L1");
    assert_eq!(l1.overrides.len(), 2);
    for o in &l1.overrides {
        assert_eq!(o.response.map(|l| l.seconds), Some(Seconds::minutes(10)));
        assert_eq!(o.resolution.map(|l| l.seconds), Some(Seconds::hours(1)));
    }
    let p = &c.penalties[0];
    assert!(p.tiers.is_empty(), "every tier");
    assert_eq!(p.rate, percent("0.5"));
    assert_eq!(p.of, Basis::ContractValue);
    let cap = p.cap.as_ref().map(|c| &c.amount);
    assert_eq!(cap, Some(&CapAmount::Percent { percent: percent("5"), of: Basis::ContractValue }));
}

#[test]
fn a_resolution_clock_may_start_at_confirmation() {
    let text = r#"contract "x" {
  timezone "Asia/Shanghai"
  tier P0 { respond within 15min; resolve within 2h from confirmation }
  tier P1 { respond within 30min; resolve within 4h }
  tier P2 { respond within 2h; resolve within 8h from report }
}"#;
    let c = compile_source("x.sla", text);
    assert!(!c.has_errors(), "{:?}", c.diags);
    let ir = c.contract.expect("a contract");
    let starts: Vec<_> = ir.tiers.iter().map(|t| t.resolution_from).collect();
    assert_eq!(starts, [ClockStart::Confirmation, ClockStart::Report, ClockStart::Report]);
}

#[test]
fn an_unknown_clock_start_is_reported() {
    let text = r#"contract "x" {
  timezone "Asia/Shanghai"
  tier P0 { respond within 15min; resolve within 2h from confirmaton }
}"#;
    let c = compile_source("x.sla", text);
    let messages: Vec<_> = c.diags.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["expected one of `report`, `confirmation`, found `confirmaton`"]);
}

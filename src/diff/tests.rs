//! One test per kind of change the issue lists, each from the complete
//! test contract with one clause edited, each checked both ways: the edit
//! undone has the opposite verdict.

use super::{Change, Verdict, diff};
use crate::ir::Contract;

const BASE: &str = include_str!("../../tests/fixtures/contracts/objstore.sla");

fn compile(text: &str) -> Contract {
    let checked = crate::driver::compile_source("t.sla", text)
        .checked()
        .unwrap_or_else(|c| panic!("does not compile: {:?}", c.diags.iter().map(|d| &d.message).collect::<Vec<_>>()));
    checked.contract().clone()
}

/// The base contract with each `(from, to)` replaced once (each `from`
/// must be there).
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "not in the base: {from}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The changes from the base to the edited version, after checking that
/// the way back has every verdict reversed.
fn changes(edits: &[(&str, &str)]) -> Vec<Change> {
    let (old, new) = (compile(BASE), compile(&edited(edits)));
    let forth = diff(&old, &new);
    let back = diff(&new, &old);
    let verdicts = |cs: &[Change]| {
        let mut v: Vec<(String, String, Verdict)> =
            cs.iter().map(|c| (c.clause.clone(), c.field.clone(), c.verdict)).collect();
        v.sort();
        v
    };
    let reversed: Vec<_> = verdicts(&forth).into_iter().map(|(c, f, v)| (c, f, v.reversed())).collect();
    assert_eq!(reversed, verdicts(&back), "the way back is not the reverse");
    forth
}

/// The one change to a field of a clause.
fn the(changes: &[Change], clause: &str, field: &str) -> Change {
    let found: Vec<&Change> = changes.iter().filter(|c| c.clause == clause && c.field == field).collect();
    assert_eq!(found.len(), 1, "{clause} / {field} in {changes:#?}");
    found[0].clone()
}

/// Only these `(clause, field, verdict)` changes.
fn only(changes: &[Change], expected: &[(&str, &str, Verdict)]) {
    let got: Vec<(&str, &str, Verdict)> =
        changes.iter().map(|c| (c.clause.as_str(), c.field.as_str(), c.verdict)).collect();
    assert_eq!(got, expected, "{:#?}", changes.iter().map(|c| (&c.clause, &c.field, &c.why)).collect::<Vec<_>>());
}

#[test]
fn the_same_contract_has_no_change() {
    assert!(diff(&compile(BASE), &compile(BASE)).is_empty());
    // Layout and comments are not meaning.
    let spaced = BASE.replace("target  99.95%", "target 99.95%   // the same");
    assert!(diff(&compile(BASE), &compile(&spaced)).is_empty());
}

#[test]
fn a_lower_target_is_weaker_with_the_downtime_it_allows() {
    let cs = changes(&[("target  99.95%", "target  99.9%"), ("budget  at most 22.32min per month", "")]);
    only(&cs, &[("availability oss", "target", Verdict::Weaker)]);
    let c = the(&cs, "availability oss", "target");
    // 43,200 min × 0.05% = 21.6 min; × 0.1% = 43.2 min.
    assert_eq!(c.why, "allowed downtime in a 30-day month: 21.6 min -> 43.2 min");
    assert_eq!((c.old.as_deref(), c.new.as_deref()), (Some("99.95%"), Some("99.9%")));
    assert_eq!((c.old_citation.as_deref(), c.new_citation.as_deref()), (Some("4.1"), Some("4.1")));
}

#[test]
fn downtime_allowed_is_exact() {
    use super::availability::allowed_minutes;
    use crate::ir::Percent;
    use rust_decimal::Decimal;
    // 43,200 × 0.01% = 4.32; × 0.001% = 0.432; × 1% = 432.
    assert_eq!(allowed_minutes(Percent(Decimal::new(9999, 2))).to_string(), "4.32");
    assert_eq!(allowed_minutes(Percent(Decimal::new(99999, 3))).to_string(), "0.432");
    assert_eq!(allowed_minutes(Percent(Decimal::from(99))).to_string(), "432");
    assert_eq!(allowed_minutes(Percent(Decimal::ONE_HUNDRED)).to_string(), "0");
}

#[test]
fn a_yearly_period_is_weaker_than_a_monthly_one() {
    let cs = changes(&[("period  month", "period  year"), ("budget  at most 22.32min per month", "")]);
    let c = the(&cs, "availability oss", "period");
    assert_eq!(c.verdict, Verdict::Weaker);
    // 21.6 min a month × 12 = 259.2 min a year.
    assert!(c.why.contains("259.2 min"), "{}", c.why);
    let cs = changes(&[("period  month", "period  quarter"), ("budget  at most 22.32min per month", "")]);
    assert_eq!(the(&cs, "availability oss", "period").verdict, Verdict::Weaker);
}

#[test]
fn longer_response_and_resolution_limits_are_weaker() {
    let cs = changes(&[("respond within 15min\n    resolve within 4h", "respond within 30min\n    resolve within 8h")]);
    only(&cs, &[("tier P1", "response", Verdict::Weaker), ("tier P1", "resolution", Verdict::Weaker)]);
    let cs = changes(&[("resolve within 24h", "resolve within 12h")]);
    only(&cs, &[("tier P2", "resolution", Verdict::Stronger)]);
}

#[test]
fn a_limit_set_another_way_is_changed_not_guessed() {
    let cs = changes(&[("resolve within 24h", "resolve within 2 business days")]);
    let c = the(&cs, "tier P2", "resolution");
    assert_eq!(c.verdict, Verdict::Changed);
    assert!(c.why.contains("depends on when the request arrives"), "{}", c.why);
}

#[test]
fn a_tier_moved_from_24x7_to_business_hours_is_weaker() {
    let cs = changes(&[("    clock 24x7\n    channel phone", "    clock office\n    channel phone")]);
    only(&cs, &[("tier P1", "clock", Verdict::Weaker)]);
}

#[test]
fn holidays_added_to_a_clock_are_weaker() {
    let no_holidays = ("= mon-fri 09:00-18:00 except holidays cn", "= mon-fri 09:00-18:00");
    let (old, new) = (compile(&edited(&[no_holidays])), compile(BASE));
    let cs = diff(&old, &new);
    // The calendar, the tier whose clock it is and the channel open on it.
    only(
        &cs,
        &[
            ("calendar office", "hours", Verdict::Weaker),
            ("tier P3", "clock", Verdict::Weaker),
            ("channel ticket", "hours", Verdict::Weaker),
        ],
    );
    assert!(cs[0].why.contains("holidays of set `cn` added"), "{}", cs[0].why);
    // And back: stronger.
    let back = diff(&new, &old);
    assert!(back.iter().all(|c| c.verdict == Verdict::Stronger), "{back:#?}");
}

#[test]
fn shorter_hours_are_weaker_and_moved_hours_changed() {
    let cs = changes(&[("= mon-fri 09:00-18:00", "= mon-fri 10:00-18:00")]);
    assert_eq!(the(&cs, "calendar office", "hours").verdict, Verdict::Weaker);
    let cs = changes(&[("= mon-fri 09:00-18:00", "= mon-fri 10:00-19:00")]);
    assert_eq!(the(&cs, "calendar office", "hours").verdict, Verdict::Changed);
}

#[test]
fn an_exclusion_added_is_weaker_and_removed_stronger() {
    let line = "    attack \"客户未采购防护服务时遭受的网络攻击\"\n";
    let (without, with) = (compile(&edited(&[(line, "")])), compile(BASE));
    only(&diff(&without, &with), &[("exclusion attack", "clause", Verdict::Weaker)]);
    only(&diff(&with, &without), &[("exclusion attack", "clause", Verdict::Stronger)]);
    let cs = changes(&[("labels \"carrier\", \"第三方\"", "labels \"carrier\", \"第三方\", \"upstream\"")]);
    only(&cs, &[("exclusion third_party", "labels", Verdict::Weaker)]);
}

#[test]
fn shorter_notice_is_weaker() {
    let cs = changes(&[("emergency notice 1h", "emergency notice 30min")]);
    only(&cs, &[("maintenance", "emergency notice", Verdict::Weaker)]);
    let cs = changes(&[(
        "emergency_maintenance when announced 1h before",
        "emergency_maintenance when announced 30min before",
    )]);
    only(&cs, &[("exclusion emergency_maintenance", "notice", Verdict::Weaker)]);
}

#[test]
fn a_wider_maintenance_window_is_weaker_and_a_moved_one_changed() {
    let cs = changes(&[("sat 01:00-05:00", "sat 00:00-06:00")]);
    let c = the(&cs, "maintenance window saturday_night", "times");
    assert_eq!(c.verdict, Verdict::Weaker);
    // 01:00-05:00 is 240 min; 00:00-06:00 is 360.
    assert!(c.why.contains("240 min -> 360 min"), "{}", c.why);
    assert_eq!(c.old_citation.as_deref(), Some("5.1"));
    let cs = changes(&[("sat 01:00-05:00", "sat 02:00-06:00")]);
    assert_eq!(the(&cs, "maintenance window saturday_night", "times").verdict, Verdict::Changed);
    let cs = changes(&[("sat 01:00-05:00", "sat, sun 01:00-05:00")]);
    assert_eq!(the(&cs, "maintenance window saturday_night", "times").verdict, Verdict::Weaker);
}

#[test]
fn a_longer_minimum_outage_is_weaker() {
    let cs = changes(&[("minimum outage 5min", "minimum outage 10min")]);
    only(&cs, &[("availability oss", "minimum outage", Verdict::Weaker)]);
}

#[test]
fn a_lower_minute_rule_threshold_is_weaker() {
    let cs = changes(&[("down when success below 90%", "down when success below 80%")]);
    only(&cs, &[("availability oss", "minute rule", Verdict::Weaker)]);
    let cs = changes(&[("down when success below 90%", "down when all attempts fail")]);
    only(&cs, &[("availability oss", "minute rule", Verdict::Weaker)]);
}

#[test]
fn a_cut_band_or_a_removed_band_is_weaker() {
    let cs = changes(&[("band [95.00%, 99.00%) => 25%", "band [95.00%, 99.00%) => 20%")]);
    let c = the(&cs, "credit oss", "bands");
    assert_eq!(c.verdict, Verdict::Weaker);
    assert_eq!(c.why, "at an achieved 95% the credit is 25% -> 20%");
    let cs = changes(&[("    band [95.00%, 99.00%) => 25%\n", "")]);
    assert_eq!(the(&cs, "credit oss", "bands").verdict, Verdict::Weaker);
    // A bound moved down: less at some ratios only, never more.
    let cs = changes(&[("band [99.00%, 99.95%) => 10%", "band [99.00%, 99.90%) => 10%")]);
    assert_eq!(the(&cs, "credit oss", "bands").verdict, Verdict::Weaker);
}

#[test]
fn bands_that_give_less_here_and_more_there_are_changed() {
    let cs = changes(&[
        ("band [99.00%, 99.95%) => 10%", "band [99.00%, 99.95%) => 15%"),
        ("band [95.00%, 99.00%) => 25%", "band [95.00%, 99.00%) => 20%"),
    ]);
    let c = the(&cs, "credit oss", "bands");
    assert_eq!(c.verdict, Verdict::Changed);
    assert!(c.why.contains("25% -> 20%") && c.why.contains("10% -> 15%"), "{}", c.why);
}

#[test]
fn a_lower_cap_is_weaker() {
    let cs = changes(&[("cap   100% of monthly_fee", "cap   50% of monthly_fee")]);
    only(&cs, &[("credit oss", "cap", Verdict::Weaker)]);
    let cs = changes(&[("cap   100% of monthly_fee", "cap   CNY 5000.00")]);
    only(&cs, &[("credit oss", "cap", Verdict::Changed)]);
    let cs = changes(&[("cap 12x monthly_fee", "cap 6x monthly_fee")]);
    only(&cs, &[("liability direct_loss", "cap", Verdict::Weaker)]);
}

#[test]
fn a_shorter_claim_window_is_weaker() {
    let cs = changes(&[("closes 2 months after period", "closes 1 months after period")]);
    only(&cs, &[("credit oss", "claim window", Verdict::Weaker)]);
    // 30 days is less than any two months (56 days at least).
    let cs = changes(&[("closes 2 months after period", "closes 30 days after period")]);
    only(&cs, &[("credit oss", "claim window", Verdict::Weaker)]);
    // 60 days lies between two short months (59) and two long ones (62).
    let cs = changes(&[("closes 2 months after period", "closes 60 days after period")]);
    only(&cs, &[("credit oss", "claim window", Verdict::Changed)]);
}

#[test]
fn a_peak_season_override_with_looser_limits_is_weaker() {
    let looser = "    override \"春节\" 2025-01-25..2025-02-05 {\n      respond within 1h\n      resolve within 8h\n    }\n  }\n  tier P2";
    let cs = changes(&[("  }\n  tier P2", looser)]);
    let c = the(&cs, "tier P1", "override 春节");
    assert_eq!(c.verdict, Verdict::Weaker);
    assert_eq!(c.new.as_deref(), Some("2025-01-25..2025-02-05, respond within 1h, resolve within 8h"));
    // The 双十一 override has tighter limits: dropping it is weaker too.
    let cs =
        changes(&[("respond within 5min\n      resolve within 2h", "respond within 15min\n      resolve within 4h")]);
    assert_eq!(the(&cs, "tier P1", "override 双十一").verdict, Verdict::Weaker);
}

#[test]
fn a_raised_penalty_rate_is_stronger() {
    let cs = changes(&[("deduct 0.5% of contract_value", "deduct 1% of contract_value")]);
    only(&cs, &[("penalty late_resolution", "rate", Verdict::Stronger)]);
    let cs = changes(&[("per started hour", "per whole hour")]);
    only(&cs, &[("penalty late_resolution", "counting", Verdict::Weaker)]);
}

#[test]
fn a_formula_change_says_which_way_the_ratio_moves_with_a_worked_month() {
    let cs = changes(&[("formula (total - unavailable) / total", "formula available / (available + unavailable)")]);
    let c = the(&cs, "availability oss", "formula");
    // (43,200 - 30) / 43,200 = 99.93055..%; (43,200 - 600 - 30) / (43,200 - 600) = 99.92957..%.
    assert_eq!(c.verdict, Verdict::Stronger);
    assert!(c.why.contains("99.9305% -> 99.9295%"), "{}", c.why);
    assert!(c.why.contains("moves down"), "{}", c.why);
}

#[test]
fn a_moved_citation_or_new_prose_is_neutral() {
    let cs = changes(&[("§ \"4.1\"", "§ \"4.2\"")]);
    only(&cs, &[("availability oss", "citation", Verdict::Neutral)]);
    let cs = changes(&[("可终止本协议。", "可以终止本协议。")]);
    only(&cs, &[("prose termination", "text", Verdict::Neutral)]);
}

#[test]
fn a_removed_tier_or_promise_is_a_change_not_an_error() {
    let p3 = "  tier P3 \"一般问题\" labels \"P3\" {\n    respond within 4h\n    advise within 72h\n    clock office\n    channel ticket\n  }\n";
    let cs = changes(&[(p3, "")]);
    only(&cs, &[("tier P3", "clause", Verdict::Weaker)]);
}

#[test]
fn a_part_no_rule_weighs_is_changed_never_passed_over() {
    // A partial period judged, then not: weaker (the way back, stronger).
    let cs = changes(&[("partial skipped", "partial as whole")]);
    only(&cs, &[("availability oss", "partial", Verdict::Stronger)]);
    // A part no rule weighs yet: a service's fee.
    let cs = changes(&[("fee CNY 20000.00 per month", "fee CNY 30000.00 per month")]);
    only(&cs, &[("services", "(not weighed)", Verdict::Changed)]);
    // A tier's channel.
    let cs = changes(&[("    channel phone\n", "")]);
    only(&cs, &[("tier P1", "channel", Verdict::Changed)]);
}

#[test]
fn target_and_minimum_outage_verdicts_follow_the_numbers() {
    use proptest::prelude::*;
    let config = ProptestConfig { cases: 48, ..ProptestConfig::default() };
    proptest!(config, |(a in 9000u32..=10000, b in 9000u32..=10000, x in 1u32..60, y in 1u32..60)| {
        // Targets in hundredths of a percent: 9995 is 99.95%.
        let target = |t: u32| format!("target  {}.{:02}%", t / 100, t % 100);
        let outage = |m: u32| format!("minimum outage {m}min");
        let budget = ("budget  at most 22.32min per month", "");
        let old = compile(&edited(&[("target  99.95%", &target(a)), ("minimum outage 5min", &outage(x)), budget]));
        let new = compile(&edited(&[("target  99.95%", &target(b)), ("minimum outage 5min", &outage(y)), budget]));
        let cs = diff(&old, &new);
        let find = |field: &str| cs.iter().find(|c| c.field == field).map(|c| c.verdict);
        let expect = |o: u32, n: u32, more_is_better: bool| match o.cmp(&n) {
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Less if more_is_better => Some(Verdict::Stronger),
            std::cmp::Ordering::Greater if !more_is_better => Some(Verdict::Stronger),
            _ => Some(Verdict::Weaker),
        };
        prop_assert_eq!(find("target"), expect(a, b, true));
        prop_assert_eq!(find("minimum outage"), expect(x, y, false));
        if let Some(c) = cs.iter().find(|c| c.field == "target") {
            // (10000 - t) hundredths of a percent of 43,200 min is
            // (10000 - t) / 10000 × 43,200 = (10000 - t) × 4.32 min, exactly
            // (90% allows 4,320 min).
            let minutes = |t: u32| (rust_decimal::Decimal::from(10000 - t) * rust_decimal::Decimal::new(432, 2)).normalize();
            let why = format!("allowed downtime in a 30-day month: {} min -> {} min", minutes(a), minutes(b));
            prop_assert_eq!(&c.why, &why);
        }
    });
}

#[test]
fn durability_objectives_and_retention_follow_what_they_promise() {
    let cs = changes(&[("target 99.9999999999% per month", "target 99.99999999% per month")]);
    only(&cs, &[("durability oss", "target", Verdict::Weaker)]);
    let cs = changes(&[("target 99.9999999999% per month", "target 99.9999999999% per year")]);
    only(&cs, &[("durability oss", "period", Verdict::Weaker)]);
    // An upper bound raised is weaker; lowered, stronger.
    let cs = changes(&[("api_response_time < 200ms", "api_response_time < 300ms")]);
    only(&cs, &[("objective api_response_time", "bound", Verdict::Weaker)]);
    // The same figure, no longer strict: weaker.
    let cs = changes(&[("api_response_time < 200ms", "api_response_time <= 200ms")]);
    only(&cs, &[("objective api_response_time", "bound", Verdict::Weaker)]);
    // An upper bound turned into a lower one: another promise.
    let cs = changes(&[("api_response_time < 200ms", "api_response_time > 200ms")]);
    only(&cs, &[("objective api_response_time", "bound", Verdict::Changed)]);
    let cs = changes(&[("objective api_response_time < 200ms \"P99 首字节延迟\"\n", "")]);
    only(&cs, &[("objective api_response_time", "clause", Verdict::Weaker)]);
    let cs = changes(&[("retain access_logs 6 months", "retain access_logs 3 months")]);
    only(&cs, &[("retain access_logs", "at least", Verdict::Weaker)]);
    let cs = changes(&[("retain access_logs 6 months", "retain access_logs 1 year")]);
    only(&cs, &[("retain access_logs", "at least", Verdict::Stronger)]);
}

#[test]
fn service_desk_terms_of_a_tier_follow_what_they_promise() {
    let cs = changes(&[("    notify \"客户技术负责人\"\n", "")]);
    only(&cs, &[("tier P1", "notify", Verdict::Weaker)]);
    let cs = changes(&[("escalation at 80%, 100%", "escalation at 90%, 100%")]);
    only(&cs, &[("escalation", "escalation", Verdict::Weaker)]);
    let cs = changes(&[("escalation at 80%, 100%", "escalation at 80%")]);
    only(&cs, &[("escalation", "escalation", Verdict::Weaker)]);
    let p2 = "    clock hotline\n  }";
    let cs = changes(&[(p2, "    clock hotline\n    pause resolution when status \"Waiting for customer\"\n  }")]);
    only(&cs, &[("tier P2", "pause", Verdict::Weaker)]);
    let cs = changes(&[(p2, "    clock hotline\n    update every 2h while open\n  }")]);
    only(&cs, &[("tier P2", "updates", Verdict::Stronger)]);
}

#[test]
fn contract_wide_pauses_and_cadence_are_weighed_in_each_tier_that_takes_them() {
    let top = ("  escalation at 80%, 100%\n", "  escalation at 80%, 100%\n  update every 4h while open\n");
    let cs = changes(&[top]);
    only(
        &cs,
        &[
            ("tier P1", "updates", Verdict::Stronger),
            ("tier P2", "updates", Verdict::Stronger),
            ("tier P3", "updates", Verdict::Stronger),
        ],
    );
    // A tier with its own pause is not touched by the contract's.
    let p2 = ("    clock hotline\n  }", "    clock hotline\n    pause resolution when status \"Pending\"\n  }");
    let top =
        ("  escalation at 80%, 100%\n", "  escalation at 80%, 100%\n  pause resolution when status \"Pending\"\n");
    let (old, new) = (compile(&edited(&[p2])), compile(&edited(&[p2, top])));
    let cs = diff(&old, &new);
    only(&cs, &[("tier P1", "pause", Verdict::Weaker), ("tier P3", "pause", Verdict::Weaker)]);
}

#[test]
fn channels_backups_duties_and_locations() {
    let cs = changes(&[(
        "backup nightly \"每日全量备份\" every day retain 30d",
        "backup nightly \"每日全量备份\" every week retain 30d",
    )]);
    only(&cs, &[("backup nightly", "every", Verdict::Weaker)]);
    let cs = changes(&[("every day retain 30d", "every day retain 7d")]);
    only(&cs, &[("backup nightly", "retain", Verdict::Weaker)]);
    let cs = changes(&[("duty security_audit every year", "duty security_audit every half_year")]);
    only(&cs, &[("duty security_audit", "every", Verdict::Stronger)]);
    let cs = changes(&[("location disaster_recovery \"北京\"", "location disaster_recovery \"天津\"")]);
    only(&cs, &[("location disaster_recovery", "place", Verdict::Changed)]);
    let cs = changes(&[("    hours 24x7\n    respond within 15min", "    hours office\n    respond within 15min")]);
    only(&cs, &[("channel phone", "hours", Verdict::Weaker)]);
    let cs = changes(&[("    hours 24x7\n    respond within 15min", "    hours 24x7\n    respond within 30min")]);
    only(&cs, &[("channel phone", "respond within", Verdict::Weaker)]);
}

#[test]
fn a_set_down_only_when_all_instances_are_down_is_weaker_than_when_any_is() {
    let base = "contract \"s\" {\n  timezone \"Asia/Shanghai\"\n  service api \"API\"\n  availability api {\n    target 99.9%\n    period month\n    SET\n  }\n}\n";
    let with = |rule: &str| compile(&base.replace("SET", rule));
    let (any, all) = (with("set down when any instance is down"), with("set down when all instances are down"));
    only(&diff(&any, &all), &[("availability api", "set down", Verdict::Weaker)]);
    only(&diff(&all, &any), &[("availability api", "set down", Verdict::Stronger)]);
    let plain = with("");
    only(&diff(&plain, &all), &[("availability api", "set down", Verdict::Changed)]);
}

//! The fixed wording of a rendered contract in both languages: one table of
//! words (`W`), and the few phrases built from them and a number. Clause
//! text (names, descriptions, prose) is never translated: it is shown in
//! the contract's own language.

use crate::ir::{ClockRef, Contract, LimitRule, MinuteOfDay, PeriodKind, Seconds};

/// The language of the fixed wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

/// Every fixed word or heading a rendered contract uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    Contract,
    PartiesAndTerm,
    Provider,
    Customer,
    Version,
    Effective,
    Term,
    OpenEnded,
    TimeZone,
    Currency,
    ContractValue,
    Source,
    Underpins,
    Services,
    Service,
    Measured,
    MeasuredService,
    MeasuredInstance,
    MeasuredComponent,
    Components,
    MonthlyFee,
    ServiceHours,
    Calendar,
    Hours,
    HolidaySets,
    HolidayFrom,
    Extends,
    BuiltIn,
    OnHolidays,
    MakeupWorkdays,
    Channels,
    Channel,
    BookingNotice,
    RespondWithin,
    Note,
    Tiers,
    Tier,
    Labels,
    Response,
    ResolutionOrAdvice,
    Resolution,
    AdviceLimit,
    Amendment,
    EveryTier,
    EscalationTimes,
    Resolve,
    Advise,
    FromConfirmation,
    Clock,
    Responders,
    Notify,
    Escalation,
    EscalationBoth,
    EscalationResponse,
    EscalationResolution,
    PeakOverrides,
    Cutoff,
    Pauses,
    PauseBoth,
    PauseResponse,
    PauseResolution,
    UpdateCadence,
    FirstUpdate,
    ExemptFromResolution,
    ClockByRegion,
    Region,
    Reprioritised,
    FromStart,
    FromChange,
    Availability,
    Target,
    Period,
    AllowedDowntime,
    PeriodLength,
    Days,
    PartialPeriods,
    PartialSkipped,
    PartialAsWhole,
    MinuteDown,
    SuccessBelow,
    AllAttemptsFail,
    MissingData,
    MissingDown,
    MissingUp,
    MinimumOutage,
    Formula,
    FormulaExcluding,
    FormulaTotal,
    BudgetClaim,
    SetRule,
    SetAny,
    SetAll,
    Outages,
    OutagesGrid,
    OutagesDuration,
    CoversWhen,
    TotalMinutes,
    Slices,
    PerRegion,
    OwnExclusions,
    OwnMaintenance,
    Durability,
    Unit,
    OneIn,
    Maintenance,
    Windows,
    PlannedNotice,
    EmergencyNotice,
    RecoveryNotice,
    PlannedWithinWindow,
    Exclusions,
    Category,
    Description,
    Notice,
    WithinWindow,
    Credits,
    Achieved,
    Credit,
    Basis,
    Excluding,
    Cap,
    Form,
    ClaimWindow,
    Minimum,
    Exclusive,
    Entitlements,
    Options,
    Cash,
    Penalties,
    Penalty,
    Rate,
    AllTiers,
    Liability,
    Objectives,
    Data,
    Backups,
    Duties,
    Locations,
    Retention,
    Every,
    Amendments,
    Straddle,
    StraddleStart,
    StraddleEnd,
    Examples,
    ReviewNotes,
    Citation,
    Yes,
    No,
    None,
}

impl W {
    /// The word in a language: the one table of fixed wording.
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            W::Contract => ("Contract", "合同"),
            W::PartiesAndTerm => ("Parties and term", "合同双方与期限"),
            W::Provider => ("Provider", "服务提供方"),
            W::Customer => ("Customer", "客户"),
            W::Version => ("Version", "版本"),
            W::Effective => ("Effective", "生效日期"),
            W::Term => ("Term", "期限"),
            W::OpenEnded => ("open-ended", "无固定终止日"),
            W::TimeZone => ("Time zone", "时区"),
            W::Currency => ("Currency", "币种"),
            W::ContractValue => ("Contract value", "合同金额"),
            W::Source => ("Source", "来源"),
            W::Underpins => ("Underpins the customer contract", "支撑的客户合同"),
            W::Services => ("Services", "服务"),
            W::Service => ("Service", "服务"),
            W::Measured => ("Measured", "计量方式"),
            W::MeasuredService => ("measured as a whole", "按整体计量"),
            W::MeasuredInstance => ("measured per instance", "按实例计量"),
            W::MeasuredComponent => ("measured per component", "按组件计量"),
            W::Components => ("Components", "组件"),
            W::MonthlyFee => ("Fee per period", "每期服务费"),
            W::ServiceHours => ("Service hours", "服务时间"),
            W::Calendar => ("Calendar", "日历"),
            W::Hours => ("Hours", "时间"),
            W::HolidaySets => ("Holiday sets", "节假日"),
            W::HolidayFrom => ("dates from", "日期来自"),
            W::Extends => ("adds to", "在此基础上增加"),
            W::BuiltIn => ("built-in", "内置"),
            W::OnHolidays => ("holidays", "节假日"),
            W::MakeupWorkdays => ("make-up workdays", "调休工作日"),
            W::Channels => ("Support channels", "服务渠道"),
            W::Channel => ("Channel", "渠道"),
            W::BookingNotice => ("Booking notice", "预约提前"),
            W::RespondWithin => ("Responds", "响应"),
            W::Note => ("Note", "备注"),
            W::Tiers => ("Fault tiers", "故障等级"),
            W::Tier => ("Tier", "等级"),
            W::Labels => ("Labels", "标签"),
            W::Response => ("Response", "响应时间"),
            W::ResolutionOrAdvice => ("Resolution or advice", "解决或建议时间"),
            W::Resolution => ("Resolution", "解决时间"),
            W::AdviceLimit => ("Advice", "建议给出时间"),
            W::Amendment => ("Amendment", "修订"),
            W::EscalationTimes => (
                "When each escalation step is reached (open time of the tier's clock)",
                "各升级节点的到达时点（按该等级计时的时长）",
            ),
            W::EveryTier => ("Every tier, unless it states its own", "各等级通用（等级另有约定的除外）"),
            W::Resolve => ("resolve", "解决"),
            W::Advise => ("advice", "给出建议"),
            W::FromConfirmation => ("from confirmation of the problem", "自问题确认起"),
            W::Clock => ("Clock", "计时"),
            W::Responders => ("Responders", "响应人员"),
            W::Notify => ("Notified", "通知"),
            W::Escalation => ("Escalation", "升级"),
            W::EscalationBoth => ("of the response and resolution limits", "响应及解决时限的"),
            W::EscalationResponse => ("of the response limit", "响应时限的"),
            W::EscalationResolution => ("of the resolution limit", "解决时限的"),
            W::PeakOverrides => ("Peak-season limits", "高峰期时限"),
            W::Cutoff => {
                ("Requests after this time count from the next business day", "此时间后受理的请求自下一工作日起计")
            }
            W::Pauses => ("Clock paused while status is", "以下状态期间暂停计时"),
            W::PauseBoth => ("both clocks", "两项计时"),
            W::PauseResponse => ("response clock", "响应计时"),
            W::PauseResolution => ("resolution clock", "解决计时"),
            W::UpdateCadence => ("Updates while open", "处理期间进展通报"),
            W::FirstUpdate => ("first update", "首次通报"),
            W::ExemptFromResolution => ("Not counted against the resolution limit", "不计入解决时限"),
            W::ClockByRegion => ("Clock chosen by region", "按地区选择计时日历"),
            W::Region => ("region", "地区"),
            W::Reprioritised => ("An incident moved to another tier is timed", "故障等级变更后的计时"),
            W::FromStart => ("from its opening", "自故障受理起"),
            W::FromChange => ("from the change", "自等级变更起"),
            W::Availability => ("Availability", "可用性"),
            W::Target => ("Target", "目标"),
            W::Period => ("Period", "统计周期"),
            W::AllowedDowntime => ("Allowed downtime", "允许的不可用时间"),
            W::PeriodLength => ("Period length", "周期长度"),
            W::Days => ("days", "天"),
            W::PartialPeriods => ("Partial periods", "不完整周期"),
            W::PartialSkipped => ("not evaluated", "不计算"),
            W::PartialAsWhole => ("evaluated as whole periods", "按完整周期计算"),
            W::MinuteDown => ("A minute is down when", "不可用分钟的判定"),
            W::SuccessBelow => ("the share of successful requests is below", "成功请求比例低于"),
            W::AllAttemptsFail => ("every attempt fails", "所有请求均失败"),
            W::MissingData => ("Minutes without data", "无监测数据的分钟"),
            W::MissingDown => ("count as down", "计为不可用"),
            W::MissingUp => ("count as available", "计为可用"),
            W::MinimumOutage => ("Minimum outage counted", "计入的最短不可用时长"),
            W::Formula => ("Formula", "计算公式"),
            W::FormulaExcluding => (
                "available / (available + unavailable), excused minutes left out",
                "可用时间 / (可用时间 + 不可用时间)，免责时间不计",
            ),
            W::FormulaTotal => ("(total − unavailable) / total", "(总时间 − 不可用时间) / 总时间"),
            W::BudgetClaim => ("The agreement states", "协议载明"),
            W::SetRule => ("Set of instances", "实例组"),
            W::SetAny => ("down when any instance is down", "任一实例不可用即为不可用"),
            W::SetAll => ("down only when every instance is down", "全部实例不可用时才为不可用"),
            W::Outages => ("Outages measured", "不可用时长计量"),
            W::OutagesGrid => ("by the minutes they touch", "按所涉及的分钟计"),
            W::OutagesDuration => ("by their own length", "按实际时长计"),
            W::CoversWhen => ("Covers only when", "仅在以下条件下适用"),
            W::TotalMinutes => ("Total minutes", "总时间"),
            W::Slices => ("Slices", "时段"),
            W::PerRegion => ("Judged per region", "按地区分别计算"),
            W::OwnExclusions => ("Exclusions of this promise", "本项承诺的免责情形"),
            W::OwnMaintenance => ("Maintenance rules of this promise", "本项承诺的维护规则"),
            W::Durability => ("Durability", "数据持久性"),
            W::Unit => ("Counted", "计量对象"),
            W::OneIn => ("At most one lost in", "丢失比例至多为"),
            W::Maintenance => ("Maintenance", "维护"),
            W::Windows => ("Windows", "维护窗口"),
            W::PlannedNotice => ("Planned maintenance notice", "计划维护提前通知"),
            W::EmergencyNotice => ("Emergency maintenance notice", "紧急维护提前通知"),
            W::RecoveryNotice => ("Notice of recovery", "恢复通知"),
            W::PlannedWithinWindow => ("Planned maintenance within window", "计划维护须在窗口内"),
            W::Exclusions => ("Exclusions", "免责情形"),
            W::Category => ("Category", "类别"),
            W::Description => ("Description", "说明"),
            W::Notice => ("Notice", "提前通知"),
            W::WithinWindow => ("Within window", "窗口"),
            W::Credits => ("Service credits", "服务赔偿"),
            W::Achieved => ("Achieved", "实际可用性"),
            W::Credit => ("Credit", "赔偿比例"),
            W::Basis => ("Basis", "计算基数"),
            W::Excluding => ("excluding", "不含"),
            W::Cap => ("Cap", "上限"),
            W::Form => ("Form", "形式"),
            W::ClaimWindow => ("Claim window", "申请期限"),
            W::Minimum => ("Smallest credit issued", "最低赔偿金额"),
            W::Exclusive => ("Claimed under one credit of group", "同组赔偿仅取其一"),
            W::Entitlements => ("Entitlements per outage", "每次故障的补偿"),
            W::Options => ("Options", "可选项"),
            W::Cash => ("Payable in cash", "可折现"),
            W::Penalties => ("Penalties", "违约金"),
            W::Penalty => ("Penalty", "违约金"),
            W::Rate => ("Rate", "比例"),
            W::AllTiers => ("every tier", "所有等级"),
            W::Liability => ("Liability", "责任上限"),
            W::Objectives => ("Objectives", "服务指标"),
            W::Data => ("Data, backups and duties", "数据、备份与义务"),
            W::Backups => ("Backups", "备份"),
            W::Duties => ("Duties", "定期义务"),
            W::Locations => ("Data locations", "数据存放地"),
            W::Retention => ("Retention", "保存期限"),
            W::Every => ("every", "每"),
            W::Amendments => ("Amendments", "修订"),
            W::Straddle => (
                "A period an amendment falls inside is judged by the terms in force at",
                "修订生效日落在周期内时，该周期适用",
            ),
            W::StraddleStart => ("its start", "周期开始时的条款"),
            W::StraddleEnd => ("its end", "周期结束时的条款"),
            W::Examples => ("Worked examples", "示例"),
            W::ReviewNotes => ("Reviewer's notes", "审阅意见"),
            W::Citation => ("§", "§"),
            W::Yes => ("yes", "是"),
            W::No => ("no", "否"),
            W::None => ("none", "无"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// After a label inside running text: `advice: ...` / `给出建议：...`.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// Hours that stop on the holidays of a set: `closed on holidays (cn)` /
/// `节假日（cn）休息`.
pub fn closed_on_holidays(lang: Lang, set: &str) -> String {
    match lang {
        Lang::En => format!("closed on holidays ({set})"),
        Lang::Zh => format!("节假日（{set}）休息"),
    }
}

/// What a standard exclusion category covers, in the language (the
/// English is `ir::STANDARD_CATEGORIES`'s); `None` for a custom one.
pub fn category(lang: Lang, id: &str) -> Option<&'static str> {
    let en = crate::ir::STANDARD_CATEGORIES.iter().find(|(c, _)| *c == id).map(|(_, d)| *d)?;
    Some(match lang {
        Lang::En => en,
        Lang::Zh => match id {
            "maintenance" => "各类维护，计划或紧急",
            "planned_maintenance" => "计划维护",
            "emergency_maintenance" => "紧急维护",
            "force_majeure" => "不可抗力：自然灾害、战争、政府行为",
            "third_party" => "第三方的服务、网络或设备",
            "carrier_network" => "电信运营商网络故障",
            "customer" => "客户自身的过错、误用或疏忽",
            "attack" => "针对客户应用或数据的黑客攻击",
            "bad_input" => "错误的输入、指令或参数",
            "customer_request" => "应客户要求进行的操作",
            "other" => "其他非服务方可控的原因",
            _ => en,
        },
    })
}

/// A remark after a phrase: ` (remark)` / `（remark）`.
pub fn aside(lang: Lang, remark: &str) -> String {
    match lang {
        Lang::En => format!(" ({remark})"),
        Lang::Zh => format!("（{remark}）"),
    }
}

/// Between the clauses of a line: `; ` / `；`.
pub fn semi(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    }
}

/// Separators between items and after a label.
pub fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// A length of time in words: `15 minutes`, `1 hour 30 minutes`, `24
/// hours`, `3 days`; `15分钟`. Whole days from two days up, as agreements
/// write them (`24小时`, not `1天`).
pub fn duration(lang: Lang, s: Seconds) -> String {
    let mut left = s.0.max(0);
    let mut parts = Vec::new();
    let in_days = left >= 2 * 86_400 && left % 86_400 == 0;
    let day = if in_days { 86_400 } else { i64::MAX };
    for (unit, en, zh) in [(day, "day", "天"), (3600, "hour", "小时"), (60, "minute", "分钟"), (1, "second", "秒")]
    {
        let n = left / unit;
        left %= unit;
        if n > 0 {
            parts.push(match lang {
                Lang::En if n == 1 => format!("1 {en}"),
                Lang::En => format!("{n} {en}s"),
                Lang::Zh => format!("{n}{zh}"),
            });
        }
    }
    if parts.is_empty() {
        return match lang {
            Lang::En => "0 minutes".into(),
            Lang::Zh => "0分钟".into(),
        };
    }
    parts.join(if lang == Lang::En { " " } else { "" })
}

/// A limit as a phrase: `within 15 minutes`, `by 16:00 next business day`;
/// `15分钟内`, `次一工作日16:00前`.
pub fn limit(lang: Lang, rule: LimitRule, seconds: Seconds) -> String {
    match (lang, rule) {
        (Lang::En, LimitRule::OpenTime) => format!("within {}", duration(lang, seconds)),
        (Lang::Zh, LimitRule::OpenTime) => format!("{}内", duration(lang, seconds)),
        (Lang::En, rule @ LimitRule::BusinessDays { .. }) => format!("within {rule}"),
        (Lang::Zh, LimitRule::BusinessDays { days }) => format!("{days}个工作日内"),
        (Lang::En, rule @ LimitRule::ByTime { .. }) => rule.to_string(),
        (Lang::Zh, LimitRule::ByTime { at, days_after }) => {
            let day = match days_after {
                0 => "当个工作日".to_string(),
                1 => "次一工作日".to_string(),
                n => format!("受理后第{n}个工作日"),
            };
            match at {
                Some(at) => format!("{day}{at}前"),
                None => format!("{day}结束前"),
            }
        }
    }
}

/// The clock a limit runs on: `around the clock` / `7×24小时`, or a
/// calendar by its name and id.
pub fn clock(lang: Lang, c: &ClockRef, contract: &Contract) -> String {
    match c {
        ClockRef::Always => match lang {
            Lang::En => "around the clock".into(),
            Lang::Zh => "7×24小时".into(),
        },
        ClockRef::Calendar(id) => {
            let name = contract.calendar(id).and_then(|c| c.name.clone());
            match (lang, name) {
                (Lang::En, Some(n)) => format!("in “{n}” hours ({id})"),
                (Lang::En, None) => format!("in {id} hours"),
                (Lang::Zh, Some(n)) => format!("按“{n}”（{id}）时间"),
                (Lang::Zh, None) => format!("按 {id} 时间"),
            }
        }
    }
}

/// The length of a period: `month` / `月`.
pub fn period(lang: Lang, p: PeriodKind) -> &'static str {
    match (lang, p) {
        (Lang::En, p) => p.name(),
        (Lang::Zh, PeriodKind::Month) => "月",
        (Lang::Zh, PeriodKind::Quarter) => "季度",
        (Lang::Zh, PeriodKind::Year) => "年",
    }
}

/// `per month` / `每月`.
pub fn per_period(lang: Lang, p: PeriodKind) -> String {
    match lang {
        Lang::En => format!("per {}", p.name()),
        Lang::Zh => format!("每{}", period(lang, p)),
    }
}

/// A weekday by its index, Monday first.
pub fn weekday(lang: Lang, i: usize) -> &'static str {
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    match lang {
        Lang::En => EN[i % 7],
        Lang::Zh => ZH[i % 7],
    }
}

/// `15:00`.
pub fn time(t: MinuteOfDay) -> String {
    t.to_string()
}

/// A measured value in words: durations and calendar spans in the
/// language (`1 month` / `1个月`), other values as written.
pub fn measure(lang: Lang, m: &crate::ir::Measure) -> String {
    use crate::ir::Measure;
    match m {
        Measure::Duration(s) => duration(lang, *s),
        Measure::Span(span) => match lang {
            Lang::En if span.count == 1 => format!("1 {}", span.unit.name()),
            Lang::En => format!("{} {}s", span.count, span.unit.name()),
            Lang::Zh if span.unit == PeriodKind::Month => format!("{}个月", span.count),
            Lang::Zh if span.unit == PeriodKind::Quarter => format!("{}个季度", span.count),
            Lang::Zh => format!("{}{}", span.count, period(lang, span.unit)),
        },
        other => other.to_string(),
    }
}

/// A part of the fee a credit's basis leaves out.
pub fn fee_part(lang: Lang, part: crate::ir::FeeAdjustment) -> &'static str {
    use crate::ir::FeeAdjustment;
    match (lang, part) {
        (Lang::En, p) => p.name(),
        (Lang::Zh, FeeAdjustment::Vouchers) => "代金券抵扣",
        (Lang::Zh, FeeAdjustment::Coupons) => "优惠券抵扣",
        (Lang::Zh, FeeAdjustment::Upfront) => "预付费用",
    }
}

/// A slice rule in words: `clock hour down over 6min, no charge` /
/// `每个整点小时不可用超过6分钟即不收费`.
pub fn slices(lang: Lang, s: &crate::ir::SliceRule) -> String {
    use crate::ir::SliceSize;
    match lang {
        Lang::En => s.text(),
        Lang::Zh => {
            let size = match s.size {
                SliceSize::Minutes(60) => "整点小时".to_string(),
                SliceSize::Minutes(1) => "分钟".to_string(),
                SliceSize::Minutes(n) => format!("{n}分钟时段"),
                SliceSize::Day => "自然日".to_string(),
            };
            let remedy = if s.no_charge { "，该时段不收费" } else { "" };
            format!("每个{size}内不可用超过{}分钟即为不合格{remedy}", s.over_minutes)
        }
    }
}

/// A count of something with the right ordinal: `2nd`, `第2个`.
pub fn ordinal(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Zh if n < 0 => format!("倒数第{}个", -n),
        Lang::Zh => format!("第{n}个"),
        Lang::En if n == -1 => "last".into(),
        Lang::En if n < 0 => format!("{} from last", ordinal(lang, -n)),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (1, r) if r != 11 => "st",
                (2, r) if r != 12 => "nd",
                (3, r) if r != 13 => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words_in_both_languages() {
        assert_eq!(duration(Lang::En, Seconds(900)), "15 minutes");
        assert_eq!(duration(Lang::En, Seconds(5400)), "1 hour 30 minutes");
        assert_eq!(duration(Lang::En, Seconds(86_400)), "24 hours");
        assert_eq!(duration(Lang::En, Seconds(3 * 86_400)), "3 days");
        assert_eq!(duration(Lang::Zh, Seconds(90_000)), "25小时");
        assert_eq!(duration(Lang::Zh, Seconds(900)), "15分钟");
        assert_eq!(duration(Lang::Zh, Seconds(5400)), "1小时30分钟");
        assert_eq!(duration(Lang::Zh, Seconds(45)), "45秒");
    }

    #[test]
    fn limits_with_their_clock() {
        let c = Contract::default();
        let open = limit(Lang::En, LimitRule::OpenTime, Seconds(900));
        assert_eq!(
            format!("{open}, {}", clock(Lang::En, &ClockRef::Always, &c)),
            "within 15 minutes, around the clock"
        );
        let open = limit(Lang::Zh, LimitRule::OpenTime, Seconds(900));
        assert_eq!(format!("{open}，{}", clock(Lang::Zh, &ClockRef::Always, &c)), "15分钟内，7×24小时");
        let by = LimitRule::ByTime { at: Some(MinuteOfDay(960)), days_after: 1 };
        assert_eq!(limit(Lang::En, by, Seconds(0)), "by 16:00 next business day");
        assert_eq!(limit(Lang::Zh, by, Seconds(0)), "次一工作日16:00前");
        assert_eq!(limit(Lang::Zh, LimitRule::BusinessDays { days: 2 }, Seconds(0)), "2个工作日内");
    }

    #[test]
    fn every_standard_category_has_its_words_in_both_languages() {
        for (id, en) in crate::ir::STANDARD_CATEGORIES {
            assert_eq!(category(Lang::En, id), Some(*en));
            let zh = category(Lang::Zh, id).unwrap_or_default();
            assert!(zh != *en && !zh.is_empty(), "{id} has no Chinese words");
        }
        assert_eq!(category(Lang::Zh, "our_own"), None);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(Lang::En, 1), "1st");
        assert_eq!(ordinal(Lang::En, 12), "12th");
        assert_eq!(ordinal(Lang::En, 23), "23rd");
        assert_eq!(ordinal(Lang::En, -1), "last");
        assert_eq!(ordinal(Lang::Zh, 2), "第2个");
    }
}

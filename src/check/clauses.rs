//! The language's keywords, once: every clause that may open a line at the
//! top of a contract (or of a library file), the fields its block holds,
//! an example, and the function that reads it.
//!
//! The dispatch in `Checker::item`, the list of keywords a contract may hold,
//! the "did you mean" candidates inside each block and the hint for a field
//! written outside its block ("`claim` belongs in a `credit` or `durability`
//! block") are all read from [`CLAUSES`], so they cannot drift apart. The
//! readers in the clause modules still match on their own field words (each
//! field is read differently); a test checks that every field listed here is
//! one they accept.

use super::{
    Checker, amendment, availability, calendar, compensation, example, exclusion, header, objective, pause, service,
    tier, updates,
};
use crate::ir::ObjectiveGroup;
use crate::syntax::Statement;

/// How a clause is read.
#[derive(Clone, Copy)]
pub(crate) enum Reader {
    /// One line of the contract's header (`title "..."`): written at most
    /// once, its values read by this function.
    Header(header::ReadField),
    /// A clause with its own reader.
    Clause(fn(&mut Checker, &Statement)),
}

/// One field of a clause's block.
pub(crate) struct Field {
    pub name: &'static str,
    /// An example to show when the field is written outside its block;
    /// without one the clause's own example is shown.
    pub example: Option<&'static str>,
}

/// A clause keyword of the language.
pub(crate) struct Clause {
    pub keyword: &'static str,
    /// What the clause is called in a message: "a credit", "an availability
    /// promise".
    pub noun: &'static str,
    /// A contract holds this clause at most once ("the `maintenance` block"),
    /// so a hint says "the" rather than "a".
    pub once: bool,
    pub example: &'static str,
    pub fields: &'static [Field],
    pub read: Reader,
}

impl Clause {
    /// The words its block may start a line with.
    pub fn field_names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

const fn field(name: &'static str) -> Field {
    Field { name, example: None }
}

const fn shown(name: &'static str, example: &'static str) -> Field {
    Field { name, example: Some(example) }
}

const fn header_field(keyword: &'static str, example: &'static str, read: header::ReadField) -> Clause {
    Clause { keyword, noun: keyword, once: true, example, fields: &[], read: Reader::Header(read) }
}

const AVAILABILITY_EXAMPLE: &str = "availability esign { target 99.95% }";
const AVAILABILITY_SET: &str = "availability esign { set down when all instances are down }";
const AVAILABILITY_MINUTES: &str = "availability esign { minimum outage 5min }";
const AVAILABILITY_SCOPED: &str = "availability vm { exclusions { maintenance when announced } }";

/// Every clause keyword: the header's fields, then the clauses in the order
/// `docs/language.md` presents them. A hint for a field held by several
/// clauses names them in this order.
pub(crate) const CLAUSES: &[Clause] = &[
    header_field("title", "title \"电子签约平台服务协议\"", header::title),
    header_field("provider", "provider \"杭州尚尚签网络科技有限公司\"", header::provider),
    header_field("customer", "customer \"某某有限公司\"", header::customer),
    header_field("version", "version \"2019-05-10\"", header::version),
    header_field("effective", "effective 2025-01-01", header::effective),
    header_field("term", "term [2025-01-01, 2026-01-01)", header::term),
    header_field("timezone", "timezone \"Asia/Shanghai\"", header::timezone),
    header_field("currency", "currency CNY", header::currency),
    header_field("value", "value CNY 100000.00", header::value),
    header_field("source", "source \"上上签 SLA, 2019-05-10\"", header::source),
    header_field("underpins", "underpins \"bestsign-esign-platform\"", header::underpins),
    SERVICE,
    Clause {
        keyword: "holidays",
        noun: "a holiday set",
        once: false,
        example: "holidays company from \"holidays/company.csv\" extends cn",
        fields: &[],
        read: Reader::Clause(calendar::holidays),
    },
    Clause {
        keyword: "calendar",
        noun: "a calendar",
        once: false,
        example: "calendar office = mon-fri 09:00-18:00",
        fields: &[],
        read: Reader::Clause(calendar::calendar),
    },
    CHANNEL,
    TIER,
    ESCALATION,
    Clause {
        keyword: "pause",
        noun: "a pause condition",
        once: false,
        example: "pause resolution when status \"等待客户反馈\"",
        fields: &[],
        read: Reader::Clause(pause::pause_clause),
    },
    Clause {
        keyword: "update",
        noun: "the update cadence",
        once: true,
        example: "update every 4h while open, first within 1h",
        fields: &[],
        read: Reader::Clause(updates::update_clause),
    },
    Clause {
        keyword: "reprioritised",
        noun: "the re-prioritisation rule",
        once: true,
        example: "reprioritised from change",
        fields: &[],
        read: Reader::Clause(pause::reprioritised),
    },
    AVAILABILITY,
    DURABILITY,
    MAINTENANCE,
    Clause {
        keyword: "exclusions",
        noun: "the exclusions",
        once: true,
        example: "exclusions { force_majeure }",
        fields: &[],
        read: Reader::Clause(exclusion::exclusions),
    },
    CREDIT,
    ENTITLEMENT,
    PENALTY,
    LIABILITY,
    Clause {
        keyword: "objective",
        noun: "an objective",
        once: false,
        example: "objective vulnerability_fix_time <= 24h",
        fields: &[],
        read: Reader::Clause(general_objective),
    },
    RECOVERY,
    Clause {
        keyword: "backup",
        noun: "a backup",
        once: false,
        example: "backup daily every day retain 30d",
        fields: &[],
        read: Reader::Clause(objective::backup),
    },
    Clause {
        keyword: "duty",
        noun: "a duty",
        once: false,
        example: "duty vulnerability_scan every month \"每月进行1次漏洞扫描\"",
        fields: &[],
        read: Reader::Clause(objective::duty),
    },
    DATA,
    Clause {
        keyword: "location",
        noun: "a data location",
        once: false,
        example: "location primary \"上海\"",
        fields: &[],
        read: Reader::Clause(objective::location),
    },
    Clause {
        keyword: "retain",
        noun: "a retention",
        once: false,
        example: "retain billing_records 2 years",
        fields: &[],
        read: Reader::Clause(objective::retain),
    },
    Clause {
        keyword: "prose",
        noun: "prose",
        once: false,
        example: "prose change_terms \"服务变更、终止条款\"",
        fields: &[],
        read: Reader::Clause(objective::prose),
    },
    Clause {
        keyword: "amendment",
        noun: "an amendment",
        once: false,
        example: amendment::EXAMPLE,
        fields: &[],
        read: Reader::Clause(amendment::amendment),
    },
    Clause {
        keyword: "amendments",
        noun: "the amendments rule",
        once: true,
        example: "amendments apply from period end",
        fields: &[],
        read: Reader::Clause(amendment::straddle),
    },
    Clause {
        keyword: "example",
        noun: "an example",
        once: false,
        example: "example \"a 5-minute blip is not counted\" { as_of 2025-04-01 00:00 }",
        fields: &[],
        read: Reader::Clause(example::example),
    },
];

pub(crate) const SERVICE: Clause = Clause {
    keyword: "service",
    noun: "a service",
    once: false,
    example: "service esign \"电子签约\" { measured per service }",
    fields: &[
        field("component"),
        field("components"),
        field("measured"),
        field("fee"),
        shown("description", "service esign \"电子签约\" { description \"...\" }"),
    ],
    read: Reader::Clause(service::service),
};
pub(crate) const CHANNEL: Clause = Clause {
    keyword: "channel",
    noun: "a channel",
    once: false,
    example: "channel hotline \"热线\" { hours 24x7 }",
    fields: &[field("hours"), field("respond"), field("booking"), field("note")],
    read: Reader::Clause(service::channel),
};
pub(crate) const TIER: Clause = Clause {
    keyword: "tier",
    noun: "a tier",
    once: false,
    example: "tier L1 \"一级故障\" { respond within 15min }",
    fields: &[
        field("labels"),
        field("description"),
        shown("respond", "tier L1 \"一级故障\" { respond within 15min }"),
        field("resolve"),
        field("advise"),
        field("clock"),
        field("channel"),
        field("responders"),
        field("notify"),
        field("exempt"),
        field("override"),
        field("escalation"),
        field("pause"),
        shown("update", "tier P1 { update every 1h while open }"),
        shown("cutoff", "tier P3 { cutoff 15:00; resolve by 16:00 next business day }"),
    ],
    read: Reader::Clause(tier::tier),
};
pub(crate) const ESCALATION: Clause = Clause {
    keyword: "escalation",
    noun: "an escalation block",
    once: false,
    example: "escalation { at 80% \"预警\" }",
    fields: &[field("at")],
    read: Reader::Clause(tier::escalation_clause),
};
pub(crate) const AVAILABILITY: Clause = Clause {
    keyword: "availability",
    noun: "an availability promise",
    once: false,
    example: AVAILABILITY_EXAMPLE,
    fields: &[
        shown("target", AVAILABILITY_EXAMPLE),
        shown("period", AVAILABILITY_EXAMPLE),
        shown("partial", AVAILABILITY_EXAMPLE),
        shown("minute", AVAILABILITY_MINUTES),
        shown("missing", AVAILABILITY_MINUTES),
        shown("minimum", AVAILABILITY_MINUTES),
        shown("formula", AVAILABILITY_MINUTES),
        shown("budget", AVAILABILITY_MINUTES),
        shown("set", AVAILABILITY_SET),
        shown("outages", "availability esign { outages by duration over 60s }"),
        shown("exclusions", AVAILABILITY_SCOPED),
        shown("maintenance", AVAILABILITY_SCOPED),
        shown("covers", "availability vm { covers when zones at least 2 }"),
        shown("total", "availability vm { total minutes days purchased }"),
        shown("slice", "availability esign { slice clock hour down over 6min no charge }"),
        shown("per", "availability esign { per region }"),
    ],
    read: Reader::Clause(availability::availability),
};
pub(crate) const DURABILITY: Clause = Clause {
    keyword: "durability",
    noun: "a durability promise",
    once: false,
    example: "durability oss { unit objects }",
    fields: &[
        field("target"),
        field("period"),
        field("partial"),
        field("unit"),
        shown("claim", "durability oss { claim at most 1 in 10^10 per month }"),
    ],
    read: Reader::Clause(availability::durability),
};
pub(crate) const MAINTENANCE: Clause = Clause {
    keyword: "maintenance",
    noun: "a maintenance policy",
    once: true,
    example: "maintenance { planned notice 72h }",
    fields: &[field("window"), field("planned"), field("emergency"), field("recovery")],
    read: Reader::Clause(exclusion::maintenance),
};
pub(crate) const CREDIT: Clause = Clause {
    keyword: "credit",
    noun: "a credit",
    once: false,
    example: "credit esign { band [99.00%, 99.95%) => 10% }",
    fields: &[
        field("basis"),
        field("band"),
        field("cap"),
        field("form"),
        field("claim"),
        field("minimum"),
        field("exclusive"),
    ],
    read: Reader::Clause(compensation::credit),
};
pub(crate) const ENTITLEMENT: Clause = Clause {
    keyword: "entitlement",
    noun: "an entitlement",
    once: false,
    example: "entitlement esign { option extend_service 1 month }",
    fields: &[field("per"), field("option"), field("cash"), field("non-cash")],
    read: Reader::Clause(compensation::entitlement),
};
pub(crate) const PENALTY: Clause = Clause {
    keyword: "penalty",
    noun: "a penalty",
    once: false,
    example: "penalty late { deduct 0.5% of contract_value per started hour over resolution }",
    fields: &[field("applies"), field("deduct"), field("cap")],
    read: Reader::Clause(compensation::penalty),
};
pub(crate) const LIABILITY: Clause = Clause {
    keyword: "liability",
    noun: "a liability clause",
    once: false,
    example: "liability direct_loss { cap 2x contract_value }",
    fields: &[shown("cap", "liability direct_loss { cap 2x contract_value }"), field("description")],
    read: Reader::Clause(compensation::liability),
};
pub(crate) const RECOVERY: Clause = Clause {
    keyword: "recovery",
    noun: "the recovery block",
    once: true,
    example: "recovery { rto < 15min }",
    fields: &[field("rto"), field("rpo")],
    read: Reader::Clause(objective::recovery),
};
pub(crate) const DATA: Clause = Clause {
    keyword: "data",
    noun: "a data block",
    once: false,
    example: "data { location primary \"上海\" }",
    fields: &[field("location"), field("retain")],
    read: Reader::Clause(objective::data),
};

fn general_objective(ck: &mut Checker, stmt: &Statement) {
    objective::objective(ck, stmt, ObjectiveGroup::General)
}

/// The clause a keyword opens, if it opens one.
pub(crate) fn find(keyword: &str) -> Option<&'static Clause> {
    CLAUSES.iter().find(|c| c.keyword == keyword)
}

/// Every keyword that may open a clause at the top of a contract.
pub fn item_keywords() -> impl Iterator<Item = &'static str> {
    CLAUSES.iter().map(|c| c.keyword)
}

/// Where a field written at the top of a contract belongs: "`claim` belongs
/// in a `durability` or `credit` block, such as `...`". `None` when no
/// clause holds such a field.
pub(crate) fn home_of_field(keyword: &str) -> Option<String> {
    let homes: Vec<(&Clause, &Field)> =
        CLAUSES.iter().filter_map(|c| c.fields.iter().find(|f| f.name == keyword).map(|f| (c, f))).collect();
    let (first, _) = homes.first()?;
    let example = homes.iter().find_map(|(_, f)| f.example).unwrap_or(first.example);
    let names: Vec<String> = homes.iter().map(|(c, _)| format!("`{}`", c.keyword)).collect();
    let article = match (first.once && homes.len() == 1, first.keyword.starts_with(['a', 'e', 'i', 'o', 'u'])) {
        (true, _) => "the",
        (false, true) => "an",
        (false, false) => "a",
    };
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    };
    Some(format!("`{keyword}` belongs in {article} {list} block, such as `{example}`"))
}

#[cfg(test)]
mod tests;

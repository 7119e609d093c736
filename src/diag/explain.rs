//! The page `slac explain CODE` prints for a compiler code, and
//! `docs/diagnostics.md` shows under it: why slac refuses what it refuses,
//! an example that produces the code and how to fix it. What the code means
//! in one line is [`Code::summary`].
//!
//! A page's example is a test: `explain::code_docs` compiles each and checks that
//! it produces exactly its code. Codes that come from the files around a
//! contract rather than from its text show the command instead.

use super::Code;

/// One compiler code's page.
pub struct Page {
    /// Why it is an error: what would go wrong if slac guessed.
    pub why: &'static str,
    pub example: Example,
    /// What to write instead.
    pub fix: &'static str,
}

/// What produces a code.
pub enum Example {
    /// A `.sla` file that produces exactly this code.
    Source(&'static str),
    /// A command, for codes that come from the files a contract is read
    /// from: `setup` says what the files hold.
    Command { command: &'static str, setup: &'static str },
}

/// The page of a code. Every code has one (a test holds it); a code added
/// without its page gets `None` until it is written.
pub fn page(code: Code) -> Option<Page> {
    #[allow(unreachable_patterns)]
    Some(match code {
        Code::UnexpectedCharacter => Page {
            why: r#"The file holds a character no value starts with, often a typographic quote, a full-width comma or a stray symbol pasted from a document; nothing after it on the line can be read."#,
            example: Example::Source(
                r#"contract "demo" {
  title 电子签约平台服务协议
  timezone "Asia/Shanghai"
}
"#,
            ),
            fix: r#"Remove the character or write its ASCII form: straight quotes `"`, a comma `,`."#,
        },
        Code::UnterminatedString => Page {
            why: r#"A quoted text runs to the end of the line with no closing quote, so the statement cannot end."#,
            example: Example::Source(
                r#"contract "demo" {
  title "电子签约平台服务协议
  timezone "Asia/Shanghai"
}
"#,
            ),
            fix: r#"Close the text with `"` on the same line; for text over several lines use `"""`."#,
        },
        Code::UnclosedBlock => Page {
            why: r#"A block opened with `{` is never closed, so everything after it would belong to it."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15min

  tier L2 "二级故障" {
    respond within 1h
  }
}
"#,
            ),
            fix: r#"Add the missing `}` where the block ends."#,
        },
        Code::UnexpectedBrace => Page {
            why: r#"A `}` closes nothing: a block was closed twice or never opened."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" { respond within 15min } }
}
"#,
            ),
            fix: r#"Remove the extra `}`, or open the block it was meant to close."#,
        },
        Code::MalformedAttribute => Page {
            why: r#"An attribute must name a level, the rule and a reason; one written otherwise is ignored by nobody and understood by nobody."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  #![allow(missing-exclusions)]
}
"#,
            ),
            fix: r#"Write it as `#[allow(rule-name, reason = "why")]` on the line above the clause."#,
        },
        Code::MalformedCitation => Page {
            why: r#"A citation ties a clause to the agreement's section; a `§` with no section cites nothing."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15min  §
  }
}
"#,
            ),
            fix: r#"Write the section after the sign, quoted: `§ "3.8"`."#,
        },
        Code::InvalidSyntax => Page {
            why: r#"The line does not have the shape of a statement: a keyword, its values and perhaps a block."#,
            example: Example::Source(
                r#"contract "demo" {
  title "C:\sla\esign"
  timezone "Asia/Shanghai"
}
"#,
            ),
            fix: r#"Write one statement a line, with a keyword first; the message names what could not be read."#,
        },
        Code::UnknownStatement => Page {
            why: r#"Each block knows its own keywords; a word it does not know, or a clause written inside another clause, cannot be given a meaning."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  target 99.95%
}
"#,
            ),
            fix: r#"Correct the keyword (the help names the closest one) or move the clause to the block that holds it."#,
        },
        Code::UnexpectedValue => Page {
            why: r#"The statement was complete but more values follow; slac does not guess what they were meant to say."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  availability esign {
    target 99.95% 99.9%
  }
}
"#,
            ),
            fix: r#"Remove the extra values, or start a new statement on its own line."#,
        },
        Code::ExpectedKeyword => Page {
            why: r#"A statement's fixed words (`within`, `of`, `after` ...) say how its values are meant; one is missing or misspelt."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = 09:00-18:00
}
"#,
            ),
            fix: r#"Write the word the message names, as in the example of the help line."#,
        },
        Code::ExpectedBlock => Page {
            why: r#"A clause that holds fields (a tier, a credit ...) needs a block of them."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障"
}
"#,
            ),
            fix: r#"Open a block after the clause's head: `tier L1 "一级故障" { respond within 15min }`."#,
        },
        Code::UnexpectedBlock => Page {
            why: r#"The statement takes no block; what the block says would belong to no clause."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai" { }
}
"#,
            ),
            fix: r#"Remove the block, or put its lines in the clause that takes them."#,
        },
        Code::ExpectedDuration => Page {
            why: r#"A time limit needs a number with a unit of time; a bare number could mean minutes, hours or days."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15
  }
}
"#,
            ),
            fix: r#"Write the number with its unit: `15min`, `2h`, `3d`."#,
        },
        Code::ExpectedPercentage => Page {
            why: r#"A target, a credit or a threshold is a percentage; a bare number could be a fraction or a percentage."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  availability esign {
    target 99.95
  }
}
"#,
            ),
            fix: r#"Write the percentage with its sign: `99.95%`."#,
        },
        Code::ExpectedMoney => Page {
            why: r#"An amount needs its currency so that credits and caps can be compared and added."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  currency CNY
  value 120000.00
}
"#,
            ),
            fix: r#"Write the currency code before the amount: `CNY 12000.00`."#,
        },
        Code::ExpectedDate => Page {
            why: r#"Dates are written one way, year-month-day, so none can be read two ways."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  effective 2019/5/10
}
"#,
            ),
            fix: r#"Write the date as `2025-06-18`."#,
        },
        Code::ExpectedDateRange => Page {
            why: r#"A period of dates is one value, its first and last day joined by `..`."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  term 2025-01-01 .. 2025-12-31
}
"#,
            ),
            fix: r#"Write both ends with no spaces: `2025-11-01..2025-11-12`."#,
        },
        Code::ExpectedTimeRange => Page {
            why: r#"Open hours are a start and an end time of day joined by `-`."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00 - 18:00
}
"#,
            ),
            fix: r#"Write the hours as `09:00-18:00`, after the days: `mon-fri 09:00-18:00`."#,
        },
        Code::ExpectedString => Page {
            why: r#"Names of people, places, files and time zones are quoted texts; a bare word would be read as a name the contract declares."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone Asia/Shanghai
}
"#,
            ),
            fix: r#"Put the text in quotes: `"Asia/Shanghai"`."#,
        },
        Code::ExpectedIdentifier => Page {
            why: r#"Services, tiers, calendars and channels are named by bare words other clauses refer to."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service "esign" { measured per service }
}
"#,
            ),
            fix: r#"Write a name of letters, digits and `_`, such as `esign`; keep quotes for the display name after it."#,
        },
        Code::ExpectedNumber => Page {
            why: r#"A plain number (a count, `1 in N`, a number of months) is wanted here."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service oss "对象存储"
  durability oss {
    target 99.9999999%
    claim at most one in 10^10 per month
  }
}
"#,
            ),
            fix: r#"Write the number in digits, as the example of the help line shows."#,
        },
        Code::ExpectedInterval => Page {
            why: r#"A credit band covers a range of availability, written as an interval with its ends open or closed."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  credit baas {
    basis monthly_fee
    band 99.00% => 10%
  }
}
"#,
            ),
            fix: r#"Write the band as `[99.00%, 99.80%) => 10%`."#,
        },
        Code::ExpectedPeriod => Page {
            why: r#"Targets and budgets are measured over a period, which must be one slac can compute."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  availability esign {
    target 99.95%
    period week
  }
}
"#,
            ),
            fix: r#"Write `month`, `quarter` or `year`."#,
        },
        Code::UnknownUnit => Page {
            why: r#"A number carries a unit slac does not know, so its size is unknown."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15分钟
  }
}
"#,
            ),
            fix: r#"Use one of the units the help names: `s`, `min`, `h`, `d`, `w` for durations."#,
        },
        Code::NumberTooLarge => Page {
            why: r#"slac computes exactly; a number with more digits than it can hold exactly would be rounded."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  currency CNY
  value CNY 1000000000000000000000000000000.00
}
"#,
            ),
            fix: r#"Check the number of digits and the unit."#,
        },
        Code::UnknownCalendar => Page {
            why: r#"A clock or claim names a calendar the contract does not declare, so its hours are unknown."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00-18:00 except holidays cn
  tier L1 "一级故障" {
    respond within 15min
    clock offcie
  }
}
"#,
            ),
            fix: r#"Declare it (`calendar office = mon-fri 09:00-18:00`) or use one declared; `24x7` needs no declaration."#,
        },
        Code::UnknownService => Page {
            why: r#"A clause names a service the contract does not declare, so it promises nothing measurable."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  availability esing {
    target 99.95%
  }
}
"#,
            ),
            fix: r#"Declare the service (`service esign "电子签约"`) or correct the name."#,
        },
        Code::UnknownTier => Page {
            why: r#"A penalty or a label names a tier the contract does not declare."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" { respond within 15min }
  penalty late_response {
    applies to L1, L2
    deduct 0.5% of contract_value per started hour over response
  }
}
"#,
            ),
            fix: r#"Correct the name to a declared tier, or declare the tier."#,
        },
        Code::UnknownExclusion => Page {
            why: r#"An exclusion category is neither one of the standard ones nor declared, so no event can fall under it."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  exclusions {
    force majeure "自然灾害、战争等不可抗力"
  }
}
"#,
            ),
            fix: r#"Use a standard category (the help lists the closest) or declare it in `exclusions`."#,
        },
        Code::UnknownHolidaySet => Page {
            why: r#"A calendar observes a holiday set that is neither built in (`cn`) nor declared."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00-18:00 except holidays us
}
"#,
            ),
            fix: r#"Declare it (`holidays company from "holidays.csv"`) or use `cn`."#,
        },
        Code::UnknownChannel => Page {
            why: r#"A tier names a support channel the contract does not declare."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  channel hotline "服务热线" { hours 24x7 }
  tier L1 "一级故障" {
    respond within 15min
    channel hotlne
  }
}
"#,
            ),
            fix: r#"Declare the channel (`channel hotline "热线" { hours 24x7 }`) or correct the name."#,
        },
        Code::UnknownWindow => Page {
            why: r#"Maintenance is allowed inside a window that is not declared, so no maintenance could ever qualify."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  maintenance {
    window sunday_night = 2nd sun of month 02:00-06:00
    planned notice 72h inside window saturday_night
  }
}
"#,
            ),
            fix: r#"Declare the window in the `maintenance` block or correct its name."#,
        },
        Code::AmbiguousService => Page {
            why: r#"The contract declares several services and the clause does not say which one it is about."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  service ocr "文字识别"
  availability {
    target 99.95%
  }
}
"#,
            ),
            fix: r#"Name the service after the keyword: `availability esign { ... }`."#,
        },
        Code::DuplicateId => Page {
            why: r#"Two declarations of the same kind share a name, so every reference to it is ambiguous."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" { respond within 15min }
  tier L1 "二级故障" { respond within 1h }
}
"#,
            ),
            fix: r#"Rename one of them, or merge the two."#,
        },
        Code::DuplicateField => Page {
            why: r#"A clause says the same thing twice; if the two differ, neither can be trusted."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  timezone "Asia/Hong_Kong"
}
"#,
            ),
            fix: r#"Keep one of the lines."#,
        },
        Code::ConflictingFields => Page {
            why: r#"Two fields of a clause say different things about one rule, or a field cannot apply to its service: evaluating would silently ignore one of them, and the reader of the contract would believe it counts."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service baas "BaaS"
  availability baas {
    target 99.95%
    minimum outage 5min
    outages by duration over 60s
  }
}
"#,
            ),
            fix: r#"Keep the field that says what the agreement says: the shortest counted outage on the `outages` line (`outages by duration over 5min`), or `minimum outage` with the minute grid; a `set` line only for a service measured as a whole."#,
        },
        Code::DuplicateStatus => Page {
            why: r#"A status listed twice for one clock of one tier (statuses match trimmed and ignoring case) is a copy slip: the second adds nothing, and often a different status was meant."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15min
    pause resolution when status "Waiting for customer"
    pause when status "waiting for Customer "
  }
}
"#,
            ),
            fix: r#"List each status once per clock; check whether another status (`"Pending third party"`) was meant."#,
        },
        Code::UnknownExpectation => Page {
            why: r#"An example's `expect` line names a period, credit or penalty the contract does not have, or an incident its events do not hold, so it could never be met: a quarterly promise has no month `2025-03`, a service without a credit owes none."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service api "API"
  availability api { target 99.9%; period quarter }
  example "a quiet month" {
    as_of 2025-04-01 00:00
    expect availability api 2025-03 met
  }
}
"#,
            ),
            fix: r#"Name a period of the promise's own length (`2025-Q1`), or a credit or penalty the contract declares."#,
        },
        Code::NotAmendable => Page {
            why: r#"An amendment changes the terms that judge periods and incidents. What the whole term shares (services, calendars, holiday sets, channels, the header) cannot change on a date: events before and after it would be read against different names."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  term 2025-01-01..2025-12-31
  service esign "电子签约"
  availability esign { target 99.9% }
  amendment "补充协议 2" effective 2025-07-01 {
    service esign "电子签约平台"
    availability esign { target 99.95% }
  }
}
"#,
            ),
            fix: r#"Move the declaration to the contract itself (a calendar only an amendment uses may be declared there), and keep in the amendment only tiers, promises, credits, penalties and the other terms it may change."#,
        },
        Code::DuplicateAmendment => Page {
            why: r#"Two amendments with one name cannot be told apart in the report; two taking effect on one date leave their order to the order they are written in, which a reader would not guess."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  term 2025-01-01..2025-12-31
  service esign "电子签约"
  availability esign { target 99.9% }
  amendment "2025-07a" effective 2025-07-01 { availability esign { target 99.95% } }
  amendment "2025-07b" effective 2025-07-01 { availability esign { target 99.99% } }
}
"#,
            ),
            fix: r#"Merge amendments of one date into one block, and give each amendment its own name."#,
        },
        Code::AmendmentOutsideTerm => Page {
            why: r#"An amendment effective on the term's first day is the contract itself, and one after the term's end never takes effect; either is usually a mistyped year."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  term 2025-01-01..2025-12-31
  service esign "电子签约"
  availability esign { target 99.9% }
  amendment "2026-07" effective 2026-07-01 {
    availability esign { target 99.95% }
  }
}
"#,
            ),
            fix: r#"Correct the effective date, or write the terms in the contract itself when they hold from its first day."#,
        },
        Code::ExampleEvents => Page {
            why: r#"An example's events are read by the same readers `slac eval` uses on files, so a row those readers refuse would make the example fail for a reason that has nothing to do with the clause it pins."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service api "API"
  tier S1 "Critical" { respond within 15min }
  example "response at the limit is met" {
    incidents """
      id,service,severity,opened_at,responded_at
      A1,api,S1,2025-03-03 10:00:00,2025-03-03 25:00:00
    """
    as_of 2025-04-01 00:00
    expect incident A1 response met
  }
}
"#,
            ),
            fix: r#"Correct the cell the message points at: the columns and formats are those of `docs/inputs.md`."#,
        },
        Code::DuplicateLabel => Page {
            why: r#"An incident's severity label decides its tier; one label in two tiers gives the incident two limits."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" labels "P1" { respond within 15min }
  tier L2 "二级故障" labels "P2", "P1" { respond within 1h }
}
"#,
            ),
            fix: r#"Give each label to one tier."#,
        },
        Code::ImportNotFound => Page {
            why: r#"An imported file cannot be read, so the definitions it holds are missing."#,
            example: Example::Source(
                r#"import "imports/no_such_file.sla"

contract "demo" {
  timezone "Asia/Shanghai"
}
"#,
            ),
            fix: r#"Correct the path (it is relative to the importing file) or create the file."#,
        },
        Code::ImportCycle => Page {
            why: r#"Files import each other in a circle, so none of them can be read first."#,
            example: Example::Command {
                command: "slac check main.sla",
                setup: "with `main.sla` holding `import \"lib.sla\"` and `lib.sla` holding `import \"main.sla\"`",
            },
            fix: r#"Move what both need into a third file that imports neither."#,
        },
        Code::HolidayCycle => Page {
            why: r#"Holiday sets extend each other in a circle, so no set has a first list of days."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  holidays company from "company.csv" extends regional
  holidays regional from "regional.csv" extends company
  calendar office = mon-fri 09:00-18:00 except holidays company
  tier P1 {
    respond within 2h
    clock office
  }
}
"#,
            ),
            fix: r#"Remove one `extends` so the sets form a chain."#,
        },
        Code::UnitMismatch => Page {
            why: r#"A value of one kind stands where another is needed: a percentage for a duration, a calendar length for a fixed one."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    resolve within 1mo
  }
}
"#,
            ),
            fix: r#"Write a value of the kind the message names."#,
        },
        Code::PercentOutOfRange => Page {
            why: r#"A percentage here is a share of time or money, between 0% and 100%."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  availability esign {
    target 999.5%
  }
}
"#,
            ),
            fix: r#"Check the figure: `99.95%`, not `9995%`."#,
        },
        Code::InvalidDate => Page {
            why: r#"The date does not exist on the calendar."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  effective 2025-02-30
}
"#,
            ),
            fix: r#"Write an existing date, such as `2025-02-28`."#,
        },
        Code::InvalidTime => Page {
            why: r#"The time of day does not exist; times run from `00:00` to `24:00`."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00-25:00
}
"#,
            ),
            fix: r#"Write an existing time, such as `18:00`."#,
        },
        Code::InvertedTimeRange => Page {
            why: r#"The hours end before they start; hours across midnight are two ranges."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar night_shift = daily 22:00-06:00
}
"#,
            ),
            fix: r#"Write the earlier time first, or split the hours at midnight: `mon-fri 22:00-24:00, tue-sat 00:00-06:00`."#,
        },
        Code::OverlappingHours => Page {
            why: r#"The same day's hours are given twice, so a minute would be counted twice."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00-13:00, 12:00-18:00
}
"#,
            ),
            fix: r#"Merge the overlapping hours into one range."#,
        },
        Code::InvertedDateRange => Page {
            why: r#"The date range ends before it starts."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  term 2020-05-09..2019-05-10
}
"#,
            ),
            fix: r#"Write the earlier date first."#,
        },
        Code::InvertedInterval => Page {
            why: r#"A credit band's low end is above its high end, so it covers nothing."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  credit baas {
    basis monthly_fee
    band [99.80%, 99.00%) => 10%
  }
}
"#,
            ),
            fix: r#"Write the low end first: `[99.00%, 99.80%)`."#,
        },
        Code::UnknownTimezone => Page {
            why: r#"Every time in the contract is read in its zone; a zone not in the IANA database cannot be."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Beijing"
}
"#,
            ),
            fix: r#"Write an IANA zone such as `"Asia/Shanghai"`, not a city or an offset."#,
        },
        Code::UnknownCurrency => Page {
            why: r#"A currency that is not an ISO 4217 code cannot be compared with others."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  currency RMB
}
"#,
            ),
            fix: r#"Write the three-letter code: `CNY`, `USD`, `EUR`."#,
        },
        Code::CurrencyMismatch => Page {
            why: r#"An amount is in a currency other than the contract's, so it cannot be added to the others."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  currency CNY
  value USD 120000.00
}
"#,
            ),
            fix: r#"Write the amount in the contract's currency."#,
        },
        Code::ZeroLimit => Page {
            why: r#"A time limit, notice or target of zero is met by nothing, or promises nothing."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 0min
    resolve within 2h
  }
}
"#,
            ),
            fix: r#"Write the figure the agreement states."#,
        },
        Code::EmptyCalendar => Page {
            why: r#"A calendar with no open hours stops every clock that runs on it forever."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office "办公时间" {
    holidays cn
  }
}
"#,
            ),
            fix: r#"Give the calendar its days and hours: `mon-fri 09:00-18:00`."#,
        },
        Code::UnknownWeekday => Page {
            why: r#"A weekday name slac does not know; days are written by their English abbreviations."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  calendar office = mon-fry 09:00-18:00
}
"#,
            ),
            fix: r#"Write `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`, or a range such as `mon-fri`."#,
        },
        Code::UnknownFormula => Page {
            why: r#"Availability is computed by one of two supported formulas; any other cannot be evaluated."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  service esign "电子签约"
  availability esign {
    target 99.95%
    formula available / total
  }
}
"#,
            ),
            fix: r#"Write `formula available / (available + unavailable)` or `formula (total - unavailable) / total`."#,
        },
        Code::InvalidOrdinal => Page {
            why: r#"An ordinal counts business days or weekdays, and must lie in the range the clause allows."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  maintenance {
    window sunday_night = 6th sun of month 02:00-06:00
  }
}
"#,
            ),
            fix: r#"Write the ordinal in digits, in range: `5th`."#,
        },
        Code::InvalidThreshold => Page {
            why: r#"An escalation threshold is a share of the limit that has elapsed; 0% or less is reached at once."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  escalation at 0%, 80%, 100%
}
"#,
            ),
            fix: r#"Write a share above zero: `at 80%`."#,
        },
        Code::TooLargeToCompute => Page {
            why: r#"Credits are computed exactly; an amount or multiple this large could not be."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
  currency CNY
  value    CNY 79228162514264337593543950335
}
"#,
            ),
            fix: r#"Check the number of digits: amounts are below 10^15."#,
        },
        Code::MissingField => Page {
            why: r#"A clause lacks a field it cannot do without, such as an availability with no target."#,
            example: Example::Source(
                r#"contract "demo" {
  title "电子签约平台服务协议"
}
"#,
            ),
            fix: r#"Add the field the message names, as in the help line."#,
        },
        Code::MissingContract => Page {
            why: r#"`slac compile` turns a contract into IR; a file of definitions only (a library imported by contracts) has none."#,
            example: Example::Command {
                command: "slac compile lib.sla",
                setup: "with `lib.sla` holding definitions only (`calendar office = mon-fri 09:00-18:00`) and no `contract` block",
            },
            fix: r#"Compile the contract that imports the file, or check the library with `slac check`."#,
        },
        Code::SqlUnsupported => Page {
            why: r#"The SQL must compute what `slac eval` computes. A clause it cannot express yet (pauses, an update cadence, `covers when` ...) is refused by name rather than left out, so the SQL never gives a ledger that differs from the evaluator's."#,
            example: Example::Command {
                command: "slac compile contract.sla --emit sql --from 2025-01 --to 2025-03 --as-of 2025-04-01",
                setup: "with `contract.sla` holding a tier that pauses its clocks (`pause when status \"waiting on customer\"`)",
            },
            fix: r#"Evaluate the contract with `slac eval`, or compile the rest with `--leave-out` the part the help line names (`--leave-out tiers`); docs/scale.md lists what the SQL computes."#,
        },
        Code::MultipleContracts => Page {
            why: r#"A file holds one contract, so that its checks and its report speak of one agreement."#,
            example: Example::Source(
                r#"contract "demo" {
  timezone "Asia/Shanghai"
}

contract "demo-2" {
  timezone "Asia/Shanghai"
}
"#,
            ),
            fix: r#"Put each contract in a file of its own; share definitions through `import`."#,
        },
        Code::EmptyFile => Page {
            why: r#"A file that declares nothing is most likely the wrong file, or one whose contents were lost."#,
            example: Example::Source(
                r#"// A file that declares nothing (only comments, as a bad merge can leave
// it) is an error, so a pre-merge hook does not pass it.
"#,
            ),
            fix: r#"Check the path, or write the contract."#,
        },
        Code::ReadFailed => Page {
            why: r#"It does not exist, is not readable, or holds no UTF-8 text; nothing of it can be checked."#,
            example: Example::Command {
                command: "slac check no-such-file.sla",
                setup: "on a path that does not exist, cannot be read, or holds no UTF-8 text",
            },
            fix: r#"Check the path and the file's permissions and encoding."#,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_page() {
        let missing: Vec<&str> = Code::ALL.iter().filter(|c| page(**c).is_none()).map(|c| c.as_str()).collect();
        assert!(missing.is_empty(), "codes without a page in src/diag/explain.rs: {missing:?}");
        for code in Code::ALL {
            let p = page(*code).unwrap();
            assert!(p.why.len() > 20 && p.fix.len() > 10, "{}: a page says why and how to fix", code.as_str());
        }
    }
}

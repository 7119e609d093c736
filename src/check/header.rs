//! The contract's header: title, parties, dates, zone, currency.

use super::cursor::Cursor;
use super::{Checker, Diags, no_block};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Header, Term};
use crate::source::Span;
use crate::syntax::Statement;

/// ISO 4217 codes of currencies in use.
const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND",
    "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL",
];

pub fn is_currency(code: &str) -> bool {
    CURRENCIES.contains(&code)
}

/// Names people use for China Standard Time that are not IANA zone names.
fn china_time(zone: &str) -> bool {
    let z = zone.to_ascii_lowercase().replace([' ', '_'], "");
    matches!(
        z.as_str(),
        "beijing" | "asia/beijing" | "china" | "prc" | "cst" | "utc+8" | "gmt+8" | "utc+08:00" | "gmt+08:00" | "+08:00"
    ) || zone.contains("北京")
        || zone.contains("中国")
}

/// What to write instead of a currency that is not an ISO 4217 code.
pub fn currency_help(code: &str) -> String {
    let upper = code.to_ascii_uppercase();
    match upper.as_str() {
        "RMB" | "CNH" | "YUAN" => format!("the ISO 4217 code of the renminbi is CNY: write `CNY`, not `{code}`"),
        "NTD" => "the ISO 4217 code of the New Taiwan dollar is TWD".into(),
        _ if upper != code && is_currency(&upper) => format!("currency codes are written in capitals: `{upper}`"),
        _ => crate::diag::suggest::did_you_mean(code, CURRENCIES.iter().copied())
            .map(|s| format!("{s} Currencies are ISO 4217 codes such as CNY, USD or EUR"))
            .unwrap_or_else(|| "use an ISO 4217 code such as CNY, USD or EUR".into()),
    }
}

/// Reads one header field's values into the header.
pub(crate) type ReadField = fn(&mut Cursor<'_>, &mut Header, &mut Diags);

/// One header field (`title "..."`, `timezone "Asia/Shanghai"`, ...): each
/// may be written once; `read` reads its values.
pub fn field(ck: &mut Checker, keyword: &'static str, read: ReadField, stmt: &Statement) {
    no_block(&mut ck.d, stmt, keyword);
    if let Some(prev) = ck.header_seen.get(keyword) {
        ck.d.push(
            Diagnostic::error(
                Code::DuplicateField,
                stmt.head_span(),
                format!("the contract's `{keyword}` is written twice"),
            )
            .label("second time")
            .related(*prev, "first written here")
            .help("keep one of them"),
        );
        return;
    }
    ck.header_seen.insert(keyword, stmt.head_span());
    let mut a = Cursor::after_keyword(stmt);
    read(&mut a, &mut ck.c.header, &mut ck.d);
    a.finish(keyword, &mut ck.d);
}

pub fn title(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.title = a.expect_string("the title", "title \"电子签约平台服务协议\"", d).map(|s| s.0);
}

pub fn provider(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.provider = a.expect_string("the provider's name", "provider \"杭州尚尚签网络科技有限公司\"", d).map(|s| s.0);
}

pub fn customer(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.customer = a.expect_string("the customer's name", "customer \"某某有限公司\"", d).map(|s| s.0);
}

pub fn version(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.version = a.expect_string("the version", "version \"2019-05-10\"", d).map(|s| s.0);
}

pub fn source(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.source = a.expect_string("the source document", "source \"上上签 SLA, 2019-05-10\"", d).map(|s| s.0);
}

pub fn underpins(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.underpins = a
        .expect_string("the name of the contract it underpins", "underpins \"bestsign-esign-platform\"", d)
        .map(|(contract, span)| crate::ir::Underpins { contract, span });
}

pub fn effective(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.effective = a.expect_date("the effective date", d).map(|x| x.0);
}

pub fn term(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.term = a.expect_date_range("the term", true, d).map(|(start, end, span)| Term { start, end, span });
}

pub fn value(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    h.value = a.expect_money("the contract's value", d).map(|m| m.0);
}

pub fn timezone(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    if let Some((zone, span)) = a.expect_string("the time zone", "timezone \"Asia/Shanghai\"", d) {
        h.timezone_span = Some(span);
        if let Some(tz) = known_zone(&zone, span, d) {
            h.timezone = tz;
        }
    }
}

/// A zone name slac knows, or an error at `span` with the closest name.
pub fn known_zone(zone: &str, span: Span, d: &mut Diags) -> Option<chrono_tz::Tz> {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => Some(tz),
        Err(_) => {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
            let hint = match china_time(zone) {
                true => "China's time zone is written `\"Asia/Shanghai\"`".to_owned(),
                false => crate::diag::suggest::did_you_mean(zone, names)
                    .unwrap_or_else(|| "use an IANA name such as \"Asia/Shanghai\" or \"Europe/Berlin\"".into()),
            };
            d.push(
                Diagnostic::error(Code::UnknownTimezone, span, format!("`{zone}` is not a time zone slac knows"))
                    .label("unknown time zone")
                    .help(hint),
            );
            None
        }
    }
}

pub fn currency(a: &mut Cursor<'_>, h: &mut Header, d: &mut Diags) {
    if let Some((code, span)) = a.expect_ident("the currency", "currency CNY", d) {
        if is_currency(&code) {
            h.currency = Some(code);
        } else {
            let hint = currency_help(&code);
            d.push(
                Diagnostic::error(Code::UnknownCurrency, span, format!("`{code}` is not an ISO 4217 currency code"))
                    .label("unknown currency")
                    .help(hint),
            );
        }
    }
}

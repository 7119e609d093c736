//! Holiday files as CSV: a header naming the columns `date`, `kind`, `name`
//! and optionally `name_zh` (in any order), then one row a date:
//!
//! ```text
//! date,kind,name,name_zh
//! 2025-01-26,workday,Spring Festival,春节
//! 2025-01-28,holiday,Spring Festival,春节
//! ```
//!
//! `kind` is `holiday` or `workday` (case does not matter). A UTF-8 byte
//! order mark, CRLF line ends, blank lines, lines starting with `#` and
//! spaces around fields are tolerated; anything else unexpected is an error
//! naming the line and field.

use super::error::HolidayFileError;
use super::holidays::{DayKind, SpecialDay, insert_day, without_lines};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Where each known column sits in a row.
struct Columns {
    date: usize,
    kind: usize,
    name: usize,
    name_zh: Option<usize>,
    count: usize,
}

pub(super) fn parse(text: &str) -> Result<BTreeMap<NaiveDate, SpecialDay>, HolidayFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let columns = match records.next() {
        Some(header) => {
            let header = header.map_err(csv_error)?;
            read_header(&header, line_of(&header))?
        }
        None => {
            return Err(HolidayFileError::new(1, None, "the file is empty; expected the header `date,kind,name`"));
        }
    };
    let mut days = BTreeMap::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = line_of(&record);
        let (date, day) = read_row(&record, &columns, line)?;
        insert_day(&mut days, date, day, line, "date")?;
    }
    Ok(without_lines(days))
}

fn read_header(header: &csv::StringRecord, line: usize) -> Result<Columns, HolidayFileError> {
    let position = |name: &str| header.iter().position(|f| f.eq_ignore_ascii_case(name));
    let expected = "expected the header `date,kind,name` (optionally with `name_zh`)";
    if let Some(unknown) =
        header.iter().find(|f| !["date", "kind", "name", "name_zh"].iter().any(|k| f.eq_ignore_ascii_case(k)))
    {
        return Err(HolidayFileError::new(line, Some(unknown), format!("unknown column `{unknown}`; {expected}")));
    }
    let require = |name: &str| {
        position(name)
            .ok_or_else(|| HolidayFileError::new(line, Some(name), format!("the column is missing; {expected}")))
    };
    Ok(Columns {
        date: require("date")?,
        kind: require("kind")?,
        name: require("name")?,
        name_zh: position("name_zh"),
        count: header.len(),
    })
}

fn read_row(
    record: &csv::StringRecord,
    columns: &Columns,
    line: usize,
) -> Result<(NaiveDate, SpecialDay), HolidayFileError> {
    if record.len() > columns.count {
        return Err(HolidayFileError::new(
            line,
            None,
            format!(
                "{} fields, but the header names {}; a name containing a comma must be quoted",
                record.len(),
                columns.count
            ),
        ));
    }
    let field = |index: usize, name: &str| {
        record.get(index).ok_or_else(|| {
            HolidayFileError::new(line, Some(name), format!("missing; expected {} fields", columns.count))
        })
    };
    let date_text = field(columns.date, "date")?;
    let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
        HolidayFileError::new(line, Some("date"), format!("expected a date such as 2025-01-01, found `{date_text}`"))
    })?;
    let kind = parse_kind(field(columns.kind, "kind")?, line)?;
    let name = field(columns.name, "name")?;
    if name.is_empty() {
        return Err(HolidayFileError::new(line, Some("name"), "empty; expected the holiday's name"));
    }
    let name_zh = match columns.name_zh {
        Some(index) => record.get(index).filter(|s| !s.is_empty()).map(str::to_owned),
        None => None,
    };
    let day = SpecialDay { kind, name: name.to_owned(), name_zh };
    Ok((date, day))
}

fn parse_kind(text: &str, line: usize) -> Result<DayKind, HolidayFileError> {
    if text.eq_ignore_ascii_case("holiday") {
        Ok(DayKind::Holiday)
    } else if text.eq_ignore_ascii_case("workday") {
        Ok(DayKind::Workday)
    } else {
        Err(HolidayFileError::new(line, Some("kind"), format!("expected `holiday` or `workday`, found `{text}`")))
    }
}

fn line_of(record: &csv::StringRecord) -> usize {
    record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX))
}

fn csv_error(error: csv::Error) -> HolidayFileError {
    let line = error.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    HolidayFileError::new(line, None, format!("unreadable CSV: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_rows_with_and_without_name_zh() {
        let days = parse("date,kind,name\n2025-01-01,holiday,New Year\n2025-01-26,Workday,Spring Festival\n").unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[&date(2025, 1, 1)].kind, DayKind::Holiday);
        assert_eq!(days[&date(2025, 1, 26)].kind, DayKind::Workday);
        assert_eq!(days[&date(2025, 1, 1)].name_zh, None);

        let days = parse("date,kind,name,name_zh\n2025-01-01,holiday,New Year,元旦\n").unwrap();
        assert_eq!(days[&date(2025, 1, 1)].name_zh.as_deref(), Some("元旦"));
    }

    #[test]
    fn tolerates_bom_crlf_blank_lines_comments_and_column_order() {
        let text = "\u{feff}kind, date ,name\r\n# company days\r\n\r\nholiday, 2025-12-24 ,\"Eve, company\"\r\n";
        let days = parse(text).unwrap();
        assert_eq!(days[&date(2025, 12, 24)].name, "Eve, company");
    }

    #[test]
    fn errors_name_line_field_and_expectation() {
        assert_eq!(
            error("date,kind,name\n2025-01-01,holiday,A\n2025/01/02,holiday,B\n"),
            "line 3, field `date`: expected a date such as 2025-01-01, found `2025/01/02`"
        );
        assert_eq!(
            error("date,kind,name\n2025-01-01,holday,A\n"),
            "line 2, field `kind`: expected `holiday` or `workday`, found `holday`"
        );
        assert_eq!(error("date,kind,name\n2025-01-01,holiday\n"), "line 2, field `name`: missing; expected 3 fields");
        assert_eq!(
            error("date,kind,name\n2025-01-01,holiday,\n"),
            "line 2, field `name`: empty; expected the holiday's name"
        );
        assert!(error("date,kind,name\n2025-01-01,holiday,A,B\n").starts_with("line 2: 4 fields"));
    }

    #[test]
    fn header_is_required() {
        assert_eq!(
            error("2025-01-01,holiday,New Year\n"),
            "line 1, field `2025-01-01`: unknown column `2025-01-01`; expected the header `date,kind,name` (optionally with `name_zh`)"
        );
        assert_eq!(
            error("date,name\n"),
            "line 1, field `kind`: the column is missing; expected the header `date,kind,name` (optionally with `name_zh`)"
        );
        assert!(error("").starts_with("line 1: the file is empty"));
    }

    #[test]
    fn conflicting_kinds_for_one_date_are_an_error() {
        assert_eq!(
            error("date,kind,name\n2025-01-01,holiday,A\n2025-01-01,workday,A\n"),
            "line 3, field `date`: 2025-01-01 is listed as a workday here but as a holiday on line 2; expected one kind per date"
        );
        // The same kind twice is harmless.
        assert!(parse("date,kind,name\n2025-01-01,holiday,A\n2025-01-01,holiday,A\n").is_ok());
    }
}

//! Availability ledgers in SQL: the input rows placed on services, the
//! down and excused minutes of each series, runs of unexcused minutes and
//! the minimum outage, and one ledger per period (semantics.md section 4).

use super::dialect::{Dialect, string};
use super::{SqlError, SqlOptions};
use crate::eval::plan::{self, PlannedPeriod, Range};
use crate::ir::{
    Availability, Contract, Exclusion, Formula, MeasuredBy, MinuteRule, OutageMeasure, Percent, SetRule,
    is_maintenance_category,
};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// Milliseconds in a minute.
const MS: i64 = 60_000;

/// The SQL being written: its common table expressions, in order.
pub struct Writer<'a> {
    pub c: &'a Contract,
    pub opts: &'a SqlOptions,
    pub d: Dialect,
    pub ctes: Vec<super::stages::Stage>,
    range: &'a Range,
    pub(super) as_of_ms: i64,
    /// The first minute boundary at or after as_of: down minutes stop there.
    horizon: i64,
    /// The contract zone's offsets around the range, for naive times.
    offsets: super::zone::Offsets,
    /// For one version of an amended contract: the incidents whose clocks
    /// it judges, opened in `[from, until)` (ms).
    pub judged: Option<(i64, i64)>,
}

/// What a promise's ledger CTE is called, and its slices' CTEs.
pub struct Ledger {
    pub cte: String,
    pub slices: Option<super::slices::Slices>,
}

impl<'a> Writer<'a> {
    pub fn new(c: &'a Contract, opts: &'a SqlOptions, range: &'a Range) -> Result<Self, SqlError> {
        if range.to < range.from {
            return Err(crate::eval::EvalError::RangeReversed { from: range.from, to: range.to }.into());
        }
        let as_of_ms = range.as_of.timestamp_millis();
        // Naive times are read by the zone's offsets from two years before
        // the range to a year after it (a notice, an incident opened long
        // before); beyond, the nearest offset holds.
        let (start, end) = plan::counting(c, range)?;
        let year = chrono::Duration::days(366);
        let offsets = super::zone::offsets(c.header.timezone, start - year - year, end + year);
        Ok(Writer {
            c,
            opts,
            d: opts.dialect,
            ctes: Vec::new(),
            range,
            as_of_ms,
            horizon: ceil_div(as_of_ms, MS),
            offsets,
            judged: None,
        })
    }

    fn cte(&mut self, head: &str, body: String) {
        self.ctes.push(super::stages::Stage::new(head, body));
    }

    /// Add a common table expression `head AS (body)`; the head is its name,
    /// maybe with its columns' names.
    pub fn push_cte(&mut self, head: &str, body: String) {
        self.cte(head, body);
    }

    /// The range the SQL is written for.
    pub fn range(&self) -> Range {
        Range { from: self.range.from, to: self.range.to, as_of: self.range.as_of }
    }

    fn text(&self) -> &'static str {
        self.d.text()
    }

    /// `TRIM(CAST(r.col AS VARCHAR))`, empty as NULL.
    pub(super) fn field(&self, input: &str, column: &str) -> String {
        let col = self.d.quote(self.opts.tables.col(input, column));
        format!("NULLIF(TRIM(CAST(r.{col} AS {})), '')", self.text())
    }

    /// A timestamp column as milliseconds since the Unix epoch: text with
    /// an offset is that instant, naive text a wall-clock time in the
    /// contract's zone, read by slac's offsets (`zone.rs`).
    pub(super) fn ms(&self, input: &str, column: &str) -> String {
        let d = self.d;
        let text = d.timestamp_text(&self.field(input, column));
        format!(
            "CASE WHEN {} THEN {} ELSE {} END",
            d.has_offset(&text),
            d.instant_ms(&text),
            self.offsets.instant(&d.wall_ms(&text))
        )
    }

    /// The input rows placed on the contract's services, as `slac eval`
    /// places them (`eval::services`): a service's id or name, or a
    /// component's (which then stands as the instance); no service where
    /// the contract has one.
    pub fn inputs(&mut self) {
        let t = self.text();
        let mut rows = Vec::new();
        let mut seen = BTreeSet::new();
        let mut add = |name: &str, service: &str, component: Option<&str>| {
            if seen.insert(name.to_owned()) {
                let comp = component.map_or(format!("CAST(NULL AS {t})"), string);
                rows.push(format!("({}, {}, {comp})", string(name), string(service)));
            }
        };
        for s in &self.c.services {
            add(&s.id, &s.id, None);
            if let Some(n) = &s.name {
                add(n, &s.id, None);
            }
        }
        for s in &self.c.services {
            for comp in &s.components {
                add(&comp.id, &s.id, Some(&comp.id));
                if let Some(n) = &comp.name {
                    add(n, &s.id, Some(&comp.id));
                }
            }
        }
        if rows.is_empty() {
            rows.push(format!("(CAST(NULL AS {t}), CAST(NULL AS {t}), CAST(NULL AS {t}))"));
        }
        self.cte("svc_names (name, service, component)", format!("  VALUES {}", rows.join(",\n    ")));
        let sole = match self.c.services.as_slice() {
            [one] => string(&one.id),
            _ => format!("CAST(NULL AS {t})"),
        };
        let placed = |w: &Self, input: &str| {
            let svc = w.field(input, "service");
            let inst = w.field(input, "instance");
            (
                format!("CASE WHEN {svc} IS NULL THEN {sole} ELSE n.service END AS service"),
                format!("COALESCE({inst}, n.component) AS inst"),
                format!("FROM {} r LEFT JOIN svc_names n ON n.name = {svc}", w.opts.tables.table(input)),
            )
        };
        let (s, i, from) = placed(self, "incidents");
        let body = format!(
            "  SELECT {s}, {i},\n    {} AS opened_ms, {} AS resolved_ms,\n    LOWER({}) AS impact, {} AS cause,\n    {} AS id, {} AS severity, {} AS responded_ms, {} AS region\n  {from}",
            self.ms("incidents", "opened_at"),
            self.ms("incidents", "resolved_at"),
            self.field("incidents", "impact"),
            self.field("incidents", "cause"),
            self.field("incidents", "id"),
            self.field("incidents", "severity"),
            self.ms("incidents", "responded_at"),
            self.field("incidents", "region"),
        );
        self.cte("inc", body);
        let (s, i, from) = placed(self, "maintenance");
        let body = format!(
            "  SELECT {s}, {i},\n    {} AS start_ms, {} AS end_ms, {} AS announced_ms,\n    LOWER({}) AS kind, COALESCE(LOWER({}), 'outage') <> 'none' AS downtime\n  {from}",
            self.ms("maintenance", "start"),
            self.ms("maintenance", "end"),
            self.ms("maintenance", "announced_at"),
            self.field("maintenance", "kind"),
            self.field("maintenance", "impact"),
        );
        self.cte("mnt", body);
        let (s, i, from) = placed(self, "probes");
        let up = format!("LOWER({})", self.field("probes", "up"));
        // A probe row's region, read only for a promise `per region`:
        // lower-cased to match, as written to name a region.
        let region = if self.c.availability.iter().any(|a| a.per_region) {
            let r = self.field("probes", "region");
            format!(",\n    LOWER({r}) AS region, {r} AS region_name")
        } else {
            String::new()
        };
        let body = format!(
            "  SELECT {s}, {i},\n    {} AS m,\n    COALESCE(CAST({} AS BIGINT), CASE WHEN {up} IN ('1', 'true') THEN 1 WHEN {up} IN ('0', 'false') THEN 0 END) AS ok,\n    COALESCE(CAST({} AS BIGINT), CASE WHEN {up} IS NOT NULL THEN 1 END) AS total{region}\n  {from}",
            self.d.div(&self.ms("probes", "ts"), &MS.to_string()),
            self.field("probes", "ok"),
            self.field("probes", "total"),
        );
        self.cte("prb", body);
        // Usage rows name a service only where their column gives one
        // (`eval::prepare::usage`); for the instances a service has, a row
        // without one belongs to the contract's only service.
        let svc = self.field("usage", "service");
        let inst = self.field("usage", "instance");
        let cur = string(self.c.header.currency.as_deref().unwrap_or(""));
        // `CNY 1000.00` or a plain number, as DECIMAL.
        let money = |e: &str| format!("CAST(TRIM(REPLACE({e}, {cur}, '')) AS DECIMAL(38,10))");
        let body = format!(
            "  SELECT CASE WHEN {svc} IS NULL THEN CAST(NULL AS {t}) ELSE n.service END AS service,\n    CASE WHEN {svc} IS NULL THEN {sole} ELSE n.service END AS service_or_sole,\n    COALESCE({inst}, CASE WHEN {svc} IS NOT NULL THEN n.component END) AS inst,\n    {} AS period,\n    {} AS fee,\n    CAST({} AS BIGINT) AS objects_total, CAST({} AS BIGINT) AS objects_lost,\n    {} AS vouchers, {} AS coupons, {} AS upfront, {} AS paid\n  FROM {} r LEFT JOIN svc_names n ON n.name = {svc}",
            self.field("usage", "period"),
            money(&self.field("usage", "monthly_fee")),
            self.field("usage", "objects_total"),
            self.field("usage", "objects_lost"),
            money(&self.field("usage", "vouchers")),
            money(&self.field("usage", "coupons")),
            money(&self.field("usage", "upfront")),
            money(&self.field("usage", "paid")),
            self.opts.tables.table("usage"),
        );
        self.cte("usg", body);
    }

    /// The CTEs of one promise, ending in its ledger `a{i}_ledger`: one row
    /// per series and period.
    pub fn promise(&mut self, i: usize, a: &Availability) -> Result<Ledger, SqlError> {
        let p = format!("a{i}_");
        let periods = plan::periods(self.c, a, self.range)?;
        let (count_from, count_to) = plan::counting(self.c, self.range)?;
        let min_len = a.minimum_outage_minutes();
        // `outages by duration [over N]`: outages in milliseconds, counted
        // when longer than N (semantics.md section 4, "Outage length").
        let over_ms = match a.outages {
            Some(OutageMeasure::Duration { over }) => Some(over.map_or(0, |s| s.0.saturating_mul(1000))),
            _ => None,
        };
        // Runs are maximal over the whole timeline; cut at `min_len`
        // minutes beyond the counted stretch, a run that reaches into it is
        // judged the same: if cut, it is at least `min_len` long either way.
        // An outage by duration is cut a minute beyond its threshold: if
        // cut, it is longer than the threshold either way.
        let margin = over_ms.map_or(min_len, |o| ceil_div(o, MS) + 1).max(min_len);
        let lo = floor_div(count_from.timestamp_millis(), MS) - margin;
        let hi = floor_div(count_to.timestamp_millis(), MS) + margin;
        let svc = string(&a.service);
        let measured = self.c.service(&a.service).map(|s| s.measured).unwrap_or_default();
        let t = self.text();
        let (as_of, horizon) = (self.as_of_ms, self.horizon);

        // The series: the service, each component, or each instance any
        // input names (none named: one series without a name). Each also
        // gives its instance (`inst`, empty for none) and, for a promise
        // `per region`, its region: matched lower-cased (`rkey`, empty
        // without regions) and as rows spell it (`region`).
        let no_region = format!("'' AS rkey, CAST(NULL AS {t}) AS region");
        let named = |cells: bool| {
            // The instances the rows name; per region, those each region's
            // rows name (its incidents and probes, and the incidents,
            // maintenance and usage that name no region).
            let none = format!("CAST(NULL AS {t})");
            let (inc_rk, prb_rk, join) = match cells {
                true => (
                    "LOWER(region)".to_owned(),
                    "region".to_owned(),
                    format!("JOIN {p}cellsx c ON (c.rkey = '' OR x.rk IS NULL OR x.rk = c.rkey)"),
                ),
                false => (none.clone(), none.clone(), "CROSS JOIN (SELECT '' AS rkey) c".to_owned()),
            };
            format!(
                "  SELECT DISTINCT c.rkey, x.inst FROM (\n    SELECT inst, {inc_rk} AS rk FROM inc WHERE service = {svc} AND inst IS NOT NULL\n    UNION ALL SELECT inst, {none} FROM mnt WHERE service = {svc} AND inst IS NOT NULL\n    UNION ALL SELECT inst, {prb_rk} FROM prb WHERE service = {svc} AND inst IS NOT NULL\n    UNION ALL SELECT inst, {none} FROM usg WHERE service_or_sole = {svc} AND inst IS NOT NULL\n  ) x {join}"
            )
        };
        if a.per_region {
            // A region per name the service's incident or probe rows give,
            // lower-cased, named as the first incident (by time, then id),
            // else the first probe row, spells it; none: one cell, ''.
            self.cte(
                &format!("{p}cells"),
                format!(
                    "  SELECT rkey, rname FROM (\n    SELECT rkey, rname, ROW_NUMBER() OVER (PARTITION BY rkey ORDER BY src, o1, o2, rname) AS rn FROM (\n      SELECT LOWER(region) AS rkey, region AS rname, 0 AS src, opened_ms AS o1, id AS o2 FROM inc WHERE service = {svc} AND region IS NOT NULL\n      UNION ALL SELECT region, region_name, 1, CAST(m AS BIGINT), '' FROM prb WHERE service = {svc} AND region IS NOT NULL\n    ) x\n  ) y WHERE rn = 1"
                ),
            );
            self.cte(
                &format!("{p}cellsx"),
                format!(
                    "  SELECT rkey, rname FROM {p}cells\n  UNION ALL\n  SELECT '' AS rkey, CAST(NULL AS {t}) AS rname FROM (SELECT COUNT(*) AS n FROM {p}cells) y WHERE n = 0"
                ),
            );
        }
        // Per region, a series is its region's key and its instance.
        let key = |inst: &str| match a.per_region {
            true => format!("c.rkey || CHR(31) || {inst}"),
            false => inst.to_owned(),
        };
        let series = match measured {
            MeasuredBy::Service if a.per_region => {
                format!("  SELECT rkey AS series, '' AS inst, rkey, rname AS region FROM {p}cellsx")
            }
            MeasuredBy::Service => format!("  SELECT '' AS series, '' AS inst, {no_region}"),
            MeasuredBy::Component => {
                let comps = self.c.service(&a.service).map(|s| s.components.clone()).unwrap_or_default();
                let cells = match a.per_region {
                    true => format!("{p}cellsx c"),
                    false => format!("(SELECT '' AS rkey, CAST(NULL AS {t}) AS rname) c"),
                };
                let vals: Vec<String> = comps.iter().map(|c| format!("({})", string(&c.id))).collect();
                let values = match vals.is_empty() {
                    true => "(SELECT '' AS series FROM (SELECT 1 AS one) z WHERE 1 = 0) v".to_owned(),
                    false => format!("(VALUES {}) AS v(series)", vals.join(", ")),
                };
                format!(
                    "  SELECT {} AS series, v.series AS inst, c.rkey, CAST(c.rname AS {t}) AS region FROM {values} CROSS JOIN {cells}",
                    key("v.series")
                )
            }
            MeasuredBy::Instance => {
                self.cte(&format!("{p}named"), named(a.per_region));
                let cells = match a.per_region {
                    true => format!("{p}cellsx"),
                    false => format!("(SELECT '' AS rkey, CAST(NULL AS {t}) AS rname)"),
                };
                format!(
                    "  SELECT {} AS series, n.inst, c.rkey, CAST(c.rname AS {t}) AS region FROM {p}named n JOIN {cells} c ON c.rkey = n.rkey\n  UNION ALL\n  SELECT {} AS series, '' AS inst, c.rkey, CAST(c.rname AS {t}) AS region FROM {cells} c\n  LEFT JOIN (SELECT rkey, COUNT(*) AS k FROM {p}named GROUP BY rkey) k ON k.rkey = c.rkey WHERE k.rkey IS NULL",
                    key("n.inst"),
                    key("''"),
                )
            }
        };
        self.cte(&format!("{p}series"), series);
        // A record concerns a series: every record of the service when it
        // is measured as a whole, else its instance's and those naming none.
        let concerns = |r: &str| match measured {
            MeasuredBy::Service => "1 = 1".to_owned(),
            _ => format!("({r}.inst IS NULL OR {r}.inst = s.inst)"),
        };
        let inc_region = region_of_incident(a);
        let inc_end = format!(
            "CASE WHEN r.resolved_ms IS NOT NULL AND r.resolved_ms <= {as_of} THEN r.resolved_ms ELSE {as_of} END"
        );
        let d = self.d;
        let fl = |e: &str| d.div(e, &MS.to_string());
        let ce = |e: &str| d.div(&format!("{e} + {}", MS - 1), &MS.to_string());

        // Down minutes: of the series, or, for a set judged by its
        // instances, of each instance combined minute by minute.
        let missing = (
            floor_div(count_from.timestamp_millis(), MS),
            floor_div(count_to.timestamp_millis(), MS).min(floor_div(self.as_of_ms, MS)),
        );
        let window = Window { lo, hi, horizon, missing };
        match a.set_down.filter(|_| measured == MeasuredBy::Service) {
            None => {
                self.down_of(&p, &format!("{p}series"), &format!("{p}down"), measured != MeasuredBy::Service, a, window)
            }
            Some(rule) => self.set_down(&p, a, rule, window),
        }

        // Excusing intervals: incidents whose cause the contract excludes
        // (any impact), and maintenance with its notice, inside its window.
        // A promise's own exclusions excuse its minutes beside the contract's.
        let causes = excluded_causes(a.exclusions.iter().chain(&self.c.exclusions));
        let mut excl = Vec::new();
        // The same in milliseconds, for outages by duration: an incident
        // excuses from its own instants, maintenance by its minutes.
        let mut excl_ms = Vec::new();
        if !causes.is_empty() {
            let list: Vec<String> = causes.iter().map(|c| string(c)).collect();
            let excluded = |a: &str, b: &str| {
                format!(
                    "  SELECT s.series, {a} AS a, {b} AS b\n  FROM inc r CROSS JOIN {p}series s\n  WHERE r.service = {svc} AND {} AND {inc_region} AND r.cause IN ({}) AND r.opened_ms < {as_of} AND {inc_end} > r.opened_ms",
                    concerns("r"),
                    list.join(", ")
                )
            };
            excl.push(excluded(&fl("r.opened_ms"), &ce(&inc_end)));
            excl_ms.push(excluded("r.opened_ms", &inc_end));
        }
        for (kind, rule) in self.maintenance_rules(a)? {
            let notice = self.d.div("r.start_ms - r.announced_ms", "1000");
            let from = format!("FROM mnt r CROSS JOIN {p}series s");
            let cond = format!(
                "WHERE r.service = {svc} AND {} AND r.kind = '{kind}' AND r.end_ms > r.start_ms AND {notice} >= {}",
                concerns("r"),
                rule.notice
            );
            let (ra, rb) = (fl("r.start_ms"), ce("r.end_ms"));
            let rows = match rule.window {
                None => format!("  SELECT s.series, {ra} AS a, {rb} AS b\n  {from}\n  {cond}"),
                Some(occurrences) if occurrences.is_empty() => continue,
                Some(occurrences) => {
                    let vals: Vec<String> = occurrences.iter().map(|(x, y)| format!("({x}, {y})")).collect();
                    format!(
                        "  SELECT s.series, GREATEST({ra}, o.a) AS a, LEAST({rb}, o.b) AS b\n  {from}\n  CROSS JOIN (VALUES {}) AS o(a, b)\n  {cond}",
                        vals.join(", ")
                    )
                }
            };
            excl_ms.push(format!(
                "  SELECT series, CAST(a AS BIGINT) * {MS} AS a, CAST(b AS BIGINT) * {MS} AS b FROM (\n{rows}\n  ) x"
            ));
            excl.push(rows);
        }
        if excl.is_empty() {
            excl.push(format!("  SELECT CAST(NULL AS {t}) AS series, 0 AS a, 0 AS b FROM {p}series WHERE 1 = 0"));
            excl_ms.push(excl[0].clone());
        }
        self.cte(&format!("{p}excl_iv"), excl.join("\n  UNION ALL\n"));
        let expand_excl = self.d.each_minute("x.a", "x.b - 1", "g");
        self.cte(
            &format!("{p}excl"),
            format!(
                "  SELECT DISTINCT x.series, g.m FROM (\n    SELECT series, GREATEST(a, {lo}) AS a, LEAST(b, {hi}) AS b FROM {p}excl_iv\n  ) x {expand_excl} WHERE x.b > x.a"
            ),
        );
        // Each down minute, excused or not; runs of unexcused minutes.
        self.cte(
            &format!("{p}state"),
            format!(
                "  SELECT d.series, d.m, CASE WHEN e.m IS NULL THEN 0 ELSE 1 END AS excused\n  FROM {p}down d LEFT JOIN {p}excl e ON e.series = d.series AND e.m = d.m"
            ),
        );
        self.cte(
            &format!("{p}runs"),
            format!(
                "  SELECT series, MIN(m) AS s, MAX(m) + 1 AS e, COUNT(*) AS len FROM (\n    SELECT series, m, m - ROW_NUMBER() OVER (PARTITION BY series ORDER BY m) AS grp\n    FROM {p}state WHERE excused = 0\n  ) i GROUP BY series, grp"
            ),
        );
        // The periods, as the evaluator plans them.
        let rows: Vec<String> = periods.iter().enumerate().map(|(k, pp)| period_row(k, pp, t)).collect();
        self.cte(
            &format!("{p}periods (ord, label, ca, cb, total, in_progress, partial, skipped)"),
            if rows.is_empty() {
                format!(
                    "  SELECT 0, '', 0, 0, 0, FALSE, CAST(NULL AS {t}), CAST(NULL AS {t}) FROM svc_names WHERE 1 = 0"
                )
            } else {
                format!("  VALUES {}", rows.join(",\n    "))
            },
        );
        let slices = match a.slices {
            Some(rule) => Some(super::slices::write(self, &p, a, rule, &periods)?),
            None => None,
        };
        let u = match over_ms {
            None => format!(
                "  SELECT r.series, p.ord,\n    SUM(CASE WHEN r.len >= {min_len} THEN LEAST(r.e, p.cb) - GREATEST(r.s, p.ca) ELSE 0 END) AS u,\n    SUM(CASE WHEN r.len < {min_len} THEN LEAST(r.e, p.cb) - GREATEST(r.s, p.ca) ELSE 0 END) AS short,\n    SUM(CASE WHEN r.len >= {min_len} THEN 1 ELSE 0 END) AS counted\n  FROM {p}runs r JOIN {p}periods p ON r.s < p.cb AND r.e > p.ca\n  GROUP BY r.series, p.ord"
            ),
            Some(over) => {
                self.outages(&p, &excl_ms.join("\n  UNION ALL\n"));
                // Each outage's part inside the period, rounded up.
                let (ca, cb) = (format!("CAST(p.ca AS BIGINT) * {MS}"), format!("CAST(p.cb AS BIGINT) * {MS}"));
                let part = ce(&format!("LEAST(o.e, {cb}) - GREATEST(o.s, {ca})"));
                format!(
                    "  SELECT o.series, p.ord,\n    SUM(CASE WHEN o.e - o.s > {over} THEN {part} ELSE 0 END) AS u,\n    SUM(CASE WHEN o.e - o.s > {over} THEN 0 ELSE {part} END) AS short,\n    SUM(CASE WHEN o.e - o.s > {over} THEN 1 ELSE 0 END) AS counted\n  FROM {p}outages o JOIN {p}periods p ON o.s < {cb} AND o.e > {ca}\n  GROUP BY o.series, p.ord"
                )
            }
        };
        self.cte(&format!("{p}u"), u);
        self.cte(
            &format!("{p}e"),
            format!(
                "  SELECT st.series, p.ord, COUNT(*) AS e\n  FROM {p}state st JOIN {p}periods p ON st.m >= p.ca AND st.m < p.cb\n  WHERE st.excused = 1 GROUP BY st.series, p.ord"
            ),
        );
        self.cte(&format!("{p}ledger"), self.ledger(&p, a));
        Ok(Ledger { cte: format!("{p}ledger"), slices })
    }

    /// `{p}outages` (series, s, e): the maximal stretches, in
    /// milliseconds, of down time not excused, for `outages by duration`.
    /// Down time is the records' own instants and the probes' whole
    /// minutes; `excl_ms` the excusing intervals. Every start and end is
    /// an event; between two events a series is down and not excused, or
    /// not; stretches of such pieces that touch make one outage.
    fn outages(&mut self, p: &str, excl_ms: &str) {
        let minutes = |cte: &str| {
            format!(
                "  UNION ALL SELECT series, CAST(m AS BIGINT) * {MS} AS a, (CAST(m AS BIGINT) + 1) * {MS} AS b FROM {cte}"
            )
        };
        let mut down = format!("  SELECT series, a, b FROM {p}down_ms_iv\n{}", minutes(&format!("{p}probe_down")));
        if self.ctes.iter().any(|c| c.name == format!("{p}missing")) {
            down.push('\n');
            down.push_str(&minutes(&format!("{p}missing")));
        }
        self.cte(&format!("{p}down_ms"), down);
        self.cte(&format!("{p}excl_ms"), excl_ms.to_owned());
        self.cte(
            &format!("{p}events"),
            format!(
                "  SELECT series, t, SUM(dd) AS dd, SUM(dx) AS dx FROM (\n    SELECT series, a AS t, 1 AS dd, 0 AS dx FROM {p}down_ms WHERE b > a\n    UNION ALL SELECT series, b, -1, 0 FROM {p}down_ms WHERE b > a\n    UNION ALL SELECT series, a, 0, 1 FROM {p}excl_ms WHERE b > a\n    UNION ALL SELECT series, b, 0, -1 FROM {p}excl_ms WHERE b > a\n  ) x GROUP BY series, t"
            ),
        );
        self.cte(
            &format!("{p}pieces"),
            format!(
                "  SELECT series, t AS a, LEAD(t) OVER (PARTITION BY series ORDER BY t) AS b,\n    SUM(dd) OVER (PARTITION BY series ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS down,\n    SUM(dx) OVER (PARTITION BY series ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS excused,\n    ROW_NUMBER() OVER (PARTITION BY series ORDER BY t) AS k\n  FROM {p}events"
            ),
        );
        self.cte(
            &format!("{p}outages"),
            format!(
                "  SELECT series, MIN(a) AS s, MAX(b) AS e FROM (\n    SELECT series, a, b, k - ROW_NUMBER() OVER (PARTITION BY series ORDER BY a) AS grp\n    FROM {p}pieces WHERE b IS NOT NULL AND down > 0 AND excused = 0\n  ) x GROUP BY series, grp"
            ),
        );
    }

    /// The CTEs `{pre}down_iv`, `{pre}probe_down` and `out` (series, m):
    /// the minutes each series of `series` is down by its records and
    /// probes (its own and those naming no instance when `per_instance`,
    /// else every record of the service), cut at as_of and at the window.
    fn down_of(&mut self, pre: &str, series: &str, out: &str, per_instance: bool, a: &Availability, w: Window) {
        let (lo, hi, horizon, as_of) = (w.lo, w.hi, w.horizon, self.as_of_ms);
        let svc = string(&a.service);
        let concerns = if per_instance { "(r.inst IS NULL OR r.inst = s.inst)" } else { "1 = 1" };
        let (inc_region, prb_region) = (region_of_incident(a), region_of_probe(a));
        let d = self.d;
        let fl = |e: &str| d.div(e, &MS.to_string());
        let ce = |e: &str| d.div(&format!("{e} + {}", MS - 1), &MS.to_string());
        let inc_end = format!(
            "CASE WHEN r.resolved_ms IS NOT NULL AND r.resolved_ms <= {as_of} THEN r.resolved_ms ELSE {as_of} END"
        );
        // Outages to as_of, and maintenance that takes the service down.
        let down_iv = format!(
            "  SELECT s.series, {ia} AS a, {ib} AS b\n  FROM inc r CROSS JOIN {series} s\n  WHERE r.service = {svc} AND {concerns} AND {inc_region} AND r.impact = 'outage' AND r.opened_ms < {as_of} AND {inc_end} > r.opened_ms\n  UNION ALL\n  SELECT s.series, {ma} AS a, {mb} AS b\n  FROM mnt r CROSS JOIN {series} s\n  WHERE r.service = {svc} AND {concerns} AND r.downtime AND r.end_ms > r.start_ms",
            ia = fl("r.opened_ms"),
            ib = ce(&inc_end),
            ma = fl("r.start_ms"),
            mb = ce("r.end_ms"),
        );
        self.cte(&format!("{pre}down_iv"), down_iv);
        // The same at the records' own instants, for outages by duration,
        // cut at as_of (probe minutes stay whole minutes).
        if matches!(a.outages, Some(OutageMeasure::Duration { .. })) {
            self.cte(
                &format!("{pre}down_ms_iv"),
                format!(
                    "  SELECT s.series, r.opened_ms AS a, {inc_end} AS b\n  FROM inc r CROSS JOIN {series} s\n  WHERE r.service = {svc} AND {concerns} AND {inc_region} AND r.impact = 'outage' AND r.opened_ms < {as_of} AND {inc_end} > r.opened_ms\n  UNION ALL\n  SELECT s.series, r.start_ms AS a, LEAST(r.end_ms, {as_of}) AS b\n  FROM mnt r CROSS JOIN {series} s\n  WHERE r.service = {svc} AND {concerns} AND r.downtime AND LEAST(r.end_ms, {as_of}) > r.start_ms"
                ),
            );
        }
        let probe_down = match a.minute_rule_or_default() {
            MinuteRule::AllAttemptsFail => "SUM(r.total) > 0 AND SUM(r.ok) = 0".to_owned(),
            MinuteRule::SuccessBelow(pct) => {
                let (pn, pd) = pct.as_fraction();
                format!(
                    "SUM(r.total) > 0 AND CAST(SUM(r.ok) AS DECIMAL(38,0)) * {pd} < CAST(SUM(r.total) AS DECIMAL(38,0)) * {pn}"
                )
            }
        };
        let probes = format!(
            "  SELECT s.series, r.m\n  FROM prb r CROSS JOIN {series} s\n  WHERE r.service = {svc} AND {concerns} AND {prb_region} AND r.m >= {lo} AND r.m < {}\n  GROUP BY s.series, r.m\n  HAVING {probe_down}",
            hi.min(horizon),
        );
        self.cte(&format!("{pre}probe_down"), probes);
        // `missing data counts as down`: every minute of the counted
        // stretch up to as_of in which no probe row of the series has a
        // sample (`total > 0`). The probes table is taken as given.
        let missing = if a.missing_data_down && w.missing.1 > w.missing.0 {
            let (ma, mb) = w.missing;
            let grid = self.d.each_minute("x.a", "x.b - 1", "g");
            self.cte(
                &format!("{pre}sampled"),
                format!(
                    "  SELECT DISTINCT s.series, r.m\n  FROM prb r CROSS JOIN {series} s\n  WHERE r.service = {svc} AND {concerns} AND {prb_region} AND r.total > 0 AND r.m >= {ma} AND r.m < {mb}"
                ),
            );
            self.cte(
                &format!("{pre}missing"),
                format!(
                    // The grid in a subquery of its own: Spark allows no
                    // join after a `LATERAL VIEW`.
                    "  SELECT y.series, y.m FROM (\n    SELECT x.series, g.m FROM (SELECT series, {ma} AS a, {mb} AS b FROM {series}) x {grid}\n  ) y LEFT JOIN {pre}sampled smp ON smp.series = y.series AND smp.m = y.m WHERE smp.m IS NULL"
                ),
            );
            format!("\n    UNION ALL SELECT series, m FROM {pre}missing")
        } else {
            String::new()
        };
        let expand_down = self.d.each_minute("x.a", "x.b - 1", "g");
        self.cte(
            out,
            format!(
                "  SELECT DISTINCT series, m FROM (\n    SELECT x.series, g.m FROM (\n      SELECT series, GREATEST(a, {lo}) AS a, LEAST(b, {hi}, {horizon}) AS b FROM {pre}down_iv\n    ) x {expand_down} WHERE x.b > x.a\n    UNION ALL SELECT series, m FROM {pre}probe_down{missing}\n  ) d"
            ),
        );
    }

    /// `set down when any|all instances are down`: each instance any input
    /// names judged as if measured per instance, the set down in a minute
    /// when any (or all) of them are (`eval::sets`); with no instance named,
    /// the service as a whole.
    fn set_down(&mut self, p: &str, a: &Availability, rule: SetRule, w: Window) {
        let svc = string(&a.service);
        self.cte(
            &format!("{p}members"),
            format!(
                "  SELECT series, series AS inst, '' AS rkey FROM (\n    SELECT DISTINCT inst AS series FROM (\n      SELECT inst FROM inc WHERE service = {svc} AND inst IS NOT NULL\n      UNION ALL SELECT inst FROM mnt WHERE service = {svc} AND inst IS NOT NULL\n      UNION ALL SELECT inst FROM prb WHERE service = {svc} AND inst IS NOT NULL\n      UNION ALL SELECT inst FROM usg WHERE service_or_sole = {svc} AND inst IS NOT NULL\n    ) x\n  ) y"
            ),
        );
        self.down_of(&format!("{p}whole_"), &format!("{p}series"), &format!("{p}whole_down"), false, a, w);
        self.down_of(&format!("{p}member_"), &format!("{p}members"), &format!("{p}member_down"), true, a, w);
        let needed = match rule {
            SetRule::Any => "1".to_owned(),
            SetRule::All => "k.n".to_owned(),
        };
        self.cte(
            &format!("{p}down"),
            format!(
                "  SELECT d.series, d.m FROM {p}whole_down d CROSS JOIN (SELECT COUNT(*) AS n FROM {p}members) k WHERE k.n = 0\n  UNION ALL\n  SELECT '' AS series, d.m FROM {p}member_down d CROSS JOIN (SELECT COUNT(*) AS n FROM {p}members) k\n  WHERE k.n > 0 GROUP BY d.m, k.n HAVING COUNT(DISTINCT d.series) >= {needed}"
            ),
        );
    }

    /// T, E, U, the ratio by the promise's formula and the verdict, in
    /// integers: met when `num × pd ≥ pn × den` for the target `pn / pd`.
    fn ledger(&self, p: &str, a: &Availability) -> String {
        let (num, den) = match a.formula_or_default() {
            Formula::ExcludingExcused => ("b.total - b.e - b.u", "b.total - b.e"),
            Formula::OverTotal => ("b.total - b.u", "b.total"),
        };
        let (pn, pd) = a.target.as_fraction();
        // Truncated toward zero, as the evaluator does; a negative ratio
        // (outages by duration round up, so U + E may pass T) keeps its sign
        // in front.
        let scaled = self.d.div(&format!("ABS(CAST({num} AS BIGINT)) * 1000000"), den);
        let percent = format!(
            "CASE WHEN {num} < 0 AND {scaled} > 0 THEN '-' ELSE '' END || CAST({} AS {t}) || '.' || LPAD(CAST(MOD({scaled}, 10000) AS {t}), 4, '0')",
            self.d.div(&scaled, "10000"),
            t = self.text()
        );
        let allowed = allowed_sql(a.target, den);
        format!(
            "  SELECT b.*,\n    CASE WHEN b.skipped IS NOT NULL THEN 'skipped'\n      WHEN {den} <= 0 OR CAST({num} AS DECIMAL(38,0)) * {pd} >= CAST({den} AS DECIMAL(38,0)) * {pn} THEN 'met'\n      ELSE 'missed' END AS status,\n    CASE WHEN b.skipped IS NULL AND {den} > 0 THEN {num} END AS num,\n    CASE WHEN b.skipped IS NULL AND {den} > 0 THEN {den} END AS den,\n    CASE WHEN b.skipped IS NULL AND {den} > 0 THEN {percent} END AS percent,\n    CASE WHEN b.skipped IS NULL THEN {allowed} END AS allowed\n  FROM (\n    SELECT s.series, s.inst, s.region, p.ord, p.label, p.total, p.in_progress, p.partial, p.skipped,\n      COALESCE(e.e, 0) AS e, COALESCE(u.u, 0) AS u, COALESCE(u.short, 0) AS short, COALESCE(u.counted, 0) AS counted\n    FROM {p}series s CROSS JOIN {p}periods p\n    LEFT JOIN {p}u u ON u.series = s.series AND u.ord = p.ord\n    LEFT JOIN {p}e e ON e.series = s.series AND e.ord = p.ord\n  ) b"
        )
    }

    /// For each kind of maintenance the contract excuses: the notice it
    /// needs and, where it must fall in a window, the window's occurrences
    /// (in minutes) over the stretch the SQL looks at.
    /// For each kind of maintenance one promise excuses: the notice it
    /// needs and, where it must fall in a window, the window's occurrences
    /// (in minutes) over the stretch the SQL looks at. The promise's own
    /// rules come first, then the contract's (`eval::maintenance::judge_for`).
    fn maintenance_rules(&self, a: &Availability) -> Result<Vec<(&'static str, MaintRule)>, SqlError> {
        let c = self.c;
        let own_policy = a.maintenance.as_ref();
        let mut out = Vec::new();
        for (kind, specific, planned) in
            [("planned", "planned_maintenance", true), ("emergency", "emergency_maintenance", false)]
        {
            let Some(ex) = applicable(&a.exclusions, specific).or_else(|| applicable(&c.exclusions, specific)) else {
                continue;
            };
            let notice_of = |p: &crate::ir::MaintenancePolicy| {
                if planned { p.planned_notice.as_ref() } else { p.emergency_notice.as_ref() }.map(|n| n.seconds)
            };
            let notice = ex
                .notice
                .or_else(|| own_policy.and_then(notice_of))
                .or_else(|| notice_of(&c.maintenance))
                .map_or(0, |s| s.0);
            let window_id = ex.within_window.clone().or_else(|| {
                planned
                    .then(|| {
                        own_policy
                            .and_then(|p| p.planned_within_window.clone())
                            .or_else(|| c.maintenance.planned_within_window.clone())
                    })
                    .flatten()
            });
            let window = match window_id.and_then(|id| c.maintenance.windows.iter().find(|w| w.id == id)) {
                Some(w) => Some(self.occurrences(w)?),
                None => None,
            };
            out.push((kind, MaintRule { notice, window }));
        }
        Ok(out)
    }

    fn occurrences(&self, w: &crate::ir::MaintenanceWindow) -> Result<Vec<(i64, i64)>, SqlError> {
        // The whole stretch the SQL looks at, a day more on each side.
        let day = 24 * 60 * MS;
        let (from, to) = plan::counting(self.c, self.range)?;
        let span = |t: DateTime<Utc>, by: i64| DateTime::from_timestamp_millis(t.timestamp_millis() + by).unwrap_or(t);
        let min_ms = self.c.availability.iter().map(|a| a.minimum_outage_minutes()).max().unwrap_or(1) * MS;
        Ok(plan::window_occurrences(self.c, w, span(from, -day - min_ms), span(to, day + min_ms))?)
    }
}

/// The stretch of minutes the SQL looks at, and the first minute after
/// as_of.
#[derive(Clone, Copy)]
struct Window {
    lo: i64,
    hi: i64,
    horizon: i64,
    /// Where a minute without samples is down, under `missing data counts
    /// as down`: the counted stretch up to as_of (floored).
    missing: (i64, i64),
}

struct MaintRule {
    notice: i64,
    /// `Some`: only minutes inside these occurrences are excused.
    window: Option<Vec<(i64, i64)>>,
}

/// The most specific exclusion of a list for a kind of maintenance.
/// Which incident rows a series of a promise `per region` sees: its
/// region's, and those that name none (no outage of the service names
/// none: the evaluator refuses such a row); every row when no row names a
/// region (the series `''`).
fn region_of_incident(a: &Availability) -> &'static str {
    if a.per_region { "(s.rkey = '' OR r.region IS NULL OR LOWER(r.region) = s.rkey)" } else { "1 = 1" }
}

/// Which probe rows a series of a promise `per region` sees: its region's.
fn region_of_probe(a: &Availability) -> &'static str {
    if a.per_region { "(s.rkey = '' OR r.region = s.rkey)" } else { "1 = 1" }
}

fn applicable<'x>(list: &'x [Exclusion], specific: &str) -> Option<&'x Exclusion> {
    list.iter().find(|e| e.category == specific).or_else(|| list.iter().find(|e| e.category == "maintenance"))
}

/// The causes that excuse an incident: each non-maintenance exclusion's id
/// and labels (`Exclusion::matches_cause`, compared trimmed and exactly).
fn excluded_causes<'e>(list: impl Iterator<Item = &'e Exclusion>) -> Vec<String> {
    let mut out = BTreeSet::new();
    for e in list.filter(|e| !is_maintenance_category(&e.category)) {
        out.insert(e.category.clone());
        out.extend(e.labels.iter().cloned());
    }
    out.into_iter().collect()
}

/// One period as a VALUES row.
fn period_row(k: usize, pp: &PlannedPeriod, t: &str) -> String {
    let opt = |s: &Option<String>| s.as_deref().map_or(format!("CAST(NULL AS {t})"), string);
    format!(
        "({k}, {}, {}, {}, {}, {}, {}, {})",
        string(&pp.label),
        floor_div(pp.count_from.timestamp_millis(), MS),
        floor_div(pp.count_to.timestamp_millis(), MS),
        pp.minutes,
        if pp.in_progress { "TRUE" } else { "FALSE" },
        opt(&pp.partial),
        opt(&pp.skipped),
    )
}

/// `(100% − target) × den` as an exact DECIMAL: `(pd − pn) × den` scaled
/// down by the target's `pd`, a power of ten.
fn allowed_sql(target: Percent, den: &str) -> String {
    let (pn, pd) = target.as_fraction();
    let places = pd.to_string().len() - 1;
    let unit = format!("0.{}1", "0".repeat(places.saturating_sub(1)));
    format!("CAST(({} - {pn}) * ({den}) AS DECIMAL(38,0)) * CAST('{unit}' AS DECIMAL(38,{places}))", pd)
}

pub fn floor_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b)
}

fn ceil_div(a: i64, b: i64) -> i64 {
    -(-a).div_euclid(b)
}

//! Every commitment of every shipped contract is on the rendered page, in
//! both languages and both formats: the IR is walked here independently of
//! the builders, so a clause kind a builder forgets shows up as a failure.

use super::*;
use crate::ir::Contract;
use std::path::Path;

fn compile_all(files: Vec<std::path::PathBuf>) -> Vec<(String, Contract)> {
    files
        .into_iter()
        .filter_map(|p| {
            let c = crate::driver::compile_with(&p, &|f: &Path| std::fs::read_to_string(f));
            let name = p.display().to_string();
            // Fixtures of errors are not rendered (the CLI refuses them).
            if c.has_errors() { None } else { c.contract.map(|k| (name, k)) }
        })
        .collect()
}

fn sla_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "sla"));
    files.sort();
    files
}

fn shipped() -> Vec<(String, Contract)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = compile_all(sla_in(&root.join("contracts")));
    assert!(all.len() >= 5, "the shipped contracts are in contracts/");
    all
}

/// The shipped contracts, and every contract the evaluation cases, the
/// examples and the fixtures hold: the clause kinds the shipped ones do not
/// use (amendments, pauses, cadences, regions, slices ...).
fn every_contract() -> Vec<(String, Contract)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = sla_in(&root.join("contracts"));
    files.extend(sla_in(&root.join("tests/fixtures/contracts")));
    files.extend(sla_in(&root.join("tests/examples")));
    let mut cases: Vec<_> = std::fs::read_dir(root.join("tests/eval"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    cases.sort();
    for case in cases {
        files.extend(sla_in(&case));
    }
    let all = compile_all(files);
    assert!(all.len() > 60, "the cases' contracts compile ({})", all.len());
    all
}

/// What a reader must find on the page: ids, names, every limit's
/// percentages and targets, every citation.
fn must_show(c: &Contract) -> Vec<String> {
    let mut want = Vec::new();
    let mut cite = |cit: &Option<crate::ir::Citation>| {
        if let Some(x) = cit {
            want.push(format!("§ {}", x.section));
        }
    };
    c.services.iter().for_each(|s| cite(&s.citation));
    c.calendars.iter().for_each(|s| cite(&s.citation));
    c.channels.iter().for_each(|s| cite(&s.citation));
    c.tiers.iter().for_each(|s| cite(&s.citation));
    c.tiers.iter().flat_map(|t| &t.overrides).for_each(|s| cite(&s.citation));
    c.escalation.iter().for_each(|s| cite(&s.citation));
    c.availability.iter().for_each(|s| cite(&s.citation));
    c.durability.iter().for_each(|s| cite(&s.citation));
    c.exclusions.iter().for_each(|s| cite(&s.citation));
    c.maintenance.windows.iter().for_each(|s| cite(&s.citation));
    c.credits.iter().for_each(|s| cite(&s.citation));
    c.credits.iter().filter_map(|s| s.claim.as_ref()).for_each(|s| cite(&s.citation));
    c.entitlements.iter().for_each(|s| cite(&s.citation));
    c.penalties.iter().for_each(|s| cite(&s.citation));
    c.liability.iter().for_each(|s| cite(&s.citation));
    c.objectives.iter().for_each(|s| cite(&s.citation));
    c.backups.iter().for_each(|s| cite(&s.citation));
    c.duties.iter().for_each(|s| cite(&s.citation));
    c.locations.iter().for_each(|s| cite(&s.citation));
    c.retention.iter().for_each(|s| cite(&s.citation));
    c.prose.iter().for_each(|s| cite(&s.citation));
    c.amendments.iter().for_each(|s| cite(&s.citation));
    c.pauses.iter().for_each(|s| cite(&s.citation));
    c.tiers.iter().flat_map(|t| &t.pauses).for_each(|s| cite(&s.citation));
    c.updates.iter().for_each(|s| cite(&s.citation));
    c.tiers.iter().filter_map(|t| t.updates.as_ref()).for_each(|s| cite(&s.citation));
    c.availability.iter().flat_map(|a| &a.eligibility).for_each(|s| cite(&s.citation));
    for s in &c.services {
        want.push(s.id.clone());
        want.extend(s.name.clone());
    }
    for cal in &c.calendars {
        want.push(cal.id.clone());
    }
    for ch in &c.channels {
        want.push(ch.id.clone());
    }
    for t in &c.tiers {
        want.push(t.id.clone());
        want.extend(t.name.clone());
        want.extend(t.labels.iter().cloned());
        want.extend(t.responders.iter().cloned());
        want.extend(t.notify.iter().cloned());
        for o in &t.overrides {
            want.push(o.from.to_string());
            want.push(o.to.to_string());
        }
    }
    for t in &c.tiers {
        want.extend(t.pauses.iter().flat_map(|p| p.statuses.iter().cloned()));
        want.extend(t.exempt_from_resolution.iter().cloned());
        want.extend(t.cutoff.map(|m| m.to_string()));
        if let Some(by) = &t.clock_by {
            want.extend(by.calendars.iter().map(|ch| ch.value.clone()));
        }
    }
    want.extend(c.pauses.iter().flat_map(|p| p.statuses.iter().cloned()));
    for a in &c.amendments {
        want.push(a.name.clone());
        want.push(a.effective.to_string());
        let k = &a.clauses;
        want.extend(k.tiers.iter().map(|t| t.id.clone()));
        want.extend(k.availability.iter().map(|x| x.target.to_string()));
        want.extend(k.credits.iter().flat_map(|x| &x.bands).map(|b| b.credit.to_string()));
        want.extend(k.penalties.iter().map(|x| x.id.clone()));
    }
    for w in &c.maintenance.windows {
        want.push(w.id.clone());
        want.push(format!("{}–{}", w.start, w.end));
    }
    for e in c.availability.iter().flat_map(|a| &a.exclusions) {
        want.push(e.category.clone());
    }
    for o in c.entitlements.iter().flat_map(|e| &e.options) {
        want.push(o.id.clone());
    }
    for e in c.escalation.iter().chain(c.tiers.iter().flat_map(|t| &t.escalation)) {
        want.push(e.at.to_string());
        want.extend(e.action.clone());
    }
    for a in &c.availability {
        want.push(a.target.to_string());
    }
    for d in &c.durability {
        want.push(d.target.to_string());
    }
    for e in &c.exclusions {
        want.push(e.category.clone());
    }
    for cr in &c.credits {
        for b in &cr.bands {
            want.extend([b.low.to_string(), b.high.to_string(), b.credit.to_string()]);
        }
    }
    for p in &c.penalties {
        want.extend([p.id.clone(), p.rate.to_string()]);
    }
    for l in &c.liability {
        want.push(l.id.clone());
    }
    for o in &c.objectives {
        want.push(o.name.clone());
    }
    for p in &c.prose {
        // Each paragraph of the prose, as written.
        want.extend(p.text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    }
    want
}

#[test]
fn every_commitment_of_every_contract_is_rendered() {
    for (name, c) in every_contract() {
        for lang in [Lang::En, Lang::Zh] {
            for format in [Format::Html, Format::Markdown] {
                let page = render_contract(&c, lang, format);
                // Compare on the text a reader sees: entities and Markdown
                // escapes undone.
                let text = page
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace('\\', "");
                let missing: Vec<String> = must_show(&c).into_iter().filter(|w| !text.contains(w.as_str())).collect();
                assert!(missing.is_empty(), "{name} {lang:?} {format:?} lacks {missing:?}");
            }
        }
    }
}

#[test]
fn html_is_self_contained() {
    for (name, c) in shipped() {
        let page = render_contract(&c, Lang::Zh, Format::Html);
        for banned in ["<script", "http://", "https://", "@import", "url("] {
            assert!(!page.contains(banned), "{name}: {banned}");
        }
        assert!(page.contains("Noto Sans CJK SC") && page.contains("@media print"), "{name}");
    }
}

#[test]
fn lint_notes_go_beside_their_clause() {
    let text = "contract \"t\" {\n  timezone \"Asia/Shanghai\"\n  service s\n  tier P1 { respond within 15min }\n}\n";
    let (compilation, findings) = crate::testing::lint_source("t.sla", text, &Default::default());
    let c = compilation.contract.unwrap_or_default();
    let d = document(&c, Lang::En, &findings);
    let all: usize = d.parts.iter().map(|p| p.notes.len()).sum();
    assert_eq!(all, findings.len(), "every finding is shown once");
    assert!(!findings.is_empty(), "the fixture draws lint findings");

    // Findings inside a clause's block go to that clause's part, not to
    // the contract's header (whose span holds everything).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts/fadada-econtract-platform.sla");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (compilation, findings) = crate::testing::lint_source("fadada.sla", &text, &Default::default());
    let d = document(&compilation.contract.unwrap_or_default(), Lang::En, &findings);
    let notes = |anchor: &str| {
        d.parts.iter().filter(|p| p.anchor == Some(anchor)).flat_map(|p| p.notes.clone()).collect::<Vec<_>>()
    };
    assert!(notes("durability").iter().any(|n| n.contains("L207")), "{:?}", notes("durability"));
    assert!(notes("availability").iter().any(|n| n.contains("L206")), "{:?}", notes("availability"));
    assert!(notes("parties-and-term").is_empty());
}

/// Clause text reaches the page as text: no markup of its own in HTML, no
/// table broken in Markdown.
#[test]
fn clause_text_is_escaped() {
    let text = "contract \"t\" {\n  timezone \"Asia/Shanghai\"\n  service s \"a | b *c*\"\n  prose p \"<b>\" \"\"\"\n    <script>alert(1)</script> & | x\n  \"\"\"\n}\n";
    let c = crate::driver::compile_source("t.sla", text);
    assert!(!c.has_errors(), "{:?}", c.diags);
    let contract = c.contract.unwrap_or_default();
    let html = render_contract(&contract, Lang::En, Format::Html);
    assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; | x"));
    let md = render_contract(&contract, Lang::En, Format::Markdown);
    assert!(md.contains("| s | a \\| b \\*c\\* |"), "{md}");
    assert!(md.contains("\\<script>alert(1)\\</script> & \\| x"), "{md}");
}

fn case(path: &str) -> Contract {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    compile_all(vec![p]).pop().map(|(_, c)| c).unwrap_or_default()
}

/// Update cadences and calendars chosen by region read as sentences in
/// both languages.
#[test]
fn cadences_and_regional_clocks_in_words() {
    let days = case("tests/eval/cadence-business-days/contract.sla");
    let en = render_contract(&days, Lang::En, Format::Markdown);
    let zh = render_contract(&days, Lang::Zh, Format::Markdown);
    assert!(en.contains("every 2 business days") && zh.contains("每2个工作日"), "{en}\n{zh}");
    assert!(en.contains("within 2 business days, in the hours of the incident's region"), "{en}");
    assert!(zh.contains("2个工作日内，按故障所在地区（region）对应的时间"), "{zh}");
    let hourly = case("tests/eval/cadence-hourly/contract.sla");
    let en = render_contract(&hourly, Lang::En, Format::Markdown);
    assert!(en.contains("every hour") && en.contains("every 4 hours; first update within 1 hour"), "{en}");
    let zh = render_contract(&hourly, Lang::Zh, Format::Markdown);
    assert!(zh.contains("每1小时") && zh.contains("每4小时；首次通报1小时内"), "{zh}");
}

/// The time each escalation step is reached, worked by hand for the
/// guanghuanyun contract's P0 (respond within 15 min, resolve within 2 h;
/// steps at 80, 90, 95 and 100% of both): 80% of 900 s is 720 s (12 min),
/// 95% of 900 s is 855 s (14 min 15 s), 95% of 7200 s is 6840 s (1 h 54 min).
#[test]
fn escalation_steps_are_reached_at_their_share_of_each_limit() {
    let c = case("contracts/guanghuanyun-aws-vap-support.sla");
    let en = render_contract(&c, Lang::En, Format::Markdown);
    let row = en.lines().find(|l| l.starts_with("| P0 | Response 12 minutes")).unwrap_or_default();
    assert!(row.contains("| Response 14 minutes 15 seconds; Resolution 1 hour 54 minutes |"), "{en}");
    assert!(row.ends_with("| Response 15 minutes; Resolution 2 hours |"), "{row}");
    let zh = render_contract(&c, Lang::Zh, Format::Markdown);
    assert!(zh.contains("| P0 | 响应时间12分钟；解决时间1小时36分钟 |"), "{zh}");
}

//! L207: a "1 in N" durability claim that does not match the target.

use crate::lint::exact::plain;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "L207",
    name: "durability-claim-mismatch",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "a \"1 in N\" durability claim whose N does not match the target's nines",
    what: "Checks `claim at most 1 in N` of a durability promise against its target, exactly: a \
target t loses at most `1 - t` of the objects, so N must equal `1 / (1 - t)` (99.999999999%, \
eleven nines, is 1 in 10^11).",
    why: "Agreements restate durability as \"at most one in ten billion\", and the two figures \
often disagree by a factor of ten: seed 001 promises eleven nines and then one lost contract in \
10^10, which is ten nines. The contract then promises two different things.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service storage "对象文件存储"
  durability storage {
    target 99.999999999% per month
    claim at most 1 in 10^10 per month
  }
}
"#,
    fix: "Make the two agree: write the N that the target gives (`1 in 10^11`), or correct the \
target to the nines of the claim (`99.99999999%`).",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service storage "对象文件存储"
  durability storage {
    target 99.999999999% per month
    claim at most 1 in 10^11 per month
  }
}
"#,
    peer_example: None,
    check,
};

/// `10^11` for powers of ten, the plain number otherwise.
fn count(n: Decimal) -> String {
    let n = n.normalize();
    let text = n.to_string();
    let zeros = text.len().saturating_sub(1);
    if zeros >= 3 && text.starts_with('1') && text[1..].bytes().all(|b| b == b'0') {
        format!("10^{zeros}")
    } else {
        plain(n)
    }
}

/// The target a claim of 1 in `n` stands for: `100 - 100 / n` percent.
fn target_of(n: Decimal) -> Option<Decimal> {
    Decimal::ONE_HUNDRED.checked_div(n).map(|loss| (Decimal::ONE_HUNDRED - loss).normalize())
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for d in &cx.contract.durability {
        let Some(claim) = &d.one_in else { continue };
        let Some(loss) = Decimal::ONE_HUNDRED.checked_sub(d.target.0) else { continue };
        // A product too large to hold is surely not 100: a mismatch.
        if loss.is_zero() || claim.n.checked_mul(loss) == Some(Decimal::ONE_HUNDRED) {
            continue;
        }
        let expected = Decimal::ONE_HUNDRED.checked_div(loss);
        let expected_text = match expected {
            Some(e) if e.fract().is_zero() => format!("1 in {}", count(e)),
            Some(e) => format!("1 in about {}", plain(e.round_dp(2))),
            None => "a different N".to_owned(),
        };
        let claim_target = target_of(claim.n).map(|t| format!("{t}%")).unwrap_or_else(|| "another target".into());
        out.push(
            Finding::new(
                claim.span,
                format!(
                    "1 in {} is a durability of {claim_target}, but the target is {}",
                    count(claim.n),
                    d.target
                ),
            )
            .label(format!("{claim_target}, not {}", d.target))
            .related(d.target_span, format!("{} is {expected_text}", d.target))
            .help(format!(
                "make the two agree: `claim at most {expected_text}`, or the target `{claim_target}` if the claim is the figure the agreement means"
            ))
            .cite(claim.citation.as_ref().or(d.citation.as_ref())),
        );
    }
}

//! What the linter finds in the seed agreements: shown in `docs/lints.md`,
//! and checked by a test against the encoded seed contracts, so the list
//! can neither miss a finding nor claim one that is not there. The encoded
//! seeds are the contracts in `contracts/` (`SEED_FILES` says which is
//! which); seeds 000, 002 and 004 give no finding.

/// The contract file that encodes each seed agreement.
pub static SEED_FILES: &[(&str, &str)] = &[
    ("000", "contracts/bestsign-esign-platform.sla"),
    ("001", "contracts/fadada-econtract-platform.sla"),
    ("002", "contracts/jdcloud-baas.sla"),
    ("003", "contracts/guanghuanyun-aws-vap-support.sla"),
    ("004", "contracts/ecommerce-cs-ops-2025.sla"),
];

/// One finding on a seed agreement.
#[derive(Clone, Copy, Debug)]
pub struct SeedFinding {
    /// `000` .. `004`: the seed's number.
    pub seed: &'static str,
    pub agreement: &'static str,
    pub code: &'static str,
    pub note: &'static str,
}

pub static SEED_FINDINGS: &[SeedFinding] = &[
    SeedFinding {
        seed: "001",
        agreement: "法大大 e-contract SLA",
        code: "L206",
        note: "§3.8 restates 99.95% as \"at most 21.6 minutes of downtime in a calendar month\", the figure for a \
30-day month: a 31-day month meets 99.95% with up to 22.32 minutes",
    },
    SeedFinding {
        seed: "001",
        agreement: "法大大 e-contract SLA",
        code: "L207",
        note: "§3.1 promises 99.999999999% (eleven nines) and then \"at most 1 contract in 10000000000 a month\", which \
is ten nines (1 in 10^11 would match)",
    },
    SeedFinding {
        seed: "003",
        agreement: "光环云 SPT-001 basic SLA",
        code: "L102",
        note: "§2.1.1 promises 99.9% availability a year and excludes nothing but announced maintenance: no force \
majeure, no third-party or customer fault",
    },
    SeedFinding {
        seed: "003",
        agreement: "光环云 SPT-001 basic SLA",
        code: "L107",
        note: "§2.1.1 does not say how a partial year counts, when a minute is down or how short an outage may be",
    },
    SeedFinding {
        seed: "003",
        agreement: "光环云 SPT-001 basic SLA",
        code: "L206",
        note: "§2.1.1 restates 99.9% a year as \"at most 8.76 hours\", the figure for a 365-day year: a leap year \
meets 99.9% with up to 8.784 hours",
    },
];

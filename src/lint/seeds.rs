//! What the linter finds in the seed agreements: shown in `docs/lints.md`,
//! and checked by a test against the encoded seed contracts, so the list
//! can neither miss a finding nor claim one that is not there.

/// One finding on a seed agreement.
#[derive(Clone, Copy, Debug)]
pub struct SeedFinding {
    /// `000` .. `004`: the seed's number.
    pub seed: &'static str,
    pub agreement: &'static str,
    pub code: &'static str,
    pub note: &'static str,
}

pub static SEED_FINDINGS: &[SeedFinding] = &[];

//! The proof that the front end accepted a contract.

use super::Contract;
use crate::source::SourceMap;

/// A contract the front end accepted: it compiled without an error. Lint
/// and evaluation take this, not a bare [`Contract`], so a contract with
/// errors cannot reach them: a type, not a convention. Only the driver
/// makes one (`driver::Compilation::checked` and `lint_with`); a test in
/// `tests/it/invariants.rs` holds that no other module calls its
/// constructor.
#[derive(Debug)]
pub struct CheckedContract {
    contract: Contract,
    sources: SourceMap,
}

impl CheckedContract {
    /// For the driver alone, once it has seen no error.
    pub(crate) fn accepted_by_front_end(contract: Contract, sources: SourceMap) -> Self {
        CheckedContract { contract, sources }
    }

    pub fn contract(&self) -> &Contract {
        &self.contract
    }

    /// The files it was compiled from (holiday files are named relative to
    /// the file that declares them).
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    pub(crate) fn into_parts(self) -> (Contract, SourceMap) {
        (self.contract, self.sources)
    }
}

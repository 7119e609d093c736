//! Whole contracts: every `contracts/*.sla` present (the seed contracts)
//! and the complete contracts under `tests/fixtures/contracts/` compile
//! without errors, their IR is as in its snapshot, and the IR's JSON reads
//! back to the same IR.

use crate::{compile, render_all, sla_files, stem};
use slac::ir::Contract;

/// The contracts to compile, with the snapshot name of each.
fn contracts() -> Vec<(String, String)> {
    let seeds = sla_files("contracts").into_iter().map(|p| (format!("ir_{}", stem(&p)), p));
    let ours = sla_files("tests/fixtures/contracts").into_iter().map(|p| (format!("ir_fixture_{}", stem(&p)), p));
    seeds.chain(ours).collect()
}

#[test]
fn every_contract_compiles_to_the_ir_in_its_snapshot() {
    let all = contracts();
    assert!(!all.is_empty(), "tests/fixtures/contracts holds at least one contract");
    for (name, path) in all {
        let c = compile(&path);
        assert!(!c.has_errors(), "{path} has errors:\n{}", render_all(&c));
        let contract = c.contract.unwrap_or_else(|| panic!("{path} holds no contract"));
        let json = serde_json::to_string_pretty(&contract).expect("the IR serialises");
        insta::with_settings!({ description => path.clone(), omit_expression => true }, {
            insta::assert_snapshot!(name, json);
        });
    }
}

#[test]
fn the_ir_round_trips_through_json() {
    for (_, path) in contracts() {
        let contract = compile(&path).contract.unwrap_or_else(|| panic!("{path} holds no contract"));
        let json = serde_json::to_string(&contract).expect("the IR serialises");
        let back: Contract = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(back, contract, "{path}: the IR changed on its way through JSON");
    }
}

/// Nothing in the repository names a path of the machine it was written
/// on: contracts name their agreement by title and where it is published.
#[test]
fn no_file_names_a_build_machine_path() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for top in ["contracts", "docs", "src", "tests", "examples", "benches", "grammar", "data", "README.md"] {
        let p = crate::repo().join(top);
        if p.is_file() { files.push(p) } else { walk(&p, &mut files) }
    }
    // Spelled in pieces so this file does not find itself.
    let roots = [["/", "work/"].concat(), ["/", "root/"].concat(), ["/", "home/"].concat(), ["/", "Users/"].concat()];
    let mut found = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        for (n, line) in text.lines().enumerate() {
            if roots.iter().any(|r| line.contains(r.as_str())) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "absolute paths of a build machine:\n{}", found.join("\n"));
}

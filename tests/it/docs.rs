//! Every example is a test: the code blocks of `docs/language.md` check
//! clean.
//!
//! The first block is a whole contract. The others show one construct each;
//! put together inside the contract of the header example (the block that
//! starts with `contract`), they make one contract that must check clean
//! too. The examples name two services, `esign` and `baas`; the header
//! example's contract declares `esign`, so `baas` is added here.

use crate::{render_all, repo};
use slac::driver::compile_source;

/// What the assembled contract needs besides the examples.
const SCAFFOLD: &str = "service baas \"区块链即服务 BaaS\"\n";

/// The text of every fenced code block, in order.
fn code_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None => current = Some(String::new()),
            }
        } else if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

fn language_blocks() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("docs/language.md")).expect("docs/language.md can be read");
    code_blocks(&text)
}

/// Compile a text and fail with its diagnostics and numbered lines.
fn assert_clean(name: &str, text: &str) {
    let c = compile_source(name, text);
    if !c.diags.is_empty() {
        let numbered: Vec<String> = text.lines().enumerate().map(|(i, l)| format!("{:4} {l}", i + 1)).collect();
        panic!("{name} does not check clean:\n{}\n{}", render_all(&c), numbered.join("\n"));
    }
    assert!(c.contract.is_some(), "{name} holds no contract");
}

#[test]
fn the_first_example_is_a_whole_contract() {
    let blocks = language_blocks();
    let first = blocks.first().expect("docs/language.md has examples");
    assert_clean("docs/language.md (first example)", first);
}

#[test]
fn the_other_examples_make_one_contract() {
    let blocks = language_blocks();
    let rest = blocks.get(1..).unwrap_or_default();
    let header = rest.iter().find(|b| b.trim_start().starts_with("contract")).expect("a header example");
    let body = header.trim_end().strip_suffix('}').expect("the header example ends with `}`");
    let mut contract = body.to_owned();
    for block in rest.iter().filter(|b| *b != header) {
        contract.push_str(block);
    }
    contract.push_str(SCAFFOLD);
    contract.push_str("}\n");
    assert!(rest.len() >= 10, "only {} examples after the first", rest.len());
    assert_clean("docs/language.md (examples)", &contract);
}

#[test]
fn code_blocks_are_found() {
    let md = "text\n```\na\n```\nmore\n```sla\nb\nc\n```\n";
    assert_eq!(code_blocks(md), ["a\n", "b\nc\n"]);
}

/// The README's headline command (the first `cargo run --release -- eval`
/// line) runs as written, and its table is pinned: a newcomer's first
/// command must keep working.
#[test]
fn the_readme_headline_command_runs() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let line = readme
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("cargo run --release -- eval "))
        .expect("the README shows an eval command");
    let args: Vec<&str> = line.trim_start_matches("cargo run --release -- ").split_whitespace().collect();
    let ran = crate::run::Slac::new(args).run();
    assert!(ran.code == 0 || ran.code == 1, "exit {}: {}", ran.code, ran.stderr);
    assert!(ran.stderr.is_empty(), "{}", ran.stderr);
    insta::assert_snapshot!("readme_headline", ran.stdout);
}

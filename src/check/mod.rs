//! Checking: the syntax tree to the typed IR.
//!
//! Each kind of clause has its own module that reads its statements into IR
//! nodes. Names may be used before they are declared, so references are
//! collected as they are met and resolved once every clause has been read
//! (`resolve`). Every problem is reported; checking goes on after an error
//! so one run shows them all.

mod amendment;
mod attrs;
mod availability;
mod calendar;
pub(crate) mod clauses;
mod clock_by;
mod compensation;
mod cursor;
mod eligibility;
mod example;
mod exclusion;
mod header;
mod limit_rules;
mod literals;
mod objective;
mod outage_measure;
mod pause;
mod resolve;
mod service;
mod set_rule;
mod slice_rule;
mod tier;
mod updates;

use crate::diag::{Code, Diagnostic, suggest};
use crate::ir::{self, Citation, Contract};
use crate::source::Span;
use crate::syntax::{Statement, SyntaxFile, Value, ValueKind};
use std::collections::HashMap;

use cursor::Cursor;

/// Diagnostics collected while checking, and the amounts of money met, whose
/// currency is checked once the contract's own is known.
#[derive(Default, Debug)]
pub struct Diags {
    list: Vec<Diagnostic>,
    pub(crate) money: Vec<(String, Span)>,
    /// Values the parser could not read (a number with too many digits),
    /// already reported: no further error may point into them.
    unreadable: Vec<Span>,
}

impl Diags {
    pub fn push(&mut self, d: Diagnostic) {
        if self.unreadable.iter().any(|u| u.file == d.span.file && u.start <= d.span.start && d.span.end <= u.end) {
            return;
        }
        self.list.push(d);
    }

    /// Whether an error was reported inside `span` (one statement's values).
    pub fn has_error_within(&self, span: Span) -> bool {
        self.list
            .iter()
            .rev()
            .any(|d| d.is_error() && d.span.file == span.file && span.start <= d.span.start && d.span.end <= span.end)
    }

    /// Remember the unreadable values of a file, so nothing is reported on
    /// them twice.
    fn note_unreadable(&mut self, statements: &[Statement]) {
        fn walk(v: &Value, out: &mut Vec<Span>) {
            match &v.kind {
                ValueKind::Invalid => out.push(v.span),
                ValueKind::Interval { low, high, .. } => {
                    walk(low, out);
                    walk(high, out);
                }
                _ => {}
            }
        }
        for stmt in statements {
            stmt.values.iter().for_each(|v| walk(v, &mut self.unreadable));
            if let Some(block) = &stmt.block {
                self.note_unreadable(&block.statements);
            }
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    /// How many errors were reported so far.
    pub fn error_count(&self) -> usize {
        self.list.iter().filter(|d| d.is_error()).count()
    }
}

/// What `check` produces: the IR, if the file holds a contract, and every
/// diagnostic.
#[derive(Debug)]
pub struct Checked {
    pub contract: Option<Contract>,
    pub diags: Vec<Diagnostic>,
}

/// The kinds of name a clause can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum RefKind {
    Service,
    Calendar,
    HolidaySet,
    Tier,
    Exclusion,
    Channel,
    Window,
}

/// A use of a name, resolved after all clauses are read.
#[derive(Clone, Debug)]
pub(crate) struct NameRef {
    pub kind: RefKind,
    pub name: String,
    pub span: Span,
}

/// The state of one contract being checked.
pub(crate) struct Checker {
    pub d: Diags,
    pub c: Contract,
    pub refs: Vec<NameRef>,
    /// Header fields already written, for duplicate reports.
    pub header_seen: HashMap<&'static str, Span>,
    /// Spans of service clauses given without a service name, resolved to
    /// the only service later.
    pub implicit_service: Vec<(ImplicitService, Span)>,
    /// Amendments read, resolved once the whole contract is.
    pub amending: Vec<amendment::Pending>,
    /// Periods and penalties `expect` lines name, checked once every
    /// clause is read.
    pub example_periods: Vec<example::PeriodUse>,
    pub example_penalties: Vec<(String, Span)>,
    /// `set down when ...` lines by the service they are about, checked
    /// against how the service is measured once every clause is read.
    pub set_lines: Vec<(String, Span)>,
}

/// Which clause left its service implicit, by index into the contract.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ImplicitService {
    Availability(usize),
    Durability(usize),
    Credit(usize),
    Entitlement(usize),
}

impl Checker {
    fn new(id: String, span: Span) -> Self {
        Checker {
            d: Diags::default(),
            c: Contract { ir_version: ir::IR_VERSION, id, span, ..Contract::default() },
            refs: Vec::new(),
            header_seen: HashMap::new(),
            implicit_service: Vec::new(),
            amending: Vec::new(),
            example_periods: Vec::new(),
            example_penalties: Vec::new(),
            set_lines: Vec::new(),
        }
    }

    pub fn refer(&mut self, kind: RefKind, name: &str, span: Span) {
        self.refs.push(NameRef { kind, name: name.to_owned(), span });
    }

    /// Read one top-level clause of a contract or library file.
    fn item(&mut self, stmt: &Statement) {
        let Some(keyword) = stmt.keyword() else {
            if stmt.values.is_empty() {
                return;
            }
            self.d.push(
                Diagnostic::error(
                    Code::UnknownStatement,
                    stmt.head_span(),
                    format!("a clause cannot start with {}", stmt.values[0].describe()),
                )
                .label("expected a keyword")
                .help("each clause starts with a keyword such as `tier`, `availability` or `credit`"),
            );
            return;
        };
        attrs::collect(self, stmt);
        if let Some(clause) = clauses::find(keyword) {
            match clause.read {
                clauses::Reader::Header(read) => header::field(self, clause.keyword, read, stmt),
                clauses::Reader::Clause(read) => read(self, stmt),
            }
            return;
        }
        match keyword {
            "contract" => {
                self.d.push(
                    Diagnostic::error(
                        Code::MultipleContracts,
                        stmt.head_span(),
                        "a contract cannot hold another contract",
                    )
                    .label("nested contract")
                    .help("put each contract in its own file"),
                );
            }
            "import" => {
                self.d.push(
                    Diagnostic::error(
                        Code::UnknownStatement,
                        stmt.head_span(),
                        "`import` belongs at the top of the file, outside the contract",
                    )
                    .label("import inside a block")
                    .help("move the `import \"...\"` line above `contract`"),
                );
            }
            other => {
                let known: Vec<&str> = clauses::item_keywords().chain(["contract", "import"]).collect();
                let help =
                    clauses::home_of_field(other).or_else(|| suggest::did_you_mean(other, known.iter().copied()));
                unknown_keyword(&mut self.d, stmt, other, "a contract", &known, help);
            }
        }
    }
}

/// Report a line in a clause's block that does not start with one of its
/// fields: a clause of the contract written inside the block, or the
/// nearest field.
pub(crate) fn unknown_field(d: &mut Diags, stmt: &Statement, keyword: &str, clause: &clauses::Clause) {
    unknown_statement(d, stmt, keyword, clause.noun, &clause.field_names());
}

/// Report a keyword that does not belong inside the block of `context`
/// ("a backup"), where `known` may be written.
pub(crate) fn unknown_statement(d: &mut Diags, stmt: &Statement, keyword: &str, context: &str, known: &[&str]) {
    let help = match clauses::find(keyword) {
        Some(_) => Some(format!(
            "`{keyword}` is a clause of the contract: write it outside this block, at the contract's top level"
        )),
        None => suggest::did_you_mean(keyword, known.iter().copied()),
    };
    unknown_keyword(d, stmt, keyword, context, known, help);
}

/// The error for a keyword `context` cannot hold, with `help` or else the
/// list of what it may hold.
fn unknown_keyword(
    d: &mut Diags,
    stmt: &Statement,
    keyword: &str,
    context: &str,
    known: &[&str],
    help: Option<String>,
) {
    let help = help.unwrap_or_else(|| format!("{context} may hold: {}", known.join(", ")));
    d.push(
        Diagnostic::error(
            Code::UnknownStatement,
            stmt.head_span(),
            format!("`{keyword}` is not something {context} can say"),
        )
        .label("unknown keyword")
        .help(help),
    );
}

/// The statements of a clause's block; reports a missing block.
pub(crate) fn block_of<'a>(d: &mut Diags, stmt: &'a Statement, clause: &str, example: &str) -> &'a [Statement] {
    match &stmt.block {
        Some(b) => &b.statements,
        None => {
            d.push(
                Diagnostic::error(
                    Code::ExpectedBlock,
                    stmt.span.after(),
                    format!("`{clause}` needs a block of fields in braces"),
                )
                .label("block missing")
                .help(format!("for example: `{example}`")),
            );
            &[]
        }
    }
}

/// Report a block where none belongs.
pub(crate) fn no_block(d: &mut Diags, stmt: &Statement, clause: &str) {
    if let Some(b) = &stmt.block {
        d.push(
            Diagnostic::error(Code::UnexpectedBlock, b.span, format!("`{clause}` takes no block"))
                .label("unexpected block")
                .help(format!("write `{clause}` on one line")),
        );
    }
}

pub(crate) fn citation(stmt: &Statement) -> Option<Citation> {
    stmt.citation.as_ref().map(|c| Citation { section: c.section.clone(), span: c.span })
}

/// Remembers which fields of one clause were written, to report repeats.
#[derive(Default)]
pub(crate) struct Seen(HashMap<&'static str, Span>);

impl Seen {
    /// `true` the first time; on a repeat, reports it and returns `false`.
    pub fn first(&mut self, field: &'static str, span: Span, d: &mut Diags) -> bool {
        if let Some(prev) = self.0.get(field) {
            d.push(
                Diagnostic::error(Code::DuplicateField, span, format!("`{field}` is written twice in this clause"))
                    .label("second time")
                    .related(*prev, "first written here")
                    .help("keep one of them"),
            );
            return false;
        }
        self.0.insert(field, span);
        true
    }

    /// Where a field was first written, if it was.
    pub fn span_of(&self, field: &str) -> Option<Span> {
        self.0.get(field).copied()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }
}

/// Check one parsed contract file together with the library files it
/// imports (already parsed, in import order).
pub fn check(main: &SyntaxFile, imports: &[&SyntaxFile]) -> Checked {
    let contracts: Vec<&Statement> = main.statements.iter().filter(|s| s.keyword() == Some("contract")).collect();
    let Some(first) = contracts.first() else {
        return check_library(main, imports);
    };
    let mut d = Diags::default();
    for file in imports.iter().copied().chain(std::iter::once(main)) {
        d.note_unreadable(&file.statements);
    }
    for extra in &contracts[1..] {
        d.push(
            Diagnostic::error(Code::MultipleContracts, extra.head_span(), "a second contract in one file")
                .label("second contract")
                .related(first.head_span(), "first contract")
                .help("put each contract in its own file"),
        );
    }
    let mut head = Cursor::after_keyword(first);
    let id = head
        .expect_string("the contract's name", "contract \"bestsign-esign\" {", &mut d)
        .map(|(s, _)| s)
        .unwrap_or_default();
    head.finish("contract", &mut d);
    let mut ck = Checker::new(id, first.span);
    ck.d = d;
    attrs::file_level(&mut ck, &main.attrs);
    for stmt in &main.statements {
        match stmt.keyword() {
            Some("contract") | Some("import") => {}
            _ => ck.item(stmt),
        }
    }
    for lib in imports {
        for stmt in lib.statements.iter().filter(|s| s.keyword() != Some("import")) {
            ck.item(stmt);
        }
    }
    if let Some(block) = &first.block {
        attrs::file_level(&mut ck, &block.attrs);
        for stmt in &block.statements {
            ck.item(stmt);
        }
    } else {
        ck.d.push(
            Diagnostic::error(Code::ExpectedBlock, first.span.after(), "the contract has no body")
                .label("`{` missing")
                .help("write the contract's clauses in braces: `contract \"name\" { ... }`"),
        );
    }
    resolve::finish(&mut ck, true);
    amendment::finish(&mut ck);
    example::finish(&mut ck);
    let mut diags = ck.d.into_vec();
    crate::diag::sort(&mut diags);
    Checked { contract: Some(ck.c), diags }
}

/// A file with no contract: shared clauses to be imported. Its clauses are
/// checked on their own; names it uses must be declared in it.
fn check_library(main: &SyntaxFile, imports: &[&SyntaxFile]) -> Checked {
    let mut ck = Checker::new(String::new(), main.span);
    for file in imports.iter().copied().chain(std::iter::once(main)) {
        ck.d.note_unreadable(&file.statements);
    }
    for lib in imports.iter().copied().chain(std::iter::once(main)) {
        for stmt in lib.statements.iter().filter(|s| s.keyword() != Some("import")) {
            ck.item(stmt);
        }
    }
    resolve::finish(&mut ck, false);
    amendment::finish(&mut ck);
    let mut diags = ck.d.into_vec();
    crate::diag::sort(&mut diags);
    Checked { contract: None, diags }
}

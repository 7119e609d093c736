fn main() {
    let path = std::env::args().nth(1).expect("path");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut map = slac::source::SourceMap::new();
    let id = map.add(path.clone(), None, text);
    let file = map.get(id).expect("file");
    let (tree, diags) = slac::syntax::parse(file);
    for d in &diags {
        print!("{}", slac::diag::render::human(d, &map, slac::diag::render::HumanStyle::plain()));
    }
    if let Some(t) = tree {
        println!("{}", serde_json::to_string(&t).expect("json").len());
        for s in &t.statements {
            dump(s, 0);
        }
        println!("comments: {:?}", t.comments);
    }
}
fn dump(s: &slac::syntax::Statement, depth: usize) {
    let vals: Vec<String> = s.values.iter().map(|v| format!("{:?}", v.kind)).collect();
    println!("{}{} cite={:?}", "  ".repeat(depth), vals.join(" | "), s.citation.as_ref().map(|c| &c.section));
    if let Some(b) = &s.block {
        for st in &b.statements {
            dump(st, depth + 1);
        }
    }
}

use super::*;

fn fmt(text: &str) -> String {
    match format_source(text) {
        Ok(out) => out,
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn values_keep_their_spelling_and_layout_between_them_is_canonical() {
    let out = fmt("tier L1   \"x\"   labels \"1\",\"2\" {\n respond within 15min;resolve within 2h\n\tclock 7*24\n}\n");
    assert_eq!(
        out,
        "tier L1 \"x\" labels \"1\", \"2\" {\n  respond within 15min\n  resolve within 2h\n  clock 7*24\n}\n"
    );
}

#[test]
fn comments_stay_where_they_were() {
    let src = "// head\n\nx 1 // one\ny 22   // two\n\n/* block */\nz 3\n";
    assert_eq!(fmt(src), "// head\n\nx 1   // one\ny 22  // two\n\n/* block */\nz 3\n");
}

#[test]
fn citations_stand_in_one_column_and_move_to_the_line_of_the_brace() {
    let src = "contract \"c\" {\n  provider \"甲\" § \"1\"\n  tier L1 § \"3.2\" {\n    respond within 15min §\"3.2(1)\"\n  }\n  availability s {\n    target 99.90%\n  } § 4.8\n}\n";
    insta::assert_snapshot!(fmt(src), @r#"
    contract "c" {
      provider "甲"                                                      § "1"

      tier L1 {                                                          § "3.2"
        respond within 15min                                             § "3.2(1)"
      }

      availability s {                                                   § 4.8
        target 99.90%
      }
    }
    "#);
}

#[test]
fn every_construct_in_one_untidy_file() {
    let src = concat!(
        "#![allow(L101)]\n",
        "import \"shared.sla\"   // calendars\n",
        "contract \"c\"{ // the contract\n",
        "\t#[allow( tiers_not_monotone ,reason=\"as   agreed\" )]\n",
        "   tier L1 \"一级\" labels \"1\",   \"一级\",\n",
        "        \"P1\" { // from the export\n",
        "respond within 15min;resolve within 2h\n",
        "      }\n",
        "\n\n\n",
        "  credit c1 {\n",
        "    band [99.00%,99.90%)   => 10%   /* of the fee */\n",
        "    cap   CNY   1200.00\n",
        "    formula (total - unavailable)/total\n",
        "    clock 7*24\n",
        "  }\n",
        "  window w {}\n",
        "  prose p \"x\" \"\"\"\n",
        "      kept   as written\n",
        "  \"\"\"  § \"9\"\n",
        "  /* before the end */\n",
        "}\n",
        "// the end\n",
    );
    insta::assert_snapshot!(fmt(src), @r#"
    #![allow(L101)]
    import "shared.sla"  // calendars

    contract "c" {  // the contract
      #[allow(tiers_not_monotone, reason = "as   agreed")]
      tier L1 "一级" labels "1", "一级",
          "P1" {  // from the export
        respond within 15min
        resolve within 2h
      }

      credit c1 {
        band [99.00%, 99.90%) => 10% /* of the fee */
        cap CNY 1200.00
        formula (total - unavailable)/total
        clock 7*24
      }

      window w {}

      prose p "x" """
          kept   as written
      """                                                                § "9"
      /* before the end */
    }
    // the end
    "#);
}

#[test]
fn crlf_files_come_out_with_plain_line_ends() {
    assert_eq!(fmt("x 1 // c\r\ny 2\r\n"), "x 1  // c\ny 2\n");
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_diagnostic() {
    match format_source("tier L1 {\n  respond within 15min\n") {
        Err(FmtError::Syntax(diags)) => assert!(diags.iter().any(|d| d.is_error())),
        other => panic!("{other:?}"),
    }
    // A second citation is dropped by the parser: formatting would lose it.
    assert!(matches!(format_source("x 1 § \"1\" {} § \"2\"\n"), Err(FmtError::Syntax(_))));
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n"), "");
    assert_eq!(fmt("// only\n\n\n// comments"), "// only\n\n// comments\n");
}

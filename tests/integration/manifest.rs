//! Invalid info.toml files: every problem located at file:line:col with its
//! field, exit 2, nothing run.

use serde::Deserialize;

use crate::util::{Fixture, code, repository, stderr};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    remove: Option<String>,
    reports: String,
}

#[test]
fn each_invalid_manifest_is_rejected_with_its_location() {
    let text = std::fs::read_to_string(repository().join("tests/fixtures/invalid_manifests.toml"))
        .expect("cases");
    let cases: Cases = toml::from_str(&text).expect("valid cases");
    for case in cases.case {
        let fixture = Fixture::new("clean");
        if let (Some(from), Some(to)) = (&case.from, &case.to) {
            fixture.edit("info.toml", from, to);
        }
        if let Some(file) = &case.remove {
            std::fs::remove_file(fixture.root().join(file)).expect("remove");
        }
        let output = fixture.run(&["verify", "--pack"]);
        assert_eq!(
            code(&output),
            2,
            "{}: exit 2\n{}",
            case.name,
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(&case.reports),
            "{}: reports {:?}\n{}",
            case.name,
            case.reports,
            stderr(&output)
        );
        assert!(
            output.stdout.is_empty(),
            "{}: nothing was checked",
            case.name
        );
    }
}

#[test]
fn several_problems_are_reported_together() {
    let fixture = Fixture::new("clean");
    fixture.edit(
        "info.toml",
        "name = \"vocabulary_bounds\"",
        "name = \"token_from_index\"",
    );
    fixture.edit(
        "info.toml",
        "hints = [\"The field is private.\", \"Use `values()`.\"]",
        "hints = [\"one\"]",
    );
    fixture.edit(
        "info.toml",
        "kind = \"test\"\ntest = \"dot_of_unit_vectors\"",
        "kind = \"tests\"\ntest = \"dot_of_unit_vectors\"",
    );
    let output = fixture.run(&["run", "read_values"]);
    assert_eq!(code(&output), 2);
    let shown = stderr(&output);
    assert!(
        shown.contains("4 problems in the course manifest"),
        "{shown}"
    );
    assert!(shown.contains("is used by an earlier exercise"), "{shown}");
    assert!(
        shown.contains("the file stem `vocabulary_bounds` must equal the exercise name"),
        "{shown}"
    );
    assert!(shown.contains("has 1 hint level(s)"), "{shown}");
    assert!(
        shown.contains("exercises[3] `dot_lengths`: unknown variant `tests`"),
        "{shown}"
    );
}

#[test]
fn an_info_toml_that_is_not_utf8_is_located_and_exits_2() {
    let fixture = Fixture::new("clean");
    let info = fixture.root().join("info.toml");
    let text = std::fs::read_to_string(&info).expect("info.toml");
    // A Latin-1 `é` for the `e` of "index" in the first exercise's concept
    // (line 23): `concept = "A token id is built from an ind` is 42
    // characters, so the byte is at column 43.
    let bytes = text
        .replacen("from an index", "from an ind\u{0}x", 1)
        .into_bytes()
        .into_iter()
        .map(|byte| if byte == 0 { 0xE9 } else { byte })
        .collect::<Vec<u8>>();
    std::fs::write(&info, bytes).expect("write info.toml");
    let output = fixture.run(&["verify", "--pack"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "info.toml:23:43: encoding: byte 0xE9 is not UTF-8 text; save the file as UTF-8"
        ),
        "{}",
        stderr(&output)
    );
}

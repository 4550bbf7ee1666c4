//! `[[exercises.must_not_compile]]` on the `obligations` fixture pack: an
//! obligation that holds, a misuse that still compiles, a snippet broken
//! against the solution (a pack error, exit 2) and a misuse rejected with
//! another error than claimed; each as `run`, `verify` (JSON, JUnit) and
//! `verify --pack` report it.

use serde_json::Value;

use crate::util::{Fixture, code, folded, stderr, stdout};

const TOKEN_IDS: &str = "01_design/token_ids.rs";

/// `verify --format json`'s entry for `name`.
fn json_entry(fixture: &Fixture, name: &str) -> Value {
    let output = fixture.run(&["verify", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}", stdout(&output)));
    report["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .find(|exercise| exercise["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no {name} in {report:#}"))
}

/// `(name, status)` of each obligation of a JSON entry.
fn statuses(entry: &Value) -> Vec<(String, String)> {
    entry["obligations"]
        .as_array()
        .expect("obligations")
        .iter()
        .map(|obligation| {
            (
                obligation["name"].as_str().unwrap_or_default().to_owned(),
                obligation["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn assert_shows(output: &std::process::Output, fragments: &[&str]) {
    let shown = folded(&stdout(output));
    for fragment in fragments {
        assert!(
            shown.contains(&folded(fragment)),
            "shows {fragment:?}:\n{}\n{}",
            stdout(output),
            stderr(output)
        );
    }
}

#[test]
fn an_obligation_that_holds_is_shown_and_the_exercise_passes() {
    let fixture = Fixture::new("obligations");
    fixture.solve(TOKEN_IDS);
    let output = fixture.run(&["run", "token_ids"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_shows(
        &output,
        &[
            "── must not compile ──",
            "✓ `a_length_is_not_a_token` does not compile, as it must (E0308)",
            "✓ `tokens_do_not_add` does not compile, as it must (E0369)",
            "✓ `a_token_is_not_an_index` does not compile, as it must (E0277)",
            "✓ `token_ids` passes.",
        ],
    );
    let entry = json_entry(&fixture, "token_ids");
    assert_eq!(entry["status"], "passed", "{entry:#}");
    assert_eq!(
        statuses(&entry),
        [
            ("a_length_is_not_a_token".to_owned(), "held".to_owned()),
            ("tokens_do_not_add".to_owned(), "held".to_owned()),
            ("a_token_is_not_an_index".to_owned(), "held".to_owned()),
        ]
    );
    assert_eq!(entry["obligations"][1]["errors"][0]["code"], "E0369");
}

#[test]
fn a_misuse_that_compiles_fails_the_check_with_its_snippet_and_why() {
    let fixture = Fixture::new("obligations");
    // The unsolved file passes its tests: only the misuses tell it apart.
    let output = fixture.run(&["run", "token_ids"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert_shows(
        &output,
        &[
            "test tests::a_token_names_its_row ... ok",
            "✗ `tokens_do_not_add`: this compiles but must not",
            "Why it must not: Adding two token ids names no token.",
            "let _t = token(1) + token(2);",
            "rejects it with E0369 (\"cannot add `TokenId` to `TokenId`\")",
            "✗ `token_ids` passes its tests, but its types must still forbid 3 misuses: \
             `a_length_is_not_a_token`, `tokens_do_not_add`, `a_token_is_not_an_index`.",
        ],
    );
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(!state.contains("done = [\"token_ids\"]"), "{state}");
    let entry = json_entry(&fixture, "token_ids");
    assert_eq!(entry["status"], "failed", "{entry:#}");
    assert_eq!(entry["outcome"], "obligations_failed", "{entry:#}");
    assert!(
        statuses(&entry)
            .iter()
            .all(|(_, status)| status == "compiles"),
        "{entry:#}"
    );

    let junit = fixture.run(&["verify", "--format", "junit"]);
    let xml = stdout(&junit);
    assert!(
        xml.contains("<testcase name=\"token_ids::must_not_compile::tokens_do_not_add\""),
        "{xml}"
    );
    assert!(
        xml.contains("`tokens_do_not_add`: this compiles but must not"),
        "{xml}"
    );
}

#[test]
fn a_snippet_broken_against_the_solution_is_a_pack_error() {
    let fixture = Fixture::new("obligations");
    fixture.solve("01_design/stray_brace.rs");
    let output = fixture.run(&["run", "stray_brace"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert_shows(
        &output,
        &[
            "`raw_index_is_not_a_token`: the course's snippet does not fit the function it is compiled in",
            "unexpected closing delimiter",
            "the course is broken, not your code.",
        ],
    );
    assert!(
        !stdout(&output).contains("Stuck?"),
        "no hint for the course's own bug"
    );

    let pack = fixture.run(&["verify", "--pack", "--format", "json"]);
    assert_eq!(code(&pack), 2, "{}", stdout(&pack));
    let report: Value = serde_json::from_slice(&pack.stdout).expect("JSON");
    let exercise = |name: &str| {
        report["exercises"]
            .as_array()
            .expect("exercises")
            .iter()
            .find(|exercise| exercise["name"] == name)
            .cloned()
            .expect("the exercise")
    };
    let stray = exercise("stray_brace");
    assert!(
        stray["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .any(|problem| {
                problem["check"] == "must_not_compile"
                    && problem["message"].as_str().is_some_and(|message| {
                        message.contains("the snippet is broken against the solution")
                    })
            }),
        "{stray:#}"
    );
    assert_eq!(stray["obligations"][0]["status"], "failed", "{stray:#}");
    // The design exercise whose solution forbids every misuse is fine,
    // although its unsolved file passes its test: it breaks its obligations.
    let token_ids = exercise("token_ids");
    assert_eq!(token_ids["status"], "ok", "{token_ids:#}");
    assert_eq!(token_ids["obligations"].as_array().map(Vec::len), Some(3));
    assert!(
        token_ids["obligations"]
            .as_array()
            .expect("obligations")
            .iter()
            .all(|obligation| obligation["status"] == "held"),
        "{token_ids:#}"
    );

    let junit = fixture.run(&["verify", "--pack", "--format", "junit"]);
    let xml = stdout(&junit);
    assert!(
        xml.contains("<testcase name=\"token_ids::must_not_compile::a_token_is_not_an_index\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase name=\"stray_brace::must_not_compile::raw_index_is_not_a_token\""),
        "{xml}"
    );
}

#[test]
fn a_misuse_rejected_with_another_error_does_not_hold() {
    let fixture = Fixture::new("obligations");
    fixture.solve("01_design/wrong_code.rs");
    let output = fixture.run(&["run", "wrong_code"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert_shows(
        &output,
        &[
            "✗ `raw_index_is_not_a_token` does not compile, but not for the reason the lesson is about",
            "It must be rejected with E0599; rustc reports E0308 (mismatched types)",
            "expected `TokenId`, found integer",
            "✗ `wrong_code` passes its tests, but 1 misuse is not rejected as the lesson says: \
             `raw_index_is_not_a_token`.",
        ],
    );
    let pack = fixture.run(&["verify", "--pack"]);
    assert_eq!(code(&pack), 2);
    assert_shows(
        &pack,
        &[
            "[must_not_compile] `raw_index_is_not_a_token`: the solution rejects the misuse, but not with E0599",
        ],
    );
}

#[test]
fn a_file_that_does_not_compile_compiles_no_misuse() {
    let fixture = Fixture::new("obligations");
    fixture.edit(
        "exercises/01_design/token_ids.rs",
        "    index\n}",
        "    index +\n}",
    );
    // A `$RUSTC` that logs every call: a snippet is compiled as a library
    // that stops at metadata, which the exercise's own compile never is.
    let wrapper = tempfile::tempdir().expect("a temporary folder");
    let script = wrapper.path().join("logging-rustc");
    let log = wrapper.path().join("log");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$*\" >> {:?}\nexec rustc \"$@\"\n",
            log.display().to_string()
        ),
    )
    .expect("write the wrapper");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("make the wrapper executable");
    }
    let output = fixture
        .runner()
        .args(["run", "token_ids"])
        .env("RUSTC", &script)
        .output()
        .expect("the runner runs");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        !stdout(&output).contains("must not compile"),
        "{}",
        stdout(&output)
    );
    let calls = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        calls
            .lines()
            .any(|call| call.contains("--crate-name token_ids")),
        "the exercise was compiled through the wrapper:\n{calls}"
    );
    assert!(
        !calls
            .lines()
            .any(|call| call.contains("--crate-type lib") && call.contains("--emit=metadata")),
        "no snippet is compiled against a file that does not compile:\n{calls}"
    );
    let entry = json_entry(&fixture, "token_ids");
    assert_eq!(entry["outcome"], "compile_error", "{entry:#}");
    assert!(
        statuses(&entry)
            .iter()
            .all(|(_, status)| status == "not_checked"),
        "{entry:#}"
    );
}

#[test]
fn the_verdict_cache_covers_the_snippets() {
    let fixture = Fixture::new("obligations");
    fixture.solve(TOKEN_IDS);
    assert_eq!(code(&fixture.run(&["run", "token_ids"])), 0);
    let again = fixture.run(&["run", "token_ids"]);
    assert_eq!(code(&again), 0);
    assert_shows(
        &again,
        &[
            "✓ `tokens_do_not_add` does not compile, as it must (E0369)",
            "(the file is unchanged since it was last checked)",
        ],
    );
    // A snippet that now compiles against the solution changes the verdict.
    fixture.edit(
        "info.toml",
        "snippet = \"let _t = token(1) + token(2);\"",
        "snippet = \"let _t = row(token(1)) + row(token(2));\"",
    );
    let edited = fixture.run(&["run", "token_ids"]);
    assert_eq!(code(&edited), 1, "{}", stdout(&edited));
    assert!(
        !stdout(&edited).contains("(the file is unchanged since it was last checked)"),
        "{}",
        stdout(&edited)
    );
    assert_shows(
        &edited,
        &["✗ `tokens_do_not_add`: this compiles but must not"],
    );
}

#[test]
fn a_test_mode_file_without_main_is_judged_by_its_types() {
    let fixture = Fixture::new("obligations");
    fixture.solve(TOKEN_IDS);
    fixture.edit(
        "exercises/01_design/token_ids.rs",
        "fn main() {\n    println!(\"token 3 names row {}\", row(token(3)));\n}\n",
        "",
    );
    let output = fixture.run(&["run", "token_ids"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_shows(
        &output,
        &["✓ `tokens_do_not_add` does not compile, as it must (E0369)"],
    );
}

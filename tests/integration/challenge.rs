//! `challenge list | new | check`: the shipped challenges pass, each with a
//! typed boundary, fixture submissions fail exactly as
//! `tests/fixtures/challenges/expected.toml` says (a boundary removed makes
//! `typed` fail), a weakened regression test lets a mutant survive in every
//! shipped challenge, and a fresh scaffold is explained one step at a time.
//!
//! Every runner shares one `CARGO_TARGET_DIR`, so the library is built once
//! for all of them; `check` itself serialises on that folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde::Deserialize;
use serde_json::Value;
use typed_ai_rustlings::confine;

use crate::util::{code, copy_dir, repository, runner_in, stderr, stdout};

pub(crate) fn fixtures() -> PathBuf {
    repository().join("tests/fixtures/challenges")
}

pub(crate) fn library() -> PathBuf {
    repository().join("crates/typed-ai")
}

/// `challenge ARGS` in `cwd`. Where this system cannot confine a check
/// (no Landlock ABI 4, macOS, Windows), `check` gets `--no-confine`: the
/// fixtures are trusted, and the confinement's own tests skip themselves.
pub(crate) fn challenge(cwd: &Path, args: &[&str]) -> Output {
    let mut command = runner_in(cwd);
    command.arg("challenge").args(args);
    if args.first() == Some(&"check") && confine::support().is_err() {
        command.arg("--no-confine");
    }
    command.output().expect("the runner starts")
}

pub(crate) fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}):\n{}\n{}",
            stdout(output),
            stderr(output)
        )
    })
}

/// `(kind, mutant, status, summary + details)` for each check of the first challenge.
pub(crate) fn checks(report: &Value) -> Vec<(String, String, String, String)> {
    report["challenges"][0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|check| {
            let mut text = check["summary"].as_str().unwrap_or_default().to_owned();
            for detail in check["details"].as_array().into_iter().flatten() {
                text.push('\n');
                text.push_str(detail.as_str().unwrap_or_default());
            }
            (
                check["check"].as_str().unwrap_or_default().to_owned(),
                check["mutant"].as_str().unwrap_or_default().to_owned(),
                check["status"].as_str().unwrap_or_default().to_owned(),
                text,
            )
        })
        .collect()
}

#[test]
fn the_shipped_challenges_pass_check_all() {
    let output = challenge(repository(), &["check", "--all", "--format", "json"]);
    let report = json(&output);
    assert_eq!(code(&output), 0, "{report:#}\n{}", stderr(&output));
    assert_eq!(report["schema_version"], 1);
    let challenges = report["challenges"].as_array().expect("challenges");
    let slugs: Vec<&str> = challenges
        .iter()
        .map(|challenge| challenge["slug"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        slugs,
        [
            "adam",
            "adamw",
            "dropout",
            "glorot-he-initialization",
            "label-smoothing",
            "layer-normalization",
            "residual-connection",
            "scaled-dot-product-attention"
        ]
    );
    for challenge in challenges {
        let slug = &challenge["slug"];
        assert_eq!(challenge["status"], "passed", "{slug}");
        let checks = challenge["checks"].as_array().expect("checks");
        let kinds: Vec<&str> = checks
            .iter()
            .filter_map(|check| check["check"].as_str())
            .collect();
        assert_eq!(
            &kinds[..7],
            [
                "manifest", "paper", "parts", "typed", "lints", "tests", "example"
            ],
            "{slug}"
        );
        // Every shipped boundary is typed somewhere: at least one misuse
        // is rejected by rustc, as its README's ledger says.
        let typed = &checks[3];
        assert_eq!(typed["status"], "passed", "{slug}: {typed:#}");
        assert!(
            typed["details"]
                .as_array()
                .is_some_and(|details| !details.is_empty()
                    && details.iter().all(|detail| detail
                        .as_str()
                        .is_some_and(|line| line.contains(") is rejected: E")))),
            "{slug}: {typed:#}"
        );
        let mutants: Vec<&Value> = checks
            .iter()
            .filter(|check| check["check"] == "mutant")
            .collect();
        assert!(!mutants.is_empty(), "{slug} has at least one mutant");
        for mutant in mutants {
            assert_eq!(mutant["status"], "passed", "{slug}: {mutant:#}");
            assert!(
                mutant["summary"]
                    .as_str()
                    .is_some_and(|summary| summary.starts_with("killed")),
                "{slug}: {mutant:#}"
            );
        }
    }
}

#[derive(Deserialize)]
struct Expected {
    fixture: Vec<ExpectedFixture>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFixture {
    name: String,
    exit: i32,
    failed: Vec<String>,
    skipped: Vec<String>,
    says: Vec<String>,
}

/// Checks the fixture `name` and compares the report with expected.toml.
fn fixture_is_reported_as_expected(name: &str) {
    let text = fs::read_to_string(fixtures().join("expected.toml")).expect("expected.toml");
    let expected: Expected = toml::from_str(&text).expect("expected.toml parses");
    let expected = expected
        .fixture
        .into_iter()
        .find(|fixture| fixture.name == name)
        .unwrap_or_else(|| panic!("expected.toml has no fixture {name}"));
    let path = format!("tests/fixtures/challenges/{name}");
    let output = challenge(repository(), &["check", &path, "--format", "json"]);
    let report = json(&output);
    assert_eq!(code(&output), expected.exit, "{name}: {report:#}");
    let checks = checks(&report);
    let with_status = |status: &str| {
        let mut kinds: Vec<String> = checks
            .iter()
            .filter(|check| check.2 == status)
            .map(|check| check.0.clone())
            .collect();
        kinds.dedup();
        kinds
    };
    assert_eq!(
        with_status("failed"),
        expected.failed,
        "{name}: {checks:#?}"
    );
    assert_eq!(
        with_status("skipped"),
        expected.skipped,
        "{name}: {checks:#?}"
    );
    for fragment in &expected.says {
        assert!(
            checks
                .iter()
                .any(|check| check.2 == "failed" && check.3.contains(fragment.as_str())),
            "{name}: no failed check says {fragment:?}: {checks:#?}"
        );
    }
}

#[test]
fn a_complete_fixture_passes() {
    fixture_is_reported_as_expected("passing");
}

#[test]
fn a_surviving_mutant_is_named() {
    fixture_is_reported_as_expected("surviving-mutant");
}

#[test]
fn a_failing_test_is_named_with_its_panic() {
    fixture_is_reported_as_expected("failing-test");
}

#[test]
fn missing_parts_are_listed_before_anything_builds() {
    fixture_is_reported_as_expected("missing-part");
}

#[test]
fn a_mutant_that_does_not_compile_is_an_authoring_error() {
    fixture_is_reported_as_expected("mutant-does-not-compile");
}

#[test]
fn a_boundary_removed_lets_its_misuse_compile_and_typed_fails() {
    fixture_is_reported_as_expected("boundary-removed");
}

#[test]
fn a_malformed_manifest_is_located_and_exits_2() {
    fixture_is_reported_as_expected("malformed-manifest");
}

#[test]
fn a_mutant_no_test_can_tell_from_the_original_is_possibly_equivalent() {
    fixture_is_reported_as_expected("equivalent-mutant");
}

#[test]
fn paper_problems_are_located_and_exit_2_before_any_build() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join("centring");
    copy_dir(&fixtures().join("passing"), &copy);
    let manifest = copy.join("challenge.toml");
    let text = fs::read_to_string(&manifest).expect("the manifest");
    let text = text
        .replace("year = 2015", "year = 2999")
        .replace("arxiv = \"1502.03167\"", "arxiv = \"arXiv:1502.03167\"");
    fs::write(&manifest, text).expect("write the manifest");
    let library = library().display().to_string();
    let output = challenge(
        dir.path(),
        &[
            "check",
            "centring",
            "--library",
            &library,
            "--format",
            "json",
        ],
    );
    let report = json(&output);
    assert_eq!(code(&output), 2, "{report:#}");
    let checks = checks(&report);
    let paper = checks
        .iter()
        .find(|check| check.0 == "paper")
        .expect("a paper check");
    assert_eq!(paper.2, "failed", "{report:#}");
    for expected in [
        "centring/challenge.toml:11:8: paper.year: 2999 has not happened yet",
        "centring/challenge.toml:12:9: paper.arxiv: write the bare identifier `1502.03167`, without the `arXiv:` prefix",
    ] {
        assert!(paper.3.contains(expected), "{expected}\n{}", paper.3);
    }
    // Every check that builds is skipped: nothing was built.
    for kind in ["parts", "typed", "lints", "tests", "example", "mutant"] {
        assert!(
            checks
                .iter()
                .any(|check| check.0 == kind && check.2 == "skipped"),
            "{kind} waits for the paper: {report:#}"
        );
    }
}

#[test]
fn a_challenge_toml_that_is_not_utf8_is_located_and_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join("centring");
    copy_dir(&fixtures().join("passing"), &copy);
    let manifest = copy.join("challenge.toml");
    let text = fs::read_to_string(&manifest).expect("the manifest");
    let line = text
        .lines()
        .position(|line| line.starts_with("title = "))
        .expect("a title line")
        + 1;
    // `title = "` is 9 characters: the Latin-1 byte replacing the title's
    // first letter is at column 10.
    let mut bytes = text
        .replacen("title = \"", "title = \"\u{0}", 1)
        .into_bytes();
    let at = bytes
        .iter()
        .position(|byte| *byte == 0)
        .expect("the marker");
    bytes[at] = 0xC9;
    fs::write(&manifest, bytes).expect("write the manifest");
    let library = library().display().to_string();
    let output = challenge(
        dir.path(),
        &[
            "check",
            "centring",
            "--library",
            &library,
            "--format",
            "json",
        ],
    );
    let report = json(&output);
    assert_eq!(code(&output), 2, "{report:#}");
    let expected = format!(
        "centring/challenge.toml:{line}:10: encoding: byte 0xC9 is not UTF-8 text; save the file as UTF-8"
    );
    assert!(
        checks(&report).iter().any(|check| check.0 == "manifest"
            && check.2 == "failed"
            && check.3.contains(&expected)),
        "{expected}: {report:#}"
    );
}

/// A challenges folder in a temporary folder, holding a copy of each
/// `(fixture, as)`.
fn challenges_folder(copies: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (fixture, name) in copies {
        copy_dir(
            &fixtures().join(fixture),
            &dir.path().join("challenges/paper-to-rust").join(name),
        );
    }
    dir
}

#[test]
fn in_all_a_broken_manifest_is_one_failing_challenge_and_exits_1() {
    let dir = challenges_folder(&[
        ("malformed-manifest", "a-malformed"),
        ("missing-part", "b-missing"),
    ]);
    let library = library().display().to_string();
    let output = challenge(
        dir.path(),
        &["check", "--all", "--library", &library, "--format", "json"],
    );
    let report = json(&output);
    assert_eq!(code(&output), 1, "some challenge failed: {report:#}");
    assert_eq!(report["summary"]["failed"], 2, "{report:#}");
    let malformed = &report["challenges"][0];
    assert_eq!(malformed["slug"], "a-malformed");
    assert_eq!(malformed["status"], "failed");
    assert!(
        malformed["checks"][0]["details"][0].as_str().is_some_and(
            |detail| detail.contains("a-malformed/challenge.toml:7:1: summary: unknown field")
        ),
        "{report:#}"
    );

    let junit = challenge(
        dir.path(),
        &["check", "--all", "--library", &library, "--format", "junit"],
    );
    let xml = stdout(&junit);
    assert_eq!(code(&junit), 1, "{xml}");
    assert!(xml.contains("<testsuite name=\"a-malformed\""), "{xml}");
    assert!(
        xml.contains("<testcase name=\"manifest\" classname=\"a-malformed\""),
        "{xml}"
    );
    assert!(xml.contains("summary: unknown field `summary`"), "{xml}");

    // The one challenge named, broken the same way, is the command's input
    // at fault: 2.
    let alone = challenge(
        dir.path(),
        &[
            "check",
            "challenges/paper-to-rust/a-malformed",
            "--library",
            &library,
        ],
    );
    assert_eq!(code(&alone), 2, "{}", stdout(&alone));
}

#[test]
fn a_partition_checks_its_interleaved_slice() {
    let dir = challenges_folder(&[
        ("missing-part", "a"),
        ("missing-part", "b"),
        ("missing-part", "c"),
        ("missing-part", "d"),
        ("missing-part", "e"),
    ]);
    let library = library().display().to_string();
    let slugs = |partition: &str| {
        let output = challenge(
            dir.path(),
            &[
                "check",
                "--all",
                "-j",
                "2",
                "--partition",
                partition,
                "--library",
                &library,
                "--format",
                "json",
            ],
        );
        let report = json(&output);
        report["challenges"]
            .as_array()
            .expect("challenges")
            .iter()
            .map(|challenge| challenge["slug"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(slugs("1/2"), ["a", "c", "e"]);
    assert_eq!(slugs("2/2"), ["b", "d"]);
}

#[test]
fn a_hang_names_the_test_that_hung_not_the_regression_test() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join("centring");
    copy_dir(&fixtures().join("passing"), &copy);
    fs::write(
        copy.join("tests/waits.rs"),
        "//! A test that never ends.\n\n\
         #[test]\n\
         fn waits_forever() {\n    \
             loop {\n        \
                 std::thread::sleep(std::time::Duration::from_millis(100));\n    \
             }\n\
         }\n",
    )
    .expect("add the test");
    let manifest = copy.join("challenge.toml");
    let text = fs::read_to_string(&manifest).expect("the manifest");
    fs::write(
        &manifest,
        text.replacen(
            "example = \"worked\"",
            "example = \"worked\"\ntimeout_secs = 2",
            1,
        ),
    )
    .expect("give the challenge a time limit");
    let library = library().display().to_string();
    // The challenge's own limit wins over --timeout, which is for
    // challenges that set none.
    let output = challenge(
        dir.path(),
        &[
            "check",
            "centring",
            "--timeout",
            "300",
            "--library",
            &library,
            "--format",
            "json",
        ],
    );
    let report = json(&output);
    assert_eq!(code(&output), 1, "{report:#}");
    let tests = report["challenges"][0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|check| check["check"] == "tests")
        .expect("a tests check")
        .clone();
    assert_eq!(tests["status"], "failed", "{tests:#}");
    assert_eq!(
        tests["summary"], "1 test did not finish within 2 s",
        "{tests:#}"
    );
    assert_eq!(
        tests["details"][0], "waits: `waits_forever` did not finish within 2 s",
        "{tests:#}"
    );
    let next = tests["next"].as_str().unwrap_or_default();
    assert!(next.starts_with("make `waits_forever` finish"), "{next}");
    assert!(
        !next.contains("centring_card_example"),
        "the regression test passed; it is not to blame: {next}"
    );
}

#[derive(Deserialize)]
struct Weakened {
    weakened: Vec<WeakenedChallenge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeakenedChallenge {
    challenge: String,
    file: String,
    replace: Vec<[String; 2]>,
    survivor: String,
}

#[test]
fn in_every_shipped_challenge_a_weakened_test_lets_a_mutant_survive() {
    let text = fs::read_to_string(fixtures().join("weakened.toml")).expect("weakened.toml");
    let weakened: Weakened = toml::from_str(&text).expect("weakened.toml parses");
    let shipped: Vec<String> = fs::read_dir(repository().join("challenges/paper-to-rust"))
        .expect("the challenges")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            path.join("challenge.toml").is_file().then_some(name)
        })
        .collect();
    let mut covered: Vec<&str> = weakened
        .weakened
        .iter()
        .map(|entry| entry.challenge.as_str())
        .collect();
    covered.sort_unstable();
    let mut shipped_sorted: Vec<&str> = shipped.iter().map(String::as_str).collect();
    shipped_sorted.sort_unstable();
    assert_eq!(
        covered, shipped_sorted,
        "one weakening per shipped challenge"
    );

    let library = library();
    let mut problems = Vec::new();
    for entry in &weakened.weakened {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let copy = dir.path().join(&entry.challenge);
        copy_dir(
            &repository()
                .join("challenges/paper-to-rust")
                .join(&entry.challenge),
            &copy,
        );
        let test_file = copy.join(&entry.file);
        let mut text = fs::read_to_string(&test_file).expect("the test file");
        for [from, to] in &entry.replace {
            assert!(
                text.contains(from.as_str()),
                "{}: {} does not contain {from:?}",
                entry.challenge,
                entry.file
            );
            text = text.replacen(from.as_str(), to, 1);
        }
        fs::write(&test_file, text).expect("weaken the test");
        let output = challenge(
            dir.path(),
            &[
                "check",
                &entry.challenge,
                "--mutant",
                &entry.survivor,
                "--library",
                &library.display().to_string(),
                "--format",
                "json",
            ],
        );
        let report = json(&output);
        let survived = checks(&report)
            .into_iter()
            .any(|(kind, mutant, status, text)| {
                kind == "mutant"
                    && mutant == entry.survivor
                    && status == "failed"
                    && text.contains(&format!("mutant `{}` survived: `", entry.survivor))
                    && text.contains("still passes, so the test does not guard the invariant")
            });
        if code(&output) != 1 || !survived {
            problems.push(format!("{}: {report:#}", entry.challenge));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[derive(Deserialize)]
struct Unbounded {
    unbounded: Vec<UnboundedChallenge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnboundedChallenge {
    challenge: String,
    obligation: String,
    edit: Vec<Edit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    from: String,
    to: String,
}

#[test]
fn in_every_shipped_challenge_removing_the_boundary_lets_a_misuse_compile() {
    let text = fs::read_to_string(fixtures().join("unbounded.toml")).expect("unbounded.toml");
    let unbounded: Unbounded = toml::from_str(&text).expect("unbounded.toml parses");
    let mut covered: Vec<&str> = unbounded
        .unbounded
        .iter()
        .map(|entry| entry.challenge.as_str())
        .collect();
    covered.sort_unstable();
    let mut shipped: Vec<String> = fs::read_dir(repository().join("challenges/paper-to-rust"))
        .expect("the challenges")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            path.join("challenge.toml").is_file().then_some(name)
        })
        .collect();
    shipped.sort_unstable();
    assert_eq!(
        covered, shipped,
        "one removed boundary per shipped challenge"
    );

    let library = library().display().to_string();
    let mut problems = Vec::new();
    for entry in &unbounded.unbounded {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let copy = dir.path().join(&entry.challenge);
        copy_dir(
            &repository()
                .join("challenges/paper-to-rust")
                .join(&entry.challenge),
            &copy,
        );
        for edit in &entry.edit {
            let file = copy.join(&edit.file);
            let text = fs::read_to_string(&file).expect("the source file");
            assert_eq!(
                text.matches(edit.from.as_str()).count(),
                1,
                "{}: {} must contain {:?} exactly once",
                entry.challenge,
                edit.file,
                edit.from
            );
            fs::write(&file, text.replacen(edit.from.as_str(), &edit.to, 1))
                .expect("remove the boundary");
        }
        let output = challenge(
            dir.path(),
            &[
                "check",
                &entry.challenge,
                "--typed",
                "--library",
                &library,
                "--format",
                "json",
            ],
        );
        let report = json(&output);
        let compiles = format!("`{}`: this compiles but must not: ", entry.obligation);
        let caught = checks(&report).into_iter().any(|(kind, _, status, text)| {
            kind == "typed" && status == "failed" && text.contains(&compiles)
        });
        if code(&output) != 1 || !caught {
            problems.push(format!("{}: {report:#}", entry.challenge));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_new_scaffold_is_explained_one_step_at_a_time() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let created = challenge(dir.path(), &["new", "demo-claim"]);
    assert_eq!(code(&created), 0, "{}", stderr(&created));
    assert!(stdout(&created).contains("challenge check challenges/paper-to-rust/demo-claim"));
    let root = dir.path().join("challenges/paper-to-rust/demo-claim");
    for part in [
        "challenge.toml",
        "README.md",
        "Cargo.toml",
        "src/lib.rs",
        "src/claim.rs",
        "tests/claim.rs",
        "examples/worked_example.rs",
        "mutants/plausible_mistake.rs",
        "compile_fail/misuse.rs",
    ] {
        assert!(root.join(part).is_file(), "the scaffold has {part}");
    }
    let library = library().display().to_string();
    let check = |format: &str| {
        challenge(
            dir.path(),
            &[
                "check",
                "challenges/paper-to-rust/demo-claim",
                "--library",
                &library,
                "--format",
                format,
            ],
        )
    };

    // Step 1: the manifest's TODOs, each located, and what to do next.
    let first = check("human");
    let text = stdout(&first);
    assert_eq!(code(&first), 2, "{text}");
    assert!(
        text.contains("challenge.toml:6:9: claim: still the scaffold's TODO: write the paper's one claim, in one sentence"),
        "{text}"
    );
    assert!(
        text.contains("paper.arxiv: still the scaffold's TODO"),
        "{text}"
    );
    assert!(
        text.contains("must_not_compile[0].misuse: still the scaffold's TODO"),
        "{text}"
    );
    assert!(text.contains("Next: (manifest)"), "{text}");
    assert!(text.contains("- lints"), "later checks wait: {text}");

    // Step 2: with the manifest written, the README and the mutant come next.
    let manifest = root.join("challenge.toml");
    let filled = fs::read_to_string(&manifest)
        .expect("the manifest")
        .lines()
        .map(|line| {
            if line.starts_with("year = ") {
                "year = 2010".to_owned()
            } else if line.starts_with("arxiv = ") {
                "url = \"https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf\"".to_owned()
            } else if let Some((key, _)) = line.split_once(" = \"TODO") {
                format!("{key} = \"written by the author\"")
            } else if line.contains("[\"TODO") {
                "authors = [\"Vinod Nair\", \"Geoffrey E. Hinton\"]".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&manifest, filled).expect("fill in the manifest");
    let second = check("json");
    let report = json(&second);
    assert_eq!(code(&second), 1, "{report:#}");
    let checks = checks(&report);
    let status = |kind: &str| {
        checks
            .iter()
            .find(|check| check.0 == kind)
            .map(|check| (check.2.as_str(), check.3.as_str()))
            .unwrap_or_else(|| panic!("no {kind} check: {checks:#?}"))
    };
    assert_eq!(status("manifest").0, "passed", "{checks:#?}");
    assert_eq!(status("paper").0, "passed", "{checks:#?}");
    let (parts, why) = status("parts");
    assert_eq!(parts, "failed");
    assert!(
        why.contains("README.md still has the scaffold's TODOs"),
        "{why}"
    );
    assert!(
        why.contains("mutant `plausible_mistake` (mutants/plausible_mistake.rs) has the same code as src/claim.rs"),
        "{why}"
    );
    assert!(
        why.contains("compile_fail/misuse.rs still has the scaffold's TODO"),
        "{why}"
    );
    assert_eq!(status("typed").0, "skipped");
    assert_eq!(status("lints").0, "skipped");
    assert!(
        report["challenges"][0]["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .any(|check| check["check"] == "parts" && check["next"].is_string()),
        "a failed check says what to do next"
    );
    assert!(
        fs::read_dir(&root)
            .expect("the scaffold")
            .all(|entry| entry.expect("an entry").file_name() != "target"),
        "check builds in a copy, never in the author's folder"
    );
}

#[test]
fn list_shows_each_challenge_with_its_paper() {
    let output = challenge(repository(), &["list"]);
    let text = stdout(&output);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for (slug, citation) in [
        ("adam", "Kingma & Ba, 2014"),
        ("scaled-dot-product-attention", "Vaswani et al., 2017"),
        ("layer-normalization", "Ba et al., 2016"),
        ("adamw", "Loshchilov & Hutter, 2017"),
        ("residual-connection", "He et al., 2015"),
        ("label-smoothing", "Szegedy et al., 2015"),
        ("glorot-he-initialization", "Glorot & Bengio, 2010"),
        ("dropout", "Hinton et al., 2012"),
    ] {
        assert!(
            text.lines()
                .any(|line| line.contains(slug) && line.contains(citation)),
            "{slug} ({citation}) in:\n{text}"
        );
    }
}

#[test]
fn junit_and_human_reports_carry_the_same_verdicts() {
    let path = "tests/fixtures/challenges/missing-part";
    let junit = challenge(repository(), &["check", path, "--format", "junit"]);
    let xml = stdout(&junit);
    assert_eq!(code(&junit), 1, "{xml}");
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(xml.contains("<testsuite name=\"missing-part\""), "{xml}");
    assert!(xml.contains("<testcase name=\"parts\""), "{xml}");
    assert!(xml.contains("README.md is missing"), "{xml}");
    assert!(xml.contains("<skipped"), "{xml}");

    let human = challenge(repository(), &["check", path]);
    let text = stdout(&human);
    assert_eq!(code(&human), 1, "{text}");
    assert!(text.contains("✗ parts"), "{text}");
    assert!(text.contains("Next: (parts)"), "{text}");
    assert!(text.contains("0 of 1 challenge passed"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    let missing = challenge(
        repository(),
        &["check", "challenges/paper-to-rust/no-such-thing"],
    );
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("is not a folder"),
        "{}",
        stderr(&missing)
    );

    let unknown_mutant = challenge(
        repository(),
        &[
            "check",
            "challenges/paper-to-rust/adam",
            "--mutant",
            "no_such_mutant",
        ],
    );
    assert_eq!(code(&unknown_mutant), 2);
    assert!(
        stderr(&unknown_mutant)
            .contains("has no mutant `no_such_mutant`; its mutants are: `no_bias_correction`"),
        "{}",
        stderr(&unknown_mutant)
    );

    let outside = tempfile::tempdir().expect("a temporary folder");
    let copy = outside.path().join("passing");
    copy_dir(&fixtures().join("passing"), &copy);
    let no_library = challenge(outside.path(), &["check", "passing"]);
    assert_eq!(code(&no_library), 2);
    assert!(
        stderr(&no_library).contains("pass --library DIR"),
        "{}",
        stderr(&no_library)
    );

    let taken = challenge(repository(), &["new", "adam"]);
    assert_eq!(code(&taken), 2);
    assert!(
        stderr(&taken).contains("already exists"),
        "{}",
        stderr(&taken)
    );
    let bad_name = challenge(outside.path(), &["new", "Bad_Name"]);
    assert_eq!(code(&bad_name), 2);
    assert!(stderr(&bad_name).contains("lowercase words joined by hyphens"));
}

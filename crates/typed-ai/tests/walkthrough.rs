//! Runs the `category_ml` walkthrough binary and checks what a reader relies
//! on: it succeeds, it has a section for every object of the pipeline in
//! order, each naming the arrow that produced it, and training lowers the
//! loss.

use std::process::Command;
use std::sync::OnceLock;

/// The walkthrough's standard output (the run itself must succeed), from
/// one run shared by every test.
fn walkthrough_output() -> &'static str {
    static OUTPUT: OnceLock<String> = OnceLock::new();
    OUTPUT.get_or_init(run_walkthrough)
}

fn run_walkthrough() -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_category_ml"))
        .output()
        .expect("the category_ml binary can be started");
    assert!(
        output.status.success(),
        "category_ml exited with {}; stderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the walkthrough prints UTF-8")
}

/// The number printed after `label` on the line that starts with it.
fn number_after(output: &str, label: &str) -> f32 {
    let line = output
        .lines()
        .find(|line| line.starts_with(label))
        .unwrap_or_else(|| panic!("no line starts with {label:?} in:\n{output}"));
    line[label.len()..]
        .trim()
        .parse()
        .unwrap_or_else(|error| panic!("{line:?} does not end with a number: {error}"))
}

#[test]
fn every_stage_has_a_section_in_pipeline_order() {
    let output = walkthrough_output();
    let headers: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with("== ") && line.contains("/7 "))
        .collect();
    let stages = [
        "Text",
        "TokenSequence",
        "TrainingSet",
        "Parameters",
        "Distribution",
        "Loss",
        "Parameters, updated",
    ];
    assert_eq!(
        headers.len(),
        stages.len(),
        "expected one section per stage, got {headers:?}"
    );
    for (number, (header, stage)) in headers.iter().zip(stages).enumerate() {
        assert_eq!(*header, format!("== {}/7 {stage} ==", number + 1));
    }
}

#[test]
fn every_section_names_the_arrow_that_produced_it() {
    let output = walkthrough_output();
    for arrow in [
        "arrow: Text::new: &str -> Text",
        "arrow: tokenize: Text -> TokenSequence",
        "arrow: next_token_windows: TokenSequence -> TrainingSet",
        "arrow: Parameters::seeded: (VocabSize, ModelDimension, Seed) -> Parameters",
        "arrow: softmax ∘ linear_to_logits ∘ embedding: TokenId -> Distribution",
        "arrow: cross_entropy: Product<Distribution, TokenId> -> Loss",
        "arrow: train_step: Parameters -> Parameters",
    ] {
        assert!(
            output.contains(arrow),
            "the walkthrough never prints {arrow:?}:\n{output}"
        );
    }
}

#[test]
fn training_lowers_the_loss() {
    let output = walkthrough_output();
    let before = number_after(output, "loss before training:");
    let after_one = number_after(output, "loss after 1 step:");
    let after_many = number_after(output, "loss after 100 steps:");
    // The corpus has 10 distinct characters, so an untrained model that
    // guesses close to uniformly starts near ln 10 = 2.3026.
    assert!(
        (before - 10f32.ln()).abs() < 0.5,
        "the untrained loss ({before}) should be near ln 10 = 2.3026"
    );
    assert!(
        after_one < before,
        "loss after 1 step ({after_one}) must be below the loss before ({before}): \
         gradient descent moves against the gradient"
    );
    assert!(
        after_many < after_one,
        "loss after 100 steps ({after_many}) must be below the loss after 1 step ({after_one})"
    );
}

//! `category_ml`: the tiny next-token model, walked through in the terminal
//! one object at a time:
//!
//! ```text
//! Text -> TokenSequence -> TrainingSet -> Parameters -> Distribution -> Loss -> Parameters
//! ```
//!
//! Each section names the object's type, the arrow (or validated
//! constructor) that produced it, and its value. The walk ends with the loss
//! before training and after one and several training steps.
//!
//! Run it with `cargo run -p typed-ai --bin category_ml`. It uses plain
//! `println!` and nothing but the library.

use std::any::type_name;

use typed_ai::{
    CrossEntropy, Distribution, LearningRate, Loss, MlResult, ModelDimension, Morphism,
    NextTokenWindows, Parameters, Product, Seed, StepCount, Text, TokenId, TokenSequence,
    Tokenizer, TrainStep, TrainingSet, apply_endomorphism_n_times, mean_loss, tiny_model,
};

/// The text the model learns from: short enough to read, with some
/// characters whose successor is certain ('h' is always followed by 'e') and
/// some whose successor is not ('t' is followed by 'h', ' ' or nothing).
const CORPUS: &str = "the cat sat on the mat";
/// Width of the hidden vectors.
const WIDTH: usize = 8;
/// The seed of the starting weights, so every run prints the same numbers.
const SEED: u64 = 2024;
/// The step size of gradient descent.
const LEARNING_RATE: f32 = 0.5;
/// How many steps the final training run takes.
const LONG_RUN: usize = 100;

/// A type's name without its module path: `typed_ai::domain::Product<typed_ai::domain::Loss, u8>`
/// becomes `Product<Loss, u8>`.
fn short_name<T>() -> String {
    let full = type_name::<T>();
    let mut out = String::new();
    let mut segment = String::new();
    let mut chars = full.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            segment.clear();
        } else if c.is_alphanumeric() || c == '_' {
            segment.push(c);
        } else {
            out.push_str(&segment);
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(&segment);
    out
}

/// Prints a section header: its number, the object's type (with an
/// optional note) and the arrow that produced it.
fn section<T>(number: usize, note: &str, arrow: &str) {
    println!("\n== {number}/7 {}{note} ==", short_name::<T>());
    println!("type:  {}", short_name::<T>());
    println!("arrow: {arrow}");
}

/// Values to three decimals, as a list.
fn show(values: &[f32]) -> String {
    let parts: Vec<String> = values.iter().map(|v| format!("{v:.3}")).collect();
    format!("[{}]", parts.join(", "))
}

/// `c (id n)` for a token.
fn describe(tokenizer: &Tokenizer, token: TokenId) -> MlResult<String> {
    Ok(format!(
        "{:?} (id {})",
        tokenizer.character(token)?,
        token.index()
    ))
}

/// The three most likely next tokens of a distribution, most likely first.
fn top_three(tokenizer: &Tokenizer, distribution: &Distribution) -> MlResult<String> {
    let mut ranked: Vec<(usize, f32)> = distribution
        .probabilities()
        .iter()
        .copied()
        .enumerate()
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let parts = ranked
        .iter()
        .take(3)
        .map(|&(index, p)| {
            Ok(format!(
                "{:?} {p:.3}",
                tokenizer.character(TokenId::new(index))?
            ))
        })
        .collect::<MlResult<Vec<String>>>()?;
    Ok(parts.join(", "))
}

fn main() -> MlResult<()> {
    println!("category_ml: one next-token model, one typed object per stage");

    // 1. Text: the raw input.
    section::<Text>(
        1,
        "",
        "Text::new: &str -> Text (validated constructor: not empty)",
    );
    let text = Text::new(CORPUS)?;
    println!("value: {:?}", text.as_str());

    // 2. TokenSequence: characters become vocabulary ids.
    let tokenizer = Tokenizer::from_corpus(CORPUS)?;
    let vocab = tokenizer.vocab_size();
    section::<TokenSequence>(
        2,
        "",
        &format!(
            "{}: {} -> {}",
            tokenizer.name(),
            short_name::<Text>(),
            short_name::<TokenSequence>()
        ),
    );
    let sequence: TokenSequence = tokenizer.apply(text)?;
    let alphabet = (0..vocab.get())
        .map(|index| tokenizer.character(TokenId::new(index)))
        .collect::<MlResult<String>>()?;
    let ids: Vec<usize> = sequence.tokens().iter().map(|t| t.index()).collect();
    println!(
        "vocabulary: {alphabet:?} ({} tokens, id = position)",
        vocab.get()
    );
    println!("value: {ids:?} ({} tokens)", sequence.len());

    // 3. TrainingSet: every adjacent pair is one next-token example.
    section::<TrainingSet>(
        3,
        "",
        &format!(
            "{}: {} -> {}",
            Morphism::<TokenSequence, TrainingSet>::name(&NextTokenWindows),
            short_name::<TokenSequence>(),
            short_name::<TrainingSet>()
        ),
    );
    let data: TrainingSet = NextTokenWindows.apply(sequence.clone())?;
    for (n, example) in data.examples().iter().take(5).enumerate() {
        println!(
            "{} after {} comes {}",
            if n == 0 { "value:" } else { "      " },
            describe(&tokenizer, example.input())?,
            describe(&tokenizer, example.target())?
        );
    }
    println!(
        "       ... {} examples in all ({} tokens give {} adjacent pairs)",
        data.len(),
        sequence.len(),
        sequence.len() - 1
    );

    // 4. Parameters: the model's weights, seeded so every run is the same.
    let dim = ModelDimension::new(WIDTH)?;
    section::<Parameters>(
        4,
        "",
        &format!(
            "Parameters::seeded: ({}, {}, {}) -> {}",
            short_name::<typed_ai::VocabSize>(),
            short_name::<ModelDimension>(),
            short_name::<Seed>(),
            short_name::<Parameters>()
        ),
    );
    let parameters = Parameters::seeded(vocab, dim, Seed::new(SEED));
    let embedding = parameters.embedding();
    let weight = parameters.output_weight();
    println!(
        "value: embedding {}x{} (one row per token), output weight {}x{} (one row per score), output bias {}",
        embedding.rows(),
        embedding.cols(),
        weight.rows(),
        weight.cols(),
        parameters.output_bias().len()
    );
    println!(
        "       {} weights in all, uniform in [-0.5, 0.5); the bias starts at 0",
        parameters.to_flat().len()
    );

    // 5. Distribution: the model's prediction for the first example's input.
    let model = tiny_model(&parameters)?;
    section::<Distribution>(
        5,
        "",
        &format!(
            "{}: {} -> {}",
            Morphism::<TokenId, Distribution>::name(&model),
            short_name::<TokenId>(),
            short_name::<Distribution>()
        ),
    );
    let first = data.examples()[0];
    // The composite's halves can be applied one at a time to see the
    // middle objects.
    let hidden = model.first().first().apply(first.input())?;
    let scores = model.first().second().apply(hidden.clone())?;
    let prediction: Distribution = model.apply(first.input())?;
    println!("input: {}", describe(&tokenizer, first.input())?);
    println!(
        "       embedding        -> Vector {}",
        show(hidden.values())
    );
    println!(
        "       linear_to_logits -> Logits {}",
        show(scores.scores())
    );
    println!(
        "value: softmax          -> {}",
        show(prediction.probabilities())
    );
    println!(
        "       most likely next: {} (untrained: close to uniform, 1/{} = {:.3})",
        top_three(&tokenizer, &prediction)?,
        vocab.get(),
        1.0 / vocab.get() as f32
    );

    // 6. Loss: how surprised the model is by the true next token.
    section::<Loss>(
        6,
        "",
        &format!(
            "{}: {} -> {}",
            CrossEntropy.name(),
            short_name::<Product<Distribution, TokenId>>(),
            short_name::<Loss>()
        ),
    );
    let p_target = prediction.probability(first.target())?;
    let loss = CrossEntropy.apply(Product::new(prediction, first.target()))?;
    println!(
        "value: target {}, p = {p_target:.4}, loss = -ln p = {:.4}",
        describe(&tokenizer, first.target())?,
        loss.value()
    );
    let before = mean_loss(&parameters, &data)?;
    println!(
        "       mean over all {} examples: {:.4} (ln {} = {:.4} would be a uniform guess)",
        data.len(),
        before.value(),
        vocab.get(),
        (vocab.get() as f32).ln()
    );

    // 7. Parameters again: one gradient step maps parameters to parameters.
    let step = TrainStep::new(data.clone(), LearningRate::new(LEARNING_RATE)?);
    section::<Parameters>(
        7,
        ", updated",
        &format!(
            "{}: {} -> {} (an endomorphism, so it can be repeated)",
            step.name(),
            short_name::<Parameters>(),
            short_name::<Parameters>()
        ),
    );
    let after_one = step.apply(parameters.clone())?;
    let moved = parameters
        .to_flat()
        .iter()
        .zip(after_one.to_flat())
        .map(|(old, new)| (old - new).abs())
        .fold(0.0_f32, f32::max);
    println!(
        "value: output bias after one step {} (largest change to any weight {moved:.4})",
        show(after_one.output_bias().values())
    );
    let loss_one = mean_loss(&after_one, &data)?;
    let trained = apply_endomorphism_n_times(&step, parameters, StepCount::new(LONG_RUN))?;
    let loss_long = mean_loss(&trained, &data)?;
    let prediction = tiny_model(&trained)?.apply(first.input())?;
    println!(
        "       after {LONG_RUN} steps, after {} comes: {}",
        describe(&tokenizer, first.input())?,
        top_three(&tokenizer, &prediction)?
    );
    let successors = data
        .examples()
        .iter()
        .filter(|example| example.input() == first.input())
        .map(|example| tokenizer.character(example.target()))
        .collect::<MlResult<Vec<char>>>()?;
    println!("       (in the text it is followed by {successors:?}: the model learns those odds)");

    println!("\n== the loss, step by step (learning rate {LEARNING_RATE}) ==");
    println!("loss before training: {:.4}", before.value());
    println!("loss after 1 step: {:.4}", loss_one.value());
    println!("loss after {LONG_RUN} steps: {:.4}", loss_long.value());
    Ok(())
}

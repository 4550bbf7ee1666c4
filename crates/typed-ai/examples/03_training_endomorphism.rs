//! Training as an endomorphism: one gradient step is an arrow
//! `Parameters -> Parameters`, so it can be applied to its own output, and
//! "train for n steps" is that arrow repeated n times.
//!
//! Run it with `cargo run -p typed-ai --example 03_training_endomorphism`.
//! It prints the model's predictions before training, the mean loss falling
//! over the steps, and the predictions after.

use typed_ai::{
    Distribution, LearningRate, MlResult, ModelDimension, Morphism, Parameters, Repeat, Seed,
    StepCount, Text, TokenId, Tokenizer, TrainStep, apply_endomorphism_n_times, mean_loss,
    next_token_examples, tiny_model,
};

/// Values to three decimals, as a list.
fn show(values: &[f32]) -> String {
    let parts: Vec<String> = values.iter().map(|v| format!("{v:.3}")).collect();
    format!("[{}]", parts.join(", "))
}

/// For every token, the model's probabilities for the next one and its best
/// guess.
fn print_predictions(parameters: &Parameters, tokenizer: &Tokenizer) -> MlResult<()> {
    let model = tiny_model(parameters)?;
    for index in 0..tokenizer.vocab_size().get() {
        let token = TokenId::new(index);
        let next: Distribution = model.apply(token)?;
        let probabilities: Vec<String> = next
            .probabilities()
            .iter()
            .map(|p| format!("{p:.2}"))
            .collect();
        println!(
            "   after {:?}: [{}]  best guess {:?}",
            tokenizer.character(token)?,
            probabilities.join(", "),
            tokenizer.character(next.argmax())?
        );
    }
    Ok(())
}

fn main() -> MlResult<()> {
    // In "banana", 'b' and 'n' are always followed by 'a', and 'a' by 'n'
    // (the final 'a' has no successor, so it gives no example).
    let corpus = "banana";
    let tokenizer = Tokenizer::from_corpus(corpus)?;
    let sequence = tokenizer.apply(Text::new(corpus)?)?;
    let data = next_token_examples(&sequence)?;
    let vocab = tokenizer.vocab_size();
    let alphabet = (0..vocab.get())
        .map(|index| tokenizer.character(TokenId::new(index)))
        .collect::<MlResult<String>>()?;
    println!(
        "vocabulary {alphabet:?}, {} next-token examples from {corpus:?}\n",
        data.len()
    );

    let step = TrainStep::new(data.clone(), LearningRate::new(1.0)?);
    println!(
        "the step: {}: Parameters -> Parameters (learning rate {})\n",
        step.name(),
        step.learning_rate().value()
    );

    let start = Parameters::seeded(vocab, ModelDimension::new(4)?, Seed::new(7));
    println!("predictions before training:");
    print_predictions(&start, &tokenizer)?;

    println!("\n step | mean loss");
    println!("------+----------");
    let checkpoints = [0, 1, 2, 5, 10, 20, 50, 100];
    let mut parameters = start.clone();
    let mut done = 0;
    for &at in &checkpoints {
        // Each stretch between two checkpoints is the same step repeated.
        parameters = apply_endomorphism_n_times(&step, parameters, StepCount::new(at - done))?;
        done = at;
        println!("{at:>5} | {:.4}", mean_loss(&parameters, &data)?.value());
    }
    println!(
        "(ln {} = {:.4} is the loss of a uniform guess)",
        vocab.get(),
        (vocab.get() as f32).ln()
    );

    println!("\npredictions after {done} steps:");
    print_predictions(&parameters, &tokenizer)?;
    println!("\nthe output bias, one offset per token's score:");
    println!("   before {}", show(start.output_bias().values()));
    println!(
        "   after  {}   ('b' never comes next, so its score is pushed down)",
        show(parameters.output_bias().values())
    );

    // Repeating an endomorphism gives an endomorphism: 100 steps is itself
    // one arrow Parameters -> Parameters, with the same result.
    let hundred = Repeat::new(step, StepCount::new(100));
    let same = hundred.apply(start)?;
    println!(
        "\n{}: Parameters -> Parameters gives the same parameters: {}",
        hundred.name(),
        same == parameters
    );
    Ok(())
}

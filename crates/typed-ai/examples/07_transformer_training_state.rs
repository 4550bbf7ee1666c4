//! Trains a one-block transformer on the text "hello hello" and prints what a
//! reader should watch: the training state (shapes, step, learning rate), the
//! loss falling step by step, and the next character the model predicts
//! before and after training.
//!
//! Run it with `cargo run -p typed-ai --example 07_transformer_training_state`.
//!
//! The interesting prediction is after "hel" versus after "hell": both end in
//! `l`, yet the next character differs (`l`, then `o`). A model that only saw
//! the last token could not tell them apart; attention over the earlier
//! positions can.

use typed_ai::{
    LearningRate, MlResult, ModelDimension, Morphism, Seed, StepCount, Text, TokenId, Tokenizer,
    TransformerConfig, TransformerParameters, TransformerTrainStep, TransformerTrainingState,
    apply_endomorphism_n_times,
};

const CORPUS: &str = "hello hello";
const PROMPTS: [&str; 4] = ["h", "he", "hel", "hell"];
const REPORT_EVERY: usize = 10;
const REPORTS: usize = 8;

fn main() -> MlResult<()> {
    let tokenizer = Tokenizer::from_corpus(CORPUS)?;
    let tokens = tokenizer.apply(Text::new(CORPUS)?)?;
    let config = TransformerConfig::new(
        tokenizer.vocab_size(),
        ModelDimension::new(8)?,
        2,
        16,
        tokens.len(),
    )?;
    let step = TransformerTrainStep::new(vec![tokens])?;
    let mut state = TransformerTrainingState::new(
        TransformerParameters::seeded(config, Seed::new(7)),
        LearningRate::new(0.1)?,
    );

    let initial = state.parameters().clone();
    println!("== The training state");
    print_state(&state, &tokenizer)?;
    println!(
        "the model as one typed arrow TokenSequence -> Vec<Logits>:\n  {}",
        initial.typed_model()?.name()
    );

    println!("\n== Next-character predictions before training");
    print_predictions(state.parameters(), &tokenizer)?;

    println!("\n== Training: `{}` applied to the state", step.name());
    println!(
        "(chance level for {} tokens is ln {0} = {:.3})",
        config.vocab().get(),
        (config.vocab().get() as f32).ln()
    );
    println!(
        "step {:>3}  loss {:.4}",
        state.step().get(),
        step.loss(&state)?.value()
    );
    for _ in 0..REPORTS {
        state = apply_endomorphism_n_times(&step, state, StepCount::new(REPORT_EVERY))?;
        println!(
            "step {:>3}  loss {:.4}",
            state.step().get(),
            step.loss(&state)?.value()
        );
    }

    println!("\n== Next-character predictions after training");
    print_predictions(state.parameters(), &tokenizer)?;

    println!("\n== The state now");
    println!(
        "step {}, learning rate {} (the step changed the weights and the count, not the rate)",
        state.step().get(),
        state.learning_rate().value()
    );
    println!("  {:<24} {:>9}", "tensor", "rms before → after");
    let before = initial.parts().named_tensors();
    for (old, new) in before
        .iter()
        .zip(state.parameters().parts().named_tensors())
    {
        println!(
            "  {:<24} {:.3} → {:.3}",
            new.name,
            rms(old.values),
            rms(new.values)
        );
    }
    Ok(())
}

fn print_state(state: &TransformerTrainingState, tokenizer: &Tokenizer) -> MlResult<()> {
    let parameters = state.parameters();
    let config = parameters.config();
    let alphabet = (0..config.vocab().get())
        .map(|i| {
            tokenizer
                .character(TokenId::new(i))
                .map(|c| format!("{c:?}"))
        })
        .collect::<MlResult<Vec<_>>>()?;
    println!(
        "step {}, learning rate {}",
        state.step().get(),
        state.learning_rate().value()
    );
    println!(
        "vocabulary {} [{}], model width {}, {} heads of width {}, feed-forward width {}, context {}",
        config.vocab().get(),
        alphabet.join(", "),
        config.model_dimension().get(),
        config.heads(),
        config.head_dimension(),
        config.feed_forward_width(),
        config.context_length()
    );
    for tensor in parameters.parts().named_tensors() {
        println!(
            "  {:<24} {:>5}   rms {:.3}",
            tensor.name,
            tensor.shape.to_string(),
            rms(tensor.values)
        );
    }
    println!("  {} numbers in all", parameters.parameter_count());
    Ok(())
}

fn print_predictions(parameters: &TransformerParameters, tokenizer: &Tokenizer) -> MlResult<()> {
    for prompt in PROMPTS {
        let next = parameters.next_token_distribution(&tokenizer.apply(Text::new(prompt)?)?)?;
        let best = next.argmax();
        println!(
            "  after {:<8} the model predicts {:?} with probability {:.2}",
            format!("{prompt:?}"),
            tokenizer.character(best)?,
            next.probability(best)?
        );
    }
    Ok(())
}

/// The root mean square of a tensor's entries: its typical size.
fn rms(values: &[f32]) -> f32 {
    (values.iter().map(|w| w * w).sum::<f32>() / values.len() as f32).sqrt()
}

// Chapter 14.6: train the tiny transformer
//
// Everything comes together: the one-block transformer of this chapter,
// trained with AdamW on a corpus of four words,
//
//     cat.   car.   bat.   bar.
//
// one word per step, round and round. After c or b comes a, and after t or
// r comes the full stop: those letters are certain. The third letter is a
// coin flip: after "ca", and after "ba", t and r are equally likely, so no
// model can give the right one more than 1/2. The best possible mean loss
// over a word's three predictions is therefore (0 + ln 2 + 0) / 3 = 0.2310,
// while an untrained model guesses among 6 characters, about ln 6 = 1.79.
// You will watch the loss travel from the one to the other.
//
// Each word has its own AdamW step (the same hyper-parameters, a different
// batch), and the optimizer's memory must travel through all of them. The
// four words disagree about the third letter, so their gradients there
// point in opposite directions; Adam's first moment averages them out and
// the steps shrink as training settles. The training loop below was written
// for plain gradient descent, which needs nothing but the parameters. Make
// it carry what AdamW needs. Done means `main` runs to the end: it draws the
// loss curve, then checks that the loss starts near ln 6 and settles on the
// coin-flip floor.

use typed_ai::{
    AdamConfig, LearningRate, MlResult, ModelDimension, Morphism, NamedTensor, Seed, TensorShape,
    Text, TokenId, TokenSequence, Tokenizer, TransformerAdamWState, TransformerAdamWStep,
    TransformerConfig, TransformerParameters, WeightDecay,
};

const WORDS: [&str; 4] = ["cat.", "car.", "bat.", "bar."];
const STEPS: usize = 80;
/// The plot: one column per 2 steps, one row per 1/11 of the largest loss.
const WIDTH: usize = 40;
const HEIGHT: usize = 12;

/// Decay the matrices, keep the gains and biases (chapter 14.5).
fn decays(tensor: &NamedTensor) -> bool {
    matches!(tensor.shape, TensorShape::Matrix { .. })
}

/// One AdamW step per word: lr 0.05, lambda 0.01, each on its own word.
fn word_steps(corpus: &[TokenSequence]) -> MlResult<Vec<TransformerAdamWStep>> {
    corpus
        .iter()
        .map(|word| {
            TransformerAdamWStep::new(
                vec![word.clone()],
                AdamConfig::with_defaults(LearningRate::new(0.05)?),
                WeightDecay::new(0.01)?,
                decays,
            )
        })
        .collect()
}

/// Trains from `start` for `steps` steps, applying the steps of `per_word`
/// in turn, word after word. Returns the trained parameters and the mean
/// loss on the whole corpus before training and after every step.
fn train(
    per_word: &[TransformerAdamWStep],
    corpus: &[TokenSequence],
    start: TransformerParameters,
    steps: usize,
) -> MlResult<(TransformerParameters, Vec<f32>)> {
    let mut losses = vec![start.loss(corpus)?.value()];
    // TODO: what must travel from one step to the next?
    let mut parameters = start;
    for n in 0..steps {
        parameters = per_word[n % per_word.len()].apply(parameters)?;
        losses.push(parameters.loss(corpus)?.value());
    }
    Ok((parameters, losses))
}

/// The loss curve as a scatter of `*`, steps left to right, with the floor
/// drawn as a dotted line.
fn plot(losses: &[f32], floor: f32) -> String {
    let top = losses.iter().copied().fold(floor, f32::max);
    // Row 0 is the top of the picture; row HEIGHT - 1 is a loss of 0.
    let row = |loss: f32| HEIGHT - 1 - (loss / top * (HEIGHT - 1) as f32).round() as usize;
    let mut grid = vec![vec![' '; WIDTH]; HEIGHT];
    grid[row(floor)].fill('·');
    for (step, &loss) in losses.iter().enumerate() {
        grid[row(loss)][step * (WIDTH - 1) / (losses.len() - 1)] = '*';
    }
    let mut text = String::from("loss\n");
    for (r, cells) in grid.iter().enumerate() {
        let line: String = cells.iter().collect();
        let (label, note) = if r == 0 {
            (format!("{top:5.2}"), "")
        } else if r == row(floor) {
            (
                format!("{floor:5.2}"),
                "  ln 2 / 3, the best any model can do",
            )
        } else if r == HEIGHT - 1 {
            (format!("{:5.2}", 0.0), "")
        } else {
            (" ".repeat(5), "")
        };
        text += &format!("{label} |{line}{note}\n");
    }
    text += &format!("      +{}\n", "-".repeat(WIDTH));
    text += &format!("       0{:>w$} steps", losses.len() - 1, w = WIDTH - 1);
    text
}

/// The two likeliest characters after `prompt`, with their probabilities.
fn likeliest(
    model: &TransformerParameters,
    tokenizer: &Tokenizer,
    prompt: &str,
) -> MlResult<String> {
    let next = model.next_token_distribution(&tokenizer.apply(Text::new(prompt)?)?)?;
    let mut ranked: Vec<(usize, f32)> = next.probabilities().iter().copied().enumerate().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let shown = ranked
        .iter()
        .take(2)
        .map(|&(token, p)| {
            let character = tokenizer.character(TokenId::new(token))?;
            Ok(format!("{character} {:>3.0}%", 100.0 * p))
        })
        .collect::<MlResult<Vec<_>>>()?;
    Ok(shown.join("   "))
}

fn main() -> MlResult<()> {
    let tokenizer = Tokenizer::from_corpus(&WORDS.concat())?;
    let corpus = WORDS
        .iter()
        .map(|word| tokenizer.apply(Text::new(*word)?))
        .collect::<MlResult<Vec<_>>>()?;
    let config = TransformerConfig::new(tokenizer.vocab_size(), ModelDimension::new(8)?, 2, 16, 4)?;
    let start = TransformerParameters::seeded(config, Seed::new(7));
    println!(
        "Training {} weights on {}, one word per step, with AdamW.\n",
        start.parameter_count(),
        WORDS.join(" ")
    );

    let (trained, losses) = train(&word_steps(&corpus)?, &corpus, start, STEPS)?;
    let floor = 2f32.ln() / 3.0;
    let chance = 6f32.ln();
    println!("{}\n", plot(&losses, floor));
    let (first, last) = (losses[0], losses[losses.len() - 1]);
    println!(
        "first loss {first:.4} (chance: ln 6 = {chance:.4}), last loss {last:.4} \
         (floor: ln 2 / 3 = {floor:.4})\n"
    );
    for prompt in ["c", "ca", "cat", "b", "ba", "bar"] {
        println!(
            "after {:<6} {}",
            format!("\"{prompt}\""),
            likeliest(&trained, &tokenizer, prompt)?
        );
    }

    // The definition of done.
    assert!(
        (first - chance).abs() < 0.3,
        "the untrained model's loss is {first:.4}; guessing among 6 characters costs about \
         ln 6 = {chance:.4}"
    );
    let settled = losses[losses.len() / 2..]
        .iter()
        .copied()
        .fold(0.0, f32::max);
    assert!(
        settled < floor + 0.05,
        "in the second half of training the loss reached {settled:.4}; a trained model stays \
         within 0.05 of the floor, ln 2 / 3 = {floor:.4}. Steps that never settle are steps \
         that forget: does everything one step produces, the weights and the optimizer's \
         moments, reach the next step?"
    );
    assert!(
        (last - floor).abs() < 0.01,
        "after {STEPS} steps the loss is {last:.4}, not the coin-flip floor ln 2 / 3 = {floor:.4} \
         that a trained model reaches"
    );
    Ok(())
}

//! A tour of `structure` and `calculus` on the tiny next-token model:
//! a functor mapping a batch, a naturality square, monoid folds of a pipeline
//! trace and of losses, and chain-rule gradients next to central differences.
//!
//! Run it with `cargo run -p typed-ai --example 04_structure_and_calculus`.

use typed_ai::{
    Affine, Batch, BatchFunctor, BinaryOp, Compose, CrossEntropy, DifferenceStep, Differentiable,
    Distribution, FirstElement, Functor, GradientTolerance, LabelledDistribution, LocalGradient,
    Logits, Loss, LossTotal, MaxScore, MlResult, ModelDimension, Monoid, Morphism, MulOp,
    NaturalTransformation, Parameters, PipelineTrace, Product, Scalar, Seed, Sigmoid, Softmax,
    Square, TokenId, Tokenizer, Traced, VecFunctor, Vector, check_binary_op, check_derivative,
    check_naturality, fold_all, next_token_examples, softmax_cross_entropy_gradient, tiny_model,
};
use typed_ai::{Embedding, LinearToLogits, MlError, Text};

/// Whether a character is a vowel: a coarser outcome to relabel predictions
/// into.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sound {
    Vowel,
    Consonant,
}

fn sound(c: char) -> Sound {
    if "aeiou".contains(c) {
        Sound::Vowel
    } else {
        Sound::Consonant
    }
}

fn main() -> MlResult<()> {
    let corpus = "banana bandana";
    let tokenizer = Tokenizer::from_corpus(corpus)?;
    let vocab = tokenizer.vocab_size();
    let characters: Vec<char> = (0..vocab.get())
        .map(|i| tokenizer.character(TokenId::new(i)))
        .collect::<MlResult<_>>()?;
    let decode = |token: TokenId| characters[token.index()];
    let params = Parameters::seeded(vocab, ModelDimension::new(4)?, Seed::new(42));
    let model = tiny_model(&params)?;

    println!("corpus {corpus:?}, vocabulary {characters:?}\n");

    // ── 1. A functor keeps the container ────────────────────────────────
    println!("1. Functors: map the contents, keep the container");
    let tokens = tokenizer.apply(Text::new("banana")?)?;
    let batch = Batch::from(&next_token_examples(&tokens)?);
    let pairs = BatchFunctor::fmap(batch.clone(), |e| {
        format!("{}→{}", decode(e.input()), decode(e.target()))
    });
    println!("   batch of examples       {:?}", pairs.as_slice());
    let targets: Batch<TokenId> = BatchFunctor::fmap(batch.clone(), |e| e.target());
    let target_chars = BatchFunctor::fmap(targets, decode);
    println!(
        "   fmap(batch, target)     {:?}  (still a Batch of {}, same order)",
        target_chars.as_slice(),
        target_chars.len()
    );
    let losses: Batch<MlResult<Loss>> = BatchFunctor::fmap(batch.clone(), |e| {
        let prediction = model.apply(e.input())?;
        CrossEntropy.apply(Product::new(prediction, e.target()))
    });
    let losses: Vec<Loss> = losses.into_iter().collect::<MlResult<_>>()?;
    let shown: Vec<String> = losses.iter().map(|l| format!("{:.3}", l.value())).collect();
    println!("   fmap(batch, loss)       {shown:?}");

    let after_b = model.apply(tokenizer_token(&tokenizer, 'b')?)?;
    let named = LabelledDistribution::from_distribution(&after_b, characters.clone())?;
    let by_sound = named.clone().map(sound);
    println!("   P(next | 'b')           {}", show(&named));
    println!(
        "   map(vowel/consonant)    {}  (mass moved, not created: total {:.4})",
        show(&by_sound),
        by_sound.total()
    );

    // ── 2. A naturality square ─────────────────────────────────────────
    println!("\n2. Naturality: take the top candidate before or after decoding");
    let ranked = ranked_candidates(&after_b);
    let decode_then_first = FirstElement.transform(VecFunctor::fmap(ranked.clone(), decode));
    let first_then_decode = FirstElement.transform(ranked.clone()).map(decode);
    println!(
        "   ranked ids {:?}",
        ranked.iter().map(|t| t.index()).collect::<Vec<_>>()
    );
    println!("   decode, then first: {decode_then_first:?}");
    println!("   first, then decode: {first_then_decode:?}");
    match check_naturality(&FirstElement, ranked.clone(), decode) {
        Ok(()) => println!("   the square commutes"),
        Err(violation) => println!("   {violation}"),
    }
    // Choosing the largest id instead looks at the values: renumber the
    // vocabulary (reverse the ids, same characters) and it picks another token.
    let last = vocab.get() - 1;
    let renumber = |t: TokenId| TokenId::new(last - t.index());
    let max_then_renumber = ranked.iter().copied().max().map(renumber);
    let renumber_then_max = ranked.iter().copied().map(renumber).max();
    println!(
        "   by contrast, \"largest id\" is not natural: with the ids renumbered in reverse,\n   \
         largest-then-renumber = {:?} but renumber-then-largest = {:?}",
        max_then_renumber.map(TokenId::index),
        renumber_then_max.map(TokenId::index)
    );

    // ── 3. Monoids: traces and losses ──────────────────────────────────
    println!("\n3. Monoids: fold from empty, split anywhere");
    let embedding = Embedding::new(params.embedding().clone());
    let to_logits =
        LinearToLogits::new(params.output_weight().clone(), params.output_bias().clone())?;
    let traced = Compose::<_, _, Product<Logits, PipelineTrace>>::new(
        Compose::<_, _, Product<Vector, PipelineTrace>>::new(
            Traced::new(embedding),
            Traced::new(to_logits),
        ),
        Traced::new(Softmax),
    );
    let start = Product::new(tokenizer_token(&tokenizer, 'n')?, PipelineTrace::empty());
    let (_, trace): (Distribution, PipelineTrace) = traced.apply(start)?.into_parts();
    println!("   trace of one forward pass   {trace}");
    let two_passes = trace.combine(&trace);
    println!(
        "   trace ⊕ trace               {} arrows: {two_passes}",
        two_passes.len()
    );

    let totals: Vec<LossTotal> = losses.iter().copied().map(LossTotal::of).collect();
    let whole = fold_all(totals.iter().copied());
    let (left, right) = totals.split_at(2);
    let shard_a = fold_all(left.iter().copied());
    let shard_b = fold_all(right.iter().copied());
    println!(
        "   mean loss, whole batch      {:.4} = {:.4} / {}",
        whole.mean()?.value(),
        whole.sum(),
        whole.count()
    );
    println!(
        "   shards (sum, count)         ({:.4}, {}) ⊕ ({:.4}, {}) → mean {:.4}",
        shard_a.sum(),
        shard_a.count(),
        shard_b.sum(),
        shard_b.count(),
        shard_a.combine(&shard_b).mean()?.value()
    );
    let mean_of_means = (shard_a.mean()?.value() + shard_b.mean()?.value()) / 2.0;
    println!("   mean of the shard means     {mean_of_means:.4}  (wrong: ignores the counts)");

    let logits = Logits::new(vec![-3.0, -1.5, -2.0])?;
    let scores: Vec<MaxScore> = logits
        .scores()
        .iter()
        .map(|&s| MaxScore::new(s))
        .collect::<MlResult<_>>()?;
    println!(
        "   max of {:?} from −∞   {}",
        logits.scores(),
        fold_all(scores).value()
    );

    // ── 4. The chain rule next to central differences ──────────────────
    println!("\n4. Gradients: backward rules and their central differences");
    let step = DifferenceStep::new(1e-2)?;
    let tolerance = GradientTolerance::new(1e-3)?;

    let (x, y) = (Scalar::new(2.0)?, Scalar::new(3.0)?);
    let product = MulOp::new(x, y);
    let (dx, dy) = product.backward(LocalGradient::one())?;
    let [check_x, check_y] = check_binary_op(MulOp::new, x, y, step, tolerance)?;
    println!(
        "   z = x·y at (2, 3) = {}: dz/dx = {} (y), dz/dy = {} (x)",
        product.forward()?.value(),
        dx.value(),
        dy.value()
    );
    println!("     dz/dx {check_x}");
    println!("     dz/dy {check_y}");

    let inner =
        Compose::<_, _, Scalar>::new(Affine::new(Scalar::new(3.0)?, Scalar::new(-1.0)?), Sigmoid);
    let loss = Compose::<_, _, Scalar>::new(inner, Square);
    let at = Scalar::new(0.5)?;
    println!(
        "   L(x) = σ(3x − 1)² at 0.5 = {:.6}; dL/dx = 2σ·σ(1 − σ)·3 = {:.6}",
        loss.apply(at)?.value(),
        loss.derivative(at)?.value()
    );
    println!(
        "     {}",
        check_derivative(&loss, at, step, GradientTolerance::new(1e-2)?)?
    );

    let gradient = softmax_cross_entropy_gradient(&after_b, tokenizer_token(&tokenizer, 'a')?)?;
    let shown: Vec<String> = gradient.iter().map(|g| format!("{g:+.3}")).collect();
    println!(
        "   dL/dlogits after 'b' with target 'a' = p − one_hot = {shown:?}, sum {:+.1e}",
        gradient.iter().sum::<f32>()
    );
    Ok(())
}

/// The token id of one character of the vocabulary.
fn tokenizer_token(tokenizer: &Tokenizer, c: char) -> MlResult<TokenId> {
    let tokens = tokenizer.apply(Text::new(c.to_string())?)?;
    tokens
        .tokens()
        .first()
        .copied()
        .ok_or(MlError::EmptyInput("token sequence"))
}

/// Token ids from most to least likely.
fn ranked_candidates(prediction: &Distribution) -> Vec<TokenId> {
    let mut ids: Vec<TokenId> = (0..prediction.len()).map(TokenId::new).collect();
    let p = prediction.probabilities();
    ids.sort_by(|a, b| p[b.index()].total_cmp(&p[a.index()]));
    ids
}

/// `{outcome: probability, ...}` with three decimals.
fn show<O: std::fmt::Debug>(d: &LabelledDistribution<O>) -> String {
    let entries: Vec<String> = d
        .entries()
        .iter()
        .map(|(o, p)| format!("{o:?}: {p:.3}"))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

//! The shape and the weights of the one-block transformer:
//! [`TransformerConfig`] (how big each part is), [`TransformerParts`] (the
//! fourteen named tensors, unchecked) and [`TransformerParameters`] (the same
//! tensors, checked against the configuration).
//!
//! This file only holds and checks weights. Running them is `forward`,
//! differentiating them is `backward`, and changing them is `training`.

use std::fmt;

use crate::domain::{Matrix, ModelDimension, Vector, VocabSize};
use crate::error::{MlError, MlResult};
use crate::rng::{Seed, SeededRng};

/// The sizes of a one-block transformer: vocabulary, model width, number of
/// attention heads, feed-forward width and context length.
///
/// ```
/// use typed_ai::{ModelDimension, TransformerConfig, VocabSize};
/// let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 8)?;
/// assert_eq!(config.head_dimension(), 4); // 8 features shared by 2 heads
/// assert!(TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 3, 16, 8).is_err());
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TransformerConfig {
    vocab: VocabSize,
    model_dimension: ModelDimension,
    heads: usize,
    feed_forward_width: usize,
    context_length: usize,
}

impl TransformerConfig {
    /// Checks that there is at least one head, that the heads split the model
    /// width evenly (each head reads `model_dimension / heads` features), that
    /// the feed-forward width and the context length are not zero, and that
    /// the model fits in memory.
    ///
    /// The last check is `ShapeMismatch { op: "transformer config", .. }`: the
    /// forward and backward passes hold every weight tensor, and every `T × T`,
    /// `T × V` and `T × m` table of one sequence, as one allocation of `f64`,
    /// and a size whose product overflows would otherwise wrap silently.
    ///
    /// ```
    /// use typed_ai::{MlError, ModelDimension, TransformerConfig, VocabSize};
    /// let too_long = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, usize::MAX);
    /// assert!(matches!(too_long, Err(MlError::ShapeMismatch { op: "transformer config", .. })));
    /// # Ok::<(), MlError>(())
    /// ```
    pub fn new(
        vocab: VocabSize,
        model_dimension: ModelDimension,
        heads: usize,
        feed_forward_width: usize,
        context_length: usize,
    ) -> MlResult<Self> {
        if heads == 0 {
            return Err(MlError::EmptyInput("attention heads"));
        }
        if !model_dimension.get().is_multiple_of(heads) {
            return Err(MlError::ShapeMismatch {
                op: "transformer config",
                expected: format!("a model dimension divisible by {heads} heads"),
                got: format!("model dimension {}", model_dimension.get()),
            });
        }
        if feed_forward_width == 0 {
            return Err(MlError::EmptyInput("feed-forward width"));
        }
        if context_length == 0 {
            return Err(MlError::EmptyInput("context length"));
        }
        let config = Self {
            vocab,
            model_dimension,
            heads,
            feed_forward_width,
            context_length,
        };
        config.check_sizes()?;
        Ok(config)
    }

    /// Checks, without wrapping, that every tensor of the model and every
    /// per-sequence table the passes build has at most [`MAX_WIDE_ENTRIES`]
    /// entries, and so do all the weights together (the flat view).
    fn check_sizes(self) -> MlResult<()> {
        let too_big = |got: String| MlError::ShapeMismatch {
            op: "transformer config",
            expected: format!(
                "at most {MAX_WIDE_ENTRIES} entries per table and in all the weights \
                 (what one allocation of f64 can hold)"
            ),
            got,
        };
        let fits = |count: Option<usize>| count.filter(|&n| n <= MAX_WIDE_ENTRIES);
        let t = self.context_length;
        let tables = [
            ("attention weights of one head", t, t),
            ("logits of one sequence", t, self.vocab.get()),
            (
                "feed-forward activations of one sequence",
                t,
                self.feed_forward_width,
            ),
        ];
        for (name, rows, cols) in tables {
            fits(rows.checked_mul(cols)).ok_or_else(|| too_big(format!("{name} {rows}x{cols}")))?;
        }
        let mut total = 0_usize;
        for (name, shape) in self.expected_shapes() {
            let size = fits(shape.size()).ok_or_else(|| too_big(format!("{name} {shape}")))?;
            total = fits(total.checked_add(size))
                .ok_or_else(|| too_big("more weights than that in all".to_string()))?;
        }
        Ok(())
    }

    /// The number of tokens the model scores.
    pub fn vocab(self) -> VocabSize {
        self.vocab
    }

    /// The width of every hidden vector in the block.
    pub fn model_dimension(self) -> ModelDimension {
        self.model_dimension
    }

    /// How many attention heads share the model width.
    pub fn heads(self) -> usize {
        self.heads
    }

    /// The width of one head's queries, keys and values: `d_k = d / heads`.
    pub fn head_dimension(self) -> usize {
        self.model_dimension.get() / self.heads
    }

    /// The hidden width of the position-wise feed-forward network.
    pub fn feed_forward_width(self) -> usize {
        self.feed_forward_width
    }

    /// The longest token sequence the model reads (one learned position row
    /// per place).
    pub fn context_length(self) -> usize {
        self.context_length
    }

    /// The shape each of the fourteen tensors must have, in the order of
    /// [`TransformerParts::named_tensors`].
    fn expected_shapes(self) -> [(&'static str, TensorShape); TENSOR_COUNT] {
        let (v, d) = (self.vocab.get(), self.model_dimension.get());
        let (m, t) = (self.feed_forward_width, self.context_length);
        let matrix = |rows, cols| TensorShape::Matrix { rows, cols };
        let vector = |len| TensorShape::Vector { len };
        [
            (TENSOR_NAMES[0], matrix(v, d)),
            (TENSOR_NAMES[1], matrix(t, d)),
            (TENSOR_NAMES[2], matrix(d, d)),
            (TENSOR_NAMES[3], matrix(d, d)),
            (TENSOR_NAMES[4], matrix(d, d)),
            (TENSOR_NAMES[5], matrix(d, d)),
            (TENSOR_NAMES[6], vector(d)),
            (TENSOR_NAMES[7], vector(d)),
            (TENSOR_NAMES[8], matrix(d, m)),
            (TENSOR_NAMES[9], vector(m)),
            (TENSOR_NAMES[10], matrix(m, d)),
            (TENSOR_NAMES[11], vector(d)),
            (TENSOR_NAMES[12], matrix(v, d)),
            (TENSOR_NAMES[13], vector(v)),
        ]
    }
}

/// How many tensors a one-block transformer has.
const TENSOR_COUNT: usize = 14;

/// The most `f64` entries one allocation can hold (`isize::MAX` bytes): the
/// passes widen every tensor to `f64` (see the `dense` module).
const MAX_WIDE_ENTRIES: usize = isize::MAX.unsigned_abs() / size_of::<f64>();

/// The tensors' names, in the order every flat view uses.
const TENSOR_NAMES: [&str; TENSOR_COUNT] = [
    "token embedding",
    "position embedding",
    "query weight",
    "key weight",
    "value weight",
    "attention output weight",
    "norm gain",
    "norm bias",
    "feed-forward in weight",
    "feed-forward in bias",
    "feed-forward out weight",
    "feed-forward out bias",
    "vocabulary weight",
    "vocabulary bias",
];

/// The fourteen tensors of a one-block transformer, by name, with no check
/// that their shapes agree.
///
/// This is the bag you fill to build [`TransformerParameters::from_parts`],
/// and the shape [`TransformerGradients`](crate::TransformerGradients) reuses:
/// a gradient has exactly one entry per weight. Shapes below use `V`
/// (vocabulary), `T` (context length), `d` (model width) and `m`
/// (feed-forward width). Hidden states are rows, so a weight `W` of shape
/// `d_in × d_out` maps a row `x` to `x · W`.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerParts {
    /// `V × d`: row `t` is the vector of token `t`.
    pub token_embedding: Matrix,
    /// `T × d`: row `i` is added to the token vector at position `i`
    /// (learned positions, as in GPT-2).
    pub position_embedding: Matrix,
    /// `d × d`: hidden row → query row (all heads side by side).
    pub query_weight: Matrix,
    /// `d × d`: hidden row → key row.
    pub key_weight: Matrix,
    /// `d × d`: hidden row → value row.
    pub value_weight: Matrix,
    /// `d × d`: concatenated head outputs → attention output row.
    pub attention_output_weight: Matrix,
    /// `d`: the layer norm's per-feature scale γ.
    pub norm_gain: Vector,
    /// `d`: the layer norm's per-feature shift β.
    pub norm_bias: Vector,
    /// `d × m`: first feed-forward layer.
    pub feed_forward_in_weight: Matrix,
    /// `m`: first feed-forward bias.
    pub feed_forward_in_bias: Vector,
    /// `m × d`: second feed-forward layer.
    pub feed_forward_out_weight: Matrix,
    /// `d`: second feed-forward bias.
    pub feed_forward_out_bias: Vector,
    /// `V × d`: one row per vocabulary logit, as in
    /// [`Parameters::output_weight`](crate::Parameters::output_weight).
    pub vocab_weight: Matrix,
    /// `V`: one bias per vocabulary logit.
    pub vocab_bias: Vector,
}

/// The shape of one tensor, for messages and printouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TensorShape {
    /// A matrix of `rows × cols` entries.
    Matrix {
        /// Number of rows.
        rows: usize,
        /// Number of columns.
        cols: usize,
    },
    /// A vector of `len` entries.
    Vector {
        /// Number of entries.
        len: usize,
    },
}

impl TensorShape {
    /// How many numbers a tensor of this shape holds, or `None` when
    /// `rows × cols` overflows `usize` (no tensor has that shape).
    ///
    /// ```
    /// use typed_ai::TensorShape;
    /// assert_eq!(TensorShape::Matrix { rows: 3, cols: 4 }.size(), Some(12));
    /// assert_eq!(TensorShape::Vector { len: 5 }.size(), Some(5));
    /// assert_eq!(TensorShape::Matrix { rows: usize::MAX, cols: 2 }.size(), None);
    /// ```
    pub fn size(self) -> Option<usize> {
        match self {
            Self::Matrix { rows, cols } => rows.checked_mul(cols),
            Self::Vector { len } => Some(len),
        }
    }
}

impl fmt::Display for TensorShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Matrix { rows, cols } => write!(f, "{rows}x{cols}"),
            Self::Vector { len } => write!(f, "{len}"),
        }
    }
}

/// A read-only view of one tensor: its name, shape and row-major values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NamedTensor<'a> {
    /// What the tensor is, such as `"query weight"`.
    pub name: &'static str,
    /// Its shape.
    pub shape: TensorShape,
    /// Its entries, row-major for a matrix.
    pub values: &'a [f32],
}

fn matrix_view<'a>(name: &'static str, m: &'a Matrix) -> NamedTensor<'a> {
    NamedTensor {
        name,
        shape: TensorShape::Matrix {
            rows: m.rows(),
            cols: m.cols(),
        },
        values: m.as_row_major(),
    }
}

fn vector_view<'a>(name: &'static str, v: &'a Vector) -> NamedTensor<'a> {
    NamedTensor {
        name,
        shape: TensorShape::Vector { len: v.len() },
        values: v.values(),
    }
}

impl TransformerParts {
    /// The fourteen tensors in a fixed order: embeddings, attention, norm,
    /// feed-forward, vocabulary projection. Every flat view in this module
    /// (parameters and gradients alike) concatenates them in this order.
    pub fn named_tensors(&self) -> [NamedTensor<'_>; TENSOR_COUNT] {
        [
            matrix_view(TENSOR_NAMES[0], &self.token_embedding),
            matrix_view(TENSOR_NAMES[1], &self.position_embedding),
            matrix_view(TENSOR_NAMES[2], &self.query_weight),
            matrix_view(TENSOR_NAMES[3], &self.key_weight),
            matrix_view(TENSOR_NAMES[4], &self.value_weight),
            matrix_view(TENSOR_NAMES[5], &self.attention_output_weight),
            vector_view(TENSOR_NAMES[6], &self.norm_gain),
            vector_view(TENSOR_NAMES[7], &self.norm_bias),
            matrix_view(TENSOR_NAMES[8], &self.feed_forward_in_weight),
            vector_view(TENSOR_NAMES[9], &self.feed_forward_in_bias),
            matrix_view(TENSOR_NAMES[10], &self.feed_forward_out_weight),
            vector_view(TENSOR_NAMES[11], &self.feed_forward_out_bias),
            matrix_view(TENSOR_NAMES[12], &self.vocab_weight),
            vector_view(TENSOR_NAMES[13], &self.vocab_bias),
        ]
    }

    /// Every entry of every tensor in one list, in
    /// [`named_tensors`](Self::named_tensors) order.
    pub fn to_flat(&self) -> Vec<f32> {
        self.named_tensors()
            .iter()
            .flat_map(|t| t.values.iter().copied())
            .collect()
    }

    /// Parts of the same shapes as `self` holding `flat`; rejects a wrong
    /// length and non-finite values.
    pub(super) fn with_flat(&self, flat: &[f32]) -> MlResult<Self> {
        let expected: usize = self.named_tensors().iter().map(|t| t.values.len()).sum();
        if flat.len() != expected {
            return Err(MlError::ShapeMismatch {
                op: "flat transformer parameters",
                expected: format!("{expected} values"),
                got: format!("{} values", flat.len()),
            });
        }
        let mut reader = FlatReader { rest: flat };
        Ok(Self {
            token_embedding: reader.matrix(&self.token_embedding)?,
            position_embedding: reader.matrix(&self.position_embedding)?,
            query_weight: reader.matrix(&self.query_weight)?,
            key_weight: reader.matrix(&self.key_weight)?,
            value_weight: reader.matrix(&self.value_weight)?,
            attention_output_weight: reader.matrix(&self.attention_output_weight)?,
            norm_gain: reader.vector(&self.norm_gain)?,
            norm_bias: reader.vector(&self.norm_bias)?,
            feed_forward_in_weight: reader.matrix(&self.feed_forward_in_weight)?,
            feed_forward_in_bias: reader.vector(&self.feed_forward_in_bias)?,
            feed_forward_out_weight: reader.matrix(&self.feed_forward_out_weight)?,
            feed_forward_out_bias: reader.vector(&self.feed_forward_out_bias)?,
            vocab_weight: reader.matrix(&self.vocab_weight)?,
            vocab_bias: reader.vector(&self.vocab_bias)?,
        })
    }
}

/// Reads consecutive tensors out of a flat list, each shaped like a template.
struct FlatReader<'a> {
    rest: &'a [f32],
}

impl FlatReader<'_> {
    fn take(&mut self, len: usize) -> Vec<f32> {
        let (head, tail) = self.rest.split_at(len);
        self.rest = tail;
        head.to_vec()
    }

    fn matrix(&mut self, like: &Matrix) -> MlResult<Matrix> {
        let values = self.take(like.as_row_major().len());
        Matrix::from_row_major(like.rows(), like.cols(), values)
    }

    fn vector(&mut self, like: &Vector) -> MlResult<Vector> {
        let values = self.take(like.len());
        Vector::new(values)
    }
}

/// The weights of a one-block transformer, checked against its
/// [`TransformerConfig`]: every tensor has the shape the configuration asks
/// for, so the forward and backward passes never meet a mismatch.
///
/// ```
/// use typed_ai::{ModelDimension, Seed, TransformerConfig, TransformerParameters, VocabSize};
/// let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 8)?;
/// let parameters = TransformerParameters::seeded(config, Seed::new(7));
/// assert_eq!(parameters.parts().query_weight.rows(), 8);
/// // 6·8 + 8·8 + 4·(8·8) + 8 + 8 + 8·16 + 16 + 16·8 + 8 + 6·8 + 6
/// assert_eq!(parameters.parameter_count(), 718);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TransformerParameters {
    config: TransformerConfig,
    parts: TransformerParts,
}

impl TransformerParameters {
    /// Checks every tensor of `parts` against the shape `config` asks for and
    /// names the first one that differs.
    pub fn from_parts(config: TransformerConfig, parts: TransformerParts) -> MlResult<Self> {
        let expected = config.expected_shapes();
        for ((name, want), got) in expected.iter().zip(parts.named_tensors()) {
            if *want != got.shape {
                return Err(MlError::ShapeMismatch {
                    op: "transformer parameters",
                    expected: format!("{name} {want}"),
                    got: format!("{name} {}", got.shape),
                });
            }
        }
        Ok(Self { config, parts })
    }

    /// Small reproducible starting weights.
    ///
    /// Embeddings are uniform in `[-0.5, 0.5)`. Every weight matrix is uniform
    /// in `[-1/√fan_in, 1/√fan_in)`, so a layer neither blows up nor
    /// flattens its input at the start. The layer norm starts as a plain
    /// normalisation (gain 1, shift 0) and every bias starts at 0.
    pub fn seeded(config: TransformerConfig, seed: Seed) -> Self {
        let mut rng = SeededRng::new(seed);
        let (v, d) = (config.vocab.get(), config.model_dimension.get());
        let (m, t) = (config.feed_forward_width, config.context_length);
        let mut uniform = |rows: usize, cols: usize, limit: f32| {
            let data = (0..rows * cols)
                .map(|_| rng.uniform(-limit, limit))
                .collect();
            Matrix::from_row_major(rows, cols, data)
                .expect("a seeded draw has the shape it was asked for and finite values")
        };
        let per_fan_in = |fan_in: usize| 1.0 / (fan_in as f32).sqrt();
        let constant = |len: usize, value: f32| {
            Vector::new(vec![value; len]).expect("a config size is at least 1")
        };
        let parts = TransformerParts {
            token_embedding: uniform(v, d, 0.5),
            position_embedding: uniform(t, d, 0.5),
            query_weight: uniform(d, d, per_fan_in(d)),
            key_weight: uniform(d, d, per_fan_in(d)),
            value_weight: uniform(d, d, per_fan_in(d)),
            attention_output_weight: uniform(d, d, per_fan_in(d)),
            norm_gain: constant(d, 1.0),
            norm_bias: constant(d, 0.0),
            feed_forward_in_weight: uniform(d, m, per_fan_in(d)),
            feed_forward_in_bias: constant(m, 0.0),
            feed_forward_out_weight: uniform(m, d, per_fan_in(m)),
            feed_forward_out_bias: constant(d, 0.0),
            vocab_weight: uniform(v, d, per_fan_in(d)),
            vocab_bias: constant(v, 0.0),
        };
        Self { config, parts }
    }

    /// The sizes these weights were checked against.
    pub fn config(&self) -> TransformerConfig {
        self.config
    }

    /// The fourteen tensors, by name.
    pub fn parts(&self) -> &TransformerParts {
        &self.parts
    }

    /// Gives the tensors back, for example to edit one and rebuild with
    /// [`from_parts`](Self::from_parts).
    pub fn into_parts(self) -> TransformerParts {
        self.parts
    }

    /// How many numbers the model learns.
    pub fn parameter_count(&self) -> usize {
        self.parts
            .named_tensors()
            .iter()
            .map(|t| t.values.len())
            .sum()
    }

    /// Every weight in one list, in [`TransformerParts::named_tensors`]
    /// order; optimizers and the gradient check work on this view.
    pub fn to_flat(&self) -> Vec<f32> {
        self.parts.to_flat()
    }

    /// Parameters of the same configuration holding `flat` (laid out as by
    /// [`to_flat`](Self::to_flat)); rejects a wrong length and non-finite
    /// values.
    ///
    /// ```
    /// use typed_ai::{ModelDimension, Seed, TransformerConfig, TransformerParameters, VocabSize};
    /// let config = TransformerConfig::new(VocabSize::new(5)?, ModelDimension::new(4)?, 1, 4, 3)?;
    /// let parameters = TransformerParameters::seeded(config, Seed::new(1));
    /// let zeroed = parameters.with_flat(&vec![0.0; parameters.parameter_count()])?;
    /// assert!(zeroed.to_flat().iter().all(|&w| w == 0.0));
    /// assert!(parameters.with_flat(&[0.0]).is_err());
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn with_flat(&self, flat: &[f32]) -> MlResult<Self> {
        Ok(Self {
            config: self.config,
            parts: self.parts.with_flat(flat)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> TransformerConfig {
        TransformerConfig::new(
            VocabSize::new(6).unwrap(),
            ModelDimension::new(8).unwrap(),
            2,
            16,
            8,
        )
        .unwrap()
    }

    #[test]
    fn config_rejects_each_impossible_size() {
        let (v, d) = (VocabSize::new(6).unwrap(), ModelDimension::new(8).unwrap());
        assert_eq!(
            TransformerConfig::new(v, d, 0, 16, 8),
            Err(MlError::EmptyInput("attention heads"))
        );
        assert_eq!(
            TransformerConfig::new(v, d, 3, 16, 8),
            Err(MlError::ShapeMismatch {
                op: "transformer config",
                expected: "a model dimension divisible by 3 heads".into(),
                got: "model dimension 8".into(),
            })
        );
        assert_eq!(
            TransformerConfig::new(v, d, 2, 0, 8),
            Err(MlError::EmptyInput("feed-forward width"))
        );
        assert_eq!(
            TransformerConfig::new(v, d, 2, 16, 0),
            Err(MlError::EmptyInput("context length"))
        );
        let c = config();
        assert_eq!((c.heads(), c.head_dimension()), (2, 4));
        assert_eq!((c.feed_forward_width(), c.context_length()), (16, 8));
    }

    #[test]
    fn config_rejects_a_model_larger_than_memory_instead_of_wrapping() {
        let too_big = |got: &str| MlError::ShapeMismatch {
            op: "transformer config",
            expected: format!(
                "at most {MAX_WIDE_ENTRIES} entries per table and in all the weights \
                 (what one allocation of f64 can hold)"
            ),
            got: got.to_string(),
        };
        let (v, d) = (VocabSize::new(6).unwrap(), ModelDimension::new(8).unwrap());
        // T = usize::MAX: T · T overflows, and so would T · d.
        assert_eq!(
            TransformerConfig::new(v, d, 2, 16, usize::MAX),
            Err(too_big(&format!(
                "attention weights of one head {0}x{0}",
                usize::MAX
            )))
        );
        // MAX_WIDE_ENTRIES = (2^63 - 1) / 8 = 2^60 - 1 on a 64-bit target.
        // V = 2^58 fits a logit table for T = 1, but the V x 8 token
        // embedding has 2^61 entries.
        let huge_vocab = VocabSize::new(1 << 58).unwrap();
        assert_eq!(
            TransformerConfig::new(huge_vocab, d, 2, 16, 1),
            Err(too_big(&format!("token embedding {}x8", 1_usize << 58)))
        );
        // V = 2^57, d = 4: each V x 4 table has 2^59 entries and fits, but
        // the token embedding and the vocabulary weight together have 2^60.
        let wide_vocab = VocabSize::new(1 << 57).unwrap();
        let narrow = ModelDimension::new(4).unwrap();
        assert_eq!(
            TransformerConfig::new(wide_vocab, narrow, 1, 1, 1),
            Err(too_big("more weights than that in all"))
        );
    }

    #[test]
    fn tensor_sizes_are_counted_without_wrapping() {
        let p = TransformerParameters::seeded(config(), Seed::new(3));
        for tensor in p.parts().named_tensors() {
            assert_eq!(tensor.shape.size(), Some(tensor.values.len()));
        }
        let impossible = TensorShape::Matrix {
            rows: usize::MAX,
            cols: 2,
        };
        assert_eq!(impossible.size(), None);
    }

    #[test]
    fn seeded_parameters_are_reproducible_and_shaped_by_the_config() {
        let a = TransformerParameters::seeded(config(), Seed::new(3));
        assert_eq!(a, TransformerParameters::seeded(config(), Seed::new(3)));
        assert_ne!(a, TransformerParameters::seeded(config(), Seed::new(4)));
        let shapes: Vec<String> = a
            .parts()
            .named_tensors()
            .iter()
            .map(|t| format!("{} {}", t.name, t.shape))
            .collect();
        assert_eq!(shapes[0], "token embedding 6x8");
        assert_eq!(shapes[1], "position embedding 8x8");
        assert_eq!(shapes[8], "feed-forward in weight 8x16");
        assert_eq!(shapes[13], "vocabulary bias 6");
        // Weight matrices stay inside ±1/√fan_in: 1/√8 ≈ 0.354 for the query.
        let limit = 1.0 / 8f32.sqrt();
        assert!(
            a.parts()
                .query_weight
                .as_row_major()
                .iter()
                .all(|w| w.abs() <= limit)
        );
        assert!(a.parts().norm_gain.values().iter().all(|&g| g == 1.0));
    }

    #[test]
    fn from_parts_names_the_tensor_whose_shape_is_wrong() {
        let good = TransformerParameters::seeded(config(), Seed::new(3));
        assert_eq!(
            TransformerParameters::from_parts(config(), good.parts().clone()),
            Ok(good.clone())
        );
        let mut parts = good.into_parts();
        parts.feed_forward_out_weight = Matrix::zeros(8, 16).unwrap();
        assert_eq!(
            TransformerParameters::from_parts(config(), parts),
            Err(MlError::ShapeMismatch {
                op: "transformer parameters",
                expected: "feed-forward out weight 16x8".into(),
                got: "feed-forward out weight 8x16".into(),
            })
        );
    }

    #[test]
    fn flat_view_round_trips_and_checks_length_and_finiteness() {
        let p = TransformerParameters::seeded(config(), Seed::new(9));
        let flat = p.to_flat();
        assert_eq!(flat.len(), p.parameter_count());
        assert_eq!(p.with_flat(&flat), Ok(p.clone()));
        // The last entry of the flat view is the last vocabulary bias.
        let mut shifted = flat.clone();
        *shifted.last_mut().unwrap() = 2.5;
        let q = p.with_flat(&shifted).unwrap();
        assert_eq!(q.parts().vocab_bias.values()[5], 2.5);
        assert!(matches!(
            p.with_flat(&flat[1..]),
            Err(MlError::ShapeMismatch {
                op: "flat transformer parameters",
                ..
            })
        ));
        let mut bad = flat;
        bad[0] = f32::NAN;
        assert!(matches!(
            p.with_flat(&bad),
            Err(MlError::InvalidScalar {
                kind: "matrix entry",
                ..
            })
        ));
    }
}

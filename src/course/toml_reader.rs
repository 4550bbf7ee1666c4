//! The one reader of the runner's hand-written TOML files, `info.toml` and
//! `challenge.toml`: bytes to UTF-8 text, text to a spanned document, and
//! each table of the document to its serde struct on its own, so that one
//! broken table does not hide the problems of the others. Every problem is
//! collected, located by file, line, column and field.
//!
//! It owns the reading, not the meaning: which keys are read apart, which
//! are required, and every rule about values are the callers' (the course's
//! `parse.rs` and `resolve.rs`, the challenge's `manifest.rs`). It lives in
//! `course` beside [`Problem`] and [`Locator`], which it reports through.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Visitor};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::problem::{Locator, Problem};

/// How a problem found while deserialising a table names its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldNames {
    /// By the table alone, e.g. `exercises[2] \`softmax\``: info.toml names
    /// the exercise and lets line and column point at the key.
    Table,
    /// By the dotted key inside the table when the problem has one, e.g.
    /// `mutants[0].replaces` or `paper.year`: challenge.toml's style.
    Key,
}

/// `bytes` as text, or a problem located at the first byte that is not
/// UTF-8 (TOML files are UTF-8 by definition, and a file saved in another
/// encoding is the author's to fix, not the environment's).
pub(crate) fn decode(file: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..at]);
        Locator::new(file, &before).problem(
            at..at,
            "encoding",
            format!(
                "byte 0x{:02X} is not UTF-8 text; save the file as UTF-8",
                bytes[at]
            ),
        )
    })
}

/// Reads one file's text, collecting its problems.
pub(crate) struct TomlReader<'t> {
    text: &'t str,
    locator: Locator<'t>,
    names: FieldNames,
    problems: Vec<Problem>,
}

/// A parsed file's top-level table, from which the caller takes the keys it
/// reads on their own before reading the rest as one struct.
pub(crate) struct Document<'t> {
    span: Range<usize>,
    table: DeTable<'t>,
    taken: Vec<&'static str>,
}

/// The entries of one array of tables, each deserialised on its own.
pub(crate) struct Entries<T> {
    /// Each entry that deserialised: its index in the array and its value,
    /// spanned by its table.
    pub(crate) read: Vec<(usize, Spanned<T>)>,
    /// Whether every entry deserialised (false too when the key did not hold
    /// an array): a caller's cross-entry rules may be noise otherwise.
    pub(crate) complete: bool,
}

impl<'t> TomlReader<'t> {
    /// A reader of `text`, read from `file` (as problems should name it).
    pub(crate) fn new(file: &'t Path, text: &'t str, names: FieldNames) -> Self {
        Self {
            text,
            locator: Locator::new(file, text),
            names,
            problems: Vec::new(),
        }
    }

    /// Locates problems in this file; for a caller that keeps some of its
    /// problems apart (challenge.toml's paper references).
    pub(crate) fn locator(&self) -> &Locator<'t> {
        &self.locator
    }

    /// Records a problem at the start of `span`.
    pub(crate) fn problem(
        &mut self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        let problem = self.locator.problem(span, field, message);
        self.problems.push(problem);
    }

    /// Every problem recorded, in file order (problems at one place keep the
    /// order they were found in).
    pub(crate) fn finish(self) -> Vec<Problem> {
        let mut problems = self.problems;
        problems.sort_by_key(|problem| (problem.line, problem.column));
        problems
    }

    /// Parses the whole text. Each syntax error is a problem, and then there
    /// is no document: a file that is not TOML has no fields to check.
    pub(crate) fn document(&mut self) -> Option<Document<'t>> {
        let (document, syntax_errors) = DeTable::parse_recoverable(self.text);
        if !syntax_errors.is_empty() {
            for error in syntax_errors {
                let span = error.span().unwrap_or(0..0);
                self.problem(span, "TOML syntax", error.message().trim().to_owned());
            }
            return None;
        }
        let span = document.span();
        Some(Document {
            span,
            table: document.into_inner(),
            taken: Vec::new(),
        })
    }

    /// Deserialises `value` as the table `T`, naming problems after `label`
    /// (`""` for the top level).
    ///
    /// A key `T` does not know is a problem of its own (every such key, not
    /// only the first), with the keys it does know; the rest of the table is
    /// still read, so a wrong value or a missing key is reported too. Returns
    /// `None` when anything but unknown keys was wrong.
    pub(crate) fn table<T: Deserialize<'t>>(
        &mut self,
        value: Spanned<DeValue<'t>>,
        label: &str,
    ) -> Option<T> {
        self.table_knowing::<T>(value, label, &[])
    }

    /// Deserialises each entry of the array of tables `value` (the value of
    /// `key`) as `T`. Entries are labelled `key[index]`, followed by the
    /// entry's `name_key` value when it has one (`exercises[3] \`softmax\``).
    pub(crate) fn array_of_tables<T: Deserialize<'t>>(
        &mut self,
        value: Spanned<DeValue<'t>>,
        key: &str,
        name_key: Option<&str>,
    ) -> Entries<T> {
        let span = value.span();
        let array = match value.into_inner() {
            DeValue::Array(array) => array,
            other => {
                self.problem(
                    span,
                    key,
                    format!(
                        "expected an array of tables (`[[{key}]]`), found {}",
                        with_article(other.type_str())
                    ),
                );
                return Entries {
                    read: Vec::new(),
                    complete: false,
                };
            }
        };
        let mut entries = Entries {
            read: Vec::new(),
            complete: true,
        };
        for (index, entry) in array.into_iter().enumerate() {
            let label = entry_label(key, index, &entry, name_key);
            let entry_span = entry.span();
            match self.table::<T>(entry, &label) {
                Some(read) => entries.read.push((index, Spanned::new(entry_span, read))),
                None => entries.complete = false,
            }
        }
        entries
    }

    fn table_knowing<T: Deserialize<'t>>(
        &mut self,
        mut value: Spanned<DeValue<'t>>,
        label: &str,
        also_known: &[&str],
    ) -> Option<T> {
        let span = value.span();
        self.remove_unknown_keys::<T>(&mut value, label, also_known);
        // Kept only to name the key a serde error points at.
        let keys = (self.names == FieldNames::Key).then(|| value.get_ref().clone());
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(read) => Some(read),
            Err(error) => {
                let message = error.message().trim().to_owned();
                let own_span = error.span().filter(|own| *own != span);
                // A missing key has no span of its own: the message names it.
                let key = missing_key(&message).map(str::to_owned).or_else(|| {
                    let at = own_span.as_ref()?.start;
                    keys.as_ref().and_then(|keys| key_at(keys, at))
                });
                let field = self.field(label, key.as_deref());
                self.problem(own_span.unwrap_or(span), field, message);
                None
            }
        }
    }

    /// Reports and removes every key of the table `value` that `T` (a
    /// serde-derived struct) does not accept and `also_known` does not list.
    fn remove_unknown_keys<T: Deserialize<'t>>(
        &mut self,
        value: &mut Spanned<DeValue<'t>>,
        label: &str,
        also_known: &[&str],
    ) {
        let (Some(fields), DeValue::Table(table)) = (struct_fields::<T>(), value.get_mut()) else {
            return;
        };
        let known = |key: &str| fields.contains(&key) || also_known.contains(&key);
        let unknown: Vec<Spanned<String>> = table
            .keys()
            .filter(|key| !known(key.get_ref()))
            .map(|key| Spanned::new(key.span(), key.get_ref().to_string()))
            .collect();
        if unknown.is_empty() {
            return;
        }
        let expected = expected_keys(fields.iter().chain(also_known));
        for key in unknown {
            table.remove(key.get_ref().as_str());
            let field = self.field(label, Some(key.get_ref()));
            let message = format!("unknown field `{}`, {expected}", key.get_ref());
            self.problem(key.span(), field, message);
        }
    }

    /// The field a problem names: see [`FieldNames`].
    fn field(&self, label: &str, key: Option<&str>) -> String {
        match (self.names, key) {
            (FieldNames::Key, Some(key)) if label.is_empty() => key.to_owned(),
            (FieldNames::Key, Some(key)) => format!("{label}.{key}"),
            _ if label.is_empty() => "top level".to_owned(),
            _ => label.to_owned(),
        }
    }
}

impl<'t> Document<'t> {
    /// Where the document starts: where a problem about a missing top-level
    /// key is located.
    pub(crate) fn start(&self) -> Range<usize> {
        self.span.start..self.span.start
    }

    /// Takes `key` out of the top level, to be read on its own.
    pub(crate) fn take(&mut self, key: &'static str) -> Option<Spanned<DeValue<'t>>> {
        self.taken.push(key);
        self.table.remove(key)
    }

    /// Deserialises what is left of the top level as `T`. The keys taken out
    /// count as known, so an unknown top-level key is told every key the
    /// file may have.
    pub(crate) fn rest<T: Deserialize<'t>>(self, reader: &mut TomlReader<'t>) -> Option<T> {
        let value = Spanned::new(self.span, DeValue::Table(self.table));
        reader.table_knowing::<T>(value, "", &self.taken)
    }
}

/// "an integer", "a string": a TOML type with its article.
fn with_article(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}

/// `exercises[3] \`softmax\``: the index, and the entry's name when it has one.
fn entry_label(
    key: &str,
    index: usize,
    entry: &Spanned<DeValue<'_>>,
    name_key: Option<&str>,
) -> String {
    let name = name_key
        .and_then(|name_key| entry.get_ref().get(name_key))
        .and_then(|value| value.get_ref().as_str());
    match name {
        Some(name) => format!("{key}[{index}] `{name}`"),
        None => format!("{key}[{index}]"),
    }
}

/// The field names a serde-derived struct accepts, in declaration order, or
/// `None` if `T` is not a struct.
///
/// Derived code passes them to `Deserializer::deserialize_struct`, so a
/// deserializer that only records them and then stops learns them without
/// a second list to keep in step with the struct.
fn struct_fields<'de, T: Deserialize<'de>>() -> Option<&'static [&'static str]> {
    let mut fields = None;
    // The error is the recorder stopping, by design.
    let _ = T::deserialize(FieldRecorder {
        fields: &mut fields,
    });
    fields
}

/// See [`struct_fields`].
struct FieldRecorder<'a> {
    fields: &'a mut Option<&'static [&'static str]>,
}

impl<'de> de::Deserializer<'de> for FieldRecorder<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.fields = Some(fields);
        Err(de::Error::custom("only the field names were wanted"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// "expected one of `a`, `b`, `c`", in serde's words, so that a key the
/// reader rejects reads like one serde rejects.
fn expected_keys<'k>(keys: impl Iterator<Item = &'k &'k str>) -> String {
    let keys: Vec<String> = keys.map(|key| format!("`{key}`")).collect();
    match keys.as_slice() {
        [] => "there are no fields".to_owned(),
        [one] => format!("expected {one}"),
        [one, two] => format!("expected {one} or {two}"),
        _ => format!("expected one of {}", keys.join(", ")),
    }
}

/// `missing field \`claim\`` -> `claim`.
fn missing_key(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// The dotted path, inside `value`, of the innermost key whose key or value
/// covers `offset` (`year`, `authors[1]`, `expect.code`), or `None`.
///
/// Tables written as `[section]`s do not span their bodies, so every table
/// is searched, not only the ones whose span covers `offset`.
fn key_at(value: &DeValue<'_>, offset: usize) -> Option<String> {
    fn covers(span: Range<usize>, offset: usize) -> bool {
        span.start <= offset && offset < span.end.max(span.start + 1)
    }
    fn search(value: &DeValue<'_>, offset: usize, path: &str) -> Option<String> {
        match value {
            DeValue::Table(table) => table.iter().find_map(|(key, value)| {
                let here = if path.is_empty() {
                    key.get_ref().to_string()
                } else {
                    format!("{path}.{}", key.get_ref())
                };
                if covers(key.span(), offset) {
                    return Some(here);
                }
                search(value.get_ref(), offset, &here).or_else(|| {
                    let scalar = !matches!(value.get_ref(), DeValue::Table(_) | DeValue::Array(_));
                    (scalar && covers(value.span(), offset)).then_some(here)
                })
            }),
            DeValue::Array(array) => array.iter().enumerate().find_map(|(index, element)| {
                let here = format!("{path}[{index}]");
                search(element.get_ref(), offset, &here)
                    .or_else(|| covers(element.span(), offset).then_some(here))
            }),
            _ => None,
        }
    }
    search(value, offset, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Part {
        title: String,
        #[serde(default)]
        year: Option<i64>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Top {
        #[expect(dead_code, reason = "read to check the schema, never used")]
        name: String,
    }

    /// Every problem of `text` as `line:col: field: message`, reading `part`
    /// as a table, `parts` as an array of tables and the rest as [`Top`].
    fn read(text: &str, names: FieldNames) -> Vec<String> {
        let mut reader = TomlReader::new(Path::new("f.toml"), text, names);
        if let Some(mut document) = reader.document() {
            let part = document.take("part");
            let parts = document.take("parts");
            document.rest::<Top>(&mut reader);
            if let Some(part) = part {
                reader.table::<Part>(part, "part");
            }
            if let Some(parts) = parts {
                reader.array_of_tables::<Part>(parts, "parts", Some("title"));
            }
        }
        reader
            .finish()
            .iter()
            .map(|p| format!("{}:{}: {}: {}", p.line, p.column, p.field, p.message))
            .collect()
    }

    #[test]
    fn every_table_is_read_on_its_own_and_every_unknown_key_is_reported() {
        let text = "name = \"n\"\nextra = 1\nmore = 2\n\n[part]\ntitle = 3\n\n[[parts]]\ntitle = \"a\"\nyeer = 1\n\n[[parts]]\nyear = 2\n";
        assert_eq!(
            read(text, FieldNames::Key),
            vec![
                "2:1: extra: unknown field `extra`, expected one of `name`, `part`, `parts`",
                "3:1: more: unknown field `more`, expected one of `name`, `part`, `parts`",
                "6:9: part.title: invalid type: integer `3`, expected a string",
                "10:1: parts[0] `a`.yeer: unknown field `yeer`, expected `title` or `year`",
                "12:1: parts[1].title: missing field `title`",
            ]
        );
        assert_eq!(
            read(text, FieldNames::Table)[3],
            "10:1: parts[0] `a`: unknown field `yeer`, expected `title` or `year`"
        );
    }

    #[test]
    fn entries_that_deserialise_keep_their_index_in_the_array() {
        let text =
            "[[parts]]\ntitle = \"a\"\n[[parts]]\nyear = 1\n[[parts]]\ntitle = \"c\"\nyear = 3\n";
        let mut reader = TomlReader::new(Path::new("f.toml"), text, FieldNames::Key);
        let mut document = reader.document().expect("TOML");
        let parts = document.take("parts").expect("parts");
        let entries = reader.array_of_tables::<Part>(parts, "parts", None);
        assert!(!entries.complete, "the second entry has no title");
        let read: Vec<(usize, &str, Option<i64>)> = entries
            .read
            .iter()
            .map(|(index, part)| (*index, part.get_ref().title.as_str(), part.get_ref().year))
            .collect();
        assert_eq!(read, vec![(0, "a", None), (2, "c", Some(3))]);
        // Each entry is spanned by its `[[parts]]` header.
        assert_eq!(&text[entries.read[1].1.span()], "[[parts]]");
        assert_eq!(
            entries.read[1].1.span().start,
            text.rfind("[[parts]]").expect("third")
        );
    }

    #[test]
    fn an_unknown_key_does_not_hide_a_missing_one() {
        assert_eq!(
            read("nmae = \"n\"\n", FieldNames::Table),
            vec![
                "1:1: top level: unknown field `nmae`, expected one of `name`, `part`, `parts`",
                "1:1: top level: missing field `name`",
            ]
        );
    }

    #[test]
    fn a_key_that_is_not_an_array_of_tables_says_what_it_is() {
        let found = read("name = \"n\"\nparts = \"x\"\n", FieldNames::Key);
        assert_eq!(
            found,
            vec!["2:9: parts: expected an array of tables (`[[parts]]`), found a string"]
        );
    }

    #[test]
    fn a_syntax_error_ends_the_reading() {
        let found = read("name = \n[part]\ntitle = 3\n", FieldNames::Key);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("1:") && found[0].contains("TOML syntax"));
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_located() {
        let bytes = b"a = 1\nb = \"d\xe9j\xe0\"\n".to_vec();
        let problem = decode(Path::new("f.toml"), bytes).expect_err("not UTF-8");
        // Line 2, after `b = "d` (six characters): column 7.
        assert_eq!(
            problem.to_string(),
            "f.toml:2:7: encoding: byte 0xE9 is not UTF-8 text; save the file as UTF-8"
        );
        assert_eq!(
            decode(Path::new("f.toml"), "é = 1".as_bytes().to_vec()).as_deref(),
            Ok("é = 1")
        );
    }

    #[test]
    fn struct_fields_are_learned_from_the_derive() {
        assert_eq!(struct_fields::<Part>(), Some(&["title", "year"][..]));
        assert_eq!(struct_fields::<String>(), None);
    }
}

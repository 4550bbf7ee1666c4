//! The files of a course folder that are made, not copied: the workspace
//! `Cargo.toml` that lets rust-analyzer see every exercise, the course's
//! `info.toml` pointed at its own library folder, the library manifest
//! without what needs the network or a workspace the course folder does not
//! have, the challenges' manifests pointed at that library, and the
//! `.gitignore`.
//!
//! The library keeps its own package name in a course folder, and its folder
//! is named after it (`typed-ai/` for this repository's course), whatever the
//! pack called the library and its folder: [`CourseLibrary`] reads both from
//! the library's own `Cargo.toml`.
//!
//! Pure text in, text out; writing them is `init.rs`'s job.

use super::error::CourseFolderError;
use super::info::InfoExercise;

/// The course folder's `.gitignore`.
pub const GITIGNORE: &str = "\
# Written by typed-ai-rustlings init.
target/
# The runner's locks and half-written files; your progress (state.toml) and
# backups are yours to keep or ignore.
/.typed-ai-rustlings/*.lock
/.typed-ai-rustlings/*.holder*
.typed-ai-rustlings-*.tmp
";

/// Names a course folder cannot give its library folder: its own parts.
const RESERVED_FOLDERS: &[&str] = &["exercises", "solutions", "target", "src"];

/// The course's library as a course folder holds it: its package name (the
/// key of the course package's dependency) and the folder it is copied to,
/// named after the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseLibrary {
    /// `[package] name` of the library's `Cargo.toml`, e.g. `typed-ai`.
    pub package: String,
}

impl CourseLibrary {
    /// Reads the package name from the library manifest `bytes` (described
    /// as `origin` in errors) and checks that it can name a folder of a
    /// course folder.
    pub fn from_manifest(bytes: &[u8], origin: &str) -> Result<CourseLibrary, CourseFolderError> {
        let manifest = parse_manifest(bytes, origin)?;
        let bad = |problem: String| CourseFolderError::BadToml {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            problem,
        };
        let package = manifest
            .get("package")
            .and_then(|package| package.get("name"))
            .and_then(toml::Value::as_str)
            .ok_or_else(|| {
                bad("the library manifest has no `[package]` `name`; a course library is one package, not a workspace".to_owned())
            })?;
        let is_package_name = !package.is_empty()
            && package
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !is_package_name {
            return Err(bad(format!(
                "package name `{package}` is not a cargo package name (letters, digits, `-` and `_`)"
            )));
        }
        if RESERVED_FOLDERS.contains(&package) {
            return Err(bad(format!(
                "package name `{package}` would collide with the course folder's own `{package}/`; rename the library package"
            )));
        }
        Ok(CourseLibrary {
            package: package.to_owned(),
        })
    }

    /// The library's folder inside a course folder (relative to its root).
    pub fn folder(&self) -> &str {
        &self.package
    }
}

/// The course folder's `Cargo.toml`: a workspace with the library and one
/// package whose binary targets are the exercises, so that rust-analyzer
/// (and `cargo check`) know every exercise file and its dependency on the
/// library. The runner itself compiles each exercise with one rustc call and
/// does not use this file.
pub fn course_manifest(exercises: &[InfoExercise], library: &CourseLibrary) -> String {
    let package = toml_string(&library.package);
    let folder = toml_string(library.folder());
    let course = toml_string(&format!("{}-course", library.package));
    let mut text = format!(
        "# Written by `typed-ai-rustlings init` (and rewritten by `init --update`) so that\n\
         # rust-analyzer sees every exercise as a program using the course library.\n\
         # The runner does not build through this file: it checks each exercise with\n\
         # one rustc call. Exercises are broken on purpose until you fix them, so\n\
         # `cargo build` here fails until the course is done; that is expected.\n\
         [workspace]\n\
         members = [{folder}]\n\
         \n\
         [package]\n\
         name = {course}\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         autobins = false\n\
         autoexamples = false\n\
         autotests = false\n\
         autobenches = false\n\
         \n\
         [dependencies]\n\
         {package} = {{ path = {folder} }}\n",
    );
    for exercise in exercises {
        text.push_str(&format!(
            "\n[[bin]]\nname = {}\npath = {}\n",
            toml_string(&exercise.name),
            toml_string(&format!("exercises/{}", exercise.path))
        ));
    }
    text
}

/// A TOML basic string holding `value`, quoted and escaped.
fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

/// The course's `info.toml`: the source's text with `library` pointing at
/// the course's own library folder (`folder`), everything else byte for byte
/// (comments and layout included), which is checked by parsing both.
pub fn course_info(text: &str, origin: &str, folder: &str) -> Result<String, CourseFolderError> {
    let parse = |text: &str| {
        text.parse::<toml::Table>()
            .map_err(|err| CourseFolderError::from_toml(&err, text, origin))
    };
    let mut expected = parse(text)?;
    expected.insert("library".to_owned(), toml::Value::String(folder.to_owned()));

    let library_line = format!("library = {}\n", toml_string(folder));
    let mut out = String::with_capacity(text.len() + library_line.len());
    let mut in_top_table = true;
    let mut replaced = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        in_top_table &= !trimmed.starts_with('[');
        let is_library_key = trimmed
            .strip_prefix("library")
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_top_table && !replaced && is_library_key {
            out.push_str(&library_line);
            replaced = true;
        } else {
            out.push_str(line);
        }
    }
    if !replaced {
        out.insert_str(0, &library_line);
    }
    if parse(&out)? != expected {
        return Err(CourseFolderError::BadToml {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            problem: format!(
                "could not point `library` at {folder} without changing anything else; \
                 write `library = \"...\"` on a line of its own before the first table"
            ),
        });
    }
    Ok(out)
}

/// The library's manifest for a course folder: without dev-dependencies
/// (they would need the network, and the course folder has no library tests
/// to use them), without test, bench and example targets (their files are
/// not copied), and without a `[workspace]` table of its own (the course
/// folder's `Cargo.toml` is the workspace root; a second root makes `cargo
/// metadata`, and so rust-analyzer, fail with "multiple workspace roots").
/// A manifest that inherits a value from a workspace (`version.workspace =
/// true`) is refused: the course folder has no workspace to inherit from.
pub fn library_manifest(bytes: &[u8], origin: &str) -> Result<String, CourseFolderError> {
    let mut manifest = parse_manifest(bytes, origin)?;
    for key in [
        "dev-dependencies",
        "dev_dependencies",
        "test",
        "bench",
        "example",
        "workspace",
    ] {
        manifest.remove(key);
    }
    if let Some(toml::Value::Table(package)) = manifest.get_mut("package") {
        // A path to the pack's workspace root, which the course folder lacks.
        package.remove("workspace");
    }
    if let Some(toml::Value::Table(targets)) = manifest.get_mut("target") {
        for (_, target) in targets.iter_mut() {
            if let toml::Value::Table(target) = target {
                target.remove("dev-dependencies");
                target.remove("dev_dependencies");
            }
        }
    }
    if let Some(key) = inherited_key(&manifest) {
        return Err(CourseFolderError::BadToml {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            problem: format!(
                "`{key}` is inherited from a workspace (`workspace = true`), but a learner's \
                 course folder has no workspace to inherit from; write the value in the \
                 library's own Cargo.toml"
            ),
        });
    }
    let body = toml::to_string(&manifest).map_err(|err| CourseFolderError::BadToml {
        origin: origin.to_owned(),
        line: 1,
        column: 1,
        problem: err.to_string(),
    })?;
    Ok(format!(
        "# The course library, copied by typed-ai-rustlings init from its own manifest\n\
         # without dev-dependencies, so it builds offline.\n{body}"
    ))
}

/// A challenge's `Cargo.toml` (at `key`, e.g.
/// `challenges/paper-to-rust/adam/Cargo.toml`) with its `typed-ai` path
/// dependency pointed at the course folder's own library (in the folder
/// `library_folder`), so `cargo test` works in the challenge as it does in
/// the repository. Only the path on the `typed-ai = { path = "..." }` line
/// changes; comments stay. A manifest without that line is left as it is
/// (`challenge check` points its sandbox at the library anyway).
pub fn challenge_manifest(
    bytes: &[u8],
    key: &str,
    library_folder: &str,
    origin: &str,
) -> Result<String, CourseFolderError> {
    let text = std::str::from_utf8(bytes).map_err(|_| CourseFolderError::BadToml {
        origin: origin.to_owned(),
        line: 1,
        column: 1,
        problem: "the file is not UTF-8 text".to_owned(),
    })?;
    let depth = key.matches('/').count();
    let library = format!("{}{library_folder}", "../".repeat(depth));
    let mut rewritten = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let dependency = line.trim_start().starts_with("typed-ai ")
            || line.trim_start().starts_with("typed-ai=");
        match line.find("path = \"") {
            Some(at) if dependency => {
                let value = at + "path = \"".len();
                match line[value..].find('"') {
                    Some(end) => {
                        rewritten.push_str(&line[..value]);
                        rewritten.push_str(&library);
                        rewritten.push_str(&line[value + end..]);
                    }
                    None => rewritten.push_str(line),
                }
            }
            _ => rewritten.push_str(line),
        }
    }
    Ok(rewritten)
}

fn parse_manifest(bytes: &[u8], origin: &str) -> Result<toml::Table, CourseFolderError> {
    let text = std::str::from_utf8(bytes).map_err(|_| CourseFolderError::BadToml {
        origin: origin.to_owned(),
        line: 1,
        column: 1,
        problem: "the file is not UTF-8 text".to_owned(),
    })?;
    text.parse()
        .map_err(|err| CourseFolderError::from_toml(&err, text, origin))
}

/// The first key of `manifest` that inherits from a workspace, dotted
/// (`package.version`, `dependencies.serde`, `lints`), if any: a table
/// holding `workspace = true`, where cargo expects a value.
fn inherited_key(manifest: &toml::Table) -> Option<String> {
    fn inherits(value: &toml::Value) -> bool {
        value
            .get("workspace")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false)
    }
    fn search(table: &toml::Table, prefix: &str) -> Option<String> {
        table.iter().find_map(|(key, value)| {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            if inherits(value) {
                Some(path)
            } else {
                value.as_table().and_then(|inner| search(inner, &path))
            }
        })
    }
    search(manifest, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_course_manifest_lists_every_exercise_as_a_binary() {
        let exercises = [
            InfoExercise {
                name: "intro".into(),
                path: "01_a/intro.rs".into(),
            },
            InfoExercise {
                name: "shapes".into(),
                path: "02_b/shapes.rs".into(),
            },
        ];
        let library = CourseLibrary {
            package: "typed-ai".into(),
        };
        let manifest: toml::Table = course_manifest(&exercises, &library).parse().unwrap();
        let bins = manifest["bin"].as_array().unwrap();
        let pairs: Vec<(&str, &str)> = bins
            .iter()
            .map(|bin| (bin["name"].as_str().unwrap(), bin["path"].as_str().unwrap()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("intro", "exercises/01_a/intro.rs"),
                ("shapes", "exercises/02_b/shapes.rs")
            ]
        );
        assert_eq!(
            manifest["dependencies"]["typed-ai"]["path"].as_str(),
            Some("typed-ai")
        );
        assert_eq!(
            manifest["workspace"]["members"][0].as_str(),
            Some("typed-ai")
        );
        assert_eq!(
            manifest["package"]["name"].as_str(),
            Some("typed-ai-course")
        );
    }

    #[test]
    fn the_course_manifest_names_the_library_as_its_own_manifest_does() {
        let library = CourseLibrary::from_manifest(
            b"[package]\nname = \"tiny-stats\"\n\n[lib]\nname = \"stats\"\n",
            "Cargo.toml",
        )
        .unwrap();
        assert_eq!(library.folder(), "tiny-stats");
        let manifest: toml::Table = course_manifest(&[], &library).parse().unwrap();
        assert_eq!(
            manifest["dependencies"]["tiny-stats"]["path"].as_str(),
            Some("tiny-stats")
        );
        assert!(manifest["dependencies"].get("typed-ai").is_none());
        assert_eq!(
            manifest["workspace"]["members"][0].as_str(),
            Some("tiny-stats")
        );
        assert_eq!(
            manifest["package"]["name"].as_str(),
            Some("tiny-stats-course")
        );
    }

    #[test]
    fn a_library_without_a_usable_package_name_is_refused() {
        for (manifest, says) in [
            ("[workspace]\nmembers = [\"a\"]\n", "no `[package]` `name`"),
            ("[package]\nname = \"../up\"\n", "not a cargo package name"),
            ("[package]\nname = \"exercises\"\n", "collide"),
            ("[package\n", "line 1"),
        ] {
            let err = CourseLibrary::from_manifest(manifest.as_bytes(), "lib/Cargo.toml")
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{manifest:?}: {err}");
            assert!(err.starts_with("lib/Cargo.toml"), "{err}");
        }
    }

    #[test]
    fn course_info_repoints_the_library_and_keeps_everything_else() {
        let source = "# The course.\nformat_version = 1\nlibrary = \"crates/typed-ai\"   # the repo's copy\nwelcome_message = \"hi\"\n\n[[chapters]]\nid = \"01_a\"\nlibrary = \"not this one\"\n";
        let course = course_info(source, "info.toml", "typed-ai").unwrap();
        assert_eq!(
            course,
            "# The course.\nformat_version = 1\nlibrary = \"typed-ai\"\nwelcome_message = \"hi\"\n\n[[chapters]]\nid = \"01_a\"\nlibrary = \"not this one\"\n"
        );
    }

    #[test]
    fn course_info_adds_a_missing_library_line() {
        let course = course_info("format_version = 1\n", "info.toml", "tiny-stats").unwrap();
        let table: toml::Table = course.parse().unwrap();
        assert_eq!(table["library"].as_str(), Some("tiny-stats"));
        assert_eq!(table["format_version"].as_integer(), Some(1));
    }

    #[test]
    fn course_info_refuses_a_library_it_cannot_rewrite_safely() {
        // `library` inside a multi-line string looks like a key line.
        let tricky =
            "welcome_message = \"\"\"\nlibrary = x\n\"\"\"\nlibrary = \"crates/typed-ai\"\n";
        assert!(matches!(
            course_info(tricky, "info.toml", "typed-ai"),
            Err(CourseFolderError::BadToml { .. })
        ));
    }

    #[test]
    fn the_library_manifest_loses_dev_dependencies_and_extra_targets_only() {
        let source = "[package]\nname = \"typed-ai\"\nedition = \"2024\"\n\n[lib]\nname = \"typed_ai\"\n\n[dependencies]\n\n[dev-dependencies]\nproptest = \"1\"\n\n[[bench]]\nname = \"b\"\n\n[target.'cfg(unix)'.dev-dependencies]\nx = \"1\"\n";
        let out = library_manifest(source.as_bytes(), "Cargo.toml").unwrap();
        let table: toml::Table = out.parse().unwrap();
        assert!(!out.contains("proptest") && !out.contains("bench"), "{out}");
        assert_eq!(table["package"]["name"].as_str(), Some("typed-ai"));
        assert_eq!(table["lib"]["name"].as_str(), Some("typed_ai"));
        assert!(table["target"]["cfg(unix)"].as_table().unwrap().is_empty());
        assert!(out.starts_with("# The course library"), "{out}");
        assert!(
            out.find("[package]") < out.find("[lib]"),
            "keeps the manifest's order:\n{out}"
        );
    }

    #[test]
    fn the_library_manifest_loses_its_own_workspace_so_the_course_folder_has_one_root() {
        let source =
            "[workspace]\nmembers = []\n\n[package]\nname = \"tiny-stats\"\nworkspace = \"..\"\n";
        let out = library_manifest(source.as_bytes(), "Cargo.toml").unwrap();
        let table: toml::Table = out.parse().unwrap();
        assert!(table.get("workspace").is_none(), "{out}");
        assert!(table["package"].get("workspace").is_none(), "{out}");
        assert_eq!(table["package"]["name"].as_str(), Some("tiny-stats"));
    }

    #[test]
    fn a_library_manifest_inheriting_from_a_workspace_is_refused_with_the_key() {
        for (source, key) in [
            (
                "[package]\nname = \"x\"\nversion.workspace = true\n",
                "`package.version`",
            ),
            (
                "[package]\nname = \"x\"\n[lints]\nworkspace = true\n",
                "`lints`",
            ),
            (
                "[package]\nname = \"x\"\n[dependencies]\nserde = { workspace = true }\n",
                "`dependencies.serde`",
            ),
        ] {
            let err = library_manifest(source.as_bytes(), "Cargo.toml")
                .unwrap_err()
                .to_string();
            assert!(err.contains(key), "{source:?}: {err}");
        }
        // Inheritance that only dev-dependencies used goes with them.
        library_manifest(
            b"[package]\nname = \"x\"\n[dev-dependencies]\nproptest = { workspace = true }\n",
            "Cargo.toml",
        )
        .unwrap();
    }

    #[test]
    fn the_real_library_manifest_needs_no_network_in_a_course() {
        let real = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/crates/typed-ai/Cargo.toml"
        ))
        .unwrap();
        let out = library_manifest(&real, "crates/typed-ai/Cargo.toml").unwrap();
        let table: toml::Table = out.parse().unwrap();
        assert!(table.get("dev-dependencies").is_none());
        assert!(
            table
                .get("dependencies")
                .and_then(|deps| deps.as_table())
                .is_none_or(|deps| deps.is_empty())
        );
    }

    #[test]
    fn a_challenge_manifest_points_at_the_course_library_and_keeps_its_comments() {
        let manifest = "[package]\nname = \"adam\"\n\n# A package of its own.\n[workspace]\n\n[dependencies]\ntyped-ai = { path = \"../../../crates/typed-ai\" }\n";
        let rewritten = challenge_manifest(
            manifest.as_bytes(),
            "challenges/paper-to-rust/adam/Cargo.toml",
            "typed-ai",
            "adam/Cargo.toml",
        )
        .unwrap();
        assert_eq!(
            rewritten,
            manifest.replace("../../../crates/typed-ai", "../../../typed-ai")
        );
        let parsed: toml::Table = rewritten.parse().unwrap();
        assert_eq!(
            parsed["dependencies"]["typed-ai"]["path"].as_str(),
            Some("../../../typed-ai")
        );
        let other = "[dependencies]\nserde = \"1\"\n";
        assert_eq!(
            challenge_manifest(other.as_bytes(), "challenges/x/Cargo.toml", "typed-ai", "x")
                .unwrap(),
            other
        );
    }
}

//! The course library, built once by cargo and reused by every check.
//!
//! cargo runs with `--message-format=json`; the rlib path is read from its
//! artifact message (never from its human output) and recorded next to a hash
//! of the library's sources and the compiler identity. While both match and
//! the rlib still exists, no cargo process runs: a `run` pays only for
//! hashing a few source files. It does not compile exercises.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use cargo_metadata::Message;
use serde::{Deserialize, Serialize};

use super::dirs::BuildDirs;
use super::execute::{Exit, Limits, describe, execute_separately};
use super::toolchain::Toolchain;
use crate::atomic_file;
use crate::error::Error;
use crate::hash::KeyHasher;

/// A built library: what `--extern` and `-L dependency=` need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    /// The crate name exercises `use` (`typed_ai`).
    pub crate_name: String,
    /// The rlib.
    pub rlib: PathBuf,
    /// The folder of its dependencies' rlibs.
    pub deps: PathBuf,
    /// Changes whenever the rlib may have changed: part of every verdict key.
    pub identity: String,
}

/// The record kept between runs.
#[derive(Debug, Serialize, Deserialize)]
struct Record {
    key: String,
    crate_name: String,
    rlib: PathBuf,
    deps: PathBuf,
}

impl Library {
    /// The library of the course whose library folder is `library_dir`, built
    /// by cargo only when its sources or the compiler changed. `announce` is
    /// called just before cargo starts (it can take a while).
    pub fn ensure(
        library_dir: &Path,
        toolchain: &Toolchain,
        dirs: &BuildDirs,
        announce: &dyn Fn(&str),
    ) -> Result<Library, Error> {
        let mut key = KeyHasher::new();
        key.str(&library_dir.to_string_lossy())
            .str(toolchain.compiler_identity())
            .str(&hash_sources(library_dir)?);
        let key = key.finish();
        let record_path = dirs.library_target(library_dir).join("record.json");

        let recorded = fs::read(&record_path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Record>(&bytes).ok())
            .filter(|record| record.key == key && record.rlib.is_file());
        let record = match recorded {
            Some(record) => record,
            None => {
                announce(&format!(
                    "Building the course library ({})...",
                    library_dir.display()
                ));
                let record = build(library_dir, toolchain, dirs, key)?;
                atomic_file::write_rebuildable(
                    &record_path,
                    &serde_json::to_vec(&record).unwrap_or_default(),
                )
                .map_err(|source| Error::Io {
                    action: "write",
                    path: record_path.clone(),
                    source,
                })?;
                record
            }
        };
        let mut identity = KeyHasher::new();
        identity
            .str(&record.key)
            .str(&record.rlib.to_string_lossy())
            .file_stamp(&record.rlib);
        Ok(Library {
            crate_name: record.crate_name,
            rlib: record.rlib,
            deps: record.deps,
            identity: identity.finish(),
        })
    }
}

/// Hashes what cargo builds the library from: its manifest, build script and
/// `src/` tree (paths and contents, in a stable order).
fn hash_sources(library_dir: &Path) -> Result<String, Error> {
    let mut files = Vec::new();
    for name in ["Cargo.toml", "build.rs"] {
        let file = library_dir.join(name);
        if file.is_file() {
            files.push(file);
        }
    }
    collect_files(&library_dir.join("src"), &mut files)?;
    files.sort();
    let mut key = KeyHasher::new();
    for file in files {
        let contents = fs::read(&file).map_err(|source| Error::Io {
            action: "read the library source",
            path: file.clone(),
            source,
        })?;
        key.str(
            &file
                .strip_prefix(library_dir)
                .unwrap_or(&file)
                .to_string_lossy(),
        )
        .bytes(&contents);
    }
    Ok(key.finish())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                action: "list the library sources in",
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_files(&path, files)?;
        } else if kind.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// How long the library's cargo build may take: a first build on a slow
/// machine takes a minute or two; a build still running after this is hung.
const BUILD_TIMEOUT: Duration = Duration::from_secs(900);

/// How much of cargo's JSON is kept: every artifact of a small library and
/// its warnings, bounded all the same.
const BUILD_OUTPUT_CAP: usize = 8 * 1024 * 1024;

/// Runs `cargo build --lib` and reads the rlib from its artifact message.
/// cargo runs under the engine's limits, in a process group of its own, so
/// a Ctrl-C stops it with every rustc it started.
fn build(
    library_dir: &Path,
    toolchain: &Toolchain,
    dirs: &BuildDirs,
    key: String,
) -> Result<Record, Error> {
    let manifest = library_dir.join("Cargo.toml");
    let mut command = Command::new(toolchain.cargo());
    command
        .arg("build")
        .arg("--lib")
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target-dir")
        .arg(dirs.library_target(library_dir))
        .arg("--message-format=json-diagnostic-rendered-ansi")
        // The same compiler compiles the exercises; an rlib from another would be rejected (E0514).
        .env("RUSTC", toolchain.rustc());
    let command_line = describe(&command);
    let ran = execute_separately(
        command,
        Limits {
            timeout: BUILD_TIMEOUT,
            output_cap: BUILD_OUTPUT_CAP,
            stop: None,
        },
    )
    .map_err(|error| match error {
        Error::Spawn { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            Error::Toolchain {
                problem: format!("cargo was not found ({})", toolchain.cargo().display()),
                install: "Install Rust with rustup (see the README); cargo comes with it."
                    .to_owned(),
            }
        }
        other => other,
    })?;
    let mut artifact = None;
    let mut rendered = String::new();
    for message in Message::parse_stream(ran.stdout.text.as_bytes()).flatten() {
        match message {
            // Dependencies come first and the library last; prefer the
            // artifact whose manifest is the library's, whatever the order.
            Message::CompilerArtifact(found) if found.target.is_lib() => {
                let ours = found.manifest_path.as_std_path() == manifest;
                let have_ours = artifact
                    .as_ref()
                    .is_some_and(|kept: &cargo_metadata::Artifact| {
                        kept.manifest_path.as_std_path() == manifest
                    });
                if ours || !have_ours {
                    artifact = Some(found);
                }
            }
            Message::CompilerMessage(message) => {
                if let Some(text) = message.message.rendered {
                    rendered.push_str(&text);
                }
            }
            _ => {}
        }
    }
    let stderr_text = ran.stderr.text;
    if !ran.exit.success() {
        if ran.exit != Exit::TimedOut && rendered.contains("error") {
            return Err(Error::LibraryBuild {
                library: library_dir.to_path_buf(),
                rendered,
            });
        }
        return Err(Error::ToolFailed {
            command: command_line,
            status: match ran.exit {
                Exit::TimedOut => format!(
                    "it was still running after {} s and was stopped",
                    BUILD_TIMEOUT.as_secs()
                ),
                other => format!("it {other}"),
            },
            output: stderr_text,
        });
    }
    let artifact = artifact.ok_or_else(|| Error::ToolFailed {
        command: command_line.clone(),
        status: "no library artifact reported".to_owned(),
        output: stderr_text.clone(),
    })?;
    let rlib = artifact
        .filenames
        .iter()
        .find(|file| file.extension() == Some("rlib"))
        .map(|file| file.clone().into_std_path_buf())
        .ok_or_else(|| Error::ToolFailed {
            command: command_line,
            status: "the library artifact has no .rlib".to_owned(),
            output: stderr_text,
        })?;
    // cargo reports the uplifted `target/debug/libx.rlib`; its dependencies are in `deps/` beside it.
    let parent = rlib.parent().unwrap_or(Path::new(".")).to_path_buf();
    let deps = if parent.ends_with("deps") {
        parent
    } else {
        parent.join("deps")
    };
    Ok(Record {
        key,
        crate_name: artifact.target.name.replace('-', "_"),
        rlib,
        deps,
    })
}

//! `challenge list`: every challenge with its paper and the result of its
//! last check, read from the manifests and the records; nothing is built.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use colored::Colorize;

use super::manifest::{self, MANIFEST_FILE};
use super::record::{LastCheck, RecordStore};

/// The challenge folders in `challenges` (those with a `challenge.toml`),
/// sorted by name.
pub fn challenge_folders(challenges: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = fs::read_dir(challenges)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join(MANIFEST_FILE).is_file())
        .collect();
    folders.sort();
    folders
}

/// One line per challenge: name, paper, status; then how to check them.
pub fn write_list(
    out: &mut dyn Write,
    challenges: &Path,
    shown: &Path,
    store: &RecordStore,
) -> io::Result<()> {
    let folders = challenge_folders(challenges);
    if folders.is_empty() {
        writeln!(
            out,
            "No challenges in {} yet. `typed-ai-rustlings challenge new NAME` starts one.",
            shown.display()
        )?;
        return Ok(());
    }
    let records = store.read();
    let rows: Vec<(String, String, LastCheck, String)> = folders
        .iter()
        .map(|dir| {
            let slug = dir
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let loaded = manifest::load(dir, dir);
            let (paper, title) = match &loaded.manifest {
                Some(manifest) => (manifest.paper.short_citation(), manifest.title.clone()),
                None => ("(challenge.toml has problems)".to_owned(), String::new()),
            };
            (slug, paper, records.last_check(dir), title)
        })
        .collect();
    let slug_width = rows
        .iter()
        .map(|row| row.0.chars().count())
        .max()
        .unwrap_or(0);
    let paper_width = rows
        .iter()
        .map(|row| row.1.chars().count())
        .max()
        .unwrap_or(0);
    writeln!(out, "Paper-to-Rust challenges in {}:", shown.display())?;
    writeln!(out)?;
    for (slug, paper, status, title) in &rows {
        let status_text = format!("{:<24}", status.as_str());
        let status_text = match status {
            LastCheck::Passed => status_text.green().to_string(),
            LastCheck::Failed => status_text.red().to_string(),
            LastCheck::Changed => status_text.yellow().to_string(),
            LastCheck::NotChecked => status_text.dimmed().to_string(),
        };
        let slug_pad = " ".repeat(slug_width - slug.chars().count());
        let paper_pad = " ".repeat(paper_width - paper.chars().count());
        let line = format!("  {slug}{slug_pad}  {paper}{paper_pad}  {status_text}  {title}");
        writeln!(out, "{}", line.trim_end())?;
    }
    let passed = rows.iter().filter(|row| row.2 == LastCheck::Passed).count();
    writeln!(out)?;
    writeln!(
        out,
        "{passed} of {} passed their last check. `typed-ai-rustlings challenge check --all` checks them all.",
        rows.len()
    )
}

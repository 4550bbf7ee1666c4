//! `init DIR` and `init --update DIR`: write a course folder, or bring one up
//! to date, and say what happened.
//!
//! The file work is `course_folder`'s; this file chooses the source (the
//! built-in course, `--source PATH`, or for an update the source the folder
//! was made from), has a course pack checked before it is used
//! (`pack::check_pack` before an update, `pack::check_manifest` before a new
//! folder; the built-in course was checked before the runner was released),
//! and reports.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::course_folder::{self, CourseFolderError, CourseSource, UpdateReport};
use crate::error::Error;
use crate::exit_code;
use crate::location::Cwd;
use crate::pack::{check_manifest, check_pack};
use crate::report::announce;
use crate::text::shell_quote;

/// Runs `init` (or `init --update` when `update`) on `dir`, relative to `cwd`.
pub fn run(
    cwd: &Cwd,
    dir: &Path,
    update: bool,
    source: Option<&Path>,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let target = cwd.path().join(dir);
    let source = source.map(|path| CourseSource::Folder(cwd.path().join(path)));
    let text = if update {
        if !course_folder::is_course_folder(&target) {
            return Err(CourseFolderError::NotACourse { path: target }.into());
        }
        let applied = match &source {
            Some(source) => Some(source.clone()),
            None => course_folder::made_from(&target)?,
        };
        if let Some(CourseSource::Folder(pack)) = &applied {
            announce(&format!(
                "Checking the course pack at {} before updating (manifest, files, library, solutions)...",
                cwd.show(pack).display()
            ));
            let jobs = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
            check_pack(pack, "init --update refused", cwd, jobs, &announce)?;
        }
        let report = course_folder::update(&target, source.as_ref())?;
        render_update(dir, &report)
    } else {
        if let Some(CourseSource::Folder(pack)) = &source {
            check_manifest(pack, "init refused")?;
        }
        let report =
            course_folder::init(&target, source.as_ref().unwrap_or(&CourseSource::BuiltIn))?;
        render_init(dir, report.exercises, report.first_exercise.as_deref())
    };
    out.write_all(text.as_bytes())
        .map_err(|source| Error::Output { source })?;
    Ok(exit_code::SUCCESS)
}

fn render_init(dir: &Path, exercises: usize, first: Option<&str>) -> String {
    let mut text = format!(
        "Created your course at {} with {exercises} exercises.\n",
        dir.display()
    );
    if let Some(first) = first {
        let _ = writeln!(text, "Start with {}.", dir.join(first).display());
    }
    let _ = writeln!(
        text,
        "Next: cd {} && typed-ai-rustlings   (watch mode: save the file, see the verdict)",
        shell_quote(&dir.to_string_lossy())
    );
    text
}

fn render_update(dir: &Path, report: &UpdateReport) -> String {
    if report.is_unchanged()
        && report.kept.is_empty()
        && report.retired.is_empty()
        && report.backups.is_empty()
    {
        return format!("{} is up to date.\n", dir.display());
    }
    let mut text = format!("Updated the course at {}:\n", dir.display());
    let path = |file: &String| -> PathBuf { dir.join(file) };
    for file in &by_challenge(&report.added) {
        let _ = writeln!(text, "  added      {}", path(file).display());
    }
    for file in &by_challenge(&report.refreshed) {
        let _ = writeln!(
            text,
            "  updated    {}  (you had not edited it)",
            path(file).display()
        );
    }
    for file in &report.kept {
        let _ = writeln!(
            text,
            "  kept       {}  (your edits; `typed-ai-rustlings reset NAME` gets the new version and backs yours up)",
            path(file).display()
        );
    }
    for file in &report.retired {
        let _ = writeln!(
            text,
            "  retired    {}  (no longer in the course; left in place)",
            path(file).display()
        );
    }
    for file in &report.solutions_updated {
        let _ = writeln!(
            text,
            "  updated    {}  (reference solution)",
            path(file).display()
        );
    }
    if report.info_changed {
        let _ = writeln!(
            text,
            "  updated    {}  (chapters, order, hints)",
            dir.join("info.toml").display()
        );
    }
    if report.library_changed {
        let _ = writeln!(
            text,
            "  updated    {}  (the library)",
            dir.join(&report.library_folder).display()
        );
    }
    for (file, backup) in &report.backups {
        let _ = writeln!(
            text,
            "  backed up  {}  (your edits to {}, before the update)",
            path(backup).display(),
            path(file).display()
        );
    }
    text
}

/// `files` with every file of one challenge folded into its folder
/// (`challenges/paper-to-rust/adam/`): a challenge is added or updated
/// whole, and its files would fill the screen. Order is kept.
fn by_challenge(files: &[String]) -> Vec<String> {
    let mut shown: Vec<String> = Vec::new();
    for file in files {
        let parts: Vec<&str> = file.splitn(4, '/').collect();
        let entry = match parts.as_slice() {
            ["challenges", group, challenge, _] => format!("challenges/{group}/{challenge}/"),
            _ => file.clone(),
        };
        if !shown.contains(&entry) {
            shown.push(entry);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_update_report_names_every_file_and_why() {
        let report = UpdateReport {
            added: vec!["exercises/03/new.rs".into()],
            kept: vec!["exercises/01/intro.rs".into()],
            info_changed: true,
            ..UpdateReport::default()
        };
        let text = render_update(Path::new("learn"), &report);
        assert!(text.starts_with("Updated the course at learn:\n"), "{text}");
        assert!(
            text.contains("  added      learn/exercises/03/new.rs\n"),
            "{text}"
        );
        assert!(
            text.contains("  kept       learn/exercises/01/intro.rs  (your edits;"),
            "{text}"
        );
        assert!(text.contains("learn/info.toml"), "{text}");
        assert_eq!(
            render_update(Path::new("learn"), &UpdateReport::default()),
            "learn is up to date.\n"
        );
        let backed_up = UpdateReport {
            info_changed: true,
            backups: vec![("info.toml".into(), "info.toml.bak-1".into())],
            ..UpdateReport::default()
        };
        assert!(
            render_update(Path::new("learn"), &backed_up).contains(
                "  backed up  learn/info.toml.bak-1  (your edits to learn/info.toml, before the update)"
            ),
            "{}",
            render_update(Path::new("learn"), &backed_up)
        );
    }

    #[test]
    fn the_next_step_can_be_pasted_into_a_shell_whatever_the_folder() {
        let text = render_init(Path::new("my course"), 3, Some("exercises/01/a.rs"));
        assert!(
            text.contains(&format!(
                "Next: cd {} && typed-ai-rustlings",
                shell_quote("my course")
            )),
            "{text}"
        );
        assert!(render_init(Path::new("learn"), 3, None).contains("Next: cd learn && "));
    }

    #[test]
    fn a_challenge_is_one_line_however_many_files_it_has() {
        let report = UpdateReport {
            added: vec![
                "challenges/paper-to-rust/adam/Cargo.toml".into(),
                "challenges/paper-to-rust/adam/src/claim.rs".into(),
                "challenges/paper-to-rust/README.md".into(),
                "exercises/03/new.rs".into(),
            ],
            ..UpdateReport::default()
        };
        let text = render_update(Path::new("learn"), &report);
        assert_eq!(
            text,
            "Updated the course at learn:\n  added      learn/challenges/paper-to-rust/adam/\n  added      learn/challenges/paper-to-rust/README.md\n  added      learn/exercises/03/new.rs\n"
        );
    }
}

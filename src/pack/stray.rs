//! Files in `exercises/` or `solutions/` that info.toml does not list: an
//! exercise written but never registered, or one renamed in one place only.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::course::Course;

/// Every `.rs` file under `exercises/` and `solutions/` that no exercise's
/// `path` names, relative to the course root, sorted.
pub fn stray_files(course: &Course) -> Vec<PathBuf> {
    let listed: HashSet<&Path> = course
        .exercises()
        .iter()
        .map(|exercise| exercise.path.as_path())
        .collect();
    let mut stray = Vec::new();
    for folder in ["exercises", "solutions"] {
        let base = course.root().join(folder);
        let mut files = Vec::new();
        collect_rust_files(&base, &mut files);
        for file in files {
            let relative = file.strip_prefix(&base).unwrap_or(&file);
            if !listed.contains(relative) {
                stray.push(Path::new(folder).join(relative));
            }
        }
    }
    stray.sort();
    stray
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect_rust_files(&path, files),
            Ok(kind)
                if kind.is_file()
                    && path.extension().is_some_and(|extension| extension == "rs") =>
            {
                files.push(path);
            }
            _ => {}
        }
    }
}

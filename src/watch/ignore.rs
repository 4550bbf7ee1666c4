//! Files editors write next to the one being saved, which must never trigger
//! a check: swap files, backups, lock files and the temporary files of
//! "safe write" saves.
//!
//! Pure: it looks at a file name only. Which files count as exercises (and
//! which one is current) is decided elsewhere (`watcher.rs`, `session.rs`);
//! this list is the first, cheap filter in front of those.

use std::path::Path;

/// Whether `path` names an editor's temporary, swap, backup or lock file
/// rather than a file the learner saved.
pub fn is_editor_noise(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        // A name that is not UTF-8 is no exercise of ours.
        return true;
    };
    // vim writes `4913` (and `4914`, ...) to test that the folder is writable.
    if !name.is_empty() && name.len() <= 5 && name.bytes().all(|byte| byte.is_ascii_digit()) {
        return true;
    }
    // vim and emacs backups (`x.rs~`), emacs lock and autosave files
    // (`.#x.rs`, `#x.rs#`), kate/vim/sublime temporaries.
    if name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
    {
        return true;
    }
    // JetBrains "safe write": `x.rs___jb_tmp___` is written, the original
    // becomes `x.rs___jb_old___`, then the temporary is renamed over it.
    if name.ends_with("___jb_tmp___") || name.ends_with("___jb_old___") {
        return true;
    }
    const NOISE_SUFFIXES: &[&str] = &[
        ".swp",
        ".swo",
        ".swx",
        ".swn", // vim swap files
        ".tmp",
        ".temp",
        ".bak",
        ".orig",
        ".kate-swp", // assorted editors
        ".crswap",   // Chrome/VS Code web file system access
    ];
    if NOISE_SUFFIXES.iter().any(|suffix| name.ends_with(suffix)) {
        return true;
    }
    // `reset` keeps the learner's version as `x.rs.bak-1`; VS Code and
    // others write `.x.rs.tmp.1234` style names; gedit writes `.goutputstream-XXXX`.
    name.contains(".bak-") || name.starts_with(".goutputstream-") || name.contains(".tmp.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporaries_are_noise() {
        for name in [
            ".softmax.rs.swp",
            ".softmax.rs.swo",
            "softmax.rs~",
            "4913",
            "4914",
            ".#softmax.rs",
            "#softmax.rs#",
            "softmax.rs___jb_tmp___",
            "softmax.rs___jb_old___",
            "softmax.rs.tmp",
            "softmax.rs.bak-1",
            ".softmax.rs.tmp.28312",
            "softmax.rs.crswap",
            ".goutputstream-4Z3XK1",
            "softmax.rs.kate-swp",
        ] {
            assert!(
                is_editor_noise(Path::new("exercises/04").join(name).as_path()),
                "{name} should be ignored"
            );
        }
    }

    #[test]
    fn exercise_files_are_not_noise() {
        for name in [
            "softmax.rs",
            "loss_is_negative_log.rs",
            "x.rs",
            "e0308_lesson.rs",
            "2024_tokens.rs",
        ] {
            assert!(
                !is_editor_noise(Path::new("exercises/04").join(name).as_path()),
                "{name} is a real file"
            );
        }
    }
}

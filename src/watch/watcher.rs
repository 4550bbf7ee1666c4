//! The file watcher: OS file events on two places, filtered into watch's
//! events. The course's `exercises/` folder gives one debounced
//! [`Event::Saved`] per save of an exercise file; the progress folder gives
//! [`Event::ProgressChanged`] when another runner process (`run`, `hint` in
//! a second terminal) rewrites the progress file.
//!
//! notify delivers raw events on its own thread; a named thread of ours
//! drops events that cannot change content (opens and reads, including our
//! own compiler's) and every path that is not exactly an exercise file, then
//! runs the debounce policy (`debounce.rs`). An exercise file is named
//! `slug.rs` (the course model insists), so editor files beside it (swap
//! files, backups, `4913`, `x.rs___jb_tmp___`, `reset`'s `x.rs.bak-1`) never
//! match and need no list of their own. Which exercise is current, and
//! whether the content really changed, is the session's business. If the
//! watcher cannot start, [`start`] says why and watch falls back to `r`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::debounce::{Debouncer, MAX_DELAY, QUIET};
use super::event::Event;
use crate::course::Course;

/// A running watcher; dropping it stops the events (and its thread).
#[derive(Debug)]
pub struct FileWatcher {
    watcher: RecommendedWatcher,
}

impl FileWatcher {
    /// Watches the progress file's folder again, after it was deleted and
    /// made again (a deleted folder's watch ends with it). Failing only
    /// costs the redraw for another terminal's change until the next key.
    pub fn watch_progress_again(&mut self, progress_file: &Path) {
        if let Some(folder) = progress_file.parent() {
            let _ = self.watcher.watch(folder, RecursiveMode::NonRecursive);
        }
    }
}

/// Starts watching the exercises of `course`, sending one [`Event::Saved`]
/// per save to `events`. `Err` says, in a few words, why watching is not
/// possible here.
/// `progress_file` is the learner's progress: a change to it (from `hint` or
/// `run` in another terminal) is sent as [`Event::ProgressChanged`].
pub fn start(
    course: &Course,
    progress_file: &Path,
    events: Sender<Event>,
) -> Result<FileWatcher, String> {
    start_with(course, progress_file, events, QUIET)
}

/// [`start`] with a given quiet period (tests use a long one so that a
/// loaded machine cannot split one save in two).
fn start_with(
    course: &Course,
    progress_file: &Path,
    events: Sender<Event>,
    quiet: Duration,
) -> Result<FileWatcher, String> {
    let folder = course.exercises_dir();
    let files: HashMap<PathBuf, usize> = course
        .exercises()
        .iter()
        .enumerate()
        .map(|(index, exercise)| (course.exercise_path(exercise), index))
        .collect();
    let (raw_sender, raw) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_sender)
        .map_err(|error| format!("the file watcher could not start: {error}"))?;
    watcher
        .watch(&folder, RecursiveMode::Recursive)
        .map_err(|error| format!("{} cannot be watched: {error}", folder.display()))?;
    // `hint` or `run` in another terminal: redraw with their change. Not
    // being able to watch this only costs that redraw until the next key.
    let progress_file = progress_file.parent().and_then(|folder| {
        watcher
            .watch(folder, RecursiveMode::NonRecursive)
            .ok()
            .map(|()| progress_file.to_path_buf())
    });
    std::thread::Builder::new()
        .name("watch-files".to_owned())
        .spawn(move || debounce_loop(&raw, &files, progress_file.as_deref(), &events, quiet))
        .map_err(|error| format!("the file watcher thread could not start: {error}"))?;
    Ok(FileWatcher { watcher })
}

/// Turns raw events into debounced saves until either side hangs up.
fn debounce_loop(
    raw: &mpsc::Receiver<notify::Result<notify::Event>>,
    files: &HashMap<PathBuf, usize>,
    progress_file: Option<&Path>,
    events: &Sender<Event>,
    quiet: Duration,
) {
    let mut debouncer = Debouncer::new(quiet, MAX_DELAY.max(quiet * 2));
    let mut reported_failure = false;
    loop {
        let received = match debouncer.next_deadline() {
            Some(deadline) => raw.recv_timeout(deadline.saturating_duration_since(Instant::now())),
            None => raw.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(Ok(event)) => {
                let now = Instant::now();
                if event.need_rescan() {
                    // Events were lost: any file may have changed.
                    for &exercise in files.values() {
                        debouncer.touch(Changed::Exercise(exercise), now);
                    }
                    debouncer.touch(Changed::Progress, now);
                } else if may_change_content(&event.kind) {
                    for exercise in exercises_touched(&event.paths, files) {
                        debouncer.touch(Changed::Exercise(exercise), now);
                    }
                    if progress_file.is_some_and(|file| touches_progress(&event, file)) {
                        debouncer.touch(Changed::Progress, now);
                    }
                }
            }
            Ok(Err(error)) => {
                if !reported_failure {
                    reported_failure = true;
                    let reason = error.to_string();
                    if events.send(Event::WatcherFailed { reason }).is_err() {
                        return;
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        for changed in debouncer.take_due(Instant::now()) {
            let event = match changed {
                Changed::Exercise(exercise) => Event::Saved { exercise },
                Changed::Progress => Event::ProgressChanged,
            };
            if events.send(event).is_err() {
                return;
            }
        }
    }
}

/// What a debounced event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Changed {
    /// The exercise at this position.
    Exercise(usize),
    /// The progress file (another runner process changed it).
    Progress,
}

/// Whether an event of this kind can mean new content. Opening or reading a
/// file (rustc reading the exercise, an editor opening it) cannot; closing a
/// file written to is the surest sign a save finished.
fn may_change_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether `event` may have changed the progress: the progress file
/// written (another runner process), or anything in its folder removed, the
/// folder itself included (the learner deleted it: watch makes it again).
fn touches_progress(event: &notify::Event, progress_file: &Path) -> bool {
    let folder = progress_file.parent();
    event.paths.iter().any(|path| {
        path == progress_file
            || Some(path.as_path()) == folder
            || (matches!(event.kind, EventKind::Remove(_)) && path.parent() == folder)
    })
}

/// The exercises among `paths` (a rename event names both ends; the new
/// name is what counts, but both are looked up). Only exact exercise paths
/// count, which leaves out every editor's temporary and backup files.
fn exercises_touched<'a>(
    paths: &'a [PathBuf],
    files: &'a HashMap<PathBuf, usize>,
) -> impl Iterator<Item = usize> + 'a {
    paths
        .iter()
        .filter_map(|path| files.get(path.as_path()).copied())
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    use super::*;

    #[test]
    fn reads_and_opens_do_not_count_but_writes_renames_and_closes_after_writing_do() {
        let counts = [
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Any,
        ];
        for kind in counts {
            assert!(may_change_content(&kind), "{kind:?}");
        }
        let ignored = [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
        ];
        for kind in ignored {
            assert!(!may_change_content(&kind), "{kind:?}");
        }
    }

    #[test]
    fn the_progress_counts_when_its_file_changes_or_its_folder_loses_anything() {
        let progress = Path::new("/c/.typed-ai-rustlings/state.toml");
        let event = |kind: EventKind, path: &str| notify::Event::new(kind).add_path(path.into());
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let removed = EventKind::Remove(RemoveKind::Any);
        assert!(touches_progress(
            &event(write, "/c/.typed-ai-rustlings/state.toml"),
            progress
        ));
        assert!(touches_progress(
            &event(removed, "/c/.typed-ai-rustlings/watch.lock"),
            progress
        ));
        assert!(touches_progress(
            &event(removed, "/c/.typed-ai-rustlings"),
            progress
        ));
        assert!(!touches_progress(
            &event(write, "/c/.typed-ai-rustlings/state.lock.holder"),
            progress
        ));
        assert!(!touches_progress(
            &event(removed, "/c/exercises/01/a.rs"),
            progress
        ));
    }

    #[test]
    fn only_exercise_files_are_kept_and_editor_files_never_are() {
        let files: HashMap<PathBuf, usize> = [
            (PathBuf::from("/c/exercises/01/a.rs"), 0),
            (PathBuf::from("/c/exercises/01/b.rs"), 1),
        ]
        .into_iter()
        .collect();
        let paths = [
            PathBuf::from("/c/exercises/01/a.rs___jb_tmp___"),
            PathBuf::from("/c/exercises/01/b.rs"),
            PathBuf::from("/c/exercises/01/.b.rs.swp"),
            PathBuf::from("/c/exercises/01/4913"),
            PathBuf::from("/c/exercises/01/notes.txt"),
        ];
        assert_eq!(
            exercises_touched(&paths, &files).collect::<Vec<_>>(),
            vec![1]
        );
        // A JetBrains safe write ends with a rename from the temporary file to the exercise.
        let rename = [
            PathBuf::from("/c/exercises/01/a.rs___jb_tmp___"),
            PathBuf::from("/c/exercises/01/a.rs"),
        ];
        assert_eq!(
            exercises_touched(&rename, &files).collect::<Vec<_>>(),
            vec![0]
        );
    }

    #[test]
    fn no_editor_temporary_beside_an_exercise_counts_as_a_save_of_it() {
        let folder = PathBuf::from("/c/exercises/04");
        let exercises = [
            "softmax.rs",
            "loss_is_negative_log.rs",
            "x.rs",
            "e0308_lesson.rs",
            "2024_tokens.rs",
        ];
        let files: HashMap<PathBuf, usize> = exercises
            .iter()
            .enumerate()
            .map(|(index, name)| (folder.join(name), index))
            .collect();
        for (index, name) in exercises.iter().enumerate() {
            let paths = [folder.join(name)];
            assert_eq!(
                exercises_touched(&paths, &files).collect::<Vec<_>>(),
                vec![index],
                "{name} is an exercise"
            );
        }
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
            let paths = [folder.join(name)];
            assert_eq!(
                exercises_touched(&paths, &files).count(),
                0,
                "{name} should be ignored"
            );
        }
    }

    /// The real watcher on a real folder: saves by rename and by
    /// truncate-and-write each arrive as one `Saved`, editor files as none.
    #[test]
    fn real_saves_arrive_once_each() {
        use std::fs;

        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical").join("course");
        let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init/basic");
        crate::course_folder::init(&root, &crate::course_folder::CourseSource::Folder(pack))
            .expect("a course folder from the fixture");
        let course = Course::load(&root).expect("the course folder loads");
        let (sender, events) = mpsc::channel();
        let progress = root.join(".typed-ai-rustlings/state.toml");
        let _watcher = start_with(&course, &progress, sender, Duration::from_millis(250))
            .expect("the watcher starts here");
        let file = course.exercise_path(&course.exercises()[1]);
        // Generous: a guard against a hang, not a timing assertion.
        let wait = Duration::from_secs(10);
        let settle = Duration::from_millis(700);

        // Truncate and write, in three writes.
        {
            use std::io::Write;
            let mut handle = fs::File::create(&file).expect("truncate");
            for part in ["fn main() {", "}", "\n"] {
                handle.write_all(part.as_bytes()).expect("write");
                handle.flush().expect("flush");
            }
        }
        assert_saved(&events, 1, wait);
        assert_quiet(&events, settle);

        // Rename over it, the way vim and JetBrains save.
        let temporary = file.with_file_name("shapes.rs___jb_tmp___");
        fs::write(&temporary, "fn main() { let _ = 1; }\n").expect("write temp");
        fs::rename(&temporary, &file).expect("rename");
        assert_saved(&events, 1, wait);
        assert_quiet(&events, settle);

        // An editor's swap file alone is nothing.
        fs::write(file.with_file_name(".shapes.rs.swp"), "swap").expect("swap");
        assert_quiet(&events, settle);

        // Reading the file (as rustc does) is nothing either.
        let _ = fs::read(&file).expect("read");
        assert_quiet(&events, settle);

        // Another runner process writes the progress (atomically, by rename).
        let temporary = progress.with_file_name(".tmp-state");
        fs::write(&temporary, "format_version = 1\n").expect("write progress");
        fs::rename(&temporary, &progress).expect("rename progress");
        match events.recv_timeout(wait) {
            Ok(Event::ProgressChanged) => {}
            other => panic!("expected the progress change, got {other:?}"),
        }
        assert_quiet(&events, settle);
    }

    fn assert_saved(events: &mpsc::Receiver<Event>, exercise: usize, wait: std::time::Duration) {
        match events.recv_timeout(wait) {
            Ok(Event::Saved { exercise: saved }) => assert_eq!(saved, exercise),
            other => panic!("expected one save of exercise {exercise}, got {other:?}"),
        }
    }

    fn assert_quiet(events: &mpsc::Receiver<Event>, settle: std::time::Duration) {
        if let Ok(event) = events.recv_timeout(settle) {
            panic!("expected no more events, got {event:?}");
        }
    }
}

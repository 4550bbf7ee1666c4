//! Running independent checks on a fixed number of worker threads, keeping
//! the results in input order.
//!
//! Scoped, named threads pull the next index from a shared counter, so a slow
//! exercise never holds up a whole batch. It does not know what a check is.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Applies `work` to every item on `jobs` threads (at least one) and returns
/// the results in the items' order. `done` is called after each item
/// finishes, with the item, from the worker thread that ran it.
pub fn map_in_order<T, R, W, D>(items: &[T], jobs: usize, work: W, done: D) -> Vec<R>
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    D: Fn(&T) + Sync,
{
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    let worker = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { break };
            let result = work(item);
            results
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)[index] = Some(result);
            done(item);
        }
    };
    let workers = jobs.clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        // The calling thread is one of the workers; a thread that cannot be
        // started only means fewer workers.
        for number in 1..workers {
            let _ = std::thread::Builder::new()
                .name(format!("check-{number}"))
                .spawn_scoped(scope, worker);
        }
        worker();
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_whatever_the_number_of_workers() {
        let items: Vec<u64> = (0..50).collect();
        for jobs in [0, 1, 2, 7, 100] {
            let finished = AtomicUsize::new(0);
            let squares = map_in_order(
                &items,
                jobs,
                |n| {
                    // Later items finish first, to shuffle completion order.
                    std::thread::sleep(std::time::Duration::from_micros(50 - n));
                    n * n
                },
                |_| {
                    finished.fetch_add(1, Ordering::Relaxed);
                },
            );
            assert_eq!(
                squares,
                items.iter().map(|n| n * n).collect::<Vec<_>>(),
                "jobs = {jobs}"
            );
            assert_eq!(finished.load(Ordering::Relaxed), items.len());
        }
    }
}

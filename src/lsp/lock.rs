//! The state lock, timed: every hold is measured and the longest is kept with where it was
//! taken, so the rule "never hold the lock for slow work" can be checked on a real workspace
//! (logged at `shutdown`; run with `NEWSLS_LOG=info`).

use super::state::State;
use std::ops::{Deref, DerefMut};
use std::panic::Location;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The longest hold so far and the line that took the lock.
#[derive(Debug, Default, Clone, Copy)]
pub struct LongestHold {
    pub held: Duration,
    pub at: Option<&'static Location<'static>>,
}

/// The server's state behind one mutex, with the longest hold recorded.
#[derive(Debug, Default)]
pub struct StateLock {
    state: Mutex<State>,
    longest: Mutex<LongestHold>,
}

impl StateLock {
    /// Locks the state. A panic elsewhere must not take the server down, so a poisoned lock
    /// is recovered: every critical section leaves the state consistent before it can panic.
    #[track_caller]
    pub fn lock(&self) -> StateGuard<'_> {
        let guard = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        StateGuard {
            guard,
            since: Instant::now(),
            at: Location::caller(),
            longest: &self.longest,
        }
    }

    pub fn longest(&self) -> LongestHold {
        *self
            .longest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The locked state; dropping it records how long it was held.
pub struct StateGuard<'a> {
    guard: MutexGuard<'a, State>,
    since: Instant,
    at: &'static Location<'static>,
    longest: &'a Mutex<LongestHold>,
}

impl Deref for StateGuard<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.guard
    }
}

impl DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.guard
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        let held = self.since.elapsed();
        let mut longest = self
            .longest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if held > longest.held {
            *longest = LongestHold {
                held,
                at: Some(self.at),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_hold_and_its_place_are_kept() {
        let lock = StateLock::default();
        drop(lock.lock());
        let slow = lock.lock();
        std::thread::sleep(Duration::from_millis(5));
        drop(slow);
        drop(lock.lock());
        let longest = lock.longest();
        assert!(longest.held >= Duration::from_millis(5));
        assert_eq!(longest.at.unwrap().file(), file!());
    }
}

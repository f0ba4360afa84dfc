//! The rules of the lock that are the user's to see: what a new passphrase
//! must be, and when an idle journal locks itself. (The encryption is the
//! store's, in `store::lock`.)

use std::time::Duration;

use super::review::Settings;

/// Minutes without use before an unlocked journal locks itself, unless the
/// user chose otherwise: long enough for a meeting's notes, short enough for
/// a laptop left open.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 15;

/// The choices Data offers, in minutes; 0 is "never".
pub const LOCK_AFTER_CHOICES: [u32; 6] = [1, 5, 15, 30, 60, 0];

/// The shortest passphrase accepted. Eight characters of a phrase the user
/// can remember; PBKDF2's 600,000 rounds make each guess slow.
pub const MIN_PASSPHRASE: usize = 8;

/// Minutes of idleness before locking, or `None` for never.
pub fn lock_after(settings: &Settings) -> Option<u32> {
    match settings.lock_after_minutes.unwrap_or(DEFAULT_LOCK_AFTER_MINUTES) {
        0 => None,
        minutes => Some(minutes),
    }
}

/// "15 minutes", "1 minute", "never".
pub fn describe_lock_after(minutes: u32) -> String {
    match minutes {
        0 => "Never".to_owned(),
        1 => "1 minute".to_owned(),
        n => format!("{n} minutes"),
    }
}

/// How long a journal last used at `last_use_ms` (milliseconds since the
/// epoch) has left at `now_ms` before it locks after `minutes` unused: zero
/// once it is due.
pub fn idle_lock_wait(minutes: u32, last_use_ms: f64, now_ms: f64) -> Duration {
    let left = last_use_ms + f64::from(minutes) * 60_000.0 - now_ms;
    // Whole milliseconds, rounded up, as timers count them: a timer set for
    // the wait finds the journal due. A clock set back leaves at most the
    // whole time, never more.
    Duration::from_millis(left.clamp(0.0, f64::from(minutes) * 60_000.0).ceil() as u64)
}

/// Why a new passphrase (typed twice) cannot be used, if it cannot.
pub fn check_new_passphrase(passphrase: &str, again: &str) -> Result<(), String> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(format!(
            "Choose a passphrase of at least {MIN_PASSPHRASE} characters: a few words you will remember."
        ));
    }
    if passphrase != again {
        return Err("The two passphrases differ: type the same one twice.".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(minutes: Option<u32>) -> Settings {
        Settings { lock_after_minutes: minutes, ..Settings::default() }
    }

    #[test]
    fn an_idle_journal_locks_after_fifteen_minutes_unless_the_user_chose_otherwise() {
        assert_eq!(lock_after(&after(None)), Some(15));
        assert_eq!(lock_after(&after(Some(1))), Some(1));
        assert_eq!(lock_after(&after(Some(0))), None, "never");
        assert_eq!(describe_lock_after(1), "1 minute");
        assert_eq!(describe_lock_after(0), "Never");
    }

    #[test]
    fn the_wait_before_an_idle_lock_counts_from_the_last_use() {
        let minute = 60_000.0;
        let secs = |s: u64| Duration::from_secs(s);
        assert_eq!(idle_lock_wait(15, 0.0, 0.0), secs(15 * 60));
        assert_eq!(idle_lock_wait(15, 0.0, 10.0 * minute), secs(5 * 60));
        assert_eq!(idle_lock_wait(15, 2.0 * minute, 10.0 * minute), secs(7 * 60), "used since");
        assert!(idle_lock_wait(15, 0.0, 15.0 * minute).is_zero(), "due");
        assert!(idle_lock_wait(1, 0.0, 90.0 * minute).is_zero(), "long overdue");
        assert_eq!(idle_lock_wait(1, 5.0 * minute, 0.0), secs(60), "a clock set back waits the whole time, no more");
        assert_eq!(idle_lock_wait(1, 0.0, 59_999.4), Duration::from_millis(1), "rounded up to a whole millisecond");
    }

    #[test]
    fn a_new_passphrase_is_long_enough_and_typed_twice_the_same() {
        assert!(check_new_passphrase("short", "short").unwrap_err().contains("at least 8"));
        assert!(check_new_passphrase("correct horse", "correct hose").unwrap_err().contains("differ"));
        assert_eq!(check_new_passphrase("correct horse", "correct horse"), Ok(()));
        // Characters, not bytes: eight accented letters are enough.
        assert_eq!(check_new_passphrase("éééééééé", "éééééééé"), Ok(()));
    }
}

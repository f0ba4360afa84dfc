//! Keeping the journal safe beyond this browser: when Home suggests a backup.
//!
//! Browsers delete a site's storage (Safari after 7 days without a visit), so
//! a journal without a recent backup is one cleared profile from lost. The
//! suggestion comes only when a backup would hold something the last one
//! does not, never for an empty journal, and can be put off for a week.

use chrono::{DateTime, Duration, NaiveDate};

use super::review::Settings;
use super::{Journal, RecordKind};

/// A backup older than this, with changes since, is worth replacing.
pub const BACKUP_EVERY_DAYS: i64 = 14;
/// "Remind me later" puts the suggestion off this long.
pub const SNOOZE_DAYS: i64 = 7;

/// Why Home suggests a backup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BackupDue {
    /// None was ever downloaded.
    Never,
    /// The last one, on this day (UTC), lacks changes made since.
    Since(NaiveDate),
}

/// The day (UTC) of a time in milliseconds since the epoch.
pub fn day_of(ms: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(ms).map(|at| at.date_naive())
}

/// The time of the latest change to the journal's records (settings aside:
/// noting a backup or a snooze changes them, and is nothing to back up).
pub fn latest_change(journal: &Journal) -> Option<i64> {
    RecordKind::ALL
        .iter()
        .filter(|&&kind| kind != RecordKind::Settings)
        .flat_map(|kind| kind.all(journal))
        .map(|record| record.rev().time)
        .max()
}

/// Whether Home should suggest downloading a backup on `today` (UTC).
pub fn backup_due(journal: &Journal, today: NaiveDate) -> Option<BackupDue> {
    let Settings { last_backup, backup_snoozed_until, .. } = journal.settings();
    let latest = latest_change(journal)?;
    if backup_snoozed_until.is_some_and(|until| today < until) {
        return None;
    }
    match *last_backup {
        None => Some(BackupDue::Never),
        Some(at) => {
            let day = day_of(at)?;
            let old = today - day >= Duration::days(BACKUP_EVERY_DAYS);
            (old && latest > at).then_some(BackupDue::Since(day))
        }
    }
}

/// The day a snooze chosen on `today` ends.
pub fn snoozed_until(today: NaiveDate) -> NaiveDate {
    today + Duration::days(SNOOZE_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{at, day, interaction};
    use crate::model::{Id, Rev};

    const DAY_MS: i64 = 86_400_000;

    /// 2026-03-01 00:00 UTC, in milliseconds.
    fn march_first() -> i64 {
        day(3, 1).and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis()).unwrap_or_default()
    }

    /// A journal whose one interaction was last saved `saved` ms after 1 March,
    /// with the given backup settings.
    fn journal(saved: Option<i64>, last_backup: Option<i64>, snoozed: Option<NaiveDate>) -> Journal {
        let records = saved.map(|ms| {
            let mut i = interaction(1, at(1), &[Id::from_raw(5)]);
            i.rev = Rev { time: march_first() + ms, count: 0, writer: 1 };
            i
        });
        let mut journal = Journal::from_records(vec![], records.into_iter().collect());
        journal.set_settings(Settings {
            last_backup: last_backup.map(|ms| march_first() + ms),
            backup_snoozed_until: snoozed,
            ..Settings::default()
        });
        journal
    }

    #[test]
    fn an_empty_journal_is_never_nagged() {
        assert_eq!(backup_due(&journal(None, None, None), day(6, 1)), None);
    }

    #[test]
    fn a_journal_never_backed_up_is_due_at_once() {
        assert_eq!(backup_due(&journal(Some(0), None, None), day(3, 1)), Some(BackupDue::Never));
    }

    #[test]
    fn a_backup_is_due_after_two_weeks_only_with_changes_since() {
        // Backed up on 2 March, changed the day after.
        let changed = journal(Some(2 * DAY_MS), Some(DAY_MS), None);
        assert_eq!(backup_due(&changed, day(3, 15)), None, "13 days");
        assert_eq!(backup_due(&changed, day(3, 16)), Some(BackupDue::Since(day(3, 2))), "14 days");
        let unchanged = journal(Some(0), Some(DAY_MS), None);
        assert_eq!(backup_due(&unchanged, day(6, 1)), None, "the backup holds everything");
    }

    #[test]
    fn a_snooze_puts_it_off_until_its_day() {
        let until = snoozed_until(day(3, 1));
        assert_eq!(until, day(3, 8));
        let snoozed = journal(Some(0), None, Some(until));
        assert_eq!(backup_due(&snoozed, day(3, 7)), None);
        assert_eq!(backup_due(&snoozed, day(3, 8)), Some(BackupDue::Never));
    }

    #[test]
    fn settings_changes_are_not_changes_to_back_up() {
        let mut j = journal(Some(0), Some(DAY_MS), None);
        let mut settings = j.settings().clone();
        settings.rev = Rev { time: march_first() + 30 * DAY_MS, count: 0, writer: 1 };
        j.set_settings(settings);
        assert_eq!(latest_change(&j), Some(march_first()));
        assert_eq!(backup_due(&j, day(6, 1)), None);
    }
}

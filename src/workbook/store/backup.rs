//! Automatic backups: the version a save replaces is kept in `backups/`, the newest ten, the
//! last of each hour for a day and the last of each day for four weeks. Manual backups
//! (`wheelbook backup`) are never pruned.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::paths::{Location, stamp};
use super::{files, load};

pub const KEEP_RECENT: usize = 10;
pub const KEEP_DAILY_DAYS: i64 = 28;
/// A save follows every pause in typing, so the newest ten may all be of the last few
/// minutes: the last of each hour reaches back to this morning's version.
pub const KEEP_HOURLY_HOURS: i64 = 24;
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub taken: DateTime<Utc>,
    /// Made with `wheelbook backup`, not by a save.
    pub manual: bool,
}

/// A backup that was read and found to be a valid workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodBackup {
    pub backup: Backup,
    pub reflections: usize,
}

/// The backups of this workbook, oldest first.
pub fn list(location: &Location) -> Vec<Backup> {
    let Ok(entries) = fs::read_dir(location.backups_dir()) else {
        return Vec::new();
    };
    let mut backups: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| {
            parse_name(location.name(), &entry.file_name().to_string_lossy()).map(
                |(taken, manual)| Backup {
                    path: entry.path(),
                    taken,
                    manual,
                },
            )
        })
        .collect();
    backups.sort_by(|a, b| (a.taken, &a.path).cmp(&(b.taken, &b.path)));
    backups
}

fn parse_name(workbook: &str, file_name: &str) -> Option<(DateTime<Utc>, bool)> {
    let rest = file_name
        .strip_prefix(workbook)?
        .strip_prefix('.')?
        .strip_suffix(".json")?;
    let (rest, manual) = match rest.strip_prefix("manual-") {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let taken = NaiveDateTime::parse_from_str(rest, STAMP_FORMAT).ok()?;
    Some((taken.and_utc(), manual))
}

/// Keeps the workbook as it is now in `backups/`: a hard link, which costs no copying because
/// saves always replace the workbook with a new file.
pub fn take(location: &Location, at: DateTime<Utc>) -> io::Result<PathBuf> {
    let dir = location.backups_dir();
    files::create_private_dir(&dir)?;
    let path = dir.join(format!("{}.{}.json", location.name(), stamp(at)));
    let workbook = location.workbook_path();
    if fs::hard_link(&workbook, &path).is_err() {
        // Some file systems cannot link; a private copy is as good.
        copy_private(&workbook, &path)?;
    }
    files::sync_dir(&dir)?;
    Ok(path)
}

/// Copies to a new 0600 file, following no link at either end.
fn copy_private(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = files::open_no_follow(from)?;
    let mut target = files::create_private_new(to)?;
    io::copy(&mut source, &mut target)?;
    target.sync_all()
}

/// Where `wheelbook backup` puts a copy when no file is named.
pub fn manual_path(location: &Location, at: DateTime<Utc>) -> PathBuf {
    location
        .backups_dir()
        .join(format!("{}.manual-{}.json", location.name(), stamp(at)))
}

/// Automatic backups to delete: all but the newest [`KEEP_RECENT`], the newest of each of the
/// last [`KEEP_HOURLY_HOURS`] hours and the newest of each of the last [`KEEP_DAILY_DAYS`]
/// days (UTC).
pub fn to_remove(backups: &[Backup], now: DateTime<Utc>) -> Vec<&Backup> {
    let automatic: Vec<&Backup> = backups.iter().filter(|b| !b.manual).collect();
    let mut keep: BTreeSet<&Path> = automatic
        .iter()
        .rev()
        .take(KEEP_RECENT)
        .map(|b| b.path.as_path())
        .collect();
    // Whole calendar days: "the last 28 days" includes all of the 28th day back.
    let first_day = (now - Duration::days(KEEP_DAILY_DAYS)).date_naive();
    let mut days_seen = BTreeSet::new();
    for backup in automatic
        .iter()
        .rev()
        .filter(|b| b.taken.date_naive() >= first_day)
    {
        if days_seen.insert(backup.taken.date_naive()) {
            keep.insert(&backup.path);
        }
    }
    let first_hour = now - Duration::hours(KEEP_HOURLY_HOURS);
    let mut hours_seen = BTreeSet::new();
    for backup in automatic.iter().rev().filter(|b| b.taken > first_hour) {
        let hour = backup.taken.format("%Y%m%d%H").to_string();
        if hours_seen.insert(hour) {
            keep.insert(&backup.path);
        }
    }
    automatic
        .into_iter()
        .filter(|b| !keep.contains(b.path.as_path()))
        .collect()
}

pub fn prune(location: &Location, now: DateTime<Utc>) -> io::Result<()> {
    let backups = list(location);
    for backup in to_remove(&backups, now) {
        fs::remove_file(&backup.path)?;
    }
    Ok(())
}

/// The newest backup that reads as a valid workbook, if any.
pub fn newest_good(location: &Location) -> Option<GoodBackup> {
    list(location).into_iter().rev().find_map(|backup| {
        let bytes = files::read_no_follow(&backup.path).ok()?;
        let workbook = load::parse(&bytes).ok()?;
        Some(GoodBackup {
            reflections: workbook.reflections.len(),
            backup,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(name: &str, taken: &str, manual: bool) -> Backup {
        Backup {
            path: PathBuf::from(name),
            taken: DateTime::parse_from_rfc3339(taken).expect("time").to_utc(),
            manual,
        }
    }

    #[test]
    fn file_names_round_trip_and_other_files_are_ignored() {
        let taken = DateTime::parse_from_rfc3339("2026-11-23T15:30:12.123Z")
            .expect("t")
            .to_utc();
        let name = format!("w.{}.json", stamp(taken));
        assert_eq!(parse_name("w", &name), Some((taken, false)));
        assert_eq!(
            parse_name("w", &format!("w.manual-{}.json", stamp(taken))),
            Some((taken, true))
        );
        assert_eq!(parse_name("team", &name), None);
        assert_eq!(parse_name("w", "w.notes.json"), None);
    }

    #[test]
    fn keeps_the_newest_ten_and_one_a_day_for_four_weeks() {
        let now = DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
            .expect("t")
            .to_utc();
        let mut backups = Vec::new();
        // Three a day for 40 days, oldest first, at 09:00, 10:00 and 11:00.
        for day in (0..40).rev() {
            for hour in 9..12 {
                let at = now - Duration::days(day) - Duration::hours(12 - hour);
                backups.push(backup(&format!("d{day}h{hour}"), &at.to_rfc3339(), false));
            }
        }
        backups.push(backup("manual-old", "2025-01-01T00:00:00Z", true));
        let removed: BTreeSet<String> = to_remove(&backups, now)
            .into_iter()
            .map(|b| b.path.display().to_string())
            .collect();
        let kept: Vec<&str> = backups
            .iter()
            .map(|b| b.path.to_str().expect("utf-8"))
            .filter(|name| !removed.contains(*name))
            .collect();
        // The ten newest: today's three, and the three of each of the previous days back to
        // day 3, of which only the newest (11:00) is kept.
        for name in [
            "d0h9", "d0h10", "d0h11", "d1h9", "d1h10", "d1h11", "d2h9", "d2h11", "d3h11",
        ] {
            assert!(kept.contains(&name), "{name} kept: {kept:?}");
        }
        // One a day (the 11:00 one) back to 28 days ago, none older; manual ones always kept.
        for day in 4..=28 {
            let daily = format!("d{day}h11");
            assert!(kept.contains(&daily.as_str()), "{daily}");
            assert!(!kept.contains(&format!("d{day}h10").as_str()));
        }
        assert!(!kept.contains(&"d29h11") && !kept.contains(&"d39h11"));
        assert!(kept.contains(&"manual-old"));
        assert_eq!(kept.len(), 10 + (28 - 3) + 1);
    }

    #[test]
    fn keeps_the_last_of_each_hour_for_a_day() {
        let now = DateTime::parse_from_rfc3339("2026-11-30T18:00:00Z")
            .expect("t")
            .to_utc();
        // A save every ten minutes for 30 hours: the newest ten are all of the last two hours.
        let backups: Vec<Backup> = (0..180)
            .rev()
            .map(|step| {
                let at = now - Duration::minutes(10 * step + 5);
                backup(&format!("m{step}"), &at.to_rfc3339(), false)
            })
            .collect();
        let removed: BTreeSet<&Path> = to_remove(&backups, now)
            .into_iter()
            .map(|b| b.path.as_path())
            .collect();
        let kept = |step: i64| !removed.contains(Path::new(&format!("m{step}")));
        assert!((0..10).all(kept), "the newest ten");
        // Each hour's last save (at :55, step 6h) back 24 hours, and no other of that hour
        // (its :45, step 6h + 1) beyond the newest ten; then only each day's last.
        for hour in 0..24 {
            assert!(kept(6 * hour), "the last of {hour} hours ago");
            if hour >= 2 {
                assert!(!kept(6 * hour + 1), "only one an hour {hour} hours ago");
            }
        }
        assert!(kept(6 * 18), "yesterday's last, kept a day anyway");
        assert!(!kept(6 * 25), "beyond a day, not every hour");
    }
}

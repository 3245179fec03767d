//! Where a workbook and its companions live in the data directory.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::StoreError;

/// The workbook used when `--workbook` is not given.
pub const DEFAULT_NAME: &str = "workbook";

/// A named workbook in a data directory:
///
/// ```text
/// DIR/NAME.json                      the workbook
/// DIR/NAME.lock                      held while a wheelbook writes it
/// DIR/backups/NAME.<time>Z.json      automatic backups
/// DIR/NAME.damaged-<time>Z.json      an unreadable workbook, moved aside untouched
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    dir: PathBuf,
    name: String,
}

impl Location {
    pub fn new(dir: PathBuf, name: &str) -> Result<Self, StoreError> {
        if !is_valid_name(name) {
            return Err(StoreError::BadName(name.to_string()));
        }
        Ok(Location {
            dir,
            name: name.to_string(),
        })
    }

    /// The directory from `--data-dir` / `WHEELBOOK_DATA_DIR`, else the user's data directory
    /// (`~/.local/share/wheelbook` on Linux).
    pub fn resolve(data_dir: Option<PathBuf>, name: Option<&str>) -> Result<Self, StoreError> {
        let dir = match data_dir {
            Some(dir) => dir,
            None => directories::ProjectDirs::from("", "", "wheelbook")
                .map(|dirs| dirs.data_dir().to_path_buf())
                .ok_or(StoreError::NoDataDir)?,
        };
        Location::new(dir, name.unwrap_or(DEFAULT_NAME))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn workbook_path(&self) -> PathBuf {
        self.dir.join(format!("{}.json", self.name))
    }

    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(format!("{}.lock", self.name))
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join("backups")
    }

    /// Temporary files of an unfinished save start with this (hidden, beside the workbook,
    /// so that the final rename never crosses file systems).
    pub fn temp_prefix(&self) -> String {
        format!(".{}.json.", self.name)
    }

    pub fn damaged_path(&self, at: DateTime<Utc>) -> PathBuf {
        self.dir
            .join(format!("{}.damaged-{}.json", self.name, stamp(at)))
    }
}

/// A sortable UTC time for file names, e.g. `20261123T153012.123Z`.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

/// Names become file names, so they may not hold path separators or dots.
pub fn is_valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape_the_data_directory() {
        for good in ["workbook", "team-b", "Supervision_2026"] {
            assert!(is_valid_name(good), "{good}");
        }
        for bad in [
            "",
            "../x",
            "a/b",
            ".hidden",
            "-x",
            "a.json",
            "é",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn companion_files_sit_beside_the_workbook() {
        let location = Location::new(PathBuf::from("/data"), "team").expect("valid");
        assert_eq!(location.workbook_path(), Path::new("/data/team.json"));
        assert_eq!(location.lock_path(), Path::new("/data/team.lock"));
        assert_eq!(location.backups_dir(), Path::new("/data/backups"));
        let at = DateTime::parse_from_rfc3339("2026-11-23T15:30:12.5Z").expect("time");
        assert_eq!(
            location.damaged_path(at.to_utc()),
            Path::new("/data/team.damaged-20261123T153012.500Z.json")
        );
    }
}

//! The workbook on disk: private, atomic, single-writer, backed up, and never overwritten
//! when it cannot be read.
//!
//! [`read`] is for commands that only look; it changes nothing and takes no lock. A [`Store`]
//! is for commands that write: it holds the workbook's lock from [`Store::lock`] until dropped.

mod atomic;
mod backup;
mod error;
mod files;
mod fragments;
mod json_reader;
mod load;
mod lock;
mod new_file;
mod outline;
mod parallel;
mod paths;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;

pub use backup::{Backup, GoodBackup, KEEP_DAILY_DAYS, KEEP_HOURLY_HOURS, KEEP_RECENT};
pub use error::{DamagedWorkbook, StoreError};
pub use load::{Damage, LoadError, parse, parse_versioned};
pub use lock::LockHolder;
pub use new_file::{write_export, write_new_file};
pub use parallel::SPLIT_FROM_BYTES;
pub use paths::{DEFAULT_NAME, Location};

use crate::workbook::{SCHEMA_VERSION, Workbook, now};

/// The piece in which a save writes out the workbook: a few system calls for a large one,
/// and reused memory rather than a fresh copy of it all.
const WRITE_BUFFER: usize = 64 * 1024;

/// A workbook read for looking at, with any privacy warnings about its files.
#[derive(Debug)]
pub struct ReadOnly {
    /// `None` when no workbook has been saved yet.
    pub workbook: Option<Workbook>,
    pub warnings: Vec<String>,
}

/// Reads the workbook without changing anything on disk.
pub fn read(location: &Location) -> Result<ReadOnly, StoreError> {
    let mut warnings = Vec::new();
    if location.dir().exists() {
        warnings.extend(files::privacy_warning(location.dir()));
    }
    let workbook = match read_file(location, &mut warnings)? {
        None => None,
        Some(Ok((workbook, _))) => Some(workbook),
        Some(Err(error)) => return Err(load_failure(location, error, None)),
    };
    Ok(ReadOnly { workbook, warnings })
}

/// The automatic and manual backups of a workbook, oldest first.
pub fn backups(location: &Location) -> Vec<Backup> {
    backup::list(location)
}

/// Workbooks that could not be read and were moved aside, oldest first.
pub fn set_aside_files(location: &Location) -> Vec<PathBuf> {
    let prefix = format!("{}.damaged-", location.name());
    let mut found: Vec<PathBuf> = fs::read_dir(location.dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

/// The file, in the data directory, of names never to export (colleagues, wards, practices),
/// one a line.
pub const WATCH_LIST: &str = "watch-list.txt";

/// The names on the owner's watch-list; blank lines and `#` comments are skipped. A missing
/// or unreadable file means an empty list.
pub fn watch_list(location: &Location) -> Vec<String> {
    files::read_no_follow(&location.dir().join(WATCH_LIST))
        .map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Where `wheelbook backup` writes when no file is named.
pub fn manual_backup_path(location: &Location) -> PathBuf {
    backup::manual_path(location, Utc::now())
}

/// Reads a workbook file named by the user (an import or a backup), refusing links.
pub fn read_workbook_file(path: &Path) -> Result<Workbook, StoreError> {
    parse(&read_bytes(path)?).map_err(|error| match error {
        LoadError::Newer { found } => StoreError::Newer {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        },
        LoadError::Damaged(damage) => StoreError::NotAWorkbook {
            path: path.to_path_buf(),
            damage,
        },
    })
}

/// What is on disk where the workbook should be.
#[derive(Debug)]
pub enum Current {
    Good(Workbook),
    /// Nothing has been saved yet.
    Missing,
    /// The workbook was damaged and moved aside, and nothing has replaced it yet.
    SetAside(PathBuf),
}

/// The right to write one workbook, held until dropped.
#[derive(Debug)]
pub struct Store {
    location: Location,
    warnings: Vec<String>,
    _lock: lock::WorkbookLock,
    /// The JSON of the reflections last saved, reused while they are unchanged.
    fragments: std::sync::Mutex<fragments::Fragments>,
}

impl Store {
    /// Creates the data directory if needed (0700), then takes the workbook's lock. Fails
    /// with [`StoreError::Locked`] while another process writes this workbook.
    pub fn lock(location: Location) -> Result<Store, StoreError> {
        files::create_private_dir(location.dir()).map_err(|cause| StoreError::CreateDir {
            path: location.dir().to_path_buf(),
            cause,
        })?;
        let mut warnings: Vec<String> =
            files::privacy_warning(location.dir()).into_iter().collect();
        let lock = lock::acquire(&location.lock_path(), &location.workbook_path())?;
        atomic::remove_stale_temps(location.dir(), &location.temp_prefix());
        warnings.extend(files::privacy_warning(&location.backups_dir()));
        Ok(Store {
            location,
            warnings,
            _lock: lock,
            fragments: Default::default(),
        })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Privacy warnings found so far, with the command that fixes each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The workbook to work on: the saved one, or a new one if none was ever saved. Refuses
    /// while a damaged workbook is set aside (see [`StoreError::SetAside`]), so that nothing
    /// is written until the user has chosen to restore a backup or start afresh.
    pub fn load(&mut self) -> Result<Workbook, StoreError> {
        match self.current()? {
            Current::Good(workbook) => Ok(workbook),
            Current::Missing => Ok(Workbook::new(now())),
            Current::SetAside(set_aside) => Err(StoreError::SetAside {
                workbook: self.location.workbook_path(),
                set_aside,
                backup: backup::newest_good(&self.location),
            }),
        }
    }

    /// What is on disk now. A workbook that cannot be read is moved aside, untouched, and
    /// reported as [`StoreError::Damaged`] with the newest good backup.
    pub fn current(&mut self) -> Result<Current, StoreError> {
        match read_file(&self.location, &mut self.warnings)? {
            None => Ok(match set_aside_files(&self.location).pop() {
                Some(set_aside) => Current::SetAside(set_aside),
                None => Current::Missing,
            }),
            Some(Ok((workbook, found))) => {
                if found < u64::from(SCHEMA_VERSION) {
                    let kept = self.keep_original(found)?;
                    self.warnings.push(format!(
                        "your workbook was written in an older format ({found}) and will be saved in format {SCHEMA_VERSION}; the original is kept, unchanged, at {}",
                        kept.display()
                    ));
                }
                Ok(Current::Good(workbook))
            }
            Some(Err(LoadError::Damaged(damage))) => {
                let moved = self.set_aside()?;
                Err(load_failure(
                    &self.location,
                    LoadError::Damaged(damage),
                    Some(moved),
                ))
            }
            Some(Err(error)) => Err(load_failure(&self.location, error, None)),
        }
    }

    /// Keeps the workbook as it is on disk before it is saved in a newer format, once: later
    /// opens before that save find the copy already there.
    fn keep_original(&self, version: u64) -> Result<PathBuf, StoreError> {
        let prefix = format!("{}.v{version}-original-", self.location.name());
        if let Some(existing) = fs::read_dir(self.location.dir())
            .into_iter()
            .flatten()
            .flatten()
            .find(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        {
            return Ok(existing.path());
        }
        let path = self.location.workbook_path();
        let kept = self
            .location
            .dir()
            .join(format!("{prefix}{}.json", paths::stamp(Utc::now())));
        let save_error = |cause| StoreError::Save {
            path: kept.clone(),
            cause,
        };
        if fs::hard_link(&path, &kept).is_err() {
            let bytes = read_bytes(&path)?;
            atomic::write_new(
                self.location.dir(),
                &kept,
                &self.location.temp_prefix(),
                atomic::pieces(&[&bytes]),
            )
            .map_err(save_error)?;
        }
        files::sync_dir(self.location.dir()).map_err(save_error)?;
        Ok(kept)
    }

    /// Moves the workbook to `NAME.damaged-<time>.json`: linked first and then unlinked, so
    /// that it never replaces another file and a crash in between loses nothing.
    fn set_aside(&self) -> Result<PathBuf, StoreError> {
        let path = self.location.workbook_path();
        let moved = self.location.damaged_path(Utc::now());
        let save_error = |cause| StoreError::Save {
            path: path.clone(),
            cause,
        };
        fs::hard_link(&path, &moved).map_err(save_error)?;
        fs::remove_file(&path).map_err(save_error)?;
        files::sync_dir(self.location.dir()).map_err(save_error)?;
        Ok(moved)
    }

    /// Saves atomically and durably. The version it replaces is kept as a backup first. On
    /// failure the previous workbook on disk is unchanged (and its backup, the same file,
    /// stays), and `workbook` can be saved again. Returns warnings about backups, which never
    /// stop a save.
    pub fn save(&self, workbook: &Workbook) -> Result<Vec<String>, StoreError> {
        let path = self.location.workbook_path();
        let save_error = |cause| StoreError::Save {
            path: path.clone(),
            cause,
        };
        let mut warnings = Vec::new();
        let at = Utc::now();
        if path.exists()
            && let Err(error) = backup::take(&self.location, at)
        {
            warnings.push(format!(
                "could not keep a backup of the previous version in {}: {error}",
                self.location.backups_dir().display()
            ));
        }
        let mut fragments = self
            .fragments
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        atomic::write(
            self.location.dir(),
            &path,
            &self.location.temp_prefix(),
            |file| {
                let mut out = io::BufWriter::with_capacity(WRITE_BUFFER, file);
                fragments.encode_to(workbook, &mut out)?;
                out.flush()
            },
        )
        .map_err(save_error)?;
        if let Err(error) = backup::prune(&self.location, at) {
            warnings.push(format!("could not remove old backups: {error}"));
        }
        Ok(warnings)
    }

    /// The newest backup that reads as a valid workbook.
    pub fn newest_good_backup(&self) -> Option<GoodBackup> {
        backup::newest_good(&self.location)
    }
}

/// A workbook file's content, with the version it was written in; or why it cannot be read.
type Parsed = Result<(Workbook, u64), LoadError>;

/// `None` only if there is no workbook file at all; any other failure to look is an error,
/// never taken for an empty workbook.
fn read_file(
    location: &Location,
    warnings: &mut Vec<String>,
) -> Result<Option<Parsed>, StoreError> {
    let path = location.workbook_path();
    match fs::symlink_metadata(&path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(cause) => return Err(StoreError::Read { path, cause }),
        Ok(_) => {}
    }
    let bytes = read_bytes(&path)?;
    warnings.extend(files::privacy_warning(&path));
    Ok(Some(load::parse_source(&bytes)))
}

fn read_bytes(path: &Path) -> Result<files::FileBytes, StoreError> {
    if files::is_symlink(path) {
        return Err(StoreError::Symlink {
            path: path.to_path_buf(),
        });
    }
    files::read_large_no_follow(path).map_err(|cause| StoreError::Read {
        path: path.to_path_buf(),
        cause,
    })
}

fn load_failure(location: &Location, error: LoadError, moved_to: Option<PathBuf>) -> StoreError {
    let path = location.workbook_path();
    match error {
        LoadError::Newer { found } => StoreError::Newer {
            path,
            found,
            supported: SCHEMA_VERSION,
        },
        LoadError::Damaged(damage) => StoreError::Damaged(Box::new(DamagedWorkbook {
            path,
            damage,
            moved_to,
            backup: backup::newest_good(location),
        })),
    }
}

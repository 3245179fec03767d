//! The workbook on disk: private, atomic, single-writer, backed up, and never overwritten
//! when it cannot be read.
//!
//! [`read`] is for commands that only look; it changes nothing and takes no lock. A [`Store`]
//! is for commands that write: it holds the workbook's lock from [`Store::lock`] until dropped.

mod atomic;
mod backup;
mod error;
mod files;
mod load;
mod lock;
mod paths;

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use chrono::Utc;

pub use backup::{Backup, GoodBackup, KEEP_DAILY_DAYS, KEEP_RECENT};
pub use error::{DamagedWorkbook, StoreError};
pub use load::{Damage, LoadError, parse};
pub use lock::LockHolder;
pub use paths::{DEFAULT_NAME, Location};

use crate::workbook::{SCHEMA_VERSION, Workbook, now};

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
        Some(Ok(workbook)) => Some(workbook),
        Some(Err(error)) => return Err(load_failure(location, error, None)),
    };
    Ok(ReadOnly { workbook, warnings })
}

/// The automatic and manual backups of a workbook, oldest first.
pub fn backups(location: &Location) -> Vec<Backup> {
    backup::list(location)
}

/// Reads a workbook file from anywhere (an import or a backup), refusing links. The outer
/// error is about reading the file; the inner one about what it holds.
pub fn read_workbook_file(path: &Path) -> Result<Result<Workbook, LoadError>, StoreError> {
    Ok(parse(&read_bytes(path)?))
}

/// The right to write one workbook, held until dropped.
#[derive(Debug)]
pub struct Store {
    location: Location,
    warnings: Vec<String>,
    _lock: lock::WorkbookLock,
}

impl Store {
    /// Creates the data directory if needed (0700), then takes the workbook's lock. Fails
    /// with [`StoreError::Locked`] while another process writes this workbook.
    pub fn lock(location: Location) -> Result<Store, StoreError> {
        files::create_private_dir(location.dir()).map_err(|source| StoreError::Save {
            path: location.dir().to_path_buf(),
            source,
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
        })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Privacy warnings found so far, with the command that fixes each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Loads the workbook, or a new empty one if none was saved yet. A workbook that cannot
    /// be read is moved aside, untouched, and the error names the newest good backup.
    pub fn load(&mut self) -> Result<Workbook, StoreError> {
        match read_file(&self.location, &mut self.warnings)? {
            None => Ok(Workbook::new(now())),
            Some(Ok(workbook)) => Ok(workbook),
            Some(Err(LoadError::Damaged(damage))) => {
                let path = self.location.workbook_path();
                let moved = self.location.damaged_path(Utc::now());
                fs::rename(&path, &moved).map_err(|source| StoreError::Save {
                    path: path.clone(),
                    source,
                })?;
                let _ = files::sync_dir(self.location.dir());
                Err(load_failure(
                    &self.location,
                    LoadError::Damaged(damage),
                    Some(moved),
                ))
            }
            Some(Err(error)) => Err(load_failure(&self.location, error, None)),
        }
    }

    /// Saves atomically and durably. The version it replaces is kept as a backup first. On
    /// failure the previous workbook on disk is unchanged, and `workbook` can be saved again.
    /// Returns warnings about backups, which never stop a save.
    pub fn save(&self, workbook: &Workbook) -> Result<Vec<String>, StoreError> {
        let path = self.location.workbook_path();
        let save_error = |source| StoreError::Save {
            path: path.clone(),
            source,
        };
        let bytes =
            serde_json::to_vec_pretty(workbook).map_err(|e| save_error(io::Error::other(e)))?;
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
        atomic::write(
            self.location.dir(),
            &path,
            &self.location.temp_prefix(),
            &bytes,
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

/// Where `wheelbook backup` writes when no file is named.
pub fn manual_backup_path(location: &Location) -> std::path::PathBuf {
    backup::manual_path(location, Utc::now())
}

/// Writes a workbook to a new private file, refusing to replace anything already there.
pub fn write_new_file(workbook: &Workbook, target: &Path) -> Result<(), StoreError> {
    let save_error = |source| StoreError::Save {
        path: target.to_path_buf(),
        source,
    };
    if fs::symlink_metadata(target).is_ok() {
        return Err(save_error(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a file of that name exists; choose another name, or move that file first",
        )));
    }
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let bytes = serde_json::to_vec_pretty(workbook).map_err(|e| save_error(io::Error::other(e)))?;
    files::create_private_dir(dir).map_err(save_error)?;
    atomic::write(dir, target, ".wheelbook-copy.", &bytes).map_err(save_error)
}

/// `None` if there is no workbook file yet.
fn read_file(
    location: &Location,
    warnings: &mut Vec<String>,
) -> Result<Option<Result<Workbook, LoadError>>, StoreError> {
    let path = location.workbook_path();
    if fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let bytes = read_bytes(&path)?;
    warnings.extend(files::privacy_warning(&path));
    Ok(Some(parse(&bytes)))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
    if files::is_symlink(path) {
        return Err(StoreError::Symlink {
            path: path.to_path_buf(),
        });
    }
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    files::open_no_follow(path)
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .map_err(read_error)?;
    Ok(bytes)
}

fn load_failure(
    location: &Location,
    error: LoadError,
    moved_to: Option<std::path::PathBuf>,
) -> StoreError {
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

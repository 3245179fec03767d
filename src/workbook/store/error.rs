//! What can go wrong with the store, each message saying what to do next.

use std::io;
use std::path::{Path, PathBuf};

use super::backup::GoodBackup;
use super::load::Damage;
use super::lock::LockHolder;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot find a data directory for your user account: choose one with --data-dir DIR or the WHEELBOOK_DATA_DIR environment variable"
    )]
    NoDataDir,

    #[error(
        "`{0}` cannot be a workbook name: use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit"
    )]
    BadName(String),

    #[error(
        "{}: is a symbolic link. wheelbook does not follow links for its data files, so that your reflections cannot be written somewhere unexpected. Replace the link with the file itself",
        path.display()
    )]
    Symlink { path: PathBuf },

    #[error("{}", locked_message(path, holder.as_ref()))]
    Locked {
        path: PathBuf,
        holder: Option<LockHolder>,
    },

    #[error("{}", damaged_message(.0))]
    Damaged(Box<DamagedWorkbook>),

    /// A damaged workbook was set aside and nothing has replaced it yet: writing now would
    /// start a new workbook and, in time, prune the backups the user needs.
    #[error("{}", set_aside_message(workbook, set_aside, backup.as_ref()))]
    SetAside {
        workbook: PathBuf,
        set_aside: PathBuf,
        backup: Option<GoodBackup>,
    },

    #[error(
        "{}: was written by a newer wheelbook (workbook format {found}; this wheelbook reads format {supported}). It has not been changed. Install the newer wheelbook to open it",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: u64,
        supported: u32,
    },

    /// A file named on the command line (an import, a backup) that is not a workbook.
    #[error("{}: is not a wheelbook workbook: {damage}", path.display())]
    NotAWorkbook { path: PathBuf, damage: Damage },

    #[error("{}: already exists. Choose another name, or move that file first; nothing was written", path.display())]
    Exists { path: PathBuf },

    #[error("the folder {} does not exist: create it first, or write somewhere else. Nothing was written", path.display())]
    MissingFolder { path: PathBuf },

    #[error("{}", create_dir_message(path, cause))]
    CreateDir { path: PathBuf, cause: io::Error },

    #[error(
        "cannot open the lock file {}: {cause}. {}. wheelbook must be able to write in the data directory to change your workbook; commands that only read (where, list, show, backup) still work",
        path.display(),
        advice(cause)
    )]
    Lock { path: PathBuf, cause: io::Error },

    #[error("cannot read {}: {}. Check that the file exists and that you can read it", path.display(), crate::errors::io_cause(cause))]
    Read { path: PathBuf, cause: io::Error },

    #[error("{}", save_message(path, cause))]
    Save { path: PathBuf, cause: io::Error },
}

impl StoreError {
    /// The fault is in what was typed on the command line (exit status 2), not in the store.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::BadName(_)
                | StoreError::Exists { .. }
                | StoreError::NotAWorkbook { .. }
                | StoreError::MissingFolder { .. }
        )
    }
}

/// A workbook that could not be read, and what was done about it.
#[derive(Debug)]
pub struct DamagedWorkbook {
    pub path: PathBuf,
    pub damage: Damage,
    /// Where the damaged file was moved, untouched; `None` when a read-only command found it.
    pub moved_to: Option<PathBuf>,
    pub backup: Option<GoodBackup>,
}

fn locked_message(path: &Path, holder: Option<&LockHolder>) -> String {
    let who = match holder {
        Some(holder) => format!(
            "process {}, since {}",
            holder.pid,
            holder.since.format("%Y-%m-%d %H:%M")
        ),
        None => "another process".to_string(),
    };
    format!(
        "the workbook {} is open for writing in another wheelbook ({who}). Close that one first, then try again. Commands that only read (where, list, show, backup) still work meanwhile",
        path.display()
    )
}

fn damaged_message(damaged: &DamagedWorkbook) -> String {
    let mut message = format!(
        "{} could not be read: {}.",
        damaged.path.display(),
        damaged.damage
    );
    match &damaged.moved_to {
        Some(moved) => message.push_str(&format!(
            "\nIt has been moved, unchanged, to {}.",
            moved.display()
        )),
        None => message.push_str("\nIt has not been changed."),
    }
    match &damaged.backup {
        Some(good) => message.push_str(&format!(
            "\nThe newest good backup is {}. To restore it, run: wheelbook restore",
            describe_backup(good)
        )),
        None => message.push_str(
            "\nThere is no good backup to restore. To start a new, empty workbook (the damaged file is kept), run: wheelbook restore --fresh",
        ),
    }
    message
}

fn set_aside_message(workbook: &Path, set_aside: &Path, backup: Option<&GoodBackup>) -> String {
    let restore = match backup {
        Some(good) => format!(
            "To put back the newest good backup, {}, run: wheelbook restore",
            describe_backup(good)
        ),
        None => "There is no good backup to put back".to_string(),
    };
    format!(
        "{} could not be read and was set aside, unchanged, as {}. Nothing will be written until you choose: {restore}. To start a new, empty workbook instead, run: wheelbook restore --fresh (the set-aside file is kept either way)",
        workbook.display(),
        set_aside.display()
    )
}

fn describe_backup(good: &GoodBackup) -> String {
    format!(
        "{} (saved {}, {} reflection{})",
        good.backup.path.display(),
        good.backup
            .taken
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M"),
        good.reflections,
        if good.reflections == 1 { "" } else { "s" }
    )
}

fn create_dir_message(path: &Path, cause: &io::Error) -> String {
    if path.is_file() || cause.kind() == io::ErrorKind::AlreadyExists {
        format!(
            "cannot use {} as the data directory: it exists but is not a directory. Choose another with --data-dir",
            path.display()
        )
    } else {
        format!(
            "cannot create the data directory {}: {}. Check the path, or choose another with --data-dir",
            path.display(),
            crate::errors::io_cause(cause)
        )
    }
}

fn save_message(path: &Path, cause: &io::Error) -> String {
    format!(
        "could not save {}: {}. {}. The previous version of the workbook is unchanged",
        path.display(),
        crate::errors::io_cause(cause),
        advice(cause)
    )
}

/// What to do about a failed write, by its kind.
fn advice(cause: &io::Error) -> &'static str {
    match cause.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "The disk is full: free some space, then try again"
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            "The disk or folder is read-only: make it writable, or choose another folder with --data-dir"
        }
        io::ErrorKind::PermissionDenied => {
            "You do not have permission to write there: check the folder's owner and permissions, or choose another folder with --data-dir"
        }
        _ => "Check that the disk is connected and has space, then try again",
    }
}

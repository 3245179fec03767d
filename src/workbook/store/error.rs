//! What can go wrong with the store, each message saying what to do next.

use std::io;
use std::path::PathBuf;

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

    #[error(
        "{}: was written by a newer wheelbook (workbook format {found}; this wheelbook reads format {supported}). It has not been changed. Install the newer wheelbook to open it",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: u64,
        supported: u32,
    },

    #[error("cannot read {}: {source}. Check that the file exists and that you can read it", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{}", save_message(path, source))]
    Save {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
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

fn locked_message(path: &std::path::Path, holder: Option<&LockHolder>) -> String {
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
            "\nThe newest good backup is {} (saved {}, {} reflection{}). To restore it, run: wheelbook restore",
            good.backup.path.display(),
            good.backup
                .taken
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M"),
            good.reflections,
            if good.reflections == 1 { "" } else { "s" }
        )),
        None if damaged.moved_to.is_some() => message.push_str(
            "\nThere is no good backup to restore. Nothing has been deleted; wheelbook will start a new, empty workbook in its place",
        ),
        None => message.push_str(
            "\nThere is no good backup to restore. To set the file aside and start a new workbook, run: wheelbook restore",
        ),
    }
    message
}

fn save_message(path: &std::path::Path, source: &io::Error) -> String {
    let advice = match source.kind() {
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
    };
    format!(
        "could not save {}: {source}. {advice}. The previous version of the workbook is unchanged",
        path.display()
    )
}

//! One writer per workbook: an advisory lock on a companion `NAME.lock` file.
//!
//! The lock is on a stable file beside the workbook, not on the workbook itself, because
//! every save replaces the workbook's inode. The operating system releases it when the
//! process ends, even when killed, so there is never a stale lock to clear by hand.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::{StoreError, files};
use crate::workbook::{Timestamp, now};

/// Who holds a workbook, as written into its lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    pub pid: u32,
    pub since: Timestamp,
}

/// Held for as long as this value lives.
#[derive(Debug)]
pub struct WorkbookLock {
    _file: File,
}

pub fn acquire(lock_path: &Path, workbook_path: &Path) -> Result<WorkbookLock, StoreError> {
    if files::is_symlink(lock_path) {
        return Err(StoreError::Symlink {
            path: lock_path.to_path_buf(),
        });
    }
    let io_error = |cause| StoreError::Lock {
        path: lock_path.to_path_buf(),
        cause,
    };
    let mut file = files::open_private_rw(lock_path).map_err(io_error)?;
    match file.try_lock() {
        Ok(()) => {
            let holder = format!("pid={}\nsince={}\n", std::process::id(), now().to_rfc3339());
            // Who holds the lock is only a courtesy for the message another process shows.
            let _ = file
                .set_len(0)
                .and_then(|()| file.seek(SeekFrom::Start(0)))
                .and_then(|_| file.write_all(holder.as_bytes()));
            Ok(WorkbookLock { _file: file })
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Err(StoreError::Locked {
                path: workbook_path.to_path_buf(),
                holder: parse_holder(&text),
            })
        }
        Err(std::fs::TryLockError::Error(source)) => Err(io_error(source)),
    }
}

fn parse_holder(text: &str) -> Option<LockHolder> {
    let value = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
    };
    Some(LockHolder {
        pid: value("pid")?.trim().parse().ok()?,
        since: chrono::DateTime::parse_from_rfc3339(value("since")?.trim()).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_and_told_who_holds_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (lock, workbook) = (dir.path().join("w.lock"), dir.path().join("w.json"));
        let held = acquire(&lock, &workbook).expect("first writer");
        match acquire(&lock, &workbook) {
            Err(StoreError::Locked { path, holder }) => {
                assert_eq!(path, workbook);
                assert_eq!(holder.map(|h| h.pid), Some(std::process::id()));
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(held);
        assert!(acquire(&lock, &workbook).is_ok(), "released on drop");
    }

    #[test]
    fn holder_text_that_cannot_be_read_gives_no_holder() {
        assert_eq!(parse_holder(""), None);
        assert_eq!(parse_holder("pid=x\nsince=now"), None);
        let holder = parse_holder("pid=42\nsince=2026-11-23T15:02:00+00:00\n").expect("holder");
        assert_eq!(holder.pid, 42);
    }
}

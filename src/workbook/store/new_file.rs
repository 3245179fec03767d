//! Files written new beside the workbook or where the owner asks, never over anything
//! already there: copies of the workbook (`backup -o`) and exports.

use std::fs;
use std::io;
use std::path::Path;

use super::error::StoreError;
use super::{atomic, files};
use crate::workbook::Workbook;

/// Writes a workbook to a new private file, never replacing anything already there.
pub fn write_new_file(workbook: &Workbook, target: &Path) -> Result<(), StoreError> {
    let bytes = serde_json::to_vec_pretty(workbook).map_err(|e| StoreError::Save {
        path: target.to_path_buf(),
        cause: io::Error::other(e),
    })?;
    write_new_with(target, atomic::pieces(&[&bytes]))
}

/// Writes an export, as `write_all` writes it, to a new 0600 file in a folder that must
/// already exist: a mistyped folder is an error, never a folder made quietly.
pub fn write_export<T>(
    target: &Path,
    write_all: impl FnOnce(&mut fs::File) -> io::Result<T>,
) -> Result<T, StoreError> {
    if let Some(parent) = target.parent()
        && !parent.as_os_str().is_empty()
        && !parent.is_dir()
    {
        return Err(StoreError::MissingFolder {
            path: parent.to_path_buf(),
        });
    }
    write_new_with(target, write_all)
}

/// Writes what `write_all` writes to a new 0600 file (creating its directory 0700),
/// atomically and durably, never replacing anything already there: exports and copies.
fn write_new_with<T>(
    target: &Path,
    write_all: impl FnOnce(&mut fs::File) -> io::Result<T>,
) -> Result<T, StoreError> {
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    files::create_private_dir(dir).map_err(|cause| StoreError::CreateDir {
        path: dir.to_path_buf(),
        cause,
    })?;
    atomic::write_new(dir, target, ".wheelbook-copy.", write_all).map_err(|cause| {
        if cause.kind() == io::ErrorKind::AlreadyExists {
            StoreError::Exists {
                path: target.to_path_buf(),
            }
        } else {
            StoreError::Save {
                path: target.to_path_buf(),
                cause,
            }
        }
    })
}

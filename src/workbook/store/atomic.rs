//! Replacing a file so that a crash at any instant leaves the old or the new content, whole.
//!
//! The steps (the ones SQLite, git and atomic-write-file rely on): write a temporary file in
//! the same directory, flush it to the disk, rename it over the target, then flush the
//! directory so that the rename itself survives a power cut.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::files;

const TEMP_SUFFIX: &str = ".tmp";

/// Atomically and durably replaces `target` (in `dir`) with what `write_all` writes into
/// the new file, as a 0600 file.
pub fn write(
    dir: &Path,
    target: &Path,
    temp_prefix: &str,
    write_all: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    write_with(dir, target, temp_prefix, Replace::Yes, write_all)
}

/// Like [`write`], but fails with `AlreadyExists` rather than replace an existing `target`,
/// even one created a moment before; gives what `write_all` gives.
pub fn write_new<T>(
    dir: &Path,
    target: &Path,
    temp_prefix: &str,
    write_all: impl FnOnce(&mut fs::File) -> io::Result<T>,
) -> io::Result<T> {
    write_with(dir, target, temp_prefix, Replace::No, write_all)
}

/// Writes `pieces` one after another.
pub fn pieces(pieces: &[&[u8]]) -> impl FnOnce(&mut fs::File) -> io::Result<()> {
    move |file| pieces.iter().try_for_each(|piece| file.write_all(piece))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    Yes,
    No,
}

/// [`write`] or [`write_new`].
fn write_with<T>(
    dir: &Path,
    target: &Path,
    temp_prefix: &str,
    replace: Replace,
    write_all: impl FnOnce(&mut fs::File) -> io::Result<T>,
) -> io::Result<T> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(temp_prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(
        files::PRIVATE_FILE_MODE,
    ));
    // Created with O_EXCL under a random name; removed again if anything below fails.
    let mut temp = builder.tempfile_in(dir)?;
    let written = write_all(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    match replace {
        Replace::Yes => temp.persist(target).map_err(|error| error.error)?,
        Replace::No => temp
            .persist_noclobber(target)
            .map_err(|error| error.error)?,
    };
    files::sync_dir(dir)?;
    Ok(written)
}

/// Removes temporary files left by a save that was killed part-way. Only call this while
/// holding the workbook's lock, so that no other save is under way.
pub fn remove_stale_temps(dir: &Path, temp_prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(temp_prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("w.json");
        fs::write(&target, "old").expect("write");
        write(dir.path(), &target, ".w.json.", |f| f.write_all(b"new")).expect("saved");
        assert_eq!(fs::read(&target).expect("read"), b"new");
        assert_eq!(names(dir.path()), ["w.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    /// An export whose writing fails part-way (a full disk, a stopped check): nothing is
    /// linked into place, and nothing half-written is left.
    #[test]
    fn a_new_file_whose_writing_fails_is_never_made() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("export.json");
        let error = write_new(dir.path(), &target, ".c.", |file| {
            file.write_all(b"the start of an export")?;
            Err::<(), _>(io::Error::from(io::ErrorKind::StorageFull))
        })
        .expect_err("fails");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
        let given = write_new(dir.path(), &target, ".c.", |file| {
            file.write_all(b"{}").map(|()| 7)
        });
        assert_eq!(given.expect("written"), 7);
        assert_eq!(names(dir.path()), ["export.json"]);
    }

    /// A disk that fills up part-way through the write: the old file stays byte for byte,
    /// and the half-written temporary file is removed.
    #[test]
    fn a_write_that_fails_part_way_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("w.json");
        fs::write(&target, "the old workbook").expect("write");
        let error = write(dir.path(), &target, ".w.json.", |file| {
            file.write_all(b"a new")?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .expect_err("fails");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&target).expect("read"), b"the old workbook");
        assert_eq!(names(dir.path()), ["w.json"]);
        // Once there is space again, the same save succeeds.
        write(dir.path(), &target, ".w.json.", |f| {
            f.write_all(b"a new workbook")
        })
        .expect("saved");
        assert_eq!(fs::read(&target).expect("read"), b"a new workbook");
    }

    #[test]
    fn writing_a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("copy.json");
        write_new(dir.path(), &target, ".c.", pieces(&[b"fir", b"st"])).expect("written");
        let error =
            write_new(dir.path(), &target, ".c.", pieces(&[b"second"])).expect_err("refused");
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&target).expect("read"), b"first");
        assert_eq!(names(dir.path()), ["copy.json"]);
    }

    #[test]
    fn stale_temporary_files_of_this_workbook_only_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [".w.json.abc123.tmp", ".other.json.x.tmp", "w.json"] {
            fs::write(dir.path().join(name), "x").expect("write");
        }
        remove_stale_temps(dir.path(), ".w.json.");
        assert_eq!(names(dir.path()), [".other.json.x.tmp", "w.json"]);
    }
}

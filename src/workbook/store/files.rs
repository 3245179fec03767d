//! Private files and directories: created owner-only, never through a symbolic link.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

pub const PRIVATE_DIR_MODE: u32 = 0o700;
pub const PRIVATE_FILE_MODE: u32 = 0o600;

/// Creates `dir` (and missing parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(PRIVATE_DIR_MODE);
    builder.create(dir)
}

/// Opens a file for reading, failing (ELOOP) if the last component is a symbolic link.
pub fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    options.custom_flags(libc::O_NOFOLLOW);
    options.open(path)
}

/// Opens (creating it 0600 if needed) a file for reading and writing, never through a link.
pub fn open_private_rw(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    options
        .mode(PRIVATE_FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW);
    options.open(path)
}

/// Creates a new 0600 file for writing; fails if anything, a link included, is at `path`.
pub fn create_private_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(PRIVATE_FILE_MODE);
    options.open(path)
}

/// A file's bytes: mapped from the page cache when large, read into memory when small.
pub enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(map) => map,
            FileBytes::Read(bytes) => bytes,
        }
    }
}

/// Below this size reading is as quick as mapping.
const MAP_FROM: u64 = 256 * 1024;

/// Reads a whole file, refusing a symbolic link, by mapping it if it is large. Copying a
/// workbook of thousands of reflections into fresh memory took a quarter of the time it took
/// to open; mapped, the pages already in the cache are used as they are.
pub fn read_mapped_no_follow(path: &Path) -> io::Result<FileBytes> {
    let file = open_no_follow(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= MAP_FROM {
        // SAFETY: wheelbook never writes a workbook or backup in place (every save writes a new
        // file and renames it over the old), so the mapped pages cannot change while they are
        // read. Another program truncating the file in place could still end the process with
        // SIGBUS while reading, which loses nothing: the map is only read, and only here.
        if let Ok(map) = unsafe { memmap2::MmapOptions::new().populate().map(&file) } {
            return Ok(FileBytes::Mapped(map));
        }
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut &file, &mut bytes)?;
    Ok(FileBytes::Read(bytes))
}

/// Reads a whole file, refusing a symbolic link.
pub fn read_no_follow(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut open_no_follow(path)?, &mut bytes)?;
    Ok(bytes)
}

pub fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// A warning, with the command that fixes it, if other users may read `path`.
pub fn privacy_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        let meta = fs::metadata(path).ok()?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 == 0 {
            return None;
        }
        let (what, fix) = if meta.is_dir() {
            ("the data directory", "700")
        } else {
            ("the file", "600")
        };
        Some(format!(
            "{what} {} can be read by other users of this machine (permissions {mode:03o}). To make it private, run: chmod {fix} '{}'",
            path.display(),
            path.display()
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Makes a rename or new file in `dir` durable: without this, a crash can lose the rename.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn reading_through_a_symlink_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "{}").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        assert!(is_symlink(&link) && !is_symlink(&real));
        let error = open_no_follow(&link).expect_err("refused");
        assert_eq!(error.raw_os_error(), Some(libc::ELOOP));
        assert!(open_private_rw(&link).is_err());
    }

    #[test]
    fn warns_about_files_and_directories_others_can_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("w.json");
        fs::write(&file, "{}").expect("write");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
        let warning = privacy_warning(&file).expect("warned");
        assert!(
            warning.contains("permissions 644") && warning.contains("chmod 600"),
            "{warning}"
        );
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(privacy_warning(&file), None);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        assert!(privacy_warning(dir.path()).is_some_and(|w| w.contains("chmod 700")));
    }
}

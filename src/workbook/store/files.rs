//! Private files and directories: created owner-only, never through a symbolic link.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// A file's bytes, read into memory: into memory of their own when the file is large, so
/// that it can be given back a part at a time as it is read (see [`FileBytes::release`]).
pub enum FileBytes {
    Large {
        copy: memmap2::MmapMut,
        /// Whether any part has been given back.
        released: AtomicBool,
    },
    Small(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Large { copy, .. } => copy,
            FileBytes::Small(bytes) => bytes,
        }
    }
}

impl FileBytes {
    /// Whether any part has been given back (see [`FileBytes::release`]), so that the bytes
    /// are no longer all the file's.
    pub fn released(&self) -> bool {
        matches!(self, FileBytes::Large { released, .. } if released.load(Ordering::SeqCst))
    }

    /// Gives back the memory of a part of the file (offsets into it) that has been read and
    /// will not be looked at again: with thousands of reflections, holding the whole file while
    /// its reflections were made from it made the process about half as large again. Only the
    /// whole pages inside `part` go; they read as zeros afterwards.
    ///
    /// # Safety
    /// No reference into `part` may be alive, on any thread, while this runs.
    pub unsafe fn release(&self, part: std::ops::Range<usize>) {
        let FileBytes::Large { copy, released } = self else {
            return;
        };
        let page = page_size();
        let start = part.start.div_ceil(page) * page;
        let end = part.end.min(copy.len()) / page * page;
        if end > start {
            released.store(true, Ordering::SeqCst);
            // SAFETY: the copy is an anonymous mapping of this process's own, not shared with
            // any other; MADV_DONTNEED makes the whole pages inside `part` read as zeros from
            // now on, and the caller promises that no reference into `part` is alive.
            let _ = unsafe {
                copy.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
            };
        }
    }
}

impl super::parallel::Source for FileBytes {
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }

    fn part(&self, range: std::ops::Range<usize>) -> &[u8] {
        &self[range]
    }

    unsafe fn release(&self, part: std::ops::Range<usize>) {
        // SAFETY: the caller's promise is this one's.
        unsafe { FileBytes::release(self, part) }
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions; a failure (-1) falls back to the usual size.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size)
        .ok()
        .filter(|&s| s > 0)
        .unwrap_or(4096)
}

/// From this size a file is read into memory of its own, which can be given back in parts: the
/// size from which the reflections are read on two threads, the only reading that does.
const LARGE_FROM: u64 = super::parallel::SPLIT_FROM_BYTES as u64;

/// Reads a whole file, refusing a symbolic link. The file is copied, not mapped: a file
/// wheelbook has just saved is held by the system in pieces of 2 MB, and a map of it brought
/// a whole piece into the process for each page looked at.
pub fn read_large_no_follow(path: &Path) -> io::Result<FileBytes> {
    let file = open_no_follow(path)?;
    let meta = file.metadata()?;
    if meta.is_file()
        && meta.len() >= LARGE_FROM
        && let Ok(length) = usize::try_from(meta.len())
        && let Ok(mut copy) = memmap2::MmapOptions::new().len(length).map_anon()
    {
        // In pieces of 2 MB where the system allows, made all at once: as many small pages, one
        // at a time, took longer than reading the file.
        let _ = copy.advise(memmap2::Advice::HugePage);
        let _ = copy.advise(memmap2::Advice::PopulateWrite);
        let mut reader = &file;
        // The size can change between asking and reading: then the plain way below.
        if io::Read::read_exact(&mut reader, &mut copy).is_ok()
            && io::Read::read(&mut reader, &mut [0u8]).is_ok_and(|n| n == 0)
        {
            return Ok(FileBytes::Large {
                copy,
                released: AtomicBool::new(false),
            });
        }
        io::Seek::rewind(&mut reader)?;
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut &file, &mut bytes)?;
    Ok(FileBytes::Small(bytes))
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

    /// The resident size, in KB, of the mapping that holds `address`, from /proc/self/smaps.
    #[cfg(target_os = "linux")]
    fn resident_kb(address: usize) -> Option<usize> {
        let smaps = fs::read_to_string("/proc/self/smaps").ok()?;
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ')
                && let Some((start, end)) = range.split_once('-')
                && let (Ok(start), Ok(end)) = (
                    usize::from_str_radix(start, 16),
                    usize::from_str_radix(end, 16),
                )
            {
                inside = (start..end).contains(&address);
            } else if inside && let Some(rss) = line.strip_prefix("Rss:") {
                return rss.trim().trim_end_matches(" kB").parse().ok();
            }
        }
        None
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_released_part_of_a_large_file_leaves_memory_and_the_rest_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.json");
        let content: Vec<u8> = (0..2 * 1024 * 1024).map(|i| (i % 251) as u8 + 1).collect();
        fs::write(&path, &content).expect("write");
        let bytes = read_large_no_follow(&path).expect("read");
        assert!(matches!(bytes, FileBytes::Large { .. }) && !bytes.released());
        assert!(*bytes == content[..], "read whole");
        let address = bytes.as_ptr() as usize;
        let before = resident_kb(address).expect("the copy is listed");
        assert!(before >= 2000, "held once read: {before} KB");

        let part = 100..content.len() - 100;
        // SAFETY: no reference into the file's bytes is alive here.
        unsafe { bytes.release(part.clone()) };
        assert!(bytes.released());
        let after = resident_kb(address).expect("the copy is listed");
        assert!(after <= 8, "{after} KB still held of {before}");
        // Only whole pages go: the first and last, partly outside the part, are kept.
        let page = page_size();
        assert_eq!(bytes[..page], content[..page]);
        assert_eq!(bytes[bytes.len() - page..], content[content.len() - page..]);
        assert!(bytes[page..bytes.len() - page].iter().all(|&b| b == 0));
    }

    #[test]
    fn a_small_file_is_read_plainly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("small.json");
        fs::write(&path, "{}").expect("write");
        let bytes = read_large_no_follow(&path).expect("read");
        assert!(matches!(bytes, FileBytes::Small(_)));
        assert_eq!(&*bytes, b"{}");
    }

    #[test]
    fn releasing_a_file_read_into_memory_changes_nothing() {
        let bytes = FileBytes::Small(b"{}".to_vec());
        // SAFETY: no reference into the file's bytes is alive here.
        unsafe { bytes.release(0..2) };
        assert!(!bytes.released());
        assert_eq!(&*bytes, b"{}");
    }
}

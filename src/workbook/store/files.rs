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

/// A file's bytes: mapped from the system's cache of the file when it is large, and read
/// into memory when it is small.
///
/// A large file is read by the two threads that read its reflections (see `parallel`): the
/// scan looks through the map and lets it go behind it, and the readers copy each batch out
/// of the file. A file the system has just written is cached in pieces of 2 MB, and looking
/// at one page of a piece brought all of it into the process: so the readers never look at the
/// map, and what the scan has passed is let go.
pub enum FileBytes {
    Large { map: memmap2::Mmap, file: File },
    Small(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Large { map, .. } => map,
            FileBytes::Small(bytes) => bytes,
        }
    }
}

impl super::parallel::Source for FileBytes {
    fn whole(&self) -> &[u8] {
        self
    }

    /// Copied from the file for a large file, so that the map is not looked at.
    fn copy<'a>(
        &'a self,
        range: std::ops::Range<usize>,
        buffer: &'a mut Vec<u8>,
    ) -> Option<&'a [u8]> {
        match self {
            FileBytes::Large { file, map } => {
                if range.end > map.len() {
                    return None;
                }
                buffer.resize(range.len(), 0);
                let offset = u64::try_from(range.start).ok()?;
                std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset).ok()?;
                Some(buffer)
            }
            FileBytes::Small(bytes) => bytes.get(range),
        }
    }

    /// Only whole pages of the map go, and nothing is lost: a page looked at again comes
    /// back from the file.
    fn release(&self, part: std::ops::Range<usize>) {
        let FileBytes::Large { map, .. } = self else {
            return;
        };
        let page = page_size();
        let start = part.start.div_ceil(page) * page;
        let end = part.end.min(map.len()) / page * page;
        if end > start {
            // SAFETY: the map is a read-only mapping of a file that is never written in place
            // (see read_large_no_follow), so MADV_DONTNEED only drops this process's view of
            // those pages: looked at again, the same bytes come back from the file. No memory
            // changes under any reference into it.
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
            };
        }
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

/// From this size a file is mapped: the size from which its reflections are read on two
/// threads, which read it as described at [`FileBytes`].
const LARGE_FROM: u64 = super::parallel::SPLIT_FROM_BYTES as u64;

/// Reads a whole file, refusing a symbolic link: mapped if it is large (see [`FileBytes`]).
pub fn read_large_no_follow(path: &Path) -> io::Result<FileBytes> {
    let file = open_no_follow(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= LARGE_FROM {
        // SAFETY: wheelbook never writes a workbook or backup in place (every save writes a new
        // file and renames it over the old), so the mapped pages cannot change while they are
        // read. Another program truncating the file in place could still end the process with
        // SIGBUS while reading, which loses nothing: the map is only read, and only here.
        if let Ok(map) = unsafe { memmap2::MmapOptions::new().map(&file) } {
            return Ok(FileBytes::Large { map, file });
        }
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
    use crate::workbook::store::parallel::Source;

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
    fn a_released_part_of_a_large_file_leaves_memory_and_reads_back_the_same() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.json");
        let content: Vec<u8> = (0..2 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &content).expect("write");
        let bytes = read_large_no_follow(&path).expect("read");
        assert!(matches!(bytes, FileBytes::Large { .. }));
        assert!(*bytes == content[..], "read whole");
        let address = bytes.as_ptr() as usize;
        let before = resident_kb(address).expect("the map is listed");
        assert!(before >= 2000, "held once read: {before} KB");

        bytes.release(0..content.len());
        let after = resident_kb(address).expect("the map is listed");
        assert!(after <= 8, "{after} KB still held of {before}");
        assert!(*bytes == content[..], "what is read again is the file");
    }

    #[test]
    fn a_part_of_a_large_file_is_copied_from_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.json");
        let content: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &content).expect("write");
        let bytes = read_large_no_follow(&path).expect("read");
        let mut buffer = Vec::new();
        let part = bytes.copy(1000..300_000, &mut buffer).expect("copied");
        assert_eq!(part, &content[1000..300_000]);
        assert_eq!(bytes.copy(0..content.len() + 1, &mut buffer), None);
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
        bytes.release(0..2);
        assert_eq!(&*bytes, b"{}");
    }
}

//! `--startup-report FILE`: once the first screen is on the terminal, note when that was and
//! the most memory the process had used, for `scripts/bench.sh` to measure the time from
//! start to first screen without counting the terminal's own start-up.

use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Appends one line, `first-screen-unix-ns=N peak-kb=M`, to the file at `path` (made
/// readable by the user alone if it is new).
pub fn note_first_screen(path: &Path) -> std::io::Result<()> {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let line = format!("first-screen-unix-ns={at} peak-kb={}\n", peak_kb());
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Private, and never through a symbolic link, as every file wheelbook writes.
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)?.write_all(line.as_bytes())
}

/// The most memory the process has held (its peak resident size), in KB; 0 if unknown.
fn peak_kb() -> i64 {
    #[cfg(unix)]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage writes a whole rusage into the pointer it is given and reads nothing.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } == 0 {
            // SAFETY: initialised above, zeroed first and filled in by a successful call.
            // A c_long: i64 here, narrower on 32-bit systems.
            #[allow(clippy::useless_conversion)]
            let peak = i64::from(unsafe { usage.assume_init() }.ru_maxrss);
            // macOS gives bytes where Linux and the BSDs give KB.
            return if cfg!(target_os = "macos") {
                peak / 1024
            } else {
                peak
            };
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_when_and_how_much_memory_once_a_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("startup.txt");
        let before = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock")
            .as_nanos();
        note_first_screen(&path).expect("noted");
        note_first_screen(&path).expect("noted again");
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        let (at, peak) = lines[0]
            .strip_prefix("first-screen-unix-ns=")
            .and_then(|rest| rest.split_once(" peak-kb="))
            .expect("the documented form");
        assert!(at.parse::<u128>().expect("a number") >= before);
        assert!(peak.parse::<i64>().expect("a number") > 0);
    }
}

//! Reading a large workbook on two threads. Turning thousands of reflections into memory is
//! most of the time it takes to open a workbook, and each reflection can be read apart from
//! the others once it is known where it starts and ends. One thread finds them (see
//! `outline`) while the other begins reading the first ones found; then both read.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::outline;
use crate::workbook::{Action, Mode, Reflection, SCHEMA_VERSION, Timestamp, Workbook, timestamp};

/// Below this size a second thread costs more than it saves.
pub const SPLIT_FROM_BYTES: usize = 512 * 1024;

/// How many reflections a thread takes to read at a time: about 230 KB of a typical file,
/// copied out of it in one read and taken in one turn of the lock.
const BATCH: usize = 64;

/// The workbook without its reflections, read from the file with the inside of the
/// reflections array left out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    schema_version: u32,
    #[serde(deserialize_with = "timestamp::deserialize")]
    created: Timestamp,
    #[serde(deserialize_with = "timestamp::deserialize")]
    updated: Timestamp,
    #[serde(default)]
    display_name: Option<String>,
    mode: Mode,
    #[serde(default)]
    reflections: Vec<IgnoredAny>,
    #[serde(default)]
    actions: Vec<Action>,
}

/// A file's bytes: the whole, for the scan and the rest of the workbook, and a part at a time,
/// for the reflections (see `files::FileBytes`).
pub trait Source: Sync {
    fn whole(&self) -> &[u8];

    /// The bytes at `range`, copied into `buffer` where the source needs to; `None` if they
    /// cannot be read.
    fn copy<'a>(&'a self, range: Range<usize>, buffer: &'a mut Vec<u8>) -> Option<&'a [u8]>;

    /// Lets go of the memory of `part` of [`Source::whole`], which stays readable.
    fn release(&self, part: Range<usize>);
}

/// Bytes in memory: nothing to copy or give back.
impl Source for [u8] {
    fn whole(&self) -> &[u8] {
        self
    }

    fn copy<'a>(&'a self, range: Range<usize>, _buffer: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        self.get(range)
    }

    fn release(&self, _part: Range<usize>) {}
}

/// The scan lets go of what it has passed in steps of this size, the pieces a file the system
/// has just written is cached in (see `files::FileBytes`).
const RELEASE_STEP: usize = 2 * 1024 * 1024;

/// A workbook of this version, read on two threads when it is large; `None` for anything
/// else (an older version, damage of any kind), which the caller reads the ordinary way, to
/// say exactly what is wrong.
pub fn parse_current<S: Source + ?Sized>(bytes: &S) -> Option<Workbook> {
    let whole = bytes.whole();
    if whole.len() < SPLIT_FROM_BYTES {
        return None;
    }
    let found = Found::default();
    let (head, mine, theirs) = std::thread::scope(|scope| {
        let theirs = scope.spawn(|| found.read(bytes));
        // A panic in the scan must still end the other thread's wait.
        let inside = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut released = 0;
            outline::scan_each(whole, |range| {
                let passed = range.start / RELEASE_STEP * RELEASE_STEP;
                if passed > released {
                    bytes.release(released..passed);
                    released = passed;
                }
                found.add(range)
            })
        }))
        .ok()
        .flatten();
        found.finish(inside.is_some());
        // Read while the other thread goes on with the reflections, then join it.
        let head = inside
            .and_then(|inside| read_head(whole, &inside))
            .filter(|head| head.schema_version == SCHEMA_VERSION && head.reflections.is_empty());
        bytes.release(0..whole.len());
        // An older version or damage around the reflections: the ordinary reader takes it,
        // and the other thread need not read on.
        if head.is_none() {
            found.fail();
        }
        let mine = found.read(bytes);
        (head, mine, theirs.join().ok().flatten())
    });
    let head = head?;
    let mut batches = mine?;
    batches.extend(theirs?);
    batches.sort_unstable_by_key(|(first, _)| *first);
    let reflections: Vec<Arc<Reflection>> = batches.into_iter().flat_map(|(_, b)| b).collect();
    if Some(reflections.len()) != found.count() {
        return None;
    }
    // Every field named: a field added to Workbook fails to compile here until it is read.
    Some(Workbook {
        schema_version: head.schema_version,
        created: head.created,
        updated: head.updated,
        display_name: head.display_name,
        mode: head.mode,
        reflections,
        actions: head.actions,
    })
}

/// Everything but the reflections, read from a copy of the file without them.
fn read_head(bytes: &[u8], reflections: &Range<usize>) -> Option<Head> {
    let mut head = Vec::with_capacity(bytes.len() - reflections.len());
    head.extend_from_slice(&bytes[..reflections.start]);
    head.extend_from_slice(&bytes[reflections.end..]);
    // As each reflection is read: checked as UTF-8 at once, which is quicker than serde_json
    // checking each string.
    serde_json::from_str(std::str::from_utf8(&head).ok()?).ok()
}

/// The reflections found so far, shared by the thread finding them and both reading them.
#[derive(Default)]
struct Found {
    state: Mutex<State>,
    more: Condvar,
    /// The index of the next reflection not yet taken to be read.
    next: AtomicUsize,
    /// Set when anything fails: the other thread stops too.
    failed: AtomicBool,
}

#[derive(Default)]
struct State {
    ranges: Vec<Range<usize>>,
    done: bool,
}

impl Found {
    fn fail(&self) {
        self.failed.store(true, Ordering::SeqCst);
    }

    fn add(&self, range: Range<usize>) {
        let Ok(mut state) = self.state.lock() else {
            return self.fail();
        };
        state.ranges.push(range);
        if state.ranges.len() % BATCH == 0 {
            self.more.notify_all();
        }
    }

    /// The scan is over (`found_all`: to the end of the reflections).
    fn finish(&self, found_all: bool) {
        if !found_all {
            self.fail();
        }
        match self.state.lock() {
            Ok(mut state) => state.done = true,
            Err(_) => self.fail(),
        }
        self.more.notify_all();
    }

    fn count(&self) -> Option<usize> {
        self.state.lock().ok().map(|state| state.ranges.len())
    }

    /// The next batch to read and the index of its first reflection, waiting for it to be
    /// found. `None` once there are no more, or on failure.
    fn take(&self) -> Option<(usize, Vec<Range<usize>>)> {
        let first = self.next.fetch_add(BATCH, Ordering::SeqCst);
        let Ok(mut state) = self.state.lock() else {
            self.fail();
            return None;
        };
        while !state.done && state.ranges.len() < first + BATCH {
            state = match self.more.wait(state) {
                Ok(state) => state,
                Err(_) => {
                    self.fail();
                    return None;
                }
            };
        }
        if self.failed.load(Ordering::SeqCst) || first >= state.ranges.len() {
            return None;
        }
        let end = state.ranges.len().min(first + BATCH);
        Some((first, state.ranges[first..end].to_vec()))
    }

    /// Reads batches until none are left: each with the index of its first reflection.
    fn read<S: Source + ?Sized>(&self, bytes: &S) -> Option<Vec<(usize, Vec<Arc<Reflection>>)>> {
        let mut read = Vec::new();
        let mut buffer = Vec::new();
        while let Some((first, ranges)) = self.take() {
            match read_batch(bytes, &ranges, &mut buffer) {
                Some(batch) => read.push((first, batch)),
                None => {
                    self.fail();
                    return None;
                }
            }
        }
        (!self.failed.load(Ordering::SeqCst)).then_some(read)
    }
}

fn read_batch<S: Source + ?Sized>(
    bytes: &S,
    ranges: &[Range<usize>],
    buffer: &mut Vec<u8>,
) -> Option<Vec<Arc<Reflection>>> {
    let span = ranges.first()?.start..ranges.last()?.end;
    let text = bytes.copy(span.clone(), buffer)?;
    ranges
        .iter()
        .map(|range| {
            let part = text.get(range.start - span.start..range.end - span.start)?;
            // Checked as UTF-8 at once, which is quicker than serde_json checking each string.
            serde_json::from_str(std::str::from_utf8(part).ok()?).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;
    use crate::workbook::generate::generate;

    /// Enough generated reflections for a file over [`SPLIT_FROM_BYTES`].
    const LARGE: usize = 300;

    /// Bytes that note each part given back and each part copied.
    struct Noting<'a> {
        bytes: &'a [u8],
        released: Mutex<Vec<Range<usize>>>,
        copied: Mutex<Vec<Range<usize>>>,
    }

    impl Source for Noting<'_> {
        fn whole(&self) -> &[u8] {
            self.bytes
        }

        fn copy<'a>(&'a self, range: Range<usize>, _buffer: &'a mut Vec<u8>) -> Option<&'a [u8]> {
            self.copied
                .lock()
                .expect("not poisoned")
                .push(range.clone());
            self.bytes.get(range)
        }

        fn release(&self, part: Range<usize>) {
            self.released.lock().expect("not poisoned").push(part);
        }
    }

    #[test]
    fn reads_what_one_thread_reads() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, LARGE + 3, 11);
        workbook.display_name = Some("Sam".into());
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        assert!(bytes.len() >= SPLIT_FROM_BYTES, "{} bytes", bytes.len());
        let read = parse_current(&bytes[..]).expect("read on two threads");
        assert_eq!(read, workbook);
    }

    #[test]
    fn the_scan_lets_go_as_it_goes_and_the_readers_copy_only_reflections() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = generate(&pack, LARGE * 5, 14);
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        assert!(bytes.len() > 2 * RELEASE_STEP, "{} bytes", bytes.len());
        let noting = Noting {
            bytes: &bytes,
            released: Mutex::new(Vec::new()),
            copied: Mutex::new(Vec::new()),
        };
        let read = parse_current(&noting).expect("read on two threads");
        assert_eq!(read, workbook);
        let released = noting.released.into_inner().expect("not poisoned");
        // In steps behind the scan, then all of it once the rest of the workbook is read.
        assert!(released.len() >= 3, "{released:?}");
        assert_eq!(released.last(), Some(&(0..bytes.len())));
        assert!(
            released[..released.len() - 1]
                .windows(2)
                .all(|w| w[0].end == w[1].start)
        );
        // The readers took the reflections, each once, and nothing else.
        let outline = outline::scan(&bytes).expect("outline");
        let mut copied = noting.copied.into_inner().expect("not poisoned");
        copied.sort_by_key(|part| part.start);
        let mut batches = outline.reflections.chunks(BATCH);
        for part in &copied {
            let batch = batches.next().expect("a batch");
            assert_eq!(*part, batch[0].start..batch[batch.len() - 1].end);
        }
        assert!(batches.next().is_none(), "every batch was read");
    }

    #[test]
    fn a_poisoned_list_of_found_reflections_fails_the_read_rather_than_ends_it() {
        let found = Found::default();
        found.add(0..10);
        let _ = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    // The scan over, so that a take ignoring the poison returns at once
                    // rather than waits for more.
                    let mut held = found.state.lock().expect("not poisoned yet");
                    held.done = true;
                    panic!("a panic while holding the list");
                })
                .join()
        });
        assert!(found.state.is_poisoned());
        assert!(found.take().is_none());
        assert!(found.failed.load(Ordering::SeqCst));
        // Without a count, no number of reflections read can pass for all of them.
        assert_eq!(found.count(), None);
    }

    /// Bytes whose copies panic on any thread but the one that made them, as a bug in the
    /// second reader would.
    struct Panicking<'a>(&'a [u8], std::thread::ThreadId);

    impl Source for Panicking<'_> {
        fn whole(&self) -> &[u8] {
            self.0
        }

        fn copy<'a>(&'a self, range: Range<usize>, _buffer: &'a mut Vec<u8>) -> Option<&'a [u8]> {
            if std::thread::current().id() != self.1 {
                panic!("a reader's bug")
            }
            self.0.get(range)
        }

        fn release(&self, _part: Range<usize>) {}
    }

    #[test]
    fn a_reader_that_panics_leaves_the_workbook_to_the_ordinary_reader() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let bytes = serde_json::to_vec_pretty(&generate(&pack, LARGE, 15)).expect("json");
        let this_thread = std::thread::current().id();
        // This thread reads its own batches; the other thread's are lost to its panic, and
        // what this one read must not pass for the workbook.
        let read = parse_current(&Panicking(&bytes, this_thread));
        assert_eq!(read.map(|w| w.reflections.len()), None);
    }

    #[test]
    fn leaves_small_older_and_damaged_workbooks_to_the_ordinary_reader() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let small = serde_json::to_vec_pretty(&generate(&pack, 3, 12)).expect("json");
        assert!(parse_current(&small[..]).is_none());

        let workbook = generate(&pack, LARGE, 13);
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["schema_version"] = 1.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json")[..]).is_none());

        let mut value = serde_json::to_value(&workbook).expect("json");
        value["reflections"][LARGE - 1]["status"] = "unheard-of".into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json")[..]).is_none());
        // The scan is lenient outside the reflections; reading the rest is not.
        let text =
            String::from_utf8(serde_json::to_vec_pretty(&workbook).expect("json")).expect("utf-8");
        let no_comma = text.replacen("],\n  \"actions\"", "]\n  \"actions\"", 1);
        assert_ne!(no_comma, text);
        assert!(parse_current(no_comma.as_bytes()).is_none());
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["surprise"] = true.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json")[..]).is_none());
        // Bytes that are not UTF-8 outside the reflections.
        let mut named = workbook.clone();
        named.display_name = Some("Sam".into());
        let mut bytes = serde_json::to_vec_pretty(&named).expect("json");
        let at = bytes
            .windows(5)
            .position(|w| w == b"\"Sam\"")
            .expect("the name");
        bytes[at + 2] = 0xff;
        assert!(parse_current(&bytes[..]).is_none());
    }
}

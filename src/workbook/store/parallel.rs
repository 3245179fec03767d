//! Reading a large workbook on two threads. Turning thousands of reflections into memory is
//! most of the time it takes to open a workbook, and each reflection can be read apart from
//! the others once it is known where it starts and ends. One thread finds them (see
//! `outline`) while the other begins reading the first ones found; then both read.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{json_reader, outline};
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
    // A version other than this one, as wheelbook wrote it (its version first), is left to
    // the ordinary reader before any reflection is read here: the reading would be thrown away.
    if version_written_first(whole).is_some_and(|version| version != SCHEMA_VERSION) {
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

/// The whole number a workbook's first field, `schema_version`, begins with, as wheelbook
/// writes it (`{"schema_version": 2, ...`, with any whitespace); `None` if it does not begin
/// so, and the reading then finds the version wherever it is. What follows the digits is not
/// looked at: a version that is not this one cannot be read here whatever it is, and a
/// malformed one (`1.5`) goes to the ordinary reader, which says what is wrong with it.
fn version_written_first(bytes: &[u8]) -> Option<u32> {
    fn after<'b>(rest: &'b [u8], token: &[u8]) -> Option<&'b [u8]> {
        rest.trim_ascii_start().strip_prefix(token)
    }
    let rest = after(bytes, b"{")?;
    let rest = after(rest, b"\"schema_version\"")?;
    let rest = after(rest, b":")?.trim_ascii_start();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// Everything but the reflections, read from a copy of the file without them.
fn read_head(bytes: &[u8], reflections: &Range<usize>) -> Option<Head> {
    let mut head = Vec::with_capacity(bytes.len() - reflections.len());
    head.extend_from_slice(&bytes[..reflections.start]);
    head.extend_from_slice(&bytes[reflections.end..]);
    // As each reflection is read: checked as UTF-8 at once, which is quicker than checking
    // each string, and gives the reader text.
    json_reader::from_str(std::str::from_utf8(&head).ok()?)
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
        let (mut buffer, mut scratch) = (Vec::new(), String::new());
        while let Some((first, ranges)) = self.take() {
            match read_batch(bytes, &ranges, &mut buffer, &mut scratch) {
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
    scratch: &mut String,
) -> Option<Vec<Arc<Reflection>>> {
    let span = ranges.first()?.start..ranges.last()?.end;
    let text = bytes.copy(span.clone(), buffer)?;
    ranges
        .iter()
        .map(|range| {
            let part = text.get(range.start - span.start..range.end - span.start)?;
            // Checked as UTF-8 at once, which is quicker than checking each string.
            let part = std::str::from_utf8(part).ok()?;
            // One allocation: serde would read the reflection into a `Box`, then move it into
            // an `Arc`.
            json_reader::from_str_reusing(part, scratch).map(Arc::new)
        })
        .collect()
}

#[cfg(test)]
#[path = "tests/parallel.rs"]
mod tests;

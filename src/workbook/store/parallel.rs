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

/// How many reflections a thread takes to read at a time: about 230 KB of a typical file, so
/// that the memory of each part read can be let go in few calls (each stops both threads).
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

/// A file's bytes, handed out a part at a time, so that a part can be given back while the
/// rest is still being read.
pub trait Source: Sync {
    fn len(&self) -> usize;

    fn part(&self, range: Range<usize>) -> &[u8];

    /// Gives back the memory of `part`, which is never looked at again.
    ///
    /// # Safety
    /// No reference into `part` (from [`Source::part`]) may be alive, on any thread, while
    /// this runs: the memory may change under it.
    unsafe fn release(&self, part: Range<usize>);
}

/// Bytes in memory that stays as it is: nothing to give back.
impl Source for [u8] {
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }

    fn part(&self, range: Range<usize>) -> &[u8] {
        &self[range]
    }

    unsafe fn release(&self, _part: Range<usize>) {}
}

/// A workbook of this version, read on two threads when it is large; `None` for anything
/// else (an older version, damage of any kind), which the caller reads the ordinary way, to
/// say exactly what is wrong.
///
/// The reflections read are given back (see [`Source::release`]) as the reading goes, once
/// the scan has passed the whole file: even when the reading then fails, so that the caller
/// must read the file again to look at it.
pub fn parse_current<S: Source + ?Sized>(bytes: &S) -> Option<Workbook> {
    let length = bytes.len();
    if length < SPLIT_FROM_BYTES {
        return None;
    }
    let found = Found::default();
    let (head, mine, theirs) = std::thread::scope(|scope| {
        let theirs = scope.spawn(|| found.read(bytes));
        // The scan holds the whole file until it returns: nothing is given back before. A
        // panic in it must still end the other thread's wait.
        let inside = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            outline::scan_each(bytes.part(0..length), |range| found.add(range))
        }))
        .ok()
        .flatten();
        found.finish(inside.is_some());
        // Read while the other thread goes on with the reflections, then join it.
        let head = inside.and_then(|inside| read_head(bytes, &inside));
        if head.is_none() {
            found.fail();
        }
        let mine = found.read(bytes);
        (head, mine, theirs.join().ok().flatten())
    });
    let head = head?;
    if head.schema_version != SCHEMA_VERSION || !head.reflections.is_empty() {
        return None;
    }
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
fn read_head<S: Source + ?Sized>(bytes: &S, reflections: &Range<usize>) -> Option<Head> {
    let (before, after) = (
        bytes.part(0..reflections.start),
        bytes.part(reflections.end..bytes.len()),
    );
    let mut head = Vec::with_capacity(before.len() + after.len());
    head.extend_from_slice(before);
    head.extend_from_slice(after);
    serde_json::from_slice(&head).ok()
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

    /// The scan is over (`found_all`: to the end of the reflections): it holds no part of the
    /// file any more.
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

    /// The next batch to read, the index of its first reflection, and whether the scan is
    /// over; waiting for the batch to be found. `None` once there are no more, or on failure.
    fn take(&self) -> Option<(usize, Vec<Range<usize>>, bool)> {
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
        Some((first, state.ranges[first..end].to_vec(), state.done))
    }

    /// Reads batches until none are left: each with the index of its first reflection. What
    /// it has read is given back once the scan is over.
    fn read<S: Source + ?Sized>(&self, bytes: &S) -> Option<Vec<(usize, Vec<Arc<Reflection>>)>> {
        let mut read = Vec::new();
        let mut unreleased = Vec::new();
        let release = |parts: &mut Vec<Range<usize>>| {
            for part in parts.drain(..) {
                // SAFETY: the scan is over, so only this thread's own batch and the head (outside
                // the reflections) are looked at; this batch's text was dropped by read_batch,
                // and no other batch shares its bytes.
                unsafe { bytes.release(part) }
            }
        };
        while let Some((first, ranges, scanned)) = self.take() {
            match read_batch(bytes, &ranges) {
                Some(batch) => read.push((first, batch)),
                None => {
                    self.fail();
                    break;
                }
            }
            if let (Some(start), Some(end)) = (ranges.first(), ranges.last()) {
                unreleased.push(start.start..end.end);
            }
            if scanned {
                release(&mut unreleased);
            }
        }
        // The scan is over: `take` ends only once it is, or on failure, which also ends it
        // (the scanning thread reads after the scan).
        if self.state.lock().is_ok_and(|state| state.done) {
            release(&mut unreleased);
        }
        (!self.failed.load(Ordering::SeqCst)).then_some(read)
    }
}

fn read_batch<S: Source + ?Sized>(
    bytes: &S,
    ranges: &[Range<usize>],
) -> Option<Vec<Arc<Reflection>>> {
    ranges
        .iter()
        .map(|range| {
            // Checked as UTF-8 at once, which is quicker than serde_json checking each string.
            let text = std::str::from_utf8(bytes.part(range.clone())).ok()?;
            serde_json::from_str(text).ok()
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

    /// Bytes that note each part given back, and whether the whole file was asked for (the
    /// scan).
    struct Noting<'a> {
        bytes: &'a [u8],
        scanned: &'a AtomicBool,
        released: Mutex<Vec<Range<usize>>>,
    }

    impl Source for Noting<'_> {
        fn len(&self) -> usize {
            self.bytes.len()
        }

        fn part(&self, range: Range<usize>) -> &[u8] {
            if range == (0..self.bytes.len()) {
                self.scanned.store(true, Ordering::SeqCst);
            }
            &self.bytes[range]
        }

        unsafe fn release(&self, part: Range<usize>) {
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
    fn lets_go_of_every_reflection_once_it_is_read() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = generate(&pack, LARGE * 2, 14);
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        let scanned = AtomicBool::new(false);
        let noting = Noting {
            bytes: &bytes,
            scanned: &scanned,
            released: Mutex::new(Vec::new()),
        };
        let read = parse_current(&noting).expect("read on two threads");
        assert_eq!(read, workbook);
        assert!(
            scanned.load(Ordering::SeqCst),
            "the scan took the whole file"
        );
        let mut released = noting.released.into_inner().expect("not poisoned");
        assert!(released.len() > 2, "in parts as it goes: {released:?}");
        assert!(released.iter().all(|part| part.end <= bytes.len()));
        // Together the parts cover every reflection, and none covers anything else.
        released.sort_by_key(|part| part.start);
        let mut covered: Vec<Range<usize>> = Vec::new();
        for part in released {
            match covered.last_mut() {
                Some(last) if part.start <= last.end => last.end = last.end.max(part.end),
                _ => covered.push(part),
            }
        }
        let outline = outline::scan(&bytes).expect("outline");
        assert!(
            covered
                .iter()
                .all(|c| outline.inside.start <= c.start && c.end <= outline.inside.end)
        );
        for reflection in &outline.reflections {
            assert!(
                covered
                    .iter()
                    .any(|c| c.start <= reflection.start && reflection.end <= c.end),
                "{reflection:?} not let go: {covered:?}"
            );
        }
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
    }
}

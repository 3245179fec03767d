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
const SPLIT_FROM_BYTES: usize = 512 * 1024;

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

/// A workbook of this version, read on two threads when it is large; `None` for anything
/// else (an older version, damage of any kind), which the caller reads the ordinary way, to
/// say exactly what is wrong.
///
/// `release` is called with each part of `bytes` (offsets) once its reflections are read; it is
/// never looked at again, even when the reading fails.
pub fn parse_current(bytes: &[u8], release: &(dyn Fn(Range<usize>) + Sync)) -> Option<Workbook> {
    if bytes.len() < SPLIT_FROM_BYTES {
        return None;
    }
    let found = Found::default();
    let (head, mine, theirs) = std::thread::scope(|scope| {
        let theirs = scope.spawn(|| found.read(bytes, release));
        let inside = outline::scan_each(bytes, |range| found.add(range));
        found.finish(inside.is_some());
        // Read while the other thread goes on with the reflections, then join it.
        let head = inside.and_then(|inside| read_head(bytes, &inside));
        let mine = found.read(bytes, release);
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
    if reflections.len() != found.count() {
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
    fn add(&self, range: Range<usize>) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.ranges.push(range);
        if state.ranges.len() % BATCH == 0 {
            self.more.notify_all();
        }
    }

    fn finish(&self, found_all: bool) {
        if !found_all {
            self.failed.store(true, Ordering::SeqCst);
        }
        if let Ok(mut state) = self.state.lock() {
            state.done = true;
        }
        self.more.notify_all();
    }

    fn count(&self) -> usize {
        self.state.lock().map_or(0, |state| state.ranges.len())
    }

    /// The next batch to read and the index of its first reflection, waiting for it to be
    /// found; `None` once there are no more, or on failure.
    fn take(&self) -> Option<(usize, Vec<Range<usize>>)> {
        let first = self.next.fetch_add(BATCH, Ordering::SeqCst);
        let mut state = self.state.lock().ok()?;
        while !state.done && state.ranges.len() < first + BATCH {
            state = self.more.wait(state).ok()?;
        }
        if self.failed.load(Ordering::SeqCst) || first >= state.ranges.len() {
            return None;
        }
        let end = state.ranges.len().min(first + BATCH);
        Some((first, state.ranges[first..end].to_vec()))
    }

    /// Reads batches until none are left: each with the index of its first reflection.
    fn read(
        &self,
        bytes: &[u8],
        release: &(dyn Fn(Range<usize>) + Sync),
    ) -> Option<Vec<(usize, Vec<Arc<Reflection>>)>> {
        let mut read = Vec::new();
        while let Some((first, ranges)) = self.take() {
            match read_batch(bytes, &ranges) {
                Some(batch) => read.push((first, batch)),
                None => {
                    self.failed.store(true, Ordering::SeqCst);
                    return None;
                }
            }
            if let (Some(start), Some(end)) = (ranges.first(), ranges.last()) {
                release(start.start..end.end);
            }
        }
        (!self.failed.load(Ordering::SeqCst)).then_some(read)
    }
}

fn read_batch(bytes: &[u8], ranges: &[Range<usize>]) -> Option<Vec<Arc<Reflection>>> {
    ranges
        .iter()
        .map(|range| {
            // Checked as UTF-8 at once, which is quicker than serde_json checking each string.
            let text = std::str::from_utf8(&bytes[range.clone()]).ok()?;
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

    #[test]
    fn reads_what_one_thread_reads() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, LARGE + 3, 11);
        workbook.display_name = Some("Sam".into());
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        let read = parse_current(&bytes, &|_| {}).expect("read on two threads");
        assert_eq!(read, workbook);
    }

    #[test]
    fn lets_go_of_every_reflection_once_it_is_read() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = generate(&pack, LARGE * 2, 14);
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        let released = std::sync::Mutex::new(Vec::new());
        let read = parse_current(&bytes, &|part| {
            released.lock().expect("not poisoned").push(part)
        })
        .expect("read on two threads");
        assert_eq!(read, workbook);
        let mut released = released.into_inner().expect("not poisoned");
        assert!(released.len() > 2, "in parts as it goes: {released:?}");
        assert!(released.iter().all(|part| part.end <= bytes.len()));
        // Together the parts cover every reflection (the scan's and the readers' overlap).
        released.sort_by_key(|part| part.start);
        let mut covered: Vec<Range<usize>> = Vec::new();
        for part in released {
            match covered.last_mut() {
                Some(last) if part.start <= last.end => last.end = last.end.max(part.end),
                _ => covered.push(part),
            }
        }
        let outline = outline::scan(&bytes).expect("outline");
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
        assert!(parse_current(&small, &|_| {}).is_none());

        let workbook = generate(&pack, LARGE, 13);
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["schema_version"] = 1.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json"), &|_| {}).is_none());

        let mut value = serde_json::to_value(&workbook).expect("json");
        value["reflections"][LARGE - 1]["status"] = "unheard-of".into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json"), &|_| {}).is_none());
        // The scan is lenient outside the reflections; reading the rest is not.
        let text =
            String::from_utf8(serde_json::to_vec_pretty(&workbook).expect("json")).expect("utf-8");
        let no_comma = text.replacen("],\n  \"actions\"", "]\n  \"actions\"", 1);
        assert_ne!(no_comma, text);
        assert!(parse_current(no_comma.as_bytes(), &|_| {}).is_none());
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["surprise"] = true.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json"), &|_| {}).is_none());
    }
}

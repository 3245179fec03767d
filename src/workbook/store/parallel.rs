//! Reading a large workbook on two threads. Turning thousands of reflections into memory is
//! most of the time it takes to open a workbook, and each reflection can be read apart from
//! the others once it is known where each one starts and ends.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::outline;
use crate::workbook::{Action, Mode, Reflection, SCHEMA_VERSION, Timestamp, Workbook, timestamp};

/// Below this many reflections a second thread costs more than it saves.
const SPLIT_FROM: usize = 256;

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
/// `release` is called with each part of `bytes` (offsets) once its reflections are read.
pub fn parse_current(bytes: &[u8], release: &(dyn Fn(Range<usize>) + Sync)) -> Option<Workbook> {
    let outline = outline::scan(bytes)?;
    if outline.reflections.len() < SPLIT_FROM {
        return None;
    }
    // Halves of about the same size, so that both threads finish at about the same time.
    let middle = outline.inside.start + outline.inside.len() / 2;
    let split = outline.reflections.partition_point(|r| r.end <= middle);
    let (first, second) = outline.reflections.split_at(split.max(1));
    let (head, first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_all(bytes, second, release));
        let head = read_head(bytes, &outline.inside);
        (
            head,
            read_all(bytes, first, release),
            second.join().ok().flatten(),
        )
    });
    let head = head?;
    if head.schema_version != SCHEMA_VERSION || !head.reflections.is_empty() {
        return None;
    }
    let mut reflections = first?;
    reflections.extend(second?);
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

/// How much of the file is read between two calls to `release`: each call makes the system
/// stop both threads to forget the pages, so calls are few, and the part held stays small.
const RELEASE_EVERY: usize = 256 * 1024;

fn read_all(
    bytes: &[u8],
    reflections: &[Range<usize>],
    release: &(dyn Fn(Range<usize>) + Sync),
) -> Option<Vec<Arc<Reflection>>> {
    let mut read = Vec::with_capacity(reflections.len());
    let Some(first) = reflections.first() else {
        return Some(read);
    };
    let mut from = first.start;
    let mut end = from;
    for range in reflections {
        // Checked as UTF-8 at once, which is quicker than serde_json checking each string.
        let text = std::str::from_utf8(&bytes[range.clone()]).ok()?;
        read.push(serde_json::from_str(text).ok()?);
        end = range.end;
        if end - from >= RELEASE_EVERY {
            release(from..end);
            from = end;
        }
    }
    release(from..end);
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;
    use crate::workbook::generate::generate;

    #[test]
    fn reads_what_one_thread_reads() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, SPLIT_FROM + 3, 11);
        workbook.display_name = Some("Sam".into());
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        let read = parse_current(&bytes, &|_| {}).expect("read on two threads");
        assert_eq!(read, workbook);
    }

    #[test]
    fn lets_go_of_every_reflection_once_it_is_read() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let workbook = generate(&pack, SPLIT_FROM * 2, 14);
        let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
        let released = std::sync::Mutex::new(Vec::new());
        let read = parse_current(&bytes, &|part| {
            released.lock().expect("not poisoned").push(part)
        })
        .expect("read on two threads");
        assert_eq!(read, workbook);
        let mut released = released.into_inner().expect("not poisoned");
        released.sort_by_key(|part| part.start);
        assert!(released.len() > 2, "in parts as it goes: {released:?}");
        // Together the parts cover the reflections, from the first to the last, without gaps
        // and without going past the file.
        let outline = outline::scan(&bytes).expect("outline");
        let (first, last) = (
            outline.reflections[0].clone(),
            outline.reflections[outline.reflections.len() - 1].clone(),
        );
        assert_eq!(released[0].start, first.start);
        assert_eq!(released[released.len() - 1].end, last.end);
        for pair in released.windows(2) {
            let gap = &bytes[pair[0].end..pair[1].start];
            assert!(
                gap.iter().all(|b| b.is_ascii_whitespace() || *b == b','),
                "{pair:?}"
            );
        }
    }

    #[test]
    fn leaves_small_older_and_damaged_workbooks_to_the_ordinary_reader() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let small = serde_json::to_vec_pretty(&generate(&pack, 3, 12)).expect("json");
        assert!(parse_current(&small, &|_| {}).is_none());

        let workbook = generate(&pack, SPLIT_FROM, 13);
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["schema_version"] = 1.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json"), &|_| {}).is_none());

        let mut value = serde_json::to_value(&workbook).expect("json");
        value["reflections"][SPLIT_FROM - 1]["status"] = "unheard-of".into();
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

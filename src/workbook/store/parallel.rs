//! Reading a large workbook on two threads. Turning thousands of reflections into memory is
//! most of the time it takes to open a workbook, and each reflection can be read apart from
//! the others once it is known where each one starts and ends.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::workbook::{Action, Mode, Reflection, SCHEMA_VERSION, Timestamp, Workbook};

/// Below this many reflections a second thread costs more than it saves.
const SPLIT_FROM: usize = 256;

/// The workbook with each reflection still as its JSON text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Outline<'a> {
    schema_version: u32,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    display_name: Option<String>,
    mode: Mode,
    #[serde(default, borrow)]
    reflections: Vec<&'a RawValue>,
    #[serde(default)]
    actions: Vec<Action>,
}

/// A workbook of this version, read on two threads when it is large; `None` for anything
/// else (an older version, damage of any kind), which the caller reads the ordinary way, to
/// say exactly what is wrong.
/// `release` is called with each part of `bytes` (offsets) once its reflections are read.
pub fn parse_current(bytes: &[u8], release: &(dyn Fn(Range<usize>) + Sync)) -> Option<Workbook> {
    let outline: Outline = serde_json::from_slice(bytes).ok()?;
    if outline.schema_version != SCHEMA_VERSION || outline.reflections.len() < SPLIT_FROM {
        return None;
    }
    let (first, second) = outline.reflections.split_at(outline.reflections.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_all(bytes, second, release));
        (
            read_all(bytes, first, release),
            second.join().ok().flatten(),
        )
    });
    let mut reflections = first?;
    reflections.extend(second?);
    // Every field named: a field added to Workbook fails to compile here until it is read.
    Some(Workbook {
        schema_version: outline.schema_version,
        created: outline.created,
        updated: outline.updated,
        display_name: outline.display_name,
        mode: outline.mode,
        reflections,
        actions: outline.actions,
    })
}

/// How much of the file is read between two calls to `release`: each call makes the system
/// stop both threads to forget the pages, so calls are few, and the part held stays small.
const RELEASE_EVERY: usize = 256 * 1024;

fn read_all(
    bytes: &[u8],
    reflections: &[&RawValue],
    release: &(dyn Fn(Range<usize>) + Sync),
) -> Option<Vec<Arc<Reflection>>> {
    let offset = |text: &str| text.as_ptr() as usize - bytes.as_ptr() as usize;
    let mut read = Vec::with_capacity(reflections.len());
    let mut from = reflections.first().map(|raw| offset(raw.get()))?;
    let mut end = from;
    for raw in reflections {
        read.push(serde_json::from_str(raw.get()).ok()?);
        end = offset(raw.get()) + raw.get().len();
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
        let outline: Outline = serde_json::from_slice(&bytes).expect("outline");
        let span = |raw: &RawValue| {
            let start = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
            start..start + raw.get().len()
        };
        let (first, last) = (
            span(outline.reflections[0]),
            span(outline.reflections[outline.reflections.len() - 1]),
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
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["surprise"] = true.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json"), &|_| {}).is_none());
    }
}

//! Reading a large workbook on two threads. Turning thousands of reflections into memory is
//! most of the time it takes to open a workbook, and each reflection can be read apart from
//! the others once it is known where each one starts and ends.

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
pub fn parse_current(bytes: &[u8]) -> Option<Workbook> {
    let outline: Outline = serde_json::from_slice(bytes).ok()?;
    if outline.schema_version != SCHEMA_VERSION || outline.reflections.len() < SPLIT_FROM {
        return None;
    }
    let (first, second) = outline.reflections.split_at(outline.reflections.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_all(second));
        (read_all(first), second.join().ok().flatten())
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

fn read_all(reflections: &[&RawValue]) -> Option<Vec<Arc<Reflection>>> {
    reflections
        .iter()
        .map(|raw| serde_json::from_str(raw.get()).ok())
        .collect()
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
        let read = parse_current(&bytes).expect("read on two threads");
        assert_eq!(read, workbook);
    }

    #[test]
    fn leaves_small_older_and_damaged_workbooks_to_the_ordinary_reader() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let small = serde_json::to_vec_pretty(&generate(&pack, 3, 12)).expect("json");
        assert!(parse_current(&small).is_none());

        let workbook = generate(&pack, SPLIT_FROM, 13);
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["schema_version"] = 1.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json")).is_none());

        let mut value = serde_json::to_value(&workbook).expect("json");
        value["reflections"][SPLIT_FROM - 1]["status"] = "unheard-of".into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json")).is_none());
        let mut value = serde_json::to_value(&workbook).expect("json");
        value["surprise"] = true.into();
        assert!(parse_current(&serde_json::to_vec(&value).expect("json")).is_none());
    }
}

//! Saving again without writing out again what has not changed.
//!
//! Turning 2,000 reflections into JSON took longer than writing and flushing the file. A
//! reflection only changes through `Arc::make_mut`, which copies it while anyone else holds
//! it; this cache holds every reflection it has written, so a changed one is always a new
//! allocation, and one at the same address as before is the same reflection, unchanged. Its
//! JSON from the last save is used as it is.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::value::RawValue;

use crate::workbook::{Reflection, Workbook};

/// Each reflection written by the last save, by its address, with its JSON.
#[derive(Default)]
pub struct Fragments {
    /// The `Arc` kept beside each address keeps the reflection alive, so that no other
    /// reflection can be given the same address while it is here.
    by_address: HashMap<usize, (Arc<Reflection>, Box<RawValue>)>,
}

impl std::fmt::Debug for Fragments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fragments({} reflections)", self.by_address.len())
    }
}

fn address(reflection: &Arc<Reflection>) -> usize {
    Arc::as_ptr(reflection) as usize
}

impl Fragments {
    /// Writes the workbook to `out` as pretty JSON, byte for byte what
    /// `serde_json::to_writer_pretty` writes, as it is made: a whole copy of a workbook of
    /// 10,000 reflections would be 36 MB of fresh memory at every save.
    pub fn encode_to(&mut self, workbook: &Workbook, out: impl Write) -> io::Result<()> {
        let mut next = HashMap::with_capacity(workbook.reflections.len());
        for reflection in &workbook.reflections {
            let address = address(reflection);
            let kept = self
                .by_address
                .remove(&address)
                .filter(|(held, _)| Arc::ptr_eq(held, reflection));
            let entry = match kept {
                Some(entry) => entry,
                None => (reflection.clone(), fragment(reflection)?),
            };
            next.insert(address, entry);
        }
        self.by_address = next;
        let reflections: Vec<&RawValue> = workbook
            .reflections
            .iter()
            .filter_map(|r| self.by_address.get(&address(r)))
            .map(|(_, json)| json.as_ref())
            .collect();
        let view = SaveView {
            workbook,
            reflections,
        };
        view.serialize(&mut serde_json::Serializer::pretty(out))?;
        Ok(())
    }

    /// [`Fragments::encode_to`] into memory.
    #[cfg(test)]
    fn encode(&mut self, workbook: &Workbook) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.encode_to(workbook, &mut bytes)?;
        Ok(bytes)
    }
}

/// One reflection as pretty JSON, indented to stand inside the workbook's `reflections`.
/// Pretty JSON has no line break inside a string (they are written `\n`), so every line
/// break is between tokens and can take the indent.
fn fragment(reflection: &Reflection) -> serde_json::Result<Box<RawValue>> {
    let json = serde_json::to_string_pretty(reflection)?;
    RawValue::from_string(json.replace('\n', "\n    "))
}

/// The workbook with its reflections already in JSON.
struct SaveView<'a> {
    workbook: &'a Workbook,
    reflections: Vec<&'a RawValue>,
}

impl Serialize for SaveView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Every field named, so that a field added to Workbook fails to compile here until
        // it is written here too, in the same order and with the same attributes.
        let Workbook {
            schema_version,
            created,
            updated,
            display_name,
            mode,
            reflections: _,
            actions,
        } = self.workbook;
        let mut out = serializer.serialize_struct("Workbook", 7)?;
        out.serialize_field("schema_version", schema_version)?;
        out.serialize_field("created", created)?;
        out.serialize_field("updated", updated)?;
        match display_name {
            Some(_) => out.serialize_field("display_name", display_name)?,
            None => out.skip_field("display_name")?,
        }
        out.serialize_field("mode", mode)?;
        out.serialize_field("reflections", &self.reflections)?;
        out.serialize_field("actions", actions)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;
    use crate::workbook::generate::generate;

    fn same_as_serde(fragments: &mut Fragments, workbook: &Workbook) {
        let expected = serde_json::to_vec_pretty(workbook).expect("json");
        let got = fragments.encode(workbook).expect("json");
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
    }

    #[test]
    fn writes_exactly_what_serde_writes_through_edits_additions_and_deletions() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, 12, 5);
        let mut fragments = Fragments::default();
        same_as_serde(&mut fragments, &workbook);

        workbook.reflection_mut(3).title = "Edited \"since\"\nthe last save".into();
        workbook.display_name = Some("Sam".into());
        same_as_serde(&mut fragments, &workbook);

        let added = generate(&pack, 1, 6).reflections[0].clone();
        workbook.reflections.insert(0, added);
        workbook.reflections.remove(7);
        same_as_serde(&mut fragments, &workbook);

        workbook.reflections.clear();
        workbook.actions.clear();
        same_as_serde(&mut fragments, &workbook);
    }

    #[test]
    fn only_changed_reflections_are_written_out_again() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, 5, 7);
        let mut fragments = Fragments::default();
        fragments.encode(&workbook).expect("json");
        let before: Vec<*const RawValue> = workbook
            .reflections
            .iter()
            .map(|r| fragments.by_address[&address(r)].1.as_ref() as *const RawValue)
            .collect();
        workbook.reflection_mut(2).title = "Changed".into();
        fragments.encode(&workbook).expect("json");
        let reused: Vec<bool> = workbook
            .reflections
            .iter()
            .zip(&before)
            .map(|(r, old)| {
                std::ptr::eq(
                    fragments.by_address[&address(r)].1.as_ref() as *const RawValue,
                    *old,
                )
            })
            .collect();
        assert_eq!(reused, [true, true, false, true, true]);
        assert_eq!(fragments.by_address.len(), 5, "the old copy is let go");
    }
}

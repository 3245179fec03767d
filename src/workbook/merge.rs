//! Merging another copy of a workbook (from another machine, or a backup) into this one.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Action, Reflection, Workbook};

/// What a merge did, counted separately for reflections and actions.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MergeReport {
    pub reflections: Counts,
    pub actions: Counts,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Ids this workbook did not have.
    pub added: usize,
    /// Ids present in both, where the incoming copy was updated later.
    pub updated: usize,
    /// Ids present in both, where this workbook's copy is as new or newer.
    pub kept: usize,
}

impl MergeReport {
    pub fn changed(&self) -> bool {
        self.reflections.added
            + self.reflections.updated
            + self.actions.added
            + self.actions.updated
            > 0
    }
}

/// Adds the reflections and actions of `incoming` that `into` lacks, and replaces those of
/// which `incoming` has a later copy. Nothing in `into` is ever removed.
pub fn merge(into: &mut Workbook, incoming: Workbook) -> MergeReport {
    MergeReport {
        reflections: merge_by_id(
            &mut into.reflections,
            incoming.reflections,
            |r: &Arc<Reflection>| (&r.id, r.updated),
        ),
        actions: merge_by_id(&mut into.actions, incoming.actions, |a: &Action| {
            (&a.id, a.updated)
        }),
    }
}

fn merge_by_id<T, K>(ours: &mut Vec<T>, theirs: Vec<T>, key: K) -> Counts
where
    K: Fn(&T) -> (&String, super::Timestamp),
{
    let mut index: HashMap<String, usize> = ours
        .iter()
        .enumerate()
        .map(|(position, item)| (key(item).0.clone(), position))
        .collect();
    let mut counts = Counts::default();
    for item in theirs {
        let (id, updated) = key(&item);
        match index.get(id).copied() {
            None => {
                index.insert(id.clone(), ours.len());
                ours.push(item);
                counts.added += 1;
            }
            Some(position) if updated > key(&ours[position]).1 => {
                ours[position] = item;
                counts.updated += 1;
            }
            Some(_) => counts.kept += 1,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Focus, PackRef, Timestamp};

    fn at(time: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(time).expect("time")
    }

    fn reflection(id: &str, updated: &str, title: &str) -> Arc<Reflection> {
        let pack = PackRef {
            id: "p".into(),
            version: "1".into(),
        };
        let created = at("2026-01-01T09:00:00+00:00");
        let mut reflection = Reflection::draft(
            id.into(),
            created,
            title.into(),
            "own-development".into(),
            Focus::WholeWheel,
            pack,
        );
        reflection.updated = at(updated);
        Arc::new(reflection)
    }

    #[test]
    fn adds_new_ids_takes_newer_copies_and_keeps_ours_otherwise() {
        let mut ours = Workbook::new(at("2026-01-01T09:00:00+00:00"));
        ours.reflections = vec![
            reflection("a", "2026-02-01T10:00:00+00:00", "ours a"),
            reflection("b", "2026-02-01T10:00:00+00:00", "ours b"),
            reflection("c", "2026-02-01T10:00:00+00:00", "ours c"),
        ];
        let mut theirs = Workbook::new(at("2026-01-01T09:00:00+00:00"));
        theirs.reflections = vec![
            // Same instant written in another time zone: not newer.
            reflection("a", "2026-02-01T11:00:00+01:00", "theirs a"),
            reflection("b", "2026-02-01T10:00:01+00:00", "theirs b"),
            reflection("c", "2026-01-01T10:00:00+00:00", "theirs c"),
            reflection("d", "2026-01-01T10:00:00+00:00", "theirs d"),
        ];
        let report = merge(&mut ours, theirs);
        assert_eq!(
            report.reflections,
            Counts {
                added: 1,
                updated: 1,
                kept: 2
            }
        );
        assert!(report.changed());
        let titles: Vec<&str> = ours.reflections.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["ours a", "theirs b", "ours c", "theirs d"]);
    }

    #[test]
    fn merging_a_workbook_into_itself_changes_nothing() {
        let mut ours = Workbook::new(at("2026-01-01T09:00:00+00:00"));
        ours.reflections = vec![reflection("a", "2026-02-01T10:00:00+00:00", "a")];
        let copy = ours.clone();
        let report = merge(&mut ours, copy.clone());
        assert!(!report.changed());
        assert_eq!(ours, copy);
    }
}

//! A document made a stretch of reflections at a time, each stretch on whichever thread
//! asks next: made, then checked or written or both, then let go.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::super::check::{Check, Found, Scanned};
use super::super::document::Document;
use super::super::render::{self, Format, JsonRows, JsonSections};
use super::super::templates::{EachReflection, Scratch};

/// The reflections in a stretch of a document made a reflection at a time: each stretch's
/// sections are made on one thread, checked or written or both, then let go.
pub(super) const STRETCH: usize = 32;

/// What a thread making stretches keeps from one to the next: the table rows its JSON
/// copies when they come again, and the scratch a reflection's sections are made in (its
/// lines, its placed ids, the places of ids already looked up).
#[derive(Default)]
pub(super) struct Kept<'a> {
    pub(super) rows: JsonRows<'a>,
    pub(super) scratch: Scratch<'a>,
}

/// A stretch of reflections, made, written and checked.
pub(super) struct Stretch {
    pub(super) index: usize,
    pub(super) text: String,
    pub(super) found: Vec<Found>,
    pub(super) sections: usize,
}

/// What is done with each stretch's sections once made.
#[derive(Clone, Copy)]
pub(super) struct Work {
    pub(super) write: bool,
    pub(super) check: bool,
}

/// The stretches of `each`'s reflections, handed out one at a time to whichever thread asks
/// next, so that a thread given longer reflections does not keep the others waiting.
pub(super) struct Stretches<'e, 'a, 'r, 'w> {
    pub(super) each: &'e EachReflection<'a, 'r>,
    pub(super) format: Format,
    pub(super) check: &'e Check<'w>,
    /// Whether the document's first section is the first reflection's.
    pub(super) first_is_theirs: bool,
    pub(super) work: Work,
    pub(super) next: AtomicUsize,
}

impl<'e, 'a, 'r, 'w> Stretches<'e, 'a, 'r, 'w> {
    /// The stretches of `each`, the reflections after `outline`'s own sections.
    pub(super) fn new(
        each: &'e EachReflection<'a, 'r>,
        format: Format,
        check: &'e Check<'w>,
        outline: &Document,
        work: Work,
    ) -> Self {
        Stretches {
            each,
            format,
            check,
            first_is_theirs: outline.sections.is_empty(),
            work,
            next: AtomicUsize::new(0),
        }
    }

    pub(super) fn count(&self) -> usize {
        self.each.reflections.len().div_ceil(STRETCH)
    }

    /// Makes the next stretch not yet taken, written into `text` (emptied first), or `None`
    /// once every stretch is taken.
    pub(super) fn take(
        &self,
        scanned: &mut Scanned<'a, 'w>,
        kept: &mut Kept<'a>,
        text: String,
    ) -> Option<Stretch> {
        let index = self.claim()?;
        Some(self.make(index, scanned, kept, text))
    }

    /// The index of the next stretch not yet taken, now taken, or `None` once every one is.
    pub(super) fn claim(&self) -> Option<usize> {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        (index < self.count()).then_some(index)
    }

    /// Makes stretch `index`, one [`Self::claim`] gave, written into `text` (emptied first),
    /// in what `kept` holds from the stretches before.
    pub(super) fn make(
        &self,
        index: usize,
        scanned: &mut Scanned<'a, 'w>,
        kept: &mut Kept<'a>,
        mut text: String,
    ) -> Stretch {
        let all = self.each.reflections;
        let start = index * STRETCH;
        text.clear();
        let mut stretch = Stretch {
            index,
            text,
            found: Vec::new(),
            sections: 0,
        };
        let first = self.first_is_theirs && index == 0;
        let reflections = &all[start..all.len().min(start + STRETCH)];
        // Checked, or written as JSON (checked as it is written or not), the sections need
        // not be built first.
        let each = self.each;
        match (self.work.write, self.work.check) {
            (false, true) => {
                let sink = self.check.sink(scanned, &mut stretch.found);
                stretch.sections = each
                    .count_sections_to(reflections, &mut kept.scratch, sink)
                    .1;
                return stretch;
            }
            (true, checking) if self.format == Format::Json => {
                let mut json = JsonSections::new(&mut stretch.text, first, Some(&mut kept.rows));
                stretch.sections = if checking {
                    let sink = self
                        .check
                        .sink_before(scanned, &mut stretch.found, &mut json);
                    each.count_sections_to(reflections, &mut kept.scratch, sink)
                        .1
                } else {
                    each.count_sections_to(reflections, &mut kept.scratch, &mut json)
                        .1
                };
                json.end();
                return stretch;
            }
            _ => {}
        }
        for reflection in reflections {
            let sections = each.sections_in(reflection, &mut kept.scratch);
            // Every reflection opens with its heading, so the first stretch holds the
            // first of their sections.
            debug_assert!(!sections.is_empty());
            for section in &sections {
                let first = first && stretch.sections == 0;
                if self.work.write {
                    render::section(self.format, section, first, &mut stretch.text);
                }
                stretch.sections += 1;
            }
            if self.work.check {
                self.check.sections(scanned, &sections, &mut stretch.found);
            }
        }
        stretch
    }
}

//! What a template makes of the chosen reflections, as parts: an outline, and what makes
//! each reflection's sections when they are asked for.

use super::Scratch;
use super::record;
use crate::export::document::{Document, Section};
use crate::export::sink::{Counting, Sink};
use crate::workbook::Reflection;

/// What a template makes of the chosen reflections: the whole document, or, for one made a
/// reflection at a time, its outline and what makes each reflection's sections. An export
/// of thousands of reflections then checks and writes each reflection's sections as they
/// are made, and never holds them all at once.
pub struct Parts<'a, 'r> {
    /// The document; where `each` is given, without the reflections' sections, which follow
    /// the outline's own.
    pub outline: Document<'a>,
    pub each: Option<EachReflection<'a, 'r>>,
}

/// The reflections of a document made a reflection at a time, and what makes their sections.
pub struct EachReflection<'a, 'r> {
    pub reflections: &'r [&'a Reflection],
    maker: record::Maker<'a, 'r>,
}

impl<'a, 'r> EachReflection<'a, 'r> {
    pub(super) fn new(reflections: &'r [&'a Reflection], maker: record::Maker<'a, 'r>) -> Self {
        EachReflection { reflections, maker }
    }

    /// The sections of `reflection`, one of [`Self::reflections`], made in `scratch`, which
    /// a caller making many keeps for the next.
    pub fn sections_in(
        &self,
        reflection: &'a Reflection,
        scratch: &mut Scratch<'a>,
    ) -> Vec<Section<'a>> {
        let mut sections = Vec::new();
        self.sections_of(reflection, scratch, &mut sections);
        sections
    }

    /// The sections of `reflection` made onto the end of `sections`, each marked as its.
    fn sections_of(
        &self,
        reflection: &'a Reflection,
        scratch: &mut Scratch<'a>,
        sections: &mut Vec<Section<'a>>,
    ) {
        let from = sections.len();
        self.maker.sections_to(reflection, scratch, sections);
        for section in &mut sections[from..] {
            section.reflection = Some(reflection.id.as_str().into());
        }
    }

    /// Hands the sections of `reflections`, some of [`Self::reflections`], to `sink` in
    /// order, made in `scratch`: gives it back, and how many sections it took.
    pub fn count_sections_to<S: Sink<'a>>(
        &self,
        reflections: &[&'a Reflection],
        scratch: &mut Scratch<'a>,
        sink: S,
    ) -> (S, usize) {
        let mut counting = Counting::new(sink);
        for reflection in reflections {
            self.maker.sections_to(reflection, scratch, &mut counting);
        }
        (counting.sink, counting.sections)
    }

    /// The sections of every reflection, in order. Each reflection's sections depend on it
    /// alone, so on two cores each half is made on one; a few reflections, or a machine
    /// refusing a thread, are made in turn.
    fn all_sections(&self) -> Vec<Section<'a>> {
        let make = |part: &[&'a Reflection]| {
            let mut sections = Vec::with_capacity(part.len() * 8);
            let mut scratch = Scratch::default();
            for reflection in part {
                self.sections_of(reflection, &mut scratch, &mut sections);
            }
            sections
        };
        let reflections = self.reflections;
        if reflections.len() < PARALLEL_FROM {
            return make(reflections);
        }
        let (first, second) = reflections.split_at(reflections.len() / 2);
        std::thread::scope(|scope| {
            let Ok(making) = std::thread::Builder::new().spawn_scoped(scope, || make(second))
            else {
                return make(reflections);
            };
            let mut sections = make(first);
            let rest = making
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            sections.extend(rest);
            sections
        })
    }
}

/// The number of reflections from which a whole document's sections are made on two threads.
pub(crate) const PARALLEL_FROM: usize = 32;

impl<'a> Parts<'a, '_> {
    pub(super) fn whole(document: Document<'a>) -> Self {
        Parts {
            outline: document,
            each: None,
        }
    }

    /// The whole document, every section made.
    pub fn into_document(self) -> Document<'a> {
        let mut document = self.outline;
        if let Some(each) = &self.each {
            document.sections.extend(each.all_sections());
        }
        document
    }
}

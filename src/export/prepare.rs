//! Building, checking and writing out an export. The screens and `--preview` prepare it
//! whole, to show it ([`prepare`]); the command line writes it as it is made
//! ([`Streamed`]). Both make it a stretch of reflections at a time with [`Stretches`], so
//! that what is previewed, checked and written is always the same.

use std::io::{self, Write};

use super::check::{Check, Found, Scanned};
use super::document::Document;
use super::identifiers::Located;
use super::render::{self, Format};
use super::templates::{self, EachReflection, Options, Sources, Template};
use crate::workbook::Reflection;

/// An export ready to leave the machine: its text in the chosen format, and every likely
/// identifier in it.
#[derive(Debug)]
pub struct Prepared {
    pub text: Rendered,
    pub findings: Vec<Located>,
}

/// The text of an export, in the pieces it was written in: an export of thousands of
/// reflections is written a stretch of them at a time, and putting the pieces together
/// would copy all of it once more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pieces: Vec<String>,
}

impl Rendered {
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.pieces.iter().map(String::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn write_to(&self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        self.pieces()
            .try_for_each(|piece| out.write_all(piece.as_bytes()))
    }

    pub fn into_string(mut self) -> String {
        match self.pieces.len() {
            0 => String::new(),
            1 => self.pieces.swap_remove(0),
            _ => self.pieces.concat(),
        }
    }
}

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.pieces().try_for_each(|piece| f.write_str(piece))
    }
}

/// The number of sections from which, in a whole document, rendering and checking run
/// side by side.
const PARALLEL_FROM: usize = 64;

/// Builds, writes out and checks an export, on a thread a core, up to four.
pub fn prepare<'a>(
    sources: &Sources<'a>,
    reflections: &[&'a Reflection],
    template: Template,
    format: Format,
    options: &Options,
    watch_list: &[String],
) -> Prepared {
    prepare_on(
        threads(),
        sources,
        reflections,
        template,
        format,
        options,
        watch_list,
    )
}

/// A thread a core, up to four.
fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cores.clamp(1, 4)
}

/// [`prepare`] on at most `threads` threads.
fn prepare_on<'a>(
    threads: usize,
    sources: &Sources<'a>,
    reflections: &[&'a Reflection],
    template: Template,
    format: Format,
    options: &Options,
    watch_list: &[String],
) -> Prepared {
    let parts = templates::parts(template, sources, reflections, options);
    let written = templates::written_dates(template, sources, options);
    let check = Check::new(sources.workbook, &written, watch_list);
    let located = |found, scanned, others: Vec<Scanned<'a, '_>>| {
        check.located(
            found,
            scanned,
            others,
            reflections,
            sources.workbook,
            Some(sources.pack),
        )
    };
    let document = &parts.outline;
    let mut scanned = check.scanned();
    let mut found = Vec::new();
    let Some(each) = &parts.each else {
        let text = whole(document, format, &check, &mut scanned, &mut found);
        return Prepared {
            text: Rendered { pieces: vec![text] },
            findings: located(found, scanned, Vec::new()),
        };
    };

    let opening = opening(format, document);
    check.opening(&mut scanned, document, &mut found);
    check.sections(&mut scanned, &document.sections, &mut found);
    let (stretches, others) = stretches(each, format, &check, document, threads);

    let mut pieces = vec![opening];
    let mut any_sections = !document.sections.is_empty();
    for stretch in stretches {
        any_sections |= stretch.sections > 0;
        pieces.push(stretch.text);
        found.extend(stretch.found);
    }
    pieces.push(closing(format, document, any_sections));
    check.close(&mut scanned, document, &mut found);
    render::finish(format, &mut pieces);
    Prepared {
        text: Rendered { pieces },
        findings: located(found, scanned, others),
    }
}

/// A document made whole, written, and checked into `found`. Rendering and checking only
/// read the document, and each takes about as long as the other: on two cores they take the
/// time of one. A small document, or one without a second thread, takes them in turn:
/// starting a thread costs more than a few sections take.
fn whole<'a, 'w>(
    document: &Document<'a>,
    format: Format,
    check: &Check<'w>,
    scanned: &mut Scanned<'a, 'w>,
    found: &mut Vec<Found>,
) -> String {
    std::thread::scope(|scope| {
        let rendering = (document.sections.len() >= PARALLEL_FROM)
            .then(|| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, || render::render(document, format))
                    .ok()
            })
            .flatten();
        check.opening(scanned, document, found);
        check.sections(scanned, &document.sections, found);
        check.close(scanned, document, found);
        match rendering {
            Some(rendering) => joined(rendering),
            None => render::render(document, format),
        }
    })
}

/// The start of a document made a reflection at a time, and the outline's own sections.
fn opening(format: Format, document: &Document) -> String {
    let mut opening = String::new();
    render::start(format, document, &mut opening);
    for (index, section) in document.sections.iter().enumerate() {
        render::section(format, section, index == 0, &mut opening);
    }
    opening
}

/// The end of a document made a reflection at a time, after every section.
fn closing(format: Format, document: &Document, any_sections: bool) -> String {
    let mut closing = String::new();
    render::end(format, document, any_sections, &mut closing);
    closing
}

/// Every stretch of `each`'s reflections, written and checked, in order, and what each
/// thread's scan saw, on at most `threads` threads, this one among them.
fn stretches<'a, 'w>(
    each: &EachReflection<'a, '_>,
    format: Format,
    check: &Check<'w>,
    outline: &Document,
    threads: usize,
) -> (Vec<Stretch>, Vec<Scanned<'a, 'w>>) {
    let work = Work {
        write: true,
        check: true,
    };
    let stretches = Stretches::new(each, format, check, outline, work);
    let work = || {
        let mut scanned = check.scanned();
        let mut kept = Kept::default();
        let mut done = Vec::new();
        // A stretch is written into room the size of the last one, and a little more.
        let mut room = 0;
        while let Some(stretch) = stretches.take(
            &mut scanned,
            &mut kept,
            String::with_capacity(room + room / 8),
        ) {
            room = stretch.text.len();
            done.push(stretch);
        }
        (done, scanned)
    };
    let (mut stretches, scans) = on_threads(threads, stretches.count(), work);
    stretches.sort_unstable_by_key(|stretch| stretch.index);
    (stretches, scans)
}

/// What `work` gives on up to `threads` threads, this one among them, but no more threads
/// than `count` stretches: everything each did, and each one's scan.
fn on_threads<T: Send, S: Send>(
    threads: usize,
    count: usize,
    work: impl Fn() -> (Vec<T>, S) + Sync,
) -> (Vec<T>, Vec<S>) {
    let threads = threads.clamp(1, count.max(1));
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, &work).ok())
            .collect();
        let (mut done, scanned) = work();
        let mut scans = vec![scanned];
        for helper in helpers {
            let (theirs, scanned) = joined(helper);
            done.extend(theirs);
            scans.push(scanned);
        }
        (done, scans)
    })
}

mod in_order;
mod streamed;
mod stretches;

#[cfg(test)]
use stretches::STRETCH;
use stretches::{Kept, Stretch, Stretches, Work};

pub use streamed::Streamed;

fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
#[path = "tests/prepare.rs"]
mod tests;

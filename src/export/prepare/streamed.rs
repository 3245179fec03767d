//! An export written out as it is made, for the command line, which shows none of it first.
//! [`super::prepare`] holds the whole text until it is checked (17 MB of JSON for 2,000
//! reflections, which this machine takes 10 ms only to hand over); here only the stretches
//! on their way out are held, and their memory is used again for the next.
//!
//! Nothing may leave the machine before it is checked, so an export that must hold no
//! identifier is checked first, without being written, and only then made again and written
//! out: [`Streamed::check`] gives a [`Checked`] export, the only one written unchecked. The
//! check sees exactly what is then written: both passes make each reflection's sections the
//! same way, from the same reflections. In JSON neither pass builds them: the check's pass
//! hands each piece to the check's sink, the writing pass to the JSON writer's, and both sinks
//! read sections already built the same way (`Section::replay`), so that they agree. An export the owner lets out whatever it holds is
//! checked as it is written ([`Streamed::write_checking`]), so that they can be told what it
//! carried.

use std::io::{self, Write};

use super::in_order::written_in_order;
use super::{
    Check, Found, Kept, Prepared, Scanned, Stretches, Work, closing, on_threads, opening, whole,
};
use crate::export::identifiers::Located;
use crate::export::render::{self, Format};
use crate::export::templates::{self, Options, Parts, Sources, Template};
use crate::workbook::Reflection;

/// An export to check, then write out as it is made.
pub struct Streamed<'a, 'r> {
    sources: &'r Sources<'a>,
    reflections: &'r [&'a Reflection],
    template: Template,
    format: Format,
    options: &'r Options,
    watch_list: &'r [String],
    threads: usize,
}

impl<'a, 'r> Streamed<'a, 'r> {
    /// An export made on a thread a core, up to four, as [`super::prepare`]'s; written, it
    /// has one more thread, which writes.
    pub fn new(
        sources: &'r Sources<'a>,
        reflections: &'r [&'a Reflection],
        template: Template,
        format: Format,
        options: &'r Options,
        watch_list: &'r [String],
    ) -> Self {
        Streamed {
            sources,
            reflections,
            template,
            format,
            options,
            watch_list,
            threads: super::threads(),
        }
    }

    /// This export on at most `threads` threads.
    #[cfg(test)]
    fn on(self, threads: usize) -> Self {
        Streamed { threads, ..self }
    }

    fn parts(&self) -> Parts<'a, 'r> {
        templates::parts(self.template, self.sources, self.reflections, self.options)
    }

    fn check_of(&self) -> Check<'r> {
        let written = templates::written_dates(self.template, self.sources, self.options);
        Check::new(self.sources.workbook, &written, self.watch_list)
    }

    fn located(
        &self,
        check: &Check<'r>,
        found: Vec<Found>,
        scanned: Scanned<'a, 'r>,
        others: Vec<Scanned<'a, 'r>>,
    ) -> Vec<Located> {
        let workbook = self.sources.workbook;
        let pack = Some(self.sources.pack);
        check.located(found, scanned, others, self.reflections, workbook, pack)
    }

    /// The export made whole, to show: as [`super::prepare`] makes it.
    pub fn prepared(&self) -> Prepared {
        super::prepare_on(
            self.threads,
            self.sources,
            self.reflections,
            self.template,
            self.format,
            self.options,
            self.watch_list,
        )
    }

    /// The export, checked whole without being written: ready to write if it holds no likely
    /// identifier, else every one it holds, as [`Self::prepared`] would find them. Only a
    /// checked export can be written without being checked again.
    pub fn check(&self) -> Result<Checked<'_, 'a, 'r>, Vec<Located>> {
        match self.findings() {
            Ok(seen) => Ok(Checked {
                export: self,
                _seen: seen,
            }),
            Err(findings) => Err(findings),
        }
    }

    /// Writes the export to `out` as it is made, checking it as it is written: for an
    /// export the owner lets out whatever it holds. Gives the likely identifiers it carried.
    pub fn write_checking(&self, out: &mut dyn Write) -> io::Result<Vec<Located>> {
        self.write(out, true)
    }

    /// The likely identifiers in the export, found without writing it; if there are none,
    /// what the check's scans saw instead.
    fn findings(&self) -> Result<Vec<Scanned<'a, 'r>>, Vec<Located>> {
        let Parts {
            outline: document,
            each,
        } = self.parts();
        let check = self.check_of();
        let mut scanned = check.scanned();
        let mut found = Vec::new();
        check.opening(&mut scanned, &document, &mut found);
        check.sections(&mut scanned, &document.sections, &mut found);
        // A document made whole has no stretches: its outline is all of it.
        let mut others = Vec::new();
        if let Some(each) = &each {
            let work = Work {
                write: false,
                check: true,
            };
            let stretches = Stretches::new(each, self.format, &check, &document, work);
            let found_in_stretches;
            (found_in_stretches, others) = checked_stretches(&stretches, self.threads);
            found.extend(found_in_stretches);
        }
        check.close(&mut scanned, &document, &mut found);
        if found.is_empty() {
            others.push(scanned);
            return Ok(others);
        }
        Err(self.located(&check, found, scanned, others))
    }

    /// Writes the export to `out` as it is made. With `checking`, it is checked as it is
    /// written and its likely identifiers are returned; without, none are looked for. On an
    /// error from `out`, nothing more is made.
    fn write(&self, out: &mut dyn Write, checking: bool) -> io::Result<Vec<Located>> {
        let Parts {
            outline: document,
            each,
        } = self.parts();
        let check = self.check_of();
        let mut scanned = check.scanned();
        let mut found = Vec::new();
        let Some(each) = &each else {
            // A document made whole is as long as a few reflections' sections: nothing is
            // gained by writing it in pieces.
            let text = if checking {
                whole(&document, self.format, &check, &mut scanned, &mut found)
            } else {
                render::render(&document, self.format)
            };
            out.write_all(text.as_bytes())?;
            out.flush()?;
            return Ok(match checking {
                true => self.located(&check, found, scanned, Vec::new()),
                false => Vec::new(),
            });
        };
        if checking {
            check.opening(&mut scanned, &document, &mut found);
            check.sections(&mut scanned, &document.sections, &mut found);
        }
        let mut out = Finishing::new(self.format, out);
        out.write(&opening(self.format, &document))?;
        let work = Work {
            write: true,
            check: checking,
        };
        let stretches = Stretches::new(each, self.format, &check, &document, work);
        let written = written_in_order(&stretches, self.threads, &mut out)?;
        let any_sections = !document.sections.is_empty() || written.any_sections;
        out.write(&closing(self.format, &document, any_sections))?;
        out.finish()?;
        if !checking {
            return Ok(Vec::new());
        }
        found.extend(written.found);
        check.close(&mut scanned, &document, &mut found);
        Ok(self.located(&check, found, scanned, written.scans))
    }
}

/// An export checked whole and found to hold no likely identifier.
pub struct Checked<'s, 'a, 'r> {
    export: &'s Streamed<'a, 'r>,
    /// What the check's scans remembered of the texts they saw, some thousands of small
    /// allocations, let go with the checked export rather than before it is written: a
    /// caller about to end can leave them to the system to take back.
    _seen: Vec<Scanned<'a, 'r>>,
}

impl Checked<'_, '_, '_> {
    /// Writes the export to `out` as it is made, without checking it again. On an error
    /// from `out`, nothing more is made.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        self.export.write(out, false).map(drop)
    }
}

/// What the stretches found, in the document's order, and what each thread's scan saw.
fn checked_stretches<'a, 'w>(
    stretches: &Stretches<'_, 'a, '_, 'w>,
    threads: usize,
) -> (Vec<Found>, Vec<Scanned<'a, 'w>>) {
    let work = || {
        let mut scanned = stretches.check.scanned();
        // Checked without being written: no JSON row is remembered, only the scratch.
        let mut kept = Kept::default();
        let mut done = Vec::new();
        while let Some(stretch) = stretches.take(&mut scanned, &mut kept, String::new()) {
            done.push((stretch.index, stretch.found));
        }
        (done, scanned)
    };
    let (mut done, scans) = on_threads(threads, stretches.count(), work);
    done.sort_unstable_by_key(|(index, _)| *index);
    let found = done.into_iter().flat_map(|(_, found)| found).collect();
    (found, scans)
}

/// Writes pieces out as [`render::finish`] leaves them: where the document ends in one line
/// break, the spaces after each piece wait until a piece with more than spaces follows.
pub(super) struct Finishing<'o> {
    out: &'o mut dyn Write,
    trims: bool,
    waiting: String,
}

impl<'o> Finishing<'o> {
    fn new(format: Format, out: &'o mut dyn Write) -> Self {
        Finishing {
            out,
            trims: render::ends_in_one_break(format),
            waiting: String::new(),
        }
    }

    pub(super) fn write(&mut self, piece: &str) -> io::Result<()> {
        if !self.trims {
            return self.out.write_all(piece.as_bytes());
        }
        let kept = piece.trim_end();
        if !kept.is_empty() {
            self.out.write_all(self.waiting.as_bytes())?;
            self.out.write_all(kept.as_bytes())?;
            self.waiting.clear();
        }
        self.waiting.push_str(&piece[kept.len()..]);
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        if self.trims {
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
#[path = "../tests/streamed.rs"]
mod tests;

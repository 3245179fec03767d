//! `wheelbook export`: documents for CPD, revalidation and supervision, checked for anything
//! that could identify a person before anything leaves the machine.

use std::collections::HashSet;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::BadInput;
use super::output::{count, eprint_lines, print_pieces, warn_all};
use crate::content::PackSource;
use crate::export::identifiers::Located;
use crate::export::regulators;
use crate::export::render::Format;
use crate::export::select::{self, Selection};
use crate::export::templates::{self, Options, Sources, Template};
use crate::export::{Prepared, Streamed};
use crate::workbook::now;
use crate::workbook::store::{self, Location};

/// The end of `wheelbook export --help`: what people most often make.
pub const EXAMPLES: &str = "Examples:
  # The newest complete reflection, shown and checked, not written
  wheelbook export --preview
  # The CPD log of the NMC's three years, to a file
  wheelbook export --template cpd-log -o cpd-log.md
  # Notes for supervision of what you wrote since the last session
  wheelbook export --template supervision-prep --since 2026-11-01 --session-date 2026-12-03
  # Every reflection on an incident or event, as a page to print from a browser
  wheelbook export --context incident --format html -o incidents.html";

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to make
    #[arg(help_heading = "What to make", long, default_value = "record", value_parser = template_names())]
    pub template: String,
    /// How to write it: md, txt, html (prints to PDF from a browser) or json
    #[arg(help_heading = "What to make", long, default_value = "md", value_parser = Format::NAMES)]
    pub format: String,
    /// Only reflections on or after this date (YYYY-MM-DD)
    #[arg(help_heading = "Which reflections", long, value_name = "DATE", value_parser = date)]
    pub since: Option<NaiveDate>,
    /// Only reflections on or before this date (YYYY-MM-DD)
    #[arg(help_heading = "Which reflections", long, value_name = "DATE", value_parser = date)]
    pub until: Option<NaiveDate>,
    /// Only reflections with this area in focus: its id, its title or some of its words,
    /// e.g. risk (`wheelbook pack show` lists them)
    #[arg(help_heading = "Which reflections", long)]
    pub area: Option<String>,
    /// Only reflections in this context: its id, its words or some of them, e.g. incident
    #[arg(help_heading = "Which reflections", long)]
    pub context: Option<String>,
    /// Reflections to export, by id or the start of one (default: the most recent complete one;
    /// for a CPD log, every complete one of the NMC's three years; for an HCPC profile, of the
    /// last two)
    #[arg(help_heading = "Which reflections")]
    pub ids: Vec<String>,
    /// Write to this new file instead of standard output
    #[arg(help_heading = "Where it goes", short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show exactly what would be exported, and any likely identifiers; write nothing
    #[arg(help_heading = "Where it goes", long)]
    pub preview: bool,
    /// Export even though likely identifiers were found
    #[arg(help_heading = "Where it goes", long)]
    pub allow_identifiers: bool,
    /// NMC reflective account: the number of the (first) account, 1 to 5
    #[arg(help_heading = "For one template", long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=5))]
    pub account_number: Option<u32>,
    /// Supervision notes: include your self-ratings
    #[arg(help_heading = "For one template", long)]
    pub include_ratings: bool,
    /// Supervision notes: include your comments
    #[arg(help_heading = "For one template", long)]
    pub include_comments: bool,
    /// Supervision notes: answers in full, not in summary
    #[arg(help_heading = "For one template", long)]
    pub full: bool,
    /// Supervision notes: a question to bring (repeat for more)
    #[arg(
        help_heading = "For one template",
        long = "question",
        value_name = "TEXT"
    )]
    pub questions: Vec<String>,
    /// Supervision notes: the date of the session (YYYY-MM-DD)
    #[arg(help_heading = "For one template", long, value_name = "DATE", value_parser = date)]
    pub session_date: Option<NaiveDate>,
}

impl ExportArgs {
    /// A note naming the options given that `template` does not use, if any: they would
    /// otherwise be passed over without a word.
    fn options_unused_by(&self, template: Template) -> Option<String> {
        // Each option, whether it was given, and the template that uses it.
        let options = [
            (
                "--include-ratings",
                self.include_ratings,
                Template::SupervisionPrep,
            ),
            (
                "--include-comments",
                self.include_comments,
                Template::SupervisionPrep,
            ),
            ("--full", self.full, Template::SupervisionPrep),
            (
                "--question",
                !self.questions.is_empty(),
                Template::SupervisionPrep,
            ),
            (
                "--session-date",
                self.session_date.is_some(),
                Template::SupervisionPrep,
            ),
            (
                "--account-number",
                self.account_number.is_some(),
                Template::NmcReflectiveAccount,
            ),
        ];
        let unused: Vec<&str> = options
            .iter()
            .filter(|&&(_, given, user)| given && user != template)
            .map(|&(name, ..)| name)
            .collect();
        (!unused.is_empty()).then(|| {
            format!(
                "note: the {} template does not use {}; left out.",
                template.name(),
                unused.join(", ")
            )
        })
    }

    fn options(&self) -> Options {
        Options {
            account_number: self.account_number,
            edits: Default::default(),
            include_ratings: self.include_ratings,
            include_comments: self.include_comments,
            full: self.full,
            questions: self.questions.clone(),
            session_date: self.session_date,
            chosen_by: None,
        }
    }
}

/// A date as typed on the command line; chrono's own errors ("input contains invalid
/// characters") do not say what a date should look like.
fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-01-31"))
}

fn template_names() -> Vec<&'static str> {
    Template::ALL.iter().map(|t| t.name()).collect()
}

pub fn export(
    location: &Location,
    pack_source: &PackSource,
    args: &ExportArgs,
) -> anyhow::Result<ExitCode> {
    // The regulators' data is read on a thread of its own, beside the pack and the
    // workbook: the workbook's reading leaves a core idle while it starts, and an export
    // waited a few milliseconds for this data after it.
    let (regulators, (pack, read)) = std::thread::scope(|scope| {
        let regulators = scope.spawn(regulators::built_in);
        let read = pack_source.load_alongside(|| store::read(location));
        let regulators = regulators
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (regulators, read)
    });
    let (pack, read) = (pack?, read?);
    warn_all(&read.warnings);
    let workbook = read
        .workbook
        .ok_or_else(|| super::no_workbook(location, "to export"))?;
    let workbook = super::kept_to_exit(workbook);
    let regulators = regulators?;
    let template = Template::from_name(&args.template)
        .ok_or_else(|| BadInput(format!("unknown template `{}`", args.template)))?;
    // One day for the whole export: the window chosen and the dates written agree.
    let today = now().date_naive();
    let mut selection = Selection {
        ids: args.ids.clone(),
        since: args.since,
        until: args.until,
        area: args.area.clone(),
        context: args.context.clone(),
    };
    // How the owner narrowed it, which a CPD log or an HCPC profile says if it leaves out
    // some of the years it covers.
    let narrowed_by = select::described(&selection, &pack);
    // A CPD log or an HCPC profile is of the years a regulator looks at, not of one
    // reflection.
    let covered = selection
        .is_default()
        .then(|| templates::default_since(template, &regulators, today))
        .flatten();
    selection.since = selection.since.or(covered);
    let reflections =
        select::select(&workbook, &pack, &selection).map_err(|error| -> anyhow::Error {
            match (error, covered) {
                (select::SelectError::NothingMatches, Some(since)) => anyhow::anyhow!(
                    "there is no complete reflection since {since}, the time a {} covers: \
                     name reflections by id, or give --since",
                    template.name()
                ),
                // Nothing typed was wrong: there is simply nothing complete yet.
                (error @ select::SelectError::NoCompleteReflection, _) => error.into(),
                (error, _) => BadInput(error.to_string()).into(),
            }
        })?;
    let chosen_by = narrowed_by.filter(|_| {
        let left_out = |since| {
            let covered = Selection {
                since: Some(since),
                ..Selection::default()
            };
            let chosen: HashSet<&str> = reflections.iter().map(|r| r.id.as_str()).collect();
            let covered = select::select(&workbook, &pack, &covered).unwrap_or_default();
            covered.iter().any(|r| !chosen.contains(r.id.as_str()))
        };
        templates::default_since(template, &regulators, today).is_some_and(left_out)
    });
    let format = Format::from_name(&args.format)
        .ok_or_else(|| BadInput(format!("unknown format `{}`", args.format)))?;
    if let Some(unused) = args.options_unused_by(template) {
        eprint_lines(&unused);
    }
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let watch_list = store::watch_list(location);
    let options = Options {
        chosen_by,
        ..args.options()
    };

    let export = Streamed::new(
        &sources,
        &reflections,
        template,
        format,
        &options,
        &watch_list,
    );
    if args.preview {
        let prepared = super::kept_to_exit(export.prepared());
        let Prepared { text, findings, .. } = &*prepared;
        print_pieces(text.pieces())?;
        report_findings(findings, Findings::Previewed);
        return Ok(ExitCode::SUCCESS);
    }
    // Nothing leaves before it is checked: an export that may not carry identifiers is
    // checked whole first. One the owner lets out whatever it holds is checked as it is
    // written, so that they can be told what it carried.
    let allowed = args.allow_identifiers;
    let checked = if allowed {
        None
    } else {
        match export.check() {
            // What the check remembered of the texts it saw is left to the system: freeing
            // it, piece by piece, held up the writing by most of a millisecond.
            Ok(checked) => Some(super::kept_to_exit(checked)),
            Err(findings) => {
                report_findings(&findings, Findings::Refused);
                return Ok(ExitCode::FAILURE);
            }
        }
    };
    let write = |out: &mut dyn io::Write| match &checked {
        Some(checked) => checked.write_to(out).map(|()| Vec::new()),
        None => export.write_checking(out),
    };
    let carried = match &args.output {
        Some(path) => {
            let carried = store::write_export(path, |file| write(file))?;
            eprint_lines(&format!(
                "Wrote {} ({}, {}, {}).",
                path.display(),
                count(reflections.len(), "reflection", "reflections"),
                template.name(),
                format.extension()
            ));
            carried
        }
        None => match write(&mut io::stdout().lock()) {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                if allowed {
                    eprint_lines(
                        "The export was cut short before its check was done: export again without --allow-identifiers to see what it holds.",
                    );
                }
                Vec::new()
            }
            written => written?,
        },
    };
    report_findings(&carried, Findings::Carried);
    Ok(ExitCode::SUCCESS)
}

/// What the likely identifiers reported are of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Findings {
    /// A preview, which writes nothing.
    Previewed,
    /// An export refused because of them.
    Refused,
    /// An export written with them, as --allow-identifiers asks.
    Carried,
}

fn report_findings(findings: &[Located], of: Findings) {
    if findings.is_empty() {
        if of == Findings::Previewed {
            eprint_lines("No likely identifiers found in what would be exported.");
        }
        return;
    }
    let mut lines = vec![format!(
        "{} that could identify a person:",
        count(findings.len(), "likely identifier", "likely identifiers")
    )];
    for located in findings {
        let source = if located.reflection_id.is_empty() {
            "in the document"
        } else {
            &located.reflection_id
        };
        lines.push(format!(
            "  {} · {} · “{}”: {}. {}",
            source,
            located.field,
            located.finding.text,
            located.finding.kind.description(),
            located.finding.kind.advice()
        ));
    }
    lines.push(match of {
        Findings::Refused => "Nothing was written. Edit the reflection (wheelbook, then b to browse, e to edit), or, if each one is safe to share, export again with --allow-identifiers.".into(),
        Findings::Carried => "They were written, as --allow-identifiers asks: check that each one is safe to share.".into(),
        Findings::Previewed => "Without --allow-identifiers, exporting this would be refused.".into(),
    });
    eprint_lines(&lines.join("\n"));
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::EXAMPLES;
    use crate::cli::{Cli, Command};

    /// The examples in the help are commands wheelbook takes, so they cannot drift from it.
    #[test]
    fn every_example_in_the_help_is_an_export_wheelbook_takes() {
        let examples: Vec<&str> = EXAMPLES
            .lines()
            .filter_map(|line| line.trim().strip_prefix("wheelbook "))
            .collect();
        assert_eq!(examples.len(), 4);
        for example in examples {
            let args = std::iter::once("wheelbook").chain(example.split_whitespace());
            match Cli::try_parse_from(args) {
                Ok(Cli {
                    command: Some(Command::Export(_)),
                    ..
                }) => {}
                Ok(other) => panic!("{example}: not an export: {other:?}"),
                Err(error) => panic!("{example}: {error}"),
            }
        }
    }
}

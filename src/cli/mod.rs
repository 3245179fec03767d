//! The command line: argument types (clap) and the commands that need no terminal UI.

mod export;
mod heap;
mod output;
mod pack;
mod pager;
mod records;
mod table;
mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::PackSource;
use crate::workbook::store::{Location, StoreError};

/// Exit status for a pack or input that was read but is not valid.
pub const EXIT_INVALID: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "wheelbook",
    version,
    about = "A private reflective-practice workbook for health and social care, in the terminal",
    long_about = "A private reflective-practice workbook for health and social care, in the terminal.\n\n\
        wheelbook walks you through a self-assessment against the Wheel of Partnership \
        (Tower Hamlets Together, 2017) or another competency framework loaded as a content pack."
)]
pub struct Cli {
    /// Use this content pack instead of the built-in Wheel of Partnership
    #[arg(
        long,
        global = true,
        env = "WHEELBOOK_PACK",
        value_name = "FILE",
        help_heading = "Workbook and pack"
    )]
    pub pack: Option<PathBuf>,

    /// Keep workbooks in this directory instead of your user data directory
    #[arg(
        long,
        global = true,
        env = "WHEELBOOK_DATA_DIR",
        value_name = "DIR",
        help_heading = "Workbook and pack"
    )]
    pub data_dir: Option<PathBuf>,

    /// Use this named workbook in the data directory [default: workbook]
    #[arg(
        long,
        global = true,
        env = "WHEELBOOK_WORKBOOK",
        value_name = "NAME",
        help_heading = "Workbook and pack"
    )]
    pub workbook: Option<String>,

    /// For measuring: once the first screen is drawn, add a line to FILE with the time and
    /// the peak memory (see docs/performance.md)
    #[arg(
        long,
        hide = true,
        env = "WHEELBOOK_STARTUP_REPORT",
        value_name = "FILE"
    )]
    pub startup_report: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show where your workbook, its backups and the content pack are
    Where,
    /// List your reflections: id, date, status, context, focus and title
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print one reflection in full
    Show {
        /// The reflection's id, or enough of its start to tell it apart (see `wheelbook list`)
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Merge reflections and actions from another workbook file (another machine, a backup)
    Import {
        /// The workbook JSON file to merge in
        file: PathBuf,
    },
    /// Write a copy of your workbook
    Backup {
        /// Write it here (a new file) instead of the backups directory
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Put back the newest good backup, or the backup FILE; the current version is kept as a backup
    Restore {
        /// The backup to restore (default: the newest good one; see `wheelbook where`)
        #[arg(conflicts_with = "fresh")]
        file: Option<PathBuf>,
        /// Start a new, empty workbook instead (after a damaged one was set aside)
        #[arg(long)]
        fresh: bool,
        /// Replace a workbook that reads fine (it is kept as a manual backup first)
        #[arg(long, short)]
        yes: bool,
    },
    /// Make a CPD record, an NMC reflective account, a CPD log, an HCPC profile or notes for
    /// supervision from your reflections, checked first for anything that could identify a person
    #[command(after_help = export::EXAMPLES)]
    Export(export::ExportArgs),
    /// Check or show a content pack (the competency framework)
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Validate a pack: prints one summary line, or every problem as FILE:LINE:COLUMN
    Check {
        /// The pack file to check (default: the pack in use)
        file: Option<PathBuf>,
    },
    /// Print a pack readably, or as JSON with --json
    Show {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// The pack file to show (default: the pack in use)
        file: Option<PathBuf>,
    },
}

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    let pack_in_use = PackSource::from_option(cli.pack);
    let (data_dir, name) = (cli.data_dir, cli.workbook);
    let startup_report = cli.startup_report;
    let location = || -> anyhow::Result<Location> {
        Ok(Location::resolve(data_dir.clone(), name.as_deref())?)
    };
    // A command that reads the whole workbook and exits. The heap's setting, taken or not,
    // only changes the speed.
    let location_to_read = || {
        let _ = heap::grow_in_large_steps();
        location()
    };
    finish(match cli.command {
        None => location().and_then(|l| run_tui(l, &pack_in_use, startup_report.as_deref())),
        Some(Command::Pack { command }) => match command {
            PackCommand::Check { file } => pack::check(&choose(file, pack_in_use)),
            PackCommand::Show { json, file } => pack::show(&choose(file, pack_in_use), json),
        },
        Some(Command::Where) => location().and_then(|l| records::where_(&l, &pack_in_use)),
        Some(Command::List { json }) => {
            location_to_read().and_then(|l| records::list(&l, &pack_in_use, json))
        }
        Some(Command::Show { id, json }) => {
            location_to_read().and_then(|l| records::show(&l, &pack_in_use, &id, json))
        }
        Some(Command::Import { file }) => location().and_then(|l| transfer::import(l, &file)),
        Some(Command::Backup { output }) => {
            location().and_then(|l| transfer::backup(l, output.as_deref()))
        }
        Some(Command::Export(args)) => {
            location_to_read().and_then(|l| export::export(&l, &pack_in_use, &args))
        }
        Some(Command::Restore { file, fresh, yes }) => {
            location().and_then(|l| transfer::restore(l, file.as_deref(), fresh, yes))
        }
    })
}

/// No workbook stands at `location`: nothing has been saved there, or the folder or name
/// given is not the one meant (a mistyped `--data-dir` would otherwise read as an empty
/// workbook). `doing` says what there is then nothing to do, e.g. "to list".
fn no_workbook(location: &Location, doing: &str) -> anyhow::Error {
    let path = location.workbook_path();
    let start = if location.dir().is_dir() {
        format!("there is no workbook at {} yet", path.display())
    } else {
        format!(
            "there is no workbook at {}: the folder {} does not exist",
            path.display(),
            location.dir().display()
        )
    };
    anyhow::anyhow!(
        "{start}, so there is nothing {doing}. If you meant another folder or workbook, \
         check --data-dir, --workbook and WHEELBOOK_DATA_DIR (`wheelbook where` shows the \
         ones in use); to start a workbook there, run `wheelbook` with the same options"
    )
}

/// Something typed on the command line is not valid: exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(error) => {
            output::report_error(&error);
            let bad_input = error.is::<BadInput>()
                || error.is::<crate::content::PackError>()
                || error
                    .downcast_ref::<StoreError>()
                    .is_some_and(StoreError::is_bad_input);
            if bad_input {
                ExitCode::from(EXIT_INVALID)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// `value`, left to the system to take back when the process ends rather than freed piece by
/// piece: a workbook of thousands of reflections is tens of thousands of small allocations,
/// and freeing them one by one took as long as printing the list of them.
fn kept_to_exit<T>(value: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(value)
}

/// `wheelbook` with no command: the workbook screens.
fn run_tui(
    location: Location,
    pack_source: &PackSource,
    startup_report: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let finished = crate::tui::run(location, pack_source, startup_report)?;
    if let Some(notice) = &finished.notice {
        output::eprint_lines(&format!("wheelbook: {notice}"));
    }
    match finished.ending {
        crate::tui::Ending::Quit if finished.notice.is_none() => Ok(ExitCode::SUCCESS),
        crate::tui::Ending::Quit => Ok(ExitCode::FAILURE),
        crate::tui::Ending::Signal(signal) => Ok(ExitCode::from(128 + signal as u8)),
    }
}

/// A file named on the command line wins over `--pack` and `WHEELBOOK_PACK`.
fn choose(file: Option<PathBuf>, pack_in_use: PackSource) -> PackSource {
    file.map_or(pack_in_use, PackSource::File)
}

//! The command line: argument types (clap) and the commands that need no terminal UI.

mod output;
mod pack;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::PackSource;

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
    #[arg(long, global = true, env = "WHEELBOOK_PACK", value_name = "FILE")]
    pub pack: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
    let result = match cli.command {
        None => pack::welcome(&pack_in_use),
        Some(Command::Pack { command }) => match command {
            PackCommand::Check { file } => pack::check(&choose(file, pack_in_use)),
            PackCommand::Show { json, file } => pack::show(&choose(file, pack_in_use), json),
        },
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            output::report_error(&error);
            ExitCode::FAILURE
        }
    }
}

/// A file named on the command line wins over `--pack` and `WHEELBOOK_PACK`.
fn choose(file: Option<PathBuf>, pack_in_use: PackSource) -> PackSource {
    file.map_or(pack_in_use, PackSource::File)
}

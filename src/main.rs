use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    wheelbook::cli::run(wheelbook::cli::Cli::parse())
}

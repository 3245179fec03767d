//! Writes a deterministic, realistic workbook for tests and benchmarks.
//!
//! ```text
//! cargo run --release --example make_workbook -- --reflections 2000 --seed 7 --out big.json
//! ```

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use wheelbook::content::PackSource;
use wheelbook::workbook::generate::generate;

#[derive(Debug, Parser)]
#[command(about = "Generate a deterministic workbook as pretty JSON")]
struct Args {
    /// How many reflections to generate.
    #[arg(long, default_value_t = 100)]
    reflections: usize,
    /// The same seed always gives the same workbook.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the JSON; "-" or nothing for standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// A content pack file; the built-in Wheel of Partnership if not given.
    #[arg(long)]
    pack: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // The pack's own errors already name the file.
    let pack = PackSource::from_option(args.pack).load()?;
    let book = generate(&pack, args.reflections, args.seed);
    let mut json = serde_json::to_vec_pretty(&book).context("could not write the workbook")?;
    json.push(b'\n');
    let target = match args.out.filter(|path| path.as_os_str() != "-") {
        Some(path) => {
            std::fs::write(&path, &json)
                .with_context(|| format!("could not write {}", path.display()))?;
            path.display().to_string()
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&json)
                .context("could not write to standard output")?;
            stdout
                .flush()
                .context("could not write to standard output")?;
            "standard output".to_string()
        }
    };
    eprintln!(
        "{} reflections, {} actions, {} bytes (seed {}) to {target}",
        book.reflections.len(),
        book.actions.len(),
        json.len(),
        args.seed,
    );
    Ok(())
}

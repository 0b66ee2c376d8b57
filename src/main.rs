//! The `panelpress` command: a thin front over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Rendering allocates many short strings on every thread; glibc malloc contends on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "panelpress",
    version,
    about = "Publish a committee's papers as a static archive"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of plain files
    Build {
        /// The site's folder (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print nothing on success
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check the site for every error `build` would report, writing nothing
    Check {
        /// The site's folder (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print nothing on success
        #[arg(long, short)]
        quiet: bool,
    },
    /// Start a new site in DIR, with a sample meeting and paper
    Init {
        /// The folder to create (it must be empty or not exist)
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            quiet,
        } => panelpress::build(&root, output.as_deref()).map(|s| {
            if !quiet {
                let out = output.unwrap_or_else(|| panelpress::site::default_output(&root));
                println!("{} into {}", summary("Built", &s), out.display());
            }
        }),
        Command::Check { root, quiet } => panelpress::check(&root).map(|s| {
            if !quiet {
                println!("{}: no errors", summary("Checked", &s));
            }
        }),
        Command::Init { dir } => panelpress::init::init(&dir).map(|()| {
            println!(
                "Started a site in {0}. Build it with: panelpress build --root {0}",
                dir.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}

fn summary(verb: &str, s: &panelpress::Summary) -> String {
    format!(
        "{verb} {}, {}, {} ({}) in {:.2} s",
        count(s.meetings, "meeting"),
        count(s.papers, "paper"),
        count(s.decisions, "decision"),
        count(s.files, "file"),
        s.elapsed.as_secs_f64()
    )
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

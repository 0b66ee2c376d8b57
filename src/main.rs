//! The `panelpress` command: a thin front over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use panelpress::publish::{MOMENT_FORMS, Moment};
use panelpress::site::Options;

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
        /// How to report problems: `human`, or `json` (one JSON object per line on stdout)
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        publish: PublishArgs,
    },
    /// Check the site for every error `build` would report, writing nothing
    Check {
        /// The site's folder (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print nothing on success
        #[arg(long, short)]
        quiet: bool,
        /// How to report problems: `human`, or `json` (one JSON object per line on stdout)
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        publish: PublishArgs,
    },
    /// Serve the site on this machine, rebuilding and reloading pages as files change
    Serve {
        /// The site's folder (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to serve on
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to serve on; the default serves to this machine only
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[command(flatten)]
        publish: PublishArgs,
    },
    /// Start a new site in DIR, with a sample meeting and paper
    Init {
        /// The folder to create (it must be empty or not exist)
        dir: PathBuf,
    },
    /// Write a new meeting or paper file, ready to fill in
    New {
        /// The site's folder (holding site.toml and content/)
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        what: New,
    },
    /// Turn plain-text papers into papers of a meeting, listing what could not be mapped
    Import {
        /// Plain-text files (UTF-8): one paper each, or a whole agenda pack
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The id of the meeting they belong to, or its date (YYYY-MM-DD; a meeting
        /// on a new date is created) [default for a pack: the date on its front sheet]
        #[arg(long)]
        meeting: Option<String>,
        /// Where to write the papers [default: the meeting's folder]
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site's folder (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum New {
    /// content/<year>/<id>/_meeting.md
    Meeting {
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// The meeting's id and folder name [default: its date]
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// The committee [default: default_body from site.toml]
        #[arg(long)]
        body: Option<String>,
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        venue: Option<String>,
    },
    /// A paper in its meeting's folder
    Paper {
        /// The meeting's id (or its date, YYYY-MM-DD)
        #[arg(long)]
        meeting: String,
        /// Its agenda item number, e.g. B2
        #[arg(long)]
        item: String,
        #[arg(long)]
        title: String,
        /// report, minutes, decision, work-programme, annual-report, notes or other
        #[arg(long)]
        kind: Option<String>,
        /// The date on the paper, YYYY-MM-DD [default: the meeting's date]
        #[arg(long)]
        date: Option<String>,
    },
}

/// What a build publishes: drafts, and the moment embargoes are judged at.
#[derive(clap::Args)]
struct PublishArgs {
    /// Include meetings and papers marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Publish as at this moment instead of now: YYYY-MM-DD, "YYYY-MM-DD HH:MM" (the
    /// site's timezone) or RFC 3339 [default: the clock, or SOURCE_DATE_EPOCH]
    #[arg(long, value_parser = parse_moment)]
    now: Option<Moment>,
}

impl PublishArgs {
    fn options(&self) -> Options {
        Options {
            drafts: self.drafts,
            now: self.now,
        }
    }
}

fn parse_moment(text: &str) -> Result<Moment, String> {
    Moment::parse(text).ok_or_else(|| format!("not a date and time; write it as {MOMENT_FORMS}"))
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut format = Format::Human;
    let result = match cli.command {
        Command::Serve {
            root,
            port,
            bind,
            publish,
        } => return serve(&root, &publish.options(), bind, port),
        Command::Build {
            root,
            output,
            quiet,
            format: f,
            publish,
        } => {
            format = f;
            let options = publish.options();
            panelpress::site::build_with(&root, output.as_deref(), &options).map(|s| {
                warnings(&s, f);
                if !quiet && f == Format::Human {
                    let out = output.unwrap_or_else(|| panelpress::site::default_output(&root));
                    println!("{} into {}", summary("Built", &s), out.display());
                }
            })
        }
        Command::Check {
            root,
            quiet,
            format: f,
            publish,
        } => {
            format = f;
            panelpress::site::check_with(&root, &publish.options()).map(|s| {
                warnings(&s, f);
                if !quiet && f == Format::Human {
                    println!(
                        "{}: no errors{}",
                        summary("Checked", &s),
                        match s.warnings.len() {
                            0 => String::new(),
                            n => format!(", {}", count(n, "warning")),
                        }
                    );
                }
            })
        }
        Command::Init { dir } => panelpress::init::init(&dir).map(|()| {
            println!(
                "Started a site in {0}. Build it with: panelpress build --root {0}",
                dir.display()
            );
        }),
        Command::New { root, what } => new(&root, what),
        Command::Import {
            files,
            meeting,
            out,
            root,
        } => panelpress::import::import_files(&root, &files, meeting.as_deref(), out.as_deref())
            .map(|reports| {
                println!("Imported papers are drafts: check them, then delete `draft: true`.");
                for r in reports {
                    if r.unchanged {
                        println!("{} (exists, left as it is)", r.written.display());
                    } else {
                        println!("{} -> {}", r.source.display(), r.written.display());
                    }
                    for note in r.notes {
                        let sep = if note.line.is_some() { ":" } else { ": " };
                        println!("  {}{sep}{note}", r.source.display());
                    }
                }
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) if format == Format::Json => {
            errors
                .0
                .iter()
                .for_each(|d| println!("{}", panelpress::report::json_line(d)));
            ExitCode::FAILURE
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}

/// Warnings go where errors would: stderr for people, stdout as JSON for tools.
fn warnings(s: &panelpress::Summary, format: Format) {
    for d in &s.warnings {
        match format {
            Format::Human => eprintln!("{d}"),
            Format::Json => println!("{}", panelpress::report::json_line(d)),
        }
    }
}

fn new(root: &std::path::Path, what: New) -> Result<(), panelpress::Errors> {
    use panelpress::scaffold;
    let is_paper = matches!(what, New::Paper { .. });
    let written = match what {
        New::Meeting {
            date,
            id,
            title,
            body,
            time,
            venue,
        } => scaffold::new_meeting(
            root,
            &scaffold::NewMeeting {
                date,
                id,
                title,
                body,
                time,
                venue,
            },
        )?,
        New::Paper {
            meeting,
            item,
            title,
            kind,
            date,
        } => scaffold::new_paper(
            root,
            &scaffold::NewPaper {
                meeting,
                item,
                title,
                kind,
                date,
            },
        )?,
    };
    println!("Wrote {}", written.display());
    if is_paper {
        println!("It is a draft: preview with --drafts; delete `draft: true` to publish it.");
    }
    Ok(())
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

/// Serves until the process is stopped (Ctrl-C).
fn serve(root: &std::path::Path, options: &Options, bind: std::net::IpAddr, port: u16) -> ExitCode {
    let log = |line: &str| println!("{line}");
    match panelpress::serve::Server::start_with(root, options, bind, port, log) {
        Ok(server) => {
            println!(
                "Serving on http://{}/ — watching for changes; press Ctrl-C to stop",
                server.addr()
            );
            loop {
                std::thread::park();
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

//! The `panelpress` command: a thin front over the library.

mod progress;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use panelpress::Errors;
use panelpress::{MOMENT_FORMS, Moment};
use panelpress::{Options, Reporter};

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
        /// The site's folder (holding site.toml), or any folder inside it [default: the
        /// current folder, or the nearest folder above it holding site.toml]
        #[arg(long, default_value = ".", hide_default_value = true)]
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
        /// The site's folder (holding site.toml), or any folder inside it [default: the
        /// current folder, or the nearest folder above it holding site.toml]
        #[arg(long, default_value = ".", hide_default_value = true)]
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
        /// The site's folder (holding site.toml), or any folder inside it [default: the
        /// current folder, or the nearest folder above it holding site.toml]
        #[arg(long, default_value = ".", hide_default_value = true)]
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
        /// The folder to start the site in: a new one, an empty one, or `.` for the current
        /// folder (it must hold no site yet)
        dir: PathBuf,
        /// Also copy the default theme's templates and styles into themes/default/, to
        /// change them; without it the site uses the theme built into panelpress, and gets
        /// its fixes with each new version
        #[arg(long)]
        eject_theme: bool,
    },
    /// Write a new meeting or paper file, ready to fill in
    New {
        /// The site's folder (holding site.toml), or any folder inside it [default: the
        /// current folder, or the nearest folder above it holding site.toml]
        #[arg(long, default_value = ".", hide_default_value = true, global = true)]
        root: PathBuf,
        #[command(subcommand)]
        what: New,
    },
    /// Turn plain-text papers into papers of a meeting, listing what could not be mapped
    Import {
        /// Plain-text files (UTF-8, e.g. saved from Word as "Plain Text"): one paper each,
        /// or a whole agenda pack
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The id of the meeting they belong to, or its date (YYYY-MM-DD; a meeting
        /// on a new date is created) [default for a pack: the date on its front sheet]
        #[arg(long)]
        meeting: Option<String>,
        /// Where to write the papers [default: the meeting's folder]
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site's folder (holding site.toml), or any folder inside it [default: the
        /// current folder, or the nearest folder above it holding site.toml]
        #[arg(long, default_value = ".", hide_default_value = true)]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum New {
    /// A meeting: content/<year>/<id>/_meeting.md
    Meeting {
        /// The meeting's date, YYYY-MM-DD (e.g. 2025-03-04)
        #[arg(long)]
        date: String,
        /// The meeting's id and folder name: letters, digits and hyphens, e.g.
        /// 2025-03-04-extraordinary [default: its date]
        #[arg(long)]
        id: Option<String>,
        /// The meeting's title, shown before its date, e.g. "Budget meeting"
        #[arg(long)]
        title: Option<String>,
        /// The committee's name, as written on its other meetings [default: default_body
        /// from site.toml]
        #[arg(long)]
        body: Option<String>,
        /// The start time, HH:MM on the 24-hour clock, e.g. 10:00
        #[arg(long)]
        time: Option<String>,
        /// Where it meets, e.g. "Council Chamber, Town Hall"
        #[arg(long)]
        venue: Option<String>,
    },
    /// A paper, in its meeting's folder
    Paper {
        /// The meeting: its id (the folder name, e.g. 2025-01-14), or its date as
        /// YYYY-MM-DD
        #[arg(long)]
        meeting: String,
        /// Its agenda item number, as on the agenda, e.g. B2 or 5
        #[arg(long)]
        item: String,
        /// The paper's title, as on its front page, in quotes
        #[arg(long)]
        title: String,
        /// report, minutes, decision, work-programme, annual-report, notes or other (in
        /// any case) [default: report]
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
    fn options(&self, progress: Reporter) -> Options {
        Options {
            drafts: self.drafts,
            now: self.now,
            progress,
        }
    }
}

fn parse_moment(text: &str) -> Result<Moment, String> {
    Moment::parse(text).ok_or_else(|| {
        let hint = panelpress::iso_of_uk_date(text)
            .map(|d| format!(" (did you mean {d}?)"))
            .unwrap_or_default();
        format!("not a date and time{hint}; write it as {MOMENT_FORMS}")
    })
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
        } => match find_root(&root) {
            Ok(root) => return serve(&root, &publish.options(progress::reporter()), bind, port),
            Err(e) => Err(e),
        },
        Command::Build {
            root,
            output,
            quiet,
            format: f,
            publish,
        } => {
            format = f;
            build(&root, output, quiet, f, &publish)
        }
        Command::Check {
            root,
            quiet,
            format: f,
            publish,
        } => {
            format = f;
            check(&root, quiet, f, &publish)
        }
        Command::Init { dir, eject_theme } => {
            panelpress::clerk::init::init(&dir, eject_theme).map(|()| {
                let root = if dir == Path::new(".") {
                    String::new()
                } else {
                    format!(" --root {}", dir.display())
                };
                println!(
                    "Started a site in {}. Build it with: panelpress build{root}",
                    dir.display()
                );
            })
        }
        Command::New { root, what } => find_root(&root).and_then(|root| new(&root, what)),
        Command::Import {
            files,
            meeting,
            out,
            root,
        } => find_root(&root)
            .and_then(|root| import(&root, &files, meeting.as_deref(), out.as_deref())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) if format == Format::Json => {
            errors
                .0
                .iter()
                .for_each(|d| println!("{}", panelpress::json_line(d)));
            ExitCode::FAILURE
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}

/// The site's folder: `root` or the nearest folder above it holding site.toml.
fn find_root(root: &Path) -> Result<PathBuf, Errors> {
    panelpress::find_site(root).map_err(Errors::one)
}

/// Progress is drawn for people, not for tools reading JSON or for --quiet.
fn reporter(quiet: bool, format: Format) -> Reporter {
    if quiet || format == Format::Json {
        Reporter::default()
    } else {
        progress::reporter()
    }
}

fn build(
    root: &Path,
    output: Option<PathBuf>,
    quiet: bool,
    f: Format,
    publish: &PublishArgs,
) -> Result<(), Errors> {
    let root = find_root(root)?;
    let options = publish.options(reporter(quiet, f));
    // Without it, a stopped build would leave its staging folder for the next.
    let _ = panelpress::remove_staging_on_signals();
    let s = panelpress::build_with(&root, output.as_deref(), &options)?;
    warnings(&s, f);
    if !quiet && f == Format::Human {
        let out = output.unwrap_or_else(|| panelpress::default_output(&root));
        println!("{} into {}", summary("Built", &s), out.display());
        left_out(&s);
    }
    // Like a warning, said even with --quiet: this output must not be published.
    if s.preview && f == Format::Human {
        eprintln!(
            "PREVIEW: drafts are included. Do not publish this output; build without --drafts to publish."
        );
    }
    Ok(())
}

fn check(root: &Path, quiet: bool, f: Format, publish: &PublishArgs) -> Result<(), Errors> {
    let root = find_root(root)?;
    let s = panelpress::check_with(&root, &publish.options(reporter(quiet, f)))?;
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
        left_out(&s);
    }
    Ok(())
}

/// What the build did not publish, and how to see it.
fn left_out(s: &panelpress::Summary) {
    let l = s.left_out;
    let mut parts = Vec::new();
    if l.draft_meetings > 0 {
        parts.push(count(l.draft_meetings, "draft meeting"));
    }
    if l.draft_papers > 0 {
        parts.push(count_of(l.draft_papers, "draft", "drafts"));
    }
    if l.embargoed_papers > 0 {
        parts.push(count_of(
            l.embargoed_papers,
            "embargoed paper",
            "embargoed papers",
        ));
    }
    if parts.is_empty() {
        return;
    }
    let last = parts.pop().unwrap_or_default();
    let list = if parts.is_empty() {
        last
    } else {
        format!("{} and {last}", parts.join(", "))
    };
    let mut how = Vec::new();
    if l.draft_meetings + l.draft_papers > 0 {
        how.push("--drafts");
    }
    if l.embargoed_papers > 0 {
        how.push("--now");
    }
    println!("{list} not published (use {} to preview)", how.join(" / "));
}

fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn import(
    root: &Path,
    files: &[PathBuf],
    meeting: Option<&str>,
    out: Option<&Path>,
) -> Result<(), Errors> {
    let reports = panelpress::clerk::import::import_files(root, files, meeting, out)?;
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
    Ok(())
}

/// Warnings go where errors would: stderr for people, stdout as JSON for tools.
fn warnings(s: &panelpress::Summary, format: Format) {
    for d in &s.warnings {
        match format {
            Format::Human => eprintln!("{d}"),
            Format::Json => println!("{}", panelpress::json_line(d)),
        }
    }
}

fn new(root: &Path, what: New) -> Result<(), Errors> {
    use panelpress::clerk::new;
    let is_paper = matches!(what, New::Paper { .. });
    let written = match what {
        New::Meeting {
            date,
            id,
            title,
            body,
            time,
            venue,
        } => new::new_meeting(
            root,
            &new::NewMeeting {
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
        } => new::new_paper(
            root,
            &new::NewPaper {
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

/// Serves until the process is stopped (Ctrl-C). The port opens before the first build,
/// so the address is printed at once; errors go to stderr, as build's do.
fn serve(root: &Path, options: &Options, bind: std::net::IpAddr, port: u16) -> ExitCode {
    let log = |line: panelpress::serve::Line| {
        if line.error {
            eprintln!("{}", line.text);
        } else {
            println!("{}", line.text);
        }
    };
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

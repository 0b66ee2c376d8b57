//! Writes a deterministic, generated archive for benchmarks: the same arguments always
//! give the same bytes.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --papers 5000 --meetings 500 --seed 1 --out DIR
//! cargo run --release --example gen_corpus -- --papers 5000 --meetings 500 --seed 1 --out DIR --hugo
//! cargo run --release --example gen_corpus -- --papers 5000 --meetings 500 --seed 1 --out DIR --people
//! ```
//!
//! Without `--hugo` it writes a panelpress site (`site.toml`, `content/`); with it, the
//! same corpus as a Hugo site with comparable templates (see `bench/compare.sh`).
//! `--people` adds `people/` and the record (attendance, declarations, votes) to a
//! panelpress site, leaving the papers as they are; Hugo's copy ignores it.
//! The text comes from a word list and a small sentence grammar, not from real papers.

mod corpus;
mod hugo;
mod native;
mod people;

use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    papers: usize,
    meetings: usize,
    seed: u64,
    out: PathBuf,
    hugo: bool,
    people: bool,
}

const USAGE: &str =
    "usage: gen_corpus --papers N --meetings M --seed S --out DIR [--hugo] [--people]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        papers: 1000,
        meetings: 100,
        seed: 1,
        out: PathBuf::new(),
        hugo: false,
        people: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--hugo" => args.hugo = true,
            "--people" => args.people = true,
            _ => {
                let value = it.next().ok_or(format!("{flag} needs a value"))?;
                value_of(&mut args, &flag, &value)?;
            }
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out is required".into());
    }
    if args.meetings == 0 {
        return Err("--meetings must be at least 1".into());
    }
    Ok(args)
}

fn value_of(args: &mut Args, flag: &str, value: &str) -> Result<(), String> {
    let number = || value.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
    match flag {
        "--papers" => args.papers = number()? as usize,
        "--meetings" => args.meetings = number()? as usize,
        "--seed" => args.seed = number()?,
        "--out" => args.out = PathBuf::from(value),
        _ => return Err(format!("unknown argument {flag}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let corpus = corpus::generate(args.papers, args.meetings, args.seed);
    let written = if args.hugo {
        hugo::write(&corpus, &args.out)
    } else {
        let record = args.people.then(|| people::generate(&corpus, args.seed));
        native::write(&corpus, record.as_ref(), &args.out)
    };
    if let Err(e) = written {
        eprintln!("gen_corpus: cannot write {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    let words: usize = corpus
        .papers
        .iter()
        .map(|p| p.body.split_whitespace().count())
        .sum();
    eprintln!(
        "gen_corpus: {} meetings, {} papers, {} words per paper on average, in {}",
        corpus.meetings.len(),
        corpus.papers.len(),
        words / corpus.papers.len().max(1),
        args.out.display()
    );
    ExitCode::SUCCESS
}

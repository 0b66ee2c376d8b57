//! Times `serve`'s incremental rebuild against a full build, for docs/cli.md.
//!
//! cargo run --release --example incremental_timing -- SITE content/PATH/TO/PAPER.md [RUNS [FULL]]
//!
//! Edits the paper's text (and then its title) RUNS times through a `Session`, as the
//! file watcher would, printing the median wall and CPU time of each kind of edit until
//! its pages are served, then of what follows (feeds, data, search index), and the
//! median of FULL (default RUNS; 0 skips them) full in-memory builds (`render_all`,
//! what `build` does before writing). The paper is restored at the end and the served output compared with a
//! full build.

use std::path::PathBuf;
use std::time::Instant;

use panelpress::serve::session::Session;

#[path = "support/cpu.rs"]
mod cpu;

/// CPU time of the whole process so far, in ms.
fn cpu_ms() -> f64 {
    cpu::cpu_secs() * 1000.0
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(paper)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: incremental_timing SITE content/PATH/TO/PAPER.md [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let full_runs: usize = args.get(4).and_then(|r| r.parse().ok()).unwrap_or(runs);
    let root = PathBuf::from(root);
    let file = std::fs::canonicalize(root.join(paper)).expect("the paper exists");
    let original = std::fs::read_to_string(&file).expect("the paper is readable");

    let mut full = Vec::new();
    for _ in 0..full_runs {
        let t = Instant::now();
        panelpress::internals::render_all(&root).expect("the site builds");
        full.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    if !full.is_empty() {
        println!(
            "full build (in memory), median of {full_runs}: {:.0} ms",
            median(full)
        );
    }

    let t = Instant::now();
    let (mut session, first) = Session::new(&root);
    println!(
        "serve's first build: {:.0} ms, {} files",
        t.elapsed().as_secs_f64() * 1000.0,
        first.total
    );

    for (label, edit) in [
        ("text edit", "\nOne more sentence, edit "),
        ("title edit", "title: \"Edited "),
    ] {
        let (mut wall, mut cpu, mut pages) = (Vec::new(), Vec::new(), 0);
        let mut follow = Vec::new();
        for i in 0..runs {
            let text = if edit.starts_with("title") {
                original.replacen("title: \"", &format!("{edit}{i} "), 1)
            } else {
                format!("{original}{edit}{i}.\n")
            };
            std::fs::write(&file, text).unwrap();
            let c = cpu_ms();
            let report = session
                .update(std::slice::from_ref(&file))
                .expect("a change");
            cpu.push(cpu_ms() - c);
            wall.push(report.elapsed.as_secs_f64() * 1000.0);
            pages = report.rendered.len();
            assert!(report.errors.is_none(), "{report}");
            // What `serve` does next, once the pages are served.
            if let Some(r) = session.refresh_whole_site() {
                follow.push(r.elapsed.as_secs_f64() * 1000.0);
            }
        }
        println!(
            "{label}: median {:.1} ms wall, {:.0} ms CPU, {pages} files re-rendered; \
             then feeds, data and the search index in {:.0} ms",
            median(wall),
            median(cpu),
            median(follow)
        );
    }

    std::fs::write(&file, &original).unwrap();
    session.update(std::slice::from_ref(&file));
    session.refresh_whole_site();
    let (_, files) = panelpress::internals::render_all(&root).unwrap();
    let served = session.outputs();
    let same = files.len() == served.len()
        && files
            .iter()
            .all(|f| served.get(&f.path).map(|b| b.as_slice()) == Some(&f.bytes[..]));
    println!("served output identical to a full build: {same}");
}

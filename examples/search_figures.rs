//! Search index figures for a site: how long the index takes to build on its own, how
//! many files it has and how large they are. Then it builds the whole site into OUTPUT,
//! for `bench/search_query.mjs` to time queries in a browser.
//!
//! cargo run --release --example search_figures -- SITE_ROOT OUTPUT

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [root, output] = args.as_slice() else {
        eprintln!("usage: search_figures SITE_ROOT OUTPUT");
        std::process::exit(2);
    };
    let (site, _) = match panelpress::internals::render_all(root) {
        Ok(built) => built,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let runs = 3;
    let mut best = f64::MAX;
    let mut files = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        files = panelpress::internals::search_index(&site, |p| format!("{p}/index.html"));
        best = best.min(started.elapsed().as_secs_f64());
    }
    let size = |prefix: &str| -> (usize, usize, usize) {
        let sizes: Vec<usize> = files
            .iter()
            .filter(|f| f.path.starts_with(prefix))
            .map(|f| f.bytes.len())
            .collect();
        let max = sizes.iter().copied().max().unwrap_or(0);
        (sizes.len(), sizes.iter().sum(), max)
    };
    let (all, total, _) = size("search/");
    let (terms, term_bytes, term_max) = size("search/t/");
    let (docs, doc_bytes, doc_max) = size("search/d/");
    let (positions, pos_bytes, pos_max) = size("search/p/");
    let (_, manifest, _) = size("search/manifest.js");
    let (_, stats, _) = size("search/stats.js");
    let markdown: u64 = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "documents: {} papers, {} meetings, {} decisions",
        site.papers.len(),
        site.meetings.len(),
        site.decisions.len()
    );
    println!("index build (best of {runs}): {best:.3} s");
    println!(
        "index files: {all}, {total} bytes in all, {:.2} times the {markdown} bytes of Markdown",
        total as f64 / markdown.max(1) as f64
    );
    println!("  manifest: {manifest} bytes; document table (stats.js): {stats} bytes");
    println!("  term shards: {terms}, {term_bytes} bytes, largest {term_max}");
    println!("  document shards: {docs}, {doc_bytes} bytes, largest {doc_max}");
    println!("  position shards: {positions}, {pos_bytes} bytes, largest {pos_max}");
    let started = Instant::now();
    match panelpress::build(root, Some(output)) {
        Ok(s) => println!(
            "whole build: {} files in {:.3} s into {}",
            s.files,
            started.elapsed().as_secs_f64(),
            output.display()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

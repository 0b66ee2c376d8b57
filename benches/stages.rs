//! One benchmark per pipeline stage, on a fixed generated corpus of 1,000 papers in 100
//! meetings (seed 1), so that a regression shows which stage moved:
//!
//! - `load`: read and parse every file under `content/`;
//! - `model`: link and validate what was loaded;
//! - `markdown`: render every paper's body to HTML;
//! - `render`: fill every page's template (Markdown included, as in a build);
//! - `write`: write the rendered files to a fresh folder and swap it in for the previous
//!   one, which is deleted.
//!
//! `cargo bench --bench stages`; the corpus is written to a temporary folder first (in
//! /dev/shm when it exists). The library runs on the system allocator here, not the
//! binary's mimalloc.

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/native.rs"]
mod native;
// native.rs writes the record when given one; the stages are timed without it.
#[path = "../examples/gen_corpus/people.rs"]
#[allow(dead_code)]
mod people;

use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use panelpress::internals::{
    Config, Limits, OutputFile, Site, Templates, Theme, build_model, load_content, render_markdown,
    render_site, write_site,
};

const PAPERS: usize = 1000;
const MEETINGS: usize = 100;
const SEED: u64 = 1;

fn site(root: &Path) -> Site {
    let config = Config::load(root).expect("the corpus has a valid site.toml");
    let loaded = load_content(root, Limits::of(&config));
    build_model(config, loaded).expect("the corpus is valid")
}

fn templates(root: &Path) -> Templates {
    let config = Config::load(root).expect("the corpus has a valid site.toml");
    let theme = Theme::load(root, &config.theme).expect("the default theme loads");
    Templates::new(&theme).unwrap_or_else(|_| panic!("the default theme compiles"))
}

fn stages(c: &mut Criterion) {
    // On tmpfs where there is one: repeated build-and-delete cycles on a disk add kernel
    // time run after run, which would swamp the write stage.
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("a temporary folder");
    let root = dir.path().join("site");
    native::write(&corpus::generate(PAPERS, MEETINGS, SEED), None, &root).expect("corpus written");
    let mut group = c.benchmark_group("stages_1k");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    let config = Config::load(&root).expect("the corpus has a valid site.toml");
    let limits = Limits::of(&config);
    group.bench_function("load", |b| b.iter(|| load_content(&root, limits)));

    group.bench_function("model", |b| {
        b.iter_batched(
            || (config.clone(), load_content(&root, limits)),
            |(config, loaded)| build_model(config, loaded).map(|s| s.papers.len()),
            BatchSize::LargeInput,
        )
    });

    let site = site(&root);
    group.bench_function("markdown", |b| {
        b.iter(|| {
            site.papers
                .iter()
                .map(|p| render_markdown(&p.text.markdown, &[] as &[&str]).len())
                .sum::<usize>()
        })
    });

    let mut templates = templates(&root);
    group.bench_function("render", |b| {
        b.iter(|| render_site(&site, &mut templates).map(|files| files.len()))
    });

    let files: Vec<OutputFile> =
        render_site(&site, &mut templates).unwrap_or_else(|_| panic!("the corpus renders"));
    let out = dir.path().join("public");
    group.bench_function("write", |b| {
        b.iter(|| write_site(&out, &files).expect("the site is written"))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

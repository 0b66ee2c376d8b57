//! The folder tree is the pipeline: each stage module may use the stages before it and
//! the shared leaves in `base`, never a later one, so there are no import cycles. The
//! order below is the one the README's architecture table gives.

use std::collections::BTreeSet;
use std::path::Path;

const ORDER: &[&str] = &[
    "base", "config", "load", "model", "markdown", "check", "urls", "render", "outputs", "write",
    "pipeline", "serve", "clerk",
];

/// Every `crate::<stage>` a source file names, in code or in a `use crate::{…}` group.
fn stages_named(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                found.insert(name);
            }
        } else {
            found.insert(
                rest.chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect(),
            );
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_stage_uses_only_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut upward = Vec::new();
    let mut seen_stages = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = top.trim_end_matches(".rs");
        let Some(rank) = ORDER.iter().position(|s| *s == top) else {
            assert!(
                ["lib", "main", "progress", "internals"].contains(&top),
                "{} is outside every stage: add it to a stage folder or to ORDER",
                rel.display()
            );
            continue;
        };
        seen_stages.insert(top.to_string());
        let text = std::fs::read_to_string(file).unwrap();
        for used in stages_named(&text) {
            if let Some(used_rank) = ORDER.iter().position(|s| *s == used)
                && used_rank > rank
            {
                upward.push(format!("{} uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the pipeline:\n{}",
        upward.join("\n")
    );
    // Each stage of ORDER exists, so the list cannot silently go stale.
    let missing: Vec<_> = ORDER
        .iter()
        .filter(|s| !seen_stages.contains(**s))
        .collect();
    assert!(missing.is_empty(), "stages with no source: {missing:?}");
}

#[test]
fn the_check_sees_an_upward_import() {
    let text = "use crate::{base::error, render};\nfn f() { crate::serve::x(); }";
    let named = stages_named(text);
    assert!(named.contains("base") && named.contains("render") && named.contains("serve"));
}

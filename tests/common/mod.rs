//! Helpers shared by the integration tests: fixture sites in temp folders, the built
//! binary, and HTML inspection with scraper.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;

/// The project root, where the sample site lives.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site written file by file into a temp folder. It uses the project's default theme
/// through the copy built into the binary.
pub struct Fixture {
    pub dir: TempDir,
}

pub const SITE_TOML: &str =
    "title = \"Testshire Panel papers\"\ndefault_body = \"Testshire Panel\"\n";

impl Fixture {
    pub fn new() -> Self {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        f.write("site.toml", SITE_TOML);
        std::fs::create_dir_all(f.root().join("content")).unwrap();
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Builds through the library into `<root>/public`.
    pub fn build(&self) -> Result<panelpress::Summary, panelpress::Errors> {
        panelpress::build(self.root(), None)
    }

    pub fn build_ok(&self) -> &Self {
        if let Err(e) = self.build() {
            panic!("fixture should build, but:\n{e}");
        }
        self
    }

    pub fn page(&self, rel: &str) -> Html {
        page(&self.output(), rel)
    }

    /// Runs the real binary with `args`, in the fixture's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_panelpress"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run panelpress")
    }
}

pub fn page(output: &Path, rel: &str) -> Html {
    let path = output.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// The whitespace-normalised text of every element matching `css`.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css))
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The numbers of a paper page's numbered paragraphs, as their `value` attributes give
/// them (the numbers the source printed).
pub fn paragraph_numbers(html: &Html) -> Vec<u64> {
    attrs(html, "ol.paras > li", "value")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect()
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// Resolves a relative href against the page it appears on, as a browser opening the
/// folder from disk would. Returns the target file and fragment.
pub fn resolve(output: &Path, page_rel: &str, href: &str) -> (PathBuf, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (output.join(page_rel), fragment);
    }
    let mut parts: Vec<&str> = page_rel.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let mut target = output.join(parts.join("/"));
    if path.ends_with('/') || target.is_dir() {
        target = target.join("index.html");
    }
    (target, fragment)
}

/// Every broken internal link or anchor in the built site, as "page: href".
pub fn broken_links(output: &Path) -> Vec<String> {
    let files = snapshot(output);
    let pages: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|r| r.ends_with(".html"))
        .collect();
    broken_links_in(output, &pages)
}

/// Every link or anchor on the pages `pages` (paths under `output`) that leads to no
/// file, or to no id in it, as "page: href". An empty fragment (`#`) is the top of the
/// page, as browsers read it.
pub fn broken_links_in(output: &Path, pages: &[&str]) -> Vec<String> {
    let mut ids: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    for &rel in pages {
        let html = page(output, rel);
        for href in attrs(&html, "a[href], link[href]", "href") {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with("tel:") {
                continue;
            }
            let (target, fragment) = resolve(output, rel, &href);
            if !target.is_file() {
                broken.push(format!("{rel}: {href} (no file)"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let known = ids.entry(target.clone()).or_insert_with(|| {
                    let doc =
                        Html::parse_document(&std::fs::read_to_string(&target).unwrap_or_default());
                    attrs(&doc, "[id]", "id")
                });
                if !known.contains(&fragment) {
                    broken.push(format!("{rel}: {href} (no id `{fragment}`)"));
                }
            }
        }
    }
    broken
}

/// A meeting file with the given front matter lines.
pub fn meeting(front: &str) -> String {
    format!("---\n{front}\n---\nMeeting notes.\n")
}

/// A paper file with the given front matter lines and body.
pub fn paper(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

/// Builds with drafts, as a clerk previews (imported and scaffolded papers are drafts).
pub fn build_drafts(f: &Fixture) {
    let options = panelpress::Options {
        drafts: true,
        now: None,
        ..Default::default()
    };
    if let Err(e) = panelpress::build_with(f.root(), None, &options) {
        panic!("fixture should build with drafts, but:\n{e}");
    }
}

/// The YAML front matter of a written content file.
pub fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(y, _)| y)
        .expect("front matter between --- lines");
    serde_yaml::from_str(yaml).unwrap()
}

/// Copies every file under `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in snapshot(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// A copy of the sample site (site.toml, content/ and people/) in a temp folder, to edit
/// freely.
pub fn sample_copy() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = project_root();
    std::fs::copy(from.join("site.toml"), dir.path().join("site.toml")).unwrap();
    copy_dir(&from.join("content"), &dir.path().join("content"));
    if from.join("people").is_dir() {
        copy_dir(&from.join("people"), &dir.path().join("people"));
    }
    dir
}

/// Checks the data file `data/<name>.json` of a built site against the schema its
/// `$schema` names, which the site publishes beside it.
pub fn assert_data_matches_its_schema(output: &Path, name: &str) {
    let read = |rel: &str| -> serde_json::Value {
        let text =
            std::fs::read_to_string(output.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let data = read(&format!("data/{name}.json"));
    let schema_path = data["$schema"]
        .as_str()
        .unwrap_or_else(|| panic!("{name}.json names no $schema"));
    let schema = read(&format!("data/{schema_path}"));
    let validator = jsonschema::validator_for(&schema).expect("a valid 2020-12 schema");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{name}.json: {errors:#?}");
}

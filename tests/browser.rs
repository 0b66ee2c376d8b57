//! The built sample archive in a real browser: the Nu HTML checker on every page, axe-core
//! (WCAG 2.x A and AA) on every page, and the search box used over http:// and file://.
//! The tools come from `.ci/browser/install.sh` (which `bash .ci/test` runs); when one is
//! missing these tests fail and say so, they never skip.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::project_root;
use panelpress::internals::search_words as words;

const INSTALL: &str = "bash .ci/browser/install.sh (or bash .ci/test, which runs it)";

fn browser_dir() -> PathBuf {
    project_root().join(".ci/browser")
}

/// The Node.js to run: the one install.sh put in .ci/browser/node/ when the machine's
/// own was too old for playwright-core, else the one on the PATH.
fn node() -> PathBuf {
    let local = browser_dir().join("node/node_modules/.bin/node");
    if local.is_file() {
        local
    } else {
        PathBuf::from("node")
    }
}

/// The major version of [`node`], when it runs.
fn node_major() -> Option<u32> {
    let out = Command::new(node()).arg("--version").output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

/// Fails, naming the install script, when a tool the browser tests need is missing.
fn require_tools() {
    let modules = browser_dir().join("node_modules");
    let missing: Vec<String> = [
        (
            Path::new(&chromium()).is_file(),
            format!("Chromium ({})", chromium()),
        ),
        (runs("java", &["-version"]), "java".to_string()),
        (
            node_major().is_some_and(|v| v >= 20),
            format!(
                "Node.js 20 or later (found {})",
                node_major().map_or("none".to_string(), |v| format!("version {v}"))
            ),
        ),
        (
            modules.join("playwright-core").is_dir()
                && modules.join("axe-core").is_dir()
                && vnu_jar().is_file(),
            format!("the npm packages in {}", modules.display()),
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, name)| name)
    .collect();
    assert!(
        missing.is_empty(),
        "browser tests need {}; install with: {INSTALL}",
        missing.join(", ")
    );
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn vnu_jar() -> PathBuf {
    browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// The sample site, built once for all tests here, and a loopback server for it.
struct Served {
    _dir: tempfile::TempDir,
    site: PathBuf,
    base: String,
}

fn served() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        if let Err(e) = panelpress::build(&project_root(), Some(&site)) {
            panic!("the sample site should build:\n{e}");
        }
        let base = serve(site.clone());
        Served {
            _dir: dir,
            site,
            base,
        }
    })
}

/// Serves `root` on 127.0.0.1 from a background thread; returns the base URL.
fn serve(root: PathBuf) -> String {
    let (listener, base) = bind();
    serve_on(listener, root);
    base
}

fn bind() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}/", listener.local_addr().unwrap());
    (listener, base)
}

fn serve_on(listener: TcpListener, root: PathBuf) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(&root, stream));
        }
    });
}

fn answer(root: &Path, mut stream: TcpStream) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Headers are read and dropped; every request here is a plain GET.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(bytes) => ("200 OK", bytes, content_type(&file)),
        Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

fn html_pages(site: &Path) -> Vec<String> {
    common::snapshot(site)
        .into_keys()
        .filter(|rel| rel.ends_with(".html"))
        .collect()
}

fn run_tool(command: &mut Command, what: &str) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{what} did not start ({e}); install with: {INSTALL}"));
    // Shown with --nocapture, and on failure.
    println!("{what}:\n{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_page_is_valid_html() {
    require_tools();
    let s = served();
    run_tool(
        Command::new("java")
            .arg("-jar")
            .arg(vnu_jar())
            .args(["--errors-only", "--skip-non-html"])
            .arg(&s.site),
        "the Nu HTML checker (vnu.jar)",
    );
}

#[test]
fn every_page_passes_axe_in_light_and_dark_schemes() {
    require_tools();
    let s = served();
    let mut pages = html_pages(&s.site);
    assert!(pages.len() > 30, "the sample should have many pages");
    // The search page again, with results showing, so their markup is checked too.
    let word = common_word(&content_files());
    pages.push(format!("search/index.html?q={word}"));
    // And its second page of results, with the pager showing.
    pages.push(format!("search/index.html?q={word}&page=2"));
    for scheme in ["light", "dark"] {
        run_tool(
            Command::new(node())
                .arg(browser_dir().join("a11y.mjs"))
                .arg(&s.base)
                .args(&pages)
                .env("CHROMIUM", chromium())
                .env("A11Y_COLOR_SCHEME", scheme),
            &format!("axe-core (.ci/browser/a11y.mjs), {scheme} colour scheme"),
        );
    }
}

#[test]
fn search_box_finds_papers_over_http_and_from_disk() {
    require_tools();
    let s = served();
    let file_base = format!("file://{}/", s.site.display());
    run_search_test(&format!("{} {file_base}", s.base));
}

/// The sample with `base_url` set to where it is served: pretty links, absolute root.
#[test]
fn search_works_with_base_url() {
    require_tools();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let (listener, base) = bind();
    let toml = std::fs::read_to_string(project_root().join("site.toml")).unwrap();
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("site.toml"),
        // At the top: the sample's site.toml ends in a table such as [accessibility].
        format!("base_url = \"{base}\"\n{toml}"),
    )
    .unwrap();
    common::copy_dir(&project_root().join("content"), &root.join("content"));
    let output = dir.path().join("out");
    if let Err(e) = panelpress::build(&root, Some(&output)) {
        panic!("the sample with base_url should build:\n{e}");
    }
    serve_on(listener, output);
    run_search_test(&base);
}

/// Runs `.ci/browser/search.test.mjs` against each of `bases`, with what to search for
/// worked out from the sample's content files.
fn run_search_test(bases: &str) {
    let files = content_files();
    let unique = unique_word(&files);
    let (phrase, phrase_title) = rare_phrase(&files);
    let expect = serde_json::json!({
        "word": unique.word,
        "title": unique.title,
        "path": unique.path,
        "phrase": phrase,
        "phraseTitle": phrase_title,
        "common": common_word(&files),
        "pack": a_pack(),
    });
    run_tool(
        Command::new(node())
            .args(["--test", "--test-reporter=spec"])
            .arg(browser_dir().join("search.test.mjs"))
            .env("CHROMIUM", chromium())
            .env("BASE_URLS", bases)
            .env("SEARCH_EXPECT", expect.to_string()),
        "the search behaviour test (.ci/browser/search.test.mjs)",
    );
}

// ---- what to search for, worked out from the sample's content files -------------------

/// A public paper's content file: its title, page path, and the words of its front
/// matter and of its Markdown body, apart.
struct ContentFile {
    title: Option<String>,
    path: Option<String>,
    front: Vec<String>,
    body: Vec<String>,
}

/// Every content file of the sample. The paper path comes from the built site, which
/// names its pages after the files; exempt papers are left out.
fn content_files() -> Vec<ContentFile> {
    let (site, _) = panelpress::internals::render_all(&project_root()).expect("sample builds");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(project_root().join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let (front, body) = split_front_matter(&text);
        let paper = site.papers.iter().find(|p| entry.path().ends_with(&p.file));
        let public = paper.filter(|p| p.exempt.is_none());
        out.push(ContentFile {
            title: public.map(|p| p.title.clone()),
            path: public.map(|p| p.path.clone()),
            front: words(front).collect(),
            body: if paper.is_some() && public.is_none() {
                Vec::new()
            } else {
                words(body).collect()
            },
        });
    }
    out
}

fn split_front_matter(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").unwrap_or(text);
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}

struct Unique {
    word: String,
    title: String,
    path: String,
}

/// A word of six letters or more found in one content file only, in the body of a
/// public paper and not in its front matter: searching for it must find that paper alone.
fn unique_word(files: &[ContentFile]) -> Unique {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in files {
        let all: BTreeSet<&str> = f.front.iter().chain(&f.body).map(String::as_str).collect();
        for w in all {
            *counts.entry(w).or_default() += 1;
        }
    }
    for f in files.iter().filter(|f| f.title.is_some()) {
        let found = f.body.iter().find(|w| {
            w.len() >= 6
                && w.chars().all(char::is_alphabetic)
                && counts[w.as_str()] == 1
                && !f.front.contains(w)
        });
        if let Some(w) = found {
            return Unique {
                word: w.clone(),
                title: f.title.clone().unwrap(),
                path: f.path.clone().unwrap(),
            };
        }
    }
    panic!("the sample should have a word that only one paper uses");
}

/// Two words next to each other in one paper's body and nowhere else, while another
/// paper's body has both words apart: quoting them must narrow the results to that paper.
fn rare_phrase(files: &[ContentFile]) -> (String, String) {
    let pairs = |ws: &[String]| -> BTreeSet<(String, String)> {
        ws.windows(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect()
    };
    let adjacent: Vec<BTreeSet<(String, String)>> = files
        .iter()
        .map(|f| {
            let mut all = pairs(&f.front);
            all.extend(pairs(&f.body));
            all
        })
        .collect();
    for (i, f) in files.iter().enumerate().filter(|(_, f)| f.title.is_some()) {
        for (a, b) in pairs(&f.body) {
            if a == b || a.len() < 4 || b.len() < 4 || f.front.contains(&a) || f.front.contains(&b)
            {
                continue;
            }
            let elsewhere = adjacent
                .iter()
                .enumerate()
                .any(|(j, set)| j != i && set.contains(&(a.clone(), b.clone())));
            let apart = files.iter().enumerate().any(|(j, g)| {
                j != i && g.title.is_some() && g.body.contains(&a) && g.body.contains(&b)
            });
            let once = f.body.windows(2).filter(|p| p[0] == a && p[1] == b).count() == 1;
            if !elsewhere && apart && once {
                return (format!("{a} {b}"), f.title.clone().unwrap());
            }
        }
    }
    panic!("the sample should have a two-word phrase only one paper uses");
}

/// The page of the first meeting pack of the sample, from the site root.
fn a_pack() -> String {
    let (site, _) = panelpress::internals::render_all(&project_root()).expect("sample builds");
    let meeting = site
        .meetings
        .iter()
        .find(|m| !m.agenda.is_empty())
        .expect("the sample has a meeting with an agenda");
    format!("{}/pack/index.html", meeting.path)
}

/// The word in the bodies of the most public papers, for filter tests.
fn common_word(files: &[ContentFile]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in files.iter().filter(|f| f.title.is_some()) {
        let set: BTreeSet<&str> = f.body.iter().map(String::as_str).collect();
        for w in set.into_iter().filter(|w| w.len() >= 5) {
            *counts.entry(w).or_default() += 1;
        }
    }
    let best = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|&(_, n)| n == best)
        .map(|(w, _)| w.to_string())
        .expect("the sample has papers")
}

//! `panelpress serve` and its incremental rebuilds: the output after a series of edits
//! equals a fresh full build, only the pages that depend on an edit are re-rendered, and
//! a real server on a free port reloads, shows errors and serves the last good site.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{project_root, sample_copy, sel, texts};
use panelpress::serve::session::{Report, Session};
use scraper::Html;

const PAPER: &str = "content/2024/2024-02-06/b1-neighbourhood-policing-review.md";
const PAPER_PAGE: &str = "papers/2024/2024-02-06/b1-neighbourhood-policing-review/index.html";
const MEETING_PAGE: &str = "meetings/2024-02-06/index.html";

fn edit(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} should contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

/// What a fresh full build of the same files produces, as path → bytes.
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let (_, files) = panelpress::internals::render_all(root).expect("full build");
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

fn served(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .outputs()
        .iter()
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .collect()
}

/// Applies one change and checks that the session now serves exactly what a full build
/// writes.
fn step(session: &mut Session, root: &Path, changed: &[PathBuf], what: &str) -> Report {
    let changed: Vec<PathBuf> = changed
        .iter()
        .map(|p| {
            std::fs::canonicalize(p.parent().unwrap())
                .unwrap()
                .join(p.file_name().unwrap())
        })
        .collect();
    let mut report = session.update(&changed).expect("a change to the sources");
    assert!(report.errors.is_none(), "{what}: {report}");
    // The search index follows the pages, as `serve` remakes it after serving them.
    if let Some(search) = session.refresh_whole_site() {
        report.rendered.extend(search.rendered);
        report.removed.extend(search.removed);
    }
    let full = full_build(root);
    let incremental = served(session);
    let differing: Vec<&String> = full
        .keys()
        .chain(incremental.keys())
        .filter(|p| full.get(*p) != incremental.get(*p))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: differs from a full build in {differing:?}"
    );
    report
}

/// What a rebuild rendered besides the search index, which is remade from every text.
fn pages_of(r: &Report) -> Vec<String> {
    r.rendered
        .iter()
        .filter(|p| !p.starts_with("search/"))
        .cloned()
        .collect()
}

const PACK: &str = "meetings/2024-02-06/pack/index.html";

#[test]
fn incremental_output_equals_a_full_build_after_every_kind_of_edit() {
    let dir = sample_copy();
    let root = dir.path();
    let (mut session, first) = Session::new(root);
    assert!(first.errors.is_none(), "{first}");
    assert_eq!(served(&session), full_build(root));
    let total = first.total;

    let path = edit(root, PAPER, "## Introduction", "## Background");
    let r = step(&mut session, root, &[path], "body edit");
    assert_eq!(
        pages_of(&r),
        vec![PACK.to_string(), PAPER_PAGE.to_string()],
        "a body edit re-renders only its page and its meeting's pack"
    );
    assert!(r.rendered.iter().any(|p| p.starts_with("search/t/")));
    assert_eq!(r.reread, 1);

    let path = edit(
        root,
        PAPER,
        "title: \"Neighbourhood policing review\"",
        "title: \"Review of neighbourhood policing\"",
    );
    let r = step(&mut session, root, &[path], "title change");
    for page in [
        PAPER_PAGE,
        MEETING_PAGE,
        "items/index.html",
        "topics/performance/index.html",
    ] {
        assert!(
            r.rendered.contains(&page.to_string()),
            "title change should re-render {page}: {:?}",
            r.rendered
        );
    }
    assert!(
        pages_of(&r).len() < total / 2,
        "a title change re-renders its neighbours, not the site: {:?}",
        r.rendered
    );
    assert!(
        !r.rendered
            .contains(&"papers/2025/2025-02-04/b1-peel-inspection/index.html".to_string())
    );

    let rel = "content/2024/2024-02-06/b2-victim-services-commissioning.md";
    let path = edit(root, rel, "item: \"B2\"", "item: \"B3\"");
    step(&mut session, root, &[path], "item change");

    let old = root.join("content/2025/2025-02-04/b1-peel-inspection.md");
    let new = root.join("content/2025/2025-06-24/b2-peel-inspection.md");
    std::fs::rename(&old, &new).unwrap();
    edit(
        root,
        "content/2025/2025-06-24/b2-peel-inspection.md",
        "item: \"B1\"",
        "item: \"B2\"",
    );
    let r = step(&mut session, root, &[old, new], "move to another meeting");
    assert!(
        r.removed
            .contains(&"papers/2025/2025-02-04/b1-peel-inspection/index.html".to_string()),
        "{:?}",
        r.removed
    );

    let added = root.join("content/2024/2024-02-06/b4-added-paper.md");
    std::fs::write(
        &added,
        common::paper(
            "title: \"An added paper\"\ndate: 2024-01-30\nitem: \"B4\"",
            "1. Added text.\n",
        ),
    )
    .unwrap();
    let r = step(
        &mut session,
        root,
        std::slice::from_ref(&added),
        "add a paper",
    );
    assert!(
        r.rendered
            .contains(&"papers/2024/2024-02-06/b4-added-paper/index.html".to_string())
    );
    assert_eq!(r.total, total + 1);

    std::fs::remove_file(&added).unwrap();
    let r = step(&mut session, root, &[added], "delete a paper");
    let pages_removed: Vec<&String> = r
        .removed
        .iter()
        .filter(|p| !p.starts_with("search/"))
        .collect();
    assert_eq!(
        pages_removed,
        ["papers/2024/2024-02-06/b4-added-paper/index.html"]
    );

    let template =
        std::fs::read_to_string(project_root().join("themes/default/templates/paper.html"))
            .unwrap();
    assert!(
        template.contains("</article>"),
        "the marker goes before the article's end"
    );
    let path = root.join("templates/paper.html");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        template.replacen(
            "</article>",
            "<p class=\"changed-template\">x</p></article>",
            1,
        ),
    )
    .unwrap();
    let r = step(
        &mut session,
        root,
        std::slice::from_ref(&path),
        "template edit",
    );
    assert_eq!(r.reread, 0, "a template edit reads no content");
    assert!(r.rendered.contains(&PAPER_PAGE.to_string()));
    let page = Html::parse_document(std::str::from_utf8(&served(&session)[PAPER_PAGE]).unwrap());
    assert_eq!(texts(&page, "p.changed-template"), vec!["x"]);

    let before = served(&session);
    let path = edit(root, PAPER, "item: \"B1\"", "item: \"B1\"\nbogus: 1");
    let r = session
        .update(&[std::fs::canonicalize(&path).unwrap()])
        .unwrap();
    let errors = r.errors.expect("an unknown field is an error").to_string();
    assert!(
        errors.contains(PAPER) && errors.contains("bogus"),
        "{errors}"
    );
    assert_eq!(served(&session), before, "the last good site stays");

    let path = edit(root, PAPER, "item: \"B1\"\nbogus: 1", "item: \"B1\"");
    step(&mut session, root, &[path], "fix of the error");

    let path = edit(root, PAPER, "## Background", "## Background and context");
    let r = step(&mut session, root, &[path], "edit after the fix");
    assert_eq!(pages_of(&r), vec![PACK.to_string(), PAPER_PAGE.to_string()]);

    let minutes = "content/2024/2024-07-16/06-minutes-2024-02-06.md";
    let path = edit(
        root,
        minutes,
        "were agreed as a correct record.",
        "were agreed, with one correction, as a correct record.",
    );
    let r = step(&mut session, root, &[path], "decision edit");
    for page in [
        "decisions/index.html",
        "papers/2024/2024-07-16/06-minutes-2024-02-06/index.html",
    ] {
        assert!(
            r.rendered.contains(&page.to_string()),
            "a decision edit should re-render {page}: {:?}",
            r.rendered
        );
    }
    assert!(
        !r.rendered.contains(&PAPER_PAGE.to_string()),
        "a decision shows on the register and its papers, not elsewhere"
    );

    let path = edit(
        root,
        "content/2025/2025-09-30/_meeting.md",
        "date: 2025-09-30",
        "date: 2025-09-23",
    );
    let r = step(&mut session, root, &[path], "meeting date change");
    assert!(
        r.rendered
            .contains(&"meetings/2025-09-30/index.html".to_string()),
        "{:?}",
        r.rendered
    );

    let path = edit(root, "site.toml", "title = \"", "title = \"Archive: ");
    let r = step(&mut session, root, &[path], "site.toml edit");
    let unrendered: Vec<String> = served(&session)
        .into_keys()
        .filter(|p| p.ends_with(".html") && !r.rendered.contains(p))
        .collect();
    assert_eq!(
        unrendered,
        Vec::<String>::new(),
        "the title is on every page"
    );

    let path = root.join("static/extra.css");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "p { margin: 0 }\n").unwrap();
    let r = step(
        &mut session,
        root,
        std::slice::from_ref(&path),
        "a new static file",
    );
    assert_eq!(r.rendered, vec!["extra.css".to_string()]);

    let temp = root.join("content/2024/2024-02-06/4913");
    std::fs::write(&temp, "").unwrap();
    let temp = std::fs::canonicalize(&temp).unwrap();
    assert!(
        session.update(&[temp]).is_none(),
        "an editor's temporary file is no change"
    );
}

/// A small site with people: two members, a substitute, a held meeting with attendance
/// and a declaration, and a record of decision with a named vote.
fn people_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let f = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    f("site.toml", common::SITE_TOML);
    f(
        "people/amir-brown.md",
        "---\nname: Amir Brown\nmemberships:\n  - body: Testshire Panel\n    from: 2023-05-01\n---\n",
    );
    f(
        "people/carla-ode.md",
        "---\nname: Carla Ode\nmemberships:\n  - body: Testshire Panel\n    from: 2023-05-01\n---\n",
    );
    f("people/john-smith.md", "---\nname: John Smith\n---\n");
    f(
        "content/2024-06-05/_meeting.md",
        "---\ndate: 2024-06-05\nstatus: held\nattendance:\n  present:\n    - Cllr C Ode\n    - Mr J Smith (Substitute for Cllr A Brown)\n  apologies:\n    - Cllr A Brown\ndeclarations:\n  - name: Cllr C Ode\n    item: B1\n    interest: Owns land beside the depot\n---\n",
    );
    f(
        "content/2024-06-05/b1-depot.md",
        "---\ntitle: Depot lease\ndate: 2024-05-28\nitem: B1\ndecisions:\n  - ref: T/1\n    text: The lease was approved.\n    vote:\n      for: [Cllr C Ode, Mr J Smith]\n      against: 0\n---\nThe lease.\n",
    );
    dir
}

#[test]
fn incremental_output_equals_a_full_build_after_edits_to_people_and_the_record() {
    let dir = people_site();
    let root = dir.path();
    let (mut session, first) = Session::new(root);
    assert!(first.errors.is_none(), "{first}");
    assert_eq!(served(&session), full_build(root));
    let meeting = "content/2024-06-05/_meeting.md";
    let amir_page = "people/amir-brown/index.html".to_string();

    let amir = "people/amir-brown.md";
    let path = edit(
        root,
        amir,
        "name: Amir Brown",
        "name: Councillor Amir Brown",
    );
    let r = step(&mut session, root, &[path], "person's name edit");
    assert!(
        r.rendered
            .contains(&"people/john-smith/index.html".to_string()),
        "the substitute's page names whom he stood in for: {:?}",
        r.rendered
    );

    let path = edit(
        root,
        meeting,
        "    - Mr J Smith (Substitute for Cllr A Brown)\n  apologies:\n    - Cllr A Brown\n",
        "    - Cllr A Brown\n",
    );
    let r = step(&mut session, root, &[path], "attendance edit");
    assert!(r.rendered.contains(&amir_page), "{:?}", r.rendered);
    assert!(
        r.rendered
            .contains(&"meetings/2024-06-05/index.html".to_string())
    );

    let carla = "people/carla-ode.md";
    let path = edit(root, carla, "from: 2023-05-01", "from: 2024-07-01");
    let r = step(&mut session, root, &[path], "membership dates edit");
    assert!(
        r.rendered
            .contains(&"meetings/2024-06-05/index.html".to_string()),
        "the roll of a meeting before the seat began loses the member: {:?}",
        r.rendered
    );

    let path = edit(root, meeting, "Owns land beside", "Rents land beside");
    step(&mut session, root, &[path], "declaration edit");

    let paper = "content/2024-06-05/b1-depot.md";
    let path = edit(root, paper, "against: 0", "against: [Cllr A Brown]");
    let r = step(&mut session, root, &[path], "vote edit");
    assert!(r.rendered.contains(&amir_page), "{:?}", r.rendered);
    assert!(r.rendered.contains(&"decisions/index.html".to_string()));

    let path = root.join("people/john-smith.md");
    std::fs::remove_file(&path).unwrap();
    step(&mut session, root, &[path], "a person's file removed");
}

/// A minimal HTTP/1.1 GET, as a browser at http://localhost:PORT/ sends it: status,
/// headers (lower-cased names) and body.
fn get(addr: SocketAddr, path: &str) -> (u16, BTreeMap<String, String>, String) {
    let host = format!("localhost:{}", addr.port());
    request(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n"))
}

/// Sends `head` (the request line and headers, each ending in CRLF) and reads the
/// response: status, headers (lower-cased names) and body.
fn request(addr: SocketAddr, head: &str) -> (u16, BTreeMap<String, String>, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

fn report(addr: SocketAddr) -> serde_json::Value {
    serde_json::from_str(&get(addr, panelpress::serve::REPORT_URL).2).unwrap()
}

/// Waits for the server to finish the rebuild after `rebuild`, and returns its report.
fn next_report(addr: SocketAddr, rebuild: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let r = report(addr);
        if r["rebuild"].as_u64().unwrap() > rebuild {
            return r;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not rebuild after the change"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A server on a free port, once its first build is over.
fn start(root: &Path) -> SocketAddr {
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let server = panelpress::serve::Server::start(root, localhost, 0, |_| {}).unwrap();
    server.wait_until_built();
    server.addr()
}

#[test]
fn server_serves_reloads_and_shows_errors_over_the_last_good_site() {
    let dir = sample_copy();
    let root = dir.path();
    let addr = start(root);

    let (status, headers, body) = get(addr, &format!("/{PAPER_PAGE}"));
    assert_eq!(status, 200);
    assert!(headers["content-type"].starts_with("text/html"));
    let page = Html::parse_document(&body);
    assert_eq!(
        page.select(&sel("script#panelpress-live-reload")).count(),
        1
    );
    assert_eq!(page.select(&sel("[role=alert]")).count(), 0);
    assert_eq!(texts(&page, "h1"), vec!["Neighbourhood policing review"]);

    let (status, _, body) = get(addr, "/");
    assert_eq!(status, 200, "the folder URL serves its index.html");
    assert_eq!(
        texts(&Html::parse_document(&body), "h1"),
        texts(&common::page(&build_sample(root), "index.html"), "h1")
    );
    let (status, headers, _) = get(addr, "/meetings");
    assert_eq!((status, headers["location"].as_str()), (301, "/meetings/"));
    let (status, _, body) = get(addr, "/no/such/page/");
    assert_eq!(status, 404);
    let expected_404 = common::page(&build_sample(root), "404.html");
    assert_eq!(
        texts(&Html::parse_document(&body), "h1"),
        texts(&expected_404, "h1")
    );

    let rebuild = report(addr)["rebuild"].as_u64().unwrap();
    edit(
        root,
        PAPER,
        "title: \"Neighbourhood policing review\"",
        "title: \"Neighbourhood policing reviewed\"",
    );
    let r = next_report(addr, rebuild);
    assert_eq!(r["ok"], true, "{r}");
    let rendered: Vec<&str> = r["rendered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        rendered.contains(&PAPER_PAGE) && rendered.contains(&MEETING_PAGE),
        "{rendered:?}"
    );
    assert!(
        !rendered.contains(&"papers/2025/2025-02-04/b1-peel-inspection/index.html"),
        "{rendered:?}"
    );
    let (_, _, body) = get(addr, &format!("/{PAPER_PAGE}"));
    assert_eq!(
        texts(&Html::parse_document(&body), "h1"),
        vec!["Neighbourhood policing reviewed"]
    );

    let rebuild = r["rebuild"].as_u64().unwrap();
    let version = get(addr, panelpress::serve::VERSION_URL).2;
    assert_eq!(
        version,
        r["version"].to_string(),
        "pages see the new version and reload"
    );
    edit(root, PAPER, "## Introduction", "## Introduction");
    let r = next_report(addr, rebuild);
    assert_eq!(r["rendered"].as_array().unwrap().len(), 0, "{r}");
    assert_eq!(
        get(addr, panelpress::serve::VERSION_URL).2,
        version,
        "nothing new: no reload"
    );

    let rebuild = r["rebuild"].as_u64().unwrap();
    edit(root, PAPER, "item: \"B1\"", "item: \"B1\"\nbogus: 1");
    let r = next_report(addr, rebuild);
    assert_eq!(r["ok"], false, "{r}");
    let (status, _, body) = get(addr, &format!("/{PAPER_PAGE}"));
    assert_eq!(status, 200, "the last good page is still served");
    let page = Html::parse_document(&body);
    let alert = texts(&page, "[role=alert]").join(" ");
    assert!(
        alert.contains(PAPER) && alert.contains("bogus"),
        "the overlay names the file and field: {alert}"
    );
    assert_eq!(
        texts(&page, "#panelpress-errors h2"),
        vec!["The site has errors"]
    );
    assert!(texts(&page, "h1").contains(&"Neighbourhood policing reviewed".to_string()));

    let rebuild = r["rebuild"].as_u64().unwrap();
    edit(root, PAPER, "item: \"B1\"\nbogus: 1", "item: \"B1\"");
    let r = next_report(addr, rebuild);
    assert_eq!(r["ok"], true, "{r}");
    let (_, _, body) = get(addr, &format!("/{PAPER_PAGE}"));
    assert_eq!(
        Html::parse_document(&body)
            .select(&sel("[role=alert]"))
            .count(),
        0,
        "the fix clears the overlay"
    );
}

/// Builds the site as `panelpress build` does, into a folder of its own.
fn build_sample(root: &Path) -> PathBuf {
    let out = root.join("built");
    if !out.exists() {
        panelpress::build(root, Some(&out)).unwrap();
    }
    out
}

#[test]
fn build_output_has_no_live_reload() {
    let dir = sample_copy();
    let out = build_sample(dir.path());
    let mut pages = 0;
    for (path, bytes) in common::snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__panelpress"),
            "{path} mentions the serve endpoints"
        );
        if path.ends_with(".html") {
            pages += 1;
            let html = Html::parse_document(&text);
            assert_eq!(
                html.select(&sel("script#panelpress-live-reload")).count(),
                0,
                "{path}"
            );
            assert_eq!(html.select(&sel("#panelpress-errors")).count(), 0, "{path}");
        }
    }
    assert!(pages > 10, "the sample builds pages to look at");
}

#[test]
fn a_taken_port_is_refused_with_a_suggestion() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = sample_copy();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already in use") && stderr.contains("--port"),
        "{stderr}"
    );
}

#[test]
fn a_site_that_never_built_shows_its_errors_until_fixed() {
    let site = common::Fixture::new();
    site.write("content/m/_meeting.md", "---\ndate: 2024-13-01\n---\n");
    let addr = start(site.root());
    let (status, _, body) = get(addr, "/");
    assert_eq!(status, 404);
    let page = Html::parse_document(&body);
    let alert = texts(&page, "[role=alert]").join(" ");
    assert!(alert.contains("content/m/_meeting.md"), "{alert}");
    assert_eq!(
        page.select(&sel("script#panelpress-live-reload")).count(),
        1
    );

    let rebuild = report(addr)["rebuild"].as_u64().unwrap();
    site.write("content/m/_meeting.md", "---\ndate: 2024-12-01\n---\n");
    let r = next_report(addr, rebuild);
    assert_eq!(r["ok"], true, "{r}");
    let (status, _, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert_eq!(
        Html::parse_document(&body)
            .select(&sel("[role=alert]"))
            .count(),
        0
    );
}

#[test]
fn serving_with_drafts_shows_them_and_without_leaves_them_out() {
    let dir = sample_copy();
    let root = dir.path();
    std::fs::write(
        root.join("content/2024/2024-02-06/b9-draft-note.md"),
        "---\ntitle: A note still in draft\ndate: 2024-02-01\nitem: B9\ndraft: true\n---\nDRAFT-TEXT\n",
    )
    .unwrap();
    let page = "papers/2024/2024-02-06/b9-draft-note/index.html";
    let (public, report) = Session::new(root);
    assert!(report.errors.is_none(), "{report}");
    assert!(!served(&public).contains_key(page));
    let options = panelpress::Options {
        drafts: true,
        now: None,
        ..Default::default()
    };
    let (preview, report) = Session::with_options(root, options);
    assert!(report.errors.is_none(), "{report}");
    let html = Html::parse_document(std::str::from_utf8(&served(&preview)[page]).unwrap());
    assert_eq!(texts(&html, ".notice-draft").len(), 1);
}

/// Runs `panelpress serve` with `args`, expecting it to exit by itself within 30 s.
fn serve_exits(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .arg("serve")
        .args(["--port", "0"])
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("serve kept running on a site it cannot load");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn serve_without_a_site_or_with_broken_settings_exits_non_zero() {
    let empty = tempfile::tempdir().unwrap();
    let out = serve_exits(empty.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no site.toml"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is served");

    let site = common::Fixture::new();
    site.write("site.toml", "titel = \"Misspelt\"\n");
    let out = serve_exits(site.root(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("site.toml:1:1: error: "), "{stderr}");
    assert!(stderr.contains("titel"), "{stderr}");
}

/// Holds a build at its first stage until released, to see the server meanwhile, and
/// counts the pages it reports.
struct Gate {
    release: std::sync::Mutex<std::sync::mpsc::Receiver<()>>,
    pages: std::sync::Arc<std::sync::Mutex<(Option<usize>, usize)>>,
}

impl panelpress::Progress for Gate {
    fn start(&self, stage: panelpress::Stage, total: Option<usize>) {
        match stage {
            panelpress::Stage::Load => drop(self.release.lock().unwrap().recv()),
            panelpress::Stage::Render => self.pages.lock().unwrap().0 = total,
            panelpress::Stage::Outputs => {}
        }
    }
    fn step(&self) {
        self.pages.lock().unwrap().1 += 1;
    }
    fn finish(&self) {}
}

#[test]
fn the_port_opens_at_once_with_a_building_page_that_reloads() {
    let dir = sample_copy();
    let (release, gate) = std::sync::mpsc::channel();
    let pages = std::sync::Arc::default();
    let gate = Gate {
        release: std::sync::Mutex::new(gate),
        pages: std::sync::Arc::clone(&pages),
    };
    let options = panelpress::Options {
        progress: panelpress::Reporter::new(gate),
        ..Default::default()
    };
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let server =
        panelpress::serve::Server::start_with(dir.path(), &options, localhost, 0, |_| {}).unwrap();
    let addr = server.addr();

    let (status, headers, body) = get(addr, "/");
    assert_eq!(status, 503, "the first build is still running");
    assert_eq!(headers["retry-after"], "1");
    let page = Html::parse_document(&body);
    assert_eq!(texts(&page, "h1"), vec!["Building\u{2026}"]);
    assert_eq!(
        page.select(&sel("script#panelpress-live-reload")).count(),
        1,
        "the page reloads itself when the build is over"
    );
    let (_, _, version) = get(addr, panelpress::serve::VERSION_URL);
    assert_eq!(version, "0");

    release.send(()).unwrap();
    server.wait_until_built();
    let (status, _, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert_ne!(
        texts(&Html::parse_document(&body), "h1"),
        vec!["Building\u{2026}"]
    );
    assert_ne!(get(addr, panelpress::serve::VERSION_URL).2, "0");
    let (total, steps) = *pages.lock().unwrap();
    assert!(steps > 10, "the first build reports its pages: {steps}");
    assert_eq!(total, Some(steps));
}

#[test]
fn only_get_and_head_are_answered() {
    let dir = sample_copy();
    let addr = start(dir.path());
    let host = format!("Host: localhost:{}\r\n", addr.port());
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"] {
        let (status, headers, _) = request(addr, &format!("{method} / HTTP/1.1\r\n{host}"));
        assert_eq!(status, 405, "{method}");
        assert_eq!(headers["allow"], "GET, HEAD", "{method}");
    }
    let (status, get_headers, body) = get(addr, "/");
    assert_eq!(status, 200);
    let (status, headers, head_body) = request(addr, &format!("HEAD / HTTP/1.1\r\n{host}"));
    assert_eq!(status, 200);
    assert_eq!(head_body, "", "HEAD sends no body");
    assert_eq!(headers["content-length"], body.len().to_string());
    assert_eq!(headers["content-type"], get_headers["content-type"]);
}

#[test]
fn redirects_are_built_from_the_normalized_path() {
    let dir = sample_copy();
    let addr = start(dir.path());
    for (path, location) in [
        ("/meetings", "/meetings/"),
        ("//meetings", "/meetings/"),
        ("///meetings", "/meetings/"),
        ("/./meetings", "/meetings/"),
        ("//meetings?year=2024", "/meetings/?year=2024"),
        ("http://evil.example//meetings", "/meetings/"),
    ] {
        let (status, headers, _) = get(addr, path);
        assert_eq!(
            (status, headers.get("location").map(String::as_str)),
            (301, Some(location)),
            "{path}"
        );
    }
    let (status, _, _) = get(addr, "//meetings//");
    assert_eq!(status, 200, "empty segments are dropped");
    let (status, _, _) = get(addr, "/meetings/../../etc/passwd");
    assert_eq!(status, 400, "`..` never leaves the site");
}

#[test]
fn requests_for_other_host_names_are_refused() {
    let dir = sample_copy();
    let addr = start(dir.path());
    let port = addr.port();
    let get_as = |host: Option<&str>| {
        let header = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        request(addr, &format!("GET / HTTP/1.1\r\n{header}")).0
    };
    for ok in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        assert_eq!(get_as(Some(&ok)), 200, "{ok}");
    }
    // A rebinding page's requests carry its own name; any other port is another server.
    for bad in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("127.0.0.2:{port}"),
        "localhost".to_string(),
    ] {
        assert_eq!(get_as(Some(&bad)), 403, "{bad}");
    }
    assert_eq!(get_as(None), 403, "no Host at all");
}

/// The number of threads of a process, from /proc.
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// How many files this process may open, less a margin for everything else.
fn spare_files() -> usize {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let soft: usize = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1024);
    soft.saturating_sub(200)
}

#[test]
fn idle_connections_do_not_make_threads() {
    use std::io::BufRead;
    let dir = sample_copy();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let child = Kill(child);
    let mut lines = std::io::BufReader::new(stdout).lines();
    let addr: SocketAddr = lines
        .find_map(|l| {
            let l = l.unwrap();
            let rest = l.strip_prefix("Serving on http://")?;
            rest.split('/').next().map(|a| a.parse().unwrap())
        })
        .expect("the address is printed");
    // Once the first build is over, as it starts the build's own threads.
    next_report(addr, 0);
    let before = threads(child.0.id());

    let n = 1500.min(spare_files());
    assert!(n >= 500, "too few files may be opened to test: {n}");
    let idle: Vec<TcpStream> = (0..n).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads(child.0.id());
    assert!(
        during <= before + 2,
        "{n} idle connections took threads: {before} before, {during} during"
    );
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stream = TcpStream::connect(addr).unwrap();
        drop(stream);
        let answered = std::panic::catch_unwind(|| get(addr, "/")).ok();
        if answered.is_some_and(|(status, _, _)| status == 200) {
            break;
        }
        assert!(Instant::now() < deadline, "the server stopped answering");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_prints_errors_on_stderr_and_the_address_on_stdout() {
    use std::io::BufRead;
    let site = common::Fixture::new();
    site.write("content/m/_meeting.md", "---\ndate: 2024-13-01\n---\n");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    for (name, pipe) in [
        (
            "stdout",
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        ),
        ("stderr", Box::new(child.stderr.take().unwrap())),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                let _ = tx.send((name, line));
            }
        });
    }
    let (mut address, mut error) = (None, None);
    let deadline = Instant::now() + Duration::from_secs(60);
    while (address.is_none() || error.is_none()) && Instant::now() < deadline {
        if let Ok((name, line)) = rx.recv_timeout(Duration::from_millis(200)) {
            if line.starts_with("Serving on http://") {
                address = Some(name);
            }
            if line.starts_with("content/m/_meeting.md:2: error: ") {
                error = Some(name);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(address, Some("stdout"));
    assert_eq!(
        error,
        Some("stderr"),
        "the first build's errors, as build prints them"
    );
}

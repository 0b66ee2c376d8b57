//! Attachments: files published beside a paper's page, never for a withheld paper.

mod common;

use common::{Fixture, attrs, meeting, paper, resolve, snapshot, texts};

const FIGURES: &str = "quarter,count\nQ1,12\n";

fn site_with_appendix(extra_front: &str) -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-03-04"));
    f.write_bytes(
        "content/m/Appendix A (budget).PDF",
        b"%PDF-1.4 APPENDIX-MARKER",
    );
    f.write("content/m/figures.csv", FIGURES);
    f.write(
        "content/m/b1.md",
        &paper(
            &format!(
                "title: Budget\ndate: 2025-02-20\nitem: B1\n{extra_front}attachments:\n  - file: Appendix A (budget).PDF\n    title: \"Appendix A: budget tables\"\n  - figures.csv"
            ),
            "1. See [the appendix](appendix-a-budget.pdf).",
        ),
    );
    f
}

#[test]
fn attachments_are_listed_and_published_beside_the_paper() {
    let f = site_with_appendix("");
    f.build_ok();
    let rel = "papers/m/b1/index.html";
    let html = f.page(rel);
    assert_eq!(
        texts(&html, ".attachment-list li"),
        [
            "Appendix A: budget tables (PDF, 24 bytes)".to_string(),
            format!("figures.csv (CSV, {} bytes)", FIGURES.len())
        ]
    );
    let hrefs = attrs(&html, ".attachment-list a", "href");
    let (target, _) = resolve(&f.output(), rel, &hrefs[0]);
    assert_eq!(std::fs::read(target).unwrap(), b"%PDF-1.4 APPENDIX-MARKER");
    let (target, _) = resolve(&f.output(), rel, &hrefs[1]);
    assert_eq!(std::fs::read(target).unwrap(), FIGURES.as_bytes());
    // A link written in the paper's text to the published name resolves too.
    let inline = attrs(&html, ".prose a", "href");
    let (target, _) = resolve(&f.output(), rel, &inline[0]);
    assert!(target.is_file(), "{}", target.display());
    assert_eq!(common::broken_links(&f.output()), Vec::<String>::new());
}

#[test]
fn withheld_papers_publish_no_attachment() {
    for front in [
        "exempt: \"Paragraph 3\"\n",
        "draft: true\n",
        "publish_from: 2999-01-01\n",
    ] {
        let f = site_with_appendix(front);
        f.build_ok();
        let leaked: Vec<String> = snapshot(&f.output())
            .into_iter()
            .filter(|(path, bytes)| {
                path.ends_with(".pdf")
                    || path.ends_with(".csv")
                    || String::from_utf8_lossy(bytes).contains("APPENDIX-MARKER")
                    || String::from_utf8_lossy(bytes).contains("budget tables")
            })
            .map(|(path, _)| path)
            .collect();
        assert_eq!(leaked, Vec::<String>::new(), "with {front}");
    }
}

#[test]
fn bad_attachments_are_errors_on_their_line() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-03-04"));
    f.write("content/m/a.pdf", "x");
    f.write("content/m/A.PDF.txt", "x");
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Budget\ndate: 2025-02-20\nitem: B1\nattachments:\n  - missing.pdf\n  - ../../../etc/passwd\n  - a.pdf\n  - file: a.pdf\n  - file: index.html\n  - file: /etc/hosts",
            "Text.",
        ),
    );
    f.write(
        "content/m/b2.md",
        &paper(
            "title: Other\ndate: 2025-02-20\nitem: B2\nattachments:\n  - title: no file",
            "Text.",
        ),
    );
    let errors = f.build().expect_err("bad attachments fail").to_string();
    for expected in [
        "content/m/b1.md:6: error: attachment `missing.pdf` cannot be read: no such file",
        "content/m/b1.md:7: error: attachment `../../../etc/passwd` is outside content/",
        "content/m/b1.md:9: error: two attachments would both be published as `a.pdf`",
        "content/m/b1.md:10: error: attachment `index.html` cannot be published under the name `index.html`",
        "content/m/b1.md:11: error: attachment `/etc/hosts` must be a path relative to the paper",
        "content/m/b2.md:6: error: missing required field `file`",
    ] {
        assert!(
            errors.contains(expected),
            "missing {expected:?} in:\n{errors}"
        );
    }
    assert!(!f.output().exists());
}

/// A site whose paper B1 names `names` as attachments, in a meeting folder `content/m`.
fn naming(names: &[&str]) -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-03-04"));
    let list: String = names.iter().map(|n| format!("\n  - {n}")).collect();
    f.write(
        "content/m/b1.md",
        &paper(
            &format!("title: Budget\ndate: 2025-02-20\nitem: B1\nattachments:{list}"),
            "Text.",
        ),
    );
    f
}

/// Runs `build` through the binary, failing the test if it takes longer than a minute
/// (a build blocked on a pipe would otherwise hang the suite). Returns the exit code and
/// stderr.
fn build_in_time(f: &Fixture) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .arg("build")
        .current_dir(f.root())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("build did not finish in a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The build fails with an error on the line of the first attachment holding `words`,
/// and writes nothing.
fn refused(f: &Fixture, line: usize, words: &str) {
    let (code, stderr) = build_in_time(f);
    assert_eq!(code, Some(1), "{stderr}");
    let expected = format!("content/m/b1.md:{line}: error: attachment `");
    let hit = stderr
        .lines()
        .find(|l| l.starts_with(&expected))
        .unwrap_or_else(|| panic!("no error at line {line}:\n{stderr}"));
    assert!(hit.contains(words), "`{words}` not in `{hit}`");
    assert!(stderr.contains("help: "), "{stderr}");
    assert!(!f.output().exists(), "something was written");
}

#[test]
fn defect_2_a_symlink_to_a_secret_on_the_machine_is_never_published() {
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("token.txt");
    std::fs::write(&secret, "SECRET-TOKEN-4471").unwrap();
    let f = naming(&["environ.txt", "shadow.txt", "token.txt"]);
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, f.root().join("content/m").join(name)).unwrap()
    };
    link(std::path::Path::new("/proc/self/environ"), "environ.txt");
    link(std::path::Path::new("/etc/shadow"), "shadow.txt");
    link(&secret, "token.txt");
    refused(&f, 6, "leads outside content/");
    let (_, stderr) = build_in_time(&f);
    for (line, name) in [(6, "environ.txt"), (7, "shadow.txt"), (8, "token.txt")] {
        let at = format!("content/m/b1.md:{line}: error: attachment `{name}` is a symbolic link");
        assert!(stderr.contains(&at), "no {at:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("SECRET-TOKEN"));
}

#[test]
fn defect_2_a_file_through_a_symlinked_folder_outside_content_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("plan.pdf"), "SECRET-PLAN").unwrap();
    let f = naming(&["shared/plan.pdf"]);
    std::os::unix::fs::symlink(outside.path(), f.root().join("content/m/shared")).unwrap();
    refused(&f, 6, "leads outside content/");
}

#[test]
fn defect_2_a_symlink_that_stays_inside_content_is_followed() {
    let f = naming(&["plan.pdf"]);
    f.write("content/shared/plan-2025.pdf", "%PDF shared plan");
    std::os::unix::fs::symlink(
        "../shared/plan-2025.pdf",
        f.root().join("content/m/plan.pdf"),
    )
    .unwrap();
    f.build_ok();
    let html = f.page("papers/m/b1/index.html");
    let hrefs = attrs(&html, ".attachment-list a", "href");
    let (target, _) = resolve(&f.output(), "papers/m/b1/index.html", &hrefs[0]);
    assert_eq!(std::fs::read(target).unwrap(), b"%PDF shared plan");
}

#[test]
fn defect_9_a_named_pipe_is_refused_without_blocking() {
    let f = naming(&["figures.csv"]);
    let dir = std::fs::File::open(f.root().join("content/m")).unwrap();
    rustix::fs::mkfifoat(&dir, "figures.csv", rustix::fs::Mode::from_raw_mode(0o644)).unwrap();
    refused(&f, 6, "is a named pipe (FIFO), not a regular file");
}

#[test]
fn defect_9_a_socket_or_a_folder_is_refused() {
    let f = naming(&["live.sock", "appendices"]);
    let _listener =
        std::os::unix::net::UnixListener::bind(f.root().join("content/m/live.sock")).unwrap();
    std::fs::create_dir_all(f.root().join("content/m/appendices")).unwrap();
    refused(&f, 6, "is a socket, not a regular file");
    refused(&f, 7, "is a folder, not a regular file");
}

#[test]
fn defect_9_dev_zero_is_never_read() {
    let f = naming(&["zeros.bin"]);
    std::os::unix::fs::symlink("/dev/zero", f.root().join("content/m/zeros.bin")).unwrap();
    refused(&f, 6, "leads outside content/");
}

#[test]
fn defect_9_an_attachment_over_the_default_cap_is_refused() {
    let f = naming(&["video.mp4"]);
    // Sparse: 60 MB long without using the disk.
    let file = std::fs::File::create(f.root().join("content/m/video.mp4")).unwrap();
    file.set_len(60_000_000).unwrap();
    refused(&f, 6, "is 60.0 MB, more than the site's limit of 50 MB");
}

#[test]
fn defect_9_the_cap_is_a_site_setting() {
    let f = naming(&["scan.pdf"]);
    f.write_bytes("content/m/scan.pdf", &vec![b'x'; 1_500_000]);
    f.write(
        "site.toml",
        &format!("{}max_attachment_mb = 1\n", common::SITE_TOML),
    );
    refused(&f, 6, "is 1.5 MB, more than the site's limit of 1 MB");
    f.write(
        "site.toml",
        &format!("{}max_attachment_mb = 2\n", common::SITE_TOML),
    );
    f.build_ok();
    f.write(
        "site.toml",
        &format!("{}max_attachment_mb = 0\n", common::SITE_TOML),
    );
    let err = f.build().expect_err("a cap of 0 is refused").to_string();
    assert!(
        err.starts_with("site.toml:3: error: `max_attachment_mb` must be at least 1"),
        "{err}"
    );
}

#[test]
fn defect_9_serve_applies_a_changed_cap_to_attachments_read_before() {
    let f = naming(&["scan.pdf"]);
    f.write_bytes("content/m/scan.pdf", &vec![b'x'; 1_500_000]);
    f.write(
        "site.toml",
        &format!("{}max_attachment_mb = 1\n", common::SITE_TOML),
    );
    let (mut session, first) = panelpress::serve::session::Session::new(f.root());
    let errors = first.errors.expect("over the cap").to_string();
    assert!(
        errors.contains("more than the site's limit of 1 MB"),
        "{errors}"
    );
    f.write(
        "site.toml",
        &format!("{}max_attachment_mb = 2\n", common::SITE_TOML),
    );
    let changed = std::fs::canonicalize(f.root().join("site.toml")).unwrap();
    let report = session.update(&[changed]).expect("site.toml matters");
    assert!(report.errors.is_none(), "{report}");
    let outputs = session.outputs();
    let scan = outputs
        .get("papers/m/b1/scan.pdf")
        .expect("the attachment is served");
    assert_eq!(scan.len(), 1_500_000);
}

#[test]
fn defect_2_a_link_in_disguise_to_an_exempt_paper_is_refused() {
    let f = naming(&["summary.txt", "../.git/config", "notes.txt"]);
    f.write(
        "content/m/g1.md",
        &paper(
            "title: Contract award\ndate: 2025-02-20\nitem: G1\nexempt: \"Paragraph 3\"",
            "EXEMPT-PRICE-MARKER",
        ),
    );
    std::os::unix::fs::symlink("g1.md", f.root().join("content/m/summary.txt")).unwrap();
    f.write("content/.git/config", "[remote] url = SECRET-REMOTE");
    std::os::unix::fs::symlink("../.git/config", f.root().join("content/m/notes.txt")).unwrap();
    refused(&f, 6, "leads to a Markdown file");
    refused(&f, 7, "is a hidden file, or in a hidden folder");
    refused(&f, 8, "is a hidden file, or in a hidden folder");
}

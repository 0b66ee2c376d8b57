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
        "content/m/b1.md:6: error: cannot read attachment `missing.pdf`: no such file",
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

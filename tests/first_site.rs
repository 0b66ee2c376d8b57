//! A clerk's first site, through the real binary: `init`, finding the site from inside
//! it, a wrong `--root`, progress, the summary of what was left out, and hints for dates
//! and kinds written the usual ways.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Mutex;

use common::{Fixture, meeting, paper};
use panelpress::{Options, Progress, Reporter, Stage};

fn panelpress(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run panelpress")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A site `init` made in `parent/name`.
fn init(parent: &Path, name: &str) -> std::path::PathBuf {
    let out = panelpress(parent, &["init", name]);
    assert!(out.status.success(), "{}", stderr(&out));
    parent.join(name)
}

#[test]
fn commands_find_the_site_from_any_folder_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), "my-panel");
    let deep = site.join("content/2025/2025-01-14");
    let out = panelpress(&deep, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("into {}", Path::new("../../../public").display())),
        "the output is the site's, named from where the clerk is: {}",
        stdout(&out)
    );
    assert!(site.join("public/meetings/2025-01-14/index.html").is_file());
    assert!(
        !deep.join("public").exists(),
        "nothing is written where the clerk stands"
    );

    let out = panelpress(&site.join("content"), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = panelpress(
        &deep,
        &[
            "new",
            "paper",
            "--meeting",
            "2025-01-14",
            "--item",
            "B2",
            "--title",
            "Budget",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(deep.join("b2-budget.md").is_file());

    // --root may name a folder inside the site too.
    let out = panelpress(dir.path(), &["check", "--root", "my-panel/content/2025"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_wrong_root_names_the_path_and_suggests_a_near_site() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "my-panel");
    let out = panelpress(dir.path(), &["build", "--root", "my-panle"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.starts_with("my-panle: error: the site folder does not exist"),
        "{text}"
    );
    assert!(
        text.contains("help: did you mean --root my-panel?"),
        "{text}"
    );

    // From the folder that holds the site, the site is suggested.
    let out = panelpress(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("no site.toml here or in any folder above"),
        "{text}"
    );
    assert!(text.contains("did you mean --root my-panel?"), "{text}");

    // Nothing near: how to start one.
    let other = tempfile::tempdir().unwrap();
    let out = panelpress(other.path(), &["build", "--root", "elsewhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("panelpress init DIR"),
        "{}",
        stderr(&out)
    );
    assert!(!other.path().join("elsewhere").exists());
}

#[test]
fn init_uses_the_built_in_theme_unless_asked_and_agrees_with_new_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), "panel");
    assert!(!site.join("themes").exists());
    assert!(site.join("content/2025/2025-01-14/_meeting.md").is_file());
    let out = panelpress(&site, &["new", "meeting", "--date", "2025-02-11"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meetings: Vec<String> = std::fs::read_dir(site.join("content/2025"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        meetings,
        ["2025-01-14", "2025-02-11"],
        "one place for meetings"
    );
    let out = panelpress(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let css: Vec<_> = common::snapshot(&site.join("public"))
        .into_keys()
        .filter(|p| p.ends_with(".css"))
        .collect();
    assert!(!css.is_empty(), "the built-in theme's styles are published");

    let ejected = dir.path().join("ejected");
    let out = panelpress(dir.path(), &["init", "ejected", "--eject-theme"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        ejected
            .join("themes/default/templates/paper.html")
            .is_file()
    );
    let out = panelpress(&ejected, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn init_dot_fills_the_current_folder_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    // A fresh checkout: other files are fine, and kept.
    std::fs::write(dir.path().join("README.md"), "Our panel's papers.\n").unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let out = panelpress(dir.path(), &["init", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("panelpress build"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("--root"), "{}", stdout(&out));
    assert!(dir.path().join("site.toml").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "Our panel's papers.\n"
    );
    let before = common::snapshot(dir.path());
    let again = panelpress(dir.path(), &["init", "."]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already holds site.toml, content"),
        "{}",
        stderr(&again)
    );
    assert_eq!(before, common::snapshot(dir.path()), "nothing was touched");
}

/// Records what a build reports.
#[derive(Default)]
struct Recorder(Mutex<Vec<(Stage, Option<usize>, usize)>>, Mutex<bool>);

impl Progress for Recorder {
    fn start(&self, stage: Stage, total: Option<usize>) {
        self.0.lock().unwrap().push((stage, total, 0));
    }
    fn step(&self) {
        if let Some(last) = self.0.lock().unwrap().last_mut() {
            last.2 += 1;
        }
    }
    fn finish(&self) {
        *self.1.lock().unwrap() = true;
    }
}

#[test]
fn a_build_reports_its_progress_page_by_page() {
    let dir = common::sample_copy();
    let recorder = std::sync::Arc::new(Recorder::default());
    struct Shared(std::sync::Arc<Recorder>);
    impl Progress for Shared {
        fn start(&self, stage: Stage, total: Option<usize>) {
            self.0.start(stage, total)
        }
        fn step(&self) {
            self.0.step()
        }
        fn finish(&self) {
            self.0.finish()
        }
    }
    let options = Options {
        progress: Reporter::new(Shared(recorder.clone())),
        ..Default::default()
    };
    let out = dir.path().join("out");
    panelpress::build_with(dir.path(), Some(&out), &options).unwrap();
    let stages = recorder.0.lock().unwrap().clone();
    // Every page but the open data page, which is made with the data files.
    let pages = common::snapshot(&out)
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "data/index.html")
        .count();
    assert_eq!(stages.len(), 3, "{stages:?}");
    assert_eq!(stages[0], (Stage::Load, None, 0));
    let (stage, total, steps) = stages[1];
    assert_eq!(stage, Stage::Render);
    assert_eq!(total, Some(steps), "every page counted");
    assert_eq!(steps, pages, "one step per page written");
    assert_eq!(stages[2].0, Stage::Outputs);
    assert!(*recorder.1.lock().unwrap(), "finished");

    // A failing build finishes its progress too, so that a bar is cleared.
    let broken = Fixture::new();
    broken.write("content/m/_meeting.md", "---\ndate: nope\n---\n");
    let recorder = std::sync::Arc::new(Recorder::default());
    let options = Options {
        progress: Reporter::new(Shared(recorder.clone())),
        ..Default::default()
    };
    assert!(panelpress::build_with(broken.root(), None, &options).is_err());
    assert!(*recorder.1.lock().unwrap());
}

fn site_with_drafts_and_embargo() -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    f.write(
        "content/m/a1.md",
        &paper("title: Published\ndate: 2024-03-01\nitem: A1", "1. Text."),
    );
    f.write(
        "content/m/a2.md",
        &paper(
            "title: Draft one\ndate: 2024-03-01\nitem: A2\ndraft: true",
            "1. Text.",
        ),
    );
    f.write(
        "content/m/a3.md",
        &paper(
            "title: Draft two\ndate: 2024-03-01\nitem: A3\ndraft: true",
            "1. Text.",
        ),
    );
    f.write(
        "content/m/a4.md",
        &paper(
            "title: Embargoed\ndate: 2024-03-01\nitem: A4\npublish_from: 2999-01-01",
            "1. Text.",
        ),
    );
    f
}

#[test]
fn the_summary_counts_what_was_left_out() {
    let f = site_with_drafts_and_embargo();
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert!(
        lines[0].starts_with("Built 1 meeting, 1 paper,"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        "2 drafts and 1 embargoed paper not published (use --drafts / --now to preview)"
    );
    assert!(!stderr(&out).contains("PREVIEW"), "{}", stderr(&out));

    let out = f.run(&["build", "--drafts", "--now", "3000-01-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Built 1 meeting, 4 papers,"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "nothing left out: {}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("PREVIEW: drafts are included. Do not publish this output"),
        "{}",
        stderr(&out)
    );

    // A draft meeting is counted as one, its papers as drafts.
    f.write(
        "content/n/_meeting.md",
        &meeting("date: 2024-04-02\ndraft: true"),
    );
    f.write(
        "content/n/b1.md",
        &paper(
            "title: On a draft meeting\ndate: 2024-04-01\nitem: B1",
            "1. Text.",
        ),
    );
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().nth(1),
        Some(
            "1 draft meeting, 3 drafts and 1 embargoed paper not published (use --drafts / --now to preview)"
        )
    );
    let quiet = f.run(&["build", "--quiet"]);
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
    let quiet = f.run(&["build", "--quiet", "--drafts"]);
    assert!(quiet.stdout.is_empty());
    assert!(
        stderr(&quiet).starts_with("PREVIEW: "),
        "said even with --quiet"
    );
}

#[test]
fn a_meeting_date_far_from_every_other_meeting_is_warned_about() {
    let f = Fixture::new();
    for date in ["2025-01-03", "2025-06-06", "2025-07-04"] {
        f.write(
            &format!("content/{date}/_meeting.md"),
            &meeting(&format!("date: {date}")),
        );
    }
    // 2025-03-01 for 2025-01-03: day and month swapped.
    f.write(
        "content/stray.md",
        &paper(
            "title: Budget report\ndate: 2025-01-01\nitem: A1\nmeeting: 2025-03-01",
            "1. Text.",
        ),
    );
    let out = f.run(&["check"]);
    assert!(
        out.status.success(),
        "a warning does not stop a build: {}",
        stderr(&out)
    );
    let text = stderr(&out);
    assert!(
        text.contains(
            "content/stray.md:5: warning: `meeting: 2025-03-01` matches no declared meeting"
        ),
        "{text}"
    );
    assert!(
        text.contains("help: did you mean `meeting: 2025-01-03`?"),
        "{text}"
    );

    // A date near the others is an ordinary meeting without a file.
    f.write(
        "content/stray.md",
        &paper(
            "title: Budget report\ndate: 2025-01-01\nitem: A1\nmeeting: 2025-06-20",
            "1. Text.",
        ),
    );
    let (code, json) = json_check(&f);
    assert_eq!(code, Some(0));
    assert!(!json.contains("meeting-date-alone"), "{json}");

    f.write(
        "content/stray.md",
        &paper(
            "title: Budget report\ndate: 2025-01-01\nitem: A1\nmeeting: 2025-11-20",
            "1. Text.",
        ),
    );
    let (_, json) = json_check(&f);
    assert!(json.contains("\"code\":\"meeting-date-alone\""), "{json}");
}

fn json_check(f: &Fixture) -> (Option<i32>, String) {
    let out = f.run(&["check", "--format", "json"]);
    (out.status.code(), stdout(&out))
}

#[test]
fn dates_written_the_uk_way_get_the_iso_form_suggested() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 16/07/2024"));
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("content/m/_meeting.md:2"), "{text}");
    assert!(text.contains("help: did you mean 2024-07-16?"), "{text}");

    f.write("content/m/_meeting.md", &meeting("date: 2024-07-16"));
    for (given, iso) in [
        ("16/07/2024", "2024-07-16"),
        ("16.07.2024", "2024-07-16"),
        ("16 July 2024", "2024-07-16"),
        ("4/3/2025", "2025-03-04"),
    ] {
        let out = f.run(&["new", "meeting", "--date", given]);
        assert_eq!(out.status.code(), Some(1), "{given}");
        assert!(
            stderr(&out).contains(&format!("did you mean {iso}?")),
            "{given}: {}",
            stderr(&out)
        );
    }
    let out = f.run(&["build", "--now", "16/07/2024"]);
    assert_eq!(out.status.code(), Some(2), "a usage error, from clap");
    assert!(
        stderr(&out).contains("did you mean 2024-07-16?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn kind_is_taken_in_any_case_or_corrected() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-07-16"));
    let out = f.run(&[
        "new",
        "paper",
        "--meeting",
        "2024-07-16",
        "--item",
        "A1",
        "--title",
        "Budget",
        "--kind",
        "Report",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = f.root().join("content/m/a1-budget.md");
    assert_eq!(common::front_matter(&written)["kind"], "report");
    let out = f.run(&[
        "new",
        "paper",
        "--meeting",
        "2024-07-16",
        "--item",
        "A2",
        "--title",
        "Plan",
        "--kind",
        "Work Programme",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        common::front_matter(&f.root().join("content/m/a2-plan.md"))["kind"],
        "work-programme"
    );
    let out = f.run(&[
        "new",
        "paper",
        "--meeting",
        "2024-07-16",
        "--item",
        "A3",
        "--title",
        "X",
        "--kind",
        "minuets",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `--kind minutes`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_flag_of_new_and_import_says_its_format() {
    for command in [&["new", "meeting"][..], &["new", "paper"], &["import"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_panelpress"))
            .args(command)
            .arg("--help")
            .output()
            .unwrap();
        let help = stdout(&out);
        let options = help
            .split_once("Options:")
            .map(|(_, o)| o.to_string())
            .unwrap_or_default();
        // Each `--flag` line of the options list is followed by text on it or below it.
        let lines: Vec<&str> = options.lines().collect();
        let mut flags = 0;
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            if !trimmed.starts_with("--") || trimmed.starts_with("--help") {
                continue;
            }
            flags += 1;
            let on_line = trimmed
                .split_once("  ")
                .is_some_and(|(_, t)| !t.trim().is_empty());
            let below = lines.get(i + 1).is_some_and(|l| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with('-')
            });
            assert!(
                on_line || below,
                "{command:?}: `{trimmed}` has no help:\n{help}"
            );
        }
        assert!(flags >= 3, "{command:?}:\n{help}");
    }
}

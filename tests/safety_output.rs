//! Issue 9: a build never deletes what panelpress did not write. Each test is one of the
//! issue's reproductions (defects 1, 5, 6 and 7), run through the real binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::snapshot;
use tempfile::TempDir;

/// `panelpress init my-site` in a temp folder, as a clerk starts; the site is built once
/// so that there is an output to protect.
struct Site {
    dir: TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let out = run_in(dir.path(), &["init", "my-site"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let site = Site { dir };
        site.build_ok(&[]);
        site
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("my-site")
    }

    fn run(&self, args: &[&str]) -> Output {
        run_in(&self.root(), args)
    }

    fn build_ok(&self, args: &[&str]) {
        let out = self.run(&[&["build"], args].concat());
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// Runs `build --output OUTPUT` expecting a refusal whose first line holds `words`,
    /// and checks that nothing under the temp folder changed.
    fn refused(&self, output: &str, words: &str) -> String {
        let before = snapshot(self.dir.path());
        let dirs = folders(self.dir.path());
        let out = self.run(&["build", "--output", output]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "--output {output}: {err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(first.contains(words), "--output {output}: {err}");
        assert!(err.contains("help: "), "{err}");
        assert_eq!(
            before,
            snapshot(self.dir.path()),
            "--output {output} changed files"
        );
        assert_eq!(
            dirs,
            folders(self.dir.path()),
            "--output {output} made folders"
        );
        err
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run panelpress")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every folder under `dir`: an empty one made by a refused build shows here.
fn folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn defect_1_dot_dot_after_a_missing_folder_cannot_name_a_source_folder() {
    let site = Site::new();
    let papers = snapshot(&site.root().join("content"));
    site.refused("nothere/../content", "content/ folder");
    site.refused("nothere/../themes", "themes/ folder");
    site.refused("a/b/../../content/2025/2025-01-14", "content/ folder");
    assert!(!site.root().join("nothere").exists());
    assert_eq!(papers, snapshot(&site.root().join("content")));
}

#[test]
fn defect_1_dot_dot_cannot_name_a_deploy_checkout() {
    let site = Site::new();
    std::fs::create_dir_all(site.root().join("deploy/.git")).unwrap();
    std::fs::write(
        site.root().join("deploy/.git/HEAD"),
        "ref: refs/heads/main\n",
    )
    .unwrap();
    let err = site.refused("new/../deploy", "holds files that panelpress did not write");
    assert!(err.contains("`.git/`"), "{err}");
    assert!(!site.root().join("new").exists());
}

#[test]
fn defect_1_the_site_root_and_folders_above_it_are_refused() {
    let site = Site::new();
    let root = site.root();
    let name = root.file_name().unwrap().to_str().unwrap().to_string();
    let climbing = format!("{}/x/../../{name}", root.display());
    site.refused(&climbing, "would replace the site's own files");
    site.refused(".", "would replace the site's own files");
    site.refused("..", "would replace the site's own files");
    site.refused("public/../..", "would replace the site's own files");
    assert!(root.join("site.toml").is_file());
}

#[test]
fn defect_1_a_symlink_cannot_smuggle_the_output_into_a_source_folder() {
    let site = Site::new();
    let root = site.root();
    std::os::unix::fs::symlink(root.join("content"), root.join("looks-harmless")).unwrap();
    site.refused("looks-harmless/pub", "content/ folder");
    std::os::unix::fs::symlink(root.join("public"), root.join("public-link")).unwrap();
    site.refused("public-link", "symbolic link");
}

#[test]
fn defect_7_a_theme_or_content_linked_in_from_elsewhere_is_still_a_source_folder() {
    let site = Site::new();
    let root = site.root();
    let shared = tempfile::tempdir().unwrap();
    let theme = shared.path().join("council-theme");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    std::fs::create_dir_all(root.join("themes")).unwrap();
    std::os::unix::fs::symlink(&theme, root.join("themes/council")).unwrap();
    let inside_theme = theme.join("static/pub");
    site.refused(inside_theme.to_str().unwrap(), "themes/ folder");
    // content/ itself a link to the real papers elsewhere.
    let papers = shared.path().join("papers");
    std::fs::rename(root.join("content"), &papers).unwrap();
    std::os::unix::fs::symlink(&papers, root.join("content")).unwrap();
    site.refused(papers.join("pub").to_str().unwrap(), "content/ folder");
    assert!(!papers.join("pub").exists() && !inside_theme.exists());
}

#[test]
fn defect_5_a_name_that_is_not_utf8_is_never_taken_for_a_listed_file() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::new();
    let odd = std::ffi::OsStr::from_bytes(b"index\xff.html");
    std::fs::write(site.root().join("public").join(odd), "not ours").unwrap();
    site.refused("public", "holds files that panelpress did not write");
}

#[test]
fn defect_5_a_copied_marker_does_not_authorize_deleting_a_deploy_checkout() {
    let site = Site::new();
    let root = site.root();
    let deploy = root.join("deploy");
    std::fs::create_dir_all(deploy.join(".git/refs")).unwrap();
    std::fs::write(deploy.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(deploy.join("CNAME"), "papers.example.org\n").unwrap();
    let copied = Command::new("cp")
        .args(["-a", "public/.", "deploy/"])
        .current_dir(&root)
        .status()
        .unwrap();
    assert!(copied.success());
    assert!(deploy.join(".panelpress-output").is_file());
    let err = site.refused("deploy", "holds files that panelpress did not write");
    assert!(err.contains("`.git/`") && err.contains("`CNAME`"), "{err}");
    assert!(deploy.join(".git/HEAD").is_file() && deploy.join("CNAME").is_file());
}

#[test]
fn defect_5_a_file_added_to_the_output_is_named_and_kept() {
    let site = Site::new();
    let public = site.root().join("public");
    std::fs::write(public.join("googleabc.html"), "verification").unwrap();
    for i in 0..7 {
        std::fs::create_dir_all(public.join(format!("extra{i}"))).unwrap();
    }
    let err = site.refused("public", "holds files that panelpress did not write");
    assert!(err.contains("`extra0/`, `extra1/`"), "{err}");
    assert!(err.contains("and 3 more"), "{err}");
    assert!(public.join("googleabc.html").is_file());
    // Taken out again, the folder is the last build's and is replaced.
    std::fs::remove_file(public.join("googleabc.html")).unwrap();
    for i in 0..7 {
        std::fs::remove_dir(public.join(format!("extra{i}"))).unwrap();
    }
    site.build_ok(&[]);
    site.build_ok(&["--output", "public"]);
}

#[test]
fn defect_5_the_marker_lists_the_files_the_build_wrote() {
    let site = Site::new();
    let public = site.root().join("public");
    let marker = std::fs::read_to_string(public.join(".panelpress-output")).unwrap();
    let (_, list) = marker.split_once("\n\n").expect("a header, then the list");
    let listed: Vec<&str> = list.lines().collect();
    let written: Vec<String> = snapshot(&public)
        .into_keys()
        .filter(|p| p != ".panelpress-output")
        .collect();
    assert!(written.iter().any(|p| p == "index.html"));
    assert_eq!(listed, written);
}

#[test]
fn defect_5_a_marker_from_an_older_panelpress_is_not_trusted() {
    let site = Site::new();
    let deploy = site.root().join("deploy");
    std::fs::create_dir_all(deploy.join(".git")).unwrap();
    std::fs::write(deploy.join(".git/HEAD"), "x").unwrap();
    std::fs::write(
        deploy.join(".panelpress-output"),
        "This folder is written by `panelpress build`, which replaces all of it on every build.\n",
    )
    .unwrap();
    site.refused("deploy", "lists no files");
}

#[test]
fn defect_7_an_output_inside_a_theme_or_static_folder_is_refused() {
    let site = Site::new();
    site.refused("themes/default/static/pub", "themes/ folder");
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    site.refused("static/pub", "static/ folder");
    site.refused("templates/out", "templates/ folder");
    assert!(!site.root().join("themes/default/static/pub").exists());
}

#[test]
fn defect_6_init_gitignore_covers_staging_folders() {
    let site = Site::new();
    let root = site.root();
    assert!(
        Command::new("git")
            .args(["init", "-q"])
            .current_dir(&root)
            .status()
            .unwrap()
            .success()
    );
    for path in [
        "public/index.html",
        ".public.panelpress-new-4242/index.html",
        ".public.panelpress-old-4242/index.html",
        "elsewhere/.site.panelpress-new-77/x.html",
    ] {
        let out = Command::new("git")
            .args(["check-ignore", "-q", path])
            .current_dir(&root)
            .status()
            .unwrap();
        assert!(out.success(), "{path} is not ignored");
    }
    let kept = Command::new("git")
        .args(["check-ignore", "-q", "content/2025/2025-01-14/_meeting.md"])
        .current_dir(&root)
        .status()
        .unwrap();
    assert!(!kept.success(), "content is ignored");
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn defect_6_a_folder_shaped_like_a_staging_folder_that_panelpress_did_not_write_is_kept() {
    let site = Site::new();
    let root = site.root();
    // Someone's own folder of that name, even holding a copied marker.
    let mine = root.join(format!(".public.panelpress-old-{}", dead_pid()));
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::copy(
        root.join("public/.panelpress-output"),
        mine.join(".panelpress-output"),
    )
    .unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    let plain = root.join(format!(".public.panelpress-new-{}", dead_pid()));
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(plain.join("notes.txt"), "keep").unwrap();
    site.build_ok(&[]);
    assert!(mine.join("notes.txt").is_file() && plain.join("notes.txt").is_file());
}

#[test]
fn defect_6_a_kill_between_the_renames_never_leaves_no_output() {
    let site = Site::new();
    let root = site.root();
    let before = snapshot(&root.join("public"));
    // The fallback swap killed after moving the output aside, before moving the new
    // site in: the previous site is in the -old- folder and there is no public/.
    let aside = root.join(format!(".public.panelpress-old-{}", dead_pid()));
    std::fs::rename(root.join("public"), &aside).unwrap();
    // The next build puts it back first, so even when that build fails (a broken
    // paper), the previous site is live again.
    std::fs::write(
        root.join("content/2025/2025-01-14/bad.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!aside.exists());
    assert_eq!(before, snapshot(&root.join("public")));
}

/// A site big enough that rendering it takes a moment, so that a signal lands mid-build.
fn big_site(site: &Site) {
    let meeting = site.root().join("content/2025/2025-01-14");
    for i in 0..1500 {
        std::fs::write(
            meeting.join(format!("p{i}.md")),
            format!("---\ntitle: Paper {i}\ndate: 2025-01-06\n---\n1. Text of paper {i}, with a few words to index.\n2. More text.\n"),
        )
        .unwrap();
    }
}

fn staging_folders(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".panelpress-"))
        .collect()
}

/// Starts `build` in `root`, waits for its staging folder to fill, sends `signal` and
/// waits for the build to end, which must be a failure. Returns the folder's name.
fn start_and_signal(root: &Path, signal: rustix::process::Signal) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["build", "--quiet"])
        .current_dir(root)
        .spawn()
        .unwrap();
    let name = format!(".public.panelpress-new-{}", child.id());
    let mut seen = false;
    while child.try_wait().unwrap().is_none() {
        if root.join(&name).join("papers").exists() {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(
        seen,
        "the build ended before it was stopped; make the site bigger"
    );
    let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process(pid, signal).unwrap();
    assert!(!child.wait().unwrap().success());
    name
}

/// Stops a build with `signal` and checks that it removed its staging folder and left
/// the previous output as it was.
fn stopped_mid_build(signal: rustix::process::Signal) {
    let site = Site::new();
    big_site(&site);
    let root = site.root();
    let before = snapshot(&root.join("public"));
    start_and_signal(&root, signal);
    assert_eq!(staging_folders(&root), Vec::<String>::new());
    assert_eq!(before, snapshot(&root.join("public")));
}

#[test]
fn defect_6_the_staging_folder_of_a_build_killed_outright_is_swept_at_the_next_build() {
    let site = Site::new();
    big_site(&site);
    let root = site.root();
    let before = snapshot(&root.join("public"));
    let left = start_and_signal(&root, rustix::process::Signal::KILL);
    assert_eq!(staging_folders(&root), [left], "kill -9 leaves its folder");
    assert_eq!(before, snapshot(&root.join("public")));
    site.build_ok(&["--quiet"]);
    assert_eq!(staging_folders(&root), Vec::<String>::new());
    assert!(
        root.join("public/papers/2025/2025-01-14/p1499/index.html")
            .is_file()
    );
}

#[test]
fn defect_6_ctrl_c_during_build_removes_its_staging_folder() {
    stopped_mid_build(rustix::process::Signal::INT);
}

#[test]
fn defect_6_sigterm_during_build_removes_its_staging_folder() {
    stopped_mid_build(rustix::process::Signal::TERM);
}

#[test]
fn defect_6_a_rebuild_swaps_the_new_site_in_and_leaves_nothing_beside_it() {
    let site = Site::new();
    let root = site.root();
    std::fs::write(
        root.join("content/2025/2025-01-14/b2-second.md"),
        "---\ntitle: A second report\ndate: 2025-01-06\n---\n1. Text.\n",
    )
    .unwrap();
    site.build_ok(&[]);
    assert!(
        root.join("public/papers/2025/2025-01-14/b2-second/index.html")
            .is_file()
    );
    assert_eq!(staging_folders(&root), Vec::<String>::new());
}

/// A paper and a meeting folder outside the site, linked into its content/.
fn linked_in(site: &Site) -> TempDir {
    let outside = tempfile::tempdir().unwrap();
    let paper = "---\ntitle: Linked paper\ndate: 2025-01-06\n---\n1. LINKED-SECRET-TEXT\n";
    std::fs::write(outside.path().join("linked.md"), paper).unwrap();
    std::fs::create_dir_all(outside.path().join("2025-02-11")).unwrap();
    std::fs::write(
        outside.path().join("2025-02-11/_meeting.md"),
        "---\ndate: 2025-02-11\ntitle: LINKED-MEETING\n---\n",
    )
    .unwrap();
    let content = site.root().join("content");
    std::os::unix::fs::symlink(
        outside.path().join("linked.md"),
        content.join("2025/2025-01-14/b9-linked.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("2025-02-11"),
        content.join("2025-02-11"),
    )
    .unwrap();
    outside
}

#[test]
fn defect_12_symlinked_papers_and_folders_are_named_in_a_warning_and_not_followed() {
    let site = Site::new();
    let _outside = linked_in(&site);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let warned: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(": warning: a symbolic link"))
        .collect();
    assert_eq!(warned.len(), 2, "{err}");
    assert!(warned[0].starts_with("content/2025/2025-01-14/b9-linked.md: warning: a symbolic link, which panelpress does not follow"), "{err}");
    assert!(
        warned[1].starts_with("content/2025-02-11: warning: a symbolic link to a folder"),
        "{err}"
    );
    let published = snapshot(&site.root().join("public"));
    assert!(
        published
            .keys()
            .all(|p| !p.contains("b9-linked") && !p.contains("2025-02-11"))
    );
    assert!(
        published
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains("LINKED-"))
    );
    // `check` says the same, and tools get a code for it.
    let out = site.run(&["check", "--format", "json"]);
    assert!(out.status.success());
    let codes: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(codes.len(), 2);
    assert!(
        codes
            .iter()
            .all(|c| c["code"] == "symlink-not-followed" && c["severity"] == "warning")
    );
}

#[test]
fn defect_12_serve_does_not_follow_a_symlink_added_while_it_runs() {
    let site = Site::new();
    let (mut session, first) = panelpress::serve::session::Session::new(&site.root());
    assert!(first.errors.is_none(), "{first}");
    let _outside = linked_in(&site);
    let content = std::fs::canonicalize(site.root().join("content")).unwrap();
    let changed = [
        content.join("2025/2025-01-14/b9-linked.md"),
        content.join("2025-02-11"),
    ];
    if let Some(report) = session.update(&changed) {
        assert!(report.errors.is_none(), "{report}");
    }
    let outputs = session.outputs();
    assert!(
        outputs
            .keys()
            .all(|p| !p.contains("b9-linked") && !p.contains("2025-02-11"))
    );
    assert!(
        outputs
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains("LINKED-"))
    );
}

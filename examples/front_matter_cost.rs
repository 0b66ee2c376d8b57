//! Times `check` on one paper with a very large front matter, for BENCHMARKS.md (issue 9,
//! defect 8: 20,000 decisions took 18.6 s).
//!
//! cargo run --release --example front_matter_cost -- [DECISIONS] [RUNS]
//!
//! Writes a site into a temporary folder whose one paper has DECISIONS decisions
//! (default 20,000), runs `check` on it RUNS times (default 3) and prints the median wall
//! and CPU time; then the same with every decision invalid (an unknown field and no `text:`),
//! which must report every problem, and with 100,000 nested `[` (a 200 KB front matter),
//! which must be refused before YAML parsing.

use std::path::Path;
use std::time::Instant;

fn write_site(dir: &Path, front: &str) {
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Front matter cost\"\ndefault_body = \"Cost Panel\"\n",
    )
    .unwrap();
    let meeting = dir.join("content/2025-01-14");
    std::fs::create_dir_all(&meeting).unwrap();
    std::fs::write(
        meeting.join("_meeting.md"),
        "---\ndate: 2025-01-14\nstatus: held\n---\n",
    )
    .unwrap();
    let paper = format!("---\ntitle: Minutes\ndate: 2025-01-20\nitem: A1\n{front}---\n1. Text.\n");
    std::fs::write(meeting.join("a1-minutes.md"), paper).unwrap();
}

fn decisions(n: usize, valid: bool) -> String {
    let mut out = String::from("decisions:\n");
    for i in 0..n {
        if valid {
            out += &format!(
                "  - ref: D/{i}\n    text: The Panel agreed recommendation {i}.\n    by: Panel\n"
            );
        } else {
            out += &format!(
                "  - ref: D/{i}\n    txet: The Panel agreed recommendation {i}.\n    date: 2025-02-30\n"
            );
        }
    }
    out
}

#[path = "support/cpu.rs"]
mod cpu;

use cpu::cpu_secs;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Median wall and CPU time of RUNS checks, in seconds, and the number of problems.
fn time_check(dir: &Path, runs: usize) -> (f64, f64, usize) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let mut problems = 0;
    for _ in 0..runs {
        let (start, cpu_start) = (Instant::now(), cpu_secs());
        let result = panelpress::check_with(dir, &Default::default());
        wall.push(start.elapsed().as_secs_f64());
        cpu.push(cpu_secs() - cpu_start);
        problems = match result {
            Ok(_) => 0,
            Err(e) => e.0.len(),
        };
    }
    (median(wall), median(cpu), problems)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(3);
    let cases = [
        (format!("{n} valid decisions"), decisions(n, true)),
        (format!("{n} invalid decisions"), decisions(n, false)),
        (
            "100,000 nested `[`".to_string(),
            format!("topics: {}\n", "[".repeat(100_000)),
        ),
    ];
    for (name, front) in cases {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &front);
        let (wall, cpu, problems) = time_check(dir.path(), runs);
        println!(
            "{name}: front matter {:.1} MB, check {wall:.2} s wall, {cpu:.2} s CPU (medians of {runs}), {problems} problems",
            front.len() as f64 / 1e6
        );
    }
}

//! How the CLI shows a long build getting on, on stderr: a progress bar on a terminal;
//! elsewhere (CI logs, a pipe) a plain line per stage once the build has run for a
//! while, and the count every few seconds, so short builds stay quiet.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use panelpress::{Progress, Reporter, Stage};

/// A plain line is printed once the build has run this long, and then at most this often.
const PLAIN_EVERY: Duration = Duration::from_secs(2);

/// The reporter for this process's stderr.
pub fn reporter() -> Reporter {
    if std::io::stderr().is_terminal() {
        Reporter::new(Bar::new())
    } else {
        Reporter::new(Plain::new(Box::new(std::io::stderr()), PLAIN_EVERY))
    }
}

/// A bar for the page count, a spinner for the other stages; cleared when done.
struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, stage: Stage, total: Option<usize>) {
        let style = match total {
            Some(total) => {
                self.bar.set_length(total as u64);
                self.bar.set_position(0);
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)")
            }
            None => ProgressStyle::with_template("{spinner} {msg}\u{2026}"),
        };
        if let Ok(style) = style {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_message(stage.describe());
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn step(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Plain lines for logs: nothing for a build shorter than `every`.
struct Plain {
    out: Mutex<Box<dyn Write + Send>>,
    every: Duration,
    started: Instant,
    state: Mutex<PlainState>,
    done: AtomicUsize,
}

struct PlainState {
    stage: Option<(Stage, Option<usize>)>,
    announced: bool,
    last: Instant,
}

impl Plain {
    fn new(out: Box<dyn Write + Send>, every: Duration) -> Self {
        let now = Instant::now();
        Plain {
            out: Mutex::new(out),
            every,
            started: now,
            state: Mutex::new(PlainState {
                stage: None,
                announced: false,
                last: now,
            }),
            done: AtomicUsize::new(0),
        }
    }

    fn line(&self, text: &str) {
        if let Ok(mut out) = self.out.lock() {
            let _ = writeln!(out, "{text}");
        }
    }

    /// Prints the stage, or how far it has got, when the build has run long enough.
    fn maybe_print(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        let Some((stage, total)) = state.stage else {
            return;
        };
        let now = Instant::now();
        if now - self.started < self.every || (state.announced && now - state.last < self.every) {
            return;
        }
        let done = self.done.load(Ordering::Relaxed);
        let text = match total {
            Some(total) => format!("{}: {done} of {total}", stage.describe()),
            None => format!("{}\u{2026}", stage.describe()),
        };
        state.announced = true;
        state.last = now;
        drop(state);
        self.line(&text);
    }
}

impl Progress for Plain {
    fn start(&self, stage: Stage, total: Option<usize>) {
        self.done.store(0, Ordering::Relaxed);
        if let Ok(mut state) = self.state.lock() {
            state.stage = Some((stage, total));
            state.announced = false;
        }
        self.maybe_print();
    }

    fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.maybe_print();
    }

    fn finish(&self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn run(every: Duration) -> String {
        let sink = Sink::default();
        let plain = Plain::new(Box::new(sink.clone()), every);
        plain.start(Stage::Load, None);
        plain.start(Stage::Render, Some(3));
        for _ in 0..3 {
            plain.step();
        }
        plain.start(Stage::Outputs, None);
        plain.finish();
        String::from_utf8(sink.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn a_short_build_prints_nothing() {
        assert_eq!(run(Duration::from_secs(3600)), "");
    }

    #[test]
    fn a_long_build_prints_each_stage_and_the_page_count() {
        let text = run(Duration::ZERO);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.first(),
            Some(&"Reading and checking the content\u{2026}")
        );
        assert!(lines.contains(&"Rendering pages: 0 of 3"), "{text}");
        assert!(lines.contains(&"Rendering pages: 3 of 3"), "{text}");
        assert_eq!(
            lines.last(),
            Some(&"Writing feeds, data and the search index\u{2026}")
        );
    }
}

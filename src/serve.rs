//! `panelpress serve`: builds the site into memory, serves it over HTTP on the local
//! machine, watches the site's sources and rebuilds incrementally after each change
//! (see [`crate::incremental`]). Open pages poll a small endpoint and reload when the site
//! changes; while the site has errors, every page shows them in an overlay and the last
//! good site stays served. None of this reaches the output of `build`: the reload script
//! and the overlay are added to pages as they are sent.

use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use serde::Serialize;
use tiny_http::{Header, Request, Response, Server as Http};

use crate::incremental::{Outputs, Report, Session};
use crate::site::Options;

/// Where the pages ask whether the site changed, and where tests read the last report.
pub const VERSION_URL: &str = "/__panelpress/version";
pub const REPORT_URL: &str = "/__panelpress/report";

const NOTHING_YET: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Not built yet</title>\n</head>\n<body>\n<main>\n<h1>Not built yet</h1>\n<p>The site has not built yet. This page reloads when it does.</p>\n</main>\n</body>\n</html>\n";

/// The folders and file whose changes trigger a rebuild.
const WATCHED: &[&str] = &["content", "themes", "templates", "static"];

/// Enough threads that a page's stylesheet and the reload polls of a few open tabs
/// are answered side by side.
const HTTP_THREADS: usize = 4;

#[derive(Debug)]
pub enum ServeError {
    PortInUse(SocketAddr),
    Bind(SocketAddr, String),
    Watch(String),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::PortInUse(addr) => write!(
                f,
                "error: cannot serve on {addr}: the port is already in use (perhaps by another `panelpress serve`)\n  help: choose another port, e.g. --port {}",
                addr.port().wrapping_add(1).max(1024)
            ),
            ServeError::Bind(addr, e) => write!(f, "error: cannot serve on {addr}: {e}"),
            ServeError::Watch(e) => write!(f, "error: cannot watch the site's files: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// What the browser is sent: the last good site, and the errors of the last rebuild.
struct Snapshot {
    outputs: Arc<Outputs>,
    /// Goes up with every rebuild, good or bad, so that open pages reload.
    version: u64,
    errors: Option<String>,
    report: ReportView,
}

/// The last rebuild, as `/__panelpress/report` gives it.
#[derive(Serialize, Clone, Default)]
struct ReportView {
    /// Counts rebuilds, including those that changed nothing.
    rebuild: u64,
    /// The pages' version after this rebuild.
    version: u64,
    ok: bool,
    elapsed_ms: f64,
    reread: usize,
    rendered: Vec<String>,
    removed: Vec<String>,
    total: usize,
    errors: Option<String>,
}

impl ReportView {
    fn new(report: &Report, version: u64, rebuild: u64) -> Self {
        ReportView {
            rebuild,
            version,
            ok: report.errors.is_none(),
            elapsed_ms: report.elapsed.as_secs_f64() * 1000.0,
            reread: report.reread,
            rendered: report.rendered.clone(),
            removed: report.removed.clone(),
            total: report.total,
            errors: report.errors.as_ref().map(ToString::to_string),
        }
    }
}

type Shared = Arc<RwLock<Snapshot>>;

/// A running server: HTTP threads and a watcher thread, which run until the process ends.
pub struct Server {
    addr: SocketAddr,
}

impl Server {
    /// Builds the site at `root`, starts serving it on `bind:port` (port 0: any free
    /// port) and watching it. `log` receives each report line for the terminal.
    pub fn start(
        root: &Path,
        bind: IpAddr,
        port: u16,
        log: impl Fn(&str) + Send + 'static,
    ) -> Result<Server, ServeError> {
        Server::start_with(root, &Options::default(), bind, port, log)
    }

    /// As [`Server::start`], publishing as `options` say (drafts, the moment).
    pub fn start_with(
        root: &Path,
        options: &Options,
        bind: IpAddr,
        port: u16,
        log: impl Fn(&str) + Send + 'static,
    ) -> Result<Server, ServeError> {
        let addr = SocketAddr::new(bind, port);
        let http = Http::http(addr).map_err(|e| bind_error(addr, e.as_ref()))?;
        let addr = http.server_addr().to_ip().unwrap_or(addr);
        let (session, report) = Session::with_options(root, options.clone());
        log(&first_line(&report));
        let shared: Shared = Arc::new(RwLock::new(Snapshot {
            outputs: session.outputs(),
            version: 1,
            errors: report.errors.as_ref().map(ToString::to_string),
            report: ReportView::new(&report, 1, 1),
        }));
        let http = Arc::new(http);
        for _ in 0..HTTP_THREADS {
            let (http, shared) = (Arc::clone(&http), Arc::clone(&shared));
            thread::spawn(move || {
                for request in http.incoming_requests() {
                    respond(request, &shared);
                }
            });
        }
        watch(session, shared, log)?;
        Ok(Server { addr })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

fn first_line(report: &Report) -> String {
    match &report.errors {
        None => format!(
            "Built {} files in {:.0} ms",
            report.total,
            report.elapsed.as_secs_f64() * 1000.0
        ),
        Some(e) => format!("The site has errors; fix them and it will be built.\n{e}"),
    }
}

fn bind_error(addr: SocketAddr, e: &(dyn std::error::Error + 'static)) -> ServeError {
    match e.downcast_ref::<io::Error>() {
        Some(io) if io.kind() == io::ErrorKind::AddrInUse => ServeError::PortInUse(addr),
        _ => ServeError::Bind(addr, e.to_string()),
    }
}

/// Watches the site's sources and feeds each settled batch of changes to the session,
/// on a thread that owns the watcher and runs until the process ends.
fn watch(
    mut session: Session,
    shared: Shared,
    log: impl Fn(&str) + Send + 'static,
) -> Result<(), ServeError> {
    let watch_error = |e: notify::Error| ServeError::Watch(e.to_string());
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(50), None, tx).map_err(watch_error)?;
    let root = session.root().to_path_buf();
    // The root itself, not recursively: for site.toml and for source folders created
    // while serving.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(watch_error)?;
    let mut watched = Vec::new();
    watch_new_folders(&mut debouncer, &root, &mut watched, &[]).map_err(watch_error)?;
    thread::spawn(move || {
        while let Ok(batch) = rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            for batch in std::iter::once(batch).chain(rx.try_iter()) {
                // Reading files is an event too; only changes count.
                let changes = batch.into_iter().flatten().filter(|e| !e.kind.is_access());
                paths.extend(changes.flat_map(|e| e.event.paths));
            }
            if let Err(e) = watch_new_folders(&mut debouncer, &root, &mut watched, &paths) {
                log(&ServeError::Watch(e.to_string()).to_string());
            }
            if let Some(report) = session.update(&paths) {
                log(&report.to_string());
                publish(&shared, &session, &report);
                // The pages are served (and reloaded) first; the search index follows.
                if let Some(search) = session.refresh_search() {
                    log(&format!(
                        "Search index remade in {:.1} ms: {} files changed",
                        search.elapsed.as_secs_f64() * 1000.0,
                        search.rendered.len() + search.removed.len()
                    ));
                    if let Ok(mut snapshot) = shared.write() {
                        snapshot.outputs = session.outputs();
                    }
                }
            }
        }
    });
    Ok(())
}

/// Starts watching each source folder that exists and is not watched yet, or that was
/// replaced (it is among the changed `paths`: deleted and created again, or renamed).
fn watch_new_folders(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    root: &Path,
    watched: &mut Vec<PathBuf>,
    paths: &[PathBuf],
) -> notify::Result<()> {
    for dir in WATCHED.iter().map(|d| root.join(d)) {
        let replaced = paths.contains(&dir);
        if dir.is_dir() && (replaced || !watched.contains(&dir)) {
            if replaced {
                let _ = debouncer.unwatch(&dir);
            }
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
            if !watched.contains(&dir) {
                watched.push(dir);
            }
        }
    }
    Ok(())
}

fn publish(shared: &Shared, session: &Session, report: &Report) {
    let Ok(mut snapshot) = shared.write() else {
        return;
    };
    let errors = report.errors.as_ref().map(ToString::to_string);
    // Open pages reload only when there is something new to see.
    let visible =
        !report.rendered.is_empty() || !report.removed.is_empty() || errors != snapshot.errors;
    if visible {
        snapshot.version += 1;
    }
    snapshot.outputs = session.outputs();
    snapshot.errors = errors;
    snapshot.report = ReportView::new(report, snapshot.version, snapshot.report.rebuild + 1);
}

fn respond(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let (status, body, content_type) = match shared.read() {
        Ok(snapshot) => answer(path, &snapshot),
        Err(_) => (
            500,
            b"The server failed.".to_vec(),
            "text/plain; charset=utf-8",
        ),
    };
    let mut response = Response::from_data(body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ] {
        if let Ok(h) = Header::from_bytes(name, value) {
            response.add_header(h);
        }
    }
    if status == 301
        && let Ok(h) = Header::from_bytes("Location", format!("{path}/"))
    {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

/// Status, body and content type for a request path.
fn answer(path: &str, snapshot: &Snapshot) -> (u16, Vec<u8>, &'static str) {
    if path == VERSION_URL {
        return (200, snapshot.version.to_string().into_bytes(), "text/plain");
    }
    if path == REPORT_URL {
        let json = serde_json::to_vec(&snapshot.report).unwrap_or_default();
        return (200, json, "application/json");
    }
    let Some(key) = decode(path.trim_start_matches('/')) else {
        return not_found(snapshot);
    };
    let file = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.clone()
    };
    if let Some(bytes) = snapshot.outputs.get(&file) {
        return (200, page(&file, bytes, snapshot), content_type(&file));
    }
    if snapshot.outputs.contains_key(&format!("{key}/index.html")) {
        return (301, Vec::new(), "text/plain");
    }
    not_found(snapshot)
}

fn not_found(snapshot: &Snapshot) -> (u16, Vec<u8>, &'static str) {
    match snapshot.outputs.get("404.html") {
        Some(bytes) => (
            404,
            page("404.html", bytes, snapshot),
            "text/html; charset=utf-8",
        ),
        // The site has never built: a bare page, to carry the errors and the reload.
        None => (
            404,
            page("404.html", NOTHING_YET.as_bytes(), snapshot),
            "text/html; charset=utf-8",
        ),
    }
}

/// A page as sent: with the reload script and, while the site has errors, the overlay.
fn page(file: &str, bytes: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    if !file.ends_with(".html") {
        return bytes.to_vec();
    }
    let mut extra = String::new();
    if let Some(errors) = &snapshot.errors {
        extra.push_str(&overlay(errors));
    }
    extra.push_str(&reload_script(snapshot.version));
    let html = String::from_utf8_lossy(bytes);
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + extra.len());
    out.push_str(&html[..at]);
    out.push_str(&extra);
    out.push_str(&html[at..]);
    out.into_bytes()
}

fn reload_script(version: u64) -> String {
    format!(
        r#"<script id="panelpress-live-reload">(function () {{
  var seen = "{version}";
  function poll() {{
    fetch("{VERSION_URL}", {{ cache: "no-store" }})
      .then(function (r) {{ return r.text(); }})
      .then(function (v) {{ if (v !== seen) {{ location.reload(); }} else {{ setTimeout(poll, 300); }} }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  setTimeout(poll, 300);
}})();</script>"#
    )
}

/// The errors over the page: fixed colours with strong contrast in light and dark
/// schemes, announced to screen readers, and closable from the keyboard.
fn overlay(errors: &str) -> String {
    format!(
        r#"<div id="panelpress-errors" role="alert" aria-labelledby="panelpress-errors-title" style="position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;z-index:2147483647;box-sizing:border-box;background:#fff;color:#1a1a1a;border-bottom:0.3rem solid #a4001d;padding:1rem 1.25rem;font:1rem/1.5 system-ui,sans-serif;text-align:left">
<h2 id="panelpress-errors-title" style="margin:0 0 0.5rem;font-size:1.25rem;color:#a4001d">The site has errors</h2>
<p style="margin:0 0 0.75rem">This is the last good version of the page. Fix the files named below; the page reloads when they are saved.</p>
<pre style="margin:0 0 0.75rem;white-space:pre-wrap;overflow-wrap:anywhere;font:0.95rem/1.45 ui-monospace,monospace;color:#1a1a1a;background:#f4f4f4;padding:0.75rem">{}</pre>
<button type="button" onclick="this.parentNode.hidden=true" style="font:inherit;padding:0.25rem 0.75rem;color:#1a1a1a;background:#fff;border:2px solid #1a1a1a;cursor:pointer">Hide</button>
</div>"#,
        escape(errors)
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Undoes percent-encoding in a URL path; `None` for a path that tries to leave the
/// site (`..`) or is not UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    (!text.split('/').any(|c| c == "..")).then_some(text)
}

fn content_type(file: &str) -> &'static str {
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

//! `panelpress serve`: builds the site into memory, serves it over HTTP on the local
//! machine, watches the site's sources and rebuilds incrementally after each change
//! (see [`crate::serve::session`]). Open pages poll a small endpoint and reload when the site
//! changes; while the site has errors, every page shows them in an overlay and the last
//! good site stays served. None of this reaches the output of `build`: the reload script
//! and the overlay are added to pages as they are sent.

mod fingerprint;
pub mod session;

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use serde::Serialize;

use crate::Errors;
use crate::pipeline::Options;
use crate::serve::session::{Outputs, Report, Session};

/// Where the pages ask whether the site changed, and where tests read the last report.
pub const VERSION_URL: &str = "/__panelpress/version";
/// Where an open page reads the last rebuild's problems, to show them in an overlay.
pub const REPORT_URL: &str = "/__panelpress/report";

const BUILDING: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Building\u{2026}</title>\n</head>\n<body>\n<main>\n<h1>Building\u{2026}</h1>\n<p>The site is being built. This page reloads when it is ready.</p>\n</main>\n</body>\n</html>\n";

const NOTHING_YET: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Not built yet</title>\n</head>\n<body>\n<main>\n<h1>Not built yet</h1>\n<p>The site has not built yet. This page reloads when it does.</p>\n</main>\n</body>\n</html>\n";

/// The folders and file whose changes trigger a rebuild.
const WATCHED: &[&str] = &["content", "people", "themes", "templates", "static"];

/// Enough threads that a page's stylesheet and the reload polls of a few open tabs
/// are answered side by side; a fixed number, so that no count of connections costs
/// more threads.
const HTTP_THREADS: usize = 8;
/// Connections accepted but not yet taken by a thread; more are closed at once.
const QUEUED: usize = 64;
/// How long a connection may take to send its request before it is closed.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// A request head (request line and headers) longer than this is refused.
const MAX_HEAD: usize = 16 * 1024;

#[derive(Debug)]
/// Why serving could not start.
pub enum ServeError {
    /// Another program listens on the address.
    PortInUse(SocketAddr),
    /// The address cannot be listened on, and why.
    Bind(SocketAddr, String),
    /// The site's files cannot be watched, and why.
    Watch(String),
    /// The site's settings cannot be read: there is nothing to serve.
    Site(Errors),
}

/// A line for the terminal: progress and reports, or an error (for stderr).
#[derive(Debug, Clone)]
pub struct Line {
    /// The line, without its newline.
    pub text: String,
    /// Whether it reports a problem (shown on stderr).
    pub error: bool,
}

impl Line {
    fn info(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            error: false,
        }
    }

    fn error(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            error: true,
        }
    }
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
            ServeError::Site(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// What the browser is sent: the last good site, and the errors of the last rebuild.
struct Snapshot {
    /// True until the first build is over: pages show "Building…".
    building: bool,
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
    built: Arc<(Mutex<bool>, Condvar)>,
}

impl Server {
    /// Starts serving the site at `root` on `bind:port` (port 0: any free port) and
    /// watching it, then builds it: until the first build is over, pages say
    /// "Building…" and reload when it is. `log` receives each line for the terminal.
    /// Fails when the port cannot be had or the site's settings cannot be read.
    pub fn start(
        root: &Path,
        bind: IpAddr,
        port: u16,
        log: impl Fn(Line) + Send + 'static,
    ) -> Result<Server, ServeError> {
        Server::start_with(root, &Options::default(), bind, port, log)
    }

    /// As [`Server::start`], publishing as `options` say (drafts, the moment), and
    /// reporting the first build's progress to `options.progress`.
    pub fn start_with(
        root: &Path,
        options: &Options,
        bind: IpAddr,
        port: u16,
        log: impl Fn(Line) + Send + 'static,
    ) -> Result<Server, ServeError> {
        crate::config::Config::load(root)
            .map_err(|d| ServeError::Site(Errors::one(d.relative_to(root))))?;
        let addr = SocketAddr::new(bind, port);
        let listener = TcpListener::bind(addr).map_err(|e| bind_error(addr, &e))?;
        let addr = listener.local_addr().unwrap_or(addr);
        let shared: Shared = Arc::new(RwLock::new(Snapshot {
            building: true,
            outputs: Arc::new(Outputs::new()),
            version: 0,
            errors: None,
            report: ReportView::default(),
        }));
        listen(listener, addr, &shared);
        let built = Arc::new((Mutex::new(false), Condvar::new()));
        let watcher = Watcher::new(root)?;
        let (root, options, done) = (root.to_path_buf(), options.clone(), Arc::clone(&built));
        thread::spawn(move || {
            let (session, report) = Session::with_options(&root, options);
            log(first_line(&report));
            publish_first(&shared, &session, &report);
            let (lock, ready) = &*done;
            if let Ok(mut flag) = lock.lock() {
                *flag = true;
                ready.notify_all();
            }
            watcher.run(session, &shared, log);
        });
        Ok(Server { addr, built })
    }

    /// The address it listens on (the port chosen, when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Waits until the first build is over (the site is served, or its errors are).
    pub fn wait_until_built(&self) {
        let (lock, ready) = &*self.built;
        let Ok(mut flag) = lock.lock() else { return };
        while !*flag {
            match ready.wait(flag) {
                Ok(f) => flag = f,
                Err(_) => return,
            }
        }
    }
}

/// Accepts connections on one thread and answers them on a fixed pool of threads.
fn listen(listener: TcpListener, addr: SocketAddr, shared: &Shared) {
    let (tx, rx) = mpsc::sync_channel::<TcpStream>(QUEUED);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..HTTP_THREADS {
        let (rx, shared) = (Arc::clone(&rx), Arc::clone(shared));
        thread::spawn(move || {
            loop {
                let next = match rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(stream) = next else { return };
                serve_connection(stream, addr, &shared);
            }
        });
    }
    thread::spawn(move || {
        for stream in listener.incoming() {
            match stream {
                // A full queue means a flood of connections: these are closed unanswered.
                Ok(stream) => drop(tx.try_send(stream)),
                // Out of file descriptors, say: wait for some to be closed, not spin.
                Err(_) => thread::sleep(Duration::from_millis(50)),
            }
        }
    });
}

fn first_line(report: &Report) -> Line {
    match &report.errors {
        None => Line::info(format!(
            "Built {} files in {:.0} ms",
            report.total,
            report.elapsed.as_secs_f64() * 1000.0
        )),
        Some(e) => Line::error(format!(
            "The site has errors; fix them and it will be built.\n{e}"
        )),
    }
}
fn bind_error(addr: SocketAddr, e: &io::Error) -> ServeError {
    if e.kind() == io::ErrorKind::AddrInUse {
        ServeError::PortInUse(addr)
    } else {
        ServeError::Bind(addr, e.to_string())
    }
}

/// The site's sources, watched from before the first build so that no change is missed.
struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    fn new(root: &Path) -> Result<Watcher, ServeError> {
        let watch_error = |e: notify::Error| ServeError::Watch(e.to_string());
        let (tx, rx) = mpsc::channel::<DebounceEventResult>();
        let mut debouncer =
            new_debouncer(Duration::from_millis(50), None, tx).map_err(watch_error)?;
        // Canonical, as the session compares changed paths against its canonical root.
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        // The root itself, not recursively: for site.toml and for source folders created
        // while serving.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        let mut watched = Vec::new();
        watch_new_folders(&mut debouncer, &root, &mut watched, &[]).map_err(watch_error)?;
        Ok(Watcher {
            debouncer,
            rx,
            root,
            watched,
        })
    }

    /// Feeds each settled batch of changes to the session, until the process ends.
    fn run(mut self, mut session: Session, shared: &Shared, log: impl Fn(Line)) {
        while let Ok(batch) = self.rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            for batch in std::iter::once(batch).chain(self.rx.try_iter()) {
                // Reading files is an event too; only changes count.
                let changes = batch.into_iter().flatten().filter(|e| !e.kind.is_access());
                paths.extend(changes.flat_map(|e| e.event.paths));
            }
            let (debouncer, root) = (&mut self.debouncer, &self.root);
            if let Err(e) = watch_new_folders(debouncer, root, &mut self.watched, &paths) {
                log(Line::error(ServeError::Watch(e.to_string()).to_string()));
            }
            if let Some(report) = session.update(&paths) {
                let line = report.to_string();
                log(match report.errors {
                    Some(_) => Line::error(line),
                    None => Line::info(line),
                });
                publish(shared, &session, &report);
                // The pages are served (and reloaded) first; feeds, data and the search
                // index follow.
                if let Some(search) = session.refresh_whole_site() {
                    log(Line::info(format!(
                        "Feeds, data and search index brought up to date in {:.1} ms: {} files changed",
                        search.elapsed.as_secs_f64() * 1000.0,
                        search.rendered.len() + search.removed.len()
                    )));
                    if let Ok(mut snapshot) = shared.write() {
                        snapshot.outputs = session.outputs();
                    }
                }
            }
        }
    }
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

/// The first build's result, good or bad: open "Building…" pages reload.
fn publish_first(shared: &Shared, session: &Session, report: &Report) {
    let Ok(mut snapshot) = shared.write() else {
        return;
    };
    *snapshot = Snapshot {
        building: false,
        outputs: session.outputs(),
        version: 1,
        errors: report.errors.as_ref().map(ToString::to_string),
        report: ReportView::new(report, 1, 1),
    };
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

/// Reads one request from `stream` and answers it; the connection is then closed.
fn serve_connection(mut stream: TcpStream, addr: SocketAddr, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
    let Some(head) = read_head(&mut stream) else {
        return;
    };
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let reply = match request.parse(&head) {
        Ok(httparse::Status::Complete(_)) => route(&request, addr, shared),
        _ => Reply::text(400, "Bad request."),
    };
    let head_only = request.method == Some("HEAD");
    let _ = stream.write_all(&reply.to_bytes(head_only));
    let _ = stream.flush();
}

/// The request line and headers, up to the blank line; `None` when the client is too
/// slow, closes, or sends more than [`MAX_HEAD`].
fn read_head(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return None;
        }
        let n = stream.read(&mut buf).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buf[..n]);
    }
    Some(head)
}

/// A response, before it is written.
struct Reply {
    status: u16,
    body: Vec<u8>,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            body: text.as_bytes().to_vec(),
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
        }
    }

    fn to_bytes(&self, head_only: bool) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

/// The answer to a parsed request: methods and hosts are checked first.
fn route(request: &httparse::Request, addr: SocketAddr, shared: &Shared) -> Reply {
    if !matches!(request.method, Some("GET" | "HEAD")) {
        let mut reply = Reply::text(405, "panelpress serve answers GET and HEAD only.");
        reply.headers.push(("Allow", "GET, HEAD".to_string()));
        return reply;
    }
    let host = request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .and_then(|h| std::str::from_utf8(h.value).ok());
    if !host.is_some_and(|h| allowed_host(h, addr)) {
        // A page on another site that has pointed its own name at this address (DNS
        // rebinding) must not read the preview, drafts included.
        let text = format!(
            "This server answers only requests for http://localhost:{0}/ or http://{1}/.",
            addr.port(),
            addr
        );
        return Reply::text(403, &text);
    }
    let target = request.path.unwrap_or("/");
    let Some(target) = Target::parse(target) else {
        return Reply::text(400, "Bad request.");
    };
    let Ok(snapshot) = shared.read() else {
        return Reply::text(500, "The server failed.");
    };
    let (status, body, content_type) = answer(&target.key, &snapshot);
    let mut reply = Reply {
        status,
        body,
        content_type,
        headers: Vec::new(),
    };
    if status == 301 {
        reply.headers.push(("Location", target.redirect()));
    }
    if status == 503 {
        reply.headers.push(("Retry-After", "1".to_string()));
    }
    reply
}

/// Whether a `Host` header names this server: `localhost` or the address it listens
/// on, with its port; when it listens on every address, any address given as digits.
/// Names other than `localhost` are refused, as they are what DNS rebinding uses.
fn allowed_host(host: &str, addr: SocketAddr) -> bool {
    let Some((name, port)) = split_port(host.trim()) else {
        return false;
    };
    if port.unwrap_or(80) != addr.port() {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip == addr.ip() || addr.ip().is_unspecified(),
        Err(_) => false,
    }
}

/// `name:port`, `[v6]:port`, or either without the port; `None` for a bad port.
fn split_port(host: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = host.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        return match after {
            "" => Some((ip, None)),
            port => Some((ip, Some(port.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, Some(port.parse().ok()?))),
        None => Some((host, None)),
    }
}

/// A request's path, normalized: empty and `.` segments dropped, `..` refused.
struct Target {
    /// The decoded path under the site, without a leading `/`: the key of an output.
    key: String,
    /// The path's segments as sent (percent-encoded), for redirects.
    raw: Vec<String>,
    query: Option<String>,
}

impl Target {
    fn parse(target: &str) -> Option<Target> {
        // An absolute-form target (`http://host/path`) is answered by its path.
        let target = match target.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => target,
        };
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (target, None),
        };
        let path = path.split('#').next().unwrap_or("");
        let raw: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .map(|s| s.replace('\\', "%5C"))
            .collect();
        let mut key = decode(&raw.join("/"))?;
        if path.ends_with('/') && !key.is_empty() {
            key.push('/');
        }
        Some(Target { key, raw, query })
    }

    /// Where a folder's URL without its slash is sent: always a path on this server.
    fn redirect(&self) -> String {
        let query = self
            .query
            .as_ref()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        format!("/{}/{query}", self.raw.join("/"))
    }
}

/// Status, body and content type for a request path.
fn answer(key: &str, snapshot: &Snapshot) -> (u16, Vec<u8>, &'static str) {
    if key == VERSION_URL.trim_start_matches('/') {
        return (200, snapshot.version.to_string().into_bytes(), "text/plain");
    }
    if key == REPORT_URL.trim_start_matches('/') {
        let json = serde_json::to_vec(&snapshot.report).unwrap_or_default();
        return (200, json, "application/json");
    }
    if snapshot.building {
        let page = page("index.html", BUILDING.as_bytes(), snapshot);
        return (503, page, "text/html; charset=utf-8");
    }
    let file = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
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
        crate::markdown::escape(errors)
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_localhost_or_the_address_with_the_port() {
        let loopback: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let v6: SocketAddr = "[::1]:1111".parse().unwrap();
        let every: SocketAddr = "0.0.0.0:80".parse().unwrap();
        for (host, addr, ok) in [
            ("localhost:1111", loopback, true),
            ("127.0.0.1:1111", loopback, true),
            ("[::1]:1111", v6, true),
            ("localhost:1111", v6, true),
            ("[::1]:1111", loopback, false),
            ("127.0.0.1", loopback, false),
            ("127.0.0.1:1112", loopback, false),
            ("127.0.0.1:x", loopback, false),
            ("evil.example:1111", loopback, false),
            ("192.168.1.20", every, true),
            ("[fe80::1]", every, true),
            ("localhost", every, true),
            ("evil.example", every, false),
            ("", loopback, false),
        ] {
            assert_eq!(allowed_host(host, addr), ok, "{host} for {addr}");
        }
    }
}

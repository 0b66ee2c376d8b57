//! `site.toml`: the few settings a whole site shares.

pub(crate) mod root;

use std::path::Path;

use serde::Deserialize;

use crate::base::error::{Diagnostic, ErrorKind, Location};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    default_body: Option<String>,
    timezone: Option<String>,
    #[serde(default)]
    language: Option<String>,
    max_days_after_meeting: Option<u32>,
    max_attachment_mb: Option<u64>,
    accessibility: Option<RawAccessibility>,
    participation: Option<RawParticipation>,
    markdown: Option<RawMarkdown>,
}

/// `[markdown]`: how paper text becomes HTML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    unsafe_html: Option<bool>,
}

/// `[accessibility]`: what the accessibility statement page needs from the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccessibility {
    contact: Option<String>,
}

/// `[participation]`: how the public can take part, which the home page leads with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipation {
    attend: Option<String>,
    questions: Option<String>,
    clerk: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

/// How a member of the public can attend, ask a question or reach the clerk: plain
/// text each, any of them absent. The home page shows what is set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participation {
    pub attend: Option<String>,
    pub questions: Option<String>,
    pub clerk: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Participation {
    pub fn is_empty(&self) -> bool {
        *self == Participation::default()
    }

    fn from_raw(
        raw: Option<RawParticipation>,
        text: &str,
        path: &Path,
    ) -> Result<Self, Diagnostic> {
        let Some(raw) = raw else {
            return Ok(Participation::default());
        };
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let email = clean(raw.email);
        if let Some(e) = &email
            && (e.contains(char::is_whitespace) || !e.contains('@') || e.starts_with("mailto:"))
        {
            return Err(Diagnostic::new(
                ErrorKind::Config,
                Location::at(path, setting_line(text, "email")),
                format!("`participation.email` must be an email address, not `{e}`"),
            )
            .help("write it as it is typed, such as: email = \"clerk@council.example\""));
        }
        Ok(Participation {
            attend: clean(raw.attend),
            questions: clean(raw.questions),
            clerk: clean(raw.clerk),
            email,
            phone: clean(raw.phone),
        })
    }
}

/// Settings from `site.toml`, with defaults applied.
#[derive(Debug, Clone)]
pub struct Config {
    /// The archive's name, in every page's header.
    pub title: String,
    /// Always ends with `/` when set. `None` means every link is relative.
    pub base_url: Option<String>,
    /// The theme folder under `themes/`, or the built-in `default`.
    pub theme: String,
    /// The committee a meeting belongs to when it names none.
    pub default_body: String,
    /// The IANA zone meetings are held in (`Europe/London`).
    pub timezone: String,
    /// `timezone`, checked against the tz database.
    pub tz: chrono_tz::Tz,
    /// The pages' `lang` (`en-GB`).
    pub language: String,
    /// How long after its meeting a paper may be dated before `check` warns.
    pub max_days_after_meeting: u32,
    /// The largest attachment a paper may publish, in bytes (`max_attachment_mb`).
    pub max_attachment_bytes: u64,
    /// Not a setting: the moment and draft rule of this build, which the CLI may change.
    pub publication: crate::base::moment::Publication,
    /// Who to tell about an accessibility problem: an email address, a web address or
    /// free text. The statement has generic wording when it is absent.
    pub accessibility_contact: Option<String>,
    /// `[participation]`: how to attend, ask a question or contact the clerk.
    pub participation: Participation,
    /// `[markdown] unsafe_html`: raw HTML in paper text is written as it is, not cleaned
    /// to the allowlist of [`crate::base::html`]. Off by default: only a site whose every
    /// author is trusted should turn it on.
    pub unsafe_html: bool,
}

pub(crate) const FILE_NAME: &str = "site.toml";

/// Minutes of a meeting, filed with it, are usually dated within four weeks of it.
pub(crate) const DEFAULT_MAX_DAYS_AFTER_MEETING: u32 = 28;

/// Committee packs with scanned appendices run to a few tens of megabytes; much more is
/// usually a file named by mistake (a video, a disk image), which would bloat every
/// deploy of the archive.
pub(crate) const DEFAULT_MAX_ATTACHMENT_MB: u64 = 50;

impl Config {
    /// Reads `site.toml` at `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::new(
                ErrorKind::Config,
                Location::file(&path),
                format!("cannot read the site settings: {e}"),
            )
            .help("run `panelpress init DIR` to start a site, or pass --root to the site's folder")
        })?;
        Config::parse(&text, &path)
    }

    /// Reads the text of a `site.toml` (`path` names it in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let location = match e.span() {
                Some(span) => {
                    let (line, column) = crate::base::text::line_col(text, span.start);
                    Location::at(path, line).with_column(column)
                }
                None => Location::file(path),
            };
            Diagnostic::new(ErrorKind::Config, location, e.message().to_string())
        })?;
        let title = raw.title.filter(|t| !t.trim().is_empty()).ok_or_else(|| {
            Diagnostic::new(
                ErrorKind::Config,
                Location::file(path),
                "missing required setting `title`",
            )
            .help("add a line such as: title = \"Northshire Police and Crime Panel\"")
        })?;
        if let Some(url) = raw
            .base_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            && !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/'))
        {
            let line = setting_line(text, "base_url");
            return Err(Diagnostic::new(
                ErrorKind::Config,
                Location::at(path, line),
                format!("`base_url` must be a web address such as https://papers.example.org/, not `{url}`"),
            )
            .help("or remove it, to make every link relative"));
        }
        let base_url = raw
            .base_url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
        let timezone = raw.timezone.unwrap_or_else(|| "Europe/London".to_string());
        let tz = timezone.trim().parse::<chrono_tz::Tz>().map_err(|_| {
            Diagnostic::new(
                ErrorKind::Config,
                Location::at(path, setting_line(text, "timezone")),
                format!("`timezone` must be an IANA time zone name such as Europe/London, not `{timezone}`"),
            )
            .help("see the \"TZ identifier\" column of https://en.wikipedia.org/wiki/List_of_tz_database_time_zones")
        })?;
        let max_attachment_mb = raw.max_attachment_mb.unwrap_or(DEFAULT_MAX_ATTACHMENT_MB);
        if max_attachment_mb == 0 {
            return Err(Diagnostic::new(
                ErrorKind::Config,
                Location::at(path, setting_line(text, "max_attachment_mb")),
                "`max_attachment_mb` must be at least 1 (megabytes)",
            )
            .help(format!("remove it for the default of {DEFAULT_MAX_ATTACHMENT_MB} MB, or give the largest attachment's size in MB")));
        }
        let participation = Participation::from_raw(raw.participation, text, path)?;
        Ok(Config {
            max_attachment_bytes: max_attachment_mb.saturating_mul(1_000_000),
            participation,
            default_body: raw.default_body.unwrap_or_else(|| title.clone()),
            title,
            base_url,
            theme: raw.theme.unwrap_or_else(|| "default".to_string()),
            timezone,
            tz,
            language: raw.language.unwrap_or_else(|| "en-GB".to_string()),
            max_days_after_meeting: raw
                .max_days_after_meeting
                .unwrap_or(DEFAULT_MAX_DAYS_AFTER_MEETING),
            publication: crate::base::moment::Publication::from_env(),
            accessibility_contact: raw
                .accessibility
                .and_then(|a| a.contact)
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            unsafe_html: raw.markdown.and_then(|m| m.unsafe_html).unwrap_or(false),
        })
    }
}

/// The line a setting is on, for messages about its value.
fn setting_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

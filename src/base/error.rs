//! Problems found in a site, with enough context for a clerk to fix them.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a source file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    /// The file, relative to the site root once reported.
    pub file: PathBuf,
    /// 1-based; `None` when the problem concerns the file as a whole.
    pub line: Option<usize>,
    /// 1-based.
    pub column: Option<usize>,
}

impl Location {
    /// A whole file, no line.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// A line of a file (1-based).
    pub fn at(file: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: None,
        }
    }

    /// The same place, at a column of its line (1-based).
    pub fn with_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.as_os_str().is_empty() {
            write!(f, ".")?;
        } else {
            write!(f, "{}", printable(&self.file.display().to_string()))?;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// What kind of problem, so tools can tell them apart without parsing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorKind {
    Io,
    Encoding,
    FrontMatter,
    Field,
    Reference,
    Duplicate,
    Config,
    Template,
}

/// The stable name of a problem, for editors and CI (`link-unknown-paper`). Problems
/// with no more specific code are named by their kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A file could not be read or written.
    Io,
    /// A file is not UTF-8.
    Encoding,
    /// Front matter missing, unclosed or not YAML.
    FrontMatter,
    /// A front matter field is unknown, missing or of the wrong form.
    Field,
    /// An id names nothing that exists.
    Reference,
    /// Two files claim the same id.
    Duplicate,
    /// `site.toml` is wrong.
    Config,
    /// A theme template does not compile or render.
    Template,
    /// A link to a paper that does not exist.
    LinkUnknownPaper,
    /// A link to an anchor its paper does not have.
    LinkUnknownAnchor,
    /// A link to a paper still to follow (embargoed).
    LinkToFollow,
    /// A link to a draft paper.
    LinkToDraft,
    /// Two papers for one agenda item.
    AgendaItemClaimedTwice,
    /// Two sets of minutes for one meeting.
    MinutesRecordedTwice,
    /// Minutes of a meeting after the one approving them.
    MinutesOfLaterMeeting,
    /// A decision on an item not on its meeting's agenda.
    DecisionItemNotOnAgenda,
    /// A paper dated after its meeting.
    PaperDatedAfterMeeting,
    /// A held meeting with no agenda items.
    MeetingWithoutItems,
    /// A symlinked file or folder in `content/`, left out.
    SymlinkNotFollowed,
    /// The old output could not be removed after the swap.
    PreviousOutputKept,
    /// A meeting whose date stands apart from its series, perhaps mistyped.
    MeetingDateAlone,
    /// Raw HTML removed by the HTML policy.
    HtmlRemoved,
    /// A name in the record that could be several people.
    AmbiguousPerson,
    /// A name in the record that matches no one in `people/`.
    UnknownPerson,
    /// A declaration of interest for an item not on its meeting's agenda.
    DeclarationItemNotOnAgenda,
    /// A vote whose result does not follow from its counts.
    VoteResultContradicted,
}

impl Code {
    /// The code as editors and `--format json` show it: `link-unknown-paper`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::Encoding => "encoding",
            Code::FrontMatter => "front-matter",
            Code::Field => "field",
            Code::Reference => "reference",
            Code::Duplicate => "duplicate",
            Code::Config => "config",
            Code::Template => "template",
            Code::LinkUnknownPaper => "link-unknown-paper",
            Code::LinkUnknownAnchor => "link-unknown-anchor",
            Code::LinkToFollow => "link-to-follow",
            Code::LinkToDraft => "link-to-draft",
            Code::AgendaItemClaimedTwice => "agenda-item-claimed-twice",
            Code::MinutesRecordedTwice => "minutes-recorded-twice",
            Code::MinutesOfLaterMeeting => "minutes-of-later-meeting",
            Code::DecisionItemNotOnAgenda => "decision-item-not-on-agenda",
            Code::PaperDatedAfterMeeting => "paper-dated-after-meeting",
            Code::MeetingWithoutItems => "meeting-without-items",
            Code::SymlinkNotFollowed => "symlink-not-followed",
            Code::PreviousOutputKept => "previous-output-kept",
            Code::MeetingDateAlone => "meeting-date-alone",
            Code::HtmlRemoved => "html-removed",
            Code::AmbiguousPerson => "ambiguous-person",
            Code::UnknownPerson => "unknown-person",
            Code::DeclarationItemNotOnAgenda => "declaration-item-not-on-agenda",
            Code::VoteResultContradicted => "vote-result-contradicted",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ErrorKind> for Code {
    fn from(kind: ErrorKind) -> Code {
        match kind {
            ErrorKind::Io => Code::Io,
            ErrorKind::Encoding => Code::Encoding,
            ErrorKind::FrontMatter => Code::FrontMatter,
            ErrorKind::Field => Code::Field,
            ErrorKind::Reference => Code::Reference,
            ErrorKind::Duplicate => Code::Duplicate,
            ErrorKind::Config => Code::Config,
            ErrorKind::Template => Code::Template,
        }
    }
}

/// Errors stop a build; warnings are reported and the site is still built, so that
/// nothing short of wrong information holds up an urgent publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    /// Stops the build: nothing is written.
    Error,
    /// Reported; the build goes on.
    Warning,
}

/// One problem: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What sort of problem it is.
    pub kind: ErrorKind,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Whether it stops the build.
    pub severity: Severity,
    /// Its stable name.
    pub code: Code,
}

impl Diagnostic {
    /// An error of `kind` at `location`, coded by its kind.
    pub fn new(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            kind,
            message: message.into(),
            help: None,
            severity: Severity::Error,
            code: kind.into(),
        }
    }

    /// The same problem under a more specific code.
    pub fn code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    /// The same problem as a warning, which does not stop the build.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether it stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same problem with a line saying what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Shows paths relative to `root`, which is how clerks think of their files.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.location.file.strip_prefix(root) {
            self.location.file = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {severity}: {}",
            self.location,
            printable(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// `text` with control characters (and the bidirectional overrides that reorder what a
/// terminal shows) written as `\u{1b}`: a field value echoed in a message must not
/// clear the screen, move the cursor or hide the rest of the line. A newline becomes
/// `\n`, so that each problem stays on its own line.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Every problem found in one run, sorted by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    /// A list of one problem.
    pub fn one(d: Diagnostic) -> Self {
        Errors(vec![d])
    }

    /// The same problems in order of file, line and column.
    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.iter().filter(|d| d.is_error()).count();
        write!(f, "{n} error{} found", if n == 1 { "" } else { "s" })?;
        match self.0.len() - n {
            0 => Ok(()),
            1 => write!(f, ", and 1 warning"),
            w => write!(f, ", and {w} warnings"),
        }
    }
}

impl std::error::Error for Errors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(printable("plain – text"), "plain – text");
        assert_eq!(
            printable("\u{1b}[2J\u{7}a\nb\tc\u{9b}\u{202e}"),
            "\\u{1b}[2J\\u{7}a\\nb\\tc\\u{9b}\\u{202e}"
        );
    }
}

//! Links between pages written in Markdown: a relative path to another content file
//! (`../2024-07-16/b2-performance.md#p12`), a Zola-style `@/<paper id>`, or an anchor in
//! the same text (`#p12`). [`check`] reports any that names no paper, meeting or anchor;
//! [`Resolver`] tells the renderer which page each one leads to.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::base::error::{Code, Diagnostic, ErrorKind, Location};
use crate::markdown::{self, TextFacts};
use crate::model::{MeetingIdx, PaperIdx, Site, Withheld};

/// A page a content link can lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Paper(PaperIdx),
    Meeting(MeetingIdx),
    /// A person's text in `people/`, which links into content but nothing links into.
    Person(usize),
}

impl Target {
    /// Its page's path under the site root.
    pub(crate) fn path(self, site: &Site) -> &str {
        match self {
            Target::Paper(p) => &site.papers[p].path,
            Target::Meeting(m) => &site.meetings[m].path,
            Target::Person(p) => &site.people[p].path,
        }
    }
}

/// What a link's destination turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved<'d, 'r> {
    /// Not a link to content: a web address, a download, an e-mail address.
    Outside,
    /// An anchor in the same text: `#p12`.
    Here(&'d str),
    Found {
        target: Target,
        anchor: Option<&'d str>,
    },
    /// A link to an embargoed paper: its item on the meeting's agenda stands in for it.
    ToFollow {
        meeting: MeetingIdx,
        anchor: &'r str,
    },
    /// A link to a draft paper, which this build leaves out.
    Draft,
    /// A content link naming nothing: `wanted` is the id it asked for.
    Unknown { wanted: String },
}

/// Finds the page a content link names. Content ids are paths under `content/` without
/// `.md`; a meeting's id here is its folder followed by `/_meeting`.
pub(crate) struct Resolver {
    ids: HashMap<String, Target>,
    withheld: HashMap<String, Withheld>,
}

impl Resolver {
    pub(crate) fn new(site: &Site) -> Self {
        let mut ids: HashMap<String, Target> = site
            .papers
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), Target::Paper(i)))
            .collect();
        // A link to a paper's old id leads straight to its page, not through the redirect.
        for (i, p) in site.papers.iter().enumerate() {
            for alias in &p.aliases {
                ids.entry(alias.clone()).or_insert(Target::Paper(i));
            }
        }
        for (m, meeting) in site.meetings.iter().enumerate() {
            if let Some(file) = &meeting.file {
                ids.insert(
                    format!("{}/_meeting", folder_of_file(file)),
                    Target::Meeting(m),
                );
            }
        }
        let withheld = site
            .withheld
            .iter()
            .map(|(id, why)| (id.clone(), why.clone()))
            .collect();
        Resolver { ids, withheld }
    }

    /// `from` is the folder, under `content/`, of the file holding the link.
    pub(crate) fn resolve<'d, 'r>(&'r self, from: &str, dest: &'d str) -> Resolved<'d, 'r> {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a).filter(|a| !a.is_empty())),
            None => (dest, None),
        };
        if path.is_empty() {
            return anchor.map_or(Resolved::Outside, Resolved::Here);
        }
        let wanted = if let Some(id) = path.strip_prefix("@/") {
            normalise("", id)
        } else if is_relative_markdown(path) {
            normalise(from, path)
        } else {
            return Resolved::Outside;
        };
        let Some(wanted) = wanted else {
            return Resolved::Unknown {
                wanted: path.to_string(),
            };
        };
        match (self.ids.get(&wanted), self.withheld.get(&wanted)) {
            (Some(&target), _) => Resolved::Found { target, anchor },
            (None, Some(Withheld::ToFollow { meeting, anchor })) => Resolved::ToFollow {
                meeting: *meeting,
                anchor,
            },
            (None, Some(Withheld::Draft)) => Resolved::Draft,
            (None, None) => Resolved::Unknown { wanted },
        }
    }

    /// The known id closest to `wanted`, for a "did you mean" line.
    fn closest(&self, wanted: &str) -> Option<&str> {
        closest(self.ids.keys().map(String::as_str), wanted)
    }
}

/// A relative path to a Markdown file, such as `../2024-07-16/b2.md`: no scheme, not
/// from the web root.
fn is_relative_markdown(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    !path.starts_with('/')
        && !path.contains(':')
        && path.len() > 3
        && path[path.len() - 3..].eq_ignore_ascii_case(".md")
}

/// The content id a path names from the folder `from`: `..` and `.` applied, `.md`
/// dropped, `_meeting` spelt one way. `None` if it climbs out of `content/`.
fn normalise(from: &str, path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    // Editors write a file name with spaces as `b1%20report.md`.
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut parts: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let last = parts.pop()?;
    let stem = match last.len().checked_sub(3) {
        Some(cut) if last.is_char_boundary(cut) && last[cut..].eq_ignore_ascii_case(".md") => {
            &last[..cut]
        }
        _ => last,
    };
    let stem = if stem.eq_ignore_ascii_case("_meeting") {
        "_meeting"
    } else {
        stem
    };
    parts.push(stem);
    Some(parts.join("/"))
}

/// The folder under `content/` of a file named `content/<folder>/<name>`.
pub(crate) fn folder_of_file(file: &Path) -> String {
    let parts: Vec<String> = file
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let start = usize::from(parts.first().is_some_and(|p| p == crate::load::CONTENT_DIR));
    let end = parts.len().saturating_sub(1).max(start);
    parts[start..end].join("/")
}

/// The relative path from the folder `from` to the `.md` file of content id `to`.
fn relative_path(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').collect();
    let (dirs, name) = to.split_at(to.len() - 1);
    let common = from.iter().zip(dirs).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&dirs[common..]);
    parts.push(name[0]);
    format!("{}.md", parts.join("/"))
}

/// The folder under `content/` of the paper with this id.
pub(crate) fn folder_of_id(id: &str) -> &str {
    id.rsplit_once('/').map_or("", |(folder, _)| folder)
}

fn closest<'a>(candidates: impl Iterator<Item = &'a str>, wanted: &str) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(c, wanted), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// One text whose links are checked: a paper's body or a meeting's introduction.
struct Text<'s> {
    target: Target,
    file: &'s Path,
    folder: String,
    markdown: &'s str,
    first_line: usize,
    /// Ids the page gives besides the text's own, which the text must avoid.
    taken: Vec<&'s str>,
    /// Whether the text is published: an exempt paper's is not, so nothing links into it.
    public: bool,
}

fn texts(site: &Site) -> Vec<Text<'_>> {
    let papers = site.papers.iter().enumerate().map(|(i, p)| Text {
        target: Target::Paper(i),
        file: &p.file,
        folder: folder_of_id(&p.id).to_string(),
        markdown: &p.text.markdown,
        first_line: p.text.first_line,
        taken: p
            .decisions
            .iter()
            .map(|&d| site.decisions[d].anchor.as_str())
            .collect(),
        public: p.exempt.is_none(),
    });
    let meetings = site.meetings.iter().enumerate().filter_map(|(m, meeting)| {
        let file = meeting.file.as_deref()?;
        Some(Text {
            target: Target::Meeting(m),
            file,
            folder: folder_of_file(file),
            markdown: &meeting.intro.markdown,
            first_line: meeting.intro.first_line,
            taken: meeting.agenda.iter().map(|e| e.anchor.as_str()).collect(),
            public: true,
        })
    });
    // Their links resolve from the content root, as the person's page renders them.
    let people = site.people.iter().enumerate().map(|(i, p)| Text {
        target: Target::Person(i),
        file: &p.file,
        folder: String::new(),
        markdown: &p.text.markdown,
        first_line: p.text.first_line,
        taken: Vec::new(),
        public: true,
    });
    papers.chain(meetings).chain(people).collect()
}

/// Every link in a published text that names no paper, meeting or anchor, as an error
/// at the link's line and column.
pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let texts = texts(site);
    let resolver = Resolver::new(site);
    // Most papers link nowhere: only those that may are read in full at first.
    let scans: Vec<Option<markdown::Scan>> = texts
        .par_iter()
        .map(|t| (t.public && may_link(t.markdown)).then(|| markdown::scan(t.markdown, &t.taken)))
        .collect();
    let extra = ids_linked_into(&texts, &scans, &resolver);
    let scanned = scans
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, &s.as_ref()?.ids)));
    let anchors: HashMap<Target, HashSet<&str>> = scanned
        .chain(extra.iter().map(|(i, ids)| (*i, ids)))
        .map(|(i, ids)| {
            let own = ids.iter().map(String::as_str);
            (
                texts[i].target,
                own.chain(texts[i].taken.iter().copied()).collect(),
            )
        })
        .collect();
    let checker = Checker {
        site,
        resolver: &resolver,
        anchors: &anchors,
    };
    texts
        .par_iter()
        .zip(&scans)
        .flat_map_iter(|(t, s)| {
            s.iter()
                .flat_map(|s| &s.links)
                .filter_map(|(dest, offset)| checker.link(t, dest, *offset))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A text's ids, and its links with their offsets.
type IdsAndLinks<'a> = (&'a [String], &'a [(String, usize)]);

/// As [`check`], with every text parsed already: the ids and links of each come from
/// its facts, as the pages were rendered from the same documents.
pub(crate) fn check_facts(site: &Site, facts: &TextFacts) -> Vec<Diagnostic> {
    let texts = texts(site);
    let resolver = Resolver::new(site);
    // People's texts are rendered apart from the meetings', keeping no facts: they are
    // read here, few and short.
    let scans: HashMap<Target, markdown::Scan> = texts
        .iter()
        .filter(|t| matches!(t.target, Target::Person(_)))
        .map(|t| (t.target, markdown::scan(t.markdown, &t.taken)))
        .collect();
    let found = |t: &Text| -> Option<IdsAndLinks> {
        let f = match t.target {
            Target::Paper(p) => facts.papers.get(p)?.as_ref(),
            Target::Meeting(m) => facts.meetings.get(m)?.as_ref(),
            Target::Person(_) => {
                let s = scans.get(&t.target)?;
                return Some((&s.ids, &s.links));
            }
        }?;
        Some((&f.ids, &f.links))
    };
    let anchors: HashMap<Target, HashSet<&str>> = texts
        .iter()
        .map(|t| {
            let own = found(t)
                .filter(|_| t.public)
                .into_iter()
                .flat_map(|(ids, _)| ids.iter().map(String::as_str));
            (t.target, own.chain(t.taken.iter().copied()).collect())
        })
        .collect();
    let checker = Checker {
        site,
        resolver: &resolver,
        anchors: &anchors,
    };
    texts
        .par_iter()
        .filter(|t| t.public)
        .flat_map_iter(|t| {
            found(t)
                .into_iter()
                .flat_map(|(_, links)| links)
                .filter_map(|(dest, offset)| checker.link(t, dest, *offset))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The ids of the texts that anchored links point into and that were not read yet, by
/// index into `texts`. An exempt paper's text is never published, so it offers none.
fn ids_linked_into(
    texts: &[Text],
    scans: &[Option<markdown::Scan>],
    resolver: &Resolver,
) -> Vec<(usize, Vec<String>)> {
    let index: HashMap<Target, usize> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.target, i))
        .collect();
    let mut wanted: BTreeSet<usize> = BTreeSet::new();
    for (t, scan) in texts.iter().zip(scans) {
        for (dest, _) in scan.iter().flat_map(|s| &s.links) {
            if let Resolved::Found {
                target,
                anchor: Some(_),
            } = resolver.resolve(&t.folder, dest)
            {
                wanted.extend(index.get(&target).filter(|&&i| scans[i].is_none()));
            }
        }
    }
    wanted
        .into_par_iter()
        .map(|i| {
            let t = &texts[i];
            let ids = if t.public {
                markdown::scan(t.markdown, &t.taken).ids
            } else {
                Vec::new()
            };
            (i, ids)
        })
        .collect()
}

/// Whether a text may hold a link: an inline link or a link reference definition.
pub(crate) fn may_link(markdown: &str) -> bool {
    markdown.contains("](") || markdown.contains("]:")
}

struct Checker<'a> {
    site: &'a Site,
    resolver: &'a Resolver,
    anchors: &'a HashMap<Target, HashSet<&'a str>>,
}

impl Checker<'_> {
    fn link(&self, text: &Text, dest: &str, offset: usize) -> Option<Diagnostic> {
        let (target, anchor) = match self.resolver.resolve(&text.folder, dest) {
            Resolved::Outside => return None,
            Resolved::Here(anchor) => (text.target, anchor),
            Resolved::Found { anchor: None, .. } => return None,
            Resolved::ToFollow { .. } => {
                let d = problem(
                    text,
                    offset,
                    format!("link to a paper not published yet: `{dest}`"),
                )
                .code(Code::LinkToFollow)
                .warning();
                return Some(d.help("until its `publish_from` moment the link leads to its item on the meeting's agenda, marked \"Report to follow\"; rebuild then to link the paper"));
            }
            Resolved::Draft => {
                let d = problem(
                    text,
                    offset,
                    format!("link to a draft paper, which is not published: `{dest}`"),
                )
                .code(Code::LinkToDraft);
                return Some(d.help("publish the paper (remove `draft: true`) or remove the link; a build with --drafts shows both"));
            }
            Resolved::Found {
                target,
                anchor: Some(anchor),
            } => (target, anchor),
            Resolved::Unknown { wanted } => {
                let d = problem(text, offset, format!("link to an unknown paper: `{dest}`"))
                    .code(Code::LinkUnknownPaper);
                return Some(match self.resolver.closest(&wanted) {
                    Some(near) if dest.starts_with("@/") => d.help(format!(
                        "did you mean `@/{near}`? A paper's id is its path under content/ without `.md`"
                    )),
                    Some(near) if matches!(text.target, Target::Person(_)) => d.help(format!(
                        "did you mean `{near}`? Relative links in a person's file start from content/"
                    )),
                    Some(near) => d.help(format!(
                        "did you mean `{}`? Relative links start from the folder of this file",
                        relative_path(&text.folder, near)
                    )),
                    None => d.help("link to a paper by its path under content/, e.g. `@/2024/2024-02-06/b1-report#p3`, or by a relative path to its `.md` file"),
                });
            }
        };
        let known = self.anchors.get(&target)?;
        if known.contains(anchor) {
            return None;
        }
        let name = match target {
            Target::Paper(p) => format!("paper `{}`", self.site.papers[p].id),
            Target::Meeting(m) => format!("meeting `{}`", self.site.meetings[m].id),
            Target::Person(p) => format!("the page of `{}`", self.site.people[p].id),
        };
        let exempt = matches!(target, Target::Paper(p) if self.site.papers[p].exempt.is_some());
        let d = problem(
            text,
            offset,
            format!("link to `#{anchor}`, which {name} does not have"),
        )
        .code(Code::LinkUnknownAnchor);
        Some(if exempt {
            d.help("the paper is exempt, so none of its paragraphs are published: link to the paper itself")
        } else {
            match closest(known.iter().copied(), anchor) {
                Some(near) => d.help(format!(
                    "did you mean `#{near}`? Paragraphs are `#p<number>`; headings take their text as id"
                )),
                None => d.help("paragraphs are `#p<number>`; headings take their text as id"),
            }
        })
    }
}

fn problem(text: &Text, offset: usize, message: String) -> Diagnostic {
    let (line, column) = crate::base::text::line_col(text.markdown, offset);
    let location = Location::at(text.file, text.first_line + line - 1).with_column(column);
    Diagnostic::new(ErrorKind::Reference, location, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_become_ids() {
        assert_eq!(
            normalise("2024/2024-02-06", "../2024-07-16/b2.md").as_deref(),
            Some("2024/2024-07-16/b2")
        );
        assert_eq!(
            normalise("2024/a", "./_Meeting.MD").as_deref(),
            Some("2024/a/_meeting")
        );
        assert_eq!(normalise("2024", "../../x.md"), None);
        assert_eq!(
            normalise("a", "b1%20report.md").as_deref(),
            Some("a/b1 report")
        );
    }

    #[test]
    fn relative_paths_from_one_folder_to_another() {
        assert_eq!(relative_path("2024/a", "2024/b/x"), "../b/x.md");
        assert_eq!(relative_path("2024/a", "2024/a/x"), "x.md");
        assert_eq!(relative_path("", "2024/a/x"), "2024/a/x.md");
        assert_eq!(relative_path("2024/a/deep", "2024/a/x"), "../x.md");
    }

    #[test]
    fn only_markdown_paths_are_content_links() {
        assert!(is_relative_markdown("../b2.md"));
        assert!(is_relative_markdown("b2.MD"));
        assert!(!is_relative_markdown("https://example.org/a.md"));
        assert!(!is_relative_markdown("/files/report.md"));
        assert!(!is_relative_markdown("../files/report.pdf"));
    }
}

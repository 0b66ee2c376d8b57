//! Links loaded sources into a `Site`, reporting every broken relation.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::record;
use super::{
    AgendaEntry, Attachment, Committee, Decision, Meeting, MeetingIdx, Paper, PaperIdx, Site, Topic,
};
use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::item;
use crate::base::text::{slugify, unique_id};
use crate::config::Config;
use crate::load::{self, Loaded, MeetingSource, PaperSource, Spanned};

/// Builds the model, or returns every problem found (including those from loading).
pub fn build(config: Config, loaded: Loaded) -> Result<Site, Vec<Diagnostic>> {
    build_with_warnings(config, loaded).map(|(site, _)| site)
}

/// As [`build`], with the warnings found in the record (names that match no one or
/// several people, votes whose result contradicts their counts). On failure the list
/// holds the errors, then the warnings.
pub(crate) fn build_with_warnings(
    config: Config,
    loaded: Loaded,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Loaded {
        meetings,
        mut papers,
        people,
        broken_meetings,
        broken_papers,
        mut errors,
        warnings: _,
    } = loaded;
    papers.sort_by(|a, b| a.id.cmp(&b.id));
    let (claims, alias_errors) = super::aliases::claims(&meetings, &papers);
    errors.extend(alias_errors);
    let publication = config.publication;
    let (meetings, withheld) = withhold_drafts(meetings, &mut papers, publication.drafts);
    let mut b = Builder {
        errors,
        broken_ids: broken_meetings.iter().map(|m| m.id.clone()).collect(),
        broken_folders: broken_meetings.into_iter().map(|m| m.folder).collect(),
        unplaced: broken_papers
            .into_iter()
            .chain(withheld.papers.iter().cloned())
            .collect(),
        withheld: withheld.meetings,
        drafts: withheld.papers,
        to_follow: Vec::new(),
        bodies: vec![config.default_body.clone()],
        config,
        meetings: Vec::new(),
        by_id: HashMap::new(),
        folders: BTreeMap::new(),
        records: Vec::new(),
        people,
        warnings: Vec::new(),
    };
    let sources = b.declared_meetings(meetings);
    b.create_meetings(sources, &papers);
    let placed = b.place_papers(papers);
    let mut site = b.link(placed);
    let withheld_meetings = b.withheld.iter().map(|m| m.id.as_str());
    super::aliases::settle(&mut site, claims, withheld_meetings, &mut b.errors);
    if b.errors.is_empty() {
        site.meetings.shrink_to_fit();
        Ok((site, b.warnings))
    } else {
        Err(b.errors.into_iter().chain(b.warnings).collect())
    }
}

struct Builder {
    errors: Vec<Diagnostic>,
    broken_ids: Vec<String>,
    broken_folders: Vec<String>,
    /// Papers that failed to load or to find their meeting: `follows` may still name
    /// them without a second, misleading error.
    unplaced: std::collections::HashSet<String>,
    /// Draft meetings left out of this build: their papers go with them, silently.
    withheld: Vec<WithheldMeeting>,
    /// Ids of draft papers and of papers on draft meetings, left out of this build.
    drafts: Vec<String>,
    /// Embargoed papers, placed: only their item and title reach the agenda.
    to_follow: Vec<(PaperSource, MeetingIdx)>,
    config: Config,
    bodies: Vec<String>,
    meetings: Vec<Meeting>,
    by_id: HashMap<String, MeetingIdx>,
    /// Folder of each declared meeting's `_meeting.md`.
    folders: BTreeMap<String, MeetingIdx>,
    /// What each meeting's own file records (attendance, declarations), by meeting.
    records: Vec<Option<record::MeetingRecord>>,
    people: Option<Vec<load::PersonSource>>,
    warnings: Vec<Diagnostic>,
}

/// A draft meeting left out of the build.
struct WithheldMeeting {
    id: String,
    date: chrono::NaiveDate,
    folder: String,
}

struct Drafts {
    meetings: Vec<WithheldMeeting>,
    papers: Vec<String>,
}

/// Takes out draft meetings and papers, unless drafts are wanted.
fn withhold_drafts(
    meetings: Vec<MeetingSource>,
    papers: &mut Vec<PaperSource>,
    drafts: bool,
) -> (Vec<MeetingSource>, Drafts) {
    let mut withheld = Drafts {
        meetings: Vec::new(),
        papers: Vec::new(),
    };
    if drafts {
        return (meetings, withheld);
    }
    let (drafted, kept): (Vec<_>, Vec<_>) = meetings.into_iter().partition(|m| m.draft);
    withheld.meetings = drafted
        .into_iter()
        .map(|m| WithheldMeeting {
            id: m.id.value,
            date: m.date.value,
            folder: m.folder,
        })
        .collect();
    papers.retain(|p| {
        if p.draft {
            withheld.papers.push(p.id.clone());
        }
        !p.draft
    });
    (kept, withheld)
}

/// A meeting about to be created: declared by a file, or implied by a date.
struct Pending {
    source: Option<MeetingSource>,
    id: String,
    date: chrono::NaiveDate,
    body: usize,
}

fn err(kind: ErrorKind, file: &Path, line: usize, message: String) -> Diagnostic {
    Diagnostic::new(kind, Location::at(file, line), message)
}

pub(super) fn slug_or(text: &str, fallback: &str) -> String {
    let s = slugify(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

impl Builder {
    fn body_index(&mut self, name: Option<&str>) -> usize {
        let name = name.unwrap_or(&self.config.default_body);
        match self.bodies.iter().position(|b| b == name) {
            Some(i) => i,
            None => {
                self.bodies.push(name.to_string());
                self.bodies.len() - 1
            }
        }
    }

    fn declared_meetings(&mut self, mut sources: Vec<MeetingSource>) -> Vec<Pending> {
        sources.sort_by(|a, b| a.file.cmp(&b.file));
        let mut seen: HashMap<String, PathBuf> = HashMap::new();
        let mut out = Vec::new();
        for m in sources {
            if let Some(first) = seen.get(&m.id.value) {
                self.errors.push(
                    err(
                        ErrorKind::Duplicate,
                        &m.file,
                        m.id.line,
                        format!(
                            "meeting id `{}` is already used by {}",
                            m.id.value,
                            first.display()
                        ),
                    )
                    .help("give one of the meetings a different `id:` (or folder name)"),
                );
                continue;
            }
            seen.insert(m.id.value.clone(), m.file.clone());
            let body = self.body_index(m.body_name.as_deref());
            out.push(Pending {
                id: m.id.value.clone(),
                date: m.date.value,
                body,
                source: Some(m),
            });
        }
        out
    }

    /// Creates declared meetings and those implied by a date in a paper's `meeting:`,
    /// in date order so that indexes into `meetings` follow the calendar.
    fn create_meetings(&mut self, mut pending: Vec<Pending>, papers: &[PaperSource]) {
        for p in papers {
            let Some(id) = &p.meeting else { continue };
            let Some(date) = crate::base::dates::parse_date(&id.value) else {
                continue;
            };
            // A date names the meeting declared on that date, if there is one.
            let known = pending.iter().any(|m| m.id == id.value || m.date == date)
                || self
                    .withheld
                    .iter()
                    .any(|m| m.id == id.value || m.date == date)
                || self.broken_ids.contains(&id.value);
            if !known {
                let body = self.body_index(None);
                pending.push(Pending {
                    source: None,
                    id: id.value.clone(),
                    date,
                    body,
                });
            }
        }
        pending.sort_by(|a, b| {
            (a.date, &self.bodies[a.body], &a.id).cmp(&(b.date, &self.bodies[b.body], &b.id))
        });
        let mut paths: HashMap<String, PathBuf> = HashMap::new();
        for p in pending {
            let idx = self.meetings.len();
            let path = super::meeting_path(&p.id);
            let file = p.source.as_ref().map(|s| s.file.clone());
            if let (Some(first), Some(file)) = (paths.get(&path), &file) {
                self.errors.push(
                    err(
                        ErrorKind::Duplicate,
                        file,
                        1,
                        format!(
                            "meeting `{}` would be published at the same address as {}",
                            p.id,
                            first.display()
                        ),
                    )
                    .help(
                        "give the meeting an `id:` that differs in more than case or punctuation",
                    ),
                );
            }
            if let Some(file) = &file {
                paths.insert(path.clone(), file.clone());
            }
            let mut meeting = new_meeting(&p.id, path, p.date, p.body);
            let mut record = None;
            if let Some(mut src) = p.source {
                self.folders.insert(src.folder.clone(), idx);
                record = Some(record::MeetingRecord {
                    file: src.file.clone(),
                    attendance: std::mem::take(&mut src.attendance),
                    declarations: std::mem::take(&mut src.declarations),
                });
                fill_meeting(&mut meeting, src);
            }
            self.records.push(record);
            self.by_id.insert(p.id, idx);
            self.meetings.push(meeting);
        }
    }

    /// Decides each paper's meeting; papers whose meeting cannot be found are dropped
    /// after reporting why.
    fn place_papers(&mut self, papers: Vec<PaperSource>) -> Vec<(PaperSource, MeetingIdx)> {
        let mut out = Vec::new();
        let publication = self.config.publication;
        for p in papers {
            if self.in_withheld_meeting(&p) {
                self.drafts.push(p.id.clone());
                self.unplaced.insert(p.id);
                continue;
            }
            match self.meeting_of(&p) {
                Some(m)
                    if publication
                        .is_released(p.publish_from.as_ref().map(|f| &f.value), self.config.tz) =>
                {
                    out.push((p, m))
                }
                Some(m) => {
                    self.unplaced.insert(p.id.clone());
                    self.to_follow.push((p, m));
                }
                None => {
                    self.unplaced.insert(p.id);
                }
            }
        }
        out
    }

    /// Whether the paper's meeting is a draft left out of this build.
    fn in_withheld_meeting(&self, p: &PaperSource) -> bool {
        if let Some(id) = &p.meeting {
            if self.by_id.contains_key(&id.value) {
                return false;
            }
            let date = crate::base::dates::parse_date(&id.value);
            let published_on_date = self.meetings.iter().any(|m| Some(m.date) == date);
            return self
                .withheld
                .iter()
                .any(|m| m.id == id.value || (Some(m.date) == date && !published_on_date));
        }
        let mut current = p.folder.as_str();
        loop {
            if self.folders.contains_key(current) {
                return false;
            }
            if self.withheld.iter().any(|m| m.folder == current) {
                return true;
            }
            match current.rsplit_once('/') {
                Some((up, _)) => current = up,
                None if !current.is_empty() => current = "",
                None => return false,
            }
        }
    }

    fn meeting_of(&mut self, p: &PaperSource) -> Option<MeetingIdx> {
        if let Some(id) = &p.meeting {
            let found = self.find_meeting(&p.file, id, "unknown meeting");
            return found;
        }
        let folder = self.enclosing_folder(&p.folder);
        match folder {
            Some(Ok(m)) => Some(m),
            Some(Err(())) => None,
            None => {
                self.errors.push(
                    err(ErrorKind::Field, &p.file, 1, "the paper belongs to no meeting".into()).help(
                        "add `meeting: <id>` (a meeting's id, or its date as YYYY-MM-DD), or move the file into a meeting's folder",
                    ),
                );
                None
            }
        }
    }

    /// The meeting an id names: by its id, or by its date when only one meeting is on
    /// that date. Reports an unknown or ambiguous id, but not one whose file is broken.
    fn find_meeting(
        &mut self,
        file: &Path,
        id: &Spanned<String>,
        unknown: &str,
    ) -> Option<MeetingIdx> {
        if let Some(&m) = self.by_id.get(&id.value) {
            return Some(m);
        }
        if self.broken_ids.contains(&id.value) {
            return None;
        }
        let date = crate::base::dates::parse_date(&id.value);
        let on_date: Vec<MeetingIdx> = (0..self.meetings.len())
            .filter(|&m| Some(self.meetings[m].date) == date)
            .collect();
        if let [m] = on_date[..] {
            return Some(m);
        }
        let d = if on_date.is_empty() {
            err(
                ErrorKind::Reference,
                file,
                id.line,
                format!("{unknown} `{}`", id.value),
            )
            .help(self.meeting_help(&id.value))
        } else {
            let ids: Vec<String> = on_date
                .iter()
                .map(|&m| format!("`{}`", self.meetings[m].id))
                .collect();
            err(
                ErrorKind::Reference,
                file,
                id.line,
                format!(
                    "more than one meeting is on {}: {}",
                    id.value,
                    ids.join(", ")
                ),
            )
            .help("name the meeting by its id")
        };
        self.errors.push(d);
        None
    }

    /// The meeting whose `_meeting.md` is in this folder or the nearest one above it.
    /// `Err` means that meeting's file failed to load.
    fn enclosing_folder(&self, folder: &str) -> Option<Result<MeetingIdx, ()>> {
        let mut current = folder.to_string();
        loop {
            if let Some(&m) = self.folders.get(&current) {
                return Some(Ok(m));
            }
            if self.broken_folders.contains(&current) {
                return Some(Err(()));
            }
            if current.is_empty() {
                return None;
            }
            current = current
                .rsplit_once('/')
                .map_or(String::new(), |(up, _)| up.to_string());
        }
    }

    fn meeting_help(&self, id: &str) -> String {
        let mut ids: Vec<&str> = self.by_id.keys().map(String::as_str).collect();
        ids.sort();
        match ids
            .iter()
            .find(|known| known.contains(id) || id.contains(**known))
        {
            Some(near) => format!(
                "did you mean `{near}`? A meeting needs a `_meeting.md`, unless its id is a date (YYYY-MM-DD)"
            ),
            None => "declare the meeting in a `_meeting.md`, or name it by its date (YYYY-MM-DD)"
                .to_string(),
        }
    }

    fn link(&mut self, placed: Vec<(PaperSource, MeetingIdx)>) -> Site {
        let mut papers = Vec::with_capacity(placed.len());
        let mut sources = Vec::with_capacity(placed.len());
        for (mut src, meeting) in placed {
            // Moved, not copied: the texts are most of the site's memory.
            let markdown = std::mem::take(&mut src.text.markdown);
            let mut paper = new_paper(&src, meeting);
            paper.text.markdown = markdown;
            papers.push(paper);
            sources.push(src);
        }
        self.check_paper_paths(&papers, &sources);
        let paper_ids: HashMap<&str, PaperIdx> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        self.assign_items(&mut papers, &sources);
        self.link_follows(&mut papers, &sources, &paper_ids);
        self.link_minutes(&mut papers, &sources);
        let (decisions, origins) = self.collect_decisions(&papers, &sources);
        attach_decisions(&mut self.meetings, &mut papers, &decisions);
        link_neighbours(&mut self.meetings, &mut papers);
        let bodies = committees(&self.bodies, &self.meetings);
        let topics = topics(&mut papers, &sources);
        let meetings = std::mem::take(&mut self.meetings);
        let mut withheld: std::collections::BTreeMap<String, super::Withheld> = self
            .drafts
            .iter()
            .map(|id| (id.clone(), super::Withheld::Draft))
            .collect();
        for (m, meeting) in meetings.iter().enumerate() {
            for entry in &meeting.agenda {
                if let Some(id) = &entry.to_follow {
                    let anchor = entry.anchor.clone();
                    withheld.insert(id.clone(), super::Withheld::ToFollow { meeting: m, anchor });
                }
            }
        }
        let mut site = Site {
            withheld,
            draft_meetings: self.withheld.len(),
            people: Vec::new(),
            memberships: Vec::new(),
            has_people: false,
            config: self.config.clone(),
            meetings,
            papers,
            decisions,
            bodies,
            topics,
        };
        // A person whose file failed to load would make every mention of them a warning
        // besides the error that says why: those are left out.
        let people_broken = self
            .errors
            .iter()
            .any(|d| d.location.file.starts_with(load::PEOPLE_DIR));
        let input = record::Input {
            quiet: people_broken,
            people: self.people.take(),
            meetings: std::mem::take(&mut self.records),
            papers: &sources,
            origins,
        };
        let mut problems = Vec::new();
        record::attach(&mut site, input, &mut problems);
        let (errs, warnings): (Vec<_>, Vec<_>) = problems.into_iter().partition(|d| d.is_error());
        self.errors.extend(errs);
        self.warnings.extend(warnings);
        site
    }

    fn check_paper_paths(&mut self, papers: &[Paper], sources: &[PaperSource]) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, p) in papers.iter().enumerate() {
            if let Some(&first) = seen.get(p.path.as_str()) {
                self.errors.push(err(
                    ErrorKind::Duplicate,
                    &sources[i].file,
                    1,
                    format!("this paper would be published at the same address as {}", sources[first].file.display()),
                ).help("rename one of the files so their names differ in more than case or punctuation"));
            } else {
                seen.insert(&p.path, i);
            }
        }
        let pages: std::collections::BTreeSet<&str> =
            papers.iter().map(|p| p.path.as_str()).collect();
        for (i, p) in papers.iter().enumerate() {
            for (a, src) in p.attachments.iter().zip(&sources[i].attachments) {
                let path = format!("{}/{}", p.path, a.name);
                let under = format!("{path}/");
                let clash = pages.contains(path.as_str())
                    || pages
                        .range(under.as_str()..)
                        .next()
                        .is_some_and(|q| q.starts_with(&under));
                if clash {
                    self.errors.push(err(
                        ErrorKind::Duplicate,
                        &sources[i].file,
                        src.file.line,
                        format!("attachment `{}` would be published at the same address as a paper ({path})", src.file.value),
                    ).help("rename the attachment, for example by giving it a file extension"));
                }
            }
        }
    }

    /// Puts each paper on its meeting's agenda, refusing an item number used twice.
    fn assign_items(&mut self, papers: &mut [Paper], sources: &[PaperSource]) {
        let mut by_meeting: Vec<Vec<PaperIdx>> = vec![Vec::new(); self.meetings.len()];
        for (i, p) in papers.iter().enumerate() {
            by_meeting[p.meeting].push(i);
        }
        let to_follow = std::mem::take(&mut self.to_follow);
        for (m, on_agenda) in by_meeting.into_iter().enumerate() {
            // The agenda list itself was checked for repeats when it was loaded.
            let mut taken: HashMap<String, String> = HashMap::new();
            if let Some(file) = &self.meetings[m].file {
                for entry in &self.meetings[m].agenda {
                    let item = entry.item.as_deref().unwrap_or_default();
                    taken.insert(
                        item::normalise(item),
                        format!("the agenda in {}", file.display()),
                    );
                }
            }
            for i in on_agenda {
                let src = &sources[i];
                if let Some(it) = &src.item {
                    let key = item::normalise(&it.value);
                    if let Some(prev) = taken.get(&key) {
                        self.errors.push(duplicate_item(
                            &src.file,
                            it.line,
                            &it.value,
                            &self.meetings[m].id,
                            prev,
                        ));
                        continue;
                    }
                    taken.insert(key, src.file.display().to_string());
                }
                self.meetings[m].agenda.push(AgendaEntry {
                    anchor: String::new(),
                    item: papers[i].item.clone(),
                    title: papers[i].title.clone(),
                    section: papers[i].section.clone(),
                    paper: Some(i),
                    to_follow: None,
                    decisions: Vec::new(),
                });
            }
            for (src, _) in to_follow.iter().filter(|(_, on)| *on == m) {
                if let Some(it) = &src.item {
                    let key = item::normalise(&it.value);
                    if let Some(prev) = taken.get(&key) {
                        let id = &self.meetings[m].id;
                        let d = duplicate_item(&src.file, it.line, &it.value, id, prev);
                        self.errors.push(d);
                        continue;
                    }
                    taken.insert(key, src.file.display().to_string());
                }
                self.meetings[m].agenda.push(AgendaEntry {
                    anchor: String::new(),
                    item: src.item.as_ref().map(|s| s.value.clone()),
                    title: src.title.clone(),
                    section: src.section.clone(),
                    paper: None,
                    to_follow: Some(src.id.clone()),
                    decisions: Vec::new(),
                });
            }
            let agenda = &mut self.meetings[m].agenda;
            order_agenda(agenda);
            assign_anchors(agenda);
        }
    }

    fn link_follows(
        &mut self,
        papers: &mut [Paper],
        sources: &[PaperSource],
        ids: &HashMap<&str, PaperIdx>,
    ) {
        for (i, src) in sources.iter().enumerate() {
            let Some(follows) = &src.follows else {
                continue;
            };
            let wanted = follows.value.trim_start_matches('/');
            let wanted = wanted
                .strip_prefix("content/")
                .unwrap_or(wanted)
                .trim_end_matches(".md");
            match ids.get(wanted) {
                Some(&j) if j == i => self.errors.push(err(
                    ErrorKind::Reference,
                    &src.file,
                    follows.line,
                    "a paper cannot follow itself".into(),
                )),
                Some(&j) => papers[i].follows = Some(j),
                None if self.unplaced.contains(wanted) => {}
                None => self.errors.push(
                    err(
                        ErrorKind::Reference,
                        &src.file,
                        follows.line,
                        format!("`follows` names no paper: `{}`", follows.value),
                    )
                    .help(paper_help(wanted, sources)),
                ),
            }
        }
        for i in 0..papers.len() {
            if let Some(j) = papers[i].follows {
                papers[j].followed_by.push(i);
            }
        }
        self.build_series(papers, sources);
    }

    /// Gathers each `follows` chain into one thread, reporting loops.
    fn build_series(&mut self, papers: &mut [Paper], sources: &[PaperSource]) {
        for i in 0..papers.len() {
            if papers[i].follows.is_none() && papers[i].followed_by.is_empty() {
                continue;
            }
            let mut root = i;
            let mut steps = 0;
            while let Some(up) = papers[root].follows {
                root = up;
                steps += 1;
                if steps > papers.len() {
                    let line = sources[i].follows.as_ref().map_or(1, |f| f.line);
                    self.errors.push(err(
                        ErrorKind::Reference,
                        &sources[i].file,
                        line,
                        "`follows` makes a loop: this paper comes after itself".into(),
                    ));
                    break;
                }
            }
            if steps > papers.len() {
                continue;
            }
            let mut thread = vec![root];
            let mut k = 0;
            while k < thread.len() {
                thread.extend(papers[thread[k]].followed_by.iter().copied());
                k += 1;
            }
            thread.sort_by(|&a, &b| {
                (papers[a].date, &papers[a].id).cmp(&(papers[b].date, &papers[b].id))
            });
            papers[i].series = thread;
        }
    }

    fn link_minutes(&mut self, papers: &mut [Paper], sources: &[PaperSource]) {
        for (i, src) in sources.iter().enumerate() {
            let Some(of) = &src.minutes_of else { continue };
            if let Some(m) = self.find_meeting(&src.file, of, "`minutes_of` names no meeting:") {
                papers[i].minutes_of = Some(m);
                self.meetings[m].minutes.push(i);
            }
        }
    }

    /// Every decision recorded in a published paper, with the paper and entry each came
    /// from; refs must be unique site-wide.
    fn collect_decisions(
        &mut self,
        papers: &[Paper],
        sources: &[PaperSource],
    ) -> (Vec<Decision>, Vec<(PaperIdx, usize)>) {
        let mut out = Vec::new();
        let mut refs: HashMap<String, (PathBuf, usize)> = HashMap::new();
        for (i, src) in sources.iter().enumerate() {
            let mut anchors = std::collections::HashSet::new();
            for (n, d) in src.decisions.iter().enumerate() {
                if let Some(r) = &d.reference {
                    if let Some((file, line)) = refs.get(&r.value) {
                        self.errors.push(
                            err(
                                ErrorKind::Duplicate,
                                &src.file,
                                r.line,
                                format!(
                                    "decision ref `{}` is already used at {}:{}",
                                    r.value,
                                    file.display(),
                                    line
                                ),
                            )
                            .help("every decision ref must be unique across the whole site"),
                        );
                        continue;
                    }
                    refs.insert(r.value.clone(), (src.file.clone(), r.line));
                }
                if papers[i].exempt.is_some() {
                    continue;
                }
                let mut decision = self.decision(papers, i, n, d);
                decision.anchor = unique_id(&mut anchors, &decision.anchor);
                out.push((decision, (i, n)));
            }
        }
        // Stable: decisions of one paper keep the order the paper gives them.
        out.sort_by(|(a, _), (b, _)| {
            (a.date, &papers[a.recorded_in].id).cmp(&(b.date, &papers[b.recorded_in].id))
        });
        out.into_iter().unzip()
    }

    fn decision(
        &self,
        papers: &[Paper],
        i: PaperIdx,
        n: usize,
        d: &load::DecisionSource,
    ) -> Decision {
        let paper = &papers[i];
        let is_minutes = paper.is_minutes();
        let meeting = match (is_minutes, paper.minutes_of) {
            (true, Some(m)) => m,
            _ => paper.meeting,
        };
        let item = d
            .item
            .as_ref()
            .map(|s| s.value.clone())
            .or_else(|| if is_minutes { None } else { paper.item.clone() });
        let anchor = match &d.reference {
            Some(r) => format!("decision-{}", slug_or(&r.value, &(n + 1).to_string())),
            None => format!("decision-{}", n + 1),
        };
        let entry = item.as_deref().and_then(|it| {
            self.meetings[meeting]
                .agenda
                .iter()
                .find(|e| e.item.as_deref().is_some_and(|x| item::same(x, it)))
        });
        Decision {
            reference: d.reference.as_ref().map(|r| r.value.clone()),
            anchor,
            text: d.text.clone(),
            item,
            date: d.date.unwrap_or(paper.date),
            by: d
                .by
                .clone()
                .unwrap_or_else(|| self.bodies[self.meetings[meeting].body].clone()),
            recorded_in: i,
            meeting,
            decides: entry.and_then(|e| e.paper),
            item_anchor: entry.map(|e| e.anchor.clone()),
            vote: None,
            record: Default::default(),
        }
    }
}

/// Item order, with each section's items kept together: a section sits where its first
/// item falls, so a section named twice, or items without one, never split the agenda.
fn order_agenda(agenda: &mut [AgendaEntry]) {
    agenda.sort_by(|a, b| {
        item::compare(a.item.as_deref(), b.item.as_deref()).then_with(|| a.title.cmp(&b.title))
    });
    let mut first_seen: Vec<Option<String>> = Vec::new();
    for e in agenda.iter() {
        if !first_seen.contains(&e.section) {
            first_seen.push(e.section.clone());
        }
    }
    agenda.sort_by_key(|e| first_seen.iter().position(|s| *s == e.section));
}

/// Gives each agenda entry an id for the meeting page, unique there.
fn assign_anchors(agenda: &mut [AgendaEntry]) {
    let mut used = std::collections::HashSet::new();
    for (n, entry) in agenda.iter_mut().enumerate() {
        let base = slugify(entry.item.as_deref().unwrap_or(&entry.title));
        let base = if base.is_empty() {
            format!("item-{}", n + 1)
        } else {
            format!("item-{base}")
        };
        entry.anchor = unique_id(&mut used, &base);
    }
}

fn duplicate_item(file: &Path, line: usize, item: &str, meeting: &str, first: &str) -> Diagnostic {
    err(
        ErrorKind::Duplicate,
        file,
        line,
        format!("item `{item}` of meeting `{meeting}` is already taken by {first}"),
    )
    .code(crate::base::error::Code::AgendaItemClaimedTwice)
    .help("give this paper a different `item:` number")
}

fn paper_help(wanted: &str, sources: &[PaperSource]) -> String {
    let name = wanted.rsplit('/').next().unwrap_or(wanted);
    match sources.iter().find(|s| s.id.ends_with(name)) {
        Some(s) => format!("did you mean `{}`? A paper's id is its path under content/ without `.md`", s.id),
        None => "a paper's id is its path under content/ without `.md`, e.g. `2024/2024-02-06/b1-report`".into(),
    }
}

fn new_meeting(id: &str, path: String, date: chrono::NaiveDate, body: usize) -> Meeting {
    Meeting {
        id: id.to_string(),
        path,
        date,
        title: None,
        body,
        time: None,
        venue: None,
        status: None,
        attendance: Default::default(),
        roll: Vec::new(),
        declarations: Vec::new(),
        aliases: Vec::new(),
        agenda: Vec::new(),
        intro: load::Text {
            markdown: "".into(),
            first_line: 1,
        },
        file: None,
        draft: false,
        minutes: Vec::new(),
        other_decisions: Vec::new(),
        previous: None,
        next: None,
    }
}

fn fill_meeting(meeting: &mut Meeting, src: MeetingSource) {
    meeting.file = Some(src.file);
    meeting.title = src.title;
    meeting.time = src.time;
    meeting.venue = src.venue;
    meeting.status = src.status;
    meeting.intro = src.text;
    meeting.draft = src.draft;
    meeting.agenda = src
        .agenda
        .into_iter()
        .map(|a| AgendaEntry {
            anchor: String::new(),
            item: Some(a.item.value),
            title: a.title,
            section: a.section,
            paper: None,
            to_follow: None,
            decisions: Vec::new(),
        })
        .collect();
}

fn new_paper(src: &PaperSource, meeting: MeetingIdx) -> Paper {
    Paper {
        id: src.id.clone(),
        path: super::paper_path(&src.id),
        file: src.file.clone(),
        title: src.title.clone(),
        date: src.date.value,
        meeting,
        item: src.item.as_ref().map(|s: &Spanned<String>| s.value.clone()),
        section: src.section.clone(),
        kind: src.kind,
        to: src.to.clone(),
        from: src.from.clone(),
        classification: src.classification.clone(),
        exempt: src.exempt.clone(),
        draft: src.draft,
        supplement: src.supplement,
        minutes_of: None,
        recommendations: src
            .recommendations
            .iter()
            .map(|r| r.value.clone())
            .collect(),
        decisions: Vec::new(),
        outcome: Vec::new(),
        follows: None,
        followed_by: Vec::new(),
        series: Vec::new(),
        topics: Vec::new(),
        attachments: if src.exempt.is_some() {
            Vec::new()
        } else {
            src.attachments
                .iter()
                .map(|a| Attachment {
                    name: a.name.clone(),
                    title: a.title.clone().unwrap_or_else(|| a.file.value.clone()),
                    bytes: a.bytes.clone(),
                })
                .collect()
        },
        text: src.text.clone(),
        previous: None,
        next: None,
        aliases: Vec::new(),
    }
}

/// Hangs each decision on the paper that records it and the agenda item it decides;
/// a decision in minutes is also the outcome of the paper with that item.
fn attach_decisions(meetings: &mut [Meeting], papers: &mut [Paper], decisions: &[Decision]) {
    for (d_idx, d) in decisions.iter().enumerate() {
        papers[d.recorded_in].decisions.push(d_idx);
        let meeting = &mut meetings[d.meeting];
        match meeting
            .agenda
            .iter_mut()
            .find(|e| d.item_anchor.as_ref() == Some(&e.anchor))
        {
            Some(e) => e.decisions.push(d_idx),
            None => meeting.other_decisions.push(d_idx),
        }
        if let (true, Some(p)) = (papers[d.recorded_in].is_minutes(), d.decides) {
            papers[p].outcome.push(d_idx);
        }
    }
}

fn link_neighbours(meetings: &mut [Meeting], papers: &mut [Paper]) {
    let mut last_of_body: HashMap<usize, MeetingIdx> = HashMap::new();
    for m in 0..meetings.len() {
        if let Some(&prev) = last_of_body.get(&meetings[m].body) {
            meetings[m].previous = Some(prev);
            meetings[prev].next = Some(m);
        }
        last_of_body.insert(meetings[m].body, m);
        let on_agenda: Vec<PaperIdx> = meetings[m].agenda.iter().filter_map(|e| e.paper).collect();
        for pair in on_agenda.windows(2) {
            papers[pair[0]].next = Some(pair[1]);
            papers[pair[1]].previous = Some(pair[0]);
        }
    }
}

fn committees(names: &[String], meetings: &[Meeting]) -> Vec<Committee> {
    // `meetings` is in date order, so each committee's list is too.
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Committee {
            name: name.clone(),
            slug: slug_or(name, "committee"),
            meetings: (0..meetings.len())
                .filter(|&m| meetings[m].body == i)
                .collect(),
        })
        .collect()
}

/// A paper's topics, each once: "Risk" and "risk" are one topic.
fn distinct_topics(names: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .iter()
        .filter(|n| seen.insert(slug_or(n, "topic")))
        .cloned()
        .collect()
}

/// Every topic of a published paper, by slug; each paper learns the indexes of its own.
fn topics(papers: &mut [Paper], sources: &[PaperSource]) -> Vec<Topic> {
    let mut by_slug: BTreeMap<String, Topic> = BTreeMap::new();
    let mut slugs_of: Vec<Vec<String>> = vec![Vec::new(); papers.len()];
    for (i, src) in sources.iter().enumerate() {
        if papers[i].exempt.is_some() {
            continue;
        }
        for name in distinct_topics(&src.topics) {
            let slug = slug_or(&name, "topic");
            by_slug
                .entry(slug.clone())
                .or_insert_with(|| Topic {
                    name,
                    slug: slug.clone(),
                    papers: Vec::new(),
                })
                .papers
                .push(i);
            slugs_of[i].push(slug);
        }
    }
    let mut topics: Vec<Topic> = by_slug.into_values().collect();
    for t in &mut topics {
        t.papers.sort_by(|&a, &b| {
            (papers[b].date, &papers[b].id).cmp(&(papers[a].date, &papers[a].id))
        });
    }
    for (paper, slugs) in papers.iter_mut().zip(slugs_of) {
        paper.topics = slugs
            .iter()
            .filter_map(|s| topics.binary_search_by(|t| t.slug.cmp(s)).ok())
            .collect();
    }
    topics
}

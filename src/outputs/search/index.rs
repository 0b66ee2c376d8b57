//! The index as a whole: its terms' runs, its documents' shards, the files it writes,
//! and, for `serve`, what it needs to write only the files an edit changes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::pack::{self, Effort, Runs};
use super::{
    BM25_B, BM25_K1, DocTerms, Href, MAX_TERM_BYTES, MEETING, MEETING_SCORE_PERCENT, PlainTexts,
    Source, document, facet_of, fingerprint, positions, sources,
};
use crate::base::output::OutputFile;
use crate::model::Site;
use crate::model::facets::Facets;

/// A term shard's payload (before compression) above this many bytes is split into
/// longer prefixes.
const TERM_SHARD_BYTES: usize = 16 * 1024;
/// Meetings and decisions are short: this many of a kind share a document shard. A
/// paper has one of its own. Counts rather than sizes, so that an edit to a text
/// changes its own shard and no boundary after it.
const MEETINGS_PER_SHARD: usize = 16;
const DECISIONS_PER_SHARD: usize = 32;
/// Document shards are read this many at a time, so that only one batch of texts and
/// word lists is held besides the index being built.
const BATCH: usize = 256;
/// Term shards are compressed this many at a time before being handed on.
const TERM_BATCH: usize = 64;

/// The search index of a site, kept between rebuilds by `serve` (see [`Index::update`]).
pub(crate) struct Index {
    terms: Vec<Term>,
    ids: HashMap<String, u32>,
    /// Term numbers, sorted by term.
    sorted: Vec<u32>,
    docs: Vec<DocState>,
    /// Document shards, as ranges of document numbers.
    shards: Vec<Range<u32>>,
    facets: Facets,
    combos: Vec<(usize, i32, usize)>,
    /// Term shards: key, and the numbers of the terms in it.
    keys: Vec<(String, Vec<u32>)>,
    /// Whether to keep what updates need: each document's terms and fingerprint, and
    /// a hash of every file written.
    keep: bool,
    written: HashMap<String, u64>,
}

struct Term {
    name: String,
    runs: Runs,
}

#[derive(Default)]
struct DocState {
    fingerprint: u64,
    length: u32,
    facet: u32,
    terms: Vec<u32>,
}

/// The files an update changed, and those it removed (paths under the output root).
#[derive(Default)]
pub(crate) struct Update {
    pub files: Vec<OutputFile>,
    pub removed: Vec<String>,
}

/// A document's new tails for a term, or `None` where it no longer has it.
type Tails = Option<(Vec<u8>, Vec<u8>)>;

/// A read document shard: its file, and each document's number, terms and fingerprint.
struct ReadShard {
    file: OutputFile,
    docs: Vec<(u32, DocTerms, u64)>,
}

impl Index {
    /// Builds the index of `site`, handing each file to `each` as it is made, and
    /// returns it. With `keep`, the index keeps what [`Index::update`] needs.
    pub(crate) fn build<E>(
        site: &Site,
        href: Href,
        texts: Option<&PlainTexts>,
        keep: bool,
        mut each: impl FnMut(OutputFile) -> Result<(), E>,
    ) -> Result<Index, E> {
        let sources = sources(site);
        let facets = Facets::new(site);
        let (combos, facet) = combos(site, &sources, &facets);
        let shards = doc_shards(&sources);
        let mut index = Index {
            terms: Vec::new(),
            ids: HashMap::new(),
            sorted: Vec::new(),
            docs: facet
                .into_iter()
                .map(|facet| DocState {
                    facet,
                    ..DocState::default()
                })
                .collect(),
            shards,
            facets,
            combos,
            keys: Vec::new(),
            keep,
            written: HashMap::new(),
        };
        let numbered: Vec<(usize, Range<u32>)> = index.shards.iter().cloned().enumerate().collect();
        for batch in numbered.chunks(BATCH) {
            let read: Vec<ReadShard> = batch
                .par_iter()
                .map(|(n, range)| {
                    read_shard(site, &sources, *n, range.clone(), (href, texts), keep)
                })
                .collect();
            for shard in read {
                for (doc, terms, fingerprint) in shard.docs {
                    index.add(doc, terms, fingerprint);
                }
                index.note(&shard.file);
                each(shard.file)?;
            }
        }
        index.sorted = (0..index.terms.len() as u32).collect();
        let terms = &index.terms;
        index
            .sorted
            .par_sort_unstable_by(|&a, &b| terms[a as usize].name.cmp(&terms[b as usize].name));
        index.keys = split(&index.terms, &index.sorted);
        let all: Vec<usize> = (0..index.keys.len()).collect();
        let mut written = std::mem::take(&mut index.written);
        index.term_files(&all, |file| {
            if keep {
                written.insert(file.path.clone(), hash(&file.bytes));
            }
            each(file)
        })?;
        index.written = written;
        each(index.note_file(index.stats()))?;
        each(index.note_file(index.manifest()))?;
        Ok(index)
    }

    /// The index of `site` kept for updates, and all its files.
    pub(crate) fn new(site: &Site, href: Href) -> (Index, Update) {
        let mut files = Vec::new();
        let index = Index::build(site, href, None, true, |f| {
            files.push(f);
            Ok::<(), std::convert::Infallible>(())
        });
        let Ok(index) = index;
        let update = Update {
            files,
            removed: Vec::new(),
        };
        (index, update)
    }

    /// Brings the index up to date with `site`, returning the files whose bytes
    /// changed and those now gone. Only the documents whose fingerprint changed are
    /// read again, and only the shards holding them or their terms are encoded again.
    /// When the documents are not the same ones as before (a paper added or removed,
    /// a new filter value), the index is built afresh, and still only the files that
    /// differ are returned.
    pub(crate) fn update(&mut self, site: &Site, href: Href) -> Update {
        let sources = sources(site);
        let facets = Facets::new(site);
        let (combos, facet) = combos(site, &sources, &facets);
        let same_documents = self.keep
            && sources.len() == self.docs.len()
            && doc_shards(&sources) == self.shards
            && combos == self.combos
            && facets.bodies == self.facets.bodies
            && facets.kinds == self.facets.kinds
            && facet.iter().zip(&self.docs).all(|(f, d)| *f == d.facet);
        if !same_documents {
            return self.rebuild(site, href);
        }
        let fingerprints: Vec<u64> = sources
            .par_iter()
            .map(|&s| fingerprint(site, s, href))
            .collect();
        let changed: Vec<u32> = (0..sources.len() as u32)
            .filter(|&d| fingerprints[d as usize] != self.docs[d as usize].fingerprint)
            .collect();
        let mut update = Update::default();
        if changed.is_empty() {
            return update;
        }
        let (changes, added) = self.reread(site, &sources, &changed, href, &mut update);
        let dirty = self.apply(changes);
        if added {
            self.resort();
        }
        self.rewrite_terms(&dirty, &mut update);
        update
    }

    /// Reads the `changed` documents again (and writes their shards anew): for each
    /// term they had or have, the new tails of each document's entry. Also whether a
    /// term is new to the index.
    fn reread(
        &mut self,
        site: &Site,
        sources: &[Source],
        changed: &[u32],
        href: Href,
        update: &mut Update,
    ) -> (BTreeMap<u32, BTreeMap<u32, Tails>>, bool) {
        let dirty_shards: BTreeSet<usize> = changed.iter().map(|&d| self.shard_of(d)).collect();
        let read: Vec<ReadShard> = dirty_shards
            .par_iter()
            .map(|&n| read_shard(site, sources, n, self.shards[n].clone(), (href, None), true))
            .collect();
        let mut changes: BTreeMap<u32, BTreeMap<u32, Tails>> = BTreeMap::new();
        let mut added = false;
        for shard in read {
            for (doc, terms, fingerprint) in shard.docs {
                if fingerprint == self.docs[doc as usize].fingerprint {
                    continue;
                }
                for &t in &self.docs[doc as usize].terms {
                    changes.entry(t).or_default().insert(doc, None);
                }
                let mut ids = Vec::with_capacity(terms.terms.len());
                for (name, in_title, weight, at) in terms.terms {
                    let (id, new) = self.intern(name);
                    added |= new;
                    ids.push(id);
                    let tails = pack::tails(in_title, weight, &at);
                    changes.entry(id).or_default().insert(doc, Some(tails));
                }
                let state = &mut self.docs[doc as usize];
                state.terms = ids;
                state.length = terms.weighted;
                state.fingerprint = fingerprint;
            }
            self.keep_if_changed(shard.file, update);
        }
        (changes, added)
    }

    /// Splices `changes` into the terms' runs; returns the terms whose runs changed.
    /// Most of an edited paper's terms keep their entries, and their shards need not be
    /// compressed again.
    fn apply(&mut self, changes: BTreeMap<u32, BTreeMap<u32, Tails>>) -> BTreeSet<u32> {
        let replaced: Vec<(u32, Runs)> = changes
            .into_par_iter()
            .filter_map(|(t, list)| {
                let list: Vec<_> = list.into_iter().collect();
                let old = &self.terms[t as usize].runs;
                let new = old.replaced(&list);
                let same = new.postings == old.postings && new.positions == old.positions;
                (!same).then_some((t, new))
            })
            .collect();
        let dirty = replaced.iter().map(|r| r.0).collect();
        for (t, runs) in replaced {
            self.terms[t as usize].runs = runs;
        }
        dirty
    }

    /// Splits the terms into shards again and writes anew the shards whose key or terms
    /// changed or hold a `dirty` term, the document table, and the manifest if its
    /// bytes changed.
    fn rewrite_terms(&mut self, dirty: &BTreeSet<u32>, update: &mut Update) {
        let keys = split(&self.terms, &self.sorted);
        let stale: Vec<usize> = (0..keys.len())
            .filter(|&n| {
                self.keys.get(n) != Some(&keys[n]) || keys[n].1.iter().any(|t| dirty.contains(t))
            })
            .collect();
        for n in keys.len()..self.keys.len() {
            for dir in ["t", "p"] {
                let path = format!("search/{dir}/{n}.js");
                self.written.remove(&path);
                update.removed.push(path);
            }
        }
        self.keys = keys;
        let mut files = Vec::new();
        let _ = self.term_files(&stale, |f| {
            files.push(f);
            Ok::<(), ()>(())
        });
        files.push(self.stats());
        files.push(self.manifest());
        for file in files {
            self.keep_if_changed(file, update);
        }
    }

    /// [`Index::update`] when the documents are not the same ones: a new index, and
    /// the files that differ from this one's.
    fn rebuild(&mut self, site: &Site, href: Href) -> Update {
        let before = std::mem::take(&mut self.written);
        let (fresh, all) = Index::new(site, href);
        *self = fresh;
        let mut update = Update::default();
        for file in all.files {
            if before.get(&file.path) != Some(&hash(&file.bytes)) {
                update.files.push(file);
            }
        }
        update.removed = before
            .into_keys()
            .filter(|p| !self.written.contains_key(p))
            .collect();
        update.removed.sort();
        update
    }

    fn keep_if_changed(&mut self, file: OutputFile, update: &mut Update) {
        let h = hash(&file.bytes);
        if self.written.insert(file.path.clone(), h) != Some(h) {
            update.files.push(file);
        }
    }

    fn note(&mut self, file: &OutputFile) {
        if self.keep {
            self.written.insert(file.path.clone(), hash(&file.bytes));
        }
    }

    fn note_file(&mut self, file: OutputFile) -> OutputFile {
        self.note(&file);
        file
    }

    fn shard_of(&self, doc: u32) -> usize {
        self.shards.partition_point(|r| r.end <= doc)
    }

    /// The term's number, and whether it is new.
    fn intern(&mut self, name: String) -> (u32, bool) {
        if let Some(&id) = self.ids.get(&name) {
            return (id, false);
        }
        let id = self.terms.len() as u32;
        self.ids.insert(name.clone(), id);
        self.terms.push(Term {
            name,
            runs: Runs::default(),
        });
        (id, true)
    }

    /// Adds document `doc`'s terms; documents come in order.
    fn add(&mut self, doc: u32, read: DocTerms, fingerprint: u64) {
        let mut ids = Vec::new();
        for (name, in_title, weight, at) in read.terms {
            let (id, _) = self.intern(name);
            self.terms[id as usize]
                .runs
                .push_occurrences(doc, in_title, weight, &at);
            if self.keep {
                ids.push(id);
            }
        }
        let state = &mut self.docs[doc as usize];
        state.length = read.weighted;
        state.fingerprint = fingerprint;
        state.terms = ids;
    }

    fn resort(&mut self) {
        let terms = &self.terms;
        let mut sorted: Vec<u32> = (0..terms.len() as u32).collect();
        sorted.par_sort_unstable_by(|&a, &b| terms[a as usize].name.cmp(&terms[b as usize].name));
        self.sorted = sorted;
    }

    /// Encodes the term shards numbered in `which`, postings (`t/`) and positions
    /// (`p/`), handing them to `each` a batch at a time.
    fn term_files<E>(
        &self,
        which: &[usize],
        mut each: impl FnMut(OutputFile) -> Result<(), E>,
    ) -> Result<(), E> {
        for batch in which.chunks(TERM_BATCH) {
            let made: Vec<[OutputFile; 2]> = batch
                .par_iter()
                .map(|&n| term_shard(&self.terms, n, &self.keys[n]))
                .collect();
            for file in made.into_iter().flatten() {
                each(file)?;
            }
        }
        Ok(())
    }

    /// `stats.js`: each document's length (for ranking) and facet combination (for
    /// filters), as varints.
    fn stats(&self) -> OutputFile {
        let mut payload = Vec::with_capacity(self.docs.len() * 3);
        for d in &self.docs {
            pack::varint(&mut payload, d.length);
            pack::varint(&mut payload, d.facet);
        }
        OutputFile {
            path: "search/stats.js".to_string(),
            bytes: pack::script(
                "stats",
                &self.docs.len().to_string(),
                &payload,
                Effort::Numbers,
            ),
        }
    }

    fn manifest(&self) -> OutputFile {
        let meeting = self.facets.kinds.iter().position(|k| k == MEETING);
        let m = Manifest {
            v: 2,
            docs: self.docs.len(),
            keys: self.keys.iter().map(|k| k.0.as_str()).collect(),
            starts: self.shards.iter().map(|r| r.start).collect(),
            facets: &self.combos,
            bodies: &self.facets.bodies,
            kinds: &self.facets.kinds,
            rank: Rank {
                k1: BM25_K1,
                b: BM25_B,
                meeting,
                meeting_percent: MEETING_SCORE_PERCENT,
            },
        };
        let text = format!("window.__ppSearch.manifest({});\n", json(&m));
        OutputFile {
            path: "search/manifest.js".to_string(),
            bytes: text.into_bytes(),
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The distinct `(body, year, kind)` combinations (as indexes into `facets`), and each
/// document's combination number.
fn combos(
    site: &Site,
    sources: &[Source],
    facets: &Facets,
) -> (Vec<(usize, i32, usize)>, Vec<u32>) {
    let pos = |list: &[String], v: &str| list.iter().position(|x| x == v).unwrap_or(0);
    let of: Vec<(usize, i32, usize)> = sources
        .iter()
        .map(|&s| {
            let (b, y, k) = facet_of(site, s);
            (pos(&facets.bodies, b), y, pos(&facets.kinds, k))
        })
        .collect();
    let combos: Vec<(usize, i32, usize)> = of
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let numbers = of
        .iter()
        .map(|c| combos.binary_search(c).unwrap_or(0) as u32)
        .collect();
    (combos, numbers)
}

/// Document shards: a paper alone, meetings and decisions in runs of a fixed count.
fn doc_shards(sources: &[Source]) -> Vec<Range<u32>> {
    let per = |s: Source| match s {
        Source::Paper(_) => 1,
        Source::Meeting(_) => MEETINGS_PER_SHARD,
        Source::Decision(_) => DECISIONS_PER_SHARD,
    };
    let kind = |s: Source| std::mem::discriminant(&s);
    let mut shards = Vec::new();
    let mut start = 0;
    for i in 1..=sources.len() {
        let cut = i == sources.len()
            || kind(sources[i]) != kind(sources[start])
            || i - start == per(sources[start]);
        if cut {
            shards.push(start as u32..i as u32);
            start = i;
        }
    }
    shards
}

/// Reads the documents of shard `n` and encodes it: `d/N.js`, the documents as JSON.
fn read_shard(
    site: &Site,
    sources: &[Source],
    n: usize,
    range: Range<u32>,
    (href, texts): (Href, Option<&PlainTexts>),
    keep: bool,
) -> ReadShard {
    let mut json = Vec::from(b"[".as_slice());
    let mut docs = Vec::with_capacity(range.len());
    for d in range {
        let source = sources[d as usize];
        let doc = document(site, source, href, texts);
        if json.len() > 1 {
            json.push(b',');
        }
        // Serializing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut json, &doc);
        let print = if keep {
            fingerprint(site, source, href)
        } else {
            0
        };
        docs.push((d, positions(&doc), print));
    }
    json.push(b']');
    ReadShard {
        file: OutputFile {
            path: format!("search/d/{n}.js"),
            bytes: pack::script("docs", &n.to_string(), &json, Effort::Text),
        },
        docs,
    }
}

/// A term's entry in a term shard's payload: `nameLength, name, documents,
/// postingsLength, postings`.
fn term_entry(out: &mut Vec<u8>, term: &Term) {
    pack::varint(out, term.name.len() as u32);
    out.extend_from_slice(term.name.as_bytes());
    pack::varint(out, term.runs.count);
    pack::varint(out, term.runs.postings.len() as u32);
    out.extend_from_slice(&term.runs.postings);
}

/// A term's entry in a position shard's payload: `nameLength, name, positionsLength,
/// positions`.
fn positions_entry(out: &mut Vec<u8>, term: &Term) {
    pack::varint(out, term.name.len() as u32);
    out.extend_from_slice(term.name.as_bytes());
    pack::varint(out, term.runs.positions.len() as u32);
    out.extend_from_slice(&term.runs.positions);
}

fn entry_len(term: &Term) -> usize {
    term.name.len() + term.runs.postings.len() + 12
}

fn term_shard(terms: &[Term], n: usize, (key, members): &(String, Vec<u32>)) -> [OutputFile; 2] {
    let mut t = Vec::new();
    let mut p = Vec::new();
    for &m in members {
        term_entry(&mut t, &terms[m as usize]);
        positions_entry(&mut p, &terms[m as usize]);
    }
    let key = json(key);
    [
        OutputFile {
            path: format!("search/t/{n}.js"),
            bytes: pack::script("shard", &key, &t, Effort::Numbers),
        },
        OutputFile {
            path: format!("search/p/{n}.js"),
            bytes: pack::script("positions", &key, &p, Effort::Numbers),
        },
    ]
}

/// Groups the terms (in `sorted` order; those no document has left out) into shards by
/// their first characters: one character, and one more for a group whose payload is
/// too large, its terms of exactly that length staying behind. A work list rather than
/// recursion: terms are at most [`MAX_TERM_BYTES`] long, so no group is split more than
/// that many times, and no input can exhaust the stack. Returned in key order.
fn split(terms: &[Term], sorted: &[u32]) -> Vec<(String, Vec<u32>)> {
    let live: Vec<&Term> = sorted
        .iter()
        .map(|&t| &terms[t as usize])
        .filter(|t| t.runs.count > 0)
        .collect();
    let ids: Vec<u32> = sorted
        .iter()
        .copied()
        .filter(|&t| terms[t as usize].runs.count > 0)
        .collect();
    let mut out: Vec<(String, Vec<u32>)> = Vec::new();
    let mut work = vec![(0, live.len(), 1)];
    while let Some((from, to, depth)) = work.pop() {
        debug_assert!(depth <= MAX_TERM_BYTES + 1);
        let mut start = from;
        while start < to {
            let key = prefix(&live[start].name, depth);
            let end = start
                + live[start..to]
                    .iter()
                    .take_while(|t| prefix(&t.name, depth) == key)
                    .count();
            let group = &live[start..end];
            let bytes: usize = group.iter().map(|t| entry_len(t)).sum();
            let short = group
                .iter()
                .take_while(|t| t.name.chars().count() <= depth)
                .count();
            if bytes > TERM_SHARD_BYTES && short < group.len() {
                if short > 0 {
                    out.push((key.to_string(), ids[start..start + short].to_vec()));
                }
                work.push((start + short, end, depth + 1));
            } else {
                out.push((key.to_string(), ids[start..end].to_vec()));
            }
            start = end;
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The first `depth` characters of `term`.
fn prefix(term: &str, depth: usize) -> &str {
    term.char_indices()
        .nth(depth)
        .map_or(term, |(at, _)| &term[..at])
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Format version, for themes that read the index.
    v: u32,
    docs: usize,
    keys: Vec<&'a str>,
    starts: Vec<u32>,
    /// Facet combinations `[body, year, kind]` (indexes into the lists below), which
    /// `stats.js` refers to by number.
    facets: &'a [(usize, i32, usize)],
    bodies: &'a [String],
    kinds: &'a [String],
    rank: Rank,
}

/// What the browser ranks by (BM25 over the weights in the postings).
#[derive(Serialize)]
struct Rank {
    k1: f64,
    b: f64,
    /// The kind number of meetings, whose scores are scaled by `meeting_percent`.
    meeting: Option<usize>,
    meeting_percent: u32,
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

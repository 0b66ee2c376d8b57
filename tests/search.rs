//! The search index under `search/`: its shards are read back as the browser reads them
//! (the script wrapper stripped, the JSON parsed) to check what each term finds.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Fixture, meeting, paper, snapshot};
use serde_json::Value;

/// The JSON inside `window.__ppSearch.<call>(<args>);`, as an array of the arguments.
fn unwrap_script(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let open = text.find('(').expect("a call");
    let inner = text.trim_end().strip_suffix(");").expect("ends with );");
    let args: Value = serde_json::from_str(&format!("[{}]", &inner[open + 1..]))
        .unwrap_or_else(|e| panic!("{}: not JSON inside the wrapper: {e}", path.display()));
    assert!(
        text.starts_with("window.__ppSearch."),
        "{} is not a search shard",
        path.display()
    );
    args.as_array().unwrap().clone()
}

/// The bytes of a packed payload (base64 of zlib), as `search.js` unpacks it.
fn unpack(packed: &Value) -> Vec<u8> {
    use base64::Engine as _;
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(packed.as_str().expect("a packed string"))
        .expect("base64");
    let mut out = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::ZlibDecoder::new(&compressed[..]),
        &mut out,
    )
    .expect("zlib");
    out
}

/// A shard's first argument and its unpacked payload.
fn packed_file(path: &Path) -> (Value, Vec<u8>) {
    let args = unwrap_script(path);
    assert_eq!(args.len(), 2, "{}: a name and a payload", path.display());
    (args[0].clone(), unpack(&args[1]))
}

fn varint(bytes: &[u8], at: &mut usize) -> u64 {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

/// A term or position shard's payload: term -> (documents, runs).
fn runs(bytes: &[u8], with_count: bool) -> BTreeMap<String, (u64, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut at = 0;
    while at < bytes.len() {
        let n = varint(bytes, &mut at) as usize;
        let name = String::from_utf8(bytes[at..at + n].to_vec()).expect("UTF-8 term");
        at += n;
        let count = if with_count {
            varint(bytes, &mut at)
        } else {
            0
        };
        let len = varint(bytes, &mut at) as usize;
        assert!(
            out.insert(name, (count, bytes[at..at + len].to_vec()))
                .is_none()
        );
        at += len;
    }
    out
}

/// Reads the index of a built site the way `search.js` does.
struct Index {
    dir: std::path::PathBuf,
    manifest: Value,
    lengths: Vec<u64>,
    facets: Vec<u64>,
}

impl Index {
    fn open(output: &Path) -> Self {
        let dir = output.join("search");
        let manifest = unwrap_script(&dir.join("manifest.js")).remove(0);
        let (n, stats) = packed_file(&dir.join("stats.js"));
        let (mut lengths, mut facets, mut at) = (Vec::new(), Vec::new(), 0);
        while at < stats.len() {
            lengths.push(varint(&stats, &mut at));
            facets.push(varint(&stats, &mut at));
        }
        assert_eq!(n.as_u64(), Some(lengths.len() as u64));
        assert_eq!(manifest["docs"].as_u64(), Some(lengths.len() as u64));
        Index {
            dir,
            manifest,
            lengths,
            facets,
        }
    }

    fn keys(&self) -> Vec<String> {
        self.manifest["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    }

    /// The shard that must hold `term`: the longest key that starts it.
    fn shard_for(&self, term: &str) -> Option<(usize, String)> {
        let keys = self.keys();
        let chars: Vec<char> = term.chars().collect();
        (1..=chars.len()).rev().find_map(|n| {
            let key: String = chars[..n].iter().collect();
            keys.iter().position(|k| *k == key).map(|i| (i, key))
        })
    }

    fn shard(&self, n: usize) -> (String, BTreeMap<String, (u64, Vec<u8>)>) {
        let (key, bytes) = packed_file(&self.dir.join(format!("t/{n}.js")));
        (key.as_str().unwrap().to_string(), runs(&bytes, true))
    }

    /// A document's score for a term, as `search.js` ranks: BM25 over the weights.
    fn score(&self, doc: u64, weight: u64, count: u64) -> u64 {
        let rank = &self.manifest["rank"];
        let (k1, b) = (rank["k1"].as_f64().unwrap(), rank["b"].as_f64().unwrap());
        let n = self.lengths.len().max(1) as f64;
        let avg = (self.lengths.iter().sum::<u64>() as f64 / n).max(1.0);
        let idf = (1.0 + (n - count as f64 + 0.5) / (count as f64 + 0.5)).ln();
        let norm = k1 * (1.0 - b + b * self.lengths[doc as usize] as f64 / avg);
        let w = weight as f64;
        let bm25 = idf * w * (k1 + 1.0) / (w + norm);
        let combo = &self.manifest["facets"][self.facets[doc as usize] as usize];
        let percent = if combo[2] == rank["meeting"] {
            rank["meeting_percent"].as_f64().unwrap()
        } else {
            100.0
        };
        ((bm25 * percent).round() as u64).max(1)
    }

    /// (document number, score, facet, in title) for each document with `term`.
    fn postings(&self, term: &str) -> Vec<(u64, u64, u64, bool)> {
        let Some((n, key)) = self.shard_for(term) else {
            return Vec::new();
        };
        let (named, terms) = self.shard(n);
        assert_eq!(named, key, "shard {n} names its own key");
        let Some((count, bytes)) = terms.get(term) else {
            return Vec::new();
        };
        let (mut doc, mut at, mut out) = (0, 0, Vec::new());
        for _ in 0..*count {
            doc += varint(bytes, &mut at);
            let w = varint(bytes, &mut at);
            let score = self.score(doc, w / 2, *count);
            out.push((doc, score, self.facets[doc as usize], w & 1 == 1));
        }
        assert_eq!(
            at,
            bytes.len(),
            "{term}: {count} postings and nothing after"
        );
        out
    }

    /// (document number, word positions) for each document with `term`.
    fn positions(&self, term: &str) -> Vec<(u64, Vec<u64>)> {
        let Some((n, key)) = self.shard_for(term) else {
            return Vec::new();
        };
        let (named, bytes) = packed_file(&self.dir.join(format!("p/{n}.js")));
        assert_eq!(named, key.as_str());
        let terms = runs(&bytes, false);
        let Some((_, bytes)) = terms.get(term) else {
            return Vec::new();
        };
        let (mut doc, mut at, mut out) = (0, 0, Vec::new());
        while at < bytes.len() {
            doc += varint(bytes, &mut at);
            let count = varint(bytes, &mut at);
            let mut p = 0;
            let list = (0..count)
                .map(|_| {
                    p += varint(bytes, &mut at);
                    p
                })
                .collect();
            out.push((doc, list));
        }
        out
    }

    fn doc(&self, n: u64) -> Value {
        let starts: Vec<u64> = self.manifest["starts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let shard = starts.iter().rposition(|&s| s <= n).unwrap();
        let (named, bytes) = packed_file(&self.dir.join(format!("d/{shard}.js")));
        assert_eq!(named.as_u64(), Some(shard as u64));
        let docs: Value = serde_json::from_slice(&bytes).expect("documents as JSON");
        docs[(n - starts[shard]) as usize].clone()
    }

    /// Titles of the documents with `term`, best first as the page would rank them.
    fn titles(&self, term: &str) -> Vec<String> {
        let mut hits = self.postings(term);
        hits.sort_by(|a, b| b.3.cmp(&a.3).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        hits.iter()
            .map(|h| self.doc(h.0)["t"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Every file under `search/` as the browser reads it: packed payloads unpacked.
fn unpacked(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let path = dir.join(&rel);
            let raw = std::fs::read(&path).unwrap();
            if !rel.ends_with(".js") {
                return (rel, raw); // the search page itself
            }
            let bytes = match unwrap_script(&path).get(1) {
                Some(packed) if packed.is_string() => unpack(packed),
                _ => raw,
            };
            (rel, bytes)
        })
        .collect()
}

fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting("date: 2024-02-06\nstatus: held\nvenue: Quillborough Hall\nagenda:\n  - item: \"1\"\n    title: Apologies"),
    );
    f.write(
        "content/2024-02-06/b1-drones.md",
        &paper(
            "title: Drone patrols\ndate: 2024-01-26\nitem: B1\nrecommendations:\n  - That the Panel notes the heliport costs.",
            "1. The zebrafish survey found that drones scare wildlife.\n2. Drones drones drones.",
        ),
    );
    f.write(
        "content/2024-02-06/b2-budget.md",
        &paper(
            "title: Budget monitoring\ndate: 2024-01-26\nitem: B2\ndecisions:\n  - ref: TP/24/02\n    item: B2\n    text: The Panel agreed the kettlebell budget.",
            "The budget mentions drones once.",
        ),
    );
    f.write(
        "content/2024-02-06/g1-contract.md",
        &paper(
            "title: Contract award for Vorpal services\ndate: 2024-01-26\nitem: G1\nexempt: \"Paragraph 3: REASON-MARKER\"\nrecommendations:\n  - SECRET-REC-MARKER\ndecisions:\n  - ref: SECRET-REF-MARKER\n    text: SECRET-DECISION-MARKER",
            "SECRET-BODY-MARKER zebrafish",
        ),
    );
    f
}

#[test]
fn terms_lead_to_the_papers_meetings_and_decisions_that_hold_them() {
    let f = site();
    f.build_ok();
    let index = Index::open(&f.output());
    assert_eq!(index.titles("zebrafish"), ["Drone patrols"]);
    assert_eq!(
        index.titles("heliport"),
        ["Drone patrols"],
        "recommendations are indexed"
    );
    assert_eq!(
        index.titles("quillborough").len(),
        1,
        "venue of the meeting"
    );
    let meeting = index.doc(index.postings("quillborough")[0].0);
    assert_eq!(meeting["k"], "Meeting");
    assert_eq!(meeting["u"], "meetings/2024-02-06/index.html");
    let decision = index.doc(index.postings("kettlebell")[0].0);
    assert_eq!(decision["k"], "Decision");
    assert_eq!(decision["i"], "B2");
    let url = decision["u"].as_str().unwrap();
    let (page, anchor) = url.split_once('#').expect("a decision links to its anchor");
    let html = f.page(page);
    assert_eq!(
        common::attrs(&html, &format!("[id='{anchor}']"), "id").len(),
        1,
        "{url} points at the decision"
    );
    assert!(index.postings("nonexistentword").is_empty());
}

#[test]
fn title_hits_rank_first_and_are_flagged() {
    let f = site();
    f.build_ok();
    let index = Index::open(&f.output());
    // "drones" is in the second paper's text only; "drone" is in the first one's title.
    let titles = index.titles("drones");
    assert_eq!(
        titles,
        ["Drone patrols", "Budget monitoring"],
        "more often ranks higher"
    );
    // "drone" is in the paper's title, and in its meeting's agenda text.
    let drone = index.postings("drone");
    let flagged: Vec<bool> = drone.iter().map(|p| p.3).collect();
    let flagged_titles: Vec<String> = drone
        .iter()
        .filter(|p| p.3)
        .map(|p| index.doc(p.0)["t"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(flagged_titles, ["Drone patrols"], "{flagged:?}");
    assert_eq!(drone.len(), 2);
    assert_eq!(index.titles("drone")[0], "Drone patrols");
    let budget = index.postings("budget");
    let first = index.doc(budget.iter().find(|p| p.3).unwrap().0);
    assert_eq!(index.titles("budget")[0], first["t"].as_str().unwrap());
}

#[test]
fn exempt_papers_enter_by_title_only() {
    let f = site();
    f.build_ok();
    let index = Index::open(&f.output());
    // Its title is public: on its page, and on its meeting's agenda.
    assert_eq!(
        index.titles("vorpal"),
        [
            "Contract award for Vorpal services",
            "Tuesday 6 February 2024"
        ]
    );
    let doc = index.doc(index.postings("vorpal")[0].0);
    assert_eq!(doc["x"], "", "no text of an exempt paper");
    assert_eq!(
        index.titles("zebrafish"),
        ["Drone patrols"],
        "the exempt body's words find nothing"
    );
    for (path, bytes) in unpacked(&f.output().join("search")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for marker in ["secret", "marker", "reason"] {
            assert!(!text.contains(marker), "search/{path} holds `{marker}`");
        }
    }
}

#[test]
fn filters_have_facets_for_every_document() {
    let f = site();
    f.write(
        "content/2025-03-04/_meeting.md",
        &meeting("date: 2025-03-04\nbody: Complaints Sub-Committee"),
    );
    f.write(
        "content/2025-03-04/1-zebrafish.md",
        &paper(
            "title: Zebrafish again\ndate: 2025-03-01\nkind: notes",
            "Notes.",
        ),
    );
    f.build_ok();
    let index = Index::open(&f.output());
    let m = &index.manifest;
    let facet = |p: &(u64, u64, u64, bool)| {
        let c = &m["facets"][p.2 as usize];
        (
            m["bodies"][c[0].as_u64().unwrap() as usize].clone(),
            c[1].as_i64().unwrap(),
            m["kinds"][c[2].as_u64().unwrap() as usize].clone(),
        )
    };
    let hits = index.postings("zebrafish");
    let mut facets: Vec<_> = hits.iter().map(facet).collect();
    facets.sort_by_key(|f| (f.1, f.2.as_str().map(|k| k == "Meeting")));
    assert_eq!(
        facets,
        [
            ("Testshire Panel".into(), 2024, "Report".into()),
            ("Complaints Sub-Committee".into(), 2025, "Notes".into()),
            // The meeting, whose agenda lists the paper.
            ("Complaints Sub-Committee".into(), 2025, "Meeting".into()),
        ]
    );
    // The search page offers exactly the manifest's bodies and kinds.
    let page = f.page("search/index.html");
    let options = |id: &str| -> Vec<String> {
        common::attrs(&page, &format!("#{id} option"), "value")
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect()
    };
    let listed = |key: &str| -> Vec<String> {
        m[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let mut bodies = options("search-body");
    bodies.sort();
    assert_eq!(bodies, listed("bodies"));
    assert_eq!(options("search-kind"), listed("kinds"));
    assert_eq!(options("search-year"), ["2025", "2024"]);
}

#[test]
fn large_shards_split_into_longer_prefixes_and_every_term_is_found_once() {
    let f = site();
    let words: Vec<String> = (0..4000).map(|n| format!("alpha{n:04}")).collect();
    f.write(
        "content/2024-02-06/c1-long.md",
        &paper("title: Long\ndate: 2024-01-26\nitem: C1", &words.join(" ")),
    );
    f.build_ok();
    let index = Index::open(&f.output());
    let keys = index.keys();
    assert!(
        keys.iter().any(|k| k.chars().count() > 2),
        "the `a` shard should have split: {keys:?}"
    );
    let mut seen = std::collections::BTreeMap::new();
    for (n, named) in keys.iter().enumerate() {
        let (key, terms) = index.shard(n);
        assert_eq!(&key, named);
        for term in terms.keys() {
            assert_eq!(
                index.shard_for(term).map(|s| s.1),
                Some(key.clone()),
                "{term} is in the shard its longest key names"
            );
            assert!(seen.insert(term.clone(), n).is_none(), "{term} twice");
        }
    }
    for w in words.iter().step_by(397) {
        assert_eq!(index.titles(w), ["Long"], "{w}");
    }
    let biggest = snapshot(&f.output().join("search/t"))
        .values()
        .map(Vec::len)
        .max()
        .unwrap();
    assert!(biggest < 64 * 1024, "a term shard of {biggest} bytes");
}

#[test]
fn same_content_builds_the_same_index_bytes() {
    let f = site();
    f.build_ok();
    let first = snapshot(&f.output().join("search"));
    std::fs::remove_dir_all(f.output()).unwrap();
    f.build_ok();
    assert_eq!(first, snapshot(&f.output().join("search")));
}

#[test]
fn links_follow_the_site_link_scheme() {
    let f = site();
    f.write(
        "site.toml",
        &format!(
            "{}base_url = \"https://panel.example.org/papers/\"\n",
            common::SITE_TOML
        ),
    );
    f.build_ok();
    let index = Index::open(&f.output());
    let doc = index.doc(index.postings("zebrafish")[0].0);
    let url = doc["u"].as_str().unwrap();
    assert!(
        url.ends_with('/') && !url.contains("index.html"),
        "pretty link with base_url: {url}"
    );
    let form = f.page("index.html");
    assert_eq!(
        common::attrs(&form, "form.site-search", "action"),
        ["https://panel.example.org/papers/search/"]
    );
}

#[test]
fn every_page_but_the_search_page_has_a_labelled_search_box_leading_to_it() {
    let f = site();
    f.build_ok();
    for (rel, _) in snapshot(&f.output())
        .into_iter()
        .filter(|(r, _)| r.ends_with(".html") && r != "404.html" && r != "search/index.html")
    {
        let html = f.page(&rel);
        let action = common::attrs(&html, "form.site-search[method=get]", "action");
        assert_eq!(action.len(), 1, "{rel} has one header search form");
        let (target, _) = common::resolve(&f.output(), &rel, &action[0]);
        assert_eq!(target, f.output().join("search/index.html"), "{rel}");
        assert_eq!(
            common::attrs(&html, "form.site-search input[type=search]", "name"),
            ["q"]
        );
        // A visible hint in the box, and a label tied to it for screen readers.
        let hint = common::attrs(&html, "form.site-search input", "placeholder");
        assert!(
            hint.len() == 1 && !hint[0].trim().is_empty(),
            "{rel}: {hint:?}"
        );
        let id = common::attrs(&html, "form.site-search input", "id");
        let label = common::texts(&html, &format!("form.site-search label[for={}]", id[0]));
        assert!(label.len() == 1 && !label[0].is_empty(), "{rel}: {label:?}");
    }
    let search = f.page("search/index.html");
    // The search page's own form is its only search box: two would ask twice.
    assert_eq!(search.select(&common::sel("input[type=search]")).count(), 1);
    assert!(common::attrs(&search, "form.site-search", "action").is_empty());
    let noscript = common::texts(&search, "noscript");
    assert!(noscript[0].contains("JavaScript"), "{noscript:?}");
}

#[test]
fn decisions_are_named_by_ref_or_by_a_title_that_does_not_repeat_decision() {
    let f = site();
    f.write(
        "content/2024-02-06/c1-record.md",
        &paper(
            "title: \"Decision PCC/7: quokka grant\"\ndate: 2024-01-26\nitem: C1\nkind: decision\ndecisions:\n  - text: The Commissioner approved the quokka grant.",
            "Text.",
        ),
    );
    f.write(
        "content/2024-02-06/c2-other.md",
        &paper(
            "title: Wombat review\ndate: 2024-01-26\nitem: C2\ndecisions:\n  - text: The Panel noted the wombat review.",
            "Text.",
        ),
    );
    f.build_ok();
    let index = Index::open(&f.output());
    let mut quokka = index.titles("quokka");
    quokka.sort();
    // The paper, its decision, and the meeting whose agenda lists it.
    let meeting = "Tuesday 6 February 2024";
    assert_eq!(
        quokka,
        [
            "Decision PCC/7: quokka grant",
            "Decision PCC/7: quokka grant",
            meeting
        ]
    );
    let mut wombat = index.titles("wombat");
    wombat.sort();
    assert_eq!(
        wombat,
        ["Decision: Wombat review", meeting, "Wombat review"]
    );
    let kettlebell = index.titles("kettlebell");
    assert_eq!(kettlebell, ["Decision TP/24/02: Budget monitoring"]);
}

/// A committee whose name holds a word ("Pelican") that the papers use too.
fn pelican_site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"Pelican Panel papers\"\ndefault_body = \"Pelican Panel\"\n",
    );
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting("date: 2024-02-06\nstatus: held\nvenue: Shire Hall\nagenda:\n  - item: \"1\"\n    title: Apologies"),
    );
    f.write(
        "content/2024-02-06/b1-pelican.md",
        &paper(
            "title: Pelican habitat survey\ndate: 2024-01-26\nitem: B1",
            "1. The pelican survey counted birds.",
        ),
    );
    f.write(
        "content/2024-02-06/b2-budget.md",
        &paper(
            "title: Budget monitoring\ndate: 2024-01-26\nitem: B2\ndecisions:\n  - item: B2\n    text: The budget was noted.",
            "1. The pelican fund is on budget.",
        ),
    );
    f.write(
        "content/2024-02-06/b3-notes.md",
        &paper(
            "title: Notes of the briefing\ndate: 2024-01-26\nitem: B3",
            "1. The Chair sent apologies for the late start of a briefing that went on to cover the estate, the fleet, the custody suite and the control room in some detail.",
        ),
    );
    f
}

#[test]
fn the_committee_name_is_a_filter_not_part_of_titles_or_searched_text() {
    let f = pelican_site();
    f.build_ok();
    let index = Index::open(&f.output());
    // The committee's name is in no title or text: only the papers that use the word.
    let found = index.postings("pelican");
    let titles: Vec<String> = found
        .iter()
        .map(|p| index.doc(p.0)["t"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles.contains(&"Pelican habitat survey".to_string())
            && titles.contains(&"Budget monitoring".to_string()),
        "{titles:?}"
    );
    let in_title: Vec<&String> = found
        .iter()
        .zip(&titles)
        .filter(|(p, _)| p.3)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        in_title,
        ["Pelican habitat survey"],
        "only a real title hit is flagged"
    );
    // The meeting is found by its agenda (a paper's title), not by the committee name;
    // the decision not at all, as its text lacks the word.
    let kinds: Vec<String> = found
        .iter()
        .map(|p| index.doc(p.0)["k"].as_str().unwrap().to_string())
        .collect();
    assert!(!kinds.contains(&"Decision".to_string()), "{kinds:?}");
    let meeting = index
        .postings("apologies")
        .iter()
        .map(|p| index.doc(p.0))
        .find(|d| d["k"] == "Meeting")
        .expect("the meeting");
    assert_eq!(meeting["t"], "Tuesday 6 February 2024");
    assert_eq!(meeting["b"], "Pelican Panel");
    // Who decided is shown with a decision, not searched.
    let decision = index.doc(index.postings("noted")[0].0);
    assert_eq!(decision["k"], "Decision");
    assert_eq!(decision["w"], "Pelican Panel");
    assert!(!decision["x"].as_str().unwrap().contains("Pelican"));
}

#[test]
fn a_meetings_agenda_reads_as_a_list_and_ranks_below_the_papers_on_it() {
    let f = pelican_site();
    f.build_ok();
    let index = Index::open(&f.output());
    let meeting = index
        .postings("apologies")
        .iter()
        .map(|p| index.doc(p.0))
        .find(|d| d["k"] == "Meeting")
        .expect("the meeting");
    assert_eq!(
        meeting["x"],
        "Shire Hall\nAgenda: 1: Apologies · B1: Pelican habitat survey · B2: Budget monitoring · B3: Notes of the briefing\nMeeting notes."
    );
    // "survey" is in the survey paper's title and text and in the meeting's agenda: the
    // meeting, a list of other documents' titles, comes after the paper.
    let ranked = index.titles("survey");
    assert_eq!(
        ranked,
        ["Pelican habitat survey", "Tuesday 6 February 2024"]
    );
    // On score alone too: "apologies" is once in the meeting's agenda and once in a
    // paper's text that is longer than the meeting's, which would make the meeting score
    // higher by length alone; an agenda's mention counts for less.
    let apologies = index.postings("apologies");
    let score = |kind: &str| {
        apologies
            .iter()
            .find(|p| index.doc(p.0)["k"] == kind)
            .map(|p| p.1)
            .unwrap()
    };
    let text = |kind: &str| {
        let p = apologies
            .iter()
            .find(|p| index.doc(p.0)["k"] == kind)
            .unwrap();
        let d = index.doc(p.0);
        format!("{} {}", d["t"], d["x"]).split_whitespace().count()
    };
    assert!(text("Report") > text("Meeting"));
    assert!(score("Meeting") < score("Report"), "{apologies:?}");
}

/// Issue 9, defect 3: `1. ` and 30,000 nines aborted the build with a stack overflow
/// (shard splitting recursed once per character). Words are now cut to
/// `MAX_TERM_BYTES` (64) and splitting is iterative: the binary builds, and the long runs
/// are found under their first 64 bytes.
#[test]
fn defect_3_long_tokens_build_and_are_cut_to_64_bytes() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-02-06"));
    let nines = "9".repeat(30_000);
    // Many long words sharing a prefix make shards that must split, down to the cap.
    let shared: Vec<String> = (0..3_000)
        .map(|i| format!("{}{i:05}", "q".repeat(50)))
        .collect();
    let accents = "é".repeat(20_000);
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Long runs\ndate: 2024-02-01\nitem: B1",
            &format!("1. {nines}\n2. {}\n3. {accents}\n", shared.join(" ")),
        ),
    );
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let index = Index::open(&f.output());
    for key in index.keys() {
        assert!(key.len() <= 64, "shard key of {} bytes", key.len());
    }
    assert_eq!(index.titles(&"9".repeat(64)), ["Long runs"]);
    assert!(index.postings(&"9".repeat(65)).is_empty());
    // 32 two-byte characters: cut on a character boundary.
    assert_eq!(index.titles(&"é".repeat(32)), ["Long runs"]);
    assert_eq!(index.titles(&shared[1234]), ["Long runs"]);
    let deepest = index.keys().iter().map(|k| k.len()).max().unwrap();
    assert!(deepest > 50, "the shared words split {deepest} deep");
    let (_, terms) = index.shard(index.shard_for(&"9".repeat(64)).unwrap().0);
    assert!(terms.keys().all(|t| t.len() <= 64));
}

/// The binary runs read back give exactly the words of every document: for each term,
/// the documents whose title or text has it, at the positions `search::words` finds
/// there (the text's words from 0, the title's from 2^26), with the title flag set
/// where the title has it.
#[test]
fn postings_and_positions_round_trip_to_the_words_of_each_document() {
    use panelpress::internals::search_words as words;
    let f = site();
    f.build_ok();
    let index = Index::open(&f.output());
    let mut want: BTreeMap<String, BTreeMap<u64, (bool, Vec<u64>)>> = BTreeMap::new();
    for n in 0..index.lengths.len() as u64 {
        let doc = index.doc(n);
        let text = words(doc["x"].as_str().unwrap()).zip(0u64..);
        let title = words(doc["t"].as_str().unwrap()).zip(1u64 << 26..);
        for (w, at) in text {
            let entry = want.entry(w).or_default().entry(n).or_default();
            entry.1.push(at);
        }
        for (w, at) in title {
            let entry = want.entry(w).or_default().entry(n).or_default();
            entry.0 = true;
            entry.1.push(at);
        }
    }
    assert!(want.len() > 40, "{} terms", want.len());
    for (term, docs) in &want {
        let got: BTreeMap<u64, Vec<u64>> = index.positions(term).into_iter().collect();
        let expected: BTreeMap<u64, Vec<u64>> =
            docs.iter().map(|(d, (_, at))| (*d, at.clone())).collect();
        assert_eq!(got, expected, "positions of {term}");
        let flags: BTreeMap<u64, bool> = index
            .postings(term)
            .into_iter()
            .map(|p| (p.0, p.3))
            .collect();
        let title: BTreeMap<u64, bool> = docs.iter().map(|(d, (t, _))| (*d, *t)).collect();
        assert_eq!(flags, title, "documents and title flags of {term}");
    }
    // Every term the shards hold is one of those words: nothing else is indexed.
    for n in 0..index.keys().len() {
        for term in index.shard(n).1.keys() {
            assert!(want.contains_key(term), "{term} is in no document");
        }
    }
}

/// `serve` keeps the index between rebuilds and rewrites only the shards an edit
/// changes; after each edit its `search/` must equal a full build's, file by file.
#[test]
fn serve_updates_the_index_to_what_a_full_build_writes() {
    use panelpress::serve::session::Session;
    let dir = common::sample_copy();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let paper = "content/2024/2024-02-06/b1-neighbourhood-policing-review.md";
    let (mut session, first) = Session::new(&root);
    assert!(first.errors.is_none(), "{first}");
    let search = |session: &Session| -> BTreeMap<String, Vec<u8>> {
        session
            .outputs()
            .iter()
            .filter(|(p, _)| p.starts_with("search/") && p.ends_with(".js"))
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect()
    };
    let full = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        let (_, files) = panelpress::internals::render_all(root).expect("full build");
        files
            .into_iter()
            .filter(|f| f.path.starts_with("search/") && f.path.ends_with(".js"))
            .map(|f| (f.path, f.bytes))
            .collect()
    };
    assert_eq!(search(&session), full(&root));
    // Applies one change; returns the search files rewritten and removed.
    let step = |session: &mut Session, path: &Path, what: &str| -> (Vec<String>, Vec<String>) {
        let report = session.update(&[path.to_path_buf()]).expect("a change");
        assert!(report.errors.is_none(), "{what}: {report}");
        let index = session.refresh_whole_site().expect("the index follows");
        let (now, want) = (search(session), full(&root));
        let differing: Vec<&String> = want
            .keys()
            .chain(now.keys())
            .filter(|p| want.get(*p) != now.get(*p))
            .collect();
        assert!(differing.is_empty(), "{what}: differs in {differing:?}");
        (index.rendered, index.removed)
    };
    let edit = |rel: &str, from: &str, to: &str| -> std::path::PathBuf {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    };
    let total = search(&session).len();

    // A text edit: a new word at the end of the paper's text.
    let path = edit(
        paper,
        "local communities.",
        "local communities and the quidnunc forum.",
    );
    let (rewritten, removed) = step(&mut session, &path, "text edit");
    assert!(removed.is_empty(), "{removed:?}");
    assert!(!rewritten.contains(&"search/manifest.js".to_string()));
    let docs: Vec<&String> = rewritten
        .iter()
        .filter(|p| p.starts_with("search/d/"))
        .collect();
    assert_eq!(docs.len(), 1, "the paper's own document shard: {docs:?}");
    let out = session_output(&session);
    let index = Index::open(out.path());
    assert_eq!(index.titles("quidnunc"), ["Neighbourhood policing review"]);
    // Postings change for the words added, and only their term shards are rewritten;
    // positions after the edit move, so position shards are rewritten too.
    let mut want: Vec<String> = ["and", "the", "quidnunc", "forum"]
        .iter()
        .map(|w| format!("search/t/{}.js", index.shard_for(w).unwrap().0))
        .collect();
    want.sort();
    want.dedup();
    let mut terms: Vec<String> = rewritten
        .iter()
        .filter(|p| p.starts_with("search/t/"))
        .cloned()
        .collect();
    terms.sort();
    assert_eq!(terms, want);
    assert!(rewritten.len() < total, "{rewritten:?}");

    // A title edit: the paper, its meeting's agenda and its decisions change.
    let path = edit(
        paper,
        "title: \"Neighbourhood policing review\"",
        "title: \"Review of wapentake policing\"",
    );
    step(&mut session, &path, "title edit");
    let out = session_output(&session);
    let index = Index::open(out.path());
    let mut found = index.titles("wapentake");
    found.sort();
    assert!(
        found.contains(&"Review of wapentake policing".to_string()),
        "{found:?}"
    );
    assert!(index.titles("quidnunc").len() == 1);

    // A paper added, then removed again: documents renumber, files come and go.
    let added = root.join("content/2024/2024-02-06/b3-zymurgy-brief.md");
    std::fs::write(
        &added,
        common::paper(
            "title: Zymurgy brief\ndate: 2024-01-26\nitem: B3",
            "A short brief on zymurgy.",
        ),
    )
    .unwrap();
    step(&mut session, &added, "paper added");
    let out = session_output(&session);
    let index = Index::open(out.path());
    assert_eq!(index.titles("zymurgy")[0], "Zymurgy brief");
    std::fs::remove_file(&added).unwrap();
    let (_, removed) = step(&mut session, &added, "paper removed");
    assert!(
        removed.iter().any(|p| p.starts_with("search/d/")),
        "a document shard fewer: {removed:?}"
    );
    let out = session_output(&session);
    let index = Index::open(out.path());
    assert!(index.postings("zymurgy").is_empty());
}

/// The session's `search/` written to a folder, to read it as the browser does.
fn session_output(session: &panelpress::serve::session::Session) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in session.outputs().iter() {
        if path.starts_with("search/") {
            let to = dir.path().join(path);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, bytes.as_slice()).unwrap();
        }
    }
    dir
}

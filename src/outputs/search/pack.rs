//! The byte encodings of the index: variable-length integers, a term's postings and
//! positions as runs of entries, and a shard's payload compressed (zlib) and written as
//! base64 inside its script wrapper, which `search.js` reads back with
//! `DecompressionStream("deflate")`.

use std::io::Write as _;

use base64::Engine as _;
use flate2::Compression;
use flate2::write::ZlibEncoder;

/// Appends `value` as a LEB128 varint: seven bits a byte, low bits first, the high bit
/// set on every byte but the last. Most deltas and counts fit in one byte.
pub(super) fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads the varint at `*at`, moving `*at` past it. A truncated varint reads as what it
/// has: the bytes come from this module's own writers.
pub(super) fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    value
}

/// How hard to compress a payload: zlib levels, chosen by measurement on the generated
/// 5,000-paper corpus (`bench/search_figures.sh`, docs/search.md).
#[derive(Clone, Copy)]
pub(super) enum Effort {
    /// Document text: level 2 makes it 16% smaller than level 1 for about a third more
    /// time; level 6 gains another 10% at more than twice the time of level 1.
    Text,
    /// Postings and positions, varints that deflate hardly shrinks: level 1, the fastest.
    Numbers,
}

impl Effort {
    fn level(self) -> Compression {
        match self {
            Effort::Text => Compression::new(2),
            Effort::Numbers => Compression::new(1),
        }
    }
}

/// Compresses `payload` (zlib, the format `DecompressionStream("deflate")` reads) and
/// writes it as base64, which a script can carry as a string.
pub(super) fn pack(payload: &[u8], effort: Effort) -> String {
    let mut z = ZlibEncoder::new(Vec::with_capacity(payload.len() / 3 + 64), effort.level());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(payload);
    let compressed = z.finish().unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(compressed)
}

/// `window.__ppSearch.<call>(<first>,"<packed payload>");` — a shard as a script.
pub(super) fn script(call: &str, first: &str, payload: &[u8], effort: Effort) -> Vec<u8> {
    let packed = pack(payload, effort);
    let mut out = Vec::with_capacity(packed.len() + call.len() + first.len() + 24);
    out.extend_from_slice(b"window.__ppSearch.");
    out.extend_from_slice(call.as_bytes());
    out.push(b'(');
    out.extend_from_slice(first.as_bytes());
    out.extend_from_slice(b",\"");
    out.extend_from_slice(packed.as_bytes());
    out.extend_from_slice(b"\");\n");
    out
}

/// A term's postings and positions, one entry per document, in document order. Each
/// entry starts with the document number's delta from the entry before; the rest (its
/// tail) does not depend on its neighbours, so entries can be copied, replaced or
/// dropped one at a time.
///
/// - postings entry: `docDelta, weight * 2 + inTitle`
/// - positions entry: `docDelta, count, firstPosition, positionDelta…`
#[derive(Default, Clone)]
pub(super) struct Runs {
    pub postings: Vec<u8>,
    pub positions: Vec<u8>,
    /// Documents with the term (its document frequency).
    pub count: u32,
    /// Number of the last document appended.
    last: u32,
}

/// A change to one document's entry of a term: its new tails (posting, positions), or
/// `None` to drop it.
pub(super) type Change = (u32, Option<(Vec<u8>, Vec<u8>)>);

/// One entry of a term, as [`Runs::entries`] reads it: the document and the tails.
pub(super) struct Entry<'a> {
    pub doc: u32,
    pub posting: &'a [u8],
    pub positions: &'a [u8],
}

impl Runs {
    /// Appends the entry of `doc`, which must come after every document already in.
    pub(super) fn push(&mut self, doc: u32, posting: &[u8], positions: &[u8]) {
        let delta = doc - if self.count == 0 { 0 } else { self.last };
        varint(&mut self.postings, delta);
        self.postings.extend_from_slice(posting);
        varint(&mut self.positions, delta);
        self.positions.extend_from_slice(positions);
        self.last = doc;
        self.count += 1;
    }

    /// Appends an entry built from a document's occurrences of the term: whether the
    /// title has it, its weight, and its word positions (ascending).
    pub(super) fn push_occurrences(&mut self, doc: u32, in_title: bool, weight: u32, at: &[u32]) {
        let (posting, positions) = tails(in_title, weight, at);
        self.push(doc, &posting, &positions);
    }

    /// Every entry, in document order.
    pub(super) fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        let (mut p, mut q, mut doc) = (0, 0, 0u32);
        (0..self.count).map(move |_| {
            doc += read_varint(&self.postings, &mut p);
            let start = p;
            read_varint(&self.postings, &mut p);
            let posting = &self.postings[start..p];
            read_varint(&self.positions, &mut q);
            let start = q;
            let n = read_varint(&self.positions, &mut q);
            for _ in 0..n {
                read_varint(&self.positions, &mut q);
            }
            Entry {
                doc,
                posting,
                positions: &self.positions[start..q],
            }
        })
    }

    /// These runs with the entries of the documents in `changes` (sorted by document)
    /// replaced: by the new tails where given, dropped where `None`, added where the
    /// term did not have the document.
    pub(super) fn replaced(&self, changes: &[Change]) -> Runs {
        let mut out = Runs::default();
        let mut next = changes.iter().peekable();
        let put = |out: &mut Runs, change: &Change| {
            if let (doc, Some((posting, positions))) = change {
                out.push(*doc, posting, positions);
            }
        };
        for entry in self.entries() {
            while let Some(change) = next.next_if(|c| c.0 < entry.doc) {
                put(&mut out, change);
            }
            match next.next_if(|c| c.0 == entry.doc) {
                Some(change) => put(&mut out, change),
                None => out.push(entry.doc, entry.posting, entry.positions),
            }
        }
        for change in next {
            put(&mut out, change);
        }
        out
    }
}

/// The tails of a document's entry for a term (see [`Runs`]).
pub(super) fn tails(in_title: bool, weight: u32, at: &[u32]) -> (Vec<u8>, Vec<u8>) {
    let mut posting = Vec::with_capacity(3);
    varint(&mut posting, weight.saturating_mul(2) | u32::from(in_title));
    let mut positions = Vec::with_capacity(at.len() + 2);
    varint(&mut positions, at.len() as u32);
    let mut prev = 0;
    for &position in at {
        varint(&mut positions, position - prev);
        prev = position;
    }
    (posting, positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_length() {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, u32::MAX];
        let mut bytes = Vec::new();
        for &v in &values {
            varint(&mut bytes, v);
        }
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 4 + 5);
        let mut at = 0;
        let read: Vec<u32> = values
            .iter()
            .map(|_| read_varint(&bytes, &mut at))
            .collect();
        assert_eq!(read, values);
        assert_eq!(at, bytes.len());
    }

    fn runs(entries: &[(u32, u32, &[u32])]) -> Runs {
        let mut r = Runs::default();
        for &(doc, weight, at) in entries {
            r.push_occurrences(doc, weight == 3, weight, at); // weight 3: a title word
        }
        r
    }

    #[test]
    fn replacing_entries_gives_what_appending_them_gives() {
        let before = runs(&[
            (0, 1, &[4]),
            (3, 2, &[1, 9]),
            (7, 5, &[0, 20]),
            (200, 1, &[3]),
        ]);
        let (p, q) = tails(false, 4, &[2, 6, 8, 9]);
        let changes = vec![
            (1, Some(tails(false, 1, &[5]))),
            (3, None),
            (7, Some((p, q))),
            (900, Some(tails(true, 3, &[0]))),
        ];
        let after = before.replaced(&changes);
        let want = runs(&[
            (0, 1, &[4]),
            (1, 1, &[5]),
            (7, 4, &[2, 6, 8, 9]),
            (200, 1, &[3]),
            (900, 3, &[0]),
        ]);
        assert_eq!(after.postings, want.postings);
        assert_eq!(after.positions, want.positions);
        assert_eq!(after.count, 5);
        let docs: Vec<u32> = after.entries().map(|e| e.doc).collect();
        assert_eq!(docs, [0, 1, 7, 200, 900]);
        assert!(before.replaced(&[(3, None)]).entries().all(|e| e.doc != 3));
    }
}

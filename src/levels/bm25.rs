//! A small BM25 index over ladder cells: which descriptor a requirement reads most like.
//!
//! Terms are lower-cased words with English stop words removed and a light suffix stemming
//! ("mentors", "mentoring", "mentored" → "mentor"), so that a posting's wording meets a
//! ladder's. The index is built once per set of ladders and is read-only afterwards.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::words::{LowerWords, WordSet};

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f64 = 1.2;
const B: f64 = 0.75;

static STOP_WORDS: WordSet = WordSet::new(&[
    "a", "about", "above", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "e", "each", "eg", "etc", "for", "from", "g",
    "has", "have", "having", "he", "her", "his", "how", "i", "ie", "if", "in", "into", "is", "it", "its", "may", "me",
    "more", "most", "my", "no", "not", "of", "on", "one", "or", "other", "our", "out", "own", "s", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "up", "us", "very", "was", "we", "well", "were", "what", "when", "where", "which", "while",
    "who", "will", "with", "within", "would", "you", "your",
]);

/// The index terms of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_term(&LowerWords::new(text), |term| terms.push(term.to_string()));
    terms
}

/// Calls `f` with each index term of `text`, in order: words of two bytes or more as written,
/// not stop words, stemmed in one reused buffer.
fn for_each_term(text: &LowerWords, mut f: impl FnMut(&str)) {
    let mut term = String::new();
    for (word, written_len) in text.iter() {
        if written_len < 2 || STOP_WORDS.contains(word) {
            continue;
        }
        term.clear();
        term.push_str(word);
        stem(&mut term);
        f(&term);
    }
}

/// Takes one inflection off `word` (lower-case).
fn stem(word: &mut String) {
    let n = word.len();
    if n > 5 && word.ends_with("ing") {
        word.truncate(n - 3);
    } else if n > 4 && word.ends_with("ies") {
        word.truncate(n - 3);
        word.push('y');
    } else if n > 4 && word.ends_with("ed") {
        word.truncate(n - 2);
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word.truncate(n - 1);
    }
}

/// An inverted index with BM25 scoring.
#[derive(Clone, Debug, Default)]
pub struct Bm25 {
    vocabulary: FxHashMap<String, usize>,
    /// Each term's text, by id.
    names: Vec<String>,
    /// For each term, the documents holding it and how often.
    postings: Vec<Vec<(u32, u32)>>,
    /// Which terms each document holds: one row of bits per document, `row_words` long.
    held: Vec<u64>,
    row_words: usize,
    doc_len: Vec<f64>,
    /// Each document's length normalisation, `K1 · (1 − B + B · length / average length)`.
    doc_norm: Vec<f64>,
    average_len: f64,
}

impl Bm25 {
    /// Indexes `documents`; a document's position is its id in results.
    pub fn new<'a>(documents: impl IntoIterator<Item = &'a str>) -> Bm25 {
        let mut index = Bm25::default();
        for (doc, text) in documents.into_iter().enumerate() {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            let words = terms(text);
            for word in &words {
                let next = index.vocabulary.len();
                let term = *index.vocabulary.entry(word.clone()).or_insert(next);
                if term == index.postings.len() {
                    index.postings.push(Vec::new());
                    index.names.push(word.clone());
                }
                *counts.entry(term).or_insert(0) += 1;
            }
            // Each term's list gets one entry per document, in document order, whatever order
            // the counts are read in.
            for (&term, &count) in &counts {
                index.postings[term].push((doc as u32, count));
            }
            index.doc_len.push(words.len() as f64);
        }
        let docs = index.doc_len.len().max(1) as f64;
        index.average_len = index.doc_len.iter().sum::<f64>() / docs;
        index.row_words = index.postings.len().div_ceil(64);
        index.held = vec![0; index.row_words * index.doc_len.len()];
        for (term, postings) in index.postings.iter().enumerate() {
            for &(doc, _) in postings {
                index.held[doc as usize * index.row_words + term / 64] |= 1 << (term % 64);
            }
        }
        index.doc_norm =
            index.doc_len.iter().map(|len| K1 * (1.0 - B + B * len / index.average_len.max(1.0))).collect();
        index
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// The query for `text`: the ids of its index terms that some document holds, in order
    /// (a term no document holds changes no score and is shared with none).
    pub fn query(&self, text: &LowerWords) -> Vec<usize> {
        let mut query = Vec::with_capacity(text.len());
        for_each_term(text, |term| query.extend(self.vocabulary.get(term).copied()));
        query
    }

    /// The BM25 score of every document, by id: 0 for a document holding no query term (one
    /// holding any scores above 0, since every idf is positive).
    pub fn scores(&self, query: &[usize]) -> Vec<f64> {
        let docs = self.len() as f64;
        // Dense sums in query order: the same additions, in the same order, as a map would do,
        // without hashing every posting of every term.
        let mut scores = vec![0.0f64; self.len()];
        let mut seen = Vec::new();
        for &term in query {
            if seen.contains(&term) {
                continue;
            }
            seen.push(term);
            let postings = &self.postings[term];
            let df = postings.len() as f64;
            let idf = ((docs - df + 0.5) / (df + 0.5) + 1.0).ln();
            for &(doc, tf) in postings {
                let tf = f64::from(tf);
                scores[doc as usize] += idf * tf * (K1 + 1.0) / (tf + self.doc_norm[doc as usize]);
            }
        }
        scores
    }

    /// BM25 scores of every document holding a query term, highest first (ties by id).
    pub fn search(&self, query: &[usize]) -> Vec<(usize, f64)> {
        let mut ranked: Vec<(usize, f64)> =
            self.scores(query).into_iter().enumerate().filter(|&(_, score)| score > 0.0).collect();
        // A total order (ties by id), so an unstable sort gives the one result.
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// The query terms that document `doc` holds, in query order less adjacent repeats.
    pub fn shared_terms(&self, doc: usize, query: &[usize]) -> Vec<String> {
        let mut shared: Vec<usize> = query
            .iter()
            .copied()
            .filter(|&term| self.held[doc * self.row_words + term / 64] & (1 << (term % 64)) != 0)
            .collect();
        shared.dedup();
        shared.into_iter().map(|term| self.names[term].clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_without_stop_words() {
        assert_eq!(
            terms("Mentors junior engineers and leads the team"),
            ["mentor", "junior", "engineer", "lead", "team"]
        );
    }

    #[test]
    fn the_closest_document_ranks_first() {
        let index = Bm25::new(["Mentors junior engineers.", "Drives company-wide technical strategy.", "Writes code."]);
        let ranked = index.search(&index.query(&LowerWords::new("You will drive our technical strategy")));
        assert_eq!(ranked[0].0, 1);
        assert_eq!(
            index.shared_terms(1, &index.query(&LowerWords::new("drive the technical strategy"))),
            ["drive", "technical", "strategy"]
        );
    }
}

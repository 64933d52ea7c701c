//! A small BM25 index over ladder cells: which descriptor a requirement reads most like.
//!
//! Terms are lower-cased words with English stop words removed and a light suffix stemming
//! ("mentors", "mentoring", "mentored" → "mentor"), so that a posting's wording meets a
//! ladder's. The index is built once per set of ladders and is read-only afterwards.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::words::{for_each_word, push_lowercase, WordSet};

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
    // Lower-cased into one buffer, so that a stop word costs no allocation.
    let mut lower = String::new();
    for_each_word(text, |word| {
        if word.len() < 2 {
            return;
        }
        lower.clear();
        push_lowercase(&mut lower, word);
        if !STOP_WORDS.contains(&lower) {
            terms.push(stem(&lower).to_string());
        }
    });
    terms
}

/// `word` (lower-case) less one inflection.
fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    let n = word.len();
    if n > 5 && word.ends_with("ing") {
        word[..n - 3].into()
    } else if n > 4 && word.ends_with("ies") {
        format!("{}y", &word[..n - 3]).into()
    } else if n > 4 && word.ends_with("ed") {
        word[..n - 2].into()
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word[..n - 1].into()
    } else {
        word.into()
    }
}

/// An inverted index with BM25 scoring.
#[derive(Clone, Debug, Default)]
pub struct Bm25 {
    vocabulary: FxHashMap<String, usize>,
    /// For each term, the documents holding it and how often.
    postings: Vec<Vec<(u32, u32)>>,
    doc_terms: Vec<Vec<usize>>,
    doc_len: Vec<f64>,
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
                }
                *counts.entry(term).or_insert(0) += 1;
            }
            let mut doc_terms: Vec<usize> = counts.keys().copied().collect();
            doc_terms.sort_unstable();
            for &term in &doc_terms {
                index.postings[term].push((doc as u32, counts[&term]));
            }
            index.doc_terms.push(doc_terms);
            index.doc_len.push(words.len() as f64);
        }
        let docs = index.doc_len.len().max(1) as f64;
        index.average_len = index.doc_len.iter().sum::<f64>() / docs;
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

    /// BM25 scores of every document holding a query term, highest first (ties by id).
    pub fn search(&self, query: &[String]) -> Vec<(usize, f64)> {
        let docs = self.len() as f64;
        // Dense sums in query order: the same additions, in the same order, as a map would do,
        // without hashing every posting of every term.
        let mut scores = vec![0.0f64; self.len()];
        let mut held = vec![false; self.len()];
        let mut seen = Vec::new();
        for word in query {
            let Some(&term) = self.vocabulary.get(word) else { continue };
            if seen.contains(&term) {
                continue;
            }
            seen.push(term);
            let postings = &self.postings[term];
            let df = postings.len() as f64;
            let idf = ((docs - df + 0.5) / (df + 0.5) + 1.0).ln();
            for &(doc, tf) in postings {
                let tf = f64::from(tf);
                let norm = K1 * (1.0 - B + B * self.doc_len[doc as usize] / self.average_len.max(1.0));
                scores[doc as usize] += idf * tf * (K1 + 1.0) / (tf + norm);
                held[doc as usize] = true;
            }
        }
        let mut ranked: Vec<(usize, f64)> =
            scores.into_iter().zip(held).enumerate().filter(|(_, (_, held))| *held).map(|(d, (s, _))| (d, s)).collect();
        // A total order (ties by id), so an unstable sort gives the one result.
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// The query terms that document `doc` holds.
    pub fn shared_terms(&self, doc: usize, query: &[String]) -> Vec<String> {
        let mut shared: Vec<String> = query
            .iter()
            .filter(|w| self.vocabulary.get(*w).is_some_and(|t| self.doc_terms[doc].binary_search(t).is_ok()))
            .cloned()
            .collect();
        shared.dedup();
        shared
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
        let ranked = index.search(&terms("You will drive our technical strategy"));
        assert_eq!(ranked[0].0, 1);
        assert_eq!(index.shared_terms(1, &terms("drive the technical strategy")), ["drive", "technical", "strategy"]);
    }
}

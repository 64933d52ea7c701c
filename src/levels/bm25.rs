//! A small BM25 index over ladder cells: which descriptor a requirement reads most like.
//!
//! Terms are lower-cased words with English stop words removed and a light suffix stemming
//! ("mentors", "mentoring", "mentored" → "mentor"), so that a posting's wording meets a
//! ladder's. The index is built once per set of ladders and is read-only afterwards.

use std::collections::HashMap;

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f64 = 1.2;
const B: f64 = 0.75;

const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "e", "each", "eg", "etc", "for", "from", "g",
    "has", "have", "having", "he", "her", "his", "how", "i", "ie", "if", "in", "into", "is", "it", "its", "may", "me",
    "more", "most", "my", "no", "not", "of", "on", "one", "or", "other", "our", "out", "own", "s", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "up", "us", "very", "was", "we", "well", "were", "what", "when", "where", "which", "while",
    "who", "will", "with", "within", "would", "you", "your",
];

/// The index terms of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(word: &str) -> String {
    let n = word.len();
    if n > 5 && word.ends_with("ing") {
        return word[..n - 3].to_string();
    }
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n > 4 && word.ends_with("ed") {
        return word[..n - 2].to_string();
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

/// An inverted index with BM25 scoring.
#[derive(Clone, Debug, Default)]
pub struct Bm25 {
    vocabulary: HashMap<String, usize>,
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
        let mut scores: HashMap<u32, f64> = HashMap::new();
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
                *scores.entry(doc).or_insert(0.0) += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores.into_iter().map(|(d, s)| (d as usize, s)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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

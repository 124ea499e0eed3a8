// Which language a draft is written in, English or Spanish, read on the device from the shared
// stop-word lists (shared_rules/lists/stopwords_en.txt and stopwords_es.txt). Mirrors
// helper/engine/language.py: the same words, counted the same way, give the same answer.
export const LANGUAGES = ["en", "es"];
const WORD = /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+/g;

// "es" when more of the draft's distinct words are Spanish stop words than English ones, else "en" (a
// tie, or a draft with neither, reads as English: the rules' default).
export function detectLanguage(text, stopwords) {
  const words = new Set(text.toLowerCase().match(WORD) || []);
  let spanish = 0, english = 0;
  for (const word of words) {
    if (stopwords.es && stopwords.es.has(word)) spanish++;
    if (stopwords.en && stopwords.en.has(word)) english++;
  }
  return spanish > english ? "es" : "en";
}

export function stopwordLists(lists) {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, new Set(lists[`stopwords_${lang}`] || [])]));
}

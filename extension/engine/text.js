// Text preparation shared by every matcher (mirrors helper/engine/text.py).
// Unicode spaces become plain spaces, one for one, so that \s means the same in both engines.
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

export function prepare(text) {
  return text.replace(UNICODE_SPACES, " ");
}

// Spans are reported in Unicode code points, as Python counts them, not UTF-16 units.
export function codePointIndexer(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length &&
          text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff)) cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}

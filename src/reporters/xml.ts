/**
 * Escaping for XML 1.0 text and attribute values. Characters XML 1.0 cannot
 * carry at all (most C0 controls, U+FFFE, U+FFFF, lone surrogates) are dropped;
 * tab, line feed and carriage return are written as character references so
 * parsers neither normalise them to spaces in attributes nor turn `\r` into `\n`.
 */
export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, '').replace(SPECIAL, (char) => ENTITIES[char]!);
}

// With the `u` flag a lone surrogate is one code point outside every allowed range.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const SPECIAL = /[&<>"'\t\n\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

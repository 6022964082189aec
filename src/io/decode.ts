/**
 * Turns a Python file's bytes into text the way the interpreter would: a UTF-8
 * BOM is stripped, a PEP 263 coding declaration on line 1 or 2 is honoured, and
 * anything else must be valid UTF-8. NUL bytes are refused (CPython refuses them
 * too), so binary files never reach the parser.
 */
export type DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const CODING_LINE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes.includes(0)) {
    return { ok: false, message: 'contains NUL bytes; it looks like a binary file, not Python source' };
  }
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const declared = declaredEncoding(body);

  if (declared === undefined || isUtf8(declared)) {
    return decodeWith('utf-8', body, declared ? `its declared encoding '${declared}'` : 'UTF-8 (no encoding is declared)');
  }
  if (hasBom) {
    return { ok: false, message: `starts with a UTF-8 byte order mark but declares encoding '${declared}'` };
  }
  if (isLatin1(declared)) {
    // True ISO-8859-1: every byte maps to the code point of the same value.
    return { ok: true, text: Buffer.from(body).toString('latin1') };
  }
  let label: string;
  try {
    label = new TextDecoder(declared).encoding;
  } catch {
    return { ok: false, message: `declares encoding '${declared}', which pitfall does not know` };
  }
  return decodeWith(label, body, `its declared encoding '${declared}'`);
}

function decodeWith(label: string, body: Uint8Array, what: string): DecodeResult {
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text };
  } catch {
    const offset = label === 'utf-8' ? firstInvalidUtf8Offset(body) : undefined;
    const where = offset === undefined ? '' : ` at byte ${offset}`;
    return { ok: false, message: `is not valid ${what}${where}; declare its encoding with a '# -*- coding: ... -*-' line` };
  }
}

/** PEP 263: the declaration must be on line 1, or on line 2 when line 1 is a comment or blank. */
function declaredEncoding(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const match = CODING_LINE.exec(first) ?? (/^[ \t\f]*(#.*)?$/.test(first) ? CODING_LINE.exec(second) : null);
  return match?.[1]?.toLowerCase();
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

function isUtf8(name: string): boolean {
  const canonical = normalise(name);
  return canonical === 'utf-8' || canonical === 'utf8' || canonical.startsWith('utf-8-') || canonical === 'utf8-sig';
}

function isLatin1(name: string): boolean {
  return ['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', 'l1', '8859', 'cp819'].includes(normalise(name));
}

function firstInvalidUtf8Offset(body: Uint8Array): number | undefined {
  let index = 0;
  while (index < body.length) {
    const byte = body[index]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return index;
    for (let k = 1; k < length; k++) {
      const next = body[index + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return undefined;
}

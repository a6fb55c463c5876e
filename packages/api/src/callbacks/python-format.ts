/**
 * Python's number formatting (`'%.4f' % x`, `'{epoch:02d}'.format(...)`, `repr(x)`), so
 * progress lines, checkpoint paths and CSV rows read exactly as Keras 2 writes them:
 * exact ties round half to even, exponents have at least two digits, nan/inf are lowercase.
 */

function special(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

/** True when the exact digits after `kept` are a 5 followed only by zeros (a rounding tie). */
function isTie(exactDigits: string, kept: number): boolean {
  const rest = exactDigits.slice(kept);
  return /^50*$/.test(rest);
}

/** JS rounds exact ties up in magnitude; Python rounds them to even. An odd last digit means JS went up. */
function evenTie(s: string): string {
  const last = s.charCodeAt(s.length - 1) - 48;
  return last % 2 === 1 ? s.slice(0, -1) + String(last - 1) : s;
}

/** `'%.{p}f' % x`. */
export function formatFixed(x: number, p: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  const a = Math.abs(x);
  let s = a.toFixed(p);
  if (a < 1e21) {
    const fraction = a.toFixed(100).split('.')[1];
    if (isTie(fraction, p)) s = evenTie(s);
  }
  return (x < 0 || Object.is(x, -0) ? '-' : '') + s;
}

/** `'%.{p}e' % x`. */
export function formatExponential(x: number, p: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  const a = Math.abs(x);
  let s = a.toExponential(p);
  if (a !== 0) {
    const exact = a.toPrecision(100).replace('.', '').replace(/e.*$/, '').replace(/^0+/, '');
    if (isTie(exact, p + 1)) {
      const [mantissa, exp] = s.split('e');
      s = `${evenTie(mantissa)}e${exp}`;
    }
  }
  const [mantissa, exp] = s.split('e');
  const e = Number(exp);
  const expStr = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return `${x < 0 || Object.is(x, -0) ? '-' : ''}${mantissa}e${expStr}`;
}

/** `'%.{p}g' % x` (without the `#` flag: trailing zeros are dropped). */
export function formatGeneral(x: number, p: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  const precision = p === 0 ? 1 : p;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const asExp = formatExponential(x, precision - 1);
  const exp = Number(asExp.slice(asExp.indexOf('e') + 1));
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= precision) {
    const [mantissa, e] = asExp.split('e');
    return `${strip(mantissa)}e${e}`;
  }
  return strip(formatFixed(x, precision - 1 - exp));
}

/** Python's `repr(float)`: the shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16, always with a `.`. */
export function pythonRepr(x: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const e = Number(exp);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

const SPEC = /^(?:(.)?([<>^=]))?([+\- ])?(0)?(\d+)?(?:\.(\d+))?([dfFeEgG%s])?$/;

/** One `{name:spec}` replacement, as Python's `format(value, spec)` does it for ints and floats. */
function formatValue(name: string, value: number, spec: string, isInt: boolean): string {
  const m = SPEC.exec(spec);
  if (!m) throw new Error(`format: unsupported format spec '${spec}' for '{${name}}'`);
  const [, fillChar, alignChar, signChar, zero, widthStr, precisionStr, typeChar] = m;
  const precision = precisionStr === undefined ? undefined : Number(precisionStr);
  let body: string;
  switch (typeChar) {
    case 'd':
      if (!Number.isInteger(value)) throw new Error(`format: '{${name}:${spec}}' needs an integer, got ${value}`);
      body = String(Math.abs(value));
      break;
    case 'f': case 'F':
      body = formatFixed(Math.abs(value), precision ?? 6);
      break;
    case 'e': case 'E':
      body = formatExponential(Math.abs(value), precision ?? 6);
      break;
    case 'g': case 'G':
      body = formatGeneral(Math.abs(value), precision ?? 6);
      break;
    case '%':
      body = `${formatFixed(Math.abs(value) * 100, precision ?? 6)}%`;
      break;
    default:
      if (precision !== undefined && !isInt) body = formatGeneral(Math.abs(value), precision);
      else body = isInt ? String(Math.abs(value)) : pythonRepr(Math.abs(value));
  }
  if (typeChar === 'E' || typeChar === 'G' || typeChar === 'F') body = body.toUpperCase();
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : signChar === '+' ? '+' : signChar === ' ' ? ' ' : '';
  const width = widthStr === undefined ? 0 : Number(widthStr);
  const fill = fillChar ?? (zero && !alignChar ? '0' : ' ');
  const align = alignChar ?? (zero ? '=' : '>');
  const padLen = Math.max(0, width - sign.length - body.length);
  const pad = fill.repeat(padLen);
  if (align === '=') return sign + pad + body;
  if (align === '<') return sign + body + pad;
  if (align === '^') return fill.repeat(Math.floor(padLen / 2)) + sign + body + fill.repeat(padLen - Math.floor(padLen / 2));
  return pad + sign + body;
}

/**
 * Python's `template.format(**values)` for numeric fields: `{epoch:02d}`, `{val_loss:.2f}`,
 * `{loss}`; `{{` and `}}` are literal braces. Names in `ints` format as Python ints.
 */
export function pythonFormat(template: string, values: Record<string, number>, ints: ReadonlySet<string> = new Set()): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') { out += '{'; i += 2; continue; }
    if (c === '}' && template[i + 1] === '}') { out += '}'; i += 2; continue; }
    if (c === '}') throw new Error(`format: single '}' at position ${i} in '${template}'`);
    if (c !== '{') { out += c; i++; continue; }
    const close = template.indexOf('}', i);
    if (close < 0) throw new Error(`format: unclosed '{' at position ${i} in '${template}'`);
    const field = template.slice(i + 1, close);
    const colon = field.indexOf(':');
    const name = colon < 0 ? field : field.slice(0, colon);
    const spec = colon < 0 ? '' : field.slice(colon + 1);
    if (!(name in values)) {
      throw new Error(`format: '{${field}}' in '${template}' names '${name}', which is not among: ${Object.keys(values).join(', ')}`);
    }
    out += formatValue(name, values[name], spec, ints.has(name));
    i = close + 1;
  }
  return out;
}

import { SaxesParser } from 'saxes';

/** How to read the text of one XML vocabulary (WordprocessingML, ODF, DrawingML …). */
export interface XmlTextRules {
  /** Elements whose character data is text. */
  text: Set<string>;
  /** Elements that end a line when they close. */
  block: Set<string>;
  /** Empty elements that stand for a character: tab, line break, spaces. */
  chars: Record<string, string>;
  /** Elements whose whole subtree is skipped (field codes, deleted text). */
  skip?: Set<string>;
}

/** Collect the visible text of an XML document following `rules`; element names keep their prefix. */
export function xmlText(xml: string, rules: XmlTextRules): string {
  const parser = new SaxesParser({ xmlns: false });
  const out: string[] = [];
  let textDepth = 0;
  let skipDepth = 0;
  parser.on('opentag', (tag) => {
    if (skipDepth > 0 || rules.skip?.has(tag.name)) {
      if (!tag.isSelfClosing) skipDepth++;
      return;
    }
    if (rules.text.has(tag.name) && !tag.isSelfClosing) textDepth++;
    const ch = rules.chars[tag.name];
    if (ch !== undefined) {
      // ODF's <text:s text:c="3"/> stands for several spaces.
      const count = Number(tag.attributes['text:c'] ?? 1);
      out.push(ch.repeat(Number.isFinite(count) && count > 0 ? Math.min(count, 100) : 1));
    }
    if (tag.isSelfClosing && rules.block.has(tag.name)) out.push('\n');
  });
  parser.on('closetag', (tag) => {
    if (skipDepth > 0) {
      if (!tag.isSelfClosing) skipDepth--;
      return;
    }
    if (rules.text.has(tag.name) && !tag.isSelfClosing) textDepth--;
    if (!tag.isSelfClosing && rules.block.has(tag.name)) out.push('\n');
  });
  parser.on('text', (text) => {
    if (textDepth > 0 && skipDepth === 0) out.push(text);
  });
  parser.on('cdata', (text) => {
    if (textDepth > 0 && skipDepth === 0) out.push(text);
  });
  parser.write(xml).close();
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}

/** The text content of the first element with each given name: for small property files. */
export function xmlFields(xml: string, names: string[]): Record<string, string> {
  const wanted = new Set(names);
  const found: Record<string, string> = {};
  const parser = new SaxesParser({ xmlns: false });
  let current: string | null = null;
  let buffer = '';
  parser.on('opentag', (tag) => {
    if (wanted.has(tag.name) && !(tag.name in found)) {
      current = tag.name;
      buffer = '';
    }
  });
  parser.on('text', (text) => {
    if (current) buffer += text;
  });
  parser.on('closetag', (tag) => {
    if (current === tag.name) {
      const value = buffer.trim();
      if (value !== '') found[current] = value;
      current = null;
    }
  });
  parser.write(xml).close();
  return found;
}

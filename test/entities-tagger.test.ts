/**
 * The trained entity tagger (src/analyse/entities/tagger, resources/ner): the shipped models load
 * and decode; both languages are tagged through findEntities; the known hard cases hold (names
 * with a middle dot, a person before a place, nested organisations) and the errors the examples'
 * entity pages showed under the rules are gone: "FICTIONAL" is no person, 红柳 is not cut from
 * 红柳泉县, 泉县委办公室 is not cut from 红柳泉县委办公室, "County" alone is not an entity; and those
 * the tagger showed at first: 谢谢你, "Dossier" and "Hello" as names, "Xi Jinping's" with its possessive.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultAnalyser, findEntities, NamesDictionary, TextAnalyser } from '../src/analyse/index.js';
import { decodeByLoops, masksOf, rowOf, setWasmEmissions, spansOfTags, tagsOf, viterbi } from '../src/analyse/entities/tagger/linear-chain.js';
import { chineseTagger, englishTagger } from '../src/analyse/entities/tagger/ner-resources.js';
import { GroupedEmissions } from '../src/analyse/entities/tagger/grouped-emissions.js';
import { featureWriter } from '../src/analyse/entities/tagger/zh-feature-writer.js';
import { childOf, gazetteerTrie } from '../src/analyse/entities/tagger/zh-gazetteer-trie.js';
import { chunksOf, wordsOfChunks } from '../src/analyse/entities/tagger/tag-entities.js';
import { decodeModel } from '../src/analyse/entities/tagger/model-file.js';
import { WasmEmissions } from '../src/analyse/entities/tagger/wasm-emissions.js';
import { resourcePath } from '../src/analyse/resources.js';
import { foldHan, ungroupedOf, zhFeatures } from '../src/analyse/entities/tagger/zh-features.js';

const analyser = defaultAnalyser();
const pairs = (text: string) =>
  findEntities(text, analyser).map((m) => {
    expect(text.slice(m.start, m.end)).toBe(m.text);
    return `${m.text}/${m.type}`;
  });

describe('loading', () => {
  it('loads both models with their tag sets and gazetteers, once per process', () => {
    const zh = chineseTagger();
    expect(zh.model.tags).toEqual(tagsOf(['PER', 'LOC', 'ORG']));
    // Only the live rows are kept: fewer than the buckets, a whole number of rows.
    expect(zh.model.weights.length % zh.model.tags.length).toBe(0);
    expect(zh.model.weights.length).toBeLessThan(zh.model.buckets * zh.model.tags.length);
    expect(zh.gazetteer.entries.get('新疆')! & 2).toBe(2);
    expect(chineseTagger()).toBe(zh);
    const en = englishTagger();
    expect(en.model.tags).toEqual(tagsOf(['PER', 'LOC', 'ORG', 'MISC']));
    expect(en.gazetteer.entries.size).toBeGreaterThan(1000);
  });

  it('decodes only sequences that BIOES allows', () => {
    const tags = tagsOf(['PER']);
    const masks = masksOf(tags);
    // Weights that prefer I-PER everywhere: the decoder must still open and close the span.
    const model = { types: ['PER'], tags, buckets: 1, width: 1, weights: new Float32Array([0, 1, 5, 1, 0]), transitions: new Float32Array(6 * 5) };
    const out = viterbi(model, masks, new Int32Array([0, 0, 0]), 3);
    expect(Array.from(out, (t) => tags[t])).toEqual(['B-PER', 'I-PER', 'E-PER']);
    expect(spansOfTags(tags, out)).toEqual([{ start: 0, end: 3, type: 'PER' }]);
  });

  it('decodes with the generated recursion exactly as with the loops it replaced', () => {
    const zh = chineseTagger();
    const n = zh.model.tags.length;
    // Emission scores whose features all hit one bucket per token: row b of the emission table.
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 8) % 2001 - 1000;
    for (const length of [1, 2, 9, 60]) {
      const emit = Float64Array.from({ length: length * n }, next);
      const weights = Float32Array.from(emit);
      const model = { ...zh.model, buckets: length, width: 1, weights, live: undefined, rank: undefined };
      const features = Int32Array.from({ length }, (_, i) => i);
      expect(Array.from(viterbi(model, zh.masks, features, length))).toEqual(Array.from(decodeByLoops(model, zh.masks, emit, length)));
    }
  });

  it('scores the grouped templates from their memo exactly as row by row', () => {
    const zh = chineseTagger();
    const model = zh.model;
    const templates = model.templates!;
    const groups = new GroupedEmissions(model);
    const segment = (f: string) => analyser.segmenter.tagWords(f);
    const texts = ['新华社北京电，国务院总理李鹏昨天在人民大会堂会见了日本外务大臣。', '伊力哈木·土赫提被判处无期徒刑。', '红柳泉县委办公室主任王小明（FICTIONAL）抵达乌鲁木齐市，欧阳明说：“１２３”。'];
    for (const text of texts) {
      const whole = zhFeatures(text, zh.gazetteer, model.buckets - 1, templates, segment);
      const keys = new Int32Array(4 * text.length);
      const rest = zhFeatures(text, zh.gazetteer, model.buckets - 1, templates, segment, false, keys);
      expect(rest.length).toBe(text.length * ungroupedOf(templates).length);
      const plain = viterbi(model, zh.masks, whole, text.length);
      const grouped = viterbi(model, zh.masks, rest, text.length, { width: ungroupedOf(templates).length, add: (emit, length) => groups.add(emit, keys, length) });
      expect(Array.from(grouped)).toEqual(Array.from(plain));
      // Without the group's sums these sentences decode otherwise (checked), so equal paths mean the sums are added.
      expect(plain.some((t) => t !== 0)).toBe(true);
    }
  });

  it('sums the emission rows in WebAssembly exactly as row by row, and tags the same with it as without', () => {
    // English has 17 tags, more than the kernel's 16 lanes: it keeps the JavaScript kernel.
    expect(WasmEmissions.of(englishTagger().model)).toBeNull();
    {
      const { model } = chineseTagger();
      const wasm = WasmEmissions.of(model);
      expect(wasm).not.toBeNull();
      // The model now reads its rows from the kernel's memory: they must be the file's.
      const file = decodeModel(fs.readFileSync(resourcePath('ner/zh.model.gz')));
      expect(model.weights.buffer).not.toBe(file.weights.buffer);
      expect(Buffer.compare(Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength), Buffer.from(file.weights.buffer, file.weights.byteOffset, file.weights.byteLength))).toBe(0);
      const n = model.tags.length;
      const width = 14;
      // More tokens than one call of the kernel takes (65,536 features), features absent (−1),
      // buckets with no row, and the last bucket with a row (its second load reads past the row).
      const length = 5000;
      let last = model.buckets - 1;
      while (rowOf(model, last) < 0) last--;
      let seed = 11;
      const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 1) % model.buckets;
      const features = Int32Array.from({ length: length * width }, (_, j) => (j % 37 === 0 ? -1 : j % 41 === 0 ? last : next()));
      const emit = new Float64Array(length * n);
      wasm!.run(features, width, length, emit);
      const expected = new Float64Array(length * n);
      let rows = 0;
      for (let j = 0; j < features.length; j++) {
        const row = features[j]! < 0 ? -1 : rowOf(model, features[j]!);
        if (row < 0) continue;
        rows++;
        for (let t = 0; t < n; t++) expected[Math.floor(j / width) * n + t]! += model.weights[row + t]!;
      }
      expect(rows).toBeGreaterThan(length);
      expect(Array.from(emit)).toEqual(Array.from(expected));
    }
    {
      // The grouped templates' sums from the WebAssembly memos, as GroupedEmissions adds them:
      // random keys, more of them than a call takes (2,048 tokens) and than the first group's
      // memo holds (4,096: it is emptied and refilled on the way).
      const { model } = chineseTagger();
      const length = 10_000;
      let seed = 5;
      const keys = Int32Array.from({ length: 4 * length }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 1) % (1 << 30));
      const emit = new Float64Array(length * model.tags.length);
      WasmEmissions.of(model)!.run(new Int32Array(length).fill(-1), 1, length, emit, keys);
      const expected = new Float64Array(length * model.tags.length);
      new GroupedEmissions(model).add(expected, keys, length);
      expect(expected.some((x) => x !== 0)).toBe(true);
      expect(Array.from(emit)).toEqual(Array.from(expected));
    }
    const text = '新华社北京电，国务院总理李鹏昨天在人民大会堂会见了日本外务大臣。红柳泉县委办公室主任王小明抵达乌鲁木齐市。Xi Jinping met officials of the Xinjiang Uyghur Autonomous Region in Urumqi.';
    const withWasm = findEntities(text, analyser);
    setWasmEmissions(false);
    try {
      expect(findEntities(text, analyser)).toEqual(withWasm);
    } finally {
      setWasmEmissions(true);
    }
    expect(withWasm.length).toBeGreaterThan(4);
  });

  it('writes the templates it does not group with the generated loop exactly as zhFeatures does', () => {
    const zh = chineseTagger();
    const model = zh.model;
    const segment = (f: string) => analyser.segmenter.tagWords(f);
    // The shipped templates, and with two candidates the writer also spells out.
    for (const templates of [model.templates!, [...model.templates!, 25, 26]]) {
      const kept = ungroupedOf(templates);
      expect(featureWriter(kept)).not.toBeNull();
      for (const text of ['新华社北京电，国务院总理李鹏昨天在人民大会堂会见了日本外务大臣。', '红柳泉县委办公室主任王小明（FICTIONAL）抵达乌鲁木齐市，欧阳明说：“１２３”。']) {
        const whole = zhFeatures(text, zh.gazetteer, model.buckets - 1, templates, segment);
        const written = zhFeatures(text, zh.gazetteer, model.buckets - 1, templates, segment, false, new Int32Array(4 * text.length));
        for (let i = 0; i < text.length; i++) {
          for (let k = 0; k < kept.length; k++) expect(written[i * kept.length + k]).toBe(whole[i * templates.length + templates.indexOf(kept[k]!)]);
        }
      }
    }
  });

  it('walks the gazetteer trie to the bits of every entry, and off it elsewhere', () => {
    const { gazetteer } = chineseTagger();
    const trie = gazetteerTrie(gazetteer);
    const walk = (text: string) => {
      let node = 0;
      for (let i = 0; i < text.length && node >= 0; i++) node = childOf(trie, node, text.charCodeAt(i));
      return node;
    };
    let wrong = 0;
    for (const [key, bits] of gazetteer.entries) if (walk(key) <= 0 || trie.bits[walk(key)] !== bits) wrong++;
    // A prefix that is no entry (half of a character outside the BMP, which the file cannot hold) is a node with no bits, as the Map has none.
    for (const key of gazetteer.entries.keys()) for (let k = 1; k < key.length; k++) if (!gazetteer.entries.has(key.slice(0, k)) && trie.bits[walk(key.slice(0, k))] !== 0) wrong++;
    expect(gazetteer.entries.size).toBeGreaterThan(100_000);
    expect(wrong).toBe(0);
    for (const text of ['新疆维吾尔自治区党委办公厅', '乌鲁木齐市X', 'Dossier']) if (!gazetteer.entries.has(text)) expect(walk(text)).toBe(-1);
  });

  it("gives each sentence the words of one cut of the whole passage, as cutting the sentence alone does", () => {
    const segmenter = analyser.segmenter;
    const texts = [
      '新华社北京电，国务院总理李鹏昨天在人民大会堂会见了日本外务大臣。他说：“中日关系很重要！”\n\n红柳泉县委办公室主任王小明（FICTIONAL）抵达乌鲁木齐市；欧阳明说１２３ABC。',
      '第一句。第二句！第三句？\r\n第四句; 第五句 with English words and 3.14。\n最后一句没有句号',
      `${'长'.repeat(1200)}。短句。`,
    ];
    for (const text of texts) {
      const chunks = chunksOf(text);
      const alone = chunks.map(([s, e]) => segmenter.tagWords(foldHan(text.slice(s, e))));
      const whole = wordsOfChunks(text, chunks, segmenter);
      if (chunks.some(([s, e]) => e - s >= 1000)) expect(whole).toBeNull();
      else expect(whole!.map(({ words, tags, from, to }) => ({ words: words.slice(from, to), tags: tags.slice(from, to) }))).toEqual(alone);
    }
  });
});

describe('Chinese', () => {
  it('tags people, places and organisations in news text', () => {
    const out = pairs('新华社北京电，国务院总理李鹏昨天在人民大会堂会见了日本外务大臣。');
    expect(out).toContain('李鹏/PERSON');
    expect(out).toContain('人民大会堂/LOCATION');
    expect(out).toContain('国务院/ORGANIZATION');
  });

  it('keeps a name with a middle dot whole', () => {
    expect(pairs('伊力哈木·土赫提被判处无期徒刑。')).toContain('伊力哈木·土赫提/PERSON');
    expect(pairs('副国务卿托马斯·皮克林抵达北京')).toContain('托马斯·皮克林/PERSON');
  });

  it('separates a person from the place after them', () => {
    const out = pairs('王小明昨天抵达乌鲁木齐。');
    expect(out).toContain('王小明/PERSON');
    expect(out).toContain('乌鲁木齐/LOCATION');
  });

  it('keeps a county whole and nested organisations whole', () => {
    const office = pairs('中共红柳泉县委办公室文件');
    expect(office.some((p) => p.startsWith('泉县'))).toBe(false);
    expect(office.some((p) => p.includes('红柳泉县委') && p.endsWith('/ORGANIZATION'))).toBe(true);
    const county = pairs('我在新疆红柳泉县工作，能接触到县委办公室的一些文件。');
    expect(county).toContain('红柳泉县/LOCATION');
    expect(county).not.toContain('红柳/PERSON');
  });
});

describe('English', () => {
  it('tags people, places and organisations', () => {
    const out = pairs('The notice cites Chen Quanguo, then Party Secretary of the Xinjiang Uyghur Autonomous Region, and Reuters reported it from London.');
    expect(out).toContain('Chen Quanguo/PERSON');
    expect(out).toContain('London/LOCATION');
    expect(out).toContain('Reuters/ORGANIZATION');
  });

  it('takes no person from "FICTIONAL" and no entity from "County" alone', () => {
    expect(pairs('This document is FICTIONAL, generated by scripts/make-examples.sh.').filter((p) => p.startsWith('FICTIONAL'))).toEqual([]);
    const out = pairs('I work in Hongliuquan County, Xinjiang. The County said nothing.');
    expect(out).toContain('Hongliuquan County/LOCATION');
    expect(out.filter((p) => p.startsWith('County') || p.startsWith('The County'))).toEqual([]);
  });

  it('keeps an autonomous region whole, at a line start too, unless an organisation holds it', () => {
    expect(pairs('Xinjiang Uyghur Autonomous Region\nThe notice was issued.')).toEqual(['Xinjiang Uyghur Autonomous Region/LOCATION']);
    expect(pairs('Tibet Autonomous Region\nOffice of the Party Committee')).toContain('Tibet Autonomous Region/LOCATION');
    expect(pairs('In Guangxi Zhuang Autonomous Region officials said nothing.')).toContain('Guangxi Zhuang Autonomous Region/LOCATION');
    expect(pairs('He met the Xinjiang Uyghur Autonomous Region Party Committee.')).toEqual(['Xinjiang Uyghur Autonomous Region Party Committee/ORGANIZATION']);
  });
});

describe('the examples\' entity pages', () => {
  it('takes no person from a thank-you, a product name or a greeting, and no possessive into a name', () => {
    expect(pairs('谢谢你的信任。附件已经收到。').filter((p) => p.endsWith('/PERSON'))).toEqual([]);
    expect(pairs('To: Dossier tips desk <tips@newsroom.example>')).toEqual([]);
    expect(pairs('Generated by scripts/make-examples.sh for Dossier.')).toEqual([]);
    const hello = pairs('Hello. I work in Hongliuquan County, Xinjiang, and have access to internal documents.');
    expect(hello).toContain('Xinjiang/LOCATION');
    expect(hello.filter((p) => p.startsWith('Hello'))).toEqual([]);
    expect(pairs("The notes quote Xi Jinping's speech in Urumqi.")).toEqual(['Xi Jinping/PERSON', 'Urumqi/LOCATION']);
  });
});

describe('the segmenter\'s words for the features', () => {
  it('gives the words and tags of jieba\'s tag() from its cut and a tag looked up per word', () => {
    const texts = ['新华社北京电，国务院总理李鹏昨天在人民大会堂会见了日本外务大臣。', '陈全国在2017年到访喀什地区，ABC 报道了此事。', '他从远方而来，说不出话。'];
    for (const text of texts) {
      const { words, tags } = analyser.segmenter.tagWords(text);
      expect(words.map((w, i) => `${w}/${tags[i]}`)).toEqual(analyser.segmenter.tag(text, true).map((t) => `${t.word}/${t.tag}`));
    }
  });

  it('gives a name from the names dictionary its editors\' type without the segmenter', () => {
    const names = new NamesDictionary();
    names.add({ han: '红柳泉矿业', aliases: [], type: 'org' });
    const out = findEntities('记者走访了红柳泉矿业。', new TextAnalyser(names)).map((m) => `${m.text}/${m.type}`);
    expect(out).toContain('红柳泉矿业/ORGANIZATION');
  });
});

describe('mixed text', () => {
  it('tags Han and Latin passages of one text with offsets into it', () => {
    const out = pairs('陈全国（Chen Quanguo）曾任西藏自治区党委书记。');
    expect(out).toContain('陈全国/PERSON');
    expect(out).toContain('Chen Quanguo/PERSON');
  });
});

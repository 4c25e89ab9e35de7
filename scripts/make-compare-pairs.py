#!/usr/bin/env python3
"""Write pairs of copies with planted differences for `npm run eval:compare` (and test/verify.test.ts).

Usage: make-compare-pairs.py OUT_DIR [--no-office]

Plain text and email (RFC 822) are written here; PDF and DOCX are made from HTML by LibreOffice
(soffice --convert-to), then a DOCX's docProps/core.xml author is rewritten with zipfile (the
Office property a leak-hunter would check). Each pair is NAME-a.EXT / NAME-b.EXT, and
OUT_DIR/expected.json lists what compare must find in each.
"""
import json, os, subprocess, sys, zipfile, shutil

out = sys.argv[1]
office = '--no-office' not in sys.argv
os.makedirs(out, exist_ok=True)
BASE = ("The committee approved the payment of 120 dollars on 3 March.\n"
        "关于加强基层治理的通知：各单位应当在2017年12月31日前完成自查。\n"
        "Contact the office at room 42 for the original file.\n")
# name → (text of copy b, expected finding)
VARIANTS = {
    'text':       (BASE.replace('120 dollars', '150 dollars'), {'text': ['120', '150']}),
    'zero-width': (BASE.replace('committee', 'commit\u200btee'), {'invisible': 'zero-width'}),
    'homoglyph':  (BASE.replace('approved', '\u0430pproved'), {'invisible': 'homoglyph'}),
    'full-width': (BASE.replace('room 42', 'room \uff14\uff12'), {'invisible': 'full-width'}),
    'space':      (BASE.replace('the original', 'the\u00a0original'), {'invisible': 'space'}),
}
expected = []

def pair(name, ext, a, b, expect, mode='w'):
    for side, content in (('a', a), ('b', b)):
        with open(os.path.join(out, f'{name}-{side}.{ext}'), mode, **({} if 'b' in mode else {'encoding': 'utf-8', 'newline': ''})) as f:
            f.write(content)
    expected.append({'name': name, 'format': ext, 'a': f'{name}-a.{ext}', 'b': f'{name}-b.{ext}', 'expect': expect})

# Plain text: every kind, and CRLF against LF.
for kind, (b, expect) in VARIANTS.items():
    pair(f'txt-{kind}', 'txt', BASE, b, expect)
pair('txt-line-break', 'txt', BASE, BASE.replace('\n', '\r\n'), {'invisible': 'line-break', 'metadata': 'lineEndings'})

# Email: body variants, and one header changed (the metadata a forwarded copy differs in).
def eml(body, subject='Budget approval', mailer='Dossier Mail 1.0'):
    return (f"From: Li Wen <li.wen@example.org>\r\nTo: desk@example.org\r\nSubject: {subject}\r\n"
            f"Date: Tue, 05 Dec 2017 09:30:00 +0800\r\nMessage-ID: <budget-1@example.org>\r\nX-Mailer: {mailer}\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body.replace('\n', '\r\n'))
for kind in ('text', 'zero-width', 'homoglyph', 'full-width'):
    b, expect = VARIANTS[kind]
    pair(f'eml-{kind}', 'eml', eml(BASE), eml(b), expect)
pair('eml-metadata', 'eml', eml(BASE), eml(BASE, subject='Budget approval (copy)'), {'metadata': 'subject'})

if office:
    html_dir = os.path.join(out, 'html')
    os.makedirs(html_dir, exist_ok=True)
    def html(body, title='Budget approval', author='Li Wen'):
        paras = ''.join(f'<p>{line}</p>' for line in body.strip().split('\n'))
        return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title><meta name="author" content="{author}"></head><body><h1>{title}</h1>{paras}</body></html>'
    office_pairs = {k: VARIANTS[k] for k in ('text', 'zero-width', 'homoglyph', 'full-width')}
    for fmt in ('pdf', 'docx'):
        for kind, (b, expect) in office_pairs.items():
            for side, body in (('a', BASE), ('b', b)):
                with open(os.path.join(html_dir, f'{fmt}-{kind}-{side}.html'), 'w', encoding='utf-8') as f:
                    f.write(html(body))
            expected.append({'name': f'{fmt}-{kind}', 'format': fmt, 'a': f'{fmt}-{kind}-a.{fmt}', 'b': f'{fmt}-{kind}-b.{fmt}', 'expect': expect})
        for side, title in (('a', 'Budget approval'), ('b', 'Budget approval (draft 2)')):
            with open(os.path.join(html_dir, f'{fmt}-metadata-{side}.html'), 'w', encoding='utf-8') as f:
                f.write(html(BASE, title=title))
        expected.append({'name': f'{fmt}-metadata', 'format': fmt, 'a': f'{fmt}-metadata-a.{fmt}', 'b': f'{fmt}-metadata-b.{fmt}', 'expect': {'metadata': 'title'}})
    for fmt, filt in (('pdf', 'pdf:writer_web_pdf_Export'), ('docx', 'docx:MS Word 2007 XML')):
        inputs = sorted(os.path.join(html_dir, n) for n in os.listdir(html_dir) if n.startswith(fmt + '-'))
        subprocess.run(['soffice', '--headless', '--norestore', '--convert-to', filt, '--outdir', out, *inputs], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # The author in docProps/core.xml: the Office property a leak-hunter would set per recipient.
    src = os.path.join(out, 'docx-text-a.docx')
    for side, author in (('a', 'Li Wen'), ('b', 'Zhang Min')):
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(os.path.join(out, f'docx-author-{side}.docx'), 'w', zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == 'docProps/core.xml':
                    text = data.decode('utf-8')
                    import re
                    text = re.sub(r'<dc:creator>.*?</dc:creator>', '', text)
                    text = text.replace('</cp:coreProperties>', f'<dc:creator>{author}</dc:creator></cp:coreProperties>')
                    data = text.encode('utf-8')
                zout.writestr(item, data)
    expected.append({'name': 'docx-author', 'format': 'docx', 'a': 'docx-author-a.docx', 'b': 'docx-author-b.docx', 'expect': {'metadata': 'author'}})
    shutil.rmtree(html_dir)

with open(os.path.join(out, 'expected.json'), 'w', encoding='utf-8') as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
print(f'{len(expected)} pairs in {out}')

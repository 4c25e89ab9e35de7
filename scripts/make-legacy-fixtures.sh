#!/usr/bin/env bash
# Regenerates test/fixtures/legacy/: an Access database, a CHM help file, a Visio drawing, a
# WordPerfect document, a PDF only pdf.js reads, and a OneNote header (issue 15), each made or taken
# with real tools. test/fixtures/legacy/README.md says where each comes from and what it must give.
#
# Needs (Debian): npm (node), fp-utils (chmcmd), libreoffice-writer-nogui + libreoffice-draw-nogui
#   (the PDF; the Visio drawing is checked by LibreOffice's libvisio), libwpd-tools (wpd2text checks
#   the WordPerfect file), poppler-utils, qpdf, mupdf-tools, python3, node with this repository's node_modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/test/fixtures/legacy"
for t in npm chmcmd soffice wpd2text pdfinfo pdftotext qpdf mutool python3 node; do
  command -v "$t" >/dev/null || { echo "make-legacy-fixtures: '$t' not found" >&2; exit 1; }
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[[ "$OUT" == */test/fixtures/legacy ]] || exit 1
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 -type f -delete # public/ holds real files from other projects, kept as they are

lo() { # lo FORMAT FILE
  soffice -env:UserInstallation="file://$WORK/lo-profile" --headless --convert-to "$1" --outdir "$WORK" "$2" >"$WORK/lo.log" 2>&1 || { cat "$WORK/lo.log" >&2; exit 1; }
}

# --- Access: no free tool writes .mdb (mdbtools only reads). node-adodb (MIT) ships a Jet 4 database
# made by Microsoft Access as its example; npm's own client fetches the exact version. -------------
(cd "$WORK" && npm pack node-adodb@5.0.3 --silent >/dev/null && tar xzf node-adodb-5.0.3.tgz package/examples/node-adodb.mdb package/LICENSE)
cp "$WORK/package/examples/node-adodb.mdb" "$OUT/users.mdb"

# --- CHM: Free Pascal's chmcmd compiles a help project; one topic UTF-8, one GB2312 -------------------
mkdir -p "$WORK/chm/topics"
cat >"$WORK/chm/help.hhp" <<'EOF'
[OPTIONS]
Compiled file=help.chm
Default topic=index.html
Title=Help fixture
Language=0x804 Chinese (PRC)

[FILES]
index.html
topics/second.html
EOF
printf '<html><head><meta charset="utf-8"><title>Help fixture 帮助</title></head><body><h1>First topic</h1><p>marker-chm-topic-one 新疆维吾尔自治区</p></body></html>\n' >"$WORK/chm/index.html"
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>第二</title></head><body><p>marker-chm-topic-two 习近平 陈全国</p></body></html>\n' | iconv -t GB2312 >"$WORK/chm/topics/second.html"
(cd "$WORK/chm" && chmcmd help.hhp >/dev/null)
cp "$WORK/chm/help.chm" "$OUT/help.chm"

# --- Visio 2013+ (.vsdx): an OPC package assembled part by part with Visio's content types; LibreOffice
# (libvisio) must read it back, two pages with their shapes' text ---------------------------------------
python3 - "$OUT/drawing.vsdx" <<'PY'
import sys, zipfile
V = "http://schemas.microsoft.com/office/visio/2012/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
VR = "http://schemas.microsoft.com/visio/2010/relationships"
head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
parts = {
    "[Content_Types].xml": head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/visio/document.xml" ContentType="application/vnd.ms-visio.drawing.main+xml"/>'
    '<Override PartName="/visio/pages/pages.xml" ContentType="application/vnd.ms-visio.pages+xml"/>'
    '<Override PartName="/visio/pages/page1.xml" ContentType="application/vnd.ms-visio.page+xml"/>'
    '<Override PartName="/visio/pages/page2.xml" ContentType="application/vnd.ms-visio.page+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    "_rels/.rels": head + f'<Relationships xmlns="{PR}">'
    f'<Relationship Id="rId1" Type="{VR}/document" Target="visio/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
    "docProps/core.xml": head + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    '<dc:title>Visio fixture 组织图</dc:title><dc:creator>Fixture Author 测试作者</dc:creator></cp:coreProperties>',
    "docProps/app.xml": head + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Visio</Application></Properties>',
    "visio/document.xml": head + f'<VisioDocument xmlns="{V}" xmlns:r="{R}" xml:space="preserve"><DocumentSettings TopPage="0" DefaultTextStyle="0" DefaultLineStyle="0" DefaultFillStyle="0" DefaultGuideStyle="0"/></VisioDocument>',
    "visio/_rels/document.xml.rels": head + f'<Relationships xmlns="{PR}"><Relationship Id="rId1" Type="{VR}/pages" Target="pages/pages.xml"/></Relationships>',
    "visio/pages/pages.xml": head + f'<Pages xmlns="{V}" xmlns:r="{R}" xml:space="preserve">'
    '<Page ID="0" NameU="Page-1" Name="第一页"><PageSheet><Cell N="PageWidth" V="8.5"/><Cell N="PageHeight" V="11"/></PageSheet><Rel r:id="rId1"/></Page>'
    '<Page ID="4" NameU="Page-2" Name="第二页"><PageSheet><Cell N="PageWidth" V="8.5"/><Cell N="PageHeight" V="11"/></PageSheet><Rel r:id="rId2"/></Page></Pages>',
    "visio/pages/_rels/pages.xml.rels": head + f'<Relationships xmlns="{PR}">'
    f'<Relationship Id="rId1" Type="{VR}/page" Target="page1.xml"/><Relationship Id="rId2" Type="{VR}/page" Target="page2.xml"/></Relationships>',
}
def shape(i, x, y, text):
    geometry = "".join(f'<Row T="{t}" IX="{n}"><Cell N="X" V="{a}"/><Cell N="Y" V="{b}"/></Row>' for n, (t, a, b) in enumerate(
        [("RelMoveTo", 0, 0), ("RelLineTo", 1, 0), ("RelLineTo", 1, 1), ("RelLineTo", 0, 1), ("RelLineTo", 0, 0)], 1))
    return (f'<Shape ID="{i}" Type="Shape" LineStyle="0" FillStyle="0" TextStyle="0"><Cell N="PinX" V="{x}"/><Cell N="PinY" V="{y}"/>'
            '<Cell N="Width" V="3"/><Cell N="Height" V="1"/><Cell N="LocPinX" V="1.5" F="Width*0.5"/><Cell N="LocPinY" V="0.5" F="Height*0.5"/>'
            f'<Section N="Geometry" IX="0">{geometry}</Section><Text>{text}</Text></Shape>')
def page(*shapes):
    return head + f'<PageContents xmlns="{V}" xmlns:r="{R}" xml:space="preserve"><Shapes>{"".join(shapes)}</Shapes></PageContents>'
parts["visio/pages/page1.xml"] = page(shape(1, 4, 8, '<cp IX="0"/>marker-vsdx-page-one 自治区党委'), shape(2, 4, 5, '<cp IX="0"/>陈全国 <cp IX="1"/>Party Secretary'))
parts["visio/pages/page2.xml"] = page(shape(1, 4, 8, '<cp IX="0"/>marker-vsdx-page-two 公安厅'))
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(zipfile.ZipInfo(name, (2020, 1, 2, 3, 4, 6)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
PY
cp "$OUT/drawing.vsdx" "$WORK/drawing.vsdx"
lo pdf "$WORK/drawing.vsdx"
[[ "$(pdfinfo "$WORK/drawing.pdf" | awk '/^Pages:/ {print $2}')" == 2 ]] || { echo "make-legacy-fixtures: LibreOffice does not read drawing.vsdx as two pages" >&2; exit 1; }
pdftotext "$WORK/drawing.pdf" - | grep -q 'marker-vsdx-page-two' || { echo "make-legacy-fixtures: LibreOffice lost the Visio text" >&2; exit 1; }

# --- WordPerfect 5.1: no free tool writes it. Written byte by byte (16-byte prefix: FF "WPC", document
# offset, product 1, type 10 = document, version 0.0; text with hard returns 0x0A, Ü and ü as the
# extended characters 1,70 and 1,71 between two C0 codes); libwpd (wpd2text) must read it back --------------------------------
python3 - "$OUT/letter.wpd" <<'PY'
import struct, sys
def extended(char, charset): return bytes([0xC0, char, charset, 0xC0])
text = (b"marker-wpd-paragraph-one " + extended(70, 1) + b"r" + extended(71, 1) + b"mqi county\x0a"
        b"Second paragraph: marker-wpd-paragraph-two report of the county office\x0a")
prefix = b"\xffWPC" + struct.pack("<I", 16) + bytes([1, 10, 0, 0]) + struct.pack("<HH", 0, 0)
open(sys.argv[1], "wb").write(prefix + text)
PY
wpd2text "$OUT/letter.wpd" | grep -q 'marker-wpd-paragraph-one Ürümqi county' || { echo "make-legacy-fixtures: libwpd does not read letter.wpd" >&2; exit 1; }

# --- A PDF poppler rejects and pdf.js reads: LibreOffice's two pages, then the /Count of the page tree's
# root blanked out (same length, so the xref stays right). poppler: "Page count in top-level pages object
# is wrong type", 0 pages; pdf.js walks the /Kids and finds both pages -------------------------------------
cat >"$WORK/no-count.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Page tree fixture 页面树</dc:title></office:meta>
 <office:automatic-styles><style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style></office:automatic-styles>
 <office:body><office:text>
  <text:p>marker-pdf-fallback-one 第一页 新疆维吾尔自治区</text:p>
  <text:p text:style-name="PB">marker-pdf-fallback-two 第二页 陈全国</text:p>
 </office:text></office:body>
</office:document>
EOF
lo pdf "$WORK/no-count.fodt"
python3 - "$WORK/no-count.pdf" "$OUT/page-tree-no-count.pdf" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
root = re.search(rb"/Type\s*/Catalog\s*/Pages (\d+) 0 R", b).group(1)
start = re.search(rb"\n" + root + rb" 0 obj", b).end()
end = b.index(b"endobj", start)
count = re.search(rb"/Count \d+", b[start:end])
at = start + count.start()
open(sys.argv[2], "wb").write(b[:at] + b" " * len(count.group(0)) + b[at + len(count.group(0)):])
PY
if pdfinfo "$OUT/page-tree-no-count.pdf" 2>/dev/null | grep -q '^Pages: *[1-9]'; then echo "make-legacy-fixtures: poppler still reads page-tree-no-count.pdf" >&2; exit 1; fi

# --- A PDF neither poppler nor pdf.js reads, MuPDF's repair does: the same two pages rewritten by qpdf with
# object streams (PDF 1.5), then cut just before its cross-reference stream, as a transfer that stopped
# short leaves it: the catalog and the page tree live inside object streams nothing points to any more ---------
qpdf --object-streams=generate "$WORK/no-count.pdf" "$WORK/objstm.pdf"
python3 - "$WORK/objstm.pdf" "$OUT/lost-xref-stream.pdf" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
xref = list(re.finditer(rb"\n(\d+) 0 obj\s*<<[^>]*?/Type\s*/XRef", b))[-1]
open(sys.argv[2], "wb").write(b[: xref.start() + 1])
PY
if pdfinfo "$OUT/lost-xref-stream.pdf" >/dev/null 2>&1; then echo "make-legacy-fixtures: poppler still reads lost-xref-stream.pdf" >&2; exit 1; fi
mutool draw -F txt -o - "$OUT/lost-xref-stream.pdf" 2>/dev/null | grep -q marker-pdf-fallback-two || { echo "make-legacy-fixtures: MuPDF does not repair lost-xref-stream.pdf" >&2; exit 1; }

# --- OneNote: no tool outside Microsoft's writes a section. Only the 16-byte file-type GUID of a .one
# section ({7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}), then zeros: enough to test detection and the reason ---
python3 -c "
import sys, uuid
sys.stdout.buffer.write(uuid.UUID('7B5C52E4-D88C-4DA7-AEB1-5378D02996D3').bytes_le + bytes(1008))" >"$OUT/section-header.one"

# --- HWP 5: likewise no free writer. An OLE file with the streams an HWP 5 document has (FileHeader opening
# with its signature, HwpSummaryInformation, DocInfo, BodyText/Section0), written by the cfb package this
# repository already uses, the streams otherwise zeros: enough to test detection and the reason ---------------
(cd "$ROOT" && node --input-type=module -e "
import CFB from 'cfb';
import fs from 'node:fs';
const doc = CFB.utils.cfb_new();
const header = Buffer.alloc(256);
header.write('HWP Document File', 'latin1');
CFB.utils.cfb_add(doc, '/FileHeader', header);
CFB.utils.cfb_add(doc, '/\\u0005HwpSummaryInformation', Buffer.alloc(64));
CFB.utils.cfb_add(doc, '/DocInfo', Buffer.alloc(64));
CFB.utils.cfb_add(doc, '/BodyText/Section0', Buffer.alloc(64));
fs.writeFileSync('$OUT/hwp5-streams.hwp', CFB.write(doc, { type: 'buffer' }));
")

# --- public/: real Access 2007 and Works files from jackcess's and libwps's test data (SOURCES.md) --
(cd "$OUT/public" && sha256sum -c --quiet <<'SUMS'
c2c3352c71aa3985bd620a322521eb9f67391cbb19ba9fefc376a24575896df7  access-2007.accdb
c5e080b6ec295d1b3487c0154bb47eec55141dee23d49278e6dba12eb1d1c53f  works-4.5.wps
SUMS
)

cat >"$OUT/README.md" <<'EOF'
# test/fixtures/legacy

Formats of issue 15 that no free tool writes, or that needed a real file to test on, for
`test/ingest-formats-legacy.test.ts`. Made (or fetched, for the Access database) by
`scripts/make-legacy-fixtures.sh`, which `scripts/make-fixtures.sh` runs and which also writes this
file. Content is fictional, except the Access database's three example rows.

| file | where it comes from | expected |
| --- | --- | --- |
| `users.mdb` | `examples/node-adodb.mdb` of the npm package [node-adodb](https://www.npmjs.com/package/node-adodb) 5.0.3 (MIT, © 2015 nuintun), fetched with `npm pack`; a Jet 4 database written by Microsoft Access (no free tool writes `.mdb`: mdbtools only reads). sha256 `6a81cfef5bc61186578222f00bcff65fb0cb5b14dc142f58db5e9d8f5731ddcc` | `application/x-msaccess`; one table `Users` = one page: header `UserId UserName UserSex UserBirthday UserMarried`, rows such as `3 张三 男 1986-12-18 00:00:00 1` (tab-separated, date-times ISO) |
| `help.chm` | Free Pascal's `chmcmd` (Debian `fp-utils` 3.2.2) compiling a two-topic project | `application/vnd.ms-htmlhelp`; title `Help fixture 帮助`; page 1 `marker-chm-topic-one 新疆维吾尔自治区` (UTF-8 topic), page 2 `marker-chm-topic-two 习近平 陈全国` (GB2312 topic) |
| `drawing.vsdx` | python3 zipfile: an OPC package assembled part by part with Visio 2013's content types and relationships (`visio/document.xml`, `visio/pages/pages.xml`, `page1.xml`, `page2.xml`, `docProps/core.xml`); checked by LibreOffice 7.4 (libvisio), which renders it as two pages with the texts below | `application/vnd.ms-visio.drawing` (file-type calls it `application/vnd.visio`, the legacy `.vsd` type); title `Visio fixture 组织图`, author `Fixture Author 测试作者`; page 1 `marker-vsdx-page-one 自治区党委` and `陈全国 Party Secretary`, page 2 `marker-vsdx-page-two 公安厅` |
| `letter.wpd` | python3, byte by byte: a WordPerfect 5.1 document (16-byte prefix `FF 57 50 43`, product 1, file type 10, version 0.0; hard returns `0A`; `Ü`, `ü` as the extended characters set 1 numbers 70, 71 between two `C0` codes); checked by libwpd's `wpd2text` and by LibreOffice | `application/vnd.wordperfect`; `marker-wpd-paragraph-one Ürümqi county`, `marker-wpd-paragraph-two …` |
| `page-tree-no-count.pdf` | LibreOffice 7.4 (a two-page flat ODT → PDF), then the `/Count` of the page tree's root replaced by spaces (same length: the xref stays right) | `application/pdf`; poppler rejects it (`Page count in top-level pages object is wrong type`, 0 pages); pdf.js reads both pages: `marker-pdf-fallback-one 第一页 新疆维吾尔自治区`, `marker-pdf-fallback-two 第二页 陈全国`; title `Page tree fixture 页面树` |
| `hwp5-streams.hwp` | node with the `cfb` package: **not a real HWP document** (no free tool writes HWP 5): an OLE file holding the streams an HWP 5 file has — `FileHeader` opening with `HWP Document File`, `\x05HwpSummaryInformation`, `DocInfo`, `BodyText/Section0` — all otherwise zeros | `application/x-hwp`; `unsupported`: LibreOffice reads only HWP 97 (3.0), and no maintained reader of HWP 5 exists for Node or Debian |
| `lost-xref-stream.pdf` | the same LibreOffice PDF rewritten by `qpdf --object-streams=generate` (PDF 1.5: the catalog and page tree inside object streams), then cut just before its cross-reference stream | `application/pdf`; poppler (`Couldn't find trailer dictionary`) and pdf.js (`Invalid PDF structure`) reject it; MuPDF's repair reads both pages (`pdfEngine: mupdf`) |
| `section-header.one` | python3: **not a real OneNote section** (no free tool writes one): the 16-byte file-type GUID a `.one` section opens with, `{7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}`, then 1,008 zero bytes | `application/onenote`; `unsupported` (no maintained reader exists for Node or Debian), never `corrupt` |

Real Access 2007 (`.accdb`) and Microsoft Works (`.wps`) files are in `public/`, taken from jackcess's
and libwps's test data (`public/SOURCES.md`: source, licence, sha256). No fixture: Hangul HWP 97 (its
reader, LibreOffice's HWP 97 filter, is untested on a real file).
EOF

echo "test/fixtures/legacy/:"
(cd "$OUT" && ls -l | awk 'NR>1 {printf "  %9d  %s\n", $5, $9}')

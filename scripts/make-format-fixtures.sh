#!/usr/bin/env bash
# Regenerates test/fixtures/formats/: spreadsheets, slides, archives and other formats a leak holds
# (issue 15), made with real tools. RAR archives cannot be made with free tools: they are copied from
# two projects' test suites (see test/fixtures/formats/README.md for provenance).
#
# Needs (Debian): libreoffice-calc-nogui libreoffice-impress-nogui libreoffice-writer-nogui 7zip
#   djvulibre-bin python3, and node with this repository's node_modules (SheetJS writes the .xlsb).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/test/fixtures/formats"
for t in soffice 7zz cjb2 djvused python3 node; do
  command -v "$t" >/dev/null || { echo "make-format-fixtures: '$t' not found" >&2; exit 1; }
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[[ "$OUT" == */test/fixtures/formats ]] || exit 1
# The RAR samples are not regenerated: keep them across runs.
mkdir -p "$WORK/keep" && cp "$OUT"/*.rar "$WORK/keep/" 2>/dev/null || true
rm -rf "$OUT" && mkdir -p "$OUT"
cp "$WORK/keep/"*.rar "$OUT/" 2>/dev/null || true

lo() { # lo FORMAT FILE
  soffice -env:UserInstallation="file://$WORK/lo-profile" --headless --convert-to "$1" --outdir "$WORK" "$2" >"$WORK/lo.log" 2>&1 || { cat "$WORK/lo.log" >&2; exit 1; }
}

NS='xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'

# --- spreadsheets: three sheets, the third hidden, a formula ------------------------------------
cat >"$WORK/sheets.fods" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document $NS office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:meta><dc:title>Sheets fixture 表格</dc:title><meta:initial-creator>Fixture Author</meta:initial-creator></office:meta>
 <office:automatic-styles>
  <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
  <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="名单" table:style-name="ta1">
   <table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>marker-xls-sheet-one</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>马建华</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>红柳泉县</text:p></table:table-cell></table:table-row>
  </table:table>
  <table:table table:name="Totals" table:style-name="ta1">
   <table:table-row><table:table-cell office:value-type="string"><text:p>marker-xls-sheet-two</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1200"/><table:table-cell office:value-type="float" office:value="34"/><table:table-cell table:formula="of:=[.B1]+[.C1]" office:value-type="float" office:value="1234"/></table:table-row>
  </table:table>
  <table:table table:name="Secret" table:style-name="ta2">
   <table:table-row><table:table-cell office:value-type="string"><text:p>marker-xls-hidden-sheet</text:p></table:table-cell></table:table-row>
  </table:table>
 </office:spreadsheet></office:body>
</office:document>
EOF
lo xls "$WORK/sheets.fods"
cp "$WORK/sheets.xls" "$OUT/sheets.xls"
(cd "$ROOT" && node --input-type=module -e "
import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
const wb = XLSX.read(fs.readFileSync('$OUT/sheets.xls'));
fs.writeFileSync('$OUT/sheets.xlsb', XLSX.write(wb, { bookType: 'xlsb', type: 'buffer' }));
")
# dBase III table (LibreOffice writes dBase only with Base installed): python3, code page byte 0x4D (GBK/936).
python3 - "$OUT/table.dbf" <<'PY'
import struct, sys
fields = [(b"NAME", 20), (b"PLACE", 20)]
rows = [("马建华", "红柳泉县"), ("marker-dbf-row", "Urumqi")]
header_len = 32 + 32 * len(fields) + 1
record_len = 1 + sum(n for _, n in fields)
out = bytearray(struct.pack("<BBBBIHH20x", 3, 124, 1, 1, len(rows), header_len, record_len))
out[29] = 0x4D
for name, size in fields:
    out += struct.pack("<11sc4xBB14x", name, b"C", size, 0)
out += b"\r"
for row in rows:
    out += b" " + b"".join(v.encode("gbk").ljust(n, b" ") for v, (_, n) in zip(row, fields))
out += b"\x1a"
open(sys.argv[1], "wb").write(out)
PY

# --- slides: two slides with notes ---------------------------------------------------------------
cat >"$WORK/slides.fodp" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document $NS office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:meta><dc:title>Slides fixture 幻灯片</dc:title></office:meta>
 <office:body><office:presentation>
  <draw:page draw:name="one">
   <draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>marker-ppt-slide-one 第一张 新疆</text:p></draw:text-box></draw:frame>
   <presentation:notes><draw:frame presentation:class="notes" svg:x="2cm" svg:y="12cm" svg:width="17cm" svg:height="10cm"><draw:text-box><text:p>marker-ppt-notes-one 备注</text:p></draw:text-box></draw:frame></presentation:notes>
  </draw:page>
  <draw:page draw:name="two">
   <draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>marker-ppt-slide-two 第二张 习近平</text:p></draw:text-box></draw:frame>
  </draw:page>
 </office:presentation></office:body>
</office:document>
EOF
lo ppt "$WORK/slides.fodp"
cp "$WORK/slides.ppt" "$OUT/slides.ppt"

# --- EPUB from Writer: two chapters ---------------------------------------------------------------
cat >"$WORK/book.fodt" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document $NS office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Book fixture 书</dc:title><dc:creator>Fixture Author</dc:creator></office:meta>
 <office:body><office:text>
  <text:h text:outline-level="1">Chapter one</text:h><text:p>marker-epub-chapter-one 第一章 新疆</text:p>
  <text:h text:outline-level="1">Chapter two</text:h><text:p>marker-epub-chapter-two 第二章</text:p>
 </office:text></office:body>
</office:document>
EOF
lo epub "$WORK/book.fodt"
cp "$WORK/book.epub" "$OUT/book.epub"

# --- 7z: members in folders, a nested zip and 7z, encrypted, a bomb, names that try to leave -----
mkdir -p "$WORK/7z/docs/中文" "$WORK/7z-inner"
printf 'marker-7z-member a plain member\n' >"$WORK/7z/docs/a.txt"
printf 'marker-7z-chinese 新疆维吾尔自治区\n' >"$WORK/7z/docs/中文/报告.txt"
printf 'marker-7z-nested inside the inner archive\n' >"$WORK/7z-inner/inner.txt"
(cd "$WORK/7z-inner" && 7zz a -bso0 -bsp0 "$WORK/7z/inner.7z" inner.txt)
(cd "$WORK/7z" && 7zz a -bso0 -bsp0 "$OUT/sample.7z" docs inner.7z)
mkdir -p "$WORK/enc" && printf 'marker-7z-encrypted\n' >"$WORK/enc/secret.txt"
(cd "$WORK/enc" && 7zz a -bso0 -bsp0 -pfixture-pw "$OUT/encrypted-files.7z" secret.txt)
(cd "$WORK/enc" && 7zz a -bso0 -bsp0 -pfixture-pw -mhe=on "$OUT/encrypted-headers.7z" secret.txt)
head -c 300000000 /dev/zero >"$WORK/zeros.bin"
(cd "$WORK" && 7zz a -bso0 -bsp0 -mx=9 "$OUT/bomb.7z" zeros.bin)
mkdir -p "$WORK/trav/a" "$WORK/trav/b" && printf 'marker-7z-traversal\n' >"$WORK/trav/a/evil.txt"
printf 'marker-7z-absolute\n' >"$WORK/trav/b/absolute.txt"
(cd "$WORK/trav/a" && 7zz a -bso0 -bsp0 -spf "$OUT/traversal.7z" ../a/evil.txt "$WORK/trav/b/absolute.txt")

# --- DjVu: a bitmap page with a hidden text layer --------------------------------------------------
python3 - "$WORK/page.pbm" <<'PY'
import sys
w, h = 200, 100
rows = []
for y in range(h):
    rows.append(bytes(0xFF if 20 < y < 80 and 2 < x < 22 else 0 for x in range((w + 7) // 8)))
open(sys.argv[1], "wb").write(b"P4\n%d %d\n" % (w, h) + b"".join(rows))
PY
cjb2 "$WORK/page.pbm" "$OUT/page.djvu"
printf '(page 0 0 200 100 (line 0 0 200 100 "marker-djvu-text-layer 新疆"))\n' >"$WORK/txt.dsed"
djvused "$OUT/page.djvu" -e 'select 1; set-txt '"$WORK/txt.dsed" -s

# --- one message saved with its mbox "From " line: an email, not a mailbox -------------------------
printf 'From sender@example.org Tue Nov 14 22:41:07 2017\nFrom: Sender <sender@example.org>\nTo: desk@example.org\nSubject: single mbox message\nDate: Tue, 14 Nov 2017 22:41:07 +0800\nMessage-ID: <single-1@example.org>\n\nmarker-single-mbox-message\nFrom the desk: a body line that starts with From.\n' >"$OUT/single-message.mbox"

# --- an encrypted OpenDocument text, laid out as LibreOffice writes one (manifest with
# encryption-data; meta.xml and content.xml encrypted, here random bytes) ------------------------------
python3 - "$OUT/encrypted.odt" <<'PY'
import os, sys, zipfile
manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="3000">
  <manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">
   <manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>
   <manifest:start-key-generation manifest:start-key-generation-name="http://www.w3.org/2000/09/xmldsig#sha256" manifest:key-size="32"/>
   <manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/>
  </manifest:encryption-data>
 </manifest:file-entry>
</manifest:manifest>
"""
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype", (2020, 1, 2, 3, 4, 6)), "application/vnd.oasis.opendocument.text")
    z.writestr(zipfile.ZipInfo("meta.xml", (2020, 1, 2, 3, 4, 6)), os.urandom(600))
    z.writestr(zipfile.ZipInfo("content.xml", (2020, 1, 2, 3, 4, 6)), os.urandom(1200))
    z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", (2020, 1, 2, 3, 4, 6)), manifest, zipfile.ZIP_DEFLATED)
PY

echo "test/fixtures/formats/:"
(cd "$OUT" && ls -l | awk 'NR>1 {printf "  %9d  %s\n", $5, $9}')

#!/usr/bin/env bash
# Regenerates test/fixtures/ocr/: small scans and broken images for Dossier's OCR
# tests (test/ocr-engine.contract.test.ts, test/ocr-ingest.test.ts), and the
# "## ocr/" section of test/fixtures/README.md that says what each file holds.
#
# Run it AFTER scripts/make-fixtures.sh: that script wipes test/fixtures/ (this
# folder included) and rewrites README.md without the ocr/ section.
#
# Idempotent: test/fixtures/ocr/ is wiped and rebuilt; output is deterministic
# (no timestamps in the PNGs or PDFs).
#
# Pages are drawn at 150 dpi, grey, 8 bits, with Noto Sans CJK SC (Chinese) and
# DejaVu Sans (Latin) through ImageMagick 6; scanned PDFs are those PNGs wrapped
# by img2pdf (one image per page, no fonts, no text layer).
#
# Needs (Debian):
#   apt-get update && apt-get install -y imagemagick img2pdf fonts-noto-cjk \
#     fonts-dejavu-core poppler-utils python3
# (/usr/local/bin/convert may be a stand-in: ImageMagick is called as convert-im6.q16.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/test/fixtures/ocr"
README="$ROOT/test/fixtures/README.md"
IM=/usr/bin/convert-im6.q16

need() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || {
      echo "make-ocr-fixtures: '$t' not found. Install with:" >&2
      echo "  apt-get update && apt-get install -y imagemagick img2pdf fonts-noto-cjk fonts-dejavu-core poppler-utils python3" >&2
      exit 1
    }
  done
}
need "$IM" img2pdf pdftotext pdfinfo python3
FONTS="$("$IM" -list font)"
grep -q 'Font: Noto-Sans-CJK-SC$' <<<"$FONTS" || { echo "make-ocr-fixtures: font Noto-Sans-CJK-SC missing (apt-get install fonts-noto-cjk)" >&2; exit 1; }
grep -q 'Font: DejaVu-Sans$' <<<"$FONTS" || { echo "make-ocr-fixtures: font DejaVu-Sans missing (apt-get install fonts-dejavu-core)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

[[ "$OUT" == */test/fixtures/ocr ]] || { echo "refusing to wipe $OUT" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"

# Deterministic grey 8-bit PNG at 150 dpi, no time chunks.
PNG_OUT=(-colorspace Gray -depth 8 -strip -density 150 -units PixelsPerInch -define png:exclude-chunks=date,time,tIME)

# page OUT WIDTH HEIGHT FONT POINTSIZE LINE... : black text lines on a white
# WIDTHxHEIGHT page (pixels at 150 dpi), the block of lines centred.
page() {
  local out=$1 w=$2 h=$3 font=$4 pt=$5
  shift 5
  local text
  text="$(printf '%s\n' "$@")"
  text="${text%$'\n'}"
  "$IM" -density 150 -background white -fill black -font "$font" -pointsize "$pt" \
    -interline-spacing 14 label:"$text" \
    -gravity center -extent "${w}x${h}" "${PNG_OUT[@]}" "$out"
}

# pdf OUT PNG... : an image-only PDF, one PNG per page at its own 150 dpi.
pdf() {
  local out=$1
  shift
  img2pdf --engine internal --nodate --imgsize 150dpix150dpi -o "$out" "$@"
}

CJK=Noto-Sans-CJK-SC
LATIN=DejaVu-Sans

# --- recognisable images (contract test) -----------------------------------
page "$OUT/english.png" 1000 420 "$LATIN" 16 \
  'marker-ocr-english' \
  'The quick brown fox jumps over the lazy dog.' \
  'Scanned pages are read by Dossier.' \
  'Invoice 2017 was paid in full.'

page "$OUT/chinese.png" 1000 420 "$CJK" 20 \
  '新疆维吾尔自治区' \
  '职业技能教育培训中心' \
  '扫描件测试文件'

page "$OUT/mixed.png" 1000 420 "$CJK" 18 \
  'marker-ocr-mixed' \
  '新疆维吾尔自治区' \
  'Report on training centres' \
  '职业技能教育培训中心'

# --- scanned PDF, three pages, no text layer ---------------------------------
page "$WORK/scan-1.png" 1050 700 "$CJK" 20 'marker-ocr-page-one' '第一页 首页内容' 'First page of the scan'
page "$WORK/scan-2.png" 1050 700 "$CJK" 20 'marker-ocr-page-two' '第二页测试' 'Second page of the scan'
page "$WORK/scan-3.png" 1050 700 "$CJK" 20 'marker-ocr-page-three' '第三页 结束' 'Third page of the scan'
pdf "$OUT/scanned-3-pages.pdf" "$WORK/scan-1.png" "$WORK/scan-2.png" "$WORK/scan-3.png"

# --- rotated scans: needs-turn-N.png must be turned N degrees clockwise to read
# (ImageMagick -rotate is clockwise, so the upright page is rotated by 360-N).
page "$WORK/upright.png" 1000 760 "$LATIN" 15 \
  'marker-ocr-rotated' \
  'The quick brown fox jumps over the lazy dog.' \
  'Pack my box with five dozen liquor jugs.' \
  'Scanned pages are often fed in sideways' \
  'or upside down, and must still be read.' \
  'Invoice 2017 was paid in full.'
for n in 90 180 270; do
  "$IM" "$WORK/upright.png" -rotate $((360 - n)) "${PNG_OUT[@]}" "$OUT/needs-turn-$n.png"
done

# --- broken and hostile images -----------------------------------------------
# truncated.png: the first half of english.png (signature and IHDR intact, IDAT cut).
size=$(stat -c %s "$OUT/english.png")
head -c $((size / 2)) "$OUT/english.png" >"$OUT/truncated.png"

# truncated.bmp: a 24-bit BMP cut to its first 3000 bytes. sharp cannot open BMP at all, so
# Dossier hands it to the OCR engine as it is: the engine itself must fail cleanly.
"$IM" -size 240x60 xc:white -font "$LATIN" -pointsize 20 -fill black -annotate +10+40 'marker-ocr-bmp' \
  "bmp3:$WORK/whole.bmp"
head -c 3000 "$WORK/whole.bmp" >"$OUT/truncated.bmp"

python3 - "$OUT" <<'PY'
import struct, sys, zlib
out = sys.argv[1]

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

SIG = b'\x89PNG\r\n\x1a\n'
def ihdr(w, h):  # 8-bit greyscale, no interlace
    return chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))

# header-only.png: signature + IHDR (200x100) + IEND, no image data at all.
with open(f'{out}/header-only.png', 'wb') as f:
    f.write(SIG + ihdr(200, 100) + chunk(b'IEND', b''))

# wide-20000px.png: a valid 20000x40 white PNG (compresses to ~1 KB).
w, h = 20000, 40
raw = b''.join(b'\x00' + b'\xff' * w for _ in range(h))
with open(f'{out}/wide-20000px.png', 'wb') as f:
    f.write(SIG + ihdr(w, h) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
PY

# --- blank pages ---------------------------------------------------------------
"$IM" -size 1050x700 xc:white "${PNG_OUT[@]}" "$WORK/white.png"
pdf "$OUT/blank.pdf" "$WORK/white.png"
page "$WORK/before-blank.png" 1050 700 "$LATIN" 20 'marker-ocr-before-blank' 'The next page is blank.'
pdf "$OUT/blank-second-page.pdf" "$WORK/before-blank.png" "$WORK/white.png"

# --- checks ------------------------------------------------------------------
for f in scanned-3-pages.pdf blank.pdf blank-second-page.pdf; do
  if [[ -n "$(pdftotext "$OUT/$f" - | tr -d '[:space:]')" ]]; then
    echo "make-ocr-fixtures: $f has a text layer" >&2; exit 1
  fi
done
[[ "$(pdfinfo "$OUT/scanned-3-pages.pdf" | awk '/^Pages:/ {print $2}')" == 3 ]] || { echo "make-ocr-fixtures: scanned-3-pages.pdf is not 3 pages" >&2; exit 1; }
total=$(du -cb "$OUT"/* | tail -1 | cut -f1)
(( total < 1500000 )) || { echo "make-ocr-fixtures: fixtures too big ($total bytes)" >&2; exit 1; }

# --- README section -------------------------------------------------------------
SECTION="$(cat <<'EOF'
## ocr/

Made by `scripts/make-ocr-fixtures.sh` (run it **after** `scripts/make-fixtures.sh`, which
wipes this folder and this section). Pages are drawn at 150 dpi, 8-bit grey, with ImageMagick 6
(`convert-im6.q16`, fonts Noto Sans CJK SC and DejaVu Sans); scanned PDFs are those PNGs wrapped
by `img2pdf --engine internal --nodate --imgsize 150dpix150dpi` (one image per page, no fonts, no text layer). Used by
`test/ocr-engine.contract.test.ts` and `test/ocr-ingest.test.ts`. Note: tests that ingest the
whole `test/fixtures/` folder also ingest these (ten pages to OCR, ≈15–25 s more per ingest; or all queued with `--no-ocr`).

| file | made with | expected |
| --- | --- | --- |
| `ocr/english.png` | ImageMagick label, DejaVu Sans 16 pt, 1000×420 | `image/png`; OCR (eng) reads `marker-ocr-english`, `The quick brown fox jumps over the lazy dog.`, `Scanned pages are read by Dossier.`, `Invoice 2017 was paid in full.` |
| `ocr/chinese.png` | ImageMagick label, Noto Sans CJK SC 20 pt, 1000×420 | `image/png`; OCR (chi_sim) reads `新疆维吾尔自治区`, `职业技能教育培训中心`, `扫描件测试文件` (characters joined without spaces) |
| `ocr/mixed.png` | Noto Sans CJK SC 18 pt, 1000×420 | `image/png`; OCR (chi_sim+eng) reads `marker-ocr-mixed`, `新疆维吾尔自治区`, `Report on training centres`, `职业技能教育培训中心` |
| `ocr/scanned-3-pages.pdf` | three 1050×700 PNGs → img2pdf (7×4.67 in pages) | `application/pdf`; 3 pages, **no text layer** (`pdftotext` gives nothing) → needs OCR. Page 1: `marker-ocr-page-one`, `第一页 首页内容`, `First page of the scan`; page 2: `marker-ocr-page-two`, `第二页测试`, `Second page of the scan`; page 3: `marker-ocr-page-three`, `第三页 结束`, `Third page of the scan`. Rendered at 300 dpi (pdftoppm) a page is 2100×1400. tesseract 5.3 may misread the Chinese of pages 1 and 3 (`首`→`乍`, `页`→`ty`); page 2 reads exactly with chi_sim+eng (program and tesseract.js) |
| `ocr/needs-turn-90.png`, `ocr/needs-turn-180.png`, `ocr/needs-turn-270.png` | a 1000×760 English page (DejaVu Sans 15 pt) rotated by 270°, 180°, 90° clockwise | `image/png`; each must be turned **N° clockwise** (the N in the name) to be upright, so OCR's `rotation` is N; upright text: `marker-ocr-rotated`, `The quick brown fox jumps over the lazy dog.`, `Pack my box with five dozen liquor jugs.`, `Scanned pages are often fed in sideways`, `or upside down, and must still be read.`, `Invoice 2017 was paid in full.` |
| `ocr/truncated.png` | first half of the bytes of `english.png` | `image/png` by magic (signature and IHDR intact, IDAT cut short); **fails** OCR as `corrupt` |
| `ocr/truncated.bmp` | ImageMagick 240×60 24-bit BMP (`bmp3:`, 43,254 bytes) cut to its first 3000 bytes | `image/bmp` (magic `BM`); sharp cannot open BMP, so it goes to the OCR engine as it is; **fails** OCR as `corrupt` with either engine (never `crashed`) |
| `ocr/header-only.png` | python: PNG signature + IHDR (200×100 grey) + IEND, 45 bytes | `image/png` by magic, but no image data at all; **fails** OCR as `corrupt` |
| `ocr/wide-20000px.png` | python zlib: a valid white 20000×40 PNG (≈1 KB) | `image/png`; wider than the 15,000-pixel limit: **fails** as `too_large` without being decoded for OCR |
| `ocr/blank.pdf` | a white 1050×700 PNG → img2pdf | `application/pdf`; 1 page that renders blank: page 1 fails OCR as `empty` (nothing else to read: the document fails as `empty`) |
| `ocr/blank-second-page.pdf` | img2pdf of a text PNG and the white PNG | `application/pdf`; 2 pages, no text layer; page 1 reads `marker-ocr-before-blank`, `The next page is blank.`; page 2 fails OCR as `empty`, the document stays ok |
EOF
)"
python3 - "$README" "$SECTION" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2].rstrip('\n') + '\n'
text = open(path, encoding='utf-8').read()
# Replace an existing "## ocr/" section (up to the next "## " heading), else insert it before
# "## Notes for tests" (or at the end).
pattern = re.compile(r'^## ocr/\n.*?(?=^## |\Z)', re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + '\n', text, count=1)
elif '\n## Notes for tests' in text:
    text = text.replace('\n## Notes for tests', '\n' + section + '\n## Notes for tests', 1)
else:
    text = text.rstrip('\n') + '\n\n' + section
open(path, 'w', encoding='utf-8').write(text)
PY

echo "make-ocr-fixtures: wrote $(ls "$OUT" | wc -l) files, $total bytes, to $OUT"

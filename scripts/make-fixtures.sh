#!/usr/bin/env bash
# Regenerates test/fixtures/: small real files (text encodings, Office, PDF,
# HTML, e-mail, archives, broken files, images) for Dossier's tests.
# test/fixtures/README.md (also written here) says what each file should give.
#
# Idempotent: test/fixtures/ is wiped and rebuilt on every run. Files made by
# LibreOffice/qpdf carry fresh timestamps, so bytes change between runs; the
# texts, markers and metadata stay the same.
#
# Needs (Debian):
#   apt-get update && apt-get install -y libreoffice-writer-nogui fonts-noto-cjk \
#     poppler-utils qpdf zip unzip libimage-exiftool-perl python3
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/test/fixtures"

need() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || {
      echo "make-fixtures: '$t' not found. Install with:" >&2
      echo "  apt-get update && apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils qpdf zip unzip libimage-exiftool-perl python3" >&2
      exit 1
    }
  done
}
need soffice pdftoppm pdftotext pdfinfo qpdf zip unzip exiftool python3 iconv tar gzip

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SRC="$WORK/src"
mkdir -p "$SRC"

lo() { # lo FORMAT OUTDIR FILE...
  local fmt=$1 dir=$2
  shift 2
  soffice -env:UserInstallation="file://$WORK/lo-profile" --headless \
    --convert-to "$fmt" --outdir "$dir" "$@" >"$WORK/lo.log" 2>&1 || {
    cat "$WORK/lo.log" >&2
    exit 1
  }
  local f
  for f in "$@"; do
    f="$(basename "${f%.*}").${fmt%%:*}"
    [[ -s "$dir/$f" ]] || { echo "make-fixtures: LibreOffice did not produce $dir/$f" >&2; cat "$WORK/lo.log" >&2; exit 1; }
  done
}

# fodt OUT TITLE AUTHOR [PAGE_WIDTH PAGE_HEIGHT] < body-xml
# Flat ODF text document with title/author metadata; body XML on stdin.
# Paragraph styles: H (heading), PB (page break before), Big (large text).
fodt() {
  local out=$1 title=$2 author=$3 pw=${4:-21cm} ph=${5:-29.7cm}
  {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>$title</dc:title>
  <meta:initial-creator>$author</meta:initial-creator>
  <dc:creator>$author</dc:creator>
  <meta:creation-date>2020-01-02T03:04:05</meta:creation-date>
  <dc:date>2020-01-02T03:04:05</dc:date>
 </office:meta>
 <office:font-face-decls>
  <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
  <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.15cm" style:text-autospace="none"/>
   <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC"
     fo:font-size="11pt" style:font-size-asian="11pt" fo:language="zh" fo:country="CN"
     style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="H" style:family="paragraph">
   <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="15pt" style:font-size-asian="15pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Big" style:family="paragraph">
   <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="20pt" style:font-size-asian="20pt"/>
  </style:style>
  <style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="$pw" fo:page-height="$ph"
     fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
 <office:body><office:text>
EOF
    cat
    echo ' </office:text></office:body>'
    echo '</office:document>'
  } >"$out"
}

# ----------------------------------------------------------------------------
[[ "$OUT" == */test/fixtures ]] || { echo "refusing to wipe $OUT" >&2; exit 1; }
# RAR samples cannot be made with free tools (see formats/README.md): keep them across the wipe.
mkdir -p "$WORK/rar" && cp "$OUT"/formats/*.rar "$WORK/rar/" 2>/dev/null || true
rm -rf "$OUT"
mkdir -p "$OUT"/{text,office,pdf,html,email,archive,bad,image,formats}
cp "$WORK/rar/"*.rar "$OUT/formats/" 2>/dev/null || true

# Shared Chinese passages (>= 200 characters each). Simplified is GBK-safe.
ZH_SC='新疆维吾尔自治区位于中国西北部，面积约一百六十六万平方公里，是中国面积最大的省级行政区。自治区首府乌鲁木齐市是丝绸之路经济带上的重要城市。这份测试文件用于检验文本编码的自动识别：程序需要在不知道编码的情况下，正确地把字节还原为汉字。文件中的人名、地名和编号均为虚构，例如红柳泉县、马建华和新党办发〔2017〕12号。习近平、陈全国等名字只作为检索词出现，用于测试中文分词和全文搜索是否能找到完整的人名。请勿将本文件视为真实文件。测试结束后，搜索“职业技能教育培训中心”应当能够命中本段文字。'
ZH_TC='新疆維吾爾自治區位於中國西北部，面積約一百六十六萬平方公里，是中國面積最大的省級行政區。自治區首府烏魯木齊市是絲綢之路經濟帶上的重要城市。這份測試文件用於檢驗文字編碼的自動識別：程式需要在不知道編碼的情況下，正確地把位元組還原為漢字。文件中的人名、地名和編號均為虛構，例如紅柳泉縣、馬建華和新黨辦發〔2017〕12號。習近平、陳全國等名字只作為檢索詞出現，用於測試中文分詞和全文搜尋是否能找到完整的人名。請勿將本文件視為真實文件。測試結束後，搜尋「職業技能教育培訓中心」應當能夠命中本段文字。'

# === text/ ==================================================================
textfile() { # textfile MARKER TITLE PASSAGE [SECOND_PARAGRAPH_PREFIX]
  printf '%s\n%s\n\n%s\n\n%s %s\nEnd of fixture.\n' "$2" "$1" "$3" "${4:-第二段：测试标记出现在首行和这里：}" "$1"
}
textfile marker-text-utf8 "UTF-8 测试文本" "$ZH_SC" >"$OUT/text/utf8.txt"
textfile marker-text-utf16le "UTF-16LE 测试文本" "$ZH_SC" | iconv -f UTF-8 -t UTF-16LE |
  { printf '\xff\xfe'; cat; } >"$OUT/text/utf16le-bom.txt"
textfile marker-text-utf16be "UTF-16BE 测试文本" "$ZH_SC" | iconv -f UTF-8 -t UTF-16BE |
  { printf '\xfe\xff'; cat; } >"$OUT/text/utf16be-bom.txt"
textfile marker-text-gbk "GBK 测试文本" "$ZH_SC" | iconv -f UTF-8 -t GBK >"$OUT/text/gbk.txt"
textfile marker-text-gb18030 "GB18030 测试文本（含扩展汉字 㐀 和 𠀀）" \
  "$ZH_SC 扩展区汉字：㐀（U+3400，四字节编码 81 39 EE 39）、𠀀（U+20000，四字节编码 95 32 82 36），GBK 中没有这两个字。" |
  iconv -f UTF-8 -t GB18030 >"$OUT/text/gb18030.txt"
textfile marker-text-big5 "Big5 繁體中文測試" "$ZH_TC" "第二段：測試標記出現在首行和這裡：" |
  iconv -f UTF-8 -t BIG5 >"$OUT/text/big5.txt"
# sanity: the GB18030 file must really need GB18030
if iconv -f GB18030 -t UTF-8 "$OUT/text/gb18030.txt" | iconv -f UTF-8 -t GBK >/dev/null 2>&1; then
  echo "make-fixtures: gb18030.txt unexpectedly fits in GBK" >&2; exit 1
fi

# === office/ ================================================================
office_body() { # office_body MARKER FORMAT
  cat <<EOF
  <text:h text:outline-level="1" text:style-name="H">$2 测试文档 $1</text:h>
  <text:p>This is the $2 fixture. Its marker is $1; the marker appears in the heading and here.</text:p>
  <text:p>中文段落：新疆维吾尔自治区红柳泉县职业技能教育培训中心。习近平、陈全国。这是一个虚构的测试文件。</text:p>
  <table:table table:name="T1">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>表格单元 cell</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>$1-table</text:p></table:table-cell>
   </table:table-row>
  </table:table>
  <text:p>Last paragraph 最后一段.</text:p>
EOF
}
office_body marker-docx-alpha DOCX | fodt "$SRC/sample-docx.fodt" "DOCX fixture title 标题" "Fixture Author 测试作者"
office_body marker-odt-alpha ODT | fodt "$SRC/sample-odt.fodt" "ODT fixture title 标题" "Fixture Author 测试作者"
office_body marker-rtf-alpha RTF | fodt "$SRC/sample-rtf.fodt" "RTF fixture title 标题" "Fixture Author 测试作者"
lo docx "$WORK" "$SRC/sample-docx.fodt"
lo odt "$WORK" "$SRC/sample-odt.fodt"
lo rtf "$WORK" "$SRC/sample-rtf.fodt"
cp "$WORK/sample-docx.docx" "$OUT/office/sample.docx"
cp "$WORK/sample-odt.odt" "$OUT/office/sample.odt"
cp "$WORK/sample-rtf.rtf" "$OUT/office/sample.rtf"
grep -q '\\u26032' "$OUT/office/sample.rtf" || { echo "make-fixtures: sample.rtf has no \\uN escape for 新" >&2; exit 1; }

# Hand-written RTF in code page 936 (GBK) with \'hh escapes, as old Chinese Word writes.
python3 - "$OUT/office/gbk.rtf" <<'PY'
import sys
def rtf(s):
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append("".join("\\'%02x" % b for b in ch.encode("gbk")))
    return "".join(out)
title = "GBK RTF 测试标题"
author = "测试作者"
paras = [
    "GBK RTF 测试文档 marker-rtf-gbk",
    "新疆维吾尔自治区红柳泉县职业技能教育培训中心。习近平、陈全国。",
    "本文件以代码页 936（GBK）保存，汉字用 \\'hh 转义。这是一个虚构的测试文件。",
    "Braces {like these} and a backslash \\ are escaped.",
]
doc = (
    "{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052\n"
    "{\\fonttbl{\\f0\\fnil\\fprq2\\fcharset134 " + rtf("宋体") + ";}{\\f1\\fswiss\\fprq2\\fcharset0 Arial;}}\n"
    "{\\info{\\title " + rtf(title) + "}{\\author " + rtf(author) + "}"
    "{\\creatim\\yr2017\\mo11\\dy14\\hr22\\min41}}\n"
    "\\viewkind4\\uc1\\pard\\lang2052\\f0\\fs24\n"
    + "".join(rtf(p) + "\\par\n" for p in paras)
    + "}\n"
)
open(sys.argv[1], "w", encoding="ascii", newline="\r\n").write(doc)
PY

# === pdf/ ===================================================================
fodt "$SRC/two-pages.fodt" "Two-page fixture 两页测试" "Fixture Author 测试作者" <<'EOF'
  <text:h text:outline-level="1" text:style-name="H">第一页 Page one</text:h>
  <text:p>marker-page-one</text:p>
  <text:p>第一页的中文内容：新疆维吾尔自治区，红柳泉县，职业技能教育培训中心。</text:p>
  <text:h text:outline-level="1" text:style-name="PB">第二页 Page two</text:h>
  <text:p>marker-page-two</text:p>
  <text:p>第二页的中文内容：习近平，陈全国，新党办发〔2017〕12号。</text:p>
EOF
fodt "$SRC/secret.fodt" "Encrypted fixture" "Fixture Author" <<'EOF'
  <text:p>marker-pdf-encrypted 加密的PDF文件。If you can read this, the password was supplied.</text:p>
EOF
fodt "$SRC/half.fodt" "Truncated fixture" "Fixture Author" <<'EOF'
  <text:p>marker-pdf-truncated 这个PDF文件被截断了一半。</text:p>
  <text:p text:style-name="PB">Second page of the file that gets truncated.</text:p>
EOF
fodt "$SRC/mislabelled.fodt" "Mislabelled fixture" "Fixture Author" <<'EOF'
  <text:p>marker-mislabelled-pdf 这是一个PDF文件，但文件名以 .docx 结尾。</text:p>
EOF
fodt "$SRC/attached.fodt" "Attached PDF fixture" "Fixture Author" <<'EOF'
  <text:p>marker-eml-attached-pdf 邮件附件中的PDF文件。</text:p>
EOF
fodt "$SRC/picture.fodt" "picture" "Fixture Author" 12cm 5cm <<'EOF'
  <text:p text:style-name="Big">marker-scan-ocr</text:p>
  <text:p text:style-name="Big">扫描件 新疆 测试</text:p>
EOF
lo pdf "$WORK" "$SRC/two-pages.fodt" "$SRC/secret.fodt" "$SRC/half.fodt" \
  "$SRC/mislabelled.fodt" "$SRC/attached.fodt" "$SRC/picture.fodt"

cp "$WORK/two-pages.pdf" "$OUT/pdf/two-pages.pdf"
qpdf --encrypt fixture-user-pw fixture-owner-pw 256 -- "$WORK/secret.pdf" "$OUT/pdf/encrypted-user-password.pdf"
size=$(stat -c %s "$WORK/half.pdf")
head -c $((size / 2)) "$WORK/half.pdf" >"$OUT/pdf/truncated.pdf"

# no-text.pdf: a PDF page that is only a picture (no fonts, no text layer).
pdftoppm -r 100 -png -gray -singlefile "$WORK/picture.pdf" "$WORK/picture"
fodt "$SRC/no-text.fodt" "Image-only fixture" "Fixture Author" 14cm 7cm <<EOF
  <text:p><draw:frame draw:name="scan" text:anchor-type="as-char" svg:width="12cm" svg:height="5cm"><draw:image><office:binary-data>$(base64 -w0 "$WORK/picture.png")</office:binary-data></draw:image></draw:frame></text:p>
EOF
lo pdf "$WORK" "$SRC/no-text.fodt"
cp "$WORK/no-text.pdf" "$OUT/pdf/no-text.pdf"
if [[ -n "$(pdftotext "$OUT/pdf/no-text.pdf" - | tr -d '[:space:]')" ]]; then
  echo "make-fixtures: no-text.pdf has a text layer" >&2; exit 1
fi

# === html/ ==================================================================
cat >"$OUT/html/page.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>marker-html-title 测试页面</title>
<style>
  /* STYLESECRET must not be indexed */
  body { font-family: sans-serif; }
  .STYLESECRET::after { content: "STYLESECRET"; }
</style>
<script>
  // SCRIPTSECRET must not be indexed
  var s = "SCRIPTSECRET";
  document.title = s;
</script>
</head>
<body>
<!-- COMMENTSECRET must not be indexed -->
<h1>HTML fixture 网页测试</h1>
<p>marker-html-body: visible paragraph text.</p>
<p>中文段落：新疆维吾尔自治区红柳泉县。习近平、陈全国。这是一个虚构的测试页面。</p>
<p>Entities: caf&eacute; &amp; &#x65B0;&#30086; &lt;tag&gt;</p>
<noscript>marker-html-noscript</noscript>
<script type="application/ld+json">{"secret": "SCRIPTSECRET-JSON"}</script>
</body>
</html>
EOF
cat <<'EOF' | iconv -f UTF-8 -t GBK >"$OUT/html/gbk-meta.html"
<!DOCTYPE html>
<html>
<head>
<meta charset="gbk">
<title>GBK 编码网页 marker-html-gbk-title</title>
</head>
<body>
<h1>新疆维吾尔自治区政府网站（虚构）</h1>
<p>marker-html-gbk: 本页面以 GBK 编码保存，并用 meta charset 声明编码。</p>
<p>红柳泉县职业技能教育培训中心。习近平、陈全国。新党办发〔2017〕12号。这是一个虚构的测试页面，用于检验网页编码的识别。</p>
</body>
</html>
EOF

# === email/ =================================================================
python3 - "$OUT/email" "$WORK/attached.pdf" <<'PY'
import base64, quopri, sys
outdir, pdf_path = sys.argv[1], sys.argv[2]

def ew(s):
    return "=?UTF-8?B?" + base64.b64encode(s.encode("utf-8")).decode() + "?="
def b64(data, nl):
    s = base64.b64encode(data).decode()
    return nl.join(s[i:i + 76] for i in range(0, len(s), 76))
def qp(text, nl):
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8")).decode().replace("\r\n", nl)

# 1. no-extension-message: multipart/mixed( multipart/alternative(plain, html), attachment )
nl = "\r\n"
plain = "marker-email-plain\n纯文本部分：新疆红柳泉县的测试邮件。\nThis is the text/plain alternative.\n"
html = ("<html><head><style>p{color:#333}</style></head><body>"
        "<p>marker-email-html</p><p>网页部分：新疆红柳泉县的测试邮件。</p></body></html>\n")
note = "marker-email-attachment-txt\n附件：一个纯文本文件。\n"
msg = nl.join([
    "From: =?UTF-8?B?" + base64.b64encode("测试发件人".encode()).decode() + "?= <sender@example.org>",
    "To: Recipient One <one@example.org>, two@example.org",
    "Cc: Copy <cc@example.org>",
    "Subject: " + ew("测试邮件 marker-email-subject"),
    "Date: Tue, 14 Nov 2017 22:41:07 +0800",
    "Message-ID: <fixture-no-ext@example.org>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="MIXED-b0undary"',
    "",
    "--MIXED-b0undary",
    'Content-Type: multipart/alternative; boundary="ALT-b0undary"',
    "",
    "--ALT-b0undary",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp(plain, nl),
    "--ALT-b0undary",
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(html.encode(), nl),
    "--ALT-b0undary--",
    "",
    "--MIXED-b0undary",
    'Content-Type: text/plain; charset=UTF-8; name="notes.txt"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="notes.txt"',
    "",
    b64(note.encode(), nl),
    "--MIXED-b0undary--",
    "",
])
open(outdir + "/no-extension-message", "w", encoding="ascii", newline="").write(msg)

# 2. with-attachment.eml: text body + PDF attachment
nl = "\n"
msg = nl.join([
    "From: Sender <sender@example.org>",
    "To: Recipient <recipient@example.org>",
    "Subject: PDF attached / " + ew("附件是PDF"),
    "Date: Wed, 15 Nov 2017 09:00:00 +0000",
    "Message-ID: <fixture-with-attachment@example.org>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "marker-eml-body",
    "正文：请查收附件中的PDF文件。",
    "",
    "--b1",
    'Content-Type: application/pdf; name="report.pdf"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="report.pdf"',
    "",
    b64(open(pdf_path, "rb").read(), nl),
    "--b1--",
    "",
])
open(outdir + "/with-attachment.eml", "w", encoding="utf-8", newline="").write(msg)

# 3. sample.mbox: three messages; message 2 has a body line escaped as ">From ".
mbox = "\n".join([
    "From sender@example.org Tue Nov 14 22:41:07 2017",
    "From: Sender <sender@example.org>",
    "To: desk@example.org",
    "Subject: mbox message one",
    "Date: Tue, 14 Nov 2017 22:41:07 +0800",
    "Message-ID: <mbox-1@example.org>",
    "",
    "marker-mbox-one",
    "First message body.",
    "",
    "From desk@example.org Wed Nov 15 09:03:55 2017",
    "From: Desk <desk@example.org>",
    "To: sender@example.org",
    "Subject: Re: mbox message one",
    "Date: Wed, 15 Nov 2017 09:03:55 +0000",
    "Message-ID: <mbox-2@example.org>",
    "In-Reply-To: <mbox-1@example.org>",
    "References: <mbox-1@example.org>",
    "",
    "marker-mbox-two",
    ">From the county office, a line that began with From and was escaped.",
    "Second message body.",
    "",
    "From other@example.org Thu Nov 16 10:00:00 2017",
    "From: Other <other@example.org>",
    "To: desk@example.org",
    "Subject: " + ew("第三封邮件"),
    "Date: Thu, 16 Nov 2017 10:00:00 +0000",
    "Message-ID: <mbox-3@example.org>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "marker-mbox-three",
    "第三封邮件的正文：新疆红柳泉县。",
    "",
])
open(outdir + "/sample.mbox", "w", encoding="utf-8", newline="").write(mbox)
PY

# === archive/ ===============================================================
python3 - "$OUT/archive" <<'PY'
import io, sys, zipfile
out = sys.argv[1]
T = (2020, 1, 2, 3, 4, 6)

def add(z, name, data, method=zipfile.ZIP_DEFLATED, mode=0o100644):
    zi = zipfile.ZipInfo(name, date_time=T)
    zi.compress_type = method
    zi.external_attr = mode << 16
    z.writestr(zi, data)

# nested.zip: dir/a.txt + inner.zip(b.txt)
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w") as z:
    add(z, "b.txt", "marker-zip-inner-b\n内层压缩包里的文件。\n".encode())
with zipfile.ZipFile(out + "/nested.zip", "w") as z:
    add(z, "dir/a.txt", "marker-zip-a\n外层压缩包里的文件。\n".encode())
    add(z, "inner.zip", inner.getvalue(), zipfile.ZIP_STORED)

# gbk-names.zip: member names as raw GBK bytes, UTF-8 flag NOT set (as made by
# Windows zip tools in a Chinese locale). zipfile always writes non-ASCII names
# as flagged UTF-8, so write ASCII placeholders of the same byte length and
# patch them in the local headers and the central directory.
names = {"Q1Q1Q1Q1": "新疆报告", "Q2Q2": "名单", "Q3Q3": "说明"}
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    add(z, "readme.txt", b"marker-zip-gbk-names: member names are GBK bytes without the UTF-8 flag.\n",
        zipfile.ZIP_STORED)
    add(z, "Q1Q1Q1Q1.txt", ("marker-zip-gbk-member\n新疆报告：本文件内容也是 GBK 编码。\n").encode("gbk"),
        zipfile.ZIP_STORED)
    d = zipfile.ZipInfo("Q2Q2/", date_time=T)
    d.external_attr = (0o40755 << 16) | 0x10
    z.writestr(d, b"")
    add(z, "Q2Q2/Q3Q3.txt", "marker-zip-gbk-dir\n名单说明。\n".encode("gbk"), zipfile.ZIP_STORED)
data = buf.getvalue()
for ph, zh in names.items():
    ph_b, zh_b = ph.encode(), zh.encode("gbk")
    assert len(ph_b) == len(zh_b)
    n = data.count(ph_b)
    assert n == {"Q1Q1Q1Q1": 2, "Q2Q2": 4, "Q3Q3": 2}[ph], (ph, n)
    data = data.replace(ph_b, zh_b)
open(out + "/gbk-names.zip", "wb").write(data)
with zipfile.ZipFile(out + "/gbk-names.zip", metadata_encoding="gbk") as z:
    assert z.namelist() == ["readme.txt", "新疆报告.txt", "名单/", "名单/说明.txt"], z.namelist()
    assert all(i.flag_bits & 0x800 == 0 for i in z.infolist())

# traversal.zip: path traversal and absolute names, plus one normal member.
with zipfile.ZipFile(out + "/traversal.zip", "w") as z:
    add(z, "ok.txt", b"marker-traversal-ok\n")
    add(z, "../../evil.txt", b"marker-evil-dotdot\n")
    add(z, "/etc/absolute.txt", b"marker-evil-absolute\n")
    add(z, "dir/../../../evil2.txt", b"marker-evil-dotdot-nested\n")
PY

# utf8-names-noflag.zip: Info-ZIP zip on Linux stores UTF-8 names without the flag.
mkdir -p "$WORK/u8/资料"
printf 'marker-zip-utf8-noflag\n中文文件名，UTF-8 编码但未设置标志位。\n' >"$WORK/u8/资料/新疆报告.txt"
touch -d '2020-01-02 03:04:06' "$WORK/u8/资料/新疆报告.txt" "$WORK/u8/资料"
(cd "$WORK/u8" && LC_ALL=C.UTF-8 zip -q -X -r "$OUT/archive/utf8-names-noflag.zip" 资料)

# sample.tar / sample.tgz
mkdir -p "$WORK/tar/dir" "$WORK/tar/中文目录" "$WORK/tgz/docs"
printf 'marker-tar-c\nA file inside sample.tar.\n' >"$WORK/tar/dir/c.txt"
printf 'marker-tar-zh\n压缩包中的中文文件名。新疆。\n' >"$WORK/tar/中文目录/说明.txt"
printf 'marker-tgz-d\nA file inside sample.tgz.\n' >"$WORK/tgz/docs/d.txt"
printf 'marker-tgz-zh\n第二个文件：红柳泉县。\n' >"$WORK/tgz/docs/报告.txt"
TAROPTS=(--sort=name --owner=0 --group=0 --numeric-owner --mtime='2020-01-02 03:04:06Z' --format=gnu)
tar "${TAROPTS[@]}" -C "$WORK/tar" -cf "$OUT/archive/sample.tar" dir 中文目录
tar "${TAROPTS[@]}" -C "$WORK/tgz" -cf - docs | gzip -n -9 >"$OUT/archive/sample.tgz"

# symlink.zip: members that are symlinks (one absolute, one escaping upwards).
mkdir -p "$WORK/sym"
printf 'marker-symlink-ok\n' >"$WORK/sym/ok.txt"
ln -s /etc/passwd "$WORK/sym/link-to-passwd"
ln -s ../../outside.txt "$WORK/sym/link-up"
(cd "$WORK/sym" && zip -q -X --symlinks "$OUT/archive/symlink.zip" ok.txt link-to-passwd link-up)

# bomb.zip: one member of 200 MiB of zeros, deflated.
head -c $((200 * 1024 * 1024)) /dev/zero >"$WORK/zeros.bin"
(cd "$WORK" && zip -q -X -9 "$OUT/archive/bomb.zip" zeros.bin)
rm -f "$WORK/zeros.bin"

# encrypted.zip: ZipCrypto, password "secret".
mkdir -p "$WORK/enc"
printf 'marker-zip-encrypted-secret\n加密的内容。\n' >"$WORK/enc/secret.txt"
(cd "$WORK/enc" && zip -q -X -P secret "$OUT/archive/encrypted.zip" secret.txt)

# === bad/ ===================================================================
: >"$OUT/bad/empty.bin"
python3 -c '
import random, sys
r = random.Random(20200102)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(4096)))' >"$OUT/bad/garbage.bin"
cp "$WORK/mislabelled.pdf" "$OUT/bad/pdf-named.docx"
cp "$WORK/picture.png" "$OUT/bad/png-named.txt"

# === image/ =================================================================
pdftoppm -r 72 -jpeg -jpegopt quality=80 -singlefile "$WORK/picture.pdf" "$WORK/photo"
exiftool -q -overwrite_original \
  -Make='Dossier Fixture Camera Co.' -Model='DFC-100 marker-exif-model' \
  -DateTimeOriginal='2017:11:14 22:41:07' -CreateDate='2017:11:14 22:41:07' \
  -GPSLatitude=43.8256 -GPSLatitudeRef=N -GPSLongitude=87.6168 -GPSLongitudeRef=E \
  "$WORK/photo.jpg"
cp "$WORK/photo.jpg" "$OUT/image/photo.jpg"
pdftoppm -r 100 -gray -tiff -tiffcompression lzw -singlefile "$WORK/picture.pdf" "$WORK/scan"
cp "$WORK/scan.tif" "$OUT/image/scan.tiff"

# === README.md ==============================================================
cat >"$OUT/README.md" <<'EOF'
# test/fixtures

Small real files for Dossier's tests, all generated by `scripts/make-fixtures.sh`
(which wipes and rebuilds this folder; LibreOffice/qpdf outputs get new timestamps on
each run, but texts, markers and metadata stay the same). All content is fictional.

Each text-bearing file has an ASCII **marker** (`marker-…`) to search for, plus Chinese
text (most include 新疆, 习近平, 陈全国). `ZH_SC` below means the shared ~245-character
simplified-Chinese passage (it contains e.g. `职业技能教育培训中心`, `新党办发〔2017〕12号`);
`ZH_TC` its traditional-Chinese version (contains `習近平`, `陳全國`).

## text/

| file | made with | expected |
| --- | --- | --- |
| `text/utf8.txt` | printf (UTF-8, no BOM) | `text/plain`; encoding UTF-8; text has `marker-text-utf8`, ZH_SC |
| `text/utf16le-bom.txt` | iconv -t UTF-16LE + BOM `FF FE` | `text/plain`; UTF-16LE; `marker-text-utf16le`, ZH_SC; BOM must not appear in text |
| `text/utf16be-bom.txt` | iconv -t UTF-16BE + BOM `FE FF` | `text/plain`; UTF-16BE; `marker-text-utf16be`, ZH_SC |
| `text/gbk.txt` | iconv -t GBK | `text/plain`; GBK (GB18030 is a superset, also correct); `marker-text-gbk`, `红柳泉县`, `新党办发〔2017〕12号` |
| `text/gb18030.txt` | iconv -t GB18030 | `text/plain`; GB18030; `marker-text-gb18030`, ZH_SC and the non-GBK characters `㐀` (bytes `81 39 EE 39`) and `𠀀` (bytes `95 32 82 36`) — decoding as GBK loses them |
| `text/big5.txt` | iconv -t BIG5 | `text/plain`; Big5; `marker-text-big5`, ZH_TC (`習近平`, `陳全國`, `新疆維吾爾自治區`) |

## office/

| file | made with | expected |
| --- | --- | --- |
| `office/sample.docx` | LibreOffice (flat ODT → docx) | `application/vnd.openxmlformats-officedocument.wordprocessingml.document`; text has `marker-docx-alpha` (heading + body), `marker-docx-alpha-table` (table cell), `新疆维吾尔自治区`; title `DOCX fixture title 标题`, author `Fixture Author 测试作者` (docProps/core.xml dc:title / dc:creator) |
| `office/sample.odt` | LibreOffice (flat ODT → odt) | `application/vnd.oasis.opendocument.text`; `marker-odt-alpha`, `marker-odt-alpha-table`, Chinese; title `ODT fixture title 标题`, author `Fixture Author 测试作者` (meta.xml dc:title, meta:initial-creator, dc:creator) |
| `office/sample.rtf` | LibreOffice (flat ODT → rtf) | `application/rtf` (`file` says text/rtf); `marker-rtf-alpha`, `marker-rtf-alpha-table`, `新疆维吾尔自治区`. LibreOffice writes Chinese as `\uN\'3f` (`\uc1`, `\'3f` = `?` fallback, must be skipped), e.g. 新 = `\u26032\'3f`. `\info` has `{\title ???? …}` in ANSI (lossy) **and** `{\*\ud{\title \u…}}` with the Unicode title `RTF fixture title 标题`; `{\author \u…}` = `Fixture Author 测试作者` |
| `office/gbk.rtf` | hand-written (python) | `application/rtf`; `\ansicpg936`, Chinese as GBK `\'hh\'hh` pairs; text has `marker-rtf-gbk`, `新疆维吾尔自治区`, `Braces {like these} and a backslash \ are escaped.`; third paragraph contains a literal `\'hh` (written `\\'hh`, an escaped backslash, not a hex escape); title `GBK RTF 测试标题`, author `测试作者` (also GBK `\'hh`) |

## pdf/

| file | made with | expected |
| --- | --- | --- |
| `pdf/two-pages.pdf` | LibreOffice | `application/pdf`; 2 pages; page 1 has `marker-page-one` + `第一页` + `新疆维吾尔自治区`, page 2 has `marker-page-two` + `第二页` + `习近平`; Title `Two-page fixture 两页测试`, Author `Fixture Author 测试作者` |
| `pdf/encrypted-user-password.pdf` | LibreOffice + `qpdf --encrypt fixture-user-pw fixture-owner-pw 256` (AES-256) | `application/pdf`; **fails**: cannot be opened without the user password (`pdftotext` → "Incorrect password"; pdf.js → `PasswordException`). With password `fixture-user-pw`: `marker-pdf-encrypted` |
| `pdf/truncated.pdf` | LibreOffice, then first 50 % of the bytes | `application/pdf` by magic; **fails**: no xref/trailer (`pdftotext` → "Couldn't read xref table"; pdf.js → `InvalidPDFException`). Would contain `marker-pdf-truncated` |
| `pdf/no-text.pdf` | LibreOffice, a page holding only a PNG picture | `application/pdf`; 1 page, no fonts, **empty text** → should be marked as needing OCR. The picture shows `marker-scan-ocr` / `扫描件 新疆 测试` |

## html/

| file | made with | expected |
| --- | --- | --- |
| `html/page.html` | heredoc (UTF-8, `<meta charset="utf-8">`) | `text/html`; title `marker-html-title 测试页面`; text has `marker-html-body`, `新疆维吾尔自治区`, entities decoded (`café & 新疆 <tag>`); `SCRIPTSECRET`, `SCRIPTSECRET-JSON`, `STYLESECRET`, `COMMENTSECRET` must **not** be in the text. (`<noscript>` holds `marker-html-noscript`; indexing it is a choice, not required) |
| `html/gbk-meta.html` | iconv -t GBK, `<meta charset="gbk">` | `text/html`; GBK; title `GBK 编码网页 marker-html-gbk-title`; text has `marker-html-gbk`, `新疆维吾尔自治区政府网站`, `新党办发〔2017〕12号` |

## email/

| file | made with | expected |
| --- | --- | --- |
| `email/no-extension-message` | python, CRLF line ends, no file extension | `message/rfc822` (detected by content); Subject `测试邮件 marker-email-subject` (`=?UTF-8?B?…?=`); From `测试发件人 <sender@example.org>`; To one@ and two@example.org; Cc cc@example.org; Date 2017-11-14T14:41:07Z; Message-ID `<fixture-no-ext@example.org>`; multipart/mixed → multipart/alternative: text/plain (quoted-printable) `marker-email-plain`, text/html (base64) `marker-email-html`; attachment `notes.txt` (text/plain, base64) with `marker-email-attachment-txt` |
| `email/with-attachment.eml` | python, LF line ends | `message/rfc822`; Subject `PDF attached / 附件是PDF`; body (8bit UTF-8) `marker-eml-body`; attachment `report.pdf` (`application/pdf`, base64, made by LibreOffice) whose text has `marker-eml-attached-pdf` |
| `email/sample.mbox` | python | `application/mbox` (`file` only says text/plain: detect by the `.mbox` name or a first line matching `From <addr> <asctime>`); 3 messages separated by `From ` lines: `marker-mbox-one` (Subject `mbox message one`), `marker-mbox-two` (Subject `Re: mbox message one`, In-Reply-To `<mbox-1@example.org>`; its body line `>From the county office, …` is the escaped form of `From the county office, …`), `marker-mbox-three` (Subject `第三封邮件`, UTF-8 body `新疆红柳泉县`) |

## archive/

| file | made with | expected |
| --- | --- | --- |
| `archive/nested.zip` | python zipfile | `application/zip`; members `dir/a.txt` (`marker-zip-a`) and `inner.zip` (stored) → `b.txt` (`marker-zip-inner-b`) |
| `archive/gbk-names.zip` | python zipfile, names patched to GBK bytes, UTF-8 flag (bit 11) **not** set | `application/zip`; members `readme.txt` (`marker-zip-gbk-names`), `新疆报告.txt` (content GBK: `marker-zip-gbk-member`, `新疆报告`), `名单/`, `名单/说明.txt` (GBK: `marker-zip-gbk-dir`). Names decode correctly only as GBK/CP936 (check: `python3 -c "import zipfile; print(zipfile.ZipFile('gbk-names.zip', metadata_encoding='gbk').namelist())"`; Debian's `unzip` has no `-O`); as CP437 (the ZIP default) they are mojibake like `╨┬╜«▒¿╕µ.txt` |
| `archive/utf8-names-noflag.zip` | Info-ZIP `zip` under C.UTF-8 | `application/zip`; names are UTF-8 bytes **without** the UTF-8 flag (what `zip` on Linux writes): `资料/`, `资料/新疆报告.txt` (`marker-zip-utf8-noflag`). A decoder that falls back to GBK must still try UTF-8 first |
| `archive/sample.tar` | GNU tar (`--format=gnu`) | `application/x-tar`; `dir/c.txt` (`marker-tar-c`), `中文目录/说明.txt` (`marker-tar-zh`) |
| `archive/sample.tgz` | GNU tar + gzip -9 -n | `application/gzip` (tar inside); `docs/d.txt` (`marker-tgz-d`), `docs/报告.txt` (`marker-tgz-zh`) |
| `archive/traversal.zip` | python zipfile (`ZipInfo` keeps names as given) | `application/zip`; `ok.txt` (`marker-traversal-ok`) must be extracted; `../../evil.txt` (`marker-evil-dotdot`), `/etc/absolute.txt` (`marker-evil-absolute`), `dir/../../../evil2.txt` (`marker-evil-dotdot-nested`) must **never** be written outside the extraction root (reject or sanitize) |
| `archive/symlink.zip` | `zip --symlinks` | `application/zip`; `ok.txt` (`marker-symlink-ok`); `link-to-passwd` is a symlink to `/etc/passwd`, `link-up` a symlink to `../../outside.txt` (unix mode 0120777, data = link target); must **not** be followed — skip or record as a link |
| `archive/bomb.zip` | `zip -9` of 200 MiB (209,715,200 bytes) of zeros | `application/zip`; one member `zeros.bin`, compressed ≈ 204 KB (ratio ≈ 1030:1); **must be refused** by size/ratio limits, never fully inflated into memory |
| `archive/encrypted.zip` | `zip -P secret` (ZipCrypto) | `application/zip`; one member `secret.txt` with the encrypted flag (general purpose bits 0x9: encrypted + data descriptor); **fails**/skipped as encrypted; content (with password `secret`) `marker-zip-encrypted-secret` must not appear in the index |

## bad/

| file | made with | expected |
| --- | --- | --- |
| `bad/empty.bin` | `: >` | 0 bytes; `application/octet-stream` (or "empty"); no text, no crash |
| `bad/garbage.bin` | python `random.Random(20200102)`, 4096 bytes | `application/octet-stream` (no known magic; `file` says "data"); must not be decoded as text |
| `bad/pdf-named.docx` | LibreOffice PDF renamed | detected as `application/pdf` by content despite the `.docx` name; text `marker-mislabelled-pdf` |
| `bad/png-named.txt` | pdftoppm PNG renamed | detected as `image/png` despite `.txt`; no text (the picture shows `marker-scan-ocr`); must not be read as text |

## image/

| file | made with | expected |
| --- | --- | --- |
| `image/photo.jpg` | pdftoppm -jpeg + exiftool | `image/jpeg`; EXIF Make `Dossier Fixture Camera Co.`, Model `DFC-100 marker-exif-model`, DateTimeOriginal `2017:11:14 22:41:07` (no time zone), CreateDate same, GPS 43.8256 N, 87.6168 E; no text → needs OCR (picture shows `marker-scan-ocr`) |
| `image/scan.tiff` | pdftoppm -tiff (8-bit grey, LZW, 100 dpi, 473×197) | `image/tiff`; no text → needs OCR (picture shows `marker-scan-ocr`, `扫描件 新疆 测试`) |

## Notes for tests

- Checked with the project's own dependencies: `file-type` gives the binary types above
  (zip, tar, gzip, pdf, rtf, docx, odt, png, jpeg, tiff) and **nothing** for the text,
  HTML, e-mail, mbox, empty and garbage files: those need content sniffing of their own.
- **False positive:** `file-type` reports `text/utf16le-bom.txt` as `audio/mpeg`
  (the BOM `FF FE` matches an MPEG frame sync). Check for a UTF-16/UTF-8 BOM before
  trusting `file-type`.
- `chardet` (`analyse`) ranks: `gbk.txt` → GB18030 (100), `gb18030.txt` → GB18030,
  `big5.txt` → Big5, the BOM files → UTF-16LE/BE, `utf8.txt` → UTF-8.
  `iconv-lite` decodes `gb18030` including the 4-byte `㐀` and `𠀀`.
- pdf.js (`getTextContent`) returns the items of a page without separators
  (`第一页 Page onemarker-page-one…`); `pdftotext` puts line breaks. Search with
  `includes`, not by line.
- `yauzl` (default options) emits `error: invalid relative path: ../../evil.txt` on
  `archive/traversal.zip` after the first entry and stops; with `decodeStrings: false`
  it lists all four entries (names as Buffers) and the caller must sanitize. It decodes
  `gbk-names.zip` names as CP437 (mojibake); `decodeStrings: false` gives the raw GBK
  bytes. `openReadStream` on `encrypted.zip` fails with `entry is encrypted`.
  `bomb.zip` declares `uncompressedSize` 209715200: refuse before inflating.
- `mailparser` parses both e-mails (subjects, addresses, dates, attachments) as listed.
- `exifr` reads Make/Model/DateTimeOriginal and latitude 43.8256 / longitude 87.6168
  from `image/photo.jpg`; the EXIF time has no zone, so exifr's `Date` depends on the
  process time zone (22:41:07 under TZ=UTC).
- Dates inside LibreOffice/qpdf outputs (PDF CreationDate, docx/odt zip entry times)
  change on every run of the script; e-mail, EXIF, zip (python) and tar dates are fixed.
- Text fixtures use LF line ends; `email/no-extension-message` uses CRLF.
EOF

# The OCR fixtures live in the same folder and have their own script.
bash "$(dirname "$0")/make-ocr-fixtures.sh"
# So do the formats of issue 15 (legacy Office, 7z/RAR, EPUB, DjVu …).
bash "$(dirname "$0")/make-format-fixtures.sh"
# And the ones made or fetched one by one (Access, CHM, Visio, WordPerfect, a PDF only pdf.js reads).
bash "$(dirname "$0")/make-legacy-fixtures.sh"

echo "test/fixtures/ regenerated:"
(cd "$OUT" && find . -type f | sort | xargs ls -l | awk '{printf "  %9d  %s\n", $5, $9}')
du -sh "$OUT" | awk '{print "total: " $1}'

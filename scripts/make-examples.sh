#!/usr/bin/env bash
# Regenerates examples/: a small, entirely FICTIONAL "leak" in Chinese and
# English, used to demonstrate Dossier (`npm run examples`, `dossier demo`).
#
# Idempotent: examples/ is wiped and rebuilt on every run.
#
# Needs (Debian): libreoffice-writer-nogui (or libreoffice-writer),
# fonts-noto-cjk, poppler-utils, python3, iconv (libc-bin).
#   apt-get update && apt-get install -y libreoffice-writer-nogui \
#     fonts-noto-cjk poppler-utils python3
#
# Every name, place, document number and quotation in the generated files is
# invented. Real public figures (Xi Jinping, Chen Quanguo) are only mentioned
# the way public documents routinely mention them, and each file says that it
# is fictional.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/examples"

need() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || {
      echo "make-examples: '$t' not found. Install with:" >&2
      echo "  apt-get update && apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils python3" >&2
      exit 1
    }
  done
}
need soffice pdftoppm pdfinfo python3 iconv

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# LibreOffice with a private profile, so a running office or a stale lock
# in ~/.config cannot interfere.
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
    [[ -s "$dir/$f" ]] || { echo "make-examples: LibreOffice did not produce $dir/$f" >&2; cat "$WORK/lo.log" >&2; exit 1; }
  done
}

# fodt OUT TITLE AUTHOR DATE [PAGE_WIDTH PAGE_HEIGHT] < body-xml
# Writes a flat ODF text document; the body (ODF XML paragraphs) comes from
# stdin. Paragraph styles available: Title, H, C (centred), R (right),
# L (bold, left), PB (page break before), Small, Mono.
fodt() {
  local out=$1 title=$2 author=$3 date=$4 pw=${5:-21cm} ph=${6:-29.7cm}
  {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>$title</dc:title>
  <meta:initial-creator>$author</meta:initial-creator>
  <dc:creator>$author</dc:creator>
  <meta:creation-date>$date</meta:creation-date>
  <dc:date>$date</dc:date>
  <dc:language>zh-CN</dc:language>
 </office:meta>
 <office:font-face-decls>
  <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
  <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
  <style:font-face style:name="Noto Sans Mono CJK SC" svg:font-family="'Noto Sans Mono CJK SC'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.18cm" fo:line-height="130%" style:text-autospace="none"/>
   <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC"
     fo:font-size="11pt" style:font-size-asian="11pt" fo:language="zh" fo:country="CN"
     style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm" fo:margin-bottom="0.4cm"/>
   <style:text-properties fo:font-size="20pt" style:font-size-asian="20pt" fo:font-weight="bold" style:font-weight-asian="bold" fo:color="#c00000"/>
  </style:style>
  <style:style style:name="H" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/>
   <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="14pt" style:font-size-asian="14pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="H2" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.2cm"/>
   <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
  <style:style style:name="R" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
  <style:style style:name="L" style:family="paragraph">
   <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="Small" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.5cm"/>
   <style:text-properties fo:font-size="8pt" style:font-size-asian="8pt" fo:color="#666666"/>
  </style:style>
  <style:style style:name="Mono" style:family="paragraph">
   <style:text-properties style:font-name="Noto Sans Mono CJK SC" style:font-name-asian="Noto Sans Mono CJK SC"/>
  </style:style>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="$pw" fo:page-height="$ph" style:print-orientation="portrait"
     fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
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
[[ "$(basename "$OUT")" == examples ]] || { echo "refusing to wipe $OUT" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/mail" "$OUT/archive" "$OUT/broken" "$OUT/scans"
SRC="$WORK/src"
mkdir -p "$SRC"

# --- memo-2017.pdf: classified county memo, 2 pages, Chinese ----------------
fodt "$SRC/memo-2017.fodt" \
  "关于进一步加强县职业技能教育培训中心管理工作的通知" \
  "中共红柳泉县委办公室" "2017-04-18T10:12:00" <<'EOF'
  <text:p text:style-name="L">机密★5年</text:p>
  <text:p text:style-name="L">编号：0047</text:p>
  <text:p text:style-name="Title">中共红柳泉县委办公室文件</text:p>
  <text:p text:style-name="C">新党办发〔2017〕12号</text:p>
  <text:p text:style-name="H">关于进一步加强县职业技能教育培训中心管理工作的通知</text:p>
  <text:p>各乡（镇）党委，县委各部委，县直各单位党组（党委）：</text:p>
  <text:p>为深入贯彻习近平总书记关于新疆工作的重要指示精神，全面落实自治区党委书记陈全国同志在全区维护稳定工作电视电话会议上的部署要求，进一步规范我县职业技能教育培训中心（以下简称“培训中心”）的日常管理，确保各项工作安全、有序、可控，经县委同意，现就有关事项通知如下。</text:p>
  <text:p text:style-name="H2">一、统一思想认识</text:p>
  <text:p>各级党组织要充分认识做好培训中心管理工作的重要性和紧迫性，把此项工作作为当前一项重要政治任务来抓。各乡（镇）党委书记是本辖区学员排查、送训和家属工作的第一责任人，要亲自研究、亲自部署、亲自督办，不得层层推诿、敷衍应付。</text:p>
  <text:p text:style-name="H2">二、严格学员管理</text:p>
  <text:p>（一）实行分类编班。培训中心按照县委政法委确定的类别对学员进行编班，不同类别学员分区住宿、分区学习，严禁混编混住。</text:p>
  <text:p>（二）落实封闭管理。培训中心实行全封闭管理，出入口、宿舍、教室必须安装视频监控，做到全覆盖、无死角。学员一律不得携带手机等通讯工具；确因特殊情况需与家属联系的，须经中心负责人批准并全程陪同。</text:p>
  <text:p>（三）推行积分考核。对学员的国家通用语言学习、法律知识学习、技能培训和日常表现实行积分制管理，积分结果每周汇总一次，作为评估结业的主要依据。学员结业须经本人申请、中心评估、乡（镇）审核、县委政法委审批，未经审批不得擅自放人。</text:p>
  <text:p text:style-name="PB"><text:span>（续）</text:span></text:p>
  <text:p text:style-name="H2">三、加强安全保障</text:p>
  <text:p>县公安局负责培训中心外围安全，每个中心至少配备专职民警二名、辅警十名；中心内部实行二十四小时值班值守，值班记录每日报县委政法委备案。严防学员脱逃、自伤、聚集滋事等情况发生，一旦发生突发事件，须在三十分钟内向县委值班室报告，不得迟报、漏报、瞒报。</text:p>
  <text:p text:style-name="H2">四、做好家属工作</text:p>
  <text:p>各乡（镇）要对学员家属逐户建立帮扶台账，落实“一户一干部”包联制度，及时掌握家属思想动态，帮助解决生产生活实际困难。对外宣传口径统一为“职业技能教育培训”，任何单位和个人不得擅自对外透露学员人数、中心位置等情况。</text:p>
  <text:p text:style-name="H2">五、工作要求</text:p>
  <text:p>各单位要于2017年4月30日前将本单位贯彻落实情况书面报县委办公室。本通知传达至乡（镇）科级以上干部，不得翻印、复制，阅后由机要员统一收回。</text:p>
  <text:p>联系人：马建华（县委办公室督查室），联系电话：0999-5550123。</text:p>
  <text:p text:style-name="R">中共红柳泉县委办公室</text:p>
  <text:p text:style-name="R">2017年4月18日</text:p>
  <text:p>抄送：地委政法委，地委办公室。</text:p>
  <text:p>中共红柳泉县委办公室　　　　2017年4月18日印发　　（共印30份）</text:p>
  <text:p text:style-name="Small">【说明】本文件为虚构示例：县名、人员、编号及全部内容均为编造，仅用于演示 Dossier 的文本提取，由 scripts/make-examples.sh 生成。This document is FICTIONAL.</text:p>
EOF
lo pdf "$WORK" "$SRC/memo-2017.fodt"
cp "$WORK/memo-2017.pdf" "$OUT/memo-2017.pdf"

# --- speech-notes.docx: Chinese speech excerpt + English working translation -
fodt "$SRC/speech-notes.fodt" \
  "Speech notes: county stability meeting (working translation) 讲话要点" \
  "Li Wen (translation desk)" "2017-05-09T16:40:00" <<'EOF'
  <text:p text:style-name="H">周立新同志在全县维护稳定工作会议上的讲话（摘录）</text:p>
  <text:p text:style-name="C">Speech by Comrade Zhou Lixin at the county stability work meeting (excerpt) — working translation</text:p>
  <text:p text:style-name="Small">Source: photographed pages, 8 May 2017, Hongliuquan County, Xinjiang. Translator: Li Wen. Square brackets are translator's notes.</text:p>
  <text:p>同志们，今天召开全县维护稳定工作会议，主要任务是学习贯彻习近平总书记关于新疆工作的重要讲话精神，按照自治区党委和陈全国书记的部署要求，总结前一阶段工作，安排部署下一阶段任务。</text:p>
  <text:p>Comrades, the main task of today's county stability meeting is to study and implement General Secretary Xi Jinping's important speeches on work in Xinjiang, to follow the arrangements of the regional Party committee and of Party Secretary Chen Quanguo, to sum up the work of the previous stage and to plan the tasks of the next one.</text:p>
  <text:p>第一，要坚持“应收尽收”。各乡镇对排查出的重点人员，要做到底数清、情况明，符合条件的一律送训，不能有任何侥幸心理。</text:p>
  <text:p>First, we must insist on "应收尽收" [lit. "take in all who should be taken in"; the phrase recurs in other documents]. Every township must have a clear count of the key persons identified in the screening, and all who meet the conditions are to be sent to training, without exception.</text:p>
  <text:p>第二，要抓好职业技能教育培训中心的建设和管理。目前全县三个中心的床位已经基本用满，第四个中心要在六月底前建成投用。</text:p>
  <text:p>Second, we must do a good job of building and managing the vocational skills education and training centres. The beds in the county's three centres are now almost all taken; the fourth centre must be completed and in use before the end of June.</text:p>
  <text:p>第三，要做好家属工作，防止出现集体上访和对外炒作。</text:p>
  <text:p>Third, we must do good work with family members, to prevent collective petitions and outside publicity. [炒作, "hype", here means foreign media reporting.]</text:p>
  <text:p text:style-name="Small">Translator's summary: the speaker refers to the notice 新党办发〔2017〕12号 twice. Quotations are partial; the full text runs to 14 pages. — This document is FICTIONAL, generated by scripts/make-examples.sh for Dossier. 本文件为虚构示例。</text:p>
EOF
lo docx "$WORK" "$SRC/speech-notes.fodt"
cp "$WORK/speech-notes.docx" "$OUT/speech-notes.docx"

# --- press-release.html -----------------------------------------------------
cat >"$OUT/press-release.html" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statement on the Hongliuquan County documents | 关于红柳泉县文件的声明</title>
<style>
  /* STYLESECRET: stylesheet text, must never be indexed */
  body { font-family: Georgia, serif; max-width: 42em; margin: 2em auto; line-height: 1.5; }
  [lang|="zh"] { font-family: "Noto Sans CJK SC", sans-serif; }
  .dateline { font-weight: bold; text-transform: uppercase; }
</style>
<script>
  // SCRIPTSECRET: analytics stub; this text must never be indexed
  window.dataLayer = window.dataLayer || [];
  function track(name) { window.dataLayer.push({ event: name, token: "SCRIPTSECRET-7f3a" }); }
</script>
</head>
<body>
<!-- COMMENTSECRET: an HTML comment is not visible text either -->
<header><p>Open Records Collective · Press statement · For immediate release</p></header>
<article>
<h1>Statement on the Hongliuquan County documents</h1>
<p class="dateline">London, 24 November 2019</p>
<p>Today a group of newsrooms publishes a set of internal Communist Party documents from
Hongliuquan County in Xinjiang. The set contains a classified notice, numbered
新党办发〔2017〕12号, on the management of what officials call
“vocational skills education and training centres”, together with speech notes,
meeting minutes and duty rosters.</p>
<p>The notice says it implements instructions from Chen Quanguo, then Party Secretary of the
Xinjiang Uyghur Autonomous Region, and cites speeches by Xi Jinping. It orders closed
management of the centres, full video surveillance and a points system that decides when
a detainee may leave.</p>
<blockquote><p>“These papers describe a system of detention in the words of the people who ran it,”
said Amina Yusuf, the Collective's research director.</p></blockquote>
<h2 lang="zh-CN">中文摘要</h2>
<p lang="zh-CN">今天，多家媒体联合发布一批来自新疆红柳泉县的中共内部文件，其中包括一份标注“机密”的通知
（新党办发〔2017〕12号）。该通知要求对“职业技能教育培训中心”实行全封闭管理和积分制考核，
并称依据的是时任新疆维吾尔自治区党委书记陈全国的部署。</p>
<p>Media contact: press@open-records.example · 媒体联系：press@open-records.example</p>
<footer><p><small>This statement, the Collective and the documents it describes are fictional.
Generated by scripts/make-examples.sh for Dossier. 本页内容为虚构示例。</small></p></footer>
</article>
<script>track("pageview");</script>
</body>
</html>
EOF

# --- gbk-notice.txt: GBK-encoded plain text, CRLF line endings ----------------
cat >"$SRC/gbk-notice.txt" <<'EOF'
红柳泉县人民政府办公室
通    知

各乡镇人民政府、县直各部门：

根据自治区和地区有关工作安排，定于2017年5月8日（星期一）上午10:00在县政府三楼会议室召开全县职业技能教育培训工作推进会。现将有关事项通知如下：

一、参会人员：各乡镇党委书记、乡镇长，县委政法委、县公安局、县教育局、县人社局主要负责同志。

二、会议内容：传达学习新疆维吾尔自治区有关会议精神，通报各乡镇学员送训和结业情况，部署下一阶段工作。

三、有关要求：请参会人员提前十五分钟入场，会场内一律不得携带手机。请各单位于5月5日前将参会人员名单报县政府办公室（联系人：古丽娜尔·阿不都，电话：0999-5550188）。

红柳泉县人民政府办公室
2017年5月3日

（本通知为虚构示例，以 GBK 编码保存，由 scripts/make-examples.sh 生成。）
EOF
sed 's/$/\r/' "$SRC/gbk-notice.txt" | iconv -f UTF-8 -t GBK >"$OUT/gbk-notice.txt"

# --- mail/: a tip with an ODT attachment, and the newsroom's reply -----------
fodt "$SRC/值班安排.fodt" "第三培训中心值班安排（2017年11月）" "县培训中心办公室" "2017-11-10T08:30:00" <<'EOF'
  <text:p text:style-name="H">第三培训中心（代号 KESTREL-7）2017年11月值班安排</text:p>
  <text:p>一、值班领导：11月1日至15日 艾尔肯·吐尔逊；11月16日至30日 王海涛。</text:p>
  <text:p>二、值班民警：每班两人，早班8:00至16:00，中班16:00至24:00，夜班0:00至8:00。</text:p>
  <text:p>三、点名时间：每日7:00、13:00、21:00，点名结果报中心值班室。</text:p>
  <text:p>四、交接班须填写《值班记录》，注明学员人数、异常情况及处置结果。</text:p>
  <text:p>Duty roster, Training Centre No. 3 (code name KESTREL-7), Hongliuquan County, Xinjiang, November 2017.</text:p>
  <text:p text:style-name="Small">虚构示例 / FICTIONAL sample generated by scripts/make-examples.sh.</text:p>
EOF
lo odt "$WORK" "$SRC/值班安排.fodt"

python3 - "$WORK/值班安排.odt" "$OUT/mail" <<'PY'
import base64, quopri, sys
from urllib.parse import quote

odt_path, outdir = sys.argv[1], sys.argv[2]

def ew(s):
    """RFC 2047 encoded words (=?UTF-8?B?...?=), split on character
    boundaries so that each word stays under 75 characters."""
    words, chunk = [], b""
    for ch in s:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > 42:
            words.append(chunk)
            chunk = b""
        chunk += b
    words.append(chunk)
    return "\r\n ".join("=?UTF-8?B?" + base64.b64encode(w).decode() + "?=" for w in words)

def b64lines(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))

def qp(text):
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8")).decode()

subject = "关于新疆红柳泉县“培训中心”的内部文件 / internal documents"
msgid = "<20171114144107.4F2A9C@mail.quiet-river.example>"
body = """你好，

我在新疆红柳泉县工作，能接触到县委办公室的一些文件。附件是第三培训中心的值班安排。
另外还有一份2017年的通知（新党办发〔2017〕12号），标注“机密”，我之后会通过其他渠道发给你们。

Hello. I work in Hongliuquan County, Xinjiang, and have access to internal files of
the county Party committee office. The attachment is the duty roster of one of the
"training centres". Please do not write to this address after Friday.

—— 一个知情人 / a source

(Fictional sample generated by scripts/make-examples.sh.)
"""
attname = "值班安排.odt"
odt = open(odt_path, "rb").read()
boundary = "----=_Part_4471_1902837465.1510670467000"
msg = "\r\n".join([
    "Return-Path: <quiet.river@mail.quiet-river.example>",
    "Received: from [10.0.0.7] by mail.quiet-river.example with ESMTPSA; Tue, 14 Nov 2017 14:41:07 +0000",
    "From: =?UTF-8?B?" + base64.b64encode("知情人".encode()).decode() + "?= <quiet.river@mail.quiet-river.example>",
    "To: Dossier tips desk <tips@newsroom.example>",
    "Cc: Li Wen <li.wen@newsroom.example>",
    "Subject: " + ew(subject),
    "Date: Tue, 14 Nov 2017 22:41:07 +0800",
    "Message-ID: " + msgid,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="' + boundary + '"',
    "",
    "This is a multi-part message in MIME format.",
    "",
    "--" + boundary,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp(body),
    "--" + boundary,
    'Content-Type: application/vnd.oasis.opendocument.text; name="' + ew(attname) + '"',
    "Content-Transfer-Encoding: base64",
    "Content-Disposition: attachment; filename*=UTF-8''" + quote(attname),
    "",
    b64lines(odt),
    "--" + boundary + "--",
    "",
])
open(outdir + "/tip-from-source", "w", encoding="ascii", newline="").write(msg)

reply_body = """谢谢你的信任。附件已经收到，我们正在核实。
Thank you. We received the roster (KESTREL-7) and are verifying it. Please use
the secure channel we described for the 2017 notice rather than e-mail.

Li Wen
Dossier tips desk

On Tue, 14 Nov 2017 22:41:07 +0800, 知情人 <quiet.river@mail.quiet-river.example> wrote:
> 你好，
>
> 我在新疆红柳泉县工作，能接触到县委办公室的一些文件。附件是第三培训中心的值班安排。

(Fictional sample generated by scripts/make-examples.sh.)
"""
reply = "\n".join([
    "From: Li Wen <li.wen@newsroom.example>",
    "To: =?UTF-8?B?" + base64.b64encode("知情人".encode()).decode() + "?= <quiet.river@mail.quiet-river.example>",
    "Cc: Dossier tips desk <tips@newsroom.example>",
    "Subject: Re: " + ew(subject).replace("\r\n", "\n"),
    "Date: Wed, 15 Nov 2017 09:03:55 +0000",
    "Message-ID: <5a0c0b9b.1c2d@newsroom.example>",
    "In-Reply-To: " + msgid,
    "References: " + msgid,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64lines(reply_body.encode("utf-8")).replace("\r\n", "\n"),
    "",
])
open(outdir + "/reply.eml", "w", encoding="ascii", newline="").write(reply)
PY

# --- archive/bundle.zip: folder + nested inner.zip (with an .rtf) -------------
fodt "$SRC/statement.fodt" "Draft statement 声明草稿" "Open Records Collective" "2019-11-20T12:00:00" <<'EOF'
  <text:p text:style-name="H">声明草稿 / Draft statement</text:p>
  <text:p>我们掌握的新疆文件（新党办发〔2017〕12号等）显示，培训中心实行全封闭管理。</text:p>
  <text:p>The Xinjiang documents in our possession show closed management of the centres. Nested-archive check word: HERON-RTF.</text:p>
  <text:p text:style-name="Small">FICTIONAL sample generated by scripts/make-examples.sh.</text:p>
EOF
lo rtf "$WORK" "$SRC/statement.fodt"

python3 - "$WORK/statement.rtf" "$OUT/archive/bundle.zip" <<'PY'
import io, sys, zipfile
rtf_path, out = sys.argv[1], sys.argv[2]
T = (2017, 11, 20, 9, 30, 0)

def add(z, name, data):
    zi = zipfile.ZipInfo(name, date_time=T)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    z.writestr(zi, data)

inner = io.BytesIO()
with zipfile.ZipFile(inner, "w") as z:
    add(z, "readme.txt", "Inner archive of the bundle. Check word: HERON-TXT.\n"
        "内层压缩包：包含一份声明草稿（RTF）。\n(Fictional sample.)\n".encode())
    add(z, "statement.rtf", open(rtf_path, "rb").read())

minutes = """红柳泉县培训工作碰头会会议纪要

时间：2017年11月20日上午
地点：县委政法委小会议室
参加：王海涛、马建华、艾尔肯·吐尔逊

一、第三培训中心本月新增学员四十二人，结业九人。
二、第四培训中心土建完工，监控系统下周安装。
三、按照新党办发〔2017〕12号文件要求，家属帮扶台账月底前完成。

（虚构示例，由 scripts/make-examples.sh 生成。）
"""
contacts = """name,name_zh,role,phone
Wang Haitao,王海涛,deputy head of centre No. 3,0999-5550141
Ma Jianhua,马建华,county Party office inspector,0999-5550123
Erkin Tursun,艾尔肯·吐尔逊,duty leader,0999-5550177
(fictional sample),,,
"""
with zipfile.ZipFile(out, "w") as z:
    # zipfile sets the UTF-8 flag (general purpose bit 11) on non-ASCII names
    d = zipfile.ZipInfo("资料/", date_time=T)
    d.external_attr = (0o40755 << 16) | 0x10
    z.writestr(d, b"")
    add(z, "资料/会议纪要.txt", minutes.encode())
    add(z, "资料/contacts.csv", contacts.encode())
    zi = zipfile.ZipInfo("inner.zip", date_time=T)
    zi.compress_type = zipfile.ZIP_STORED
    zi.external_attr = 0o644 << 16
    z.writestr(zi, inner.getvalue())
PY

# --- broken/truncated.pdf: first 40% of a valid PDF --------------------------
fodt "$SRC/annex.fodt" "Annex B: centre budget 2017 附件二" "County finance bureau" "2017-06-01T09:00:00" <<'EOF'
  <text:p text:style-name="H">附件二：2017年培训中心经费预算 / Annex B: centre budget 2017</text:p>
  <text:p>一、基建：第四培训中心围墙、岗楼及监控系统。Construction: walls, watchtowers and surveillance for centre No. 4.</text:p>
  <text:p>二、运行：学员伙食、被服、教材。Running costs: food, bedding, textbooks.</text:p>
  <text:p text:style-name="PB">三、人员：专职民警、辅警及教员工资。Staff: police, auxiliary police and teachers.</text:p>
  <text:p text:style-name="Small">FICTIONAL sample generated by scripts/make-examples.sh.</text:p>
EOF
lo pdf "$WORK" "$SRC/annex.fodt"
size=$(stat -c %s "$WORK/annex.pdf")
head -c $((size * 40 / 100)) "$WORK/annex.pdf" >"$OUT/broken/truncated.pdf"

# --- scans/page.png: a picture of printed text (no text layer) ---------------
fodt "$SRC/scan.fodt" "scan" "scanner" "2017-11-21T10:00:00" 15cm 9.5cm <<'EOF'
  <text:p text:style-name="H">来访登记表 Visitor log</text:p>
  <text:p>红柳泉县第三培训中心（新疆）2017年11月21日</text:p>
  <text:p>Hongliuquan County, Xinjiang — Training Centre No. 3 — 21 Nov 2017</text:p>
  <text:p>来访人：阿依古丽 家属探视 14:00–14:20 批准人：王海涛</text:p>
  <text:p text:style-name="Small">FICTIONAL sample generated by scripts/make-examples.sh</text:p>
EOF
lo pdf "$WORK" "$SRC/scan.fodt"
pdftoppm -r 150 -png -gray -singlefile -f 1 -l 1 "$WORK/scan.pdf" "$OUT/scans/page"

# --- README.md -------------------------------------------------------------
cat >"$OUT/README.md" <<'EOF'
# examples/ — a small fictional leak

Everything in this folder is **fictional** and **generated** by
`scripts/make-examples.sh` (run `npm run examples` or `bash scripts/make-examples.sh`;
the script wipes and rebuilds this folder). The county ("Hongliuquan / 红柳泉县"),
the officials, the sources, the document numbers and every quotation are invented.
Real public figures (习近平 / Xi Jinping, 陈全国 / Chen Quanguo) are mentioned only
the way public Party documents routinely mention them. Each file says it is fictional.

| file | what it is | what it demonstrates |
| --- | --- | --- |
| `memo-2017.pdf` | 2-page classified county notice (机密★5年, 新党办发〔2017〕12号), Chinese | text PDF made by LibreOffice with embedded CJK fonts; PDF Title/Author metadata (`关于进一步加强县职业技能教育培训中心管理工作的通知` / `中共红柳泉县委办公室`); page-level text; search for 陈全国, 习近平, 新疆 |
| `speech-notes.docx` | speech excerpt in Chinese with an English working translation | DOCX text and core properties (title `Speech notes: county stability meeting …`, creator `Li Wen (translation desk)`); mixed-language search (Xi Jinping / 习近平, Chen Quanguo / 陈全国) |
| `press-release.html` | English press statement with a Chinese summary | HTML `<title>`, visible text; the words `SCRIPTSECRET`, `STYLESECRET` and `COMMENTSECRET` sit in `<script>`, `<style>` and a comment and must **not** be indexed |
| `gbk-notice.txt` | meeting notice, GBK-encoded, CRLF line endings | legacy Chinese encoding detection (decodes to 红柳泉县人民政府办公室 …) |
| `mail/tip-from-source` | RFC 822 e-mail **without file extension**, multipart/mixed | type detection by content; `=?UTF-8?B?…?=` subject; From/To/Cc/Date/Message-ID; quoted-printable body; attachment `值班安排.odt` (RFC 2231 file name) whose text contains `KESTREL-7` |
| `mail/reply.eml` | the newsroom's reply | threading by `In-Reply-To` / `References`; base64 UTF-8 body |
| `archive/bundle.zip` | folder `资料/` (`会议纪要.txt`, `contacts.csv`) and a nested `inner.zip` (`readme.txt`, `statement.rtf`) | recursion into archives and nested archives; UTF-8-flagged Chinese member names; RTF from LibreOffice; check words `HERON-TXT`, `HERON-RTF` |
| `broken/truncated.pdf` | the first 40 % of the bytes of a valid PDF | a corrupt file: ingest must record an error (or at best partial text) and carry on |
| `scans/page.png` | a 150 dpi picture (PNG, 886×562) of a printed visitor log | an image with no text layer: marked as needing OCR |
| `README.md` | this file | |
EOF

echo "examples/ regenerated:"
(cd "$OUT" && find . -type f | sort | xargs ls -l | awk '{printf "  %8d  %s\n", $5, $9}')
du -sh "$OUT" | awk '{print "total: " $1}'

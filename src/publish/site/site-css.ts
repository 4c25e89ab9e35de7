/** The public site's one stylesheet, served at /site.css (no web fonts, no third-party file). */
export const SITE_CSS = `
:root { --ink: #1a1a1a; --muted: #555; --line: #d5d5d5; --accent: #0b5394; --mark: #fff3b0; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.6 Georgia, "Noto Serif", "Noto Serif CJK SC", "Songti SC", serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #e37400; outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 1rem; top: 1rem; }
.site-header, .site-footer { font-family: system-ui, sans-serif; border-bottom: 1px solid var(--line); padding: .75rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.site-footer { border-top: 1px solid var(--line); border-bottom: 0; margin-top: 3rem; color: var(--muted); font-size: .9rem; }
.site-name { font-weight: 700; font-size: 1.25rem; text-decoration: none; color: var(--ink); }
.site-header nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; }
.site-search { margin-left: auto; display: flex; gap: .25rem; }
.site-search input { font: inherit; padding: .25rem .5rem; border: 1px solid #767676; }
button, .button { font: inherit; font-family: system-ui, sans-serif; background: var(--accent); color: #fff; border: 0; padding: .4rem .9rem; cursor: pointer; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
main.wide { max-width: 80rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 1.5rem 0 .5rem; }
.dek { font-size: 1.25rem; color: var(--muted); margin-top: 0; }
.meta { font-family: system-ui, sans-serif; color: var(--muted); font-size: .95rem; }
figure.feature { margin: 1.5rem 0; }
figure.feature img { width: 100%; height: auto; display: block; }
figcaption { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--muted); padding-top: .35rem; }
.takeaways { background: #f4f7fb; border-left: 4px solid var(--accent); padding: .75rem 1rem .75rem 2rem; }
.takeaways h2, .context h2, .cited h2, .comments h2, .popular h2 { font-family: system-ui, sans-serif; font-size: 1.1rem; }
a.quotation { text-decoration-style: dotted; }
.context h3 { font-family: system-ui, sans-serif; font-size: 1rem; margin-bottom: .25rem; }
.context ul, .cited ul, .popular ol { padding-left: 1.25rem; }
.source { color: var(--muted); font-size: .9rem; }
.comment { border-top: 1px solid var(--line); padding: .5rem 0; }
.comment .who { font-family: system-ui, sans-serif; font-weight: 600; }
form.comment-form label { display: block; font-family: system-ui, sans-serif; margin-top: .75rem; }
form.comment-form input[type=text], form.comment-form textarea { width: 100%; font: inherit; padding: .4rem; border: 1px solid #767676; }
.honeypot, .visually-hidden { position: absolute; left: -9999px; width: 1px; height: 1px; overflow: hidden; }
.notice { background: #eef6ee; border: 1px solid #9c9; padding: .75rem 1rem; }
.notice.error { background: #fbeeee; border-color: #c99; }
.doc-page { border-top: 2px solid var(--line); padding: 1rem 0; scroll-margin-top: 1rem; }
.doc-page h2 { font-family: system-ui, sans-serif; font-size: 1rem; }
.page-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.25rem; align-items: start; }
.page-grid img { width: 100%; height: auto; border: 1px solid var(--line); }
.segments { border-collapse: collapse; width: 100%; }
.segments td { vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #eee; width: 50%; }
.passage { scroll-margin-top: 2rem; }
:target, .passage:target, .doc-page:target { background: var(--mark); outline: 2px solid #c9a400; }
.public-note { font-family: system-ui, sans-serif; font-size: .9rem; background: #f7f7f7; border-left: 3px solid #888; padding: .5rem .75rem; margin: .5rem 0; }
.hits li { margin-bottom: 1rem; }
.hits mark { background: var(--mark); }
.embed main { max-width: none; padding: .5rem; }
.embed h1 { font-size: 1rem; margin: 0 0 .5rem; }
@media (max-width: 48rem) { .page-grid { grid-template-columns: 1fr; } }
@media print {
  .site-header nav, .site-search, .skip-link, .comment-form, .popular, .site-footer nav { display: none !important; }
  body { font-size: 11pt; color: #000; }
  main, main.wide { max-width: none; padding: 0; }
  a { color: #000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; }
  .doc-page { break-before: page; }
  :target { background: none; outline: 0; }
}
`;

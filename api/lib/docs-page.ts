/**
 * A dependency-free API docs page (no CDN: the product must work offline). It reads /openapi.json in the
 * browser and lists every operation with its parameters.
 */
export function docsPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档 / API docs</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2rem;border-bottom:1px solid #ddd}code{background:#f4f4f4;padding:0 .3em}.m{font-weight:700;color:#06c;text-transform:uppercase}
td,th{text-align:left;padding:.2rem .6rem;border-bottom:1px solid #eee;vertical-align:top}</style></head>
<body><h1>职工服务阵地网络 API</h1><p>OpenAPI 文档 / document: <a href="/openapi.json">/openapi.json</a></p><div id="ops">加载中… / loading…</div>
<script type="module">
const doc = await (await fetch('/openapi.json')).json();
const el = document.getElementById('ops'); el.textContent = '';
for (const [path, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) {
  const h = document.createElement('h2'); h.innerHTML = '<span class="m"></span> <code></code>';
  h.children[0].textContent = m; h.children[1].textContent = path; el.append(h);
  const p = document.createElement('p'); p.textContent = op.summary ?? ''; el.append(p);
  if (op.parameters?.length) {
    const t = document.createElement('table'); t.innerHTML = '<tr><th>参数 name</th><th>位置 in</th><th>说明 description</th></tr>';
    for (const x of op.parameters) { const r = t.insertRow(); for (const v of [x.name + (x.required ? ' *' : ''), x.in, x.description ?? x.schema?.description ?? '']) r.insertCell().textContent = v; }
    el.append(t);
  }
}
</script></body></html>`;
}

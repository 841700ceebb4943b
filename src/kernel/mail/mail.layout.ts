// One layout for every e-mail, rendered both as HTML and as plain text from the
// same structured content, so the two never drift apart.

export interface MailContent {
  subject: string;
  /** Why the person gets this message: the first thing they read (NOTIF-2). */
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Label/value rows (ticket details, order details...). */
  details?: Array<{ title?: string; rows: Array<[string, string]> }>;
  footer: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderHtml(content: MailContent, lang: string): string {
  const p = content.paragraphs.map((t) => `<p style="margin:0 0 12px">${escapeHtml(t)}</p>`).join('\n');
  const action = content.action
    ? `<p style="margin:20px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1f6f5c;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 12px;font-size:12px;color:#555">${escapeHtml(content.action.url)}</p>`
    : '';
  const details = (content.details ?? [])
    .map(
      (block) => `${block.title ? `<h3 style="font-size:14px;margin:18px 0 6px">${escapeHtml(block.title)}</h3>` : ''}
<table style="border-collapse:collapse;font-size:13px">${block.rows
        .map(
          ([k, v]) =>
            `<tr><td style="padding:2px 12px 2px 0;color:#555">${escapeHtml(k)}</td><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
        )
        .join('')}</table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;color:#1d2327;background:#f4f5f7;margin:0;padding:24px">
<div style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<h2 style="margin:0 0 16px;font-size:18px">${escapeHtml(content.heading)}</h2>
${p}
${action}
${details}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">
<p style="font-size:12px;color:#777;margin:0">${escapeHtml(content.footer)}</p>
</div></body></html>`;
}

export function renderText(content: MailContent): string {
  const parts: string[] = [content.heading, '', ...content.paragraphs.flatMap((t) => [t, ''])];
  if (content.action) parts.push(`${content.action.label}:`, content.action.url, '');
  for (const block of content.details ?? []) {
    if (block.title) parts.push(block.title, '-'.repeat(block.title.length));
    for (const [k, v] of block.rows) parts.push(`${k}: ${v}`);
    parts.push('');
  }
  parts.push('--', content.footer);
  return parts.join('\n');
}

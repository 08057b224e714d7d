/** Keeping the webhook URL (a secret) out of every message, log line and stored error. */

const PLACEHOLDER = '<webhook>';

/** Forms of the URL that could appear in an error: as given, normalised, and its path. */
function secretForms(url: string): string[] {
  const forms = [url];
  try {
    const parsed = new URL(url);
    forms.push(parsed.href, `${parsed.pathname}${parsed.search}`, parsed.pathname);
  } catch {
    // Not a URL: only the text as given can leak.
  }
  return [...new Set(forms)].filter((f) => f.length >= 8).sort((a, b) => b.length - a.length);
}

/** `text` with every form of the webhook URL replaced by `<webhook>`. */
export function redactWebhook(text: string, url: string | null): string {
  if (!url) return text;
  let out = text;
  for (const form of secretForms(url)) out = out.split(form).join(PLACEHOLDER);
  return out;
}

/** True when `url` is an absolute http(s) URL a webhook client can post to. */
export function isWebhookUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

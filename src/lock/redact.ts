/** Redaction of connection URLs for messages: a password never leaves the process. */

/** The URL with any password replaced by `***` (and the `schema` query left as is). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
  }
}

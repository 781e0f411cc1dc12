/**
 * Just enough EC2 XML for the fault-injecting proxy: split a response's item
 * set (`<volumeSet>`, `<snapshotSet>`) into its top-level `<item>`s, put a
 * page of them back with a `<nextToken>`, rewrite one field of an item, and
 * write EC2's error document.
 */

export interface ItemSet {
  /** Everything before the set's items, ending with `<snapshotSet>`. */
  head: string;
  items: string[];
  /** `</snapshotSet>` and everything after it. */
  tail: string;
}

/** The top-level items of `<setName>`; null if the document has no such set. */
export function splitItems(xml: string, setName: string): ItemSet | null {
  const empty = xml.indexOf(`<${setName}/>`);
  if (empty >= 0) {
    return {
      head: `${xml.slice(0, empty)}<${setName}>`,
      items: [],
      tail: `</${setName}>${xml.slice(empty + setName.length + 3)}`,
    };
  }
  const open = xml.indexOf(`<${setName}>`);
  const close = xml.lastIndexOf(`</${setName}>`);
  if (open < 0 || close < 0) return null;
  const start = open + setName.length + 2;
  const body = xml.slice(start, close);
  const items: string[] = [];
  let depth = 0;
  let itemStart = -1;
  const tag = /<(\/?)item(\/?)>/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (m[2]) continue; // <item/>: empty, never top-level in EC2 sets
    if (!m[1]) {
      if (depth === 0) itemStart = m.index;
      depth += 1;
    } else {
      depth -= 1;
      if (depth === 0) items.push(body.slice(itemStart, m.index + m[0].length));
    }
  }
  return { head: xml.slice(0, start), items, tail: xml.slice(close) };
}

/** The set with `items` and, when there are more, a `<nextToken>` after it. */
export function joinItems(set: ItemSet, items: string[], nextToken: string | null): string {
  const token = nextToken ? `<nextToken>${nextToken}</nextToken>` : '';
  const closeAt = set.tail.indexOf('>') + 1;
  return set.head + items.join('') + set.tail.slice(0, closeAt) + token + set.tail.slice(closeAt);
}

/** The first `<name>value</name>` directly in an item (the item's own field, as EC2 lists them first-level). */
export function field(item: string, name: string): string | null {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(item)?.[1] ?? null;
}

export function setField(item: string, name: string, value: string): string {
  return item.replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${value}</${name}>`);
}

/** EC2's error document (the Query protocol's `Response/Errors/Error`). */
export function ec2Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>proxy-${code}</RequestID></Response>`;
}

/** A snapshot of another account, as EC2 lists public or shared snapshots. */
export function foreignSnapshotItem(s: {
  snapshotId: string;
  volumeId: string;
  ownerId: string;
  tags: Record<string, string>;
}): string {
  const tags = Object.entries(s.tags)
    .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
    .join('');
  return `<item><snapshotId>${s.snapshotId}</snapshotId><volumeId>${s.volumeId}</volumeId><status>completed</status><startTime>2026-01-01T00:00:00.000Z</startTime><progress>100%</progress><ownerId>${s.ownerId}</ownerId><volumeSize>8</volumeSize><description>${s.tags.Name ?? ''}</description><encrypted>false</encrypted><tagSet>${tags}</tagSet></item>`;
}

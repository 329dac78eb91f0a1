/**
 * Provider-private state: data Terraform stores next to a resource's state
 * but never shows or diffs (bytes on the wire; here a JSON object of
 * keys). It travels Read → state → Plan → Apply → state.
 *
 *   resp.private.set('etag', etag);
 *   const etag = req.private.get<string>('etag');
 *
 * Not a place for secrets: Terraform writes it (base64) into the state file.
 */

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

export interface ReadonlyPrivateData {
  get<T extends JsonValue = JsonValue>(key: string): T | undefined;
  keys(): readonly string[];
}

export class PrivateData implements ReadonlyPrivateData {
  private readonly entries = new Map<string, JsonValue>();

  /** Undecodable bytes (e.g. written by another provider build) read as empty. */
  static fromBytes(bytes: Uint8Array | undefined): PrivateData {
    const data = new PrivateData();
    if (bytes === undefined || bytes.length === 0) return data;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed as Record<string, JsonValue>)) data.entries.set(k, v);
      }
    } catch {
      // not ours: start empty
    }
    return data;
  }

  get<T extends JsonValue = JsonValue>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  /** `undefined` removes the key. */
  set(key: string, value: JsonValue | undefined): void {
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, value);
  }

  keys(): readonly string[] {
    return [...this.entries.keys()];
  }

  clone(): PrivateData {
    const copy = new PrivateData();
    for (const [k, v] of this.entries) copy.entries.set(k, v);
    return copy;
  }

  /** Empty → undefined (nothing is sent). */
  toBytes(): Uint8Array | undefined {
    if (this.entries.size === 0) return undefined;
    const sorted = Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return new TextEncoder().encode(JSON.stringify(sorted));
  }
}

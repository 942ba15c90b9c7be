/**
 * The inputs the benchmark times, all built deterministically: hand-picked URIs plus strings our
 * generators produce from the grammar, MIMI user IDs, and JSON documents of 1 KB to 1 MB made from
 * a seeded pseudo-random stream (the same bytes on every run and machine).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { sampleRule } from "@mimi-spec/grammar";
import type { BenchGrammar } from "./grammar-texts.ts";

/** A named list of inputs timed together: one iteration runs every input once. */
export interface Workload {
  readonly name: string;
  readonly rule: string;
  readonly inputs: ReadonlyArray<string>;
  /** UTF-8 bytes of all inputs together. */
  readonly bytes: number;
}

/** Builds a workload, counting its UTF-8 bytes. */
export function workload(name: string, rule: string, inputs: ReadonlyArray<string>): Workload {
  let bytes = 0;
  for (const s of inputs) bytes += Buffer.byteLength(s, "utf8");
  return { name, rule, inputs, bytes };
}

/**
 * URIs as they occur in practice. Several sit on PEG traps that real traffic does hit: hosts
 * whose first labels are digits (`1.2.3.4.nip.io`, which first-match parsers take for an IPv4
 * address and then fail on) and compressed IPv6 literals such as `[1::2]`.
 */
export const HAND_PICKED_URIS: ReadonlyArray<string> = [
  "https://example.com/",
  "https://www.ietf.org/rfc/rfc3986.txt",
  "https://datatracker.ietf.org/doc/html/draft-ietf-mimi-protocol-03#section-4.2",
  "http://www.example.com/search?q=mimi+protocol&lang=en&page=2",
  "https://user:pa%24%24word@api.example.com:8443/v1/rooms/!abc123:example.org/messages?limit=50&dir=b",
  "https://matrix.example.org/_matrix/client/v3/rooms/%21room%3Aexample.org/send/m.room.message/txn42",
  "https://cdn.example.net/static/js/app.3f9a1c.min.js?v=20240101",
  "https://shop.example.co.uk/products/12345/reviews?sort=newest&utm_source=newsletter&utm_medium=email",
  "http://192.0.2.16:8080/status",
  "http://10.0.0.1.nip.io/health",
  "https://1.2.3.4.sslip.io:8443/",
  "http://[2001:db8::7]/c=GB?objectClass?one",
  "http://[::1]:3000/api/graphql",
  "http://[1::2]/",
  "http://[fe80::1ff:fe23:4567:890a]:9000/metrics",
  "http://[::ffff:192.0.2.128]/",
  "http://[v7.fe80::a+en1]/",
  "ftp://ftp.is.co.za/rfc/rfc1808.txt",
  "ldap://[2001:db8::7]/c=GB?objectClass?one",
  "mailto:John.Doe@example.com",
  "mailto:alice@example.org?subject=Hello%20MIMI&body=See%20you",
  "news:comp.infosystems.www.servers.unix",
  "tel:+1-816-555-1212",
  "telnet://192.0.2.16:80/",
  "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
  "urn:ietf:params:mimi:room:example.com:a1b2c3",
  "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
  "foo://example.com:8042/over/there?name=ferret#nose",
  "file:///etc/hosts",
  "file:///C:/Users/alice/Documents/report%20final.pdf",
  "data:text/plain;charset=utf-8,Hello%2C%20World%21",
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "ws://chat.example.com:8080/socket",
  "wss://push.example.net/v2/subscribe?token=eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo",
  "git+ssh://git@github.example.com/org/repo.git",
  "ssh://deploy@203.0.113.9:2222/srv/app",
  "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&dn=file.iso",
  "matrix:u/alice:example.org?action=chat",
  "mimi://example.com/r/engineering",
  "im:alice@example.com",
  "sip:alice@atlanta.example.com;transport=tcp",
  "coap://[2001:db8::2:1]/.well-known/core",
  "https://example.com/path/with/a/rather/long/series/of/segments/that/keeps/going/and/going/index.html",
  "https://example.com/~user/caf%C3%A9/",
  "https://a.b.c.d.e.f.example/",
  "http://example.com:/",
  "https://example.com/?",
  "https://example.com/#",
];

/** Hand-picked URIs plus valid and near-miss invalid URIs sampled from the grammar (about 4:1). */
export function uriCorpus(g: BenchGrammar, quick: boolean): Workload {
  const valid = sampleRule(g.grammar, "URI", { count: quick ? 40 : 160, seed: 3986 }).map((s) => s.text);
  const invalid = sampleRule(g.grammar, "URI", { count: quick ? 10 : 50, seed: 3987, invalid: true }).map(
    (s) => s.text,
  );
  return workload("URI corpus", "URI", [...HAND_PICKED_URIS, ...valid, ...invalid]);
}

/** Realistic MIMI user IDs (valid), used with generated ones. */
export const HAND_PICKED_USER_IDS: ReadonlyArray<string> = [
  "@alice:example.org",
  "@bob:example.com:8448",
  "@carol.smith:matrix.example.net",
  "@watch/for/slashes:example.org",
  "@dave+test=1:chat.example.co.uk",
  "@_bridge_irc_erin:irc.example.org",
  "@a:b",
  "@user-123:10.0.0.1.nip.io:443",
  "@frank:localhost:8008",
  "@grace_hopper:navy.example.mil",
];

/** Hand-picked user IDs plus valid and near-miss invalid ones sampled from the grammar. */
export function userIdCorpus(g: BenchGrammar, quick: boolean): Workload {
  const valid = sampleRule(g.grammar, "user_id", { count: quick ? 40 : 200, seed: 2023 }).map((s) => s.text);
  const invalid = sampleRule(g.grammar, "user_id", { count: quick ? 10 : 50, seed: 2024, invalid: true }).map(
    (s) => s.text,
  );
  return workload("user_id corpus", "user_id", [...HAND_PICKED_USER_IDS, ...valid, ...invalid]);
}

/** The JSON document sizes timed (bytes, approximately: documents end at a whole record). */
export const JSON_SIZES: ReadonlyArray<number> = [1024, 16 * 1024, 128 * 1024, 1024 * 1024];

/** A JSON document of about `size` bytes: an array of event-like records, some pretty-printed. */
export function jsonDocument(size: number, seed: number): string {
  const random = mulberry32(seed);
  const records: string[] = [];
  let length = 2;
  for (let i = 0; length < size; i++) {
    const record = eventRecord(random, i);
    // Every third record keeps indentation and newlines, so the `ws` rule is exercised too.
    const text = i % 3 === 2 ? JSON.stringify(record, null, 2) : JSON.stringify(record);
    records.push(text);
    length += text.length + 2;
  }
  return `[\n${records.join(",\n")}\n]`;
}

/** The JSON workloads: one document per size. */
export function jsonCorpus(quick: boolean): Workload[] {
  const sizes = quick ? JSON_SIZES.slice(0, 2) : JSON_SIZES;
  return sizes.map((size, i) => {
    const doc = jsonDocument(size, 8259 + i);
    return workload(`JSON ${formatSize(size)}`, "JSON-text", [doc]);
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

const WORDS = [
  "hello",
  "room",
  "MIMI",
  "café",
  "naïve",
  "über",
  "tab\there",
  'say "hi"',
  "back\\slash",
  "line\nbreak",
];
const EMOJI = ["😀", "🎉", "👍🏽", "中文", "Ελληνικά", "\u0001", "\u001f"];
const EVENT_TYPES = ["m.room.message", "m.room.member", "m.reaction", "m.room.power_levels", "m.room.topic"];

function eventRecord(random: () => number, i: number): unknown {
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(random() * xs.length)] as T;
  const text = () => {
    const n = 1 + Math.floor(random() * 6);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(random() < 0.15 ? pick(EMOJI) : pick(WORDS));
    return parts.join(" ");
  };
  const hex = (n: number) => {
    let s = "";
    for (let k = 0; k < n; k++) s += Math.floor(random() * 16).toString(16);
    return s;
  };
  return {
    event_id: `$${hex(32)}`,
    type: pick(EVENT_TYPES),
    sender: `@user${Math.floor(random() * 1000)}:example.org`,
    origin_server_ts: 1_700_000_000_000 + Math.floor(random() * 1e9),
    depth: i,
    content: {
      body: text(),
      msgtype: "m.text",
      format: random() < 0.3 ? null : "org.matrix.custom.html",
      mentions: { user_ids: random() < 0.5 ? [] : [`@user${i}:example.org`], room: random() < 0.1 },
    },
    prev_events: [`$${hex(16)}`, `$${hex(16)}`],
    auth_events: random() < 0.5 ? [] : [[`$${hex(8)}`, { sha256: hex(16) }]],
    hashes: { sha256: hex(43) },
    score: random() < 0.5 ? -Math.round(random() * 1e6) / 1e3 : Number((random() * 1e-5).toExponential(4)),
    flags: [random() < 0.5, random() < 0.5, null, 0, -0.5, 1e21],
  };
}

/** A small, well-known 32-bit PRNG; deterministic for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

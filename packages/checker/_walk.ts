import { emptyWorld, resolveProfile, step, type Action, type World } from "@mimi-spec/machine";
const p = resolveProfile("lm-i1", {}); if (!p.ok) throw new Error();
let w: World = emptyWorld({ profile: p.profile, delivery: "network", eventIds: "counter" });
const show = () => { for (const m of w.inFlight) console.log("  ", m.id, m.message.kind, (m.message as any).from, "->", (m.message as any).to, JSON.stringify((m.message as any).event?.content ?? (m.message as any).verdict ?? "").slice(0,80)); 
  for (const [n, s] of w.servers) console.log("  ", n, "invites", [...s.persisted.invites.keys()], "rooms", [...s.persisted.rooms.keys()], "pending", [...s.volatile.pending.keys()]); };
const acts: Action[] = JSON.parse(process.argv[2]!);
for (const a of acts) {
  const r = step(w, a as Action); console.log(JSON.stringify(a), r.world === w ? "REFUSED" : "ok", (r as any).verdict?.guard ?? ""); w = r.world; show();
}

/**
 * Identifier spelling for generated code: ABNF rule names (`user_id`, `dns-char`) to camelCase
 * functions and SCREAMING_CASE constants.
 *
 * @module
 */

/** `user_id` → `userId`, `dns-char` → `dnsChar`, `IPv6address` → `iPv6address`. */
export function camelCase(name: string): string {
  const parts = name.split(/[-_]+/).filter((p) => p.length > 0);
  return parts
    .map((p, i) =>
      i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1),
    )
    .join("");
}

/** `user_id` → `UserId`. */
export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** `user_id` → `USER_ID`, `IPv6address` → `IPV6ADDRESS`. */
export function constantCase(name: string): string {
  return name.replace(/[-_]+/g, "_").toUpperCase();
}

/** Text made safe to sit inside a `/** … *\/` comment. */
export function commentSafe(text: string): string {
  return text.replaceAll("*/", "*\\/");
}

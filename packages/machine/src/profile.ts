/**
 * Profiles at run time: a name and a full assignment of option values, taken from the generated
 * table and optionally overridden option by option. Every disagreement between the drafts is one
 * of these options, so the machine never assumes an answer silently.
 *
 * @module
 */
import {
  DEFAULT_PROFILE,
  type OptionName,
  type OptionValues,
  PROFILE_OPTIONS,
  PROFILES,
  type ProfileName,
} from "./generated/tables.ts";

export type { OptionName, OptionValues, ProfileName } from "./generated/tables.ts";

/** A resolved profile: which named profile it started from, and every option's value. */
export interface Profile {
  /** The named profile, plus `+option=value` for each override. */
  readonly name: string;
  readonly values: OptionValues;
}

/** Whether `name` is a named profile. */
export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}

/** Whether `name` is an option the machine reads. */
export function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(PROFILE_OPTIONS, name);
}

/** The named profile (the default one when no name is given). */
export function profileNamed(name: ProfileName = DEFAULT_PROFILE): Profile {
  return { name, values: PROFILES[name].values };
}

/** The default profile. */
export function defaultProfile(): Profile {
  return profileNamed(DEFAULT_PROFILE);
}

/**
 * A profile by name with option overrides, or the reason it cannot be built: an unknown profile
 * or option, or a value that is not an implemented choice of its option.
 */
export function resolveProfile(
  name: string = DEFAULT_PROFILE,
  overrides: Readonly<Record<string, string>> = {},
): { readonly ok: true; readonly profile: Profile } | { readonly ok: false; readonly message: string } {
  if (!isProfileName(name))
    return {
      ok: false,
      message: `unknown profile ${name}; known profiles: ${Object.keys(PROFILES).join(", ")}`,
    };
  const values: Record<string, string> = { ...PROFILES[name].values };
  const suffix: string[] = [];
  for (const [option, value] of Object.entries(overrides)) {
    if (!isOptionName(option))
      return {
        ok: false,
        message: `unknown option ${option}; known options: ${Object.keys(PROFILE_OPTIONS).join(", ")}`,
      };
    const implemented: ReadonlyArray<string> = PROFILE_OPTIONS[option].implemented;
    if (!implemented.includes(value))
      return {
        ok: false,
        message: `option ${option} cannot be "${value}"; the machine implements ${implemented.join(", ")}`,
      };
    if (values[option] !== value) suffix.push(`+${option}=${value}`);
    values[option] = value;
  }
  return {
    ok: true,
    profile: { name: [name, ...suffix].join(" "), values: values as unknown as OptionValues },
  };
}

/** Whether the profile gives `option` the value `value`. */
export function optionIs<N extends OptionName>(profile: Profile, option: N, value: OptionValues[N]): boolean {
  return profile.values[option] === value;
}

/** Whether a rule with this `enabledWhen` applies under the profile (always, when absent). */
export function enabledUnder(
  profile: Profile,
  enabledWhen: Readonly<Record<string, string>> | undefined,
): boolean {
  if (enabledWhen === undefined) return true;
  for (const [option, value] of Object.entries(enabledWhen))
    if ((profile.values as unknown as Record<string, string>)[option] !== value) return false;
  return true;
}

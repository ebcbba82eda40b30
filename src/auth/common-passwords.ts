/**
 * The common-password list the password rule refuses: the 49,000 passwords of
 * @zxcvbn-ts/language-common (MIT, from breach corpora), loaded once, lower-cased.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordProblem } from './core/password-rule';

let common: ReadonlySet<string> | null = null;

export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Why `password` is refused, or null (the rule of core/password-rule.ts with the shipped list). */
export function checkPassword(password: string): string | null {
  return passwordProblem(password, commonPasswords());
}

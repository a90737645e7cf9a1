/** Checks of a field's `validations` (length, format, number, inclusion) against its type. */
import type { Field } from '../normalized.js';
import { pcreProblem } from './pcre.js';
import { describeValue, type Report } from './report.js';

export function checkValidations(
  v: Field['validations'],
  type: Field['type'],
  where: string,
  p: string,
  err: Report,
) {
  const lengthOk = ['string', 'text', 'binary', 'array'].includes(type);
  const numberOk = ['integer', 'float', 'decimal'].includes(type);
  if (v.length) {
    if (!lengthOk)
      err(
        `${p}.validations.length`,
        `${where}: length validation applies to string, text, binary and array fields, not ${type}.`,
      );
    const { min, max, is } = v.length;
    if (min === undefined && max === undefined && is === undefined)
      err(`${p}.validations.length`, `${where}: length needs min, max or is.`);
    if (min !== undefined && max !== undefined && min > max)
      err(`${p}.validations.length`, `${where}: length min ${min} is greater than max ${max}.`);
    if (is !== undefined && (min !== undefined || max !== undefined))
      err(`${p}.validations.length`, `${where}: length is cannot be combined with min or max.`);
  }
  if (v.format !== undefined) {
    if (type !== 'string' && type !== 'text')
      err(
        `${p}.validations.format`,
        `${where}: format validation applies to string and text fields, not ${type}.`,
      );
    try {
      new RegExp(v.format, 'u');
      const pcre = pcreProblem(v.format);
      if (pcre !== undefined) {
        err(
          `${p}.validations.format`,
          `${where}: format ${describeValue(v.format)} ${pcre}, so the generated ~r would not compile.`,
        );
      }
    } catch (e) {
      err(
        `${p}.validations.format`,
        `${where}: format ${describeValue(v.format)} is not a valid regular expression (${(e as Error).message}).`,
      );
    }
  }
  if (v.number) {
    if (!numberOk)
      err(
        `${p}.validations.number`,
        `${where}: number validation applies to integer, float and decimal fields, not ${type}.`,
      );
    if (Object.keys(v.number).length === 0)
      err(
        `${p}.validations.number`,
        `${where}: number needs at least one bound (greater_than, greater_than_or_equal_to, less_than, less_than_or_equal_to).`,
      );
  }
  if (v.inclusion) {
    const want = numberOk ? 'number' : type === 'boolean' ? 'boolean' : 'string';
    const bad = v.inclusion.find((x) => typeof x !== want);
    if (bad !== undefined)
      err(
        `${p}.validations.inclusion`,
        `${where}: inclusion value ${describeValue(bad)} does not fit type ${type}; give ${want}s.`,
      );
  }
}

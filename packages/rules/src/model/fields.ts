import { z } from 'zod';

/** The value types a lead field can hold; operators and value inputs follow from them. */
export const FIELD_TYPES = ['number', 'string', 'boolean', 'enum', 'date', 'stringList'] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** Fit is who the lead is (firmographic, demographic); engagement is what it did; conversation is what a rep learned. */
export const FIELD_CATEGORIES = ['fit', 'engagement', 'conversation'] as const;
export const FieldCategorySchema = z.enum(FIELD_CATEGORIES);

/** A dotted path into the lead, such as `company.size`. Segments are identifiers, never prototype keys. */
export const FieldPathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted path of letters, digits and _')
  .refine((p) => !p.split('.').some((s) => s === 'prototype' || s in Object.prototype), {
    message: 'a path may not use names every object has (such as toString, constructor or __proto__)',
  });

/**
 * What forms and CRM exports write where nobody answered: a dropdown's untouched placeholder
 * (`Select`, `Please select`), "not applicable" (`N/A`, and Excel's `#N/A`), `unknown`, a lone dash.
 * A workflow gets this list unless it sets its own. Left out on purpose, because each is a real answer
 * somewhere: `none` (no budget, no need), `0` (no employees yet), `NA` (North America), `null` (a
 * surname), `other`. Compared trimmed and case-insensitively (`foldMissing`).
 */
export const DEFAULT_MISSING_VALUES: readonly string[] = Object.freeze([
  'Select',
  'Please select',
  'N/A',
  '#N/A',
  'unknown',
  '-',
]);

/** A list of values that mean "not answered"; blank text is missing already, so an entry is not blank. */
export const MissingValuesSchema = z
  .array(
    z
      .string()
      .max(100)
      .refine((s) => s.trim() !== '', { message: 'a blank value is missing already; leave it out' }),
  )
  .max(100);

export const FieldSchema = z.object({
  path: FieldPathSchema,
  label: z.string().min(1).max(120),
  type: FieldTypeSchema,
  category: FieldCategorySchema.default('fit'),
  /** Allowed values of an enum field, in their canonical spelling. */
  values: z.array(z.string().min(1).max(200)).max(500).optional(),
  /**
   * What people read for a value of an enum field (`{ "decision_maker": "Decision maker" }`); a value
   * without one reads as `choiceLabel` spells it. Forms, sentences, receipts and questions show labels;
   * the document and the lead keep the values.
   */
  valueLabels: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
  description: z.string().max(500).optional(),
  /** Values that mean missing for this field; without a list of its own, the workflow's `missingValues` apply. */
  missingValues: MissingValuesSchema.optional(),
  /** This field holds the lead's id: the decision log records it as `leadId` (at most one field). */
  leadId: z.boolean().optional(),
  /**
   * This field holds the lead's current stage as the CRM knows it (at most one field): stages only move
   * forward from it. Matched to a stage case-insensitively ("sql" is SQL).
   */
  currentStage: z.boolean().optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export type FieldCatalogue = readonly Field[];

/** Looks a field up by path; the catalogue is small, so a linear scan keeps callers simple. */
export function findField(fields: FieldCatalogue, path: string): Field | undefined {
  return fields.find((f) => f.path === path);
}

/** How a value is compared with a missing-value entry: trimmed and lower-cased. */
export const foldMissing = (value: string): string => value.trim().toLowerCase();

/**
 * The values that mean missing for one field, folded and without repeats: its own list when it has
 * one, else the workflow's.
 * @example missingValuesOf({ ...field, missingValues: undefined }, ['Select', ' N/A ']) // ['select', 'n/a']
 */
export function missingValuesOf(field: Field, workflowList: readonly string[]): string[] {
  return [...new Set((field.missingValues ?? workflowList).map(foldMissing))];
}

/**
 * A value of a choice as people read it: a snake_case or kebab-case identifier becomes words with a
 * capital (`decision_maker` → "Decision maker", `c_level` → "C level"); anything else (`SaaS`, `DE`,
 * `Enterprise AE`) is already how its team writes it and stays as it is.
 */
export function humanizeChoice(value: string): string {
  if (!/^[a-z0-9]+([_-][a-z0-9]+)*$/.test(value)) return value;
  const words = value.replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The label of one value of a choice field: the catalogue's `valueLabels` entry, else the value in
 * words (`humanizeChoice`). The one helper every form, sentence, receipt and question uses.
 * @example choiceLabel({ ...authority, valueLabels: { none: 'No authority' } }, 'none') // 'No authority'
 */
export function choiceLabel(field: Pick<Field, 'type' | 'valueLabels'> | undefined, value: string): string {
  if (field?.type !== 'enum') return value;
  return field.valueLabels?.[value] ?? humanizeChoice(value);
}

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

export const FieldSchema = z.object({
  path: FieldPathSchema,
  label: z.string().min(1).max(120),
  type: FieldTypeSchema,
  category: FieldCategorySchema.default('fit'),
  /** Allowed values of an enum field, in their canonical spelling. */
  values: z.array(z.string().min(1).max(200)).max(500).optional(),
  description: z.string().max(500).optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export type FieldCatalogue = readonly Field[];

/** Looks a field up by path; the catalogue is small, so a linear scan keeps callers simple. */
export function findField(fields: FieldCatalogue, path: string): Field | undefined {
  return fields.find((f) => f.path === path);
}

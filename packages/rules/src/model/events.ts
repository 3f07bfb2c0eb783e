import { z } from 'zod';
import { FieldSchema } from './fields.ts';

/** Where a lead carries its events: `lead.events`, a list of `{ type, at, ...properties }`. */
export const EVENTS_PATH = 'events';
/** The property of an event that says when it happened (ISO 8601); the "within N days" window reads it. */
export const EVENT_TIME = 'at';
/** How many events one lead may carry into an evaluation (the runtime refuses more, with `too_many_events`). */
export const MAX_EVENTS = 1000;

/** An event property as conditions read it: a plain name (`url`, `type`), never a dotted path. */
export const EventPropertySchema = FieldSchema.extend({
  path: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an event property is one name of letters, digits and _')
    .refine((p) => !(p in Object.prototype) && p !== 'prototype', {
      message: 'a property may not use names every object has (such as toString or __proto__)',
    }),
});
export type EventProperty = z.infer<typeof EventPropertySchema>;

/**
 * The catalogue's events section: the properties of a lead's events that conditions may test, typed like
 * lead fields (an event's `type` is one of them, usually a choice). `at`, the event's time, is always
 * there and never listed. A document without this section can still count events (of any kind).
 */
export const EventCatalogueSchema = z.object({
  properties: z.array(EventPropertySchema).max(100),
});
export type EventCatalogue = z.infer<typeof EventCatalogueSchema>;

/** The properties a new events section starts with: the event's type and the page it happened on. */
export const DEFAULT_EVENT_PROPERTIES: EventProperty[] = [
  {
    path: 'type',
    label: 'Event type',
    type: 'enum',
    category: 'engagement',
    values: ['page_view', 'form_submit', 'email_open', 'email_click', 'webinar', 'download'],
  },
  { path: 'url', label: 'Page', type: 'string', category: 'engagement' },
];

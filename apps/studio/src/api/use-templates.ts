import { useEffect, useState } from 'react';
import { errorMessage } from './client.ts';
import type { Template } from './types.ts';
import { runtime } from './workflows.ts';

let cached: Promise<Template[]> | null = null;

/** The runtime's templates (the examples with their sample leads), fetched once per page load. */
export function useTemplates(): { templates: Template[] | null; error: string | null } {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= runtime.templates();
    cached.then(
      (t) => live && setTemplates(t),
      (err) => {
        cached = null;
        if (live) setError(errorMessage(err));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { templates, error };
}

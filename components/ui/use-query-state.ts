"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";

export type QueryPatch = Record<string, string | number | string[] | null | undefined>;

/**
 * Server-side tables keep their page, sort and filters in the URL: the server page reads them and queries the
 * database; this hook writes them. Empty values are removed so URLs stay short.
 */
export function useQueryState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const update = useCallback(
    (patch: QueryPatch, options: { scroll?: boolean } = {}) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        next.delete(key);
        if (value === null || value === undefined || value === "") continue;
        if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
        else next.set(key, String(value));
      }
      const qs = next.toString();
      startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: options.scroll ?? false }));
    },
    [params, pathname, router],
  );
  return { params, update, pending };
}

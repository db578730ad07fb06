import fs from "node:fs";
import path from "node:path";
import { isTakeable } from "./parse/file-name";

/**
 * The takeable files of a local folder laid out like the SFTP root, as relative paths: first those listed in the
 * arrival order (if given), then the rest in name order. Files being written and dot-files are left out.
 */
export function listLocalTree(root: string, order?: string[]): string[] {
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && isTakeable(e.name)) all.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  all.sort();
  if (!order) return all;
  const present = new Set(all);
  const first = order.map((p) => p.trim().replace(/^\.?\/+/, "")).filter((p) => p && present.has(p));
  const listed = new Set(first);
  return [...new Set(first), ...all.filter((p) => !listed.has(p))];
}

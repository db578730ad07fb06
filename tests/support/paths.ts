import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const sharedData = path.resolve(projectRoot, "../shared/data");
export const casesDir = path.join(sharedData, "cases");
export const referenceDir = path.join(sharedData, "reference");
export const monthDir = path.join(sharedData, "month-2025-03");

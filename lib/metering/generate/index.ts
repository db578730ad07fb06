export { generateMonth, generateRecords, writeLargeFile, cdrTime, FOLDERS, type GenerateOptions, type GenerateResult, type GeneratedFile, type Style } from "./generate";
export { readReference, seedDataDir, type Reference, type ProviderRow, type TenantRow, type CatalogRow } from "./reference";
export { zipEntries, type ZipEntry } from "./zip";
export { writeDemoExceptions } from "./demo-exceptions";

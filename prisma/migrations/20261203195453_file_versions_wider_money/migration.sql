/*
  Warnings:

  - A unique constraint covering the columns `[source,path,version]` on the table `cdr_file` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "cdr_file_source_path_sha256_key";

-- AlterTable
ALTER TABLE "bill" ALTER COLUMN "gross" SET DATA TYPE DECIMAL(24,2),
ALTER COLUMN "net" SET DATA TYPE DECIMAL(24,2);

-- AlterTable
ALTER TABLE "bill_line" ALTER COLUMN "quantity" SET DATA TYPE DECIMAL(40,12),
ALTER COLUMN "amount" SET DATA TYPE DECIMAL(24,2),
ALTER COLUMN "net" SET DATA TYPE DECIMAL(24,2);

-- CreateIndex
CREATE UNIQUE INDEX "cdr_file_source_path_version_key" ON "cdr_file"("source", "path", "version");

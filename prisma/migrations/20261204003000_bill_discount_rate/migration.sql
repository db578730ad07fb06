-- AlterTable: the discount rate a bill was built with (a closed bill keeps it when the department's rate changes)
ALTER TABLE "bill" ADD COLUMN "discount_rate" DECIMAL(8,4);

-- Existing bills were built with the department's current rate
UPDATE "bill" b SET "discount_rate" = d."discount_rate" FROM "department" d WHERE d."id" = b."department_id";

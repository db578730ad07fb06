-- CreateTable
CREATE TABLE "provider" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region_codes" TEXT[],

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "discount_rate" DECIMAL(8,4),

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vdc" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department_id" INTEGER NOT NULL,

    CONSTRAINT "vdc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" SERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vdc_id" INTEGER NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_item" (
    "id" SERIAL NOT NULL,
    "item_code" TEXT NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service_type_code" TEXT NOT NULL,
    "resource_type_code" TEXT NOT NULL,
    "resource_spec_code" TEXT NOT NULL,
    "factor" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "unit_price" DECIMAL(20,6) NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,

    CONSTRAINT "price_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "department_id" INTEGER,
    "provider_id" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cdr_file" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "region_code" TEXT,
    "name_recognised" BOOLEAN NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "spool_path" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "record_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "bytes_read" BIGINT NOT NULL DEFAULT 0,
    "months" TEXT[],
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "cdr_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cdr_error" (
    "file_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "cdr_error_pkey" PRIMARY KEY ("file_id","line_no")
);

-- CreateTable
CREATE TABLE "usage_record" (
    "file_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "part" SMALLINT NOT NULL,
    "record_type" SMALLINT NOT NULL,
    "produced_at" TIMESTAMPTZ(3) NOT NULL,
    "user_id" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "az_code" TEXT NOT NULL,
    "service_type_code" TEXT NOT NULL,
    "resource_type_code" TEXT NOT NULL,
    "resource_spec_code" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "bss_params" TEXT NOT NULL,
    "begin_time" TIMESTAMPTZ(3) NOT NULL,
    "end_time" TIMESTAMPTZ(3) NOT NULL,
    "factor_name" TEXT NOT NULL,
    "factor_value" DECIMAL NOT NULL,
    "extend_params" TEXT NOT NULL,
    "extras" TEXT NOT NULL,
    "record_key" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "part_begin" TIMESTAMPTZ(3) NOT NULL,
    "part_end" TIMESTAMPTZ(3) NOT NULL,
    "provider_id" INTEGER,
    "department_id" INTEGER,
    "price_item_id" INTEGER,
    "numerator" DECIMAL,
    "denominator" DECIMAL,

    CONSTRAINT "usage_record_pkey" PRIMARY KEY ("file_id","line_no","part")
);

-- CreateTable
CREATE TABLE "bill" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "department_id" INTEGER NOT NULL,
    "gross" DECIMAL(18,2) NOT NULL,
    "net" DECIMAL(18,2) NOT NULL,
    "line_count" INTEGER NOT NULL,
    "record_count" INTEGER NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill_line" (
    "id" SERIAL NOT NULL,
    "bill_id" INTEGER NOT NULL,
    "resource_id" TEXT NOT NULL,
    "price_item_id" INTEGER NOT NULL,
    "quantity" DECIMAL(30,10) NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "net" DECIMAL(18,2) NOT NULL,
    "record_count" INTEGER NOT NULL,

    CONSTRAINT "bill_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "remote_file" (
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "mtime" BIGINT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,
    "taken_size" BIGINT,
    "taken_mtime" BIGINT,

    CONSTRAINT "remote_file_pkey" PRIMARY KEY ("source","path")
);

-- CreateIndex
CREATE UNIQUE INDEX "provider_code_key" ON "provider"("code");

-- CreateIndex
CREATE UNIQUE INDEX "department_code_key" ON "department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "vdc_code_key" ON "vdc"("code");

-- CreateIndex
CREATE UNIQUE INDEX "project_project_id_key" ON "project"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "price_item_item_code_key" ON "price_item"("item_code");

-- CreateIndex
CREATE INDEX "price_item_provider_id_service_type_code_resource_type_code_idx" ON "price_item"("provider_id", "service_type_code", "resource_type_code", "resource_spec_code", "factor");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "cdr_file_sha256_idx" ON "cdr_file"("sha256");

-- CreateIndex
CREATE INDEX "cdr_file_status_idx" ON "cdr_file"("status");

-- CreateIndex
CREATE UNIQUE INDEX "cdr_file_source_path_sha256_key" ON "cdr_file"("source", "path", "sha256");

-- CreateIndex
CREATE INDEX "usage_record_month_record_key_idx" ON "usage_record"("month", "record_key");

-- CreateIndex
CREATE INDEX "usage_record_month_department_id_resource_id_idx" ON "usage_record"("month", "department_id", "resource_id");

-- CreateIndex
CREATE UNIQUE INDEX "bill_month_department_id_key" ON "bill"("month", "department_id");

-- CreateIndex
CREATE UNIQUE INDEX "bill_line_bill_id_resource_id_price_item_id_key" ON "bill_line"("bill_id", "resource_id", "price_item_id");

-- AddForeignKey
ALTER TABLE "vdc" ADD CONSTRAINT "vdc_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_vdc_id_fkey" FOREIGN KEY ("vdc_id") REFERENCES "vdc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_item" ADD CONSTRAINT "price_item_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cdr_error" ADD CONSTRAINT "cdr_error_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "cdr_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill" ADD CONSTRAINT "bill_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_line" ADD CONSTRAINT "bill_line_bill_id_fkey" FOREIGN KEY ("bill_id") REFERENCES "bill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_line" ADD CONSTRAINT "bill_line_price_item_id_fkey" FOREIGN KEY ("price_item_id") REFERENCES "price_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

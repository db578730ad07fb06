-- Operations: working calendar, SLA policies, service requests, work orders, alarms, network quality, messages
-- CreateTable
CREATE TABLE "work_calendar" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "work_weekdays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "work_start" INTEGER NOT NULL DEFAULT 480,
    "work_end" INTEGER NOT NULL DEFAULT 1080,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_calendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_calendar_day" (
    "date" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'package',

    CONSTRAINT "work_calendar_day_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "sla_policy" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "clock" TEXT NOT NULL DEFAULT 'working',
    "response_minutes" INTEGER NOT NULL,
    "resolution_minutes" INTEGER NOT NULL,
    "warn_share" DECIMAL(4,3) NOT NULL DEFAULT 0.8,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_order_template" (
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sort" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "work_order_template_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "service_request" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "template_code" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',
    "severity" TEXT NOT NULL,
    "price_item_id" INTEGER,
    "quantity" DECIMAL(20,6),
    "department_id" INTEGER NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "requester_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reviewer_id" INTEGER,
    "review_comment" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_order" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "template_code" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "department_id" INTEGER,
    "provider_id" INTEGER NOT NULL,
    "assignee_id" INTEGER,
    "request_id" INTEGER,
    "alarm_id" INTEGER,
    "requester_id" INTEGER,
    "created_by_id" INTEGER,
    "clock" TEXT NOT NULL,
    "response_minutes" INTEGER NOT NULL,
    "resolution_minutes" INTEGER NOT NULL,
    "warn_share" DECIMAL(4,3) NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "response_due_at" TIMESTAMPTZ(3) NOT NULL,
    "resolution_due_at" TIMESTAMPTZ(3) NOT NULL,
    "response_warned_at" TIMESTAMPTZ(3),
    "resolution_warned_at" TIMESTAMPTZ(3),
    "response_breached_at" TIMESTAMPTZ(3),
    "resolution_breached_at" TIMESTAMPTZ(3),
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "response_seconds" INTEGER,
    "resolution_seconds" INTEGER,
    "resolution" TEXT,
    "delay_reason" TEXT,
    "delay_note" TEXT,
    "review_required" BOOLEAN NOT NULL DEFAULT false,
    "review_note" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_order_stop" (
    "id" SERIAL NOT NULL,
    "work_order_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_by_id" INTEGER,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "approved_by_id" INTEGER,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "work_order_stop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_event" (
    "id" BIGSERIAL NOT NULL,
    "request_id" INTEGER,
    "work_order_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "comment" TEXT,
    "data" JSONB,

    CONSTRAINT "ticket_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER,
    "work_order_id" INTEGER,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_by_id" INTEGER NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm" (
    "id" SERIAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "resource" TEXT,
    "summary" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "provider_id" INTEGER,
    "department_id" INTEGER,
    "status" TEXT NOT NULL,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "acked_at" TIMESTAMPTZ(3),
    "acked_by_id" INTEGER,
    "ack_comment" TEXT,
    "cleared_at" TIMESTAMPTZ(3),
    "cleared_by" TEXT,
    "clear_confirmed_at" TIMESTAMPTZ(3),
    "clear_confirmed_by_id" INTEGER,
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(3),
    "suppressed_by_policy_id" INTEGER,
    "work_order_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alarm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm_event" (
    "id" BIGSERIAL NOT NULL,
    "alarm_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "comment" TEXT,

    CONSTRAINT "alarm_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm_filter_policy" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "matchers" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "author_id" INTEGER,
    "author_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "alarm_filter_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm_rule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "matchers" JSONB NOT NULL,
    "action" TEXT NOT NULL DEFAULT 'open-work-order',
    "work_order_kind" TEXT NOT NULL DEFAULT 'fault',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alarm_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm_escalation" (
    "severity" TEXT NOT NULL,
    "minutes" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alarm_escalation_pkey" PRIMARY KEY ("severity")
);

-- CreateTable
CREATE TABLE "network_sample" (
    "id" BIGSERIAL NOT NULL,
    "target" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DECIMAL(20,6) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "provider_id" INTEGER,
    "source" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_quality_month" (
    "month" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "provider_id" INTEGER,
    "samples" INTEGER NOT NULL,
    "sum" DECIMAL(30,6) NOT NULL,
    "min" DECIMAL(20,6) NOT NULL,
    "max" DECIMAL(20,6) NOT NULL,
    "breaches" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "network_quality_month_pkey" PRIMARY KEY ("month","target","metric")
);

-- CreateTable
CREATE TABLE "network_threshold" (
    "id" SERIAL NOT NULL,
    "metric" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '*',
    "op" TEXT NOT NULL,
    "limit" DECIMAL(20,6) NOT NULL,

    CONSTRAINT "network_threshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_event" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "domain_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_template" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title_zh" TEXT NOT NULL,
    "body_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_template_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "message_rule" (
    "id" SERIAL NOT NULL,
    "event_type" TEXT NOT NULL,
    "template_code" TEXT NOT NULL,
    "recipients" TEXT[],
    "channels" TEXT[] DEFAULT ARRAY['inapp']::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "dedup_minutes" INTEGER NOT NULL DEFAULT 60,
    "quiet_start" INTEGER,
    "quiet_end" INTEGER,

    CONSTRAINT "message_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "event_id" BIGINT,
    "event_type" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "user_id" INTEGER NOT NULL,
    "event_type" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("user_id","event_type","channel")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" BIGINT,
    "user_id" INTEGER,
    "dedup_key" TEXT,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sla_policy_kind_severity_key" ON "sla_policy"("kind", "severity");

-- CreateIndex
CREATE UNIQUE INDEX "service_request_number_key" ON "service_request"("number");

-- CreateIndex
CREATE INDEX "service_request_status_idx" ON "service_request"("status");

-- CreateIndex
CREATE INDEX "service_request_department_id_idx" ON "service_request"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_order_number_key" ON "work_order"("number");

-- CreateIndex
CREATE UNIQUE INDEX "work_order_request_id_key" ON "work_order"("request_id");

-- CreateIndex
CREATE INDEX "work_order_provider_id_status_idx" ON "work_order"("provider_id", "status");

-- CreateIndex
CREATE INDEX "work_order_department_id_status_idx" ON "work_order"("department_id", "status");

-- CreateIndex
CREATE INDEX "work_order_status_resolution_due_at_idx" ON "work_order"("status", "resolution_due_at");

-- CreateIndex
CREATE INDEX "work_order_opened_at_idx" ON "work_order"("opened_at");

-- CreateIndex
CREATE INDEX "work_order_stop_work_order_id_idx" ON "work_order_stop"("work_order_id");

-- CreateIndex
CREATE INDEX "ticket_event_request_id_at_idx" ON "ticket_event"("request_id", "at");

-- CreateIndex
CREATE INDEX "ticket_event_work_order_id_at_idx" ON "ticket_event"("work_order_id", "at");

-- CreateIndex
CREATE INDEX "attachment_request_id_idx" ON "attachment"("request_id");

-- CreateIndex
CREATE INDEX "attachment_work_order_id_idx" ON "attachment"("work_order_id");

-- CreateIndex
CREATE INDEX "alarm_fingerprint_status_idx" ON "alarm"("fingerprint", "status");

-- CreateIndex
CREATE INDEX "alarm_status_first_at_idx" ON "alarm"("status", "first_at");

-- CreateIndex
CREATE INDEX "alarm_provider_id_status_idx" ON "alarm"("provider_id", "status");

-- CreateIndex
CREATE INDEX "alarm_event_alarm_id_at_idx" ON "alarm_event"("alarm_id", "at");

-- CreateIndex
CREATE INDEX "network_sample_target_metric_at_idx" ON "network_sample"("target", "metric", "at");

-- CreateIndex
CREATE UNIQUE INDEX "network_threshold_metric_target_key" ON "network_threshold"("metric", "target");

-- CreateIndex
CREATE INDEX "domain_event_dispatched_at_id_idx" ON "domain_event"("dispatched_at", "id");

-- CreateIndex
CREATE INDEX "notification_user_id_read_at_created_at_idx" ON "notification"("user_id", "read_at", "created_at");

-- CreateIndex
CREATE INDEX "notification_user_id_dedup_key_created_at_idx" ON "notification"("user_id", "dedup_key", "created_at");

-- CreateIndex
CREATE INDEX "outbound_message_status_not_before_idx" ON "outbound_message"("status", "not_before");

-- CreateIndex
CREATE INDEX "outbound_message_user_id_dedup_key_created_at_idx" ON "outbound_message"("user_id", "dedup_key", "created_at");

-- AddForeignKey
ALTER TABLE "work_order" ADD CONSTRAINT "work_order_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order_stop" ADD CONSTRAINT "work_order_stop_work_order_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

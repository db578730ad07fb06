"use client";

import { Card, Col, Progress, Row, Statistic, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { CdrFileSummary } from "@/lib/metering/summarize-cdr-files";
import { fileStatuses } from "@/components/ui/status-tag";
import { bytes } from "@/components/ui/format";
import { useT } from "@/components/layout/locale";

const ORDER = ["registered", "processing", "ok", "incomplete", "quarantined", "duplicate"];
const REFRESH_MS = 3000;

/** Counts per status; while files are being ingested it refreshes the page every few seconds and shows their progress. */
export function FileStatusSummary({ summary }: { summary: CdrFileSummary }) {
  const router = useRouter();
  const { locale, t } = useT();
  const labels = fileStatuses(locale);
  const inFlightCount = (summary.byStatus.registered ?? 0) + (summary.byStatus.processing ?? 0);
  const busy = inFlightCount > 0;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, router]);
  const total = Object.values(summary.byStatus).reduce((a, b) => a + b, 0);
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 12]}>
        <Col xs={6} md={3}>
          <Statistic title={t("metering.summary.all")} value={total} styles={{ content: { fontSize: 20 } }} />
        </Col>
        {ORDER.map((s) => (
          <Col key={s} xs={6} md={3}>
            <Statistic title={labels[s].label} value={summary.byStatus[s] ?? 0} styles={{ content: { color: statusColor(s, summary.byStatus[s] ?? 0), fontSize: 20 } }} />
          </Col>
        ))}
      </Row>
      {summary.inFlight.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="ingestion-progress">
          <Typography.Text type="secondary">{t("metering.summary.ingesting", { seconds: REFRESH_MS / 1000 })}</Typography.Text>
          {summary.inFlight.map((f) => (
            <div key={f.id} style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
              <Link href={`/metering/files/${f.id}`} className="mono" style={{ fontSize: 12, minWidth: 0, overflowWrap: "anywhere" }}>{f.path}</Link>
              <Progress
                style={{ flex: "1 1 160px", margin: 0 }}
                percent={f.size ? Math.floor((f.bytesRead / f.size) * 100) : 0}
                status={f.status === "processing" ? "active" : "normal"}
                format={() => `${bytes(f.bytesRead)} / ${bytes(f.size)}`}
              />
            </div>
          ))}
          {inFlightCount > summary.inFlight.length && <Typography.Text type="secondary">{t("metering.summary.waiting", { n: inFlightCount - summary.inFlight.length })}</Typography.Text>}
        </div>
      )}
    </Card>
  );
}

function statusColor(status: string, count: number): string | undefined {
  if (!count) return undefined;
  return { incomplete: "#d48806", quarantined: "#cf1322", processing: "#1677ff" }[status];
}

"use client";

import { Alert, Progress, Tag } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { RerateStatus } from "@/lib/jobs/queues";
import { useT } from "@/components/layout/locale";

/** Follows a re-rating job until it ends: a progress bar while it runs, then what changed and which bills were rebuilt. */
export function RerateProgress({ jobId, title, onClose }: { jobId: string; title: string; onClose?: () => void }) {
  const router = useRouter();
  const { t, locale } = useT();
  const [status, setStatus] = useState<RerateStatus>({ state: "waiting", done: 0, total: null });
  useEffect(() => {
    let stopped = false;
    async function poll() {
      const r = await fetch(`/api/jobs/rerate/${jobId}`, { cache: "no-store" }).then((x) => x.json() as Promise<RerateStatus>).catch(() => null);
      if (stopped) return;
      if (r) setStatus(r);
      if (r?.state === "completed") { router.refresh(); return; }
      if (r?.state === "failed") return;
      setTimeout(poll, 1000);
    }
    void poll();
    return () => { stopped = true; };
  }, [jobId, router]);

  const running = status.state === "waiting" || status.state === "active" || status.state === "unknown";
  const percent = status.total ? Math.min(100, Math.floor((status.done / status.total) * 100)) : 0;
  return (
    <Alert
      data-testid="rerate-progress"
      type={status.state === "failed" ? "error" : running ? "info" : "success"}
      showIcon
      closable={onClose ? { onClose } : undefined}
      title={title}
      description={
        status.state === "failed" ? t("rerate.failed", { error: status.error ?? "?" })
        : running ? (
          <>
            <div>{status.state === "active" ? t("rerate.active", { done: status.done.toLocaleString(locale), total: (status.total ?? 0).toLocaleString(locale) }) : t("rerate.waiting")}</div>
            <Progress percent={percent} size="small" status="active" />
          </>
        ) : status.months?.length ? (
          <>{t("rerate.done", { n: status.changed ?? 0 })}{status.months?.map((m) => <Link key={m} href={`/billing?month=${m}`} style={{ marginInlineEnd: 8 }}><Tag>{m}</Tag></Link>)}</>
        ) : t("rerate.doneNothing")
      }
    />
  );
}

// The Alertmanager webhook (payload version 4, as Alertmanager 0.27 sends it) mapped onto generic alarms.
import { describe, expect, test } from "vitest";
import { alertmanagerSeverity, mapAlertmanagerPayload } from "../../lib/alarms/alertmanager";
import { AppError } from "../../lib/errors";

const now = new Date("2026-03-10T02:00:00Z");

// A real notification: two alerts of one group, one firing (no end yet: Go's zero time), one resolved.
const payload = {
  receiver: "gov-cloud-supervision",
  status: "firing",
  alerts: [
    {
      status: "firing",
      labels: { alertname: "NodeFilesystemAlmostFull", device: "/dev/vda1", fstype: "ext4", instance: "10.12.3.21:9100", job: "node", mountpoint: "/", severity: "warning", provider: "CT" },
      annotations: {
        description: "Filesystem on /dev/vda1 at 10.12.3.21:9100 has only 4.81% available space left.",
        runbook_url: "https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemalmostfull",
        summary: "Filesystem has less than 5% space left.",
      },
      startsAt: "2026-03-10T01:42:17.348Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes%7Bjob%3D%22node%22%7D&g0.tab=1",
      fingerprint: "4c5e1b2a9f0d7e63",
    },
    {
      status: "resolved",
      labels: { alertname: "NodeFilesystemAlmostFull", device: "/dev/vdb1", fstype: "ext4", instance: "10.12.3.22:9100", job: "node", mountpoint: "/data", severity: "warning", provider: "CT" },
      annotations: { description: "Filesystem on /dev/vdb1 at 10.12.3.22:9100 has only 3.2% available space left." },
      startsAt: "2026-03-10T00:12:47.348Z",
      endsAt: "2026-03-10T01:57:47.348Z",
      generatorURL: "http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes&g0.tab=1",
      fingerprint: "9d1f0c3b8a7e2d45",
    },
  ],
  groupLabels: { alertname: "NodeFilesystemAlmostFull" },
  commonLabels: { alertname: "NodeFilesystemAlmostFull", fstype: "ext4", job: "node", severity: "warning", provider: "CT" },
  commonAnnotations: {},
  externalURL: "http://alertmanager:9093",
  version: "4",
  groupKey: "{}/{severity=\"warning\"}:{alertname=\"NodeFilesystemAlmostFull\"}",
  truncatedAlerts: 0,
};

describe("mapAlertmanagerPayload", () => {
  test("labels, annotations and times map onto the generic alarm", () => {
    const { items, seenAt } = mapAlertmanagerPayload(payload, now);
    expect(items).toEqual([
      {
        fingerprint: "4c5e1b2a9f0d7e63", source: "alertmanager", name: "NodeFilesystemAlmostFull", severity: "warning", status: "firing",
        resource: "10.12.3.21:9100", summary: "Filesystem has less than 5% space left.", at: "2026-03-10T01:42:17.348Z", provider: "CT", department: undefined,
        labels: payload.alerts[0].labels, tags: undefined,
      },
      {
        fingerprint: "9d1f0c3b8a7e2d45", source: "alertmanager", name: "NodeFilesystemAlmostFull", severity: "warning", status: "resolved",
        // no summary annotation: the description stands in
        resource: "10.12.3.22:9100", summary: "Filesystem on /dev/vdb1 at 10.12.3.22:9100 has only 3.2% available space left.", at: "2026-03-10T01:57:47.348Z",
        provider: "CT", department: undefined, labels: payload.alerts[1].labels, tags: undefined,
      },
    ]);
    // a firing alert is re-sent every repeat interval with its startsAt: it was last seen when it arrived
    expect(seenAt.map((d) => d.toISOString())).toEqual([now.toISOString(), "2026-03-10T01:57:47.348Z"]);
  });

  test("a resolved alert without an end time clears now; the resource label stands in for instance", () => {
    const alert = { status: "resolved", labels: { alertname: "LinkDown", resource: "sw-core-a01 Gi0/1", severity: "critical" }, annotations: {}, startsAt: "2026-03-10T01:00:00Z", endsAt: "0001-01-01T00:00:00Z" };
    const { items } = mapAlertmanagerPayload({ version: "4", status: "resolved", alerts: [alert] }, now);
    expect(items[0]).toMatchObject({ status: "resolved", at: now.toISOString(), resource: "sw-core-a01 Gi0/1", severity: "critical", summary: undefined, fingerprint: undefined });
  });

  test("severity words map sensibly; absent or unknown ones are warnings", () => {
    expect(["critical", "Critical", "page", "error", "high", "medium", "warning", "warn", "info", "none", "", undefined, "bogus"].map(alertmanagerSeverity))
      .toEqual(["critical", "critical", "critical", "major", "major", "minor", "warning", "warning", "info", "info", "warning", "warning", "warning"]);
  });

  test("a wrong payload names the alert and the field", () => {
    const bad = { ...payload, alerts: [payload.alerts[0], { ...payload.alerts[1], labels: { instance: "x" } }, { ...payload.alerts[0], status: "pending" }] };
    const e = (() => { try { mapAlertmanagerPayload(bad, now); } catch (x) { return x; } })() as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(400);
    expect((e.details as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ "alerts[1].labels.alertname": ["缺少 alertname 标签"], "alerts[2].status": ["status 应为 firing 或 resolved"] });
    expect(e.message).toBe("alerts[1].labels.alertname：缺少 alertname 标签（共 2 处错误）");
  });

  test("an empty or missing alert list is refused", () => {
    expect(() => mapAlertmanagerPayload({ version: "4" }, now)).toThrow(/alerts/);
    expect(() => mapAlertmanagerPayload({ version: "4", alerts: [] }, now)).toThrow(/alerts 为空/);
  });
});

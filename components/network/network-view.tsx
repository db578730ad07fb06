"use client";

import { SettingOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Card, Col, Empty, Form, Grid, Input, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { MessageKey } from "@/lib/i18n/messages";
import { ANY_TARGET, NETWORK_METRICS, type NetworkMetric } from "@/lib/network/network-codes";
import type { NetworkQuality, QualityRow } from "@/lib/network/network-quality";
import type { ThresholdInput, ThresholdRow } from "@/lib/network/thresholds";
import { percent } from "@/components/ui/format";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "@/components/admin/form-modal";
import { AvailabilityTrendChart, NetworkMetricChart } from "@/components/charts/network-charts";

type ThresholdActions = { save: (input: ThresholdInput) => Promise<ActionResult<ThresholdRow>>; remove: (id: number) => Promise<ActionResult<null>> };

const UNIT: Record<NetworkMetric, string> = { "latency-ms": "ms", "loss-pct": "%", "availability-pct": "%" };
const sign = (op: "max" | "min") => (op === "max" ? "≤" : "≥");

/** A month of network quality: compliance per metric, a chart per metric across links, the availability trend, the figures, and (for policy editors) the thresholds. */
export function NetworkView({ quality, thresholds, asked, editThresholds }: { quality: NetworkQuality; thresholds: ThresholdRow[]; asked: string | null; editThresholds: ThresholdActions | null }) {
  const { t } = useT();
  const router = useRouter();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState(false);
  const metricName = (m: NetworkMetric) => t(`network.metric.${m}` as MessageKey);
  const anyLimit = (m: NetworkMetric) => thresholds.find((x) => x.metric === m && x.target === ANY_TARGET)?.limit ?? null;
  const byMetric = (m: NetworkMetric) => quality.rows.filter((r) => r.metric === m);

  const verdict = (r: QualityRow) => (r.meets === null ? <Tag>{t("network.noThreshold")}</Tag> : <Tag color={r.meets ? "success" : "error"} style={{ marginInlineEnd: 0 }}>{t(r.meets ? "network.meets" : "network.fails")}</Tag>);
  const threshold = (r: QualityRow) => (r.threshold ? `${sign(r.threshold.op)} ${r.threshold.limit} ${UNIT[r.metric]}` : "—");
  const columns: ColumnsType<QualityRow> = [
    { title: t("network.col.target"), dataIndex: "target", key: "target", render: (v: string) => <Typography.Text strong style={{ overflowWrap: "anywhere" }}>{v}</Typography.Text> },
    { title: t("network.col.provider"), dataIndex: "providerName", key: "provider", responsive: ["lg"], render: (v: string | null) => v ?? "—" },
    { title: t("network.col.metric"), key: "metric", render: (_, r) => metricName(r.metric) },
    { title: t("network.col.samples"), dataIndex: "samples", key: "samples", align: "right" },
    { title: t("network.col.average"), dataIndex: "average", key: "average", align: "right" },
    { title: t("network.col.min"), dataIndex: "min", key: "min", align: "right", responsive: ["xl"] },
    { title: t("network.col.max"), dataIndex: "max", key: "max", align: "right", responsive: ["xl"] },
    { title: t("network.col.threshold"), key: "threshold", render: (_, r) => threshold(r) },
    { title: t("network.col.breaches"), dataIndex: "breaches", key: "breaches", align: "right", render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    { title: t("network.col.compliance"), dataIndex: "compliance", key: "compliance", align: "right", render: (v: string) => percent(v) },
    { title: t("network.col.verdict"), key: "verdict", render: (_, r) => verdict(r) },
  ];
  const phoneColumns: ColumnsType<QualityRow> = [
    {
      title: t("network.col.target"), key: "target",
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ overflowWrap: "anywhere" }}>{r.target}</Typography.Text>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{metricName(r.metric)} · {t("network.phoneFigures", { avg: r.average, threshold: threshold(r), breaches: r.breaches, samples: r.samples })}</Typography.Text></div>
        </div>
      ),
    },
    { title: t("network.col.verdict"), key: "verdict", width: 84, render: (_, r) => verdict(r) },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", justifyContent: "space-between" }}>
        <Space wrap>
          <Select
            aria-label={t("network.month")} value={quality.month} style={{ width: 140 }} onChange={(m: string) => router.push(`/network?month=${m}`)}
            options={quality.months.map((m) => ({ value: m, label: m }))}
          />
          {asked && asked !== quality.month && <Tag color="orange">{t("network.noDataFor", { asked, month: quality.month })}</Tag>}
        </Space>
        {editThresholds && <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>{t("network.editThresholds")}</Button>}
      </div>
      {quality.rows.length === 0 ? <Card><Empty description={t("network.empty", { month: quality.month })} /></Card> : (
        <>
          <Row gutter={[16, 16]}>
            {NETWORK_METRICS.map((m) => {
              const rows = byMetric(m);
              const meets = rows.filter((r) => r.meets).length;
              const samples = rows.reduce((a, r) => a + r.samples, 0);
              const breaches = rows.reduce((a, r) => a + r.breaches, 0);
              return (
                <Col key={m} xs={24} md={8}>
                  <Card size="small" title={metricName(m)} extra={anyLimit(m) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("network.chart.threshold")} {sign(m === "availability-pct" ? "min" : "max")} {anyLimit(m)} {UNIT[m]}</Typography.Text>}>
                    <div style={{ display: "flex", flexWrap: "wrap", gap: 24, marginBottom: 8 }}>
                      <Statistic title={t("network.linksMeeting")} value={meets} suffix={`/ ${rows.length}`} styles={{ content: { fontSize: 20, color: meets < rows.length ? "#cf1322" : undefined } }} />
                      <Statistic title={t("network.sampleCompliance")} value={samples ? percent(((samples - breaches) / samples).toFixed(4)) : "—"} styles={{ content: { fontSize: 20 } }} />
                    </div>
                    <NetworkMetricChart bars={rows.map((r) => ({ target: r.target, average: r.average, meets: r.meets, limit: r.threshold?.limit ?? null }))} limit={anyLimit(m)} unit={UNIT[m]} zoom={m === "availability-pct"} />
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Card size="small" title={t("network.trend")}>
            {quality.trend.targets.length ? <AvailabilityTrendChart points={quality.trend.points} targets={quality.trend.targets} limit={anyLimit("availability-pct")} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
          <Card size="small" title={t("network.figures", { month: quality.month })}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("network.figuresHelp")}</Typography.Paragraph>
            <Table<QualityRow>
              rowKey={(r) => `${r.target}|${r.metric}`} size="small" dataSource={quality.rows} columns={phone ? phoneColumns : columns}
              pagination={quality.rows.length > 30 ? { pageSize: 30, size: "small" } : false} scroll={phone ? undefined : { x: "max-content" }}
            />
          </Card>
        </>
      )}
      {editing && editThresholds && (
        <ThresholdsModal thresholds={thresholds} targets={[...new Set(quality.rows.map((r) => r.target))]} actions={editThresholds} onClose={() => { setEditing(false); router.refresh(); }} />
      )}
    </Space>
  );
}

type ThresholdValues = { metric: NetworkMetric; target: string; limit: string };

function ThresholdsModal({ thresholds, targets, actions, onClose }: { thresholds: ThresholdRow[]; targets: string[]; actions: ThresholdActions; onClose: () => void }) {
  const { t } = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const { form, pending, error, onFinish } = useServerForm(async (v: ThresholdValues) => {
    const r = await actions.save(v);
    return r.ok ? { ok: true as const, outcome: t("network.thresholdSaved") } : r;
  }, (text) => { message.success(text); form.resetFields(["target", "limit"]); router.refresh(); }, ["metric", "target", "limit"]);
  async function remove(r: ThresholdRow) {
    const res = await actions.remove(r.id);
    if (res.ok) message.success(t("network.thresholdDeleted")); else message.error(res.message);
    router.refresh();
  }
  const columns: ColumnsType<ThresholdRow> = [
    { title: t("network.col.metric"), key: "metric", render: (_, r) => t(`network.metric.${r.metric}` as MessageKey) },
    { title: t("network.col.target"), key: "target", render: (_, r) => (r.target === ANY_TARGET ? <Tag>{t("network.allTargets")}</Tag> : <span style={{ overflowWrap: "anywhere" }}>{r.target}</span>) },
    { title: t("network.col.threshold"), key: "limit", render: (_, r) => `${sign(r.op)} ${r.limit} ${UNIT[r.metric]}` },
    {
      title: t("alarm.col.actions"), key: "actions", width: phone ? 72 : undefined,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => form.setFieldsValue({ metric: r.metric, target: r.target, limit: r.limit })}>{t("network.change")}</Button>
          {r.target !== ANY_TARGET && (
            <Popconfirm title={t("network.deleteThresholdConfirm", { target: r.target })} okText={t("network.delete")} okButtonProps={{ danger: true }} cancelText={t("common.cancel")} onConfirm={() => remove(r)}>
              <Button size="small" danger>{t("network.delete")}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <FormModal open title={t("network.editThresholds")} width={760} footer={null} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t("network.thresholdHelp")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} initialValues={{ metric: "latency-ms", target: ANY_TARGET }}>
        <div style={{ display: "flex", flexWrap: "wrap", gap: "0 12px", alignItems: "flex-end" }}>
          <Form.Item name="metric" label={t("network.col.metric")} style={{ flex: "1 1 150px" }}>
            <Select options={NETWORK_METRICS.map((m) => ({ value: m, label: t(`network.metric.${m}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="target" label={t("network.col.target")} rules={[{ required: true, whitespace: true, message: t("network.targetRequired") }]} style={{ flex: "1 1 180px" }}>
            <AutoComplete options={[ANY_TARGET, ...targets].map((x) => ({ value: x }))} />
          </Form.Item>
          <Form.Item name="limit" label={t("network.col.threshold")} rules={[{ required: true, message: t("network.limitRequired") }]} style={{ flex: "1 1 120px" }}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item style={{ flex: "0 0 auto" }}><Button type="primary" htmlType="submit" loading={pending}>{t("common.save")}</Button></Form.Item>
        </div>
      </Form>
      <Table<ThresholdRow> rowKey="id" size="small" dataSource={thresholds} columns={columns} pagination={false} />
    </FormModal>
  );
}

"use client";

import { CloudDownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Calendar, Card, Checkbox, Col, DatePicker, Form, Grid, Input, Popconfirm, Radio, Row, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { CalendarDayRow, WorkingHoursRow } from "@/lib/sla/calendar";
import { FormModal } from "@/components/admin/form-modal";
import { useQueryState } from "@/components/ui/use-query-state";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { clockTime } from "./duration";
import type { SlaAdminActions } from "./sla-admin-view";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Quarter hours from 00:00 to 24:00. */
const TIMES = Array.from({ length: 97 }, (_, i) => i * 15);
/** ISO weekday (1 = Monday) of a calendar date, by UTC arithmetic on the date itself. */
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const KIND_COLORS = { holiday: "red", workday: "blue" } as const;

function WorkingHoursCard({ hours, save }: { hours: WorkingHoursRow; save: SlaAdminActions["saveHours"] }) {
  const { t } = useT();
  const { message } = App.useApp();
  const router = useRouter();
  const { form, pending, error, onFinish } = useServerForm(save, () => { message.success(t("sla.calendar.hoursSaved")); router.refresh(); }, ["workWeekdays", "workStart", "workEnd"]);
  const timeOptions = TIMES.map((m) => ({ value: m, label: clockTime(m) }));
  return (
    <Card size="small" title={t("sla.calendar.hours")}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={hours}>
        <Form.Item name="workWeekdays" label={t("sla.calendar.weekdays")}>
          <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`sla.calendar.weekday.${d}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={8}><Form.Item name="workStart" label={t("sla.calendar.start")}><Select options={timeOptions.slice(0, -1)} showSearch={{ optionFilterProp: "label" }} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="workEnd" label={t("sla.calendar.end")}><Select options={timeOptions.slice(1)} showSearch={{ optionFilterProp: "label" }} /></Form.Item></Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("sla.calendar.hoursExtra")}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={pending}>{t("sla.common.save")}</Button>
      </Form>
    </Card>
  );
}

type DayValues = { date: Dayjs; kind: "holiday" | "workday"; name: string };

function DayModal({ day, year, save, onClose, onSaved }: { day: Partial<CalendarDayRow> & { date?: string }; year: number; save: SlaAdminActions["setDay"]; onClose: () => void; onSaved: (text: string) => void }) {
  const { t } = useT();
  const phone = Grid.useBreakpoint().md === false;
  const { form, pending, error, onFinish } = useServerForm(async (v: DayValues) => {
    const input = { date: v.date.format("YYYY-MM-DD"), kind: v.kind, name: v.name };
    const result = await save(input);
    return result.ok ? { ok: true as const, outcome: t("sla.calendar.daySaved", { date: input.date, kind: t(`sla.calendar.kind.${input.kind}`) }) } : result;
  }, onSaved, ["date", "kind", "name"]);
  const fixedDate = Boolean(day.date);
  return (
    <FormModal open title={day.date ? t("sla.calendar.dayTitle", { date: day.date }) : t("sla.calendar.newDayTitle")} okText={t("sla.common.save")} cancelText={t("sla.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending} width={480}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ date: day.date ? dayjs(day.date) : undefined, kind: day.kind ?? "holiday", name: day.name ?? "" }}>
        <Form.Item name="date" label={t("sla.calendar.date")} rules={[{ required: true, message: t("sla.calendar.dateRequired") }]}>
          <DatePicker style={{ width: "100%" }} disabled={fixedDate} inputReadOnly={phone} defaultPickerValue={dayjs(`${year}-01-01`)} />
        </Form.Item>
        <Form.Item name="kind" label={t("sla.calendar.kind")}>
          <Radio.Group options={(["holiday", "workday"] as const).map((k) => ({ value: k, label: t(`sla.calendar.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("sla.calendar.name")} extra={t("sla.calendar.dayExtra")} rules={[{ required: true, whitespace: true, message: t("sla.calendar.nameRequired") }]}>
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Working hours, then the year's holidays and make-up days: a month view marking 休/班, the list, the package import and manual overrides. */
export function CalendarTab({ year, thisYear, hours, days, packageYears, actions }: {
  year: number; thisYear: number; hours: WorkingHoursRow; days: CalendarDayRow[]; packageYears: number[]; actions: SlaAdminActions;
}) {
  const { t, locale } = useT();
  const { message, modal } = App.useApp();
  const router = useRouter();
  const { update, pending } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<(Partial<CalendarDayRow> & { date?: string }) | null>(null);
  const [importing, setImporting] = useState(false);
  const [month, setMonth] = useState<Dayjs>(() => dayjs(year === thisYear ? dayjs().format("YYYY-MM-01") : `${year}-01-01`));
  const byDate = new Map(days.map((d) => [d.date, d]));
  const dayName = (d: CalendarDayRow) => (locale === "en" ? d.nameEn ?? d.name : d.name);
  const inPackage = packageYears.includes(year);
  const years = [...new Set([...packageYears, thisYear - 1, thisYear, thisYear + 1, year])].sort((a, b) => b - a);

  async function importYear() {
    setImporting(true);
    const result = await actions.importYear(year);
    setImporting(false);
    if (!result.ok) { message.error(result.message); return; }
    const { created, updated, unchanged, removed, keptManual } = result.outcome;
    modal.success({ title: t("sla.calendar.imported", { year, created, updated, unchanged, removed, keptManual }) });
    router.refresh();
  }
  async function remove(d: CalendarDayRow) {
    const result = await actions.removeDay(d.date);
    if (result.ok) message.success(t("sla.calendar.dayRemoved", { date: d.date }));
    else message.error(result.message);
    router.refresh();
  }

  const kindTag = (d: CalendarDayRow) => <Tag color={KIND_COLORS[d.kind]}>{t(`sla.calendar.kind.${d.kind}`)}</Tag>;
  const sourceTag = (d: CalendarDayRow) => <Tag color={d.source === "manual" ? "gold" : undefined}>{t(`sla.calendar.source.${d.source}`)}</Tag>;
  const actionsCell = (d: CalendarDayRow) => (
    <Space size={4} wrap={phone}>
      <Button size="small" onClick={() => setEditing(d)}>{t("sla.common.edit")}</Button>
      <Popconfirm title={t("sla.calendar.removeConfirm", { date: d.date })} description={t("sla.calendar.removeDetail")} okText={t("sla.common.remove")} okButtonProps={{ danger: true }} cancelText={t("sla.common.cancel")} onConfirm={() => remove(d)}>
        <Button size="small" danger>{t("sla.common.remove")}</Button>
      </Popconfirm>
    </Space>
  );
  const columns: ColumnsType<CalendarDayRow> = phone
    ? [
      { title: t("sla.calendar.date"), key: "date", render: (_, d) => <div><Typography.Text strong>{d.date}</Typography.Text> {t(`sla.calendar.weekday.${isoWeekday(d.date)}` as "sla.calendar.weekday.1")}<div>{kindTag(d)}{sourceTag(d)}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayName(d)}</Typography.Text></div> },
      { title: t("sla.common.actions"), key: "actions", width: 80, render: (_, d) => actionsCell(d) },
    ]
    : [
      { title: t("sla.calendar.date"), dataIndex: "date", key: "date", render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{v} <Typography.Text type="secondary">{t(`sla.calendar.weekday.${isoWeekday(v)}` as "sla.calendar.weekday.1")}</Typography.Text></span> },
      {
        title: t("sla.calendar.kind"), key: "kind", filters: (["holiday", "workday"] as const).map((k) => ({ text: t(`sla.calendar.kind.${k}`), value: k })), onFilter: (v, d) => d.kind === v,
        render: (_, d) => <Tooltip title={t(`sla.calendar.kind.${d.kind}`)}><Tag color={KIND_COLORS[d.kind]}>{t(`sla.calendar.mark.${d.kind}`)}</Tag></Tooltip>,
      },
      { title: t("sla.calendar.name"), key: "name", render: (_, d) => <span style={{ whiteSpace: "nowrap" }}>{dayName(d)}</span> },
      { title: t("sla.calendar.source"), key: "source", render: (_, d) => sourceTag(d) },
      { title: t("sla.common.actions"), key: "actions", render: (_, d) => actionsCell(d) },
    ];

  // wide: a tag and the holiday's name under the date; phone: the date itself coloured, with 休/班 beside it
  const cell = (date: Dayjs) => {
    const d = byDate.get(date.format("YYYY-MM-DD"));
    if (!d) return null;
    return (
      <div style={{ lineHeight: 1.2 }} data-testid={`calendar-mark-${d.date}`}>
        <Tag color={KIND_COLORS[d.kind]} style={{ marginInlineEnd: 0, fontSize: 11, paddingInline: 4, lineHeight: "16px" }}>{t(`sla.calendar.mark.${d.kind}`)}</Tag>
        <div style={{ fontSize: 12, color: "rgba(0,0,0,0.55)", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{dayName(d)}</div>
      </div>
    );
  };
  const phoneCell = (date: Dayjs, origin: React.ReactNode) => {
    const d = byDate.get(date.format("YYYY-MM-DD"));
    if (!d) return origin;
    const color = d.kind === "holiday" ? "#cf1322" : "#1f5fbf";
    return (
      <div className="ant-picker-cell-inner" style={{ position: "relative", color, fontWeight: 600 }} data-testid={`calendar-mark-${d.date}`}>
        {date.date()}
        <span style={{ position: "absolute", top: -6, right: -8, fontSize: 9, lineHeight: "12px", color }}>{t(`sla.calendar.mark.${d.kind}`)}</span>
      </div>
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <WorkingHoursCard hours={hours} save={actions.saveHours} />
      <Card
        size="small"
        title={t("sla.calendar.days", { year })}
        extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t("sla.calendar.addDay")}</Button>}
      >
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", marginBottom: 12 }}>
          <Select
            value={year} style={{ width: 110 }} loading={pending} data-testid="calendar-year"
            options={years.map((y) => ({ value: y, label: t("sla.calendar.year", { year: y }) }))}
            onChange={(y: number) => { setMonth(dayjs(y === thisYear ? dayjs().format("YYYY-MM-01") : `${y}-01-01`)); update({ year: y === thisYear ? null : y }); }}
          />
          <Popconfirm title={t("sla.calendar.importConfirm", { year })} description={t("sla.calendar.importDetail")} okText={t("sla.calendar.import", { year })} cancelText={t("sla.common.cancel")} onConfirm={importYear} disabled={!inPackage}>
            <Button icon={<CloudDownloadOutlined />} loading={importing} disabled={!inPackage} data-testid="import-holidays">{t("sla.calendar.import", { year })}</Button>
          </Popconfirm>
          {!inPackage && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.calendar.noPackageData", { year, years: packageYears.length ? `${packageYears[0]}–${packageYears[packageYears.length - 1]}` : "—" })}</Typography.Text>}
        </div>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Calendar
              fullscreen={!phone}
              value={month}
              validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                setMonth(d);
                if (info.source !== "date") return;
                const date = d.format("YYYY-MM-DD");
                const existing = byDate.get(date);
                setEditing(existing ?? { date, kind: [6, 7].includes(isoWeekday(date)) || !hours.workWeekdays.includes(isoWeekday(date)) ? "workday" : "holiday" });
              }}
              {...(phone
                ? { fullCellRender: (d: Dayjs, info: { type: string; originNode: React.ReactElement }) => (info.type === "date" ? phoneCell(d, info.originNode) : info.originNode) }
                : { cellRender: (d: Dayjs, info: { type: string; originNode: React.ReactElement }) => (info.type === "date" ? cell(d) : info.originNode) })}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.calendar.legend")}</Typography.Text>
          </Col>
          <Col xs={24} xl={12}>
            <Table<CalendarDayRow>
              rowKey="date" size="small" dataSource={days} columns={columns} scroll={{ x: true }}
              pagination={{ pageSize: 15, size: "small", hideOnSinglePage: true }} locale={{ emptyText: t("sla.calendar.empty") }}
            />
          </Col>
        </Row>
      </Card>
      {editing && (
        <DayModal
          key={editing.date ?? "new"} day={editing} year={year} save={actions.setDay} onClose={() => setEditing(null)}
          onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
        />
      )}
    </Space>
  );
}

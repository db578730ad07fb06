"use client";

import { ApartmentOutlined, ClusterOutlined, PlusOutlined, ProjectOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Tag, Tree, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { OrgOutcome } from "@/app/(portal)/admin/org/actions";
import type { OrgTree } from "@/lib/org/manage-org";
import { RerateProgress } from "@/components/jobs/rerate-progress";
import { percent } from "@/components/ui/format";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";

type Department = OrgTree["departments"][number];
type Vdc = Department["vdcs"][number];
type Project = Vdc["projects"][number];
type Selected = { kind: "department"; department: Department } | { kind: "vdc"; department: Department; vdc: Vdc } | { kind: "project"; department: Department; vdc: Vdc; project: Project };
type Editing =
  | { kind: "department"; values: { id?: number; code?: string; name?: string; discountRate?: string } }
  | { kind: "vdc"; values: { id?: number; code?: string; name?: string; departmentId?: number } }
  | { kind: "project"; values: { id?: number; projectId?: string; name?: string; vdcId?: number } };

export type OrgActions = {
  saveDepartment: (input: { id?: number; code: string; name: string; discountRate?: string }) => Promise<ActionResult<OrgOutcome>>;
  saveVdc: (input: { id?: number; code: string; name: string; departmentId: number }) => Promise<ActionResult<OrgOutcome>>;
  saveProject: (input: { id?: number; projectId: string; name: string; vdcId: number }) => Promise<ActionResult<OrgOutcome>>;
};

/** The org tree (city → department → VDC → project, and the providers) with its edits; moves re-rate the open months. */
export function OrgTreeView({ tree, canAddDepartment, actions }: { tree: OrgTree; canAddDepartment: boolean; actions: OrgActions }) {
  const { message } = App.useApp();
  const router = useRouter();
  const { t } = useT();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [outcome, setOutcome] = useState<OrgOutcome | null>(null);

  const nodes = useMemo(() => [{
    key: "city", title: t("org.city"), icon: <ApartmentOutlined />,
    children: tree.departments.map((d) => ({
      key: `d${d.id}`, title: <span>{d.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.code}</Typography.Text></span>, icon: <ClusterOutlined />,
      children: d.vdcs.map((v) => ({
        key: `v${v.id}`, title: <span>{v.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.code}</Typography.Text></span>,
        children: v.projects.map((p) => ({ key: `p${p.id}`, title: <span>{p.name} <Typography.Text type="secondary" className="mono" style={{ fontSize: 11 }}>{p.projectId.slice(0, 8)}…</Typography.Text></span>, icon: <ProjectOutlined />, isLeaf: true })),
      })),
    })),
  }], [tree, t]);

  const selected = useMemo((): Selected | null => {
    for (const d of tree.departments) {
      if (selectedKey === `d${d.id}`) return { kind: "department", department: d };
      for (const v of d.vdcs) {
        if (selectedKey === `v${v.id}`) return { kind: "vdc", department: d, vdc: v };
        for (const p of v.projects) if (selectedKey === `p${p.id}`) return { kind: "project", department: d, vdc: v, project: p };
      }
    }
    return null;
  }, [selectedKey, tree]);

  const done = (o: OrgOutcome) => {
    setEditing(null);
    if (o.rerateJobId) setOutcome(o);
    else message.success(o.what);
    router.refresh();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {outcome?.rerateJobId && <RerateProgress key={outcome.rerateJobId} jobId={outcome.rerateJobId} title={outcome.what} onClose={() => setOutcome(null)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("org.treeTitle")} extra={canAddDepartment && <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ kind: "department", values: {} })}>{t("org.addDepartment")}</Button>}>
            {tree.departments.length ? (
              <Tree showIcon defaultExpandedKeys={["city"]} treeData={nodes} selectedKeys={selectedKey ? [selectedKey] : []} onSelect={(keys) => setSelectedKey((keys[0] as string) ?? null)} data-testid="org-tree" />
            ) : <Empty description={t("org.empty")} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("org.details")}>
            {!selected ? <Typography.Text type="secondary">{t("org.pick")}</Typography.Text> : <Detail selected={selected} edit={setEditing} />}
          </Card>
          {tree.providers.length > 0 && (
            <Card size="small" title={t("catalog.col.provider")} style={{ marginTop: 16 }}>
              <Descriptions size="small" column={1} items={tree.providers.map((p) => ({ key: p.code, label: `${p.name}（${p.code}）`, children: <Space wrap>{p.regionCodes.map((r) => <Tag key={r}>{r}</Tag>)}<Typography.Text type="secondary">{t("org.userCount", { n: p.users })}</Typography.Text></Space> }))} />
            </Card>
          )}
        </Col>
      </Row>
      {editing && <EditModal editing={editing} tree={tree} actions={actions} onCancel={() => setEditing(null)} onDone={done} />}
    </Space>
  );
}

function Detail({ selected, edit }: { selected: Selected; edit: (e: Editing) => void }) {
  const { t } = useT();
  const d = selected.department;
  if (selected.kind === "department") {
    return (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Descriptions size="small" bordered column={1} items={[
          { key: "code", label: t("org.code"), children: d.code }, { key: "name", label: t("catalog.col.name"), children: d.name },
          { key: "rate", label: t("bills.discount"), children: d.discountRate ? percent(d.discountRate) : t("bills.noDiscount") },
          { key: "vdcs", label: "VDC", children: d.vdcs.length }, { key: "users", label: t("org.users"), children: d.users },
        ]} />
        <Space wrap>
          <Button onClick={() => edit({ kind: "department", values: { id: d.id, code: d.code, name: d.name, discountRate: d.discountRate ?? "" } })}>{t("org.editDepartment")}</Button>
          <Button icon={<PlusOutlined />} onClick={() => edit({ kind: "vdc", values: { departmentId: d.id } })}>{t("org.addVdc")}</Button>
        </Space>
      </Space>
    );
  }
  const v = selected.vdc;
  if (selected.kind === "vdc") {
    return (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Descriptions size="small" bordered column={1} items={[{ key: "code", label: t("org.code"), children: v.code }, { key: "name", label: t("catalog.col.name"), children: v.name }, { key: "dept", label: t("org.department"), children: d.name }, { key: "projects", label: t("org.projects"), children: v.projects.length }]} />
        <Space wrap>
          <Button onClick={() => edit({ kind: "vdc", values: { id: v.id, code: v.code, name: v.name, departmentId: d.id } })}>{t("org.editVdc")}</Button>
          <Button icon={<PlusOutlined />} onClick={() => edit({ kind: "project", values: { vdcId: v.id } })}>{t("org.addProject")}</Button>
        </Space>
      </Space>
    );
  }
  const p = selected.project;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={1} items={[{ key: "pid", label: "ProjectID", children: <span className="mono" style={{ wordBreak: "break-all" }}>{p.projectId}</span> }, { key: "name", label: t("catalog.col.name"), children: p.name }, { key: "vdc", label: "VDC", children: `${v.name}（${d.name}）` }]} />
      <Button onClick={() => edit({ kind: "project", values: { id: p.id, projectId: p.projectId, name: p.name, vdcId: v.id } })}>{t("org.editProject")}</Button>
    </Space>
  );
}

const TITLES = { department: "org.kind.department", vdc: "org.kind.vdc", project: "org.kind.project" } as const;

function EditModal({ editing, tree, actions, onCancel, onDone }: { editing: Editing; tree: OrgTree; actions: OrgActions; onCancel: () => void; onDone: (o: OrgOutcome) => void }) {
  const submit = (values: Record<string, unknown>) => {
    const id = editing.values.id;
    if (editing.kind === "department") return actions.saveDepartment({ ...(values as { code: string; name: string; discountRate?: string }), id });
    if (editing.kind === "vdc") return actions.saveVdc({ ...(values as { code: string; name: string; departmentId: number }), id });
    return actions.saveProject({ ...(values as { projectId: string; name: string; vdcId: number }), id });
  };
  const { form, pending, error, onFinish } = useServerForm(submit, onDone);
  const { t } = useT();
  const moves = editing.kind !== "department" && editing.values.id;
  return (
    <Modal open title={t(editing.values.id ? "org.editTitle" : "org.addTitle", { what: t(TITLES[editing.kind]) })} okText={t("common.save")} cancelText={t("common.cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {moves && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("org.moveNotice")} />}
      <Form form={form} layout="vertical" initialValues={editing.values} onFinish={onFinish}>
        {editing.kind === "project" ? (
          <Form.Item label={t("org.projectId")} name="projectId" rules={[{ required: true, message: t("org.projectIdRequired") }]}><Input className="mono" /></Form.Item>
        ) : (
          <Form.Item label={t("org.code")} name="code" rules={[{ required: true, message: t("org.codeRequired") }]}><Input /></Form.Item>
        )}
        <Form.Item label={t("catalog.col.name")} name="name" rules={[{ required: true, message: t("org.nameRequired") }]}><Input /></Form.Item>
        {editing.kind === "department" && <Form.Item label={t("org.discountLabel")} name="discountRate" extra={t("org.discountNotice")}><Input inputMode="decimal" /></Form.Item>}
        {editing.kind === "vdc" && (
          <Form.Item label={t("org.department")} name="departmentId" rules={[{ required: true, message: t("org.departmentRequired") }]}>
            <Select showSearch={{ optionFilterProp: "label" }} options={tree.departments.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))} />
          </Form.Item>
        )}
        {editing.kind === "project" && (
          <Form.Item label="VDC" name="vdcId" rules={[{ required: true, message: t("org.vdcRequired") }]}>
            <Select showSearch={{ optionFilterProp: "label" }} options={tree.departments.flatMap((d) => d.vdcs.map((v) => ({ value: v.id, label: `${d.name} / ${v.name}（${v.code}）` })))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The tabs of /service/sla, shared by the server page (which reads ?tab=) and the client view. */
export const SLA_TABS = ["policies", "calendar", "templates"] as const;
export type SlaTab = (typeof SLA_TABS)[number];

"use client";

import { Grid, Modal, type ModalProps } from "antd";

/** A modal for a form: the given width on wide screens, the whole width of a phone (no side margins to lose). */
export function FormModal({ width = 560, style, ...props }: ModalProps) {
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Modal
      destroyOnHidden
      mask={{ closable: false }}
      {...props}
      width={phone ? "100vw" : width}
      style={phone ? { top: 0, maxWidth: "100vw", margin: 0, paddingBottom: 0 } : style}
    />
  );
}

"use client";

import { Typography } from "antd";

// Server components cannot reach into a client module's members (Typography.Title is undefined there), so the
// members they use are re-exported from this client module.
export const Title = Typography.Title;
export const Text = Typography.Text;
export const Paragraph = Typography.Paragraph;

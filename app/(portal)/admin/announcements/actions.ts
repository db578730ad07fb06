"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { createAnnouncement, deleteAnnouncement, updateAnnouncement, type AnnouncementInput } from "@/lib/system/announcements";

const announcementId = z.number().int().positive();

// the home page shows announcements in force, so it changes with them
const refresh = () => { revalidatePath("/admin/announcements"); revalidatePath("/dashboard"); };

export async function createAnnouncementAction(input: AnnouncementInput): Promise<ActionResult<{ title: string }>> {
  const actor = await requireActor("system.announcements");
  return runAction(async () => {
    const a = await createAnnouncement(getDb().db, actor, input);
    refresh();
    return { title: a.title };
  });
}

export async function updateAnnouncementAction(id: number, input: AnnouncementInput): Promise<ActionResult<{ title: string }>> {
  const actor = await requireActor("system.announcements");
  return runAction(async () => {
    const a = await updateAnnouncement(getDb().db, actor, announcementId.parse(id), input);
    refresh();
    return { title: a.title };
  });
}

export async function deleteAnnouncementAction(id: number): Promise<ActionResult<null>> {
  const actor = await requireActor("system.announcements");
  return runAction(async () => {
    await deleteAnnouncement(getDb().db, actor, announcementId.parse(id));
    refresh();
    return null;
  });
}

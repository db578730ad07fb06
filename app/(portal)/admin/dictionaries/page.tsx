import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listDictionaryEntries, listDictionaryTypes } from "@/lib/system/dictionaries";
import { DictionaryView } from "@/components/admin/dictionary-view";
import { Title } from "@/components/ui/typography";
import { deleteDictionaryEntryAction, saveDictionaryEntryAction, setDictionaryEntryEnabledAction } from "./actions";

export const metadata = { title: "数据字典" };

export default async function DictionariesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor("system.dictionaries");
  const { db } = getDb();
  const types = await listDictionaryTypes(db);
  const asked = oneParam((await searchParams).type);
  const type = types.find((t) => t.type === asked) ?? types[0];
  const [entries, locale] = await Promise.all([listDictionaryEntries(db, type.type), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "admin.dictionaries.title")}</Title>
      <DictionaryView
        types={types} type={type} entries={entries}
        actions={{ save: saveDictionaryEntryAction, setEnabled: setDictionaryEntryEnabledAction, remove: deleteDictionaryEntryAction }}
      />
    </>
  );
}

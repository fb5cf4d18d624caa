/**
 * View model of the catalog: reports (newest first), each with its lists, row counts and dates,
 * ready for the DOM layer to render. Pure: built from a validated CatalogIndex.
 */
import type { CatalogIndex } from "../../../picks/types";
import { rowCountText, t, type Lang } from "../../i18n";
import { listTitle } from "../../preview/model";

export interface CatalogTreeList {
  id: string;
  title: string;
  rowCount: number;
  rowCountText: string;
}

export interface CatalogTreeReport {
  id: string;
  /** Broker in the chosen language: 华鑫证券 / Huaxin Securities. */
  broker: string;
  /** Report title as printed (the reports are in Chinese, so it is not translated). */
  reportTitle: string;
  reportDate: string;
  dateText: string;
  lists: CatalogTreeList[];
}

export function buildCatalogTree(index: CatalogIndex, lang: Lang): CatalogTreeReport[] {
  const reports = index.reports.map(
    (report): CatalogTreeReport => ({
      id: report.id,
      broker: lang === "zh" ? report.broker : report.brokerEn || report.broker,
      reportTitle: report.reportTitle,
      reportDate: report.reportDate,
      dateText: t(lang, "reportDate", { date: report.reportDate }),
      lists: report.lists.map((entry) => ({
        id: entry.id,
        title: listTitle(entry.title, lang),
        rowCount: entry.rowCount,
        rowCountText: rowCountText(lang, entry.rowCount),
      })),
    }),
  );
  // ISO dates sort as text; the stable sort keeps the index's order within a day.
  return reports.sort((a, b) => (a.reportDate < b.reportDate ? 1 : a.reportDate > b.reportDate ? -1 : 0));
}

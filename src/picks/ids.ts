/**
 * Stable ids. A report is "<broker slug>-<report date>" (huaxin-2024-02-18); a list is the report id
 * plus what the list is: "-table5-focus" for a numbered table (表5) whose caption the glossary knows,
 * "-focus" for an unnumbered one, "-table5" for a numbered one it does not know, "-theme-optical-modules"
 * for a themed list; positional fallbacks ("-table<ordinal>", "-theme-<ordinal>") otherwise.
 */
import type { PickListSource } from "./types";
import { brokerSlug } from "./brokers";

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function reportId(source: Pick<PickListSource, "broker" | "reportDate">): string {
  return `${brokerSlug(source.broker)}-${source.reportDate}`;
}

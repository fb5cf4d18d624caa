/**
 * The Feeds tab's list of allowed addresses: each origin the page's policy lets it connect to (csp.ts),
 * with the feeds that use it, and a Remove button on those no feed uses. What it shows comes from the
 * view model (origins.ts: allowedOriginsView); removing is the pane's (view.ts), passed in.
 */
import { h } from "../../dom";
import type { PaneKit } from "../../pane";
import { dataText } from "../../ui";
import type { AllowedOriginView } from "./origins";

/** The saved addresses the page may connect to, each with the feeds using it and a remove button. */
export function allowedOriginsSection(kit: PaneKit, views: readonly AllowedOriginView[], removeOrigin: (origin: string) => void): HTMLElement {
  return h("div", { className: "aic-origins", attrs: { "data-section": "allowed-origins" } }, [
    h("h3", { className: "aic-subheading" }, [kit.tr("feedsOriginsHeading")]),
    h("p", { className: "aic-muted" }, [kit.tr("feedsOriginsIntro")]),
    views.length === 0
      ? h("p", { className: "aic-muted" }, [kit.tr("feedsOriginsEmpty")])
      : h(
          "ul",
          { className: "aic-origin-list" },
          views.map((v) =>
            h("li", { className: "aic-origin", attrs: { "data-origin": v.origin } }, [
              h("div", { className: "aic-list-text" }, [
                dataText(v.origin, "span", "aic-origin-name"),
                h(
                  "span",
                  { className: "aic-meta" },
                  v.usedBy.length > 0
                    ? [...kit.msg({ key: "feedsOriginUsedBy", params: { names: v.usedBy.join(", ") }, data: ["names"] }), " ", kit.tr("feedsOriginInUse")]
                    : [kit.tr("feedsOriginUnused")],
                ),
              ]),
              v.removable
                ? h("div", { className: "aic-list-actions" }, [
                    kit.actionButton(kit.tr("feedsOriginRemoveButton"), {
                      label: kit.tr("feedsOriginRemoveLabel", { origin: v.origin }),
                      focusKey: `feed:origin-remove:${v.origin}`,
                      small: true,
                      needs: null,
                      onClick: () => removeOrigin(v.origin),
                    }),
                  ])
                : null,
            ]),
          ),
        ),
  ]);
}

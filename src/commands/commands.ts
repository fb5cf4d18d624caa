/*
 * Ribbon commands. The manifest's only button opens the taskpane (ShowTaskpane action), which needs
 * no code; this bundle is loaded by the shared-runtime page so that ExecuteFunction commands added
 * later can be associated here. Outside Office (the page opened in a plain browser) there is no Office
 * global, and nothing to do.
 */
if (typeof Office !== "undefined") {
  Office.onReady(() => {
    // Nothing to associate yet: the taskpane button is declarative.
  });
}
